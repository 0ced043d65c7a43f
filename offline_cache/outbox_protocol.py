"""The outbox contract shared by the SQLite and in-memory stores and the sync agent.

A record moves one way: ``pending → sending → delivered``; a failed attempt goes
to ``failed`` (with ``attempts`` and ``next_attempt_at``) and is claimable again
once that time has passed; ``dead`` is final (limit reached or permanent error)
until a technician re-queues it. Content is frozen once sending starts: the
payload bytes never change after enqueue, so a retry after a crash sends the
same body under the same ``Idempotency-Key`` (the record id).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class RecordKind(StrEnum):
    """What the citizen sent."""

    APPLICATION = "application"
    RATING = "rating"
    FEEDBACK = "feedback"
    APPOINTMENT = "appointment"
    STAFF_CALL = "staff_call"
    AUDIT = "audit"  # an audit trail entry (kiosk/audit/): no personal data


class RecordState(StrEnum):
    """Where a record is on its one-way road to the platform."""

    PENDING = "pending"
    SENDING = "sending"
    DELIVERED = "delivered"
    FAILED = "failed"
    DEAD = "dead"


@dataclass(frozen=True, slots=True)
class OutboxRecord:
    """A record as stored; ``payload`` is None once retention has purged it."""

    id: uuid.UUID
    kind: RecordKind
    tracking_number: str | None
    created_at: dt.datetime
    state: RecordState
    attempts: int
    next_attempt_at: dt.datetime | None
    # Kept out of repr(): a record logged by mistake must not carry personal data
    # (the payload is the citizen's form; a platform error may echo a field).
    last_error: str | None = field(repr=False)
    delivered_at: dt.datetime | None
    payload: bytes | None = field(repr=False)  # decrypted plaintext (JSON bytes); never logged


@dataclass(frozen=True, slots=True)
class OutboxStats:
    """Queue depth for the maintenance panel and the heartbeat."""

    pending: int
    sending: int
    failed: int
    dead: int
    delivered: int
    oldest_pending_age_s: float | None


class Outbox(Protocol):
    """Durable outbox; every method is safe to call from any one thread at a time."""

    def enqueue(
        self, kind: RecordKind, payload: bytes, tracking_number: str | None, now: dt.datetime
    ) -> OutboxRecord:
        """Store a new pending record durably (returns only after the commit is on disk)."""
        ...

    def claim(self, limit: int, now: dt.datetime) -> list[OutboxRecord]:
        """Move up to ``limit`` due records (pending, or failed whose time has come) to
        ``sending``, oldest first, and return them with their payloads."""
        ...

    def mark_delivered(self, record_id: uuid.UUID, now: dt.datetime) -> None:
        """The platform confirmed the record."""
        ...

    def mark_delivered_many(self, record_ids: Sequence[uuid.UUID], now: dt.datetime) -> None:
        """The platform confirmed these records (a batch answer), all in one transaction.

        Per id the same as :meth:`mark_delivered`: any state becomes ``delivered``,
        an already delivered record keeps its first ``delivered_at``. An unknown id
        raises :class:`UnknownRecordError` and nothing is marked; an empty sequence
        is a no-op.
        """
        ...

    def mark_failed(
        self,
        record_id: uuid.UUID,
        error: str,
        next_attempt_at: dt.datetime,
        now: dt.datetime,
        *,
        transient: bool = False,
    ) -> RecordState:
        """A retryable failure; returns FAILED, or DEAD when the attempt limit is reached.

        ``transient``: the failure was the network's or the platform's, not the
        record's (an outage, throttling, a proxy's answer): the attempt is counted
        but never makes the record dead, however many there are.
        """
        ...

    def mark_dead(self, record_id: uuid.UUID, reason: str, now: dt.datetime) -> None:
        """A permanent failure (e.g. the platform rejected the content)."""
        ...

    def recover_in_flight(self) -> int:
        """At start-up: records left in ``sending`` by a crash go back to pending."""
        ...

    def requeue(self, record_id: uuid.UUID, now: dt.datetime) -> None:
        """Maintenance: give a dead record another chance."""
        ...

    def get(self, record_id: uuid.UUID) -> OutboxRecord | None:
        """One record, or None."""
        ...

    def list(
        self, states: frozenset[RecordState] | None = None, limit: int = 100
    ) -> list[OutboxRecord]:
        """Newest first, for the maintenance panel."""
        ...

    def stats(self, now: dt.datetime) -> OutboxStats:
        """Counts per state and the age of the oldest undelivered record."""
        ...

    def delivered_kinds(self) -> dict[RecordKind, int]:
        """How many delivered records of each kind (the panel's 已送达 broken down)."""
        ...

    def waiting_kinds(self) -> dict[RecordKind, int]:
        """How many records of each kind still on their way (pending, sending or being
        retried): the panel's 待发送 broken down like 已送达."""
        ...

    def purge_delivered_payloads(self, now: dt.datetime) -> int:
        """Retention: drop payloads of records delivered longer ago than the window."""
        ...

    def probe(self) -> bool:
        """Maintenance's storage test: write a sealed probe row durably, read it back and
        delete it, where records are kept. True when what came back is what was written.
        No record is created: nothing else ever sees the row."""
        ...


class StorageFullError(OSError):
    """The record was not stored: the disk is (nearly) full. Nothing was half-written.

    Raised by ``enqueue`` when the store's admission check refuses new records, or
    when SQLite itself reports a full disk (SQLITE_FULL); records stored earlier are
    untouched either way.
    """


class UnknownRecordError(KeyError):
    """No record with that id (a bug in the caller: ids come from the store)."""


class InvalidTransitionError(ValueError):
    """The requested state change is not allowed from the record's current state.

    Only ``mark_failed`` on a record that was never claimed (pending or failed) and
    ``requeue`` of a record that is not failed or dead raise it; a late
    ``mark_failed``/``mark_dead`` on a delivered record is a no-op instead, since
    the platform's confirmation is final.
    """
