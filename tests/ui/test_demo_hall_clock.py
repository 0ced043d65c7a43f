"""The demo's hall clock: after hours the demo runs the hall on a simulated weekday
morning, so 现场取号 can be tried; the demo panel says so and switches back to the real
time, and the header and the ticket show the same hall time."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QPushButton

from kiosk.flow import Journey, Screen
from kiosk.hall_clock import HallClock
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_booking_slip_agrees import _capture, _slip_text
from tests.ui.test_bookings_truth import _shown
from tests.ui.test_services_flow import click
from ui.demo_panel import install_demo_panel


def _header(window) -> str:  # type: ignore[no-untyped-def]
    window.check_idle()  # the window's one-second tick
    return str(window.findChild(QLabel, "header_clock").text())


def _visible(window, name: str) -> bool:  # type: ignore[no-untyped-def]
    return any(b.isVisible() for b in window.findChildren(QAbstractButton, name))


def _to_queue(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.core.start(Journey.APPOINTMENT)
    window.core.next()  # past IDENTIFY
    window.show_screen()
    qtbot.waitUntil(lambda: _visible(window, "dept_gongan.huzheng"), timeout=3000)
    click(qtbot, window, "dept_gongan.huzheng")
    click(qtbot, window, "mode_queue")


def test_after_hours_the_demo_simulates_office_hours_and_says_so(
    window, kiosk_app, qtbot, citizen, clock
) -> None:  # type: ignore[no-untyped-def]
    clock.now = dt.datetime(2026, 11, 27, 19, 5, tzinfo=dt.UTC)  # Friday evening, all closed
    hall = HallClock(clock)
    hall.use_office_hours_if_closed()  # what `kiosk --demo` does at start
    window.core.hall_clock = hall
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    state = panel.findChild(QLabel, "demo_hall_time")
    assert "模拟时间" in state.text() and "周一 10:00" in state.text()
    toggle = panel.findChild(QPushButton, "btn_demo_toggle")
    if not panel.collapsed:  # beside the kiosk when the screen has room: fold it
        qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert panel.collapsed and "模拟时间" in toggle.text()  # folded, it still says so
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert not panel.collapsed and state.isVisible()
    assert _header(window).endswith("10:00") and "11月30日" in _header(window)
    printed = _capture(citizen)
    _to_queue(window, qtbot)
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=3000)
    assert _shown(window, "ticket_number").endswith("A001")
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=6000)
    assert "10:00" in _slip_text(printed[0])  # the ticket's time is the header's
    assert "19:05" not in _slip_text(printed[0])
    # The presenter switches to the real time: the truth, closed, shown as such.
    qtbot.mouseClick(panel.findChild(QPushButton, "demo_clock_real"), Qt.MouseButton.LeftButton)
    assert "真实时间" in state.text() and "模拟" not in state.text()
    assert "模拟" not in panel.findChild(QPushButton, "btn_demo_toggle").text()
    assert _header(window).endswith("19:05")
    window.core.home()
    window.show_screen()
    qtbot.wait(50)  # the screens of the task are dropped on the GUI thread
    _to_queue(window, qtbot)
    assert "不在办公时间" in _shown(window, "appt_message")
    assert window.core.screen() == Screen.APPOINTMENT
    # And back to the simulated office hours.
    qtbot.mouseClick(panel.findChild(QPushButton, "demo_clock_office"), Qt.MouseButton.LeftButton)
    assert "模拟时间" in state.text()
    assert _header(window).endswith("10:00")


def test_in_office_hours_the_demo_keeps_the_real_time(window, kiosk_app, qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    clock.now = dt.datetime(2026, 11, 25, 11, 0, tzinfo=dt.UTC)  # Wednesday morning
    hall = HallClock(clock)
    hall.use_office_hours_if_closed()
    window.core.hall_clock = hall
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    state = panel.findChild(QLabel, "demo_hall_time")
    assert "真实时间" in state.text() and "周三 11:00" in state.text()
    assert _header(window).endswith("11:00")


def test_a_kiosk_not_in_demo_has_no_hall_clock_control(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.core.hall_clock is window.core.clock  # the real kiosk: its own clock
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    assert panel.findChild(QLabel, "demo_hall_time") is None
