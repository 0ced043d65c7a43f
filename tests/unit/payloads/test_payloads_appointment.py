"""Appointment codes: platform-signed, valid on their day only."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.payloads import PayloadKind, PayloadStatus, parse_payload, sign_appointment
from tests.unit.payloads.conftest import NOW, Fleet


@pytest.mark.parametrize(
    ("days", "status"),
    [(0, PayloadStatus.OK), (-1, PayloadStatus.EXPIRED), (3, PayloadStatus.NOT_YET_VALID)],
)
def test_appointment_valid_on_its_day(fleet: Fleet, days: int, status: PayloadStatus) -> None:
    day = NOW.date() + dt.timedelta(days=days)
    r = parse_payload(
        sign_appointment("YY20261123A", day, fleet.platform, "P1"), fleet.keys, now=NOW
    )
    assert (r.kind, r.status) == (PayloadKind.APPOINTMENT, status)
    assert r.appointment_id == "YY20261123A" and r.appointment_date == day
    assert r.message_key == f"payload.appointment.{status.value}"


def test_appointment_day_is_the_kiosk_local_day(fleet: Fleet) -> None:
    # 23:30 UTC on the 22nd is already the 23rd in Beijing.
    utc_evening = dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.UTC)
    code = sign_appointment("YY20261123A", dt.date(2026, 11, 23), fleet.platform, "P1")
    assert parse_payload(code, fleet.keys, now=utc_evening.astimezone(NOW.tzinfo)).ok


def test_appointment_signed_by_a_kiosk_key_is_forged(fleet: Fleet) -> None:
    code = sign_appointment("YY20261123A", NOW.date(), fleet.kiosk_a, "P1")
    assert parse_payload(code, fleet.keys, now=NOW).status is PayloadStatus.FORGED


def test_changed_date_breaks_the_signature(fleet: Fleet) -> None:
    code = sign_appointment("YY20261123A", NOW.date() - dt.timedelta(days=1), fleet.platform, "P1")
    moved = code.replace(f"{NOW.date() - dt.timedelta(days=1):%Y%m%d}", f"{NOW.date():%Y%m%d}")
    assert parse_payload(moved, fleet.keys, now=NOW).status is PayloadStatus.FORGED


def test_impossible_date_is_malformed(fleet: Fleet) -> None:
    code = sign_appointment("YY20261123A", NOW.date(), fleet.platform, "P1")
    bad = code.replace(f"{NOW.date():%Y%m%d}", "20261341")
    assert parse_payload(bad, fleet.keys, now=NOW).status is PayloadStatus.MALFORMED
