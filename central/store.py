"""SQLite storage of the reference platform: submissions, timelines, attachments, heartbeats.

One connection behind a lock: FastAPI runs sync endpoints on a thread pool and
SQLite connections are not to be shared between threads unguarded. The
platform acknowledges a submission only after its commit, with
``synchronous=FULL``, so an acknowledged record survives a platform crash too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    idempotency_key TEXT PRIMARY KEY,
    body_hash TEXT NOT NULL,
    kind TEXT NOT NULL,
    tracking_number TEXT UNIQUE,
    kiosk_id TEXT,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL,
    response TEXT NOT NULL,
    replays INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS timeline (
    tracking_number TEXT NOT NULL,
    seq INTEGER NOT NULL,
    status TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (tracking_number, seq)
);
CREATE TABLE IF NOT EXISTS attachments (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    content_type TEXT,
    data BLOB NOT NULL,
    received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS heartbeats (
    kiosk_id TEXT PRIMARY KEY,
    last TEXT NOT NULL,
    received_at TEXT NOT NULL,
    count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS bookings (
    department_id TEXT NOT NULL,
    slot_start TEXT NOT NULL,
    tracking_number TEXT,
    PRIMARY KEY (department_id, slot_start, tracking_number)
);
"""

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


# Kinds that mint a tracking number of their own. Ratings, feedback and staff calls
# name the application they are about; its number is theirs to cite, not to claim.
OWNS_TRACKING_NUMBER = frozenset({"application", "appointment"})


def _owned_tracking_number(body: dict[str, Any]) -> str | None:
    """The tracking number ``body`` claims as its own, or None if it only refers to one."""
    tn = body.get("tracking_number")
    return str(tn) if tn and body.get("kind") in OWNS_TRACKING_NUMBER else None


