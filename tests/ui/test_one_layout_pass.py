"""A screen change lays the bars out once, at its end, and before anything is painted.

show_screen holds the bars' layouts while the new screen and the bars' buttons are
shown (ui/main_window.py ``_one_layout_pass``): Qt would otherwise lay the window
out again for each widget shown. Held layouts must still be complete when the tap
returns: a button placed where the bar was laid out before it appeared would be
painted (and tapped) in the wrong place.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.flow import Screen
from tests.ui.helpers import wait_until_tappable

BARS = ("btn_back", "btn_home", "btn_lang", "btn_call_staff", "steps_bar", "header")


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _places(window) -> dict[str, QRect]:  # type: ignore[no-untyped-def]
    out = {}
    for name in BARS:
        found = [w for w in window.findChildren(QWidget, name) if w.isVisible()]
        assert found, f"no visible {name} on {window.core.screen().value}"
        w = found[0]
        out[name] = QRect(w.mapTo(window, w.rect().topLeft()), w.size())
    return out


def _tap(qtbot, window, name: str) -> None:  # type: ignore[no-untyped-def]
    found = [w for w in window.findChildren(QWidget, name) if w.isVisible()]
    assert found, f"no visible {name} on {window.core.screen().value}"
    wait_until_tappable(found[0])
    qtbot.mouseClick(found[0], Qt.MouseButton.LeftButton, pos=found[0].rect().center())


def test_the_bars_are_laid_out_when_the_tap_returns(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _settle()
    _tap(qtbot, window, "tile_apply")  # 返回, 首页 and the steps bar appear
    assert window.core.screen() == Screen.CATALOG
    at_once = _places(window)  # no event processed since the tap
    for name, rect in at_once.items():
        assert rect.width() > 0 and rect.height() > 0, name
        assert window.rect().contains(rect), f"{name} at {rect} outside the window"
    _settle()
    assert _places(window) == at_once, "the bars moved after the tap had returned"
    page = window.stack.currentWidget()
    assert page.geometry() == window.stack.rect()  # the new screen fills its place


def test_the_layouts_are_live_again_after_a_screen_change(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _settle()
    _tap(qtbot, window, "tile_apply")
    _settle()
    window.resize(1280, 800)  # a layout still held would leave the bars where they were
    _settle()
    places = _places(window)
    assert places["btn_call_staff"].right() < 1280
    assert places["btn_back"].left() >= 0
