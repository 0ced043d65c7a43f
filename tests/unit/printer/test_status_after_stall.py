"""A printer's answer that arrived while the asking thread could not run is still read
(try-out 3 item 17: a GUI freeze holding the GIL must not make a device look silent)."""

from __future__ import annotations

from drivers.printer.types import PrinterState
from tests.unit.printer.test_status_parsing import ScriptedLink, _printer


class StalledLink(ScriptedLink):
    """Answers at once; but the first wait for it ends 3.6 s later, empty-handed: the
    waiting thread could not run (the answer came in meanwhile and waits in the buffer)."""

    stalled = False

    def read(self, timeout: float) -> bytes:
        if timeout > 0 and not self.stalled:
            self.stalled = True
            self.clock[0] += 3.6
            return b""
        return super().read(timeout)


def test_an_answer_waiting_after_a_stall_is_read() -> None:
    clock = [0.0]
    status = _printer(StalledLink(clock), clock).status()
    assert status.state is PrinterState.READY


def test_a_silent_printer_is_still_offline_after_a_stall() -> None:
    clock = [0.0]
    link = StalledLink(clock)
    link.silent = True
    assert _printer(link, clock).status().state is PrinterState.OFFLINE
