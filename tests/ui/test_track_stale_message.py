"""A message about the last try goes when the citizen starts again (try-out 5, item 12:
after a code that could not be read, "That code could not be read" stayed on screen
while a valid tracking number was typed under it)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.flow import Screen
from tests.support.citizen_backend import tracking_number
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.helpers import wait_until_tappable

DAY = dt.date(2026, 11, 23)


def _tap(window, qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    def shown() -> list[QAbstractButton]:
        return [w for w in window.findChildren(QAbstractButton, name) if w.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()), timeout=2000)
    b = shown()[0]
    wait_until_tappable(b)
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
    qtbot.wait(1)


def _message(window) -> QLabel:  # type: ignore[no-untyped-def]
    m = window.findChild(QLabel, "track_message")
    assert m is not None
    return m


def test_unreadable_code_message_goes_when_typing_starts(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    _tap(window, qtbot, "tile_track")
    assert window.core.screen() == Screen.TRACK
    qtbot.waitUntil(
        lambda: "就绪" in window.findChild(QLabel, "track_scanner_state").text(), timeout=3000
    )
    citizen.scanner.present("HELLO-NOT-A-RECEIPT")  # F8 on the demo panel: not the kiosk's
    qtbot.waitUntil(lambda: _message(window).isVisible(), timeout=5000)
    assert _message(window).text()
    tn = str(tracking_number(DAY))
    _tap(window, qtbot, f"key_{tn[0]}")
    assert not _message(window).isVisible()  # stale: gone with the first key
    for ch in tn.replace("-", "")[1:]:
        _tap(window, qtbot, f"key_{ch}")
    assert not _message(window).isVisible()
    # A new mistake is said again, and goes again with the next key.
    _tap(window, qtbot, "btn_track_lookup")  # a bare number asks for the ID's last 4
    _tap(window, qtbot, "key_1")
    _tap(window, qtbot, "btn_track_lookup")  # one character is not 4
    assert _message(window).isVisible()
    _tap(window, qtbot, "key_2")
    assert not _message(window).isVisible()


def test_reprint_mismatch_message_goes_when_typing_starts(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_reprint import _key, _open, _print_receipt, _type_and_print

    _print_receipt(kiosk_app)
    _open(window, qtbot)
    assert "不符" in _type_and_print(window, qtbot, "110105194912310021")
    result = window.findChild(QLabel, "reprint_result")
    assert result.isVisible()
    wait_until_tappable(_key(window, "1"))
    qtbot.mouseClick(_key(window, "1"), Qt.MouseButton.LeftButton)
    assert not result.isVisible()  # the next number is being typed: the old word goes
