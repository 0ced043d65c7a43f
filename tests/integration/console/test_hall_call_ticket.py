"""Try-out 19, K2: a staff call made from the queue ticket page said 取号或预约结果 on the
hall's row, not the number (2-E001) staff could call out in the hall. Over real HTTP: the
call as the kiosk sends it (kiosk/app.py _call_staff; tests/ui/test_staff_call_ticket.py,
the kiosk's side), its row on the hall page in both languages."""

from __future__ import annotations

import pytest
import requests

from central.embedded import EmbeddedPlatform
from tests.integration.console.conftest import sign_in
from tests.integration.console.test_hall_call_reason import _call, _row


@pytest.mark.parametrize(
    ("lang", "queue", "booked"),
    [
        ("zh", "排队号 2-E001", "预约编号 A7H3-261207-0003-7"),
        ("en", "Queue number 2-E001", "Booking number A7H3-261207-0003-7"),
    ],
)
def test_the_call_row_names_the_ticket_staff_can_call_out(
    platform: EmbeddedPlatform, kiosk: requests.Session, lang: str, queue: str, booked: str
) -> None:
    base = platform.base_url
    ticket = _call(kiosk, base, None, screen="ticket", ticket="2-E001")
    # A booking's number as the kiosk stores it; the row shows it as the slip prints it.
    booking = _call(kiosk, base, None, screen="ticket", booking="A7H3-261207-00037")
    plain = _call(kiosk, base, None)
    staff = sign_in(base, "wang")
    page = staff.get(base + f"/console/hall?lang={lang}", timeout=5).text
    assert queue in " ".join(_row(page, ticket).split())
    assert booked in " ".join(_row(page, booking).split())
    other = " ".join(_row(page, plain).split())
    assert "2-E001" not in other and queue.split()[0] not in other  # no ticket: no number
