"""Try-out 17, C5: a booking made offline printed a slip saying 待确认; confirmed while the
citizen was still there, 打印确认凭条 printed one saying 平台已确认 — and neither the slip
nor the page said that it replaces the first: two slips in hand, which one counts? The
confirmed slip says it replaces the earlier 待确认 one, and so does the page once it is
printed. Through the real window (taps), in Chinese, where the try-out met it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_booking_slip_agrees import _capture, _slip_text
from tests.ui.test_bookings_truth import _book_offline, _record, _shown
from tests.ui.test_rate_callback_step import click

REPLACES = "本凭条取代此前打印的“待确认”凭条，旧凭条作废。"


def test_the_confirmed_slip_says_it_replaces_the_provisional_one(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, clock
) -> None:
    printed = _capture(citizen)
    _book_offline(window, qtbot, citizen)
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=6000)
    first = _slip_text(printed[0])
    assert "待确认" in first and REPLACES not in first
    qtbot.waitUntil(lambda: "已打印" in _shown(window, "ticket_print_state"), timeout=3000)
    # The network comes back and the platform accepts the booking, the citizen still here.
    citizen.outbox.mark_delivered(_record(citizen).id, clock())
    qtbot.waitUntil(
        lambda: _shown(window, "ticket_heading") == "预约成功，平台已确认", timeout=4000
    )
    offer = window.findChild(QWidget, "btn_print_confirmed")
    qtbot.waitUntil(offer.isVisible, timeout=3000)
    click(qtbot, window, "btn_print_confirmed")
    qtbot.waitUntil(lambda: len(printed) == 2, timeout=6000)
    slip = _slip_text(printed[1])
    assert "平台已确认此预约" in slip and REPLACES in slip, slip
    assert slip.index("平台已确认此预约") < slip.index(REPLACES), slip
    qtbot.waitUntil(lambda: "取代" in _shown(window, "ticket_print_state"), timeout=3000)
    assert "已确认的凭条已打印" in _shown(window, "ticket_print_state")
    # The page in the other language says the same, in its words.
    click(qtbot, window, "btn_lang")
    assert "replaces your earlier" in _shown(window, "ticket_print_state")
