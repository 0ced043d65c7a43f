"""Durable print jobs: a receipt is on disk before the printer sees it.

One SQLite file of its own (WAL, ``synchronous=FULL``: a committed job survives
a power cut), schema versioned through ``PRAGMA user_version``. A job moves
``queued → printing → done``, or to ``failed`` with a reason; a failed job can
be printed again (a reprint counts another attempt). Each attempt is kept too,
with its time and how it ended: a receipt that failed for want of paper and was
printed again later reads as both to a technician, not as "printed" alone. A job
left in ``printing`` by a crash is turned into ``failed`` ("interrupted") at
start-up, so it shows up in the maintenance panel instead of vanishing.

The payload is the rendered document, serialised; it carries masked personal
data and the receipt code, so by default it is sealed with AES-GCM under the
key passed in (the job id is the associated data, so a payload moved onto
another row fails to open). The key file itself is managed elsewhere.

For a citizen reprint, the job can carry an owner tag: an HMAC of the
document number under the same key, so the kiosk can check "tracking number +
ID number" without ever storing the number.

A job can also carry its renditions: the same slip rendered in the kiosk's other
languages when it was printed (masked as the paper is), and which language went to
paper. A citizen who reprints in English a receipt first printed in 中文 gets it in
English (try-out 10, C9). Sealed like the payload, under its own associated data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import logging
import os
import secrets
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from offline_cache._time import from_us, to_us
from offline_cache.db import CACHE_SIZE

log = logging.getLogger(__name__)

SCHEMA_VERSION = 5
_NONCE = 12

_SCHEMA_V1 = """
CREATE TABLE print_jobs (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    tracking_number TEXT,
    owner_tag       BLOB,
    state           TEXT NOT NULL,
    reason          TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    encrypted       INTEGER NOT NULL,
    payload         BLOB NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    printed_at      INTEGER
);
CREATE INDEX print_jobs_state ON print_jobs (state, created_at);
CREATE INDEX print_jobs_tracking ON print_jobs (tracking_number, created_at);
"""

# What a slip without a tracking number was (a queue ticket's number, A012): the
# technician tells which slip to reprint by it (try-out 5). Never personal data.
_SCHEMA_V2 = "ALTER TABLE print_jobs ADD COLUMN label TEXT"

# Every attempt at a job, as it ended: the job's own row keeps only its latest state
# and reason, and a reprint once wiped the failure before it (try-out 7). No personal
# data: a job id, an attempt number, times, a state and the printer's reason.
_SCHEMA_V3 = """
CREATE TABLE print_attempts (
    job_id     TEXT NOT NULL,
    n          INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at   INTEGER,
    state      TEXT NOT NULL,
    reason     TEXT,
    PRIMARY KEY (job_id, n)
)
"""


# The slip in the kiosk's other languages, and the language printed (sealed like the
# payload when the job is personal; NULL for a job printed before, or in one language).
_SCHEMA_V4 = "ALTER TABLE print_jobs ADD COLUMN renditions BLOB"
# Who asked for an attempt after the first (a technician's 补打 on the panel, a citizen's
# own from 查询): the panel named both 补打 alike and only the technician's was audited
# (try-out 17, T1). NULL: the kiosk's own print. A role, never a person's data.
_SCHEMA_V5 = "ALTER TABLE print_attempts ADD COLUMN asked_by TEXT"
# Associated data of a sealed renditions blob: it cannot pass for a payload, nor move rows.
_RENDITIONS_AD = "#renditions"


class JobState(StrEnum):
    """Where a print job is."""

    QUEUED = "queued"
    PRINTING = "printing"
    DONE = "done"
    FAILED = "failed"
    # Sent whole, never confirmed (printer silent or link reset after the last byte):
    # it may be in the tray, so it is never reprinted automatically; staff check first.
    UNCONFIRMED = "unconfirmed"


@dataclass(frozen=True, slots=True)
class PrintAttempt:
    """One attempt at printing a job: when it began, how it ended (``state``: printing
    while under way, then done, failed or unconfirmed, with the reason)."""

    job_id: str
    n: int  # 1 for the first print, 2 for the first reprint, ...
    started_at: dt.datetime
    state: JobState
    reason: str | None
    ended_at: dt.datetime | None
    asked_by: str | None = None  # "citizen", "technician"; None: the kiosk's own print


class PayloadUnreadableError(Exception):
    """The payload does not open with this key (wrong key or tampered row)."""


class SchemaTooNewError(RuntimeError):
    """The file was written by a newer version of the software."""


@dataclass(frozen=True, slots=True)
class PrintJobInfo:
    """A job without its payload, for lists (maintenance panel)."""

    id: str
    kind: str
    tracking_number: str | None
    state: JobState
    reason: str | None
    attempts: int
    created_at: dt.datetime
    updated_at: dt.datetime
    printed_at: dt.datetime | None
    label: str | None = None  # a slip's own number where it has no tracking number


@dataclass(frozen=True, slots=True)
class PrintJob:
    """A job with its decrypted payload (never log the payload)."""

    info: PrintJobInfo
    payload: bytes

    @property
    def id(self) -> str:
        """The job id."""
        return self.info.id


_COLUMNS = (
    "id, kind, tracking_number, state, reason, attempts, created_at, updated_at, printed_at, label"
)


def _info(row: tuple[object, ...]) -> PrintJobInfo:
    id_, kind, tracking, state, reason, attempts, created, updated, printed, label = row
    return PrintJobInfo(
        id=str(id_),
        kind=str(kind),
        tracking_number=None if tracking is None else str(tracking),
        state=JobState(str(state)),
        reason=None if reason is None else str(reason),
        attempts=int(str(attempts)),
        created_at=from_us(int(str(created))),
        updated_at=from_us(int(str(updated))),
        printed_at=None if printed is None else from_us(int(str(printed))),
        label=None if label is None else str(label),
    )


class PrintJobStore:
    """SQLite print-job store; thread-safe (one connection, one lock, short operations).

    ``key`` is an AES key (16, 24 or 32 bytes) used for payloads and owner tags.
    """

    def __init__(self, path: str | os.PathLike[str], key: bytes) -> None:
        if len(key) not in (16, 24, 32):
            raise ValueError("AES-GCM key must be 16, 24 or 32 bytes")
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        self._aead = AESGCM(key)
        self._tag_key = hmac.new(key, b"print-job-owner-tag", hashlib.sha256).digest()
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            self._configure()
            self._migrate()
        except BaseException:
            # Refused (SchemaTooNewError, no WAL): the caller gets no store to close.
            self._conn.close()
            raise

    def _configure(self) -> None:
        conn = self._conn
        conn.execute("PRAGMA busy_timeout = 5000")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise RuntimeError(f"could not enable WAL (journal_mode={mode})")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute(f"PRAGMA cache_size = {CACHE_SIZE}")  # bounded: see offline_cache/db.py

    def _migrate(self) -> None:
        with self._lock:
            version = int(self._conn.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise SchemaTooNewError(f"print job schema {version} > {SCHEMA_VERSION}")
            if version < SCHEMA_VERSION:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    if version < 1:
                        for stmt in _SCHEMA_V1.split(";"):
                            if stmt.strip():
                                self._conn.execute(stmt)
                    if version < 2:
                        self._conn.execute(_SCHEMA_V2)
                    if version < 3:
                        self._conn.execute(_SCHEMA_V3)
                    if version < 4:
                        self._conn.execute(_SCHEMA_V4)
                    self._conn.execute(_SCHEMA_V5)
                    self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    self._conn.execute("COMMIT")
                except BaseException:
                    self._conn.execute("ROLLBACK")
                    raise

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._conn.close()

    # -- crypto helpers ---------------------------------------------------------

    def owner_tag(self, secret: str) -> bytes:
        """Keyed hash of an owner secret (the document number), normalised."""
        norm = "".join(secret.split()).upper().encode()
        return hmac.new(self._tag_key, norm, hashlib.sha256).digest()

    def _seal(self, job_id: str, payload: bytes) -> bytes:
        nonce = secrets.token_bytes(_NONCE)
        return nonce + self._aead.encrypt(nonce, payload, job_id.encode())

    def _open(self, job_id: str, blob: bytes) -> bytes:
        try:
            return self._aead.decrypt(blob[:_NONCE], blob[_NONCE:], job_id.encode())
        except InvalidTag as exc:
            raise PayloadUnreadableError(f"payload of job {job_id} does not open") from exc

    # -- writes -----------------------------------------------------------------

    def add(
        self,
        kind: str,
        payload: bytes,
        tracking_number: str | None,
        now: dt.datetime,
        personal: bool = True,
        owner_secret: str | None = None,
        label: str | None = None,
        renditions: bytes | None = None,
    ) -> PrintJobInfo:
        """Store a queued job durably (returns after the commit reached the disk).

        ``renditions``: the slip in other languages (serialised by the caller), kept
        with the job and sealed as its payload is."""
        job_id = uuid.uuid4().hex
        blob = self._seal(job_id, payload) if personal else payload
        other = renditions
        if other is not None and personal:
            other = self._seal(job_id + _RENDITIONS_AD, other)
        tag = self.owner_tag(owner_secret) if owner_secret else None
        t = to_us(now)
        with self._lock:
            self._conn.execute(
                "INSERT INTO print_jobs (id, kind, tracking_number, owner_tag, state, attempts,"
                " encrypted, payload, created_at, updated_at, label, renditions)"
                " VALUES (?,?,?,?,?,0,?,?,?,?,?,?)",
                (
                    job_id,
                    kind,
                    tracking_number,
                    tag,
                    JobState.QUEUED.value,
                    int(personal),
                    blob,
                    t,
                    t,
                    label,
                    other,
                ),
            )
        info = self.get_info(job_id)
        assert info is not None
        return info

    def _update(
        self,
        job_id: str,
        sql: str,
        params: tuple[object, ...],
        attempt: tuple[str, tuple[object, ...]] | None = None,
    ) -> PrintJobInfo:
        """Change the job's row and, in the same transaction, its latest attempt's
        (``attempt``: SQL ending in the job id and attempt number, and the parameters
        before them)."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                cur = self._conn.execute(sql + " WHERE id = ?", (*params, job_id))
                if cur.rowcount != 1:
                    raise KeyError(job_id)
                if attempt is not None:
                    (n,) = self._conn.execute(
                        "SELECT attempts FROM print_jobs WHERE id = ?", (job_id,)
                    ).fetchone()
                    self._conn.execute(attempt[0], (*attempt[1], job_id, n))
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        info = self.get_info(job_id)
        assert info is not None
        return info

    def mark_printing(
        self, job_id: str, now: dt.datetime, asked_by: str | None = None
    ) -> PrintJobInfo:
        """The job is about to be sent: count an attempt, and keep it (with who asked for
        it, when someone did: see _SCHEMA_V5)."""
        t = to_us(now)
        return self._update(
            job_id,
            "UPDATE print_jobs SET state = ?, reason = NULL, attempts = attempts + 1,"
            " updated_at = ?",
            (JobState.PRINTING.value, t),
            (
                "INSERT INTO print_attempts (state, started_at, asked_by, job_id, n)"
                " VALUES (?,?,?,?,?)",
                (JobState.PRINTING.value, t, asked_by),
            ),
        )

    def _ended(self, job_id: str, state: JobState, reason: str | None, t: int) -> PrintJobInfo:
        printed = ", printed_at = ?" if state is JobState.DONE else ""
        return self._update(
            job_id,
            f"UPDATE print_jobs SET state = ?, reason = ?, updated_at = ?{printed}",
            (state.value, reason, t, *((t,) if printed else ())),
            (
                "UPDATE print_attempts SET state = ?, reason = ?, ended_at = ?"
                " WHERE job_id = ? AND n = ?",
                (state.value, reason, t),
            ),
        )

    def mark_done(self, job_id: str, now: dt.datetime) -> PrintJobInfo:
        """The printer confirmed the receipt."""
        return self._ended(job_id, JobState.DONE, None, to_us(now))

    def mark_failed(self, job_id: str, reason: str, now: dt.datetime) -> PrintJobInfo:
        """The job did not (provably) print; ``reason`` is shown to technicians."""
        return self._ended(job_id, JobState.FAILED, reason, to_us(now))

    def mark_unconfirmed(self, job_id: str, reason: str, now: dt.datetime) -> PrintJobInfo:
        """Sent whole but not confirmed: may have printed; waits for staff to check."""
        return self._ended(job_id, JobState.UNCONFIRMED, reason, to_us(now))

    def recover_interrupted(self, now: dt.datetime) -> int:
        """At start-up: jobs caught mid-print by a crash become failed ("interrupted")."""
        with self._lock:
            t = to_us(now)
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                cur = self._conn.execute(
                    "UPDATE print_jobs SET state = ?, reason = 'interrupted', updated_at = ?"
                    " WHERE state IN (?, ?)",
                    (JobState.FAILED.value, t, JobState.PRINTING.value, JobState.QUEUED.value),
                )
                self._conn.execute(
                    "UPDATE print_attempts SET state = ?, reason = 'interrupted', ended_at = ?"
                    " WHERE state = ?",
                    (JobState.FAILED.value, t, JobState.PRINTING.value),
                )
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            return cur.rowcount

    def purge_done(self, older_than: dt.datetime) -> int:
        """Delete printed jobs last touched before ``older_than`` (retention of personal data)."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                # Their attempts go with them (a purged job's history names nothing left).
                self._conn.execute(
                    "DELETE FROM print_attempts WHERE job_id IN"
                    " (SELECT id FROM print_jobs WHERE state = ? AND updated_at < ?)",
                    (JobState.DONE.value, to_us(older_than)),
                )
                cur = self._conn.execute(
                    "DELETE FROM print_jobs WHERE state = ? AND updated_at < ?",
                    (JobState.DONE.value, to_us(older_than)),
                )
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            return cur.rowcount

    # -- reads ------------------------------------------------------------------

    def get_info(self, job_id: str) -> PrintJobInfo | None:
        """A job's metadata, or None."""
        with self._lock:
            row = self._conn.execute(
                f"SELECT {_COLUMNS} FROM print_jobs WHERE id = ?", (job_id,)
            ).fetchone()
        return None if row is None else _info(row)

    def get(self, job_id: str) -> PrintJob | None:
        """A job with its payload decrypted, or None (PayloadUnreadableError on a bad key)."""
        with self._lock:
            row = self._conn.execute(
                f"SELECT {_COLUMNS}, encrypted, payload FROM print_jobs WHERE id = ?", (job_id,)
            ).fetchone()
        if row is None:
            return None
        info = _info(row[:-2])
        blob = bytes(row[-1])
        payload = self._open(info.id, blob) if row[-2] else blob
        return PrintJob(info, payload)

    def renditions(self, job_id: str) -> bytes | None:
        """The job's renditions as stored by :meth:`add`, opened; None when it has none
        (PayloadUnreadableError on a bad key)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT encrypted, renditions FROM print_jobs WHERE id = ?", (job_id,)
            ).fetchone()
        if row is None or row[1] is None:
            return None
        blob = bytes(row[1])
        return self._open(job_id + _RENDITIONS_AD, blob) if row[0] else blob

    def latest_for_tracking(
        self, tracking_number: str, kinds: frozenset[str] | None = None
    ) -> PrintJobInfo | None:
        """The newest job printed for a tracking number (of one of ``kinds``, if given)."""
        only = kinds or frozenset()
        kind_sql = f" AND kind IN ({','.join('?' * len(only))})" if only else ""
        with self._lock:
            row = self._conn.execute(
                f"SELECT {_COLUMNS} FROM print_jobs WHERE tracking_number = ?{kind_sql}"
                " ORDER BY created_at DESC LIMIT 1",
                (tracking_number, *sorted(only)),
            ).fetchone()
        return None if row is None else _info(row)

    def owner_matches(self, job_id: str, secret: str) -> bool:
        """True when the job has an owner tag and ``secret`` produces it."""
        with self._lock:
            row = self._conn.execute(
                "SELECT owner_tag FROM print_jobs WHERE id = ?", (job_id,)
            ).fetchone()
        if row is None or row[0] is None:
            return False
        return hmac.compare_digest(bytes(row[0]), self.owner_tag(secret))

    def list_jobs(
        self, state: JobState | None = None, limit: int = 100, by_activity: bool = False
    ) -> list[PrintJobInfo]:
        """Newest first, optionally of one state; ``by_activity``: the job last printed
        (or tried) first, so a reprint brings its job to the top."""
        order = "updated_at" if by_activity else "created_at"
        with self._lock:
            if state is None:
                rows = self._conn.execute(
                    f"SELECT {_COLUMNS} FROM print_jobs ORDER BY {order} DESC LIMIT ?", (limit,)
                ).fetchall()
            else:
                rows = self._conn.execute(
                    f"SELECT {_COLUMNS} FROM print_jobs WHERE state = ?"
                    f" ORDER BY {order} DESC LIMIT ?",
                    (state.value, limit),
                ).fetchall()
        return [_info(r) for r in rows]

    def failed(self, limit: int = 100) -> list[PrintJobInfo]:
        """Jobs waiting for staff (failed, or unconfirmed: check the tray), newest first."""
        jobs = self.list_jobs(JobState.FAILED, limit) + self.list_jobs(JobState.UNCONFIRMED, limit)
        jobs.sort(key=lambda j: j.created_at, reverse=True)
        return jobs[:limit]

    def attempts(self, job_ids: list[str]) -> dict[str, list[PrintAttempt]]:
        """Each job's attempts, first to last (jobs stored before attempts were kept
        have none)."""
        out: dict[str, list[PrintAttempt]] = {j: [] for j in job_ids}
        if not job_ids:
            return out
        marks = ",".join("?" * len(job_ids))
        with self._lock:
            rows = self._conn.execute(
                "SELECT job_id, n, started_at, state, reason, ended_at, asked_by"
                " FROM print_attempts"
                f" WHERE job_id IN ({marks}) ORDER BY job_id, n",
                job_ids,
            ).fetchall()
        for job_id, n, started, state, reason, ended, asked_by in rows:
            out[str(job_id)].append(
                PrintAttempt(
                    str(job_id),
                    int(n),
                    from_us(int(started)),
                    JobState(str(state)),
                    None if reason is None else str(reason),
                    None if ended is None else from_us(int(ended)),
                    None if asked_by is None else str(asked_by),
                )
            )
        return out
