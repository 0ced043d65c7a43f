"""This kiosk's own applications: enough to answer an offline lookup truthfully.

The outbox forgets a delivered payload after its retention window and the status
cache holds only what the platform once said, so an offline lookup of a number this
kiosk printed could otherwise answer "no record". One small sealed row per
application keeps what that answer needs and nothing more: the service, when it
was submitted, the last 4 characters of the ID number (the typed lookup's proof)
and the last status known here. Rows go after ``OWN_KEEP`` (see kiosk.housekeeping).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from typing import Protocol

from offline_cache._time import from_us, to_us
from offline_cache.crypto import KeyRing, UndecryptableError
from offline_cache.db import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class OwnSubmission:
    """What this kiosk remembers of one application it submitted."""

    tracking_number: str
    service_id: str
    submitted_at: dt.datetime
    id_last4: str | None  # None when the application carried no ID number
    status: str | None = None  # the last status the platform gave here, if any
    status_at: dt.datetime | None = None


class OwnSubmissionStore(Protocol):
    """Where :class:`OwnSubmission` rows live (SQLite on the kiosk, memory in tests)."""

    def put(self, sub: OwnSubmission) -> None:
        """Remember (or replace) one application."""
        ...

    def get(self, tracking_number: str) -> OwnSubmission | None:
        """The row for ``tracking_number``, or None."""
        ...

    def note_status(self, tracking_number: str, status: str, at: dt.datetime) -> None:
        """Keep the platform's latest status for one of our own numbers."""
        ...


def _aad(tracking_number: str) -> bytes:
    return b"own:" + tracking_number.encode("utf-8")


class SqliteOwnSubmissions:
    """Sealed rows on the kiosk database, one per tracking number."""

    def __init__(self, db: Database, keys: KeyRing) -> None:
        self._db = db
        self._keys = keys

    def put(self, sub: OwnSubmission) -> None:
        """Remember (or replace) one application."""
        body = {
            "service_id": sub.service_id,
            "id_last4": sub.id_last4,
            "status": sub.status,
            "status_at": sub.status_at.isoformat() if sub.status_at else None,
        }
        plain = json.dumps(body, ensure_ascii=False).encode("utf-8")
        key_id, blob = self._keys.encrypt(plain, _aad(sub.tracking_number))
        with self._db.locked() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO own_submissions"
                " (tracking_number, key_id, record, submitted_at) VALUES (?, ?, ?, ?)",
                (sub.tracking_number, key_id, blob, to_us(sub.submitted_at)),
            )

    def get(self, tracking_number: str) -> OwnSubmission | None:
        """The row for ``tracking_number``, or None (also when it cannot be opened)."""
        with self._db.locked() as conn:
            row = conn.execute(
                "SELECT key_id, record, submitted_at FROM own_submissions"
                " WHERE tracking_number = ?",
                (tracking_number,),
            ).fetchone()
        if row is None:
            return None
        try:
            body = json.loads(self._keys.decrypt(row[0], bytes(row[1]), _aad(tracking_number)))
        except (UndecryptableError, ValueError):
            log.warning("own submission record unreadable; ignoring it")
            return None
        at = body.get("status_at")
        return OwnSubmission(
            tracking_number=tracking_number,
            service_id=str(body.get("service_id", "")),
            submitted_at=from_us(row[2]),
            id_last4=body.get("id_last4"),
            status=body.get("status"),
            status_at=dt.datetime.fromisoformat(at) if isinstance(at, str) else None,
        )

    def note_status(self, tracking_number: str, status: str, at: dt.datetime) -> None:
        """The platform said ``status`` at ``at``: keep it (only for our own numbers)."""
        sub = self.get(tracking_number)
        if sub is not None:
            self.put(
                OwnSubmission(
                    sub.tracking_number, sub.service_id, sub.submitted_at, sub.id_last4, status, at
                )
            )

    def purge_older_than(self, cutoff: dt.datetime) -> int:
        """Forget applications submitted before ``cutoff``."""
        with self._db.locked() as conn:
            cur = conn.execute(
                "DELETE FROM own_submissions WHERE submitted_at < ?", (to_us(cutoff),)
            )
            return cur.rowcount
