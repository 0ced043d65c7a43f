"""Storage of the reference platform: submissions, timelines, attachments, heartbeats,
bookings and catalog versions, in SQLite or PostgreSQL (central/sql.py).

The platform acknowledges a submission only after its commit (SQLite with
``synchronous=FULL``), so an acknowledged record survives a platform crash too.
Personal data (record bodies, attachments) is stored encrypted (central/crypto.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pydantic_core

from central.crypto import FieldCipher
from central.sql import Database, Executor, open_database
from central.tracking_text import stored_form

# The one-way road of an application on the platform side.
STATUS_FLOW = ("received", "accepted", "in_review", "completed")
FINAL_STATUSES = frozenset({"completed", "rejected"})
ALLOWED_NEXT: dict[str, frozenset[str]] = {
    "received": frozenset({"accepted", "rejected"}),
    "accepted": frozenset({"in_review", "rejected"}),
    "in_review": frozenset({"completed", "rejected"}),
    "completed": frozenset(),
    "rejected": frozenset(),
}
STATUS_NOTES: dict[str, dict[str, str]] = {
    "received": {"zh": "平台已收到申请", "en": "The platform received the application"},
    "accepted": {"zh": "材料齐全，已受理", "en": "Materials complete, application accepted"},
    "in_review": {"zh": "审核中", "en": "Under review"},
    "completed": {"zh": "已办结", "en": "Completed"},
    "rejected": {"zh": "不予受理", "en": "Rejected"},
}
# 已受理 of an application whose receipt sent the citizen to a counter (an identity typed
# by hand, or a required paper not photographed): its materials are not yet complete,
# so "材料齐全" would be untrue (try-out 8, C20).
ACCEPTED_COUNTER_NOTE: dict[str, str] = {
    "zh": "已受理，请按回执携带证件和材料到窗口核验",
    "en": "Accepted; please bring the ID and papers listed on your receipt to a counter",
}
# A booking is no application: it has no materials to accept and nothing to complete.
# The platform knows that it holds the booking and, by the clock, when its time is over
# (it learns of no check-in or cancellation): those are its only states.
BOOKING_NOTES: dict[str, dict[str, str]] = {
    "booked": {"zh": "平台已确认预约", "en": "The platform confirmed the booking"},
    "expired": {"zh": "预约时间已过", "en": "The booked time has passed"},
}
# A complaint: the platform has it, then staff followed it up (the console's cases page).
COMPLAINT_NOTES: dict[str, dict[str, str]] = {
    "received": {"zh": "平台已收到投诉", "en": "The platform has the complaint"},
    "followed_up": {"zh": "工作人员已跟进处理", "en": "Staff have followed it up"},
}


# Kinds that mint a tracking number of their own. Ratings, feedback and staff calls
# name the application they are about; its number is theirs to cite, not to claim.
OWNS_TRACKING_NUMBER = frozenset({"application", "appointment"})


def _owned_tracking_number(body: dict[str, Any]) -> str | None:
    """The tracking number ``body`` claims as its own, or None if it only refers to one."""
    tn = body.get("tracking_number")
    return str(tn) if tn and body.get("kind") in OWNS_TRACKING_NUMBER else None


def complaint_key(number: str) -> str:
    """The form a complaint's number is indexed and looked up in: the stored written
    form (the check character joined), upper case, so either form a citizen reads finds it."""
    return stored_form(number).strip().upper()


def _complaint_number(body: dict[str, Any]) -> str | None:
    """The indexed number of a complaint (feedback of category complaint), else None.
    A complaint's number is its own but not in the unique ``tracking_number`` column:
    that column is for applications and bookings, whose numbers prove possession."""
    payload = body.get("payload")
    tn = body.get("tracking_number")
    if body.get("kind") != "feedback" or not isinstance(payload, dict) or not tn:
        return None
    return complaint_key(str(tn)) if payload.get("category") == "complaint" else None


# Ratings that are cases (the console's cases page uses these too): 非常不满意, 不满意.
POOR_RATING_LEVELS = frozenset({1, 2})


def _case_kind(body: dict[str, Any]) -> str | None:
    """'rating' for a poor rating, 'complaint' for a complaint, else None: the records
    the console lists for a 整改回访 (indexed: column ``case_kind``, migration 0009)."""
    payload = body.get("payload")
    if not isinstance(payload, dict):
        return None
    if body.get("kind") == "rating" and payload.get("level") in POOR_RATING_LEVELS:
        return "rating"
    if body.get("kind") == "feedback" and payload.get("category") == "complaint":
        return "complaint"
    return None


# The one-off back-fill of case kinds of records stored before migration 0009.
_CASE_BACKFILL = "case_kinds"

# The one-off back-fill of the days of appointment records stored before migration
# 0011 (bookings), or before queue tickets had theirs: a database whose bookings were
# back-filled ("booking_days") gets its tickets' days under this name.
_APPOINTMENT_DAY_BACKFILL = "appointment_days"

# The one-off back-fill of the halls of appointment records stored before migration 0013.
_APPOINTMENT_HALL_BACKFILL = "appointment_halls"

# The one-off back-fills of the halls and days of staff calls stored before they were kept.
_STAFF_CALL_HALL_BACKFILL = "staff_call_halls"
_STAFF_CALL_DAY_BACKFILL = "staff_call_days"


# The one-off back-fill of complaint numbers stored before migration 0007 (the bodies
# are sealed, so only the platform can read them): its row in ``backfills`` once done.
_COMPLAINT_BACKFILL = "complaint_numbers"


# Built once: json.dumps with options builds a new encoder on every call (≈ half the
# cost of encoding a record), and ingest encodes each record twice.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode
_COMPACT = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def _wire_json(obj: Any) -> str:
    """Compact JSON of plain values that only PostgreSQL and the kiosks read (never
    hashed): pydantic's Rust encoder, ≈ 3× faster than ``json`` on a batch's rows
    (≈ 5 µs a record, most of it the sealed bodies' long strings). The canonical
    JSON stays ``json``'s: its hash must not change."""
    return pydantic_core.to_json(obj).decode()


def canonical_json(obj: Any) -> str:
    """JSON text independent of key order and whitespace (hashed and stored)."""
    return _CANONICAL(obj)


def canonical_hash(obj: Any) -> str:
    """Hash of a JSON value independent of key order and whitespace."""
    return hashlib.sha256(canonical_json(obj).encode()).hexdigest()


def iso(t: dt.datetime) -> str:
    """UTC timestamp text as stored and served."""
    return t.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class StoredSubmission:
    """What the platform keeps per idempotency key."""

    idempotency_key: str
    body_hash: str
    response: dict[str, Any]


class Refused(Exception):
    """A submission the store will not keep; ``code`` is the API's error name."""

    code = "refused"
    detail = "refused"


class TrackingNumberTaken(Refused):
    """A different submission already carries this tracking number."""

    code = "tracking_number_taken"
    detail = "another submission carries this tracking number"


class SlotFull(Refused):
    """The appointment slot has no place left."""

    code = "slot_full"
    detail = "this appointment slot is fully booked; choose another slot"


class UnknownSlot(Refused):
    """The appointment names a department or time that is not bookable."""

    code = "unknown_slot"
    detail = "no such appointment slot"


class AlreadyBooked(Refused):
    """The same person already holds a booking at this counter on this day."""

    code = "already_booked"
    detail = "this person already has a booking at this counter on this day"


# Slot capacity by (department id, slot start); None when the slot does not exist.
CapacityOf = Callable[[str, str], int | None]
# What became of one item given to PlatformStore.insert_many.
Outcome = Refused | StoredSubmission | None

_RECEIVED_NOTE = json.dumps(STATUS_NOTES["received"])
# A whole batch without bookings in one PostgreSQL statement: the items arrive as one
# array per column (unnest keeps their order: arrival order is the identity column's),
# rows whose key or tracking number is already held are skipped, and the first status
# of every stored application is written from what the insert returned.
_PG_BATCH_INSERT = """
WITH item AS (
    SELECT v->>0 AS idempotency_key, v->>1 AS body_hash, v->>2 AS kind,
           v->>3 AS tracking_number, v->>4 AS kiosk_id, v->>5 AS body, v->>6 AS response,
           v->>7 AS receipt_sha256, v->>8 AS complaint_number, v->>9 AS case_kind,
           v->>10 AS booking_day, v->>11 AS hall, n
    FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS e(v, n)
), stored AS (
    INSERT INTO submissions (idempotency_key, body_hash, kind, tracking_number, kiosk_id,
                             body, received_at, response, receipt_sha256, complaint_number,
                             case_kind, booking_day, hall)
    SELECT idempotency_key, body_hash, kind, tracking_number, kiosk_id, body, ?, response,
           receipt_sha256, complaint_number, case_kind, booking_day, hall
    FROM item ORDER BY n
    ON CONFLICT DO NOTHING
    RETURNING idempotency_key, tracking_number
), first_status AS (
    INSERT INTO timeline (tracking_number, seq, status, at, note)
    SELECT tracking_number, 0, 'received', ?, ? FROM stored WHERE tracking_number IS NOT NULL
)
SELECT idempotency_key FROM stored
"""


def _receipt_sha256(body: dict[str, Any]) -> str | None:
    payload = body.get("payload")
    digest = payload.get("receipt_code_sha256") if isinstance(payload, dict) else None
    return digest.lower() if isinstance(digest, str) and len(digest) == 64 else None


def _namespace(tracking_number: str) -> str:
    """The kiosk code a tracking number starts with (``A7H3-261123-0042X`` → ``A7H3``)."""
    return tracking_number.strip().upper().split("-", 1)[0]


def _slot_of(body: dict[str, Any]) -> tuple[str, str] | None:
    """(department id, slot start) an appointment books, or None."""
    payload = body.get("payload")
    if body.get("kind") != "appointment" or not isinstance(payload, dict):
        return None
    dep, start = payload.get("department_id"), payload.get("slot_start")
    return (dep, start) if isinstance(dep, str) and isinstance(start, str) else None


def _appointment_day(body: dict[str, Any]) -> str | None:
    """The day of an appointment record (``2026-12-07``, the hall's local date as the
    kiosk wrote it): a booking's slot date, a queue ticket's day of issue (its queue's
    day, ``central.queue.QueueTicket.day``); None for any other record. The column
    (``booking_day``, migration 0011) the console's hall page, 叫号 and the kiosks'
    ticket look-ups read a day's records by (:meth:`PlatformStore.appointments_on`)."""
    if body.get("kind") != "appointment":
        return None  # nearly every record: one look-up, on the batch path too
    payload = body.get("payload")
    if isinstance(payload, dict) and payload.get("type") == "queue_ticket":
        issued = payload.get("issued_at")
        return issued[:10] if isinstance(issued, str) else None
    slot = _slot_of(body)
    return slot[1][:10] if slot is not None else None


def _staff_call_day(body: dict[str, Any]) -> str | None:
    """The hall's date a staff call was pressed on (its payload's ``at``, the kiosk's
    clock, turned to this platform's local date as the console's "today" is); None for
    any other record. With :func:`_staff_call_hall`, what the hall page reads one hall's
    calls by (:meth:`PlatformStore.staff_calls_on`): before, every hall's newest 200."""
    if body.get("kind") != "staff_call":
        return None
    payload = body.get("payload")
    at = payload.get("at") if isinstance(payload, dict) else None
    try:
        pressed = dt.datetime.fromisoformat(at) if isinstance(at, str) else None
    except ValueError:
        pressed = None
    if pressed is None:
        return None  # no day: listed on no hall's page (a kiosk always writes one)
    return (pressed.astimezone() if pressed.tzinfo else pressed).date().isoformat()


def _staff_call_hall(body: dict[str, Any]) -> str | None:
    """The hall of a staff call: its payload's ``hall`` (the kiosk's location_zh, as its
    tickets and bookings carry), else its ``location`` (the same text, from kiosks older
    than the field), else ""; None for any other record."""
    if body.get("kind") != "staff_call":
        return None
    payload = body.get("payload")
    if not isinstance(payload, dict):
        return ""
    hall = payload.get("hall", payload.get("location"))
    return hall if isinstance(hall, str) else ""


def _record_day(body: dict[str, Any]) -> str | None:
    """The ``booking_day`` column of a record: an appointment's day, a staff call's."""
    day = _appointment_day(body)
    return day if day is not None else _staff_call_day(body)


def _record_hall(body: dict[str, Any]) -> str | None:
    """The ``hall`` column of a record: an appointment's hall, a staff call's."""
    hall = _appointment_hall(body)
    return hall if hall is not None else _staff_call_hall(body)


def _appointment_hall(body: dict[str, Any]) -> str | None:
    """The hall of an appointment record (its payload's ``hall``: where the kiosk that
    took it stands; "" from kiosks older than the field, which all stand in one hall,
    the platform's, as ``central.queue.ticket_of`` reads them); None for any other
    record. The column (``hall``, migration 0013) a day's records are read by with their
    day, one hall's at a time (:meth:`PlatformStore.appointments_on`)."""
    if body.get("kind") != "appointment":
        return None  # nearly every record: one look-up, on the batch path too
    payload = body.get("payload")
    hall = payload.get("hall") if isinstance(payload, dict) else None
    return hall if isinstance(hall, str) else ""


def _person_of(body: dict[str, Any]) -> tuple[str, str] | None:
    """(document type, document number) of an appointment's applicant, or None."""
    payload = body.get("payload")
    applicant = payload.get("applicant") if isinstance(payload, dict) else None
    if not isinstance(applicant, dict):
        return None
    kind, number = applicant.get("document_type"), applicant.get("document_number")
    if not isinstance(number, str) or not number.strip():
        return None
    return (kind if isinstance(kind, str) else ""), number


def _holds_booking(db: Executor, department_id: str, day: str, person_key: str) -> bool:
    row = db.execute(
        "SELECT 1 FROM bookings WHERE department_id=? AND person_key=? AND slot_start LIKE ?",
        (department_id, person_key, day + "%"),
    ).fetchone()
    return row is not None


def _booked_count(db: Executor, department_id: str, slot_start: str) -> int:
    row = db.execute(
        "SELECT COUNT(*) FROM bookings WHERE department_id=? AND slot_start=?",
        (department_id, slot_start),
    ).fetchone()
    return int(row[0])


def _rows_in(db: Executor, select: str, column: str, values: list[str]) -> list[Any]:
    """Rows of ``select … WHERE column IN (values)``, asked 500 values at a time."""
    rows: list[Any] = []
    for i in range(0, len(values), 500):
        chunk = values[i : i + 500]
        marks = ",".join("?" * len(chunk))
        rows += db.execute(f"{select} WHERE {column} IN ({marks})", chunk).fetchall()
    return rows


def _stored_under(db: Executor, keys: list[str]) -> dict[str, StoredSubmission]:
    """The submissions stored under any of ``keys``, by key."""
    select = "SELECT idempotency_key, body_hash, response FROM submissions"
    return {
        key: StoredSubmission(key, digest, json.loads(response))
        for key, digest, response in _rows_in(db, select, "idempotency_key", keys)
    }


def _taken_tracking_numbers(db: Executor, numbers: list[str]) -> set[str]:
    select = "SELECT tracking_number FROM submissions"
    return {r[0] for r in _rows_in(db, select, "tracking_number", numbers)}


def _to_read_back(keys: list[str], stored: set[str]) -> list[str]:
    """Keys of a plain batch insert that were not stored now, or came twice in it."""
    counts = Counter(keys)
    return [k for k in counts if k not in stored or counts[k] > 1]


def _plain_outcomes(
    keys: list[str],
    numbers: list[str | None],
    stored: set[str],
    known: dict[str, StoredSubmission],
) -> list[Outcome]:
    """Each item's outcome of a plain batch insert (see PlatformStore.insert_many)."""
    results: list[Outcome] = []
    seen: set[str] = set()
    for key, tn in zip(keys, numbers, strict=True):
        if key in stored and key not in seen:
            results.append(None)
        elif key in known:
            results.append(known[key])
        elif tn is not None:
            results.append(TrackingNumberTaken(tn))
        else:  # only a held key or number can make the insert skip a row
            raise RuntimeError(f"submission {key} was neither stored nor found")
        seen.add(key)
    return results


class PlatformStore:
    """The platform's database; all methods are thread-safe."""

    def __init__(self, path: str | Path, cipher: FieldCipher | None = None) -> None:
        """``path``: an SQLite file, ``:memory:``, or a ``postgresql://`` URL."""
        self._cipher = cipher or FieldCipher.ephemeral()
        self._db: Database = open_database(path)
        try:
            self.backfill_complaint_numbers()
            self.backfill_case_kinds()
            self.backfill_appointment_days()
            self.backfill_appointment_halls()
            self.backfill_staff_call_places()
        except BaseException:
            self._db.close()  # refused: the caller gets no object to close
            raise

    def _open_body(self, key: str, text: str) -> dict[str, Any]:
        body: dict[str, Any] = json.loads(self._cipher.open_text(text, "body:" + key))
        return body

    def close(self) -> None:
        """Close the connection(s)."""
        self._db.close()

    def backfill_complaint_numbers(self) -> int | None:
        """Index the numbers of complaints stored before migration 0007 (done when the
        store opens); how many were found, or None when it had been done already.

        Once per database: the first platform process to get the one write lock (an
        advisory lock on PostgreSQL, so several processes sharing one database do it
        once; the others wait for it, then find it done) reads the feedback bodies,
        sets the column and records it in ``backfills``, all in one transaction, so
        a failure leaves it to the next start. Records stored since carry their
        number already. (A process of the code before 0007 still running during the
        upgrade could store a complaint after this: upgrade all processes together;
        the old code refuses to start on the newer schema.)"""
        return self._backfill(
            _COMPLAINT_BACKFILL, "kind = 'feedback'", "complaint_number", _complaint_number
        )

    def backfill_case_kinds(self) -> int | None:
        """Mark the cases (poor ratings, complaints) stored before migration 0009 (done
        when the store opens); how many were found, or None when done already. Once per
        database, under the one write lock, like :meth:`backfill_complaint_numbers`."""
        return self._backfill(
            _CASE_BACKFILL, "kind IN ('rating', 'feedback')", "case_kind", _case_kind
        )

    def backfill_appointment_days(self) -> int | None:
        """Give the bookings and queue tickets stored without their day (before migration
        0011, or tickets before they had one) their day (done when the store opens); how
        many were found, or None when done already. Once per database, under the one
        write lock, like :meth:`backfill_complaint_numbers`."""
        return self._backfill(
            _APPOINTMENT_DAY_BACKFILL, "kind = 'appointment'", "booking_day", _appointment_day
        )

    def backfill_appointment_halls(self) -> int | None:
        """Give the appointment records stored before migration 0013 their hall (done
        when the store opens); how many were found, or None when done already. Once per
        database, under the one write lock, like :meth:`backfill_appointment_days`."""
        return self._backfill(
            _APPOINTMENT_HALL_BACKFILL, "kind = 'appointment'", "hall", _appointment_hall
        )

    def backfill_staff_call_places(self) -> None:
        """Give the staff calls stored before their hall and day were kept (issue 16)
        both (done when the store opens, once per database): without them a hall's page
        would not list its calls stored before the upgrade."""
        call = "kind = 'staff_call'"
        self._backfill(_STAFF_CALL_HALL_BACKFILL, call, "hall", _staff_call_hall)
        self._backfill(_STAFF_CALL_DAY_BACKFILL, call, "booking_day", _staff_call_day)

    def _backfill(
        self,
        name: str,
        kinds: str,
        column: str,
        derive: Callable[[dict[str, Any]], str | None],
    ) -> int | None:
        """Set ``column`` from each sealed body of the rows ``kinds`` selects that have
        it NULL, once per database (recorded in ``backfills`` as ``name``), in one
        transaction under the one write lock; how many got a value, or None when done."""
        done = "SELECT 1 FROM backfills WHERE name = ?"
        with self._db.read() as db:
            if db.execute(done, (name,)).fetchone() is not None:
                return None
        order, found = self._db.order_column, 0
        with self._db.tx() as db:
            if db.execute(done, (name,)).fetchone() is not None:
                return None  # another process did it while this one waited
            after = 0  # rowid and seq start at 1
            while True:  # a page at a time: years of records need not fit in memory
                rows = db.execute(
                    f"SELECT {order}, idempotency_key, body FROM submissions"
                    f" WHERE {kinds} AND {column} IS NULL AND {order} > ?"
                    f" ORDER BY {order} LIMIT 1000",
                    (after,),
                ).fetchall()
                if not rows:
                    break
                after = rows[-1][0]
                values = [
                    (value, key)
                    for _, key, text in rows
                    if (value := derive(self._open_body(key, text))) is not None
                ]
                db.executemany(
                    f"UPDATE submissions SET {column} = ? WHERE idempotency_key = ?", values
                )
                found += len(values)
            db.execute(
                "INSERT INTO backfills (name, done_at) VALUES (?, ?)",
                (name, iso(dt.datetime.now(dt.UTC))),
            )
        return found

    async def close_async(self) -> None:
        """Close the connections the event loop holds (PostgreSQL's async pool), from
        that loop; nothing to do for SQLite."""
        close = getattr(self._db, "close_async", None)
        if close is not None:
            await close()

    # --- submissions ---------------------------------------------------------

    def find_submission(self, key: str) -> StoredSubmission | None:
        """The stored submission for an idempotency key, or None."""
        with self._db.read() as db:
            row = db.execute(
                "SELECT body_hash, response FROM submissions WHERE idempotency_key=?", (key,)
            ).fetchone()
        if row is None:
            return None
        return StoredSubmission(key, row[0], json.loads(row[1]))

    def count_replays(self, keys: list[str]) -> None:
        """Remember that retries of already stored submissions arrived (one transaction)."""
        if not keys:
            return
        with self._db.tx(locks=()) as db:  # one row-locking UPDATE
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                db.execute(
                    "UPDATE submissions SET replays = replays + 1 WHERE idempotency_key IN"
                    f" ({','.join('?' * len(chunk))})",
                    chunk,
                )

    def insert_submission(
        self,
        key: str,
        body_hash: str,
        body: dict[str, Any],
        response: dict[str, Any],
        now: dt.datetime,
        kiosk_id: str | None = None,
    ) -> None:
        """Store a new submission and, when it has a tracking number, its first status."""
        text = canonical_json(body)
        result = self.insert_many([(key, body_hash, body, text, response, kiosk_id)], now)[0]
        if isinstance(result, Refused):
            raise result
        if result is not None:
            raise ValueError(f"a submission is already stored under {key}")

    def insert_many(
        self,
        items: list[tuple[str, str, dict[str, Any], str, dict[str, Any], str | None]],
        now: dt.datetime,
        capacity: CapacityOf | None = None,
    ) -> list[Outcome]:
        """Store several submissions, idempotently by key, in one transaction (one
        commit for a whole batch).

        Each item is ``(key, body hash, body, canonical body text, response, kiosk id)``.
        Its outcome: None when stored now; the :class:`StoredSubmission` already held
        under its key (stored earlier, by another process, or earlier in this batch:
        the caller tells a faithful retry from a reused key by the hash); or a
        :class:`Refused`: its tracking number is already taken (or taken earlier in the
        same batch), or an appointment's slot is full or unknown, or its applicant
        already holds a booking at that counter that day (``capacity`` given). The
        capacity check and the booking happen under one lock, so concurrent bookings
        can never exceed a slot's places.
        """
        if self._db.dialect == "postgres" and not any(_slot_of(i[2]) for i in items):
            return self._insert_plain_pg(items, now)
        return self._insert_checked(items, now, capacity)

    def _insert_plain_pg(
        self,
        items: list[tuple[str, str, dict[str, Any], str, dict[str, Any], str | None]],
        now: dt.datetime,
    ) -> list[Outcome]:
        """:meth:`insert_many` for a batch without bookings, on PostgreSQL: one statement,
        one round trip. The unique keys decide (idempotency key, tracking number):
        ``ON CONFLICT DO NOTHING`` skips a row whose key or number is held, waiting
        for a concurrent writer of the same row to finish first, so no lock is needed;
        the skipped rows are then told apart by reading their keys back."""
        keys, numbers, params = self._plain_pg_params(items, now)
        with self._db.autocommit() as db:
            stored = {r[0] for r in db.execute(_PG_BATCH_INSERT, params)}
            again = _to_read_back(keys, stored)
            known = _stored_under(db, again) if again else {}
        return _plain_outcomes(keys, numbers, stored, known)

    async def insert_plain_async(
        self,
        items: list[tuple[str, str, dict[str, Any], str, dict[str, Any], str | None]],
        now: dt.datetime,
    ) -> list[Outcome] | None:
        """:meth:`insert_many` on the running event loop, for a batch without bookings on
        PostgreSQL (the same statement as the blocking path, through psycopg's async
        pool): no thread hand-off per request. None when it cannot be done there (SQLite,
        a batch that books slots, or another event loop than the pool's): the caller
        then uses :meth:`insert_many` on a thread."""
        db = self._db
        if db.dialect != "postgres" or any(_slot_of(i[2]) for i in items):
            return None
        run = getattr(db, "fetch_async", None)
        if run is None:
            return None
        keys, numbers, params = self._plain_pg_params(items, now)
        rows = await run(_PG_BATCH_INSERT, params)
        if rows is None:
            return None
        stored = {r[0] for r in rows}
        again = _to_read_back(keys, stored)
        known: dict[str, StoredSubmission] = {}
        if again:
            # A retry or a reused key: rare, read back like the blocking path.
            got = await run(
                "SELECT idempotency_key, body_hash, response FROM submissions"
                " WHERE idempotency_key = ANY(?)",
                (again,),
            )
            if got is None:
                return None
            known = {k: StoredSubmission(k, h, json.loads(r)) for k, h, r in got}
        return _plain_outcomes(keys, numbers, stored, known)

    def _plain_pg_params(
        self,
        items: list[tuple[str, str, dict[str, Any], str, dict[str, Any], str | None]],
        now: dt.datetime,
    ) -> tuple[list[str], list[str | None], tuple[str, str, str, str]]:
        """(keys, owned tracking numbers, parameters of ``_PG_BATCH_INSERT``) of a batch."""
        at = iso(now)
        rows = [
            (
                key,
                body_hash,
                body["kind"],
                _owned_tracking_number(body),
                body.get("kiosk_id") or kiosk_id,
                self._cipher.seal_text(body_text, "body:" + key),
                _wire_json(response),
                _receipt_sha256(body),
                _complaint_number(body),
                _case_kind(body),
                _record_day(body),  # a ticket's or call's day (bookings come the other way)
                _record_hall(body),
            )
            for key, body_hash, body, body_text, response, kiosk_id in items
        ]
        # The rows go as one JSON parameter: psycopg dumps a str in C, where a list
        # per column would be dumped element by element in Python.
        params = (_wire_json(rows), at, at, _RECEIVED_NOTE)
        return [r[0] for r in rows], [r[3] for r in rows], params

    def _insert_checked(
        self,
        items: list[tuple[str, str, dict[str, Any], str, dict[str, Any], str | None]],
        now: dt.datetime,
        capacity: CapacityOf | None,
    ) -> list[Outcome]:
        """:meth:`insert_many` with the checks in Python under the write locks (SQLite,
        and batches that book appointment slots)."""
        results: list[Outcome] = []
        wanted = [tn for tn in (_owned_tracking_number(b) for _, _, b, _, _, _ in items) if tn]
        # Only writers that could collide wait for each other: the same tracking-number
        # namespace (a kiosk's code) or the same appointment slot.
        locks = {"tn:" + _namespace(tn) for tn in wanted}
        # A person's bookings at a counter on a day: the key (never the number) is kept.
        people: dict[int, str] = {}
        for n, (_, _, b, _, _, _) in enumerate(items):
            who = _person_of(b)
            if who is not None and _slot_of(b) is not None:
                people[n] = self._cipher.person_key(*who)
        if capacity is not None:
            locks.update("slot:" + "|".join(s) for s in map(_slot_of, (i[2] for i in items)) if s)
            for n, pk in people.items():
                dep, start = _slot_of(items[n][2]) or ("", "")
                locks.add(f"person:{dep}|{start[:10]}|{pk}")
        with self._db.tx(locks=sorted(locks)) as db:
            known = _stored_under(db, [i[0] for i in items])
            taken = _taken_tracking_numbers(db, wanted)
            subs, timeline, bookings = [], [], []
            booked_now: dict[tuple[str, str], int] = {}
            held_now: set[tuple[str, str, str]] = set()  # (department, day, person key)
            at = iso(now)
            for n, (key, body_hash, body, body_text, response, kiosk_id) in enumerate(items):
                if key in known:
                    results.append(known[key])
                    continue
                tn = _owned_tracking_number(body)
                if tn is not None and tn in taken:
                    results.append(TrackingNumberTaken(str(tn)))
                    continue
                slot = _slot_of(body)
                if slot is not None and capacity is not None:
                    places = capacity(*slot)
                    if places is None:
                        results.append(UnknownSlot(f"{slot[0]} {slot[1]}"))
                        continue
                    if slot not in booked_now:
                        booked_now[slot] = _booked_count(db, *slot)
                    if booked_now[slot] >= places:
                        results.append(SlotFull(f"{slot[0]} {slot[1]}"))
                        continue
                    pk = people.get(n)
                    if pk is not None:
                        held = (slot[0], slot[1][:10], pk)
                        if held in held_now or _holds_booking(db, *held):
                            results.append(AlreadyBooked(f"{slot[0]} {slot[1][:10]}"))
                            continue
                        held_now.add(held)
                    booked_now[slot] += 1
                results.append(None)
                # A second item under the same key in this batch finds this one.
                known[key] = StoredSubmission(key, body_hash, response)
                subs.append(
                    (
                        key,
                        body_hash,
                        body["kind"],
                        tn,
                        body.get("kiosk_id") or kiosk_id,
                        self._cipher.seal_text(body_text, "body:" + key),
                        at,
                        _COMPACT(response),
                        _receipt_sha256(body),
                        _complaint_number(body),
                        _case_kind(body),
                        _record_day(body),
                        _record_hall(body),
                    )
                )
                if tn is not None:
                    taken.add(tn)
                    timeline.append((tn, 0, "received", at, _RECEIVED_NOTE))
                if slot is not None:
                    bookings.append((slot[0], slot[1], tn, people.get(n)))
            db.executemany(
                "INSERT INTO submissions (idempotency_key, body_hash, kind, tracking_number,"
                " kiosk_id, body, received_at, response, receipt_sha256, complaint_number,"
                " case_kind, booking_day, hall) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                subs,
            )
            db.executemany("INSERT INTO timeline VALUES (?,?,?,?,?)", timeline)
            db.executemany(
                "INSERT INTO bookings (department_id, slot_start, tracking_number, person_key)"
                " VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
                bookings,
            )
        return results

    def find_many(self, keys: list[str]) -> dict[str, StoredSubmission]:
        """Stored submissions for several idempotency keys (absent keys are left out)."""
        with self._db.read() as db:
            return _stored_under(db, keys)

    def list_submissions(self, limit: int = 100_000) -> list[dict[str, Any]]:
        """All submissions (oldest first) for the admin view and tests."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT idempotency_key, kind, tracking_number, kiosk_id, received_at, replays,"
                " body"
                f" FROM submissions ORDER BY {self._db.order_column} LIMIT ?",
                (limit,),
            ).fetchall()
        return [
            {
                "idempotency_key": r[0],
                "kind": r[1],
                "tracking_number": r[2],
                "kiosk_id": r[3],
                "received_at": r[4],
                "replays": r[5],
                "body": self._open_body(r[0], r[6]),
            }
            for r in rows
        ]

    def _listed(self, r: Sequence[Any]) -> dict[str, Any]:
        """A row of (key, tracking number, kiosk, received at, sealed body) as the
        console's lists take it, its body opened."""
        return {
            "idempotency_key": r[0],
            "tracking_number": r[1],
            "kiosk_id": r[2],
            "received_at": r[3],
            "body": self._open_body(r[0], r[4]),
        }

    def submissions_of_kind(self, kind: str, limit: int = 200) -> list[dict[str, Any]]:
        """The newest ``limit`` submissions of one kind, newest first (the console's lists)."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT idempotency_key, tracking_number, kiosk_id, received_at, body"
                f" FROM submissions WHERE kind = ? ORDER BY {self._db.order_column} DESC LIMIT ?",
                (kind, limit),
            ).fetchall()
        return [self._listed(r) for r in rows]

    def bookings_on(self, day: str, hall: str) -> list[dict[str, Any]]:
        """Every booking of ``hall`` for ``day`` (``YYYY-MM-DD``, the hall's date), in
        order of arrival, as :meth:`appointments_on` gives them (queue tickets left out)."""
        return [r for r in self.appointments_on(day, hall) if _slot_of(r["body"]) is not None]

    def appointments_on(self, day: str, hall: str) -> list[dict[str, Any]]:
        """Every appointment record of ``hall`` on ``day`` (``YYYY-MM-DD``, the hall's
        date): its bookings for that day and its queue tickets issued that day, in order
        of arrival, each as :meth:`submissions_of_kind` gives it: one look-up in the
        hall-and-day index, however many records the platform holds for other days (the
        newest 2,000 left a busy hall's morning tickets out) and other halls (a province
        platform's ~500 halls hold 100k-200k a day: issue 16)."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT idempotency_key, tracking_number, kiosk_id, received_at, body"
                " FROM submissions WHERE hall = ? AND booking_day = ?"
                f" AND kind = 'appointment' ORDER BY {self._db.order_column}",
                (hall, day),
            ).fetchall()
        return [self._listed(r) for r in rows]

    def staff_calls_on(self, days: list[str], hall: str, limit: int = 200) -> list[dict[str, Any]]:
        """The newest ``limit`` staff calls pressed in ``hall`` on ``days`` (the hall's
        dates), newest first, as :meth:`submissions_of_kind` gives them: the hall page's
        calls, read along the hall-and-day index (its staff see, and answer, their own
        hall's calls only: issue 16)."""
        if not days:
            return []
        marks = ",".join("?" * len(days))
        with self._db.read() as db:
            rows = db.execute(
                "SELECT idempotency_key, tracking_number, kiosk_id, received_at, body"
                f" FROM submissions WHERE hall = ? AND booking_day IN ({marks})"
                f" AND kind = 'staff_call' ORDER BY {self._db.order_column} DESC LIMIT ?",
                (hall, *days, limit),
            ).fetchall()
        return [self._listed(r) for r in rows]

    def submission_hall(self, key: str) -> str | None:
        """The hall of the record stored under ``key`` (an appointment's or a staff
        call's), or None (no such record, or one of no hall)."""
        with self._db.read() as db:
            row = db.execute(
                "SELECT hall FROM submissions WHERE idempotency_key = ?", (key,)
            ).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def case_records(
        self, closed: Callable[[list[str]], set[str]], recent: int = 2000
    ) -> list[dict[str, Any]]:
        """The records the console lists for a 整改回访, newest first: every case still
        open however old, and of the closed ones the newest ``recent`` cases. Each as
        :meth:`submissions_of_kind` gives it, with its ``kind``. ``closed(keys)``: which
        of ``keys`` have had their follow-up (the console's store keeps those).

        Only the cases' keys are read for all of them (the ``case_kind`` index); only
        the records listed are unsealed."""
        order = self._db.order_column
        with self._db.read() as db:
            keys = [
                str(r[0])
                for r in db.execute(
                    "SELECT idempotency_key FROM submissions WHERE case_kind IS NOT NULL"
                    f" ORDER BY {order} DESC"
                ).fetchall()
            ]
        done = closed(keys[recent:]) if len(keys) > recent else set()
        wanted = keys[:recent] + [k for k in keys[recent:] if k not in done]
        found = self.submissions_by_key(wanted)
        return [found[k] for k in wanted if k in found]

    def submissions_by_key(self, keys: list[str]) -> dict[str, dict[str, Any]]:
        """The submissions stored under ``keys`` (absent keys left out), each as
        :meth:`submissions_of_kind` gives it, with its ``kind``: what the console shows
        about the records its own tables name (a staff call the audit page lists)."""
        found: dict[str, dict[str, Any]] = {}
        with self._db.read() as db:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                for r in db.execute(
                    "SELECT idempotency_key, kind, tracking_number, kiosk_id, received_at, body"
                    f" FROM submissions WHERE idempotency_key IN ({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall():
                    found[r[0]] = {
                        "idempotency_key": r[0],
                        "kind": r[1],
                        "tracking_number": r[2],
                        "kiosk_id": r[3],
                        "received_at": r[4],
                        "body": self._open_body(r[0], r[5]),
                    }
        return found

    def complaint_by_number(self, number: str) -> tuple[str, str] | None:
        """(idempotency key, received at) of the newest complaint filed under ``number``
        (either written form), or None: one look-up in the complaint-number index,
        however many records the platform holds."""
        with self._db.read() as db:
            row = db.execute(
                "SELECT idempotency_key, received_at FROM submissions"
                f" WHERE complaint_number = ? ORDER BY {self._db.order_column} DESC LIMIT 1",
                (complaint_key(number),),
            ).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def appointment_day_hall(self, key: str) -> tuple[str, str] | None:
        """(day, hall) of the appointment record stored under ``key``: what
        :meth:`appointments_on` reads its queue by; None (no such record, or none with a
        day or a hall)."""
        with self._db.read() as db:
            row = db.execute(
                "SELECT booking_day, hall FROM submissions WHERE idempotency_key = ?", (key,)
            ).fetchone()
        if row is None or row[0] is None or row[1] is None:
            return None
        return str(row[0]), str(row[1])

    def halls(self) -> list[str]:
        """Every hall with appointment records or staff calls, in order (the console's
        hall chooser): one step along the hall-and-day index per hall (a loose index
        scan, as neither database skips along an index by itself), however many records
        each holds."""
        with self._db.read() as db:
            rows = db.execute(
                "WITH RECURSIVE h(hall) AS ("
                " SELECT MIN(hall) FROM submissions WHERE hall IS NOT NULL"
                " UNION ALL"
                " SELECT (SELECT MIN(s.hall) FROM submissions s WHERE s.hall > h.hall)"
                " FROM h WHERE h.hall IS NOT NULL"
                ") SELECT hall FROM h WHERE hall IS NOT NULL"
            ).fetchall()
        return [str(r[0]) for r in rows]

    def submission_owner(self, key: str) -> tuple[str, str | None] | None:
        """(kind, kiosk id) of the submission stored under ``key``, if any."""
        with self._db.read() as db:
            row = db.execute(
                "SELECT kind, kiosk_id FROM submissions WHERE idempotency_key = ?", (key,)
            ).fetchone()
        return None if row is None else (row[0], row[1])

    def count_submissions(self) -> int:
        """How many distinct submissions the platform holds."""
        with self._db.read() as db:
            return int(db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0])

    # --- status timeline -----------------------------------------------------

    def timeline(self, tracking_number: str) -> list[dict[str, Any]] | None:
        """The status history of a tracking number, or None when unknown."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT status, at, note FROM timeline WHERE tracking_number=? ORDER BY seq",
                (tracking_number,),
            ).fetchall()
            if not rows:
                return None
        return [{"status": r[0], "at": r[1], "note": json.loads(r[2])} for r in rows]

    def submission_by_tracking(
        self, tracking_number: str, answers: Collection[str] = ()
    ) -> dict[str, Any] | None:
        """Kind and service of the submission behind a tracking number; with ``answers``
        (form field names), an application's answers to those, under "answers" (asked
        for the pickup's question only: nothing else of the form leaves the store)."""
        with self._db.read() as db:
            row = db.execute(
                "SELECT kind, body, idempotency_key FROM submissions WHERE tracking_number=?",
                (tracking_number,),
            ).fetchone()
        if row is None:
            return None
        body = self._open_body(row[2], row[1])
        payload = body.get("payload") if isinstance(body.get("payload"), dict) else {}
        out = {"kind": row[0], "service_id": payload.get("service_id")}
        if row[0] == "application":
            # What the kiosk took itself, so a status note claims no more (see
            # ACCEPTED_COUNTER_NOTE): the identity read from a document, the papers photographed.
            out["identity_verified"] = payload.get("identity_verified") is not False
            attachments = payload.get("attachments")
            out["captured"] = sorted(
                {
                    a["material_index"]
                    for a in (attachments if isinstance(attachments, list) else [])
                    if isinstance(a, dict) and isinstance(a.get("material_index"), int)
                }
            )
            if answers:
                form = payload.get("form") if isinstance(payload.get("form"), dict) else {}
                out["answers"] = {
                    k: form[k] for k in answers if isinstance(form.get(k), str) and form[k]
                }
        if row[0] == "appointment":
            # A booking's status is its counter and time, not a processing timeline.
            out["booking"] = {
                k: payload[k]
                for k in ("department_id", "slot_start", "slot_end")
                if isinstance(payload.get(k), str)
            }
        return out

    def record_by_tracking(self, tracking_number: str) -> dict[str, Any] | None:
        """The application or booking stored under ``tracking_number`` (as kept: the
        check character joined), as :meth:`submissions_by_key` gives a record, or None:
        what the console's 受理查询 shows (try-out 17, K1)."""
        with self._db.read() as db:
            row = db.execute(
                "SELECT idempotency_key, kind, tracking_number, kiosk_id, received_at, body"
                " FROM submissions WHERE tracking_number = ?",
                (tracking_number,),
            ).fetchone()
        if row is None:
            return None
        return {**self._listed((row[0], row[2], row[3], row[4], row[5])), "kind": row[1]}

    def proof_of(self, tracking_number: str) -> tuple[str | None, str | None] | None:
        """What proves possession of an application: the SHA-256 (hex) of its receipt
        code and the last 4 characters of the applicant's ID number; None if unknown."""
        with self._db.read() as db:
            row = db.execute(
                "SELECT body, idempotency_key, receipt_sha256 FROM submissions"
                " WHERE tracking_number=?",
                (tracking_number,),
            ).fetchone()
        if row is None:
            return None
        body = self._open_body(row[1], row[0])
        payload = body.get("payload") if isinstance(body.get("payload"), dict) else {}
        applicant = payload.get("applicant")
        number = applicant.get("document_number") if isinstance(applicant, dict) else None
        last4 = number[-4:].upper() if isinstance(number, str) and len(number) >= 4 else None
        return row[2], last4

    def tracking_by_receipt(self, receipt_sha256: str) -> str | None:
        """The tracking number whose receipt code hashes to this, or None."""
        with self._db.read() as db:
            row = db.execute(
                "SELECT tracking_number FROM submissions WHERE receipt_sha256=?"
                " AND tracking_number IS NOT NULL",
                (receipt_sha256,),
            ).fetchone()
        return None if row is None else str(row[0])

    def append_status(
        self, tracking_number: str, status: str, note: dict[str, str], now: dt.datetime
    ) -> None:
        """Add a status to the timeline (the caller checked the transition)."""
        with self._db.tx(locks=("timeline:" + tracking_number,)) as db:
            seq = db.execute(
                "SELECT COALESCE(MAX(seq), -1) + 1 FROM timeline WHERE tracking_number=?",
                (tracking_number,),
            ).fetchone()[0]
            db.execute(
                "INSERT INTO timeline VALUES (?,?,?,?,?)",
                (tracking_number, seq, status, iso(now), json.dumps(note, ensure_ascii=False)),
            )

    # --- attachments ---------------------------------------------------------

    def has_attachment(self, sha256: str) -> bool:
        """Whether the content is already stored."""
        with self._db.read() as db:
            row = db.execute("SELECT 1 FROM attachments WHERE sha256=?", (sha256,)).fetchone()
        return row is not None

    def put_attachment(
        self, sha256: str, data: bytes, content_type: str | None, now: dt.datetime
    ) -> bool:
        """Store content under its hash; False when it was already there."""
        with self._db.tx(locks=()) as db:  # ON CONFLICT DO NOTHING decides a race
            if db.execute("SELECT 1 FROM attachments WHERE sha256=?", (sha256,)).fetchone():
                return False
            sealed = self._cipher.seal_blob(data, "attachment:" + sha256)
            cur = db.execute(
                "INSERT INTO attachments VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING",
                (sha256, len(data), content_type, sealed, iso(now)),
            )
            return cur.rowcount == 1

    def get_attachment(self, sha256: str) -> tuple[bytes, str | None] | None:
        """Content and type, or None."""
        with self._db.read() as db:
            row = db.execute(
                "SELECT data, content_type FROM attachments WHERE sha256=?", (sha256,)
            ).fetchone()
        if row is None:
            return None
        return self._cipher.open_blob(bytes(row[0]), "attachment:" + sha256), row[1]

    # --- heartbeats and bookings --------------------------------------------

    def record_heartbeat(self, kiosk_id: str, beat: dict[str, Any], now: dt.datetime) -> None:
        """Keep the latest heartbeat per kiosk."""
        with self._db.autocommit() as db:  # one upsert, atomic by itself
            db.execute(
                "INSERT INTO heartbeats VALUES (?,?,?,1) ON CONFLICT(kiosk_id) DO UPDATE SET"
                " last=excluded.last, received_at=excluded.received_at,"
                " count=heartbeats.count+1",
                (kiosk_id, json.dumps(beat, ensure_ascii=False), iso(now)),
            )

    def kiosks(self) -> list[dict[str, Any]]:
        """Latest heartbeat of every kiosk."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT kiosk_id, last, received_at, count FROM heartbeats ORDER BY kiosk_id"
            ).fetchall()
        return [
            {"kiosk_id": r[0], "last": json.loads(r[1]), "received_at": r[2], "count": r[3]}
            for r in rows
        ]

    def last_heartbeats(self, kiosk_ids: list[str]) -> dict[str, dict[str, Any]]:
        """The latest heartbeat of each of ``kiosk_ids`` that has sent one (the hall
        page reads its calls' kiosks only, not the fleet's)."""
        if not kiosk_ids:
            return {}
        marks = ",".join("?" * len(kiosk_ids))
        with self._db.read() as db:
            rows = db.execute(
                f"SELECT kiosk_id, last FROM heartbeats WHERE kiosk_id IN ({marks})",
                kiosk_ids,
            ).fetchall()
        return {str(r[0]): json.loads(r[1]) for r in rows}

    def booked(self, department_id: str, day: str) -> dict[str, int]:
        """Bookings per slot start on one day (``YYYY-MM-DD``)."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT slot_start, COUNT(*) FROM bookings WHERE department_id=?"
                " AND slot_start LIKE ? GROUP BY slot_start",
                (department_id, day + "%"),
            ).fetchall()
        return {r[0]: int(r[1]) for r in rows}

    # --- catalog -------------------------------------------------------------

    def save_catalog(self, doc: dict[str, Any], now: dt.datetime) -> int:
        """Keep a pushed catalog as a new version; returns its version number."""
        with self._db.tx(locks=()) as db:  # the identity column numbers versions
            row = db.execute(
                "INSERT INTO catalog_versions (body, stored_at) VALUES (?,?) RETURNING version",
                (json.dumps(doc, ensure_ascii=False), iso(now)),
            ).fetchone()
            return int(row[0])

    def latest_catalog(self) -> tuple[int, dict[str, Any]] | None:
        """The newest stored catalog and its version, or None before the first push."""
        with self._db.read() as db:
            row = db.execute(
                "SELECT version, body FROM catalog_versions ORDER BY version DESC LIMIT 1"
            ).fetchone()
        return None if row is None else (int(row[0]), json.loads(row[1]))

    def latest_catalog_version(self) -> int:
        """The newest stored catalog version number (0 before the first push)."""
        with self._db.read() as db:
            row = db.execute("SELECT COALESCE(MAX(version), 0) FROM catalog_versions").fetchone()
        return int(row[0])

    def catalog_bodies(self) -> list[tuple[int, dict[str, Any]]]:
        """Every stored catalog version's number and document, oldest first."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT version, body FROM catalog_versions ORDER BY version"
            ).fetchall()
        return [(int(r[0]), json.loads(r[1])) for r in rows]

    def catalog_versions(self) -> list[dict[str, Any]]:
        """Every stored catalog version (number, the catalog's own version, when)."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT version, body, stored_at FROM catalog_versions ORDER BY version"
            ).fetchall()
        return [
            {"version": r[0], "catalog_version": json.loads(r[1]).get("version"), "stored_at": r[2]}
            for r in rows
        ]
