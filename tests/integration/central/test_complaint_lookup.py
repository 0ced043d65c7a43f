"""A complaint's own number looked up at the platform (try-out 8, C19), and 已受理 not
claiming 材料齐全 for an application whose receipt sent the citizen to a counter (C20),
over real HTTP."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import requests

from central.embedded import EmbeddedPlatform
from kiosk.tracking import TrackingNumber

from .conftest import application, lookup

pytestmark = pytest.mark.integration

DAY = dt.date(2026, 12, 7)


def _send(kiosk: requests.Session, base: str, body: dict[str, object], key: str) -> None:
    r = kiosk.post(base + "/v1/submissions", json=body, headers={"Idempotency-Key": key}, timeout=5)
    assert r.status_code in (200, 201), r.text


def test_a_complaint_is_answered_without_an_identity_and_says_no_more_than_its_state(
    platform: EmbeddedPlatform, kiosk: requests.Session
) -> None:
    base = platform.base_url
    tn = str(TrackingNumber("A7H3", DAY, 3))
    complaint = {
        "kind": "feedback",
        "tracking_number": tn,
        "payload": {
            "category": "complaint",
            "text": "排队太久",
            "contact": {"phone": "13900001111", "consent": True},
        },
    }
    _send(kiosk, base, complaint, "c1")
    r = kiosk.post(base + "/v1/status/lookup", json={"tracking_number": tn}, timeout=5)
    assert r.status_code == 200, r.text
    got = r.json()
    assert (got["kind"], got["status"]) == ("complaint", "received")
    assert dt.date.fromisoformat(got["due"]) > dt.date.today()  # followed up by then
    said = json.dumps(got, ensure_ascii=False)
    assert "排队太久" not in said and "13900001111" not in said
    # Staff record a follow-up on the console: the complaint says so, not what they wrote.
    platform.platform.staff.add_follow_up(
        "c1", "hall1", "已电话联系张先生", dt.datetime.now(dt.UTC)
    )
    got = kiosk.post(base + "/v1/status/lookup", json={"tracking_number": tn}, timeout=5).json()
    assert got["status"] == "followed_up" and got["final"]
    assert "张先生" not in json.dumps(got, ensure_ascii=False)
    # An application's number, asked the same way, still learns nothing.
    other = str(TrackingNumber("A7H3", DAY, 4))
    _send(kiosk, base, application(1, other), "a1")
    r = kiosk.post(base + "/v1/status/lookup", json={"tracking_number": other}, timeout=5)
    assert r.status_code == 404
    assert lookup(kiosk, base, other).status_code == 200


def test_accepted_does_not_say_materials_complete_for_a_typed_identity(
    platform: EmbeddedPlatform, kiosk: requests.Session, admin: requests.Session
) -> None:
    base = platform.base_url
    notes = {}
    for seq, verified in ((5, True), (6, False)):
        tn = str(TrackingNumber("A7H3", DAY, seq))
        body = application(seq, tn)
        body["payload"]["identity_verified"] = verified  # type: ignore[index]
        _send(kiosk, base, body, f"m{seq}")
        assert admin.post(base + f"/admin/status/{tn}/advance", timeout=5).status_code == 200
        timeline = lookup(kiosk, base, tn).json()["timeline"]
        notes[verified] = timeline[-1]["note"]["zh"]
    assert "材料齐全" in notes[True]
    assert "材料齐全" not in notes[False] and "窗口" in notes[False]
