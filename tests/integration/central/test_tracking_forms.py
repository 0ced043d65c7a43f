"""A status lookup takes a tracking number as either receipt printed it, and the status
page shows the form the citizen holds (try-out 7, C-f), over real HTTP."""

from __future__ import annotations

import datetime as dt

import pytest
import requests

from central.embedded import EmbeddedPlatform
from kiosk.tracking import TrackingNumber, shown_tracking_number

from .conftest import application, lookup, receipt_code

pytestmark = pytest.mark.integration


def test_a_lookup_takes_either_printed_form(
    platform: EmbeddedPlatform, kiosk: requests.Session
) -> None:
    base = platform.base_url
    tn = str(TrackingNumber("A7H3", dt.date(2026, 12, 7), 1))  # as the kiosk sends it
    sent = kiosk.post(
        base + "/v1/submissions",
        json=application(1, tn),
        headers={"Idempotency-Key": "f"},
        timeout=5,
    )
    assert sent.status_code in (200, 201)
    shown = shown_tracking_number(tn)
    for typed in (tn, shown):  # an older receipt's form, and the new one
        r = lookup(kiosk, base, typed, receipt_code=receipt_code(tn))
        assert r.status_code == 200, typed
        assert r.json()["tracking_number"] == tn  # the kiosk's key, unchanged
    page = requests.get(base + "/r/" + receipt_code(tn), timeout=5).text
    assert shown in page and tn not in page
