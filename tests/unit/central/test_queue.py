"""Who is ahead of a queue ticket, and when an expected wait has a basis."""

from __future__ import annotations

import datetime as dt

from central import queue

NOW = dt.datetime(2026, 12, 4, 3, 0, tzinfo=dt.UTC)


def _row(key: str, number: str, minute: int, hall: str = "H", dept: str = "D") -> dict:
    payload = {
        "type": "queue_ticket",
        "number": number,
        "hall": hall,
        "department_id": dept,
        "issued_at": f"2026-12-04T10:{minute:02d}:00+08:00",
    }
    return {"idempotency_key": key, "kiosk_id": "K", "body": {"payload": payload}}


def _calls(*pairs: tuple[str, int]) -> dict[str, queue.Call]:
    return {k: queue.Call(k, "3", "wang", NOW - dt.timedelta(minutes=ago)) for k, ago in pairs}


def _tickets() -> list[queue.QueueTicket]:
    rows = [
        _row("b", "1-A002", 2),
        _row("x", "2-A001", 1, hall="other hall"),
        _row("y", "1-B001", 1, dept="E"),
        _row("a", "1-A001", 1),
        _row("c", "2-A001", 3),  # another kiosk of the same hall
        {"idempotency_key": "z", "body": {"payload": {"type": "appointment"}}},  # a booking
    ]
    return queue.tickets(rows)


def test_people_ahead_are_the_same_hall_and_queue_issued_earlier_not_called() -> None:
    ts = _tickets()
    # Rows come newest first: equal times keep the order of arrival.
    assert [t.key for t in ts] == ["a", "y", "x", "b", "c"]
    last = next(t for t in ts if t.key == "c")
    assert queue.position(last, ts, {}, NOW) == queue.Position(None, 2, None)
    pos = queue.position(last, ts, _calls(("a", 1)), NOW)
    assert pos.people_ahead == 1 and pos.expected_wait_min is None  # one call: no basis
    first = next(t for t in ts if t.key == "a")
    assert queue.position(first, ts, _calls(("a", 1)), NOW).called is not None


def test_an_expected_wait_needs_recent_calls() -> None:
    ts = [*_tickets(), *queue.tickets([_row("d", "1-A003", 4), _row("e", "1-A004", 5)])]
    e = next(t for t in ts if t.key == "e")
    recent = _calls(("a", 20), ("b", 14), ("c", 8))  # every 6 minutes
    pos = queue.position(e, ts, recent, NOW)
    assert pos.people_ahead == 1 and pos.expected_wait_min == 6
    stale = _calls(("a", 200), ("b", 194), ("c", 188))  # this morning's pace says nothing now
    assert queue.position(e, ts, stale, NOW).expected_wait_min is None


def test_the_next_to_call_is_the_oldest_waiting_one_of_that_queue() -> None:
    ts = _tickets()
    assert queue.next_to_call(ts, {}, "H", "D", "2026-12-04").key == "a"  # type: ignore[union-attr]
    nxt = queue.next_to_call(ts, _calls(("a", 1)), "H", "D", "2026-12-04")
    assert nxt is not None and nxt.key == "b"
    assert queue.next_to_call(ts, {}, "H", "D", "2026-12-05") is None
