"""Try-out 17, E7: the booking's 请确认预约 page, its 预约成功 page and its slip named no
applicant, not even masked, where the receipt of an application says 申请人 张*丰. Now
all three name the identified citizen, masked (kiosk.identity.mask_name), never whole.
Through the real window (taps), 长辈模式 in portrait, where the try-out met it."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton

from kiosk.flow import Journey, Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import manual_identity
from tests.ui.test_booking_slip_agrees import _capture, _slip_text
from tests.ui.test_bookings_truth import _shown
from tests.ui.test_rate_callback_step import click


def test_the_booking_names_its_applicant_masked(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    printed = _capture(citizen)
    window.resize(1080, 1920)
    click(qtbot, window, "btn_assisted")
    window.core.start(Journey.APPOINTMENT)
    window.core.sessions.current.set_identity(manual_identity())  # 张三丰, as IDENTIFY does
    window.core.next()
    window.show_screen()
    qtbot.waitUntil(lambda: window.findChild(QAbstractButton, "dept_minzheng.hunyin") is not None)
    click(qtbot, window, "dept_minzheng.hunyin")
    click(qtbot, window, "mode_book")
    click(qtbot, window, "day_20261124")
    click(qtbot, window, "slot_1000")
    assert _shown(window, "appt_applicant") == "申请人：张*丰"  # 请确认预约
    click(qtbot, window, "btn_confirm_booking")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=3000)
    qtbot.waitUntil(lambda: _shown(window, "ticket_applicant") == "申请人：张*丰", timeout=3000)
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=6000)
    slip = _slip_text(printed[0])
    assert "申请人 张*丰" in slip and "三丰" not in slip, slip
    click(qtbot, window, "btn_lang")
    assert _shown(window, "ticket_applicant") == "Applicant: 张*丰"
