"""The in-memory outbox: same contract as :class:`SqliteOutbox`, nothing on disk.

For tests, the demo and UI development. Not durable, by design.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import threading
import uuid
from collections.abc import Sequence

from offline_cache import _rules
from offline_cache._time import normalize
from offline_cache.outbox_protocol import (
    OutboxRecord,
    OutboxStats,
    RecordKind,
    RecordState,
    UnknownRecordError,
)


@dataclasses.dataclass(slots=True)
class _Row:
    seq: int
    record: OutboxRecord


class MemoryOutbox:
    """:class:`~offline_cache.outbox_protocol.Outbox` in a dict, guarded by a lock.

    ``retention`` and ``max_attempts`` mean what they mean for :class:`SqliteOutbox`.
    """

    def __init__(
        self,
        *,
        retention: dt.timedelta = _rules.DEFAULT_RETENTION,
        max_attempts: int = _rules.DEFAULT_MAX_ATTEMPTS,
    ) -> None:
        _rules.check_options(retention, max_attempts)
        self.retention = retention
        self.max_attempts = max_attempts
        self._rows: dict[uuid.UUID, _Row] = {}
        self._seq = itertools.count(1)
        self._lock = threading.Lock()

    def enqueue(
        self, kind: RecordKind, payload: bytes, tracking_number: str | None, now: dt.datetime
    ) -> OutboxRecord:
        """Store a new pending record."""
        record = OutboxRecord(
            id=uuid.uuid4(),
            kind=RecordKind(kind),
            tracking_number=tracking_number,
            created_at=normalize(now),
            state=RecordState.PENDING,
            attempts=0,
            next_attempt_at=None,
            last_error=None,
            delivered_at=None,
            payload=bytes(payload),
        )
        with self._lock:
            self._rows[record.id] = _Row(next(self._seq), record)
        return record

    def claim(self, limit: int, now: dt.datetime) -> list[OutboxRecord]:
        """Move up to ``limit`` due records to ``sending``, oldest first."""
        if limit <= 0:
            return []
        t = normalize(now)
        with self._lock:
            due = sorted(
                (
                    row
                    for row in self._rows.values()
                    if row.record.state is RecordState.PENDING
                    or (
                        row.record.state is RecordState.FAILED
                        and row.record.next_attempt_at is not None
                        and row.record.next_attempt_at <= t
                    )
                ),
                key=lambda row: row.seq,
            )[:limit]
            for row in due:
                row.record = dataclasses.replace(
                    row.record, state=RecordState.SENDING, next_attempt_at=None
                )
            return [row.record for row in due]

    def mark_delivered(self, record_id: uuid.UUID, now: dt.datetime) -> None:
        """The platform confirmed the record; repeated calls keep the first time."""
        with self._lock:
            row = self._row(record_id)
            if row.record.state is RecordState.DELIVERED:
                return
            row.record = dataclasses.replace(
                row.record,
                state=RecordState.DELIVERED,
                delivered_at=normalize(now),
                next_attempt_at=None,
            )

    def mark_delivered_many(self, record_ids: Sequence[uuid.UUID], now: dt.datetime) -> None:
        """:meth:`mark_delivered` per id, all or nothing (an unknown id changes nothing)."""
        t = normalize(now)
        with self._lock:
            rows = [self._row(rid) for rid in record_ids]  # raises before any change
            for row in rows:
                if row.record.state is not RecordState.DELIVERED:
                    row.record = dataclasses.replace(
                        row.record,
                        state=RecordState.DELIVERED,
                        delivered_at=t,
                        next_attempt_at=None,
                    )

    def mark_failed(
        self,
        record_id: uuid.UUID,
        error: str,
        next_attempt_at: dt.datetime,
        now: dt.datetime,
        *,
        transient: bool = False,
    ) -> RecordState:
        """A retryable failure of a claimed record; FAILED, or DEAD at the attempt limit."""
        with self._lock:
            row = self._row(record_id)
            if not _rules.check_failable(row.record.state):
                return row.record.state
            attempts = row.record.attempts + 1
            if attempts >= self.max_attempts and not transient:
                row.record = dataclasses.replace(
                    row.record,
                    state=RecordState.DEAD,
                    attempts=attempts,
                    next_attempt_at=None,
                    last_error=_rules.limit_reason(self.max_attempts, error),
                )
            else:
                row.record = dataclasses.replace(
                    row.record,
                    state=RecordState.FAILED,
                    attempts=attempts,
                    next_attempt_at=normalize(next_attempt_at),
                    last_error=_rules.clip_error(error),
                )
            return row.record.state

    def mark_dead(self, record_id: uuid.UUID, reason: str, now: dt.datetime) -> None:
        """A permanent failure; no-op on a delivered or already dead record."""
        with self._lock:
            row = self._row(record_id)
            if row.record.state in (RecordState.DELIVERED, RecordState.DEAD):
                return
            row.record = dataclasses.replace(
                row.record,
                state=RecordState.DEAD,
                next_attempt_at=None,
                last_error=_rules.clip_error(reason),
            )

    def recover_in_flight(self) -> int:
        """Records in ``sending`` go back to pending."""
        with self._lock:
            count = 0
            for row in self._rows.values():
                if row.record.state is RecordState.SENDING:
                    row.record = dataclasses.replace(
                        row.record, state=RecordState.PENDING, next_attempt_at=None
                    )
                    count += 1
            return count

    def requeue(self, record_id: uuid.UUID, now: dt.datetime) -> None:
        """A dead (or failed) record becomes pending with attempts reset."""
        with self._lock:
            row = self._row(record_id)
            if _rules.check_requeueable(row.record.state):
                row.record = dataclasses.replace(
                    row.record, state=RecordState.PENDING, attempts=0, next_attempt_at=None
                )

    def probe(self) -> bool:
        """A memory outbox has no disk to test: True (the kiosk itself uses SqliteOutbox)."""
        return True

    def get(self, record_id: uuid.UUID) -> OutboxRecord | None:
        """One record, or None."""
        with self._lock:
            row = self._rows.get(record_id)
            return None if row is None else row.record

    def list(
        self, states: frozenset[RecordState] | None = None, limit: int = 100
    ) -> list[OutboxRecord]:
        """Newest (last enqueued) first."""
        if limit <= 0:
            return []
        with self._lock:
            rows = [r for r in self._rows.values() if states is None or r.record.state in states]
            rows.sort(key=lambda r: r.seq, reverse=True)
            return [r.record for r in rows[:limit]]

    def delivered_kinds(self) -> dict[RecordKind, int]:
        """How many delivered records of each kind."""
        out: dict[RecordKind, int] = {}
        with self._lock:
            for row in self._rows.values():
                if row.record.state is RecordState.DELIVERED:
                    out[row.record.kind] = out.get(row.record.kind, 0) + 1
        return out

    def waiting_kinds(self) -> dict[RecordKind, int]:
        """How many records of each kind still on their way."""
        out: dict[RecordKind, int] = {}
        on_the_way = (RecordState.PENDING, RecordState.SENDING, RecordState.FAILED)
        with self._lock:
            for row in self._rows.values():
                if row.record.state in on_the_way:
                    out[row.record.kind] = out.get(row.record.kind, 0) + 1
        return out

    def stats(self, now: dt.datetime) -> OutboxStats:
        """Counts per state; age of the oldest record still on its way (dead excluded)."""
        counts = dict.fromkeys(RecordState, 0)
        oldest: _Row | None = None
        with self._lock:
            for row in self._rows.values():
                counts[row.record.state] += 1
                if row.record.state in (
                    RecordState.PENDING,
                    RecordState.SENDING,
                    RecordState.FAILED,
                ) and (oldest is None or row.seq < oldest.seq):
                    oldest = row
        age = None
        if oldest is not None:
            age = max(0.0, (normalize(now) - oldest.record.created_at).total_seconds())
        return OutboxStats(
            pending=counts[RecordState.PENDING],
            sending=counts[RecordState.SENDING],
            failed=counts[RecordState.FAILED],
            dead=counts[RecordState.DEAD],
            delivered=counts[RecordState.DELIVERED],
            oldest_pending_age_s=age,
        )

    def purge_delivered_payloads(self, now: dt.datetime) -> int:
        """Drop payloads (and errors) of records delivered before now - retention."""
        cutoff = normalize(now) - self.retention
        count = 0
        with self._lock:
            for row in self._rows.values():
                r = row.record
                if (
                    r.state is RecordState.DELIVERED
                    and r.payload is not None
                    and r.delivered_at is not None
                    and r.delivered_at <= cutoff
                ):
                    row.record = dataclasses.replace(r, payload=None, last_error=None)
                    count += 1
        return count

    def _row(self, record_id: uuid.UUID) -> _Row:
        row = self._rows.get(record_id)
        if row is None:
            raise UnknownRecordError(record_id)
        return row
