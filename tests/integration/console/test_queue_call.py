"""叫号 over real HTTP: hall staff call the next ticket of a queue to their counter from
the console, and the kiosk's question "where does this ticket stand" is answered with
the people ahead (same hall and queue, issued before it, not yet called) and an
expected wait only once recent calls give a basis for one."""

from __future__ import annotations

import datetime as dt
import uuid

import requests

from central.embedded import EmbeddedPlatform
from tests.integration.console.conftest import Clock, browser, csrf_of, sign_in

HALL = "政务服务中心一楼大厅"


def _ticket(
    kiosk: requests.Session,
    base: str,
    number: str,
    minute: int,
    hall: str = HALL,
    dept: str = "gongan.huzheng",
    applicant: str = "",
) -> str:
    key = str(uuid.uuid4())
    body: dict = {  # type: ignore[type-arg]
        "kind": "appointment",
        "kiosk_id": "A7H3",
        "payload": {
            "type": "queue_ticket",
            "department_id": dept,
            "number": number,
            "hall": hall,
            "issued_at": f"2026-12-04T10:{minute:02d}:00+08:00",
        },
    }
    if applicant:
        body["payload"]["applicant"] = {
            "document_type": "resident_id",
            "document_number": applicant,
        }
    r = kiosk.post(base + "/v1/submissions", json=body, headers={"Idempotency-Key": key})
    assert r.status_code in (200, 201), r.text
    return key


def _call_next(staff: requests.Session, base: str, counter: str = "3") -> requests.Response:
    hall = staff.get(base + "/console/hall", timeout=5)
    return staff.post(
        base + "/console/hall/queues/call",
        data={
            "csrf": csrf_of(hall.text),
            "hall": HALL,
            "department_id": "gongan.huzheng",
            "counter": counter,
        },
        allow_redirects=False,
        timeout=5,
    )


def test_staff_call_tickets_and_the_kiosk_learns_who_is_ahead(
    clocked_platform: EmbeddedPlatform,
    clock: Clock,
    kiosk: requests.Session,
    other_kiosk: requests.Session,
) -> None:
    base = clocked_platform.base_url
    keys = [_ticket(kiosk, base, f"1-A00{i}", i) for i in range(1, 6)]
    _ticket(kiosk, base, "1-B001", 0, dept="minzheng.hunyin")  # another queue
    _ticket(kiosk, base, "9-A001", 0, hall="二楼大厅")  # another hall

    where = base + f"/v1/queue-tickets/{keys[4]}"
    first = kiosk.get(where, timeout=5).json()
    # Nobody called yet: four ahead, and no basis for a time.
    assert first == {"id": keys[4], "number": "1-A005", "state": "waiting", "people_ahead": 4}
    assert other_kiosk.get(where, timeout=5).status_code == 404  # not its ticket
    assert requests.get(where, timeout=5).status_code == 401  # not without a credential

    staff = sign_in(base, "wang")
    for i in range(3):  # three calls, four minutes apart: two gaps, a basis
        r = _call_next(staff, base)
        assert r.status_code == 303, r.text
        clock.now += dt.timedelta(minutes=4)
        hall = staff.get(base + r.headers["location"], timeout=5).text
        assert f"1-A00{i + 1} → 3" in hall
    assert "3 · wang" in hall  # who called it, to which counter (the record of the call)

    now = kiosk.get(where, timeout=5).json()
    assert now["people_ahead"] == 1 and now["state"] == "waiting"
    assert now["expected_wait_min"] == 4  # one ahead x four minutes a call
    called = kiosk.get(base + f"/v1/queue-tickets/{keys[0]}", timeout=5).json()
    assert called["state"] == "called" and called["counter"] == "3"
    other = _ticket(kiosk, base, "1-B002", 9, dept="minzheng.hunyin")
    assert kiosk.get(base + f"/v1/queue-tickets/{other}", timeout=5).json()["people_ahead"] == 1


def test_calling_needs_a_signed_in_form_a_counter_and_someone_waiting(
    clocked_platform: EmbeddedPlatform, kiosk: requests.Session
) -> None:
    base = clocked_platform.base_url
    key = _ticket(kiosk, base, "1-A001", 1)
    # Not signed in: to the sign-in page, nothing called.
    anonymous = browser().post(
        base + "/console/hall/queues/call",
        data={"hall": HALL, "department_id": "gongan.huzheng", "counter": "3"},
        allow_redirects=False,
        timeout=5,
    )
    assert anonymous.status_code == 303 and anonymous.headers["location"].endswith("/signin")
    staff = sign_in(base, "wang")
    forged = staff.post(
        base + "/console/hall/queues/call",
        data={"csrf": "forged", "hall": HALL, "department_id": "gongan.huzheng", "counter": "3"},
        timeout=5,
    )
    assert forged.status_code == 403
    assert _call_next(staff, base, counter="<b>").status_code == 400
    assert kiosk.get(base + f"/v1/queue-tickets/{key}", timeout=5).json()["state"] == "waiting"
    assert _call_next(staff, base).status_code == 303
    empty = _call_next(staff, base)
    assert empty.status_code == 409 and "已无等候" in empty.text


