"""Try-out 8, C1 on the queue ticket and booking screen too: 请取走您的身份证 / 请取走您的证件
stayed after the document had been taken. The SAM reader's presence check (while the
screen shows) and the chip reader's removal end the reminder: 证件已取走. A reader that
fails meanwhile keeps it up. The demo kiosk (started: its simulated readers watched as
in the lobby), taps on the real window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from drivers.idcard.frames import Command
from drivers.idcard.simulator import Fault
from kiosk.demo import DemoControls
from kiosk.flow import Screen
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_idcard_taken_receipt import ASKING, Painted, seen_gone

READ_MS = 20_000  # a bound that only keeps a broken test from hanging
CARD_ZH, PASSPORT_ZH, TAKEN_ZH = "请取走您的身份证", "请取走您的证件", "证件已取走"


def _start(kiosk_app) -> None:  # type: ignore[no-untyped-def]
    kiosk_app.start()  # the readers watched as in the lobby, the embedded platform up
    assert kiosk_app.backend.wait_started(30)


def _tap(window, qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    """Tap the visible, enabled control ``name``; fail loudly when it is not there."""

    def shown() -> QWidget | None:
        kind = QWidget if name.startswith("field_") else QAbstractButton  # a field: tapped too
        for b in window.findChildren(kind, name):
            if b.isVisible() and b.isEnabled():
                return b
        return None

    qtbot.waitUntil(lambda: shown() is not None, timeout=10_000)
    button = shown()
    assert button is not None, name
    wait_until_tappable(button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _take_card_text(window) -> str:  # type: ignore[no-untyped-def]
    shown = [w.text() for w in window.findChildren(QLabel, "ticket_take_card") if w.isVisible()]
    return str(shown[0]) if shown else ""


def _book_with_the_card(window, kiosk_app, qtbot) -> DemoControls:  # type: ignore[no-untyped-def]
    _start(kiosk_app)
    _tap(window, qtbot, "tile_appointment")
    demo = DemoControls(kiosk_app.backend)
    demo.lay_id_card("resident")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.APPOINTMENT, timeout=READ_MS)
    for name in ("dept_minzheng.hunyin", "mode_book", "day_20261124", "slot_1000"):
        _tap(window, qtbot, name)
    _tap(window, qtbot, "btn_confirm_booking")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=READ_MS)
    qtbot.waitUntil(lambda: _take_card_text(window) == CARD_ZH, timeout=READ_MS)
    return demo


def test_a_booking_made_with_the_id_card_says_it_was_taken(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    demo = _book_with_the_card(window, kiosk_app, qtbot)
    sim = kiosk_app.backend.idcard_simulator
    sim.commands.clear()
    qtbot.waitUntil(lambda: Command.READ_ADDITIONAL_ADDRESS in list(sim.commands), timeout=READ_MS)
    assert _take_card_text(window) == CARD_ZH  # checked, still lying there
    demo.lift_id_card()  # Shift+F5
    qtbot.waitUntil(lambda: _take_card_text(window) == TAKEN_ZH, timeout=READ_MS)


def test_a_card_lifted_while_booking_is_never_asked_for_on_the_booking(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot
) -> None:
    _start(kiosk_app)
    _tap(window, qtbot, "tile_appointment")
    demo = DemoControls(kiosk_app.backend)
    demo.lay_id_card("resident")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.APPOINTMENT, timeout=READ_MS)
    demo.lift_id_card()  # taken back while choosing the counter and the time
    seen_gone(qtbot, kiosk_app.backend.idcard_simulator)
    for name in ("dept_minzheng.hunyin", "mode_book", "day_20261124", "slot_1000"):
        _tap(window, qtbot, name)
    with Painted() as painted:
        _tap(window, qtbot, "btn_confirm_booking")
        qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=READ_MS)
        qtbot.waitUntil(lambda: TAKEN_ZH in painted.texts, timeout=READ_MS)
        qtbot.wait(300)
    # Stop 28: 请取走您的身份证 first, then 证件已取走 once the page's own check saw it.
    assert not painted.asking(), painted.asking()
    assert _take_card_text(window) == TAKEN_ZH
    voice = window.core.voice
    assert voice is None or voice.wait_idle(5.0)
    said = list(voice.player.texts) if voice is not None else []
    assert not [t for t in said if any(a in t for a in ASKING)]


def test_a_silent_reader_is_not_a_taken_card(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    demo = _book_with_the_card(window, kiosk_app, qtbot)
    sim = kiosk_app.backend.idcard_simulator
    sim.fault(Fault.SILENCE, times=None)
    demo.lift_id_card()
    sim.commands.clear()
    qtbot.waitUntil(
        lambda: sum(c is Command.FIND_CARD for c in list(sim.commands)) >= 6, timeout=READ_MS
    )
    assert _take_card_text(window) == CARD_ZH
    sim.clear_faults()
    qtbot.waitUntil(lambda: _take_card_text(window) == TAKEN_ZH, timeout=READ_MS)


def test_a_queue_number_taken_with_a_passport_says_it_was_taken(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot
) -> None:
    _start(kiosk_app)
    _tap(window, qtbot, "tile_appointment")
    DemoControls(kiosk_app.backend).insert_document("adult")  # F2: its keys typed below
    qtbot.waitUntil(lambda: window.core.screen() == Screen.MRZ_ENTRY, timeout=READ_MS)
    for ch in "E12345678":
        _tap(window, qtbot, f"key_{ch}")
    _tap(window, qtbot, "field_birth_date")
    for ch in "1985031220341231":  # the expiry follows by itself
        _tap(window, qtbot, f"key_{ch}")
    _tap(window, qtbot, "btn_read")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.APPOINTMENT, timeout=READ_MS)
    _tap(window, qtbot, "dept_gongan.huzheng")
    _tap(window, qtbot, "mode_queue")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=READ_MS)
    qtbot.waitUntil(lambda: _take_card_text(window) == PASSPORT_ZH, timeout=READ_MS)
    DemoControls(kiosk_app.backend).remove_document()  # F4
    qtbot.waitUntil(lambda: _take_card_text(window) == TAKEN_ZH, timeout=READ_MS)
