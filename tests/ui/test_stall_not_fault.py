"""A GUI freeze is not a device fault (try-out 3, item 17).

The console's audit trail showed ``device.fault idcard`` at the instant the kiosk's
watchdog logged the GUI thread unresponsive for 3.6 s. A GUI thread inside a long
call holds Python's GIL: the card reader's worker could not run, its reply wait ran
out across the freeze, and the reader was called faulty. Here the GUI thread is
frozen on purpose, exactly while the reader waits for the SAM's answer (the
simulated reader on a pseudo-terminal, read by the real serial driver), and the
audit trail must record no fault; a reader that really stops answering still is.
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QTimer

from drivers.idcard.simulator import Fault
from drivers.idcard.types import ReaderState

STALL_S = 0.8  # longer than the reader's 0.5 s reply timeout
WAIT_MS = 20_000


def _freeze_gui_during_an_exchange(sim) -> None:  # type: ignore[no-untyped-def]
    """Run in the GUI thread's event loop: wait (GIL released) until the reader has sent
    a command, then hold the GIL for STALL_S, as a long Qt call does."""
    sim.commands.clear()
    give_up = time.monotonic() + 5
    while not sim.commands and time.monotonic() < give_up:
        time.sleep(0.0005)
    assert sim.commands, "the reader sent nothing to freeze across"
    before = sys.getswitchinterval()
    sys.setswitchinterval(STALL_S + 1)  # no other Python thread runs meanwhile
    try:
        end = time.monotonic() + STALL_S
        while time.monotonic() < end:
            pass
    finally:
        sys.setswitchinterval(before)


def _idcard_faults(app) -> list[dict]:  # type: ignore[no-untyped-def]
    path = app.backend.audit.log.path
    entries = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    return [e for e in entries if e["kind"] == "device.fault" and e["data"]["device"] == "idcard"]


def _supervise_for(app, qtbot, seconds: float) -> None:  # type: ignore[no-untyped-def]
    """Let the supervisor look at the devices often (a reader state lasts one poll)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.backend.supervisor.poll_once()
        qtbot.wait(20)


def test_a_gui_freeze_is_not_a_card_reader_fault(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    kiosk_app.start()
    assert kiosk_app.backend.wait_started(30)
    reader, sim = kiosk_app.backend.idcard, kiosk_app.backend.idcard_simulator
    qtbot.waitUntil(lambda: reader.status() is ReaderState.READY, timeout=WAIT_MS)
    _supervise_for(kiosk_app, qtbot, 0.1)
    # Before its first exchange the reader is "starting", not a fault (it was recorded
    # as disconnected, a fault, at every start).
    before = _idcard_faults(kiosk_app)
    assert before == []

    for _ in range(4):
        QTimer.singleShot(0, lambda: _freeze_gui_during_an_exchange(sim))
        qtbot.wait(50)  # the freeze runs inside the event loop
        _supervise_for(kiosk_app, qtbot, 0.4)
        assert reader.status() is ReaderState.READY
    assert _idcard_faults(kiosk_app) == before

    # A reader that really stops answering is still a fault, from its own timeout.
    sim.fault(Fault.SILENCE, times=None)
    try:
        qtbot.waitUntil(lambda: reader.status() is ReaderState.FAULT, timeout=WAIT_MS)
        _supervise_for(kiosk_app, qtbot, 0.1)
        qtbot.waitUntil(lambda: len(_idcard_faults(kiosk_app)) > len(before), timeout=WAIT_MS)
    finally:
        sim.clear_faults()
    assert _idcard_faults(kiosk_app)[-1]["data"]["detail"].startswith("idcard.not_answering")
