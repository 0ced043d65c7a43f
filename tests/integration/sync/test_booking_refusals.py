"""A booking taken offline and refused at sync because the platform already holds a
booking of the same person at that counter that day: the kiosk records the platform's
own reason (not "slot full"), and the booking reads as "already booked", not "book again"."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import requests

from central.embedded import EmbeddedPlatform
from kiosk.services.appointments import AppointmentService, BookingState
from kiosk.sync import ManualClock, SyncAgent
from offline_cache.outbox_protocol import Outbox, RecordKind, RecordState
from tests.integration.sync.conftest import drive

DEP = "gongan.huzheng"


def _slots(platform: EmbeddedPlatform) -> list[str]:
    q = {"department_id": DEP, "date": "2026-11-24"}
    r = requests.get(platform.base_url + "/v1/appointments/slots", params=q, timeout=5)
    return [s["start"] for s in r.json()["slots"]]


def _booking(outbox: Outbox, tn: str, start: str, number: str, now: dt.datetime) -> uuid.UUID:
    body: dict[str, Any] = {
        "type": "appointment",
        "department_id": DEP,
        "slot_start": start,
        "applicant": {"document_type": "resident_id", "document_number": number, "name": "张三"},
    }
    return outbox.enqueue(RecordKind.APPOINTMENT, json.dumps(body).encode(), tn, now).id


def test_a_second_booking_that_day_is_refused_as_already_booked(
    platform: EmbeddedPlatform,
    outbox: Outbox,
    clock: ManualClock,
    make_agent: Callable[..., SyncAgent],
) -> None:
    first, second, third = _slots(platform)[:3]
    mine = _booking(outbox, "T00001", first, "11010519491231002X", clock.now())
    again = _booking(outbox, "T00002", second, "11010519491231002X", clock.now())
    full = [_booking(outbox, f"T1{i:04d}", third, f"11010519491231{i:04d}", clock.now())
            for i in range(5)]  # fmt: skip
    drive(make_agent(), clock, outbox)
    states = {r.id: r for r in outbox.list()}
    assert states[mine].state is RecordState.DELIVERED
    assert states[again].state is RecordState.DEAD
    assert states[again].last_error == "HTTP 422: already_booked"
    dead_full = [states[i] for i in full if states[i].state is RecordState.DEAD]
    assert [r.last_error for r in dead_full] == ["HTTP 422: slot_full"]

    svc = AppointmentService(
        SimpleNamespace(outbox=outbox),  # type: ignore[arg-type]  (only the outbox is read)
        lambda: (),
        None,  # type: ignore[arg-type]  (no tickets issued here)
        clock.now,
        "K0001",
    )

    def state(rid: uuid.UUID) -> BookingState:
        return svc.booking_state(SimpleNamespace(record_id=rid))  # type: ignore[arg-type]

    assert state(again) is BookingState.ALREADY_BOOKED
    assert state(dead_full[0].id) is BookingState.REFUSED
    assert state(mine) is BookingState.CONFIRMED
