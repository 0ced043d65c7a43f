"""A booking's slip waits a moment for the platform's answer. Through the real window:

- refused within that wait (the time is full): no slip saying 待确认 prints, the screen
  says the booking was not made and why, and 重新预约 offers the other times of that day;
- answered after the wait (platform slow): the slip says 待确认 and tells the citizen
  what to do if it is refused after they have left, and the screen follows the answer.
"""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QAbstractButton

from kiosk.flow import Screen
from kiosk.printing import PrinterState
from kiosk.services import appointments
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_booking_slip_agrees import _capture, _slip_text
from tests.ui.test_bookings_truth import _shown, to_first_slot
from tests.ui.test_services_flow import click


def _answer_when_stored(citizen, answer) -> None:  # type: ignore[no-untyped-def]
    """What the sync agent does once the booking is stored: the platform's answer."""

    def run() -> None:
        deadline = time.monotonic() + 5
        while not citizen.outbox.list() and time.monotonic() < deadline:
            time.sleep(0.02)
        [rec] = citizen.outbox.list()
        answer(rec)

    threading.Thread(target=run, daemon=True).start()


def _visible(window, name: str) -> bool:  # type: ignore[no-untyped-def]
    b = window.findChild(QAbstractButton, name)
    return b is not None and b.isVisible()


@pytest.mark.parametrize("paper", ["loaded", "out"])
def test_refused_within_the_wait_prints_no_slip_and_offers_another_time(
    window, qtbot, citizen, clock, paper
) -> None:  # type: ignore[no-untyped-def]
    printed = _capture(citizen)
    if paper == "out":
        citizen.printer.paper_out()
    citizen.sync.running = True  # online, and the platform answers within the wait
    _answer_when_stored(
        citizen, lambda rec: citizen.outbox.mark_dead(rec.id, "HTTP 409: slot_full", clock())
    )
    to_first_slot(window, qtbot)
    click(qtbot, window, "btn_confirm_booking")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=3000)
    qtbot.waitUntil(lambda: _shown(window, "ticket_heading") == "此时段未能预约成功", timeout=6000)
    qtbot.waitUntil(
        lambda: "没有打印预约凭条" in _shown(window, "ticket_print_state"), timeout=3000
    )
    assert printed == []  # no paper saying 待确认 (nor anything else) for a refused booking
    assert not list(citizen.printed_dir.glob("*.png"))
    why = _shown(window, "ticket_next")
    assert "已约满" in why and "重新预约" in why
    assert "10 分钟" not in why  # not told to come to a booking that does not exist
    assert not _visible(window, "btn_reprint")
    # 重新预约: the other times of the same counter and day, the refused one not kept.
    click(qtbot, window, "btn_rebook")
    assert window.core.screen() == Screen.APPOINTMENT
    qtbot.waitUntil(lambda: _visible(window, "slot_1030"), timeout=3000)
    assert "请选择其他时段" in _shown(window, "appt_message")
    assert not _visible(window, "btn_confirm_booking")


@pytest.mark.parametrize("answer", ["refused", "confirmed"])
def test_platform_slow_slip_says_provisional_and_screen_follows(
    window, qtbot, citizen, clock, monkeypatch, answer
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(appointments, "BOOKING_ANSWER_WAIT_S", 0.3)
    printed = _capture(citizen)
    citizen.sync.running = True  # online, but nothing answers within the wait
    to_first_slot(window, qtbot)
    click(qtbot, window, "btn_confirm_booking")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=3000)
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=6000)
    slip = _slip_text(printed[0])
    assert "待确认" in slip and "平台已确认" not in slip
    # The citizen may be gone when the answer comes: the paper says how to find out
    # and what to do then.
    assert "扫描本凭条二维码" in slip and "重新预约" in slip and "不会另行通知" in slip
    qtbot.waitUntil(lambda: "已打印" in _shown(window, "ticket_print_state"), timeout=3000)
    assert "待平台确认" in _shown(window, "ticket_heading")
    [rec] = citizen.outbox.list()
    if answer == "refused":
        citizen.outbox.mark_dead(rec.id, "HTTP 409: slot_full", clock())
        qtbot.waitUntil(
            lambda: _shown(window, "ticket_heading") == "此时段未能预约成功", timeout=4000
        )
        assert "已约满" in _shown(window, "ticket_next")
        assert _visible(window, "btn_rebook")
    else:
        citizen.outbox.mark_delivered(rec.id, clock())
        qtbot.waitUntil(
            lambda: _shown(window, "ticket_heading") == "预约成功，平台已确认", timeout=4000
        )
        assert not _visible(window, "btn_rebook")
    assert len(printed) == 1  # the answer changes the screen; it prints nothing more


def test_paper_out_refusal_is_not_reported_as_a_printer_fault(
    window, qtbot, citizen, clock
) -> None:  # type: ignore[no-untyped-def]
    citizen.printer.set_state(PrinterState.PAPER_OUT)
    citizen.sync.running = True
    _answer_when_stored(
        citizen, lambda rec: citizen.outbox.mark_dead(rec.id, "HTTP 422: already_booked", clock())
    )
    to_first_slot(window, qtbot)
    click(qtbot, window, "btn_confirm_booking")
    qtbot.waitUntil(lambda: "已有预约" in _shown(window, "ticket_heading"), timeout=6000)
    qtbot.waitUntil(lambda: "没有打印" in _shown(window, "ticket_print_state"), timeout=3000)
    assert "缺纸" not in _shown(window, "ticket_print_state")
