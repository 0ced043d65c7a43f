"""Bookings and tickets through the real window, offline and with the paper out:
a booking is provisional until the platform accepts it (and says so), is confirmed or
sent back for rebooking when the platform answers, and the slip can be reprinted once
the printer is back."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.flow import Journey, Screen
from kiosk.printing import PrinterState
from kiosk.tracking import shown_tracking_number
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_services_flow import (
    click,
)


def _shown(window, name: str) -> str:  # type: ignore[no-untyped-def]
    found = [w for w in window.findChildren(QLabel, name) if w.isVisible()]
    return found[0].text() if found else ""


def to_first_slot(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Tap from the booking journey's counters to 10:00 on 24 November."""
    window.core.start(Journey.APPOINTMENT)
    window.core.next()  # past IDENTIFY (the apply journey's screen)
    window.show_screen()
    qtbot.waitUntil(lambda: window.findChild(QAbstractButton, "dept_minzheng.hunyin") is not None)
    click(qtbot, window, "dept_minzheng.hunyin")
    click(qtbot, window, "mode_book")
    click(qtbot, window, "day_20261124")
    click(qtbot, window, "slot_1000")


def _book_offline(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    citizen.sync.online = False
    to_first_slot(window, qtbot)
    # Before the tap that books: the platform cannot be asked, so it is provisional.
    assert "平台确认后才生效" in _shown(window, "appt_unconfirmed")
    click(qtbot, window, "btn_confirm_booking")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=3000)


def _record(citizen):  # type: ignore[no-untyped-def]
    [rec] = citizen.outbox.list()
    return rec


def test_offline_booking_is_provisional_then_confirmed(window, qtbot, citizen, clock) -> None:  # type: ignore[no-untyped-def]
    _book_offline(window, qtbot, citizen)
    qtbot.waitUntil(lambda: "待平台确认" in _shown(window, "ticket_heading"), timeout=3000)
    assert "预约成功" not in _shown(window, "ticket_heading")
    assert "平台确认后预约才生效" in _shown(window, "ticket_next")
    assert _shown(window, "ticket_number") == "2026年11月24日 10:00-10:30"  # a time, not a number
    rec = _record(citizen)
    assert shown_tracking_number(rec.tracking_number) in _shown(window, "ticket_reference")
    # The network comes back and the platform accepts the booking record.
    citizen.outbox.mark_delivered(rec.id, clock())
    qtbot.waitUntil(
        lambda: _shown(window, "ticket_heading") == "预约成功，平台已确认", timeout=4000
    )
    assert "平台确认后预约才生效" not in _shown(window, "ticket_next")
    assert not window.findChild(QAbstractButton, "btn_rebook").isVisible()


def test_refused_booking_asks_to_book_again(window, qtbot, citizen, clock) -> None:  # type: ignore[no-untyped-def]
    _book_offline(window, qtbot, citizen)
    citizen.outbox.mark_dead(_record(citizen).id, "409 slot full", clock())
    qtbot.waitUntil(lambda: _shown(window, "ticket_heading") == "此时段未能预约成功", timeout=4000)
    assert "重新预约" in _shown(window, "ticket_next")
    click(qtbot, window, "btn_rebook")
    assert window.core.screen() == Screen.APPOINTMENT


def test_a_booking_refused_as_a_second_one_that_day_says_so(window, qtbot, citizen, clock) -> None:  # type: ignore[no-untyped-def]
    """Offline booking refused at sync because the platform holds another booking of this
    person at this counter that day: not "time full", and no rebooking offered."""
    _book_offline(window, qtbot, citizen)
    rec = _record(citizen)
    citizen.outbox.mark_dead(rec.id, "HTTP 422: already_booked", clock())
    qtbot.waitUntil(lambda: "已有预约" in _shown(window, "ticket_heading"), timeout=4000)
    assert "约满" not in _shown(window, "ticket_next")
    assert "仍然有效" in _shown(window, "ticket_next")
    assert not window.findChild(QAbstractButton, "btn_rebook").isVisible()
    click(qtbot, window, "btn_lang")
    assert "already have a booking" in _shown(window, "ticket_heading")


def test_paper_out_then_restored_offers_the_reprint(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    citizen.printer.paper_out()
    _book_offline(window, qtbot, citizen)
    qtbot.waitUntil(lambda: "缺纸" in _shown(window, "ticket_print_state"), timeout=3000)
    # A technician refills the paper; the supervisor reports the printer healthy again.
    citizen.printer.set_state(PrinterState.READY)
    window.core.bus.publish(DeviceStatusChanged(Device.PRINTER, Health.OK, "printer.ok"))
    qtbot.waitUntil(lambda: "打印机已恢复" in _shown(window, "ticket_print_state"), timeout=3000)
    click(qtbot, window, "btn_reprint")
    qtbot.waitUntil(lambda: "已打印" in _shown(window, "ticket_print_state"), timeout=3000)
    assert len(list(citizen.printed_dir.glob("*.png"))) == 1


def test_a_queue_number_not_yet_in_the_calling_system_says_so(
    window, qtbot, citizen, clock
) -> None:  # type: ignore[no-untyped-def]
    window.core.start(Journey.APPOINTMENT)
    window.core.next()
    window.show_screen()
    qtbot.waitUntil(lambda: window.findChild(QAbstractButton, "dept_gongan.huzheng") is not None)
    click(qtbot, window, "dept_gongan.huzheng")
    click(qtbot, window, "mode_queue")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=3000)
    assert _shown(window, "ticket_number") == "1-A001"  # the kiosk's hall prefix
    qtbot.waitUntil(lambda: "还没有同步到叫号系统" in _shown(window, "ticket_next"), timeout=3000)
    citizen.outbox.mark_delivered(_record(citizen).id, clock())
    qtbot.waitUntil(lambda: "同步" not in _shown(window, "ticket_next"), timeout=4000)
    assert "叫号" in _shown(window, "ticket_next")


def test_the_confirmation_reads_from_the_top_without_gaps(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    # Try-out 4, item 12h: 请确认预约 and its summary floated mid-screen, far apart.
    window.resize(1920, 1080)
    to_first_slot(window, qtbot)
    qtbot.wait(1)
    heading = next(w for w in window.findChildren(QLabel, "appt_heading") if w.isVisible())
    summary = next(w for w in window.findChildren(QLabel, "appt_summary") if w.isVisible())
    gap = window.tokens().mm(12)  # a line's gap, not half a screen
    # The heading keeps its own height, the summary comes right under it, both up top.
    assert heading.height() <= heading.sizeHint().height() + gap, heading.height()
    top = heading.mapTo(window, heading.rect().bottomLeft()).y()
    below = summary.mapTo(window, summary.rect().topLeft()).y()
    assert 0 <= below - top <= gap, (top, below)
    assert heading.mapTo(window, heading.rect().topLeft()).y() < window.height() // 6
