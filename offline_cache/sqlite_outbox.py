"""The durable outbox: SQLite, payloads encrypted with AES-256-GCM.

See :mod:`offline_cache.db` for threading and durability. Payload and last error
are sealed with the key ring's current key; the key id is stored per record so
keys can rotate. The associated data is the record id, so a ciphertext cannot be
moved to another record unnoticed.

New records land in ``enqueued``, an append-only table with no index, so the
durable commit of an enqueue is as small as SQLite allows; their payloads stay
there. Every other operation first gives the records enqueued since a row in
``outbox`` (state, attempts, times; see :func:`_absorb`), so callers never see
the difference.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import sqlite3
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from offline_cache import _rules
from offline_cache._time import from_us, optional_from_us, to_us
from offline_cache.crypto import KeyRing, UndecryptableError
from offline_cache.db import Database
from offline_cache.outbox_protocol import (
    OutboxRecord,
    OutboxStats,
    RecordKind,
    RecordState,
    StorageFullError,
    UnknownRecordError,
)

log = logging.getLogger(__name__)

_COLUMNS = (
    "SELECT o.seq, o.id, o.kind, o.tracking_number, o.created_at, o.state, o.attempts,"
    " o.next_attempt_at, o.delivered_at, p.key_id, p.payload, o.error_key_id, o.last_error"
)
_JOIN = "LEFT JOIN enqueued AS p ON p.rowid = o.payload_row"
_SELECT = f"{_COLUMNS} FROM outbox AS o {_JOIN}"
_SELECT_BY_STATE = f"{_COLUMNS} FROM outbox AS o INDEXED BY ix_outbox_state {_JOIN}"
# sqlite3 rows are untyped; the column order is fixed by _COLUMNS.
_Row = tuple[Any, ...]
# Enum construction by value is ~1 µs each; a claim builds 50 records.
_KINDS = {k.value: k for k in RecordKind}
_STATES = {s.value: s for s in RecordState}
_SORT_DUE_MAX = 200  # more due failed records than this: walk them by seq instead
_IN_CHUNK = 500  # well under SQLite's bound-parameter limit
_UNDELIVERED = (RecordState.PENDING, RecordState.SENDING, RecordState.FAILED)


def _payload_aad(record_id: uuid.UUID) -> bytes:
    return b"outbox-payload:" + record_id.bytes


def _error_aad(record_id: uuid.UUID) -> bytes:
    return b"outbox-error:" + record_id.bytes


class SqliteOutbox:
    """:class:`~offline_cache.outbox_protocol.Outbox` on a :class:`Database`.

    ``retention``: how long a delivered record keeps its payload (default 7 days).
    ``max_attempts``: failed attempts after which a record is dead (default 100).
    ``admit``: asked before each enqueue; False refuses the record with
    :class:`StorageFullError` before anything is written (the kiosk's free-space floor).
    """

    def __init__(
        self,
        db: Database,
        keys: KeyRing,
        *,
        retention: dt.timedelta = _rules.DEFAULT_RETENTION,
        max_attempts: int = _rules.DEFAULT_MAX_ATTEMPTS,
        admit: Callable[[], bool] | None = None,
    ) -> None:
        _rules.check_options(retention, max_attempts)
        self._admit = admit
        self._db = db
        self._keys = keys
        self.retention = retention
        self.max_attempts = max_attempts

    # -- writing ---------------------------------------------------------------

    def enqueue(
        self, kind: RecordKind, payload: bytes, tracking_number: str | None, now: dt.datetime
    ) -> OutboxRecord:
        """Store a new pending record durably (returns only after the commit is on disk)."""
        kind = RecordKind(kind)
        if self._admit is not None and not self._admit():
            raise StorageFullError(errno.ENOSPC, "too little free space for new records")
        record_id = uuid.uuid4()
        key_id, blob = self._keys.encrypt(bytes(payload), _payload_aad(record_id))
        t = to_us(now)
        # One statement, its own transaction: durable (FULL, fsynced) when it returns.
        # Into the inbox: a table with no index, so the commit a citizen waits for
        # writes as little as a bare insert would; the next outbox operation moves it.
        try:
            self._db.execute(
                "INSERT INTO enqueued (id, kind, tracking_number, created_at, key_id, payload)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (str(record_id), kind.value, tracking_number, t, key_id, blob),
            )
        except sqlite3.OperationalError as exc:
            # SQLITE_FULL rolls the statement back: the record is absent, not partial.
            if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "full" in str(exc):
                raise StorageFullError(errno.ENOSPC, "disk full") from exc
            raise
        return OutboxRecord(
            id=record_id,
            kind=kind,
            tracking_number=tracking_number,
            created_at=from_us(t),
            state=RecordState.PENDING,
            attempts=0,
            next_attempt_at=None,
            last_error=None,
            delivered_at=None,
            payload=bytes(payload),
        )

    def claim(self, limit: int, now: dt.datetime) -> list[OutboxRecord]:
        """Move up to ``limit`` due records to ``sending``, oldest first, and return them.

        A record whose payload cannot be decrypted (its key is gone from the key
        file) is marked dead instead of being handed out.
        """
        if limit <= 0:
            return []
        t = to_us(now)
        claimed: list[OutboxRecord] = []
        with self._db.write(durable=False) as conn:
            _absorb(conn)
            # Pick the seqs from the indexes alone (covering: no table rows read,
            # even when thousands of failed records fall due at once), then load
            # exactly the rows that will be claimed.
            seqs = [
                r[0]
                for r in conn.execute(
                    "SELECT seq FROM outbox INDEXED BY ix_outbox_state"
                    " WHERE state = 'pending' ORDER BY seq LIMIT ?",
                    (limit,),
                )
            ]
            seqs += _due_failed(conn, t, limit)
            seqs = sorted(seqs)[:limit]
            rows: list[_Row] = []
            for i in range(0, len(seqs), _IN_CHUNK):
                chunk = seqs[i : i + _IN_CHUNK]
                marks = ",".join("?" * len(chunk))
                rows += conn.execute(
                    f"{_SELECT} WHERE o.seq IN ({marks}) ORDER BY o.seq", chunk
                ).fetchall()
            sending: list[tuple[int, int]] = []
            for row in rows[:limit]:
                try:
                    record = self._record(row, strict=True, state=RecordState.SENDING)
                except UndecryptableError as exc:
                    log.error("outbox record %s is undecryptable; marked dead: %s", row[1], exc)
                    self._set_dead(conn, row, f"payload undecryptable: {exc}", t)
                    continue
                sending.append((t, int(row[0])))
                claimed.append(record)
            conn.executemany(
                "UPDATE outbox SET state = 'sending', next_attempt_at = NULL, updated_at = ?"
                " WHERE seq = ?",
                sending,
            )
        return claimed

    def mark_delivered(self, record_id: uuid.UUID, now: dt.datetime) -> None:
        """The platform confirmed the record; repeated calls keep the first time."""
        t = to_us(now)
        with self._db.write(durable=False) as conn:
            _absorb(conn)
            seq, state, _ = self._locate(conn, record_id)
            if state is RecordState.DELIVERED:
                return
            conn.execute(
                "UPDATE outbox SET state = 'delivered', delivered_at = ?, updated_at = ?,"
                " next_attempt_at = NULL WHERE seq = ?",
                (t, t, seq),
            )

    def mark_delivered_many(self, record_ids: Sequence[uuid.UUID], now: dt.datetime) -> None:
        """Several confirmations in one transaction: :meth:`mark_delivered` per id.

        Same durability as :meth:`mark_delivered` (no fsync of its own); an unknown
        id raises :class:`UnknownRecordError` and the transaction is rolled back.
        """
        wanted = {str(rid): rid for rid in record_ids}
        if not wanted:
            return
        t = to_us(now)
        keys = list(wanted)
        with self._db.write(durable=False) as conn:
            _absorb(conn)
            seqs: list[tuple[int, int, int]] = []
            found = 0
            for i in range(0, len(keys), _IN_CHUNK):
                chunk = keys[i : i + _IN_CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(
                    f"SELECT seq, state FROM outbox WHERE id IN ({marks})", chunk
                ).fetchall()
                found += len(rows)
                seqs += [(t, t, int(seq)) for seq, state in rows if state != "delivered"]
            if found != len(keys):
                known = self._known(conn, keys)
                raise UnknownRecordError(next(wanted[k] for k in keys if k not in known))
            conn.executemany(
                "UPDATE outbox SET state = 'delivered', delivered_at = ?, updated_at = ?,"
                " next_attempt_at = NULL WHERE seq = ?",
                seqs,
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
        """A retryable failure of a claimed record; FAILED, or DEAD at the attempt limit.

        On a delivered or dead record this changes nothing and returns its state.
        """
        t = to_us(now)
        with self._db.write(durable=False) as conn:
            _absorb(conn)
            seq, state, attempts = self._locate(conn, record_id)
            if not _rules.check_failable(state):
                return state
            attempts += 1
            if attempts >= self.max_attempts and not transient:
                reason = _rules.limit_reason(self.max_attempts, error)
                key_id, blob = self._keys.encrypt(reason.encode(), _error_aad(record_id))
                conn.execute(
                    "UPDATE outbox SET state = 'dead', attempts = ?, next_attempt_at = NULL,"
                    " error_key_id = ?, last_error = ?, updated_at = ? WHERE seq = ?",
                    (attempts, key_id, blob, t, seq),
                )
                return RecordState.DEAD
            text = _rules.clip_error(error)
            key_id, blob = self._keys.encrypt(text.encode(), _error_aad(record_id))
            conn.execute(
                "UPDATE outbox SET state = 'failed', attempts = ?, next_attempt_at = ?,"
                " error_key_id = ?, last_error = ?, updated_at = ? WHERE seq = ?",
                (attempts, to_us(next_attempt_at), key_id, blob, t, seq),
            )
            return RecordState.FAILED

    def mark_dead(self, record_id: uuid.UUID, reason: str, now: dt.datetime) -> None:
        """A permanent failure; no-op on a delivered or already dead record."""
        t = to_us(now)
        with self._db.write(durable=False) as conn:
            _absorb(conn)
            seq, state, _ = self._locate(conn, record_id)
            if state in (RecordState.DELIVERED, RecordState.DEAD):
                return
            row = conn.execute(f"{_SELECT} WHERE o.seq = ?", (seq,)).fetchone()
            self._set_dead(conn, row, reason, t)

    def recover_in_flight(self) -> int:
        """At start-up: records left in ``sending`` by a crash go back to pending."""
        t = to_us(dt.datetime.now(dt.UTC))
        with self._db.write(durable=False) as conn:
            _absorb(conn)
            cur = conn.execute(
                "UPDATE outbox SET state = 'pending', next_attempt_at = NULL, updated_at = ?"
                " WHERE state = 'sending'",
                (t,),
            )
            count = cur.rowcount
        if count:
            log.info("recovered %d outbox record(s) left in sending", count)
        return count

    def requeue(self, record_id: uuid.UUID, now: dt.datetime) -> None:
        """Maintenance: a dead (or failed) record becomes pending with attempts reset."""
        t = to_us(now)
        with self._db.write(durable=False) as conn:
            _absorb(conn)
            seq, state, _ = self._locate(conn, record_id)
            if not _rules.check_requeueable(state):
                return
            conn.execute(
                "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = NULL,"
                " updated_at = ? WHERE seq = ?",
                (t, seq),
            )

    def purge_delivered_payloads(self, now: dt.datetime) -> int:
        """Retention: drop payloads (and errors) of records delivered before now - window."""
        t = to_us(now)
        cutoff = to_us(now - self.retention)
        with self._db.write(durable=False) as conn:
            _absorb(conn)
            due = (
                "SELECT seq FROM outbox INDEXED BY ix_outbox_purgeable_v4"
                " WHERE state = 'delivered' AND purged_at IS NULL AND delivered_at <= ?"
            )
            conn.execute(
                "UPDATE enqueued SET key_id = NULL, payload = NULL WHERE rowid IN"
                f" (SELECT payload_row FROM outbox WHERE seq IN ({due}))",
                (cutoff,),
            )
            cur = conn.execute(
                "UPDATE outbox SET last_error = NULL, error_key_id = NULL, purged_at = ?"
                f" WHERE seq IN ({due})",
                (t, cutoff),
            )
            return cur.rowcount

    # -- reading ---------------------------------------------------------------

    def probe(self) -> bool:
        """Write a sealed probe row durably where records land, read it back, delete it.

        The maintenance panel's storage test: the same table, key ring, fsync and disk
        as a citizen's record. The database lock is held throughout, so no other
        operation (the sync agent's claim, which adopts new rows) ever sees the row;
        deleting the newest row of ``enqueued`` lets its rowid be used again, which the
        next enqueue does, still after the newest adopted one. Secure delete is on: the
        probe leaves nothing in the file. Raises what the disk raises (full, read-only).
        """
        probe_id, secret = uuid.uuid4(), os.urandom(32)
        key_id, blob = self._keys.encrypt(secret, _payload_aad(probe_id))
        with self._db.locked() as conn:
            row = conn.execute(
                "INSERT INTO enqueued (id, kind, tracking_number, created_at, key_id, payload)"
                " VALUES (?, 'probe', NULL, 0, ?, ?) RETURNING rowid",
                (str(probe_id), key_id, blob),
            ).fetchone()
            try:
                back = conn.execute(
                    "SELECT key_id, payload FROM enqueued WHERE rowid = ?", (row[0],)
                ).fetchone()
            finally:
                conn.execute("DELETE FROM enqueued WHERE rowid = ?", (row[0],))
        if back is None:
            return False
        try:
            return self._keys.decrypt(back[0], back[1], _payload_aad(probe_id)) == secret
        except UndecryptableError:
            return False

    def get(self, record_id: uuid.UUID) -> OutboxRecord | None:
        """One record, or None; an undecryptable payload reads as None."""
        self._settle()
        with self._db.locked() as conn:
            row = conn.execute(f"{_SELECT} WHERE o.id = ?", (str(record_id),)).fetchone()
        return None if row is None else self._record(row, strict=False)

    def list(
        self, states: frozenset[RecordState] | None = None, limit: int = 100
    ) -> list[OutboxRecord]:
        """Newest (last enqueued) first, for the maintenance panel."""
        if limit <= 0:
            return []
        wanted = RecordState if states is None else states
        rows: list[_Row] = []
        self._settle()
        with self._db.locked() as conn:
            # One indexed, bounded query per state beats a filtered scan when a
            # wanted state is rare among many delivered records.
            for state in wanted:
                rows += conn.execute(
                    f"{_SELECT_BY_STATE} WHERE o.state = ? ORDER BY o.seq DESC LIMIT ?",
                    (RecordState(state).value, limit),
                ).fetchall()
        rows.sort(key=lambda r: int(r[0]), reverse=True)
        return [self._record(r, strict=False) for r in rows[:limit]]

    def stats(self, now: dt.datetime) -> OutboxStats:
        """Counts per state; age of the oldest record still on its way (dead excluded)."""
        counts = dict.fromkeys(RecordState, 0)
        oldest: _Row | None = None
        self._settle()
        with self._db.locked() as conn:
            for state in RecordState:
                counts[state] = int(
                    conn.execute(
                        "SELECT COUNT(*) FROM outbox INDEXED BY ix_outbox_state WHERE state = ?",
                        (state.value,),
                    ).fetchone()[0]
                )
            for state in _UNDELIVERED:
                row = conn.execute(
                    "SELECT seq, created_at FROM outbox INDEXED BY ix_outbox_state"
                    " WHERE state = ? ORDER BY seq LIMIT 1",
                    (state.value,),
                ).fetchone()
                if row is not None and (oldest is None or row[0] < oldest[0]):
                    oldest = row
        age = None
        if oldest is not None:
            age = max(0.0, (to_us(now) - int(oldest[1])) / 1e6)
        return OutboxStats(
            pending=counts[RecordState.PENDING],
            sending=counts[RecordState.SENDING],
            failed=counts[RecordState.FAILED],
            dead=counts[RecordState.DEAD],
            delivered=counts[RecordState.DELIVERED],
            oldest_pending_age_s=age,
        )

    def delivered_kinds(self) -> dict[RecordKind, int]:
        """How many delivered records of each kind (try-out 11, T2: the panel said
        "已送达 11" and not what they were); kinds this code does not know are left out."""
        self._settle()
        with self._db.locked() as conn:
            rows = conn.execute(
                "SELECT kind, COUNT(*) FROM outbox INDEXED BY ix_outbox_state"
                " WHERE state = ? GROUP BY kind",
                (RecordState.DELIVERED.value,),
            ).fetchall()
        return {_KINDS[k]: int(n) for k, n in rows if k in _KINDS}

    def waiting_kinds(self) -> dict[RecordKind, int]:
        """How many records of each kind still on their way (try-out 15, T1: "待发送 2"
        did not say whether a citizen's application was among them)."""
        self._settle()
        marks = ",".join("?" for _ in _UNDELIVERED)
        with self._db.locked() as conn:
            rows = conn.execute(
                "SELECT kind, COUNT(*) FROM outbox INDEXED BY ix_outbox_state"
                f" WHERE state IN ({marks}) GROUP BY kind",
                tuple(s.value for s in _UNDELIVERED),
            ).fetchall()
        return {_KINDS[k]: int(n) for k, n in rows if k in _KINDS}

    # -- helpers ---------------------------------------------------------------

    def _settle(self) -> None:
        """Before a read: move what was enqueued so far into the outbox proper."""
        with self._db.locked() as conn:
            if not _inbox_has_records(conn):
                return
        with self._db.write(durable=False) as conn:
            _absorb(conn)

    @staticmethod
    def _locate(conn: sqlite3.Connection, record_id: uuid.UUID) -> tuple[int, RecordState, int]:
        row = conn.execute(
            "SELECT seq, state, attempts FROM outbox WHERE id = ?", (str(record_id),)
        ).fetchone()
        if row is None:
            raise UnknownRecordError(record_id)
        return int(row[0]), RecordState(row[1]), int(row[2])

    @staticmethod
    def _known(conn: sqlite3.Connection, keys: Sequence[str]) -> set[str]:
        """Which of these ids exist (only on the error path: names the missing one)."""
        known: set[str] = set()
        for i in range(0, len(keys), _IN_CHUNK):
            chunk = keys[i : i + _IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            known.update(
                r[0] for r in conn.execute(f"SELECT id FROM outbox WHERE id IN ({marks})", chunk)
            )
        return known

    def _set_dead(self, conn: sqlite3.Connection, row: _Row, reason: str, t: int) -> None:
        record_id = uuid.UUID(str(row[1]))
        text = _rules.clip_error(reason)
        key_id, blob = self._keys.encrypt(text.encode(), _error_aad(record_id))
        conn.execute(
            "UPDATE outbox SET state = 'dead', next_attempt_at = NULL, error_key_id = ?,"
            " last_error = ?, updated_at = ? WHERE seq = ?",
            (key_id, blob, t, row[0]),
        )

    def _record(self, row: _Row, *, strict: bool, state: RecordState | None = None) -> OutboxRecord:
        """Build a record from a row; ``state`` overrides the stored one (claims)."""
        (
            _,
            rid,
            kind,
            tn,
            created,
            stored_state,
            attempts,
            nxt,
            delivered,
            kid,
            blob,
            ekid,
            eblob,
        ) = row
        # sqlite3 hands back str/int/bytes as stored; no conversions needed.
        record_id = uuid.UUID(rid)
        payload: bytes | None = None
        if blob is not None:
            try:
                payload = self._keys.decrypt(kid, blob, _payload_aad(record_id))
            except UndecryptableError:
                if strict:
                    raise
                log.warning("outbox record %s: payload undecryptable", record_id)
        error: str | None = None
        if eblob is not None:
            try:
                aad = _error_aad(record_id)
                error = self._keys.decrypt(ekid, eblob, aad).decode()
            except UndecryptableError:
                error = "(error text undecryptable)"
        return OutboxRecord(
            id=record_id,
            kind=_KINDS[kind],
            tracking_number=tn,
            created_at=from_us(created),
            state=_STATES[stored_state] if state is None else state,
            attempts=attempts,
            next_attempt_at=optional_from_us(nxt) if state is None else None,
            last_error=error,
            delivered_at=optional_from_us(delivered),
            payload=payload,
        )


def _absorbed_up_to(conn: sqlite3.Connection) -> int:
    """The rowid in ``enqueued`` of the newest record that has its outbox row."""
    row = conn.execute("SELECT payload_row FROM outbox ORDER BY seq DESC LIMIT 1").fetchone()
    return int(row[0]) if row is not None and row[0] is not None else 0


def _inbox_has_records(conn: sqlite3.Connection) -> bool:
    """Whether records were enqueued since the last :func:`_absorb`."""
    after = _absorbed_up_to(conn)
    found = conn.execute("SELECT EXISTS (SELECT 1 FROM enqueued WHERE rowid > ?)", (after,))
    return bool(found.fetchone()[0])


def _absorb(conn: sqlite3.Connection) -> None:
    """Give newly enqueued records their outbox rows, in enqueue order (inside a transaction).

    Not fsynced by itself, and need not be: it is one transaction, so a power cut
    either keeps it or leaves the records to be absorbed again; "newly" is decided
    from the outbox itself, so nothing is absorbed twice.
    """
    conn.execute(
        "INSERT INTO outbox (id, kind, tracking_number, created_at, updated_at, state,"
        " attempts, payload_row) SELECT id, kind, tracking_number, created_at, created_at,"
        " 'pending', 0, rowid FROM enqueued WHERE rowid > ? ORDER BY rowid",
        (_absorbed_up_to(conn),),
    )


def _due_failed(conn: sqlite3.Connection, t: int, limit: int) -> list[int]:
    """Seqs of the ``limit`` oldest failed records due at ``t``."""
    due = [
        r[0]
        for r in conn.execute(
            "SELECT seq FROM outbox INDEXED BY ix_outbox_failed_due_v3"
            " WHERE state = 'failed' AND next_attempt_at <= ? LIMIT ?",
            (t, _SORT_DUE_MAX + 1),
        )
    ]
    if len(due) <= _SORT_DUE_MAX:
        return sorted(due)[:limit]
    # Many due at once: walk them in enqueue order (dense, so this stops early).
    return [
        r[0]
        for r in conn.execute(
            "SELECT seq FROM outbox INDEXED BY ix_outbox_failed_seq_v3"
            " WHERE state = 'failed' AND next_attempt_at <= ? ORDER BY seq LIMIT ?",
            (t, limit),
        )
    ]
