"""Ratings and complaints over real HTTP: 不满意/非常不满意 and complaints listed with their
整改回访 due date (15 working days), overdue alerts, and the follow-up record."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import requests

from central.console.cases import due_date
from central.embedded import EmbeddedPlatform
from tests.integration.console.conftest import Clock, csrf_of, sign_in


def _send(
    kiosk: requests.Session, base: str, kind: str, payload: dict[str, Any], tn: str | None = None
) -> str:
    key = str(uuid.uuid4())
    body = {"kind": kind, "kiosk_id": "A7H3", "payload": payload, "tracking_number": tn}
    r = kiosk.post(base + "/v1/submissions", json=body, headers={"Idempotency-Key": key})
    assert r.status_code in (200, 201), r.text
    return key


# What the kiosk records when the citizen gives a number and consents to the call back.
_CALL_ME = {"phone": "13700137000", "consent": True, "purpose": "rating_follow_up"}


def _rating(level: int, label: str, comment: str, **extra: Any) -> dict[str, Any]:
    return {
        "level": level,
        "label": label,
        "reasons": ["waited_long"],
        "comment": comment,
        "language": "zh",
        "rated_at": "2026-12-04T10:00:00+08:00",
        **extra,
    }


def test_due_date_counts_working_days() -> None:
    friday = dt.date(2026, 12, 4)
    assert due_date(friday, holidays=frozenset(), workdays=frozenset()) == dt.date(2026, 12, 25)
    holiday = frozenset({dt.date(2026, 12, 8)})
    assert due_date(friday, holidays=holiday, workdays=frozenset()) == dt.date(2026, 12, 28)
    makeup = frozenset({dt.date(2026, 12, 5)})  # a Saturday worked (调休)
    assert due_date(friday, holidays=frozenset(), workdays=makeup) == dt.date(2026, 12, 24)


def test_poor_ratings_and_complaints_are_cases_with_due_dates_and_follow_ups(
    clocked_platform: EmbeddedPlatform, clock: Clock, kiosk: requests.Session
) -> None:
    base = clocked_platform.base_url
    poor = _send(
        kiosk,
        base,
        "rating",
        _rating(2, "dissatisfied", "等了很久", follow_up=_CALL_ME),
        "M001-261204-00012",
    )
    very = _send(
        kiosk,
        base,
        "rating",
        _rating(
            1,
            "very_dissatisfied",
            "机器坏了",
            follow_up={"phone": "13800138000", "consent": True, "purpose": "rating_follow_up"},
        ),
    )
    _send(kiosk, base, "rating", _rating(4, "satisfied", "很好"))
    complaint = _send(
        kiosk,
        base,
        "feedback",
        {
            "category": "complaint",
            "text": "窗口没人",
            "language": "zh",
            "sent_at": "x",
            "contact": {**_CALL_ME, "phone": "13900139000", "purpose": "feedback_reply"},
        },
    )
    _send(
        kiosk,
        base,
        "feedback",
        {"category": "suggestion", "text": "多放椅子", "language": "zh", "sent_at": "x"},
    )
    staff = sign_in(base, "wang")
    page = staff.get(base + "/console/cases", timeout=5).text
    for key in (poor, very, complaint):
        assert f'data-key="{key}"' in page
    assert "很好" not in page and "多放椅子" not in page  # not cases
    assert "非常不满意" in page and "等了很久" in page and "窗口没人" in page
    # Words, not codes; and the receipt the poor rating was about.
    assert "等待时间长" in page and "waited_long" not in page
    assert "M001-261204-0001-2" in page  # as the receipt shows it (try-out 7, C-f)
    assert page.count("2026-12-25") == 3  # received Friday 4 December: due 25 December
    assert "13800138000" in page  # given with consent for this call back
    assert '<span class="alert overdue">' not in page

    # Sixteen working days later the open ones are overdue.
    clock.now += dt.timedelta(days=22)
    staff = sign_in(base, "wang")  # yesterday's session has expired
    page = staff.get(base + "/console/cases", timeout=5).text
    assert page.count('<span class="alert overdue">') == 3

    # A follow-up is recorded (an empty one is refused calmly) and ends the alert.
    r = staff.post(
        base + f"/console/cases/{poor}/follow-up",
        data={"csrf": csrf_of(page), "note": "  "},
        timeout=5,
    )
    assert r.status_code == 400 and "请填写回访情况" in r.text
    r = staff.post(
        base + f"/console/cases/{poor}/follow-up",
        data={"csrf": csrf_of(page), "note": "已电话回访，增开窗口"},
        allow_redirects=False,
        timeout=5,
    )
    assert r.status_code == 303
    page = staff.get(base + "/console/cases", timeout=5).text
    row = page.split(f'data-key="{poor}"', 1)[1].split("</tr>", 1)[0]
    assert (
        "已电话回访，增开窗口" in row
        and "wang" in row
        and '<span class="alert overdue">' not in row
    )
    assert page.count('<span class="alert overdue">') == 2
    r = staff.post(
        base + f"/console/cases/{uuid.uuid4()}/follow-up",
        data={"csrf": csrf_of(page), "note": "x"},
        timeout=5,
    )
    assert r.status_code == 404
    r = staff.post(base + f"/console/cases/{very}/follow-up", data={"csrf": "forged", "note": "x"})
    assert r.status_code == 403