PERSON = "11010519491231002X"


def test_a_person_holding_a_number_gets_it_back_from_any_kiosk(
    clocked_platform: EmbeddedPlatform,
    clock: Clock,
    kiosk: requests.Session,
    other_kiosk: requests.Session,
) -> None:
    """One number per person, queue and day across the hall's kiosks (try-out 5, item 2):
    another kiosk asking for the same person is told the number held, until it is called."""
    base = clocked_platform.base_url
    _ticket(kiosk, base, "1-A001", 1, applicant="110105195505060021")  # someone else
    key = _ticket(kiosk, base, "1-A002", 2, applicant=PERSON)
    ask = {"hall": HALL, "department_id": "gongan.huzheng", "date": "2026-12-04"}
    held = base + "/v1/queue-tickets/held"
    r = other_kiosk.post(held, json={**ask, "document_number": PERSON}, timeout=5)
    assert r.status_code == 200, r.text
    got = r.json()
    assert (got["id"], got["number"], got["people_ahead"]) == (key, "1-A002", 1)
    assert got["issued_at"] == "2026-12-04T10:02:00+08:00"
    # Not for another counter, day or person; not without a credential.
    for other in (
        {**ask, "department_id": "minzheng.hunyin", "document_number": PERSON},
        {**ask, "date": "2026-12-05", "document_number": PERSON},
        {**ask, "document_number": "110105198503120012"},
    ):
        assert other_kiosk.post(held, json=other, timeout=5).status_code == 404
    assert (
        requests.post(held, json={**ask, "document_number": PERSON}, timeout=5).status_code == 401
    )
    # Once called, the person may take a new number (they came back for more).
    staff = sign_in(base, "wang")
    for _ in range(2):
        assert _call_next(staff, base).status_code == 303
    r = other_kiosk.post(held, json={**ask, "document_number": PERSON}, timeout=5)
    assert r.status_code == 404


def test_a_busy_days_early_tickets_are_found_called_and_listed(
    clocked_platform: EmbeddedPlatform, kiosk: requests.Session
) -> None:
    """Issue 16: the tickets of a day are read by their day. Before, the newest 2,000
    appointment records were read: after a busy morning elsewhere on the platform (here
    2,100 tickets of another hall) this hall's early tickets were gone: the kiosk's
    look-up said there was no such ticket, 叫号 found nobody waiting, the hall page
    listed none."""
    base = clocked_platform.base_url
    early = [_ticket(kiosk, base, f"1-A00{i}", i) for i in (1, 2)]
    for start in range(0, 2100, 100):  # the rest of the morning, in the kiosks' batches
        items = [
            {
                "idempotency_key": str(uuid.uuid4()),
                "kind": "appointment",
                "kiosk_id": "A7H3",
                "payload": {
                    "type": "queue_ticket",
                    "department_id": "gongan.huzheng",
                    "number": f"9-A{n:04d}",
                    "hall": "二楼大厅",
                    "issued_at": f"2026-12-04T1{1 + n // 1000}:{n % 60:02d}:00+08:00",
                },
            }
            for n in range(start, start + 100)
        ]
        r = kiosk.post(base + "/v1/submissions/batch", json={"items": items}, timeout=30)
        assert r.status_code == 200 and {x["status"] for x in r.json()["results"]} == {201}
    got = kiosk.get(base + f"/v1/queue-tickets/{early[1]}", timeout=5)
    assert got.status_code == 200, got.text
    assert got.json() == {"id": early[1], "number": "1-A002", "state": "waiting", "people_ahead": 1}

    staff = sign_in(base, "wang")
    hall = staff.get(base + "/console/hall", params={"hall": HALL}, timeout=10).text
    assert "1-A001" in hall and "1-A002" in hall and "9-A2099" not in hall  # its own only
    other = staff.get(base + "/console/hall", params={"hall": "二楼大厅"}, timeout=10).text
    assert "9-A0000" in other and "9-A2099" in other and "1-A001" not in other
    r = _call_next(staff, base)
    assert r.status_code == 303 and "1-A001" in r.headers["location"]
    assert kiosk.get(base + f"/v1/queue-tickets/{early[0]}", timeout=5).json()["state"] == "called"
    assert kiosk.get(base + f"/v1/queue-tickets/{early[1]}", timeout=5).json()["people_ahead"] == 0
