"""The top bar in English (tryout finding 20): an unambiguous date (the month spelled,
never 12/4), and the centre's name kept in portrait, where the full location does
not fit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.helpers import wait_until_tappable


def _text(window, name: str) -> str:  # type: ignore[no-untyped-def]
    w = window.findChild(QLabel, name)
    assert w is not None and w.isVisible(), name
    return str(w.text())


def _to_english(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    wait_until_tappable(window.lang_btn)
    qtbot.mouseClick(window.lang_btn, Qt.MouseButton.LeftButton)
    window.check_idle()  # the clock's once-a-second tick
    for _ in range(3):
        QApplication.processEvents()


def test_english_date_spells_the_month(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _to_english(window, qtbot)  # the test clock: Monday 23 Nov 2026, 09:00 UTC
    clock = _text(window, "header_clock")
    assert clock.startswith("Mon 23 Nov 2026"), clock
    assert "11/23" not in clock


def test_english_portrait_keeps_the_centre_name(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1080, 1920)
    _to_english(window, qtbot)
    k = window.core.settings.kiosk
    qtbot.waitUntil(lambda: _text(window, "header_centre") in (k.location_en, k.centre_en))
    assert "Nov" in _text(window, "header_clock")  # the date too, not the time alone
