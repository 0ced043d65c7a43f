"""Walk-in queues of a hall: who is ahead of a ticket, and how long the wait may be.

A queue is one appointment department (counter group) of one hall, for one day. The
kiosks send each ticket they issue as an ``appointment`` submission whose payload has
``type = "queue_ticket"`` (number, department, hall, issue time); hall staff call the
tickets from the console (:meth:`central.console.accounts.StaffStore.call_next`).

People ahead of a ticket are the tickets of the same hall and queue issued before it
(same day) that nobody has called yet. An expected wait is given only when there is a
basis for it: enough calls of that queue in the recent past to average the time between
two calls. Without one the platform says nothing about time (``None``), and neither
does the kiosk.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# Calls older than this say little about the pace at the counters now.
RECENT = dt.timedelta(minutes=60)
# At least this many gaps between calls before an average is worth telling a citizen.
MIN_GAPS = 2
MAX_GAPS = 10  # the newest ones: the pace of the last half hour or so


@dataclass(frozen=True, slots=True)
class QueueTicket:
    """One issued ticket, as the platform received it."""

    key: str  # the submission's idempotency key (the kiosk's outbox record id)
    number: str
    hall: str
    department_id: str
    issued_at: str  # ISO 8601 with offset, as the kiosk wrote it
    kiosk_id: str | None
    # The holder's document number, when the kiosk knew it: one number per person,
    # queue and day (:func:`held_by`).
    applicant: str = ""

    @property
    def day(self) -> str:
        """The local day of issue (``2026-11-23``): queues start afresh every day."""
        return self.issued_at[:10]

    def same_queue(self, other: QueueTicket) -> bool:
        """Whether both tickets wait in one line (hall, counter group, day)."""
        return (self.hall, self.department_id, self.day) == (
            other.hall,
            other.department_id,
            other.day,
        )


@dataclass(frozen=True, slots=True)
class Call:
    """A ticket called to a counter by a member of staff."""

    key: str
    counter: str
    username: str
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class Position:
    """Where a ticket stands: called, or how many are ahead and perhaps how long."""

    called: Call | None
    people_ahead: int
    expected_wait_min: int | None  # None: no basis for a guess


def ticket_of(row: Mapping[str, Any]) -> QueueTicket | None:
    """The queue ticket in a stored ``appointment`` submission, or None for a booking."""
    payload = (row.get("body") or {}).get("payload") or {}
    if payload.get("type") != "queue_ticket":
        return None
    return QueueTicket(
        key=str(row["idempotency_key"]),
        number=str(payload.get("number", "")),
        # Kiosks older than the hall field all stand in one hall: the platform's.
        hall=str(payload.get("hall") or ""),
        department_id=str(payload.get("department_id", "")),
        issued_at=str(payload.get("issued_at", "")),
        kiosk_id=row.get("kiosk_id"),
        applicant=str((payload.get("applicant") or {}).get("document_number") or ""),
    )


def tickets(rows: Iterable[Mapping[str, Any]], newest_first: bool = True) -> list[QueueTicket]:
    """The queue tickets among stored submissions, in order of issue (then arrival).
    ``newest_first``: the rows come newest first (else in order of arrival)."""
    found = [t for t in (ticket_of(r) for r in rows) if t is not None]
    if newest_first:
        found.reverse()  # a stable sort keeps arrival order among equal times
    return sorted(found, key=lambda t: _instant(t.issued_at))


def next_to_call(
    queue: Iterable[QueueTicket],
    called: Mapping[str, Call],
    hall: str,
    department_id: str,
    day: str,
) -> QueueTicket | None:
    """The oldest ticket of the queue nobody has called yet."""
    for t in queue:
        if (t.hall, t.department_id, t.day) == (hall, department_id, day) and t.key not in called:
            return t
    return None


def held_by(
    queue: Iterable[QueueTicket],
    called: Mapping[str, Call],
    document_number: str,
    hall: str,
    department_id: str,
    day: str,
) -> QueueTicket | None:
    """The newest ticket of this queue that ``document_number`` holds and nobody has
    called yet, whichever kiosk of the hall issued it: a second request gets this one
    back, not a place behind themselves (try-out 5, item 2)."""
    if not document_number:
        return None
    found = None
    for t in queue:
        same = (t.hall, t.department_id, t.day) == (hall, department_id, day)
        if same and t.applicant == document_number and t.key not in called:
            found = t
    return found


def position(
    ticket: QueueTicket,
    queue: Iterable[QueueTicket],
    called: Mapping[str, Call],
    now: dt.datetime,
) -> Position:
    """Where ``ticket`` stands in ``queue`` (all tickets, in order of issue) at ``now``."""
    line = [t for t in queue if t.same_queue(ticket)]
    if ticket.key in called:
        return Position(called[ticket.key], 0, None)
    mine = _instant(ticket.issued_at)
    ahead = 0
    for t in line:
        if t.key == ticket.key:
            break
        if t.key not in called and _instant(t.issued_at) <= mine:
            ahead += 1
    calls = [called[t.key] for t in line if t.key in called]
    gap = average_gap(calls, now)
    wait = None if gap is None else math.ceil(ahead * gap.total_seconds() / 60)
    return Position(None, ahead, wait)


def average_gap(calls: Iterable[Call], now: dt.datetime) -> dt.timedelta | None:
    """The mean time between consecutive recent calls of one queue, or None (no basis)."""
    recent = sorted(c.at for c in calls if now - RECENT <= c.at <= now)
    gaps = [b - a for a, b in itertools.pairwise(recent)][-MAX_GAPS:]
    if len(gaps) < MIN_GAPS:
        return None
    return sum(gaps, dt.timedelta()) / len(gaps)


def _instant(iso: str) -> dt.datetime:
    try:
        t = dt.datetime.fromisoformat(iso)
    except ValueError:
        return dt.datetime.max.replace(tzinfo=dt.UTC)  # unreadable: at the back
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


def calls_from(raw: Mapping[str, tuple[str, str, str]]) -> dict[str, Call]:
    """Calls as the console stores them (``key -> (counter, username, at)``)."""
    return {k: Call(k, c, u, _instant(at)) for k, (c, u, at) in raw.items()}


def load(store: Any, staff: Any, day: str, hall: str) -> tuple[list[QueueTicket], dict[str, Call]]:
    """Every ticket ``hall`` issued on ``day`` (``2026-12-07``, the hall's date; in order
    of issue) and the calls made of them: read by their hall and day, however many
    records the platform holds (the newest 2,000 appointment records lost a busy hall's
    morning; every hall's of the day would be ~150,000 on a province platform).

    ``store``: :class:`central.store.PlatformStore`; ``staff``: the console's StaffStore.
    """
    queue = tickets(store.appointments_on(day, hall), newest_first=False)
    return queue, calls_from(staff.ticket_calls([t.key for t in queue]))