def canonical_json(obj: Any) -> str:
    """JSON text independent of key order and whitespace (hashed and stored)."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


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


class TrackingNumberTaken(Exception):
    """A different submission already carries this tracking number."""


class PlatformStore:
    """The platform's database; all methods are thread-safe."""

    def __init__(self, path: str | Path) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        if str(path) != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()

    # --- submissions ---------------------------------------------------------

    def find_submission(self, key: str) -> StoredSubmission | None:
        """The stored submission for an idempotency key, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT body_hash, response FROM submissions WHERE idempotency_key=?", (key,)
            ).fetchone()
        if row is None:
            return None
        return StoredSubmission(key, row[0], json.loads(row[1]))

    def count_replay(self, key: str) -> None:
        """Remember that a retry of an already stored submission arrived."""
        with self._lock:
            self._db.execute(
                "UPDATE submissions SET replays = replays + 1 WHERE idempotency_key=?", (key,)
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
        if result is not None:
            raise result

    def insert_many(
        self,
        items: list[tuple[str, str, dict[str, Any], str, dict[str, Any], str | None]],
        now: dt.datetime,
    ) -> list[TrackingNumberTaken | None]:
        """Store several submissions in one transaction (one fsync for a whole batch).

        An item whose tracking number is already taken (or taken earlier in the same
        batch) is refused alone; the result list says which (None = stored).
        """
        results: list[TrackingNumberTaken | None] = []
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                wanted = [_owned_tracking_number(b) for _, _, b, _, _, _ in items]
                wanted = [tn for tn in wanted if tn]
                taken = self._taken_tracking_numbers(wanted)
                subs, timeline, bookings = [], [], []
                at = iso(now)
                received_note = json.dumps(STATUS_NOTES["received"])
                for key, body_hash, body, body_text, response, kiosk_id in items:
                    tn = _owned_tracking_number(body)
                    if tn is not None and tn in taken:
                        results.append(TrackingNumberTaken(str(tn)))
                        continue
                    results.append(None)
                    subs.append(
                        (
                            key,
                            body_hash,
                            body["kind"],
                            tn,
                            body.get("kiosk_id") or kiosk_id,
                            body_text,
                            at,
                            json.dumps(response, ensure_ascii=False),
                        )
                    )
                    if tn is not None:
                        taken.add(tn)
                        timeline.append((tn, 0, "received", at, received_note))
                    payload = body.get("payload")
                    if body["kind"] == "appointment" and isinstance(payload, dict):
                        dep, slot = payload.get("department_id"), payload.get("slot_start")
                        if isinstance(dep, str) and isinstance(slot, str):
                            bookings.append((dep, slot, tn))
                self._db.executemany(
                    "INSERT INTO submissions (idempotency_key, body_hash, kind, tracking_number,"
                    " kiosk_id, body, received_at, response) VALUES (?,?,?,?,?,?,?,?)",
                    subs,
                )
                self._db.executemany("INSERT INTO timeline VALUES (?,?,?,?,?)", timeline)
                self._db.executemany("INSERT OR IGNORE INTO bookings VALUES (?,?,?)", bookings)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return results

    def _taken_tracking_numbers(self, numbers: list[str]) -> set[str]:
        taken: set[str] = set()
        for i in range(0, len(numbers), 500):
            chunk = numbers[i : i + 500]
            rows = self._db.execute(
                "SELECT tracking_number FROM submissions WHERE tracking_number IN"
                f" ({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
            taken.update(r[0] for r in rows)
        return taken

    def find_many(self, keys: list[str]) -> dict[str, StoredSubmission]:
        """Stored submissions for several idempotency keys (absent keys are left out)."""
        out: dict[str, StoredSubmission] = {}
        with self._lock:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                rows = self._db.execute(
                    "SELECT idempotency_key, body_hash, response FROM submissions"
                    f" WHERE idempotency_key IN ({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
                for key, digest, response in rows:
                    out[key] = StoredSubmission(key, digest, json.loads(response))
        return out

    def list_submissions(self, limit: int = 100_000) -> list[dict[str, Any]]:
        """All submissions (oldest first) for the admin view and tests."""
        with self._lock:
            rows = self._db.execute(
                "SELECT idempotency_key, kind, tracking_number, kiosk_id, received_at, replays,"
                " body"
                " FROM submissions ORDER BY rowid LIMIT ?",
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
                "body": json.loads(r[6]),
            }
            for r in rows
        ]

    def count_submissions(self) -> int:
        """How many distinct submissions the platform holds."""
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0])

    # --- status timeline -----------------------------------------------------

    def timeline(self, tracking_number: str) -> list[dict[str, Any]] | None:
        """The status history of a tracking number, or None when unknown."""
        with self._lock:
            rows = self._db.execute(
                "SELECT status, at, note FROM timeline WHERE tracking_number=? ORDER BY seq",
                (tracking_number,),
            ).fetchall()
            if not rows:
                return None
        return [{"status": r[0], "at": r[1], "note": json.loads(r[2])} for r in rows]

    def submission_by_tracking(self, tracking_number: str) -> dict[str, Any] | None:
        """Kind and service of the submission behind a tracking number."""
        with self._lock:
            row = self._db.execute(
                "SELECT kind, body FROM submissions WHERE tracking_number=?", (tracking_number,)
            ).fetchone()
        if row is None:
            return None
        body = json.loads(row[1])
        payload = body.get("payload") if isinstance(body.get("payload"), dict) else {}
        return {"kind": row[0], "service_id": payload.get("service_id")}

    def proof_of(self, tracking_number: str) -> tuple[str | None, str | None] | None:
        """What proves possession of an application: the SHA-256 (hex) of its receipt
        code and the last 4 characters of the applicant's ID number; None if unknown."""
        with self._lock:
            row = self._db.execute(
                "SELECT body FROM submissions WHERE tracking_number=?", (tracking_number,)
            ).fetchone()
        if row is None:
            return None
        body = json.loads(row[0])
        payload = body.get("payload") if isinstance(body.get("payload"), dict) else {}
        digest = payload.get("receipt_code_sha256")
        applicant = payload.get("applicant")
        number = applicant.get("document_number") if isinstance(applicant, dict) else None
        last4 = number[-4:].upper() if isinstance(number, str) and len(number) >= 4 else None
        return (digest if isinstance(digest, str) else None), last4

    def append_status(
        self, tracking_number: str, status: str, note: dict[str, str], now: dt.datetime
    ) -> None:
        """Add a status to the timeline (the caller checked the transition)."""
        with self._lock:
            seq = self._db.execute(
                "SELECT COALESCE(MAX(seq), -1) + 1 FROM timeline WHERE tracking_number=?",
                (tracking_number,),
            ).fetchone()[0]
            self._db.execute(
                "INSERT INTO timeline VALUES (?,?,?,?,?)",
                (tracking_number, seq, status, iso(now), json.dumps(note, ensure_ascii=False)),
            )

    # --- attachments ---------------------------------------------------------

    def has_attachment(self, sha256: str) -> bool:
        """Whether the content is already stored."""
        with self._lock:
            row = self._db.execute("SELECT 1 FROM attachments WHERE sha256=?", (sha256,)).fetchone()
        return row is not None

    def put_attachment(
        self, sha256: str, data: bytes, content_type: str | None, now: dt.datetime
    ) -> bool:
        """Store content under its hash; False when it was already there."""
        with self._lock:
            cur = self._db.execute(
                "INSERT OR IGNORE INTO attachments VALUES (?,?,?,?,?)",
                (sha256, len(data), content_type, data, iso(now)),
            )
            return cur.rowcount == 1

    def get_attachment(self, sha256: str) -> tuple[bytes, str | None] | None:
        """Content and type, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT data, content_type FROM attachments WHERE sha256=?", (sha256,)
            ).fetchone()
        return None if row is None else (bytes(row[0]), row[1])

    # --- heartbeats and bookings --------------------------------------------

    def record_heartbeat(self, kiosk_id: str, beat: dict[str, Any], now: dt.datetime) -> None:
        """Keep the latest heartbeat per kiosk."""
        with self._lock:
            self._db.execute(
                "INSERT INTO heartbeats VALUES (?,?,?,1) ON CONFLICT(kiosk_id) DO UPDATE SET"
                " last=excluded.last, received_at=excluded.received_at, count=count+1",
                (kiosk_id, json.dumps(beat, ensure_ascii=False), iso(now)),
            )

    def kiosks(self) -> list[dict[str, Any]]:
        """Latest heartbeat of every kiosk."""
        with self._lock:
            rows = self._db.execute(
                "SELECT kiosk_id, last, received_at, count FROM heartbeats ORDER BY kiosk_id"
            ).fetchall()
        return [
            {"kiosk_id": r[0], "last": json.loads(r[1]), "received_at": r[2], "count": r[3]}
            for r in rows
        ]

    def booked(self, department_id: str, day: str) -> dict[str, int]:
        """Bookings per slot start on one day (``YYYY-MM-DD``)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT slot_start, COUNT(*) FROM bookings WHERE department_id=?"
                " AND slot_start LIKE ? GROUP BY slot_start",
                (department_id, day + "%"),
            ).fetchall()
        return {r[0]: int(r[1]) for r in rows}
