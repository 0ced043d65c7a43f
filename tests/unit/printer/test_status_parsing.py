"""DLE EOT / GS r interpretation and the driver's status logic, over a scripted link."""

from __future__ import annotations

import pytest

from drivers.printer.document import Document, Text
from drivers.printer.escpos_printer import EscposPrinter, StatusTiming
from drivers.printer.status import StatusBytes, interpret, interpret_gs_r
from drivers.printer.transports import LinkError
from drivers.printer.types import PrinterState, SendOutcome


@pytest.mark.parametrize(
    ("replies", "state"),
    [
        (StatusBytes(0x12, 0x12, None, 0x12), PrinterState.READY),
        (StatusBytes(0x12, 0x12, None, 0x1E), PrinterState.PAPER_NEAR_END),
        (StatusBytes(0x1A, 0x32, None, 0x72), PrinterState.PAPER_OUT),
        (StatusBytes(0x1A, 0x16, None, 0x12), PrinterState.COVER_OPEN),
        (StatusBytes(0x1A, 0x52, 0x1A, 0x12), PrinterState.ERROR),
        (StatusBytes(0x1A, 0x12, None, 0x12), PrinterState.OFFLINE),
        (StatusBytes(None), PrinterState.OFFLINE),
        # Paper sensor answered but cause did not: still paper out.
        (StatusBytes(0x1A, None, None, 0x72), PrinterState.PAPER_OUT),
    ],
)
def test_interpret(replies: StatusBytes, state: PrinterState) -> None:
    assert interpret(replies).state is state


def test_interpret_gs_r() -> None:
    assert interpret_gs_r(0x00).state is PrinterState.READY
    assert interpret_gs_r(0x03).state is PrinterState.PAPER_NEAR_END
    assert interpret_gs_r(0x0C).state is PrinterState.PAPER_OUT


class ScriptedLink:
    """Answers status requests from a script; records writes. Time is virtual."""

    def __init__(self, clock: list[float], paper: int = 0x12, gs_r: int | None = 0x00) -> None:
        self.clock = clock
        self.paper = paper
        self.gs_r = gs_r
        self.printer = 0x12
        self.cause = 0x12
        self.silent = False
        self.fail_open = False
        self.writes: list[bytes] = []
        self._out = bytearray()
        self.opened = 0

    bidirectional = True

    def open(self) -> None:
        if self.fail_open:
            raise LinkError("refused")
        self.opened += 1

    def write(self, data: bytes) -> None:
        self.writes.append(data)
        if self.silent:
            return
        answers = {
            b"\x10\x04\x01": self.printer,
            b"\x10\x04\x02": self.cause,
            b"\x10\x04\x03": 0x12,
            b"\x10\x04\x04": self.paper,
        }
        if data in answers:
            self._out.append(answers[data])
        elif data == b"\x1dr\x01" and self.gs_r is not None:
            self._out.append(self.gs_r)

    def read(self, timeout: float) -> bytes:
        if self._out:
            out, self._out = bytes(self._out), bytearray()
            return out
        self.clock[0] += timeout  # waiting costs the full timeout
        return b""

    def close(self) -> None:
        pass


def _printer(link: ScriptedLink, clock: list[float]) -> EscposPrinter:
    timing = StatusTiming(status_timeout_s=0.5, confirm_timeout_s=10.0, poll_interval_s=0.25)
    return EscposPrinter(link, timing=timing, clock=lambda: clock[0])


DOC = Document((Text("hi"),))


def test_ready_printer_prints_and_confirms_with_gs_r() -> None:
    clock = [0.0]
    link = ScriptedLink(clock)
    result = _printer(link, clock).print_document(DOC)
    assert result.outcome is SendOutcome.PRINTED
    assert link.writes[-1] == b"\x1dr\x01"
    assert result.bytes_sent > 0


def test_paper_out_is_refused_before_any_byte() -> None:
    clock = [0.0]
    link = ScriptedLink(clock, paper=0x72)
    link.printer, link.cause = 0x1A, 0x32
    result = _printer(link, clock).print_document(DOC)
    assert result.outcome is SendOutcome.NOT_SENT
    assert result.status.state is PrinterState.PAPER_OUT
    assert all(w.startswith(b"\x10\x04") for w in link.writes)


def test_silent_printer_is_offline_after_one_status_timeout() -> None:
    clock = [0.0]
    link = ScriptedLink(clock)
    link.silent = True
    status = _printer(link, clock).status()
    assert status.state is PrinterState.OFFLINE
    assert clock[0] == pytest.approx(0.5)  # one question, not the library's 60 s


def test_connection_refused_is_offline_not_an_exception() -> None:
    clock = [0.0]
    link = ScriptedLink(clock)
    link.fail_open = True
    result = _printer(link, clock).print_document(DOC)
    assert result.outcome is SendOutcome.NOT_SENT
    assert result.status.state is PrinterState.OFFLINE


def test_job_never_confirmed_while_printer_says_ready_is_unconfirmed() -> None:
    clock = [0.0]
    link = ScriptedLink(clock, gs_r=None)
    result = _printer(link, clock).print_document(DOC)
    assert result.outcome is SendOutcome.UNCONFIRMED
    assert result.status.state is PrinterState.ERROR


def test_paper_out_during_confirmation_is_reported_at_the_next_poll() -> None:
    clock = [0.0]
    link = ScriptedLink(clock, gs_r=None)
    printer = _printer(link, clock)
    original_write = link.write

    def write(data: bytes) -> None:
        if data == b"\x1dr\x01":  # the job is out; now the roll runs dry
            link.paper, link.printer, link.cause = 0x72, 0x1A, 0x32
        original_write(data)

    link.write = write  # type: ignore[method-assign]
    result = printer.print_document(DOC)
    assert result.outcome is SendOutcome.UNCONFIRMED
    assert result.status.state is PrinterState.PAPER_OUT
    assert clock[0] < 1.0


def test_stale_bytes_do_not_pass_for_a_status_reply() -> None:
    clock = [0.0]
    link = ScriptedLink(clock)
    link._out += b"\x00\x00"  # e.g. a late GS r answer from a previous job
    assert _printer(link, clock).status().state is PrinterState.READY


def test_absent_usb_and_serial_printers_are_offline_not_exceptions() -> None:
    from drivers.printer.escpos_printer import serial_printer, usb_printer

    for printer in (usb_printer(0x0416, 0x5011), serial_printer("/dev/nonexistent-tty")):
        status = printer.status()
        assert status.state is PrinterState.OFFLINE
        assert printer.print_document(DOC).outcome is SendOutcome.NOT_SENT
