"""A queue number taken just before the counter stops serving warns calmly (screen and
slip); after closing, the tap is refused with the counter's hours shown."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QAbstractButton

from kiosk.flow import Journey, Screen
from kiosk.receipts.data import QueueTicketData
from kiosk.receipts.templates import queue_ticket
from kiosk.services.appointments import closing_warning
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_bookings_truth import _shown
from tests.ui.test_services_flow import click


def _take_number(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.core.start(Journey.APPOINTMENT)
    window.core.next()
    window.show_screen()
    qtbot.waitUntil(lambda: window.findChild(QAbstractButton, "dept_gongan.huzheng") is not None)
    click(qtbot, window, "dept_gongan.huzheng")  # 户政窗口, 09:00-17:00
    click(qtbot, window, "mode_queue")


def test_a_number_taken_minutes_before_closing_warns(window, qtbot, citizen, clock) -> None:  # type: ignore[no-untyped-def]
    assert closing_warning() >= dt.timedelta(minutes=5)  # the data's N covers 16:55
    clock.now = dt.datetime(2026, 11, 23, 16, 55, tzinfo=dt.UTC)
    _take_number(window, qtbot)
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=3000)
    assert "17:00 结束办理" in _shown(window, "ticket_next")
    assert "可能来不及" in _shown(window, "ticket_next")
    click(qtbot, window, "btn_lang")
    assert "stops serving at 17:00" in _shown(window, "ticket_next")


def test_a_number_taken_early_has_no_warning(window, qtbot, citizen, clock) -> None:  # type: ignore[no-untyped-def]
    clock.now = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
    _take_number(window, qtbot)
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=3000)
    assert "结束办理" not in _shown(window, "ticket_next")


def test_after_closing_the_number_is_refused_with_the_hours(window, qtbot, citizen, clock) -> None:  # type: ignore[no-untyped-def]
    clock.now = dt.datetime(2026, 11, 23, 17, 0, tzinfo=dt.UTC)
    _take_number(window, qtbot)
    qtbot.waitUntil(lambda: "09:00–17:00" in _shown(window, "appt_message"), timeout=3000)
    assert window.core.screen() == Screen.APPOINTMENT
    assert [r for r in citizen.outbox.list()] == []  # nothing issued
    click(qtbot, window, "btn_lang")
    assert "closed now (open 09:00-17:00)" in _shown(window, "appt_message")


def test_the_slip_carries_the_closing_warning() -> None:
    data = QueueTicketData(
        "1-A001", "户政窗口", dt.datetime(2026, 11, 23, 16, 55), "K1", closes_at="17:00"
    )
    assert "本窗口今天 17:00 结束办理" in repr(queue_ticket(data, "zh"))
    plain = QueueTicketData("1-A001", "户政窗口", dt.datetime(2026, 11, 23, 10, 0), "K1")
    assert "结束办理" not in repr(queue_ticket(plain, "zh"))
