"""The identify screen names the task it serves (try-out 4, item 12a): 预约取号 opened it
with only "请选择一种方式证明您的身份", nothing saying it was for a booking."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.flow import Screen
from tests.support.pages import read_the_guide
from tests.ui.helpers import wait_until_tappable


def _tap(window, qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    found = [w for w in window.findChildren(QAbstractButton, name) if w.isVisible()]
    assert found, f"no visible {name!r} on {window.core.screen()}"
    wait_until_tappable(found[0])  # as a citizen looks first: the tap guard (ui/tap_guard.py)
    qtbot.mouseClick(found[0], Qt.MouseButton.LeftButton)
    qtbot.wait(1)


def _heading(window) -> str:  # type: ignore[no-untyped-def]
    w = window.findChild(QLabel, "identify_heading")
    assert w is not None and w.isVisible()
    return str(w.text())


def test_booking_says_so_on_the_identify_screen(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _tap(window, qtbot, "tile_appointment")
    assert window.core.screen() == Screen.IDENTIFY
    assert _heading(window).startswith("预约取号：")
    _tap(window, qtbot, "btn_lang")
    assert _heading(window).startswith("Booking a visit:")
    # An application: the heading does not speak of a booking.
    _tap(window, qtbot, "btn_home")
    _tap(window, qtbot, "tile_apply")
    assert window.core.screen() == Screen.CATALOG
    _tap(window, qtbot, "service_gongan.hukou_certificate")  # 户籍证明开具, a popular one
    read_the_guide(window, lambda n: _tap(window, qtbot, n))
    _tap(window, qtbot, "btn_start")
    assert window.core.screen() == Screen.IDENTIFY
    assert _heading(window) == "Please choose one way to show who you are"
