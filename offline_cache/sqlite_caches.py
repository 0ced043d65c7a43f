"""Catalog cache, status cache and tracking-number sequences on the kiosk database.

The catalog is public data and stored as is. Statuses may carry the applicant's
name, so they are sealed like outbox payloads (AAD = the tracking number).
"""

from __future__ import annotations

import datetime as dt
import logging

from offline_cache._time import from_us, to_us
from offline_cache.cache_protocol import CachedStatus, CatalogEntry
from offline_cache.crypto import KeyRing, UndecryptableError
from offline_cache.db import Database

log = logging.getLogger(__name__)


class SqliteCatalogCache:
    """:class:`~offline_cache.cache_protocol.CatalogCache` in one row."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def load(self) -> CatalogEntry | None:
        """The cached catalog, or None."""
        with self._db.locked() as conn:
            row = conn.execute(
                "SELECT services_json, etag, fetched_at, confirmed_at FROM catalog_cache"
            ).fetchone()
        if row is None:
            return None
        return CatalogEntry(bytes(row[0]), row[1], from_us(row[2]), from_us(row[3]))

    def save(self, services_json: bytes, etag: str | None, now: dt.datetime) -> None:
        """Replace the cached catalog."""
        t = to_us(now)
        with self._db.locked() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO catalog_cache"
                " (slot, services_json, etag, fetched_at, confirmed_at) VALUES (1, ?, ?, ?, ?)",
                (bytes(services_json), etag, t, t),
            )

    def confirm(self, now: dt.datetime) -> bool:
        """Record a 304; False if nothing is cached."""
        with self._db.locked() as conn:
            cur = conn.execute("UPDATE catalog_cache SET confirmed_at = ?", (to_us(now),))
            return cur.rowcount > 0


def _status_aad(tracking_number: str) -> bytes:
    return b"status:" + tracking_number.encode("utf-8")


class SqliteStatusCache:
    """:class:`~offline_cache.cache_protocol.StatusCache`, encrypted at rest."""

    def __init__(self, db: Database, keys: KeyRing) -> None:
        self._db = db
        self._keys = keys

    def get(self, tracking_number: str) -> CachedStatus | None:
        """The cached status, or None (also when its key is no longer available)."""
        with self._db.locked() as conn:
            row = conn.execute(
                "SELECT key_id, status_json, fetched_at FROM status_cache"
                " WHERE tracking_number = ?",
                (tracking_number,),
            ).fetchone()
        if row is None:
            return None
        try:
            plain = self._keys.decrypt(row[0], bytes(row[1]), _status_aad(tracking_number))
        except UndecryptableError:
            log.warning("cached status undecryptable; ignoring it")
            return None
        return CachedStatus(tracking_number, plain, from_us(row[2]))

    def put(self, tracking_number: str, status_json: bytes, now: dt.datetime) -> None:
        """Remember a status just fetched."""
        key_id, blob = self._keys.encrypt(bytes(status_json), _status_aad(tracking_number))
        with self._db.locked() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO status_cache"
                " (tracking_number, key_id, status_json, fetched_at) VALUES (?, ?, ?, ?)",
                (tracking_number, key_id, blob, to_us(now)),
            )

    def purge_older_than(self, cutoff: dt.datetime) -> int:
        """Forget statuses fetched before ``cutoff``."""
        with self._db.locked() as conn:
            cur = conn.execute("DELETE FROM status_cache WHERE fetched_at < ?", (to_us(cutoff),))
            return cur.rowcount


class SqliteSequences:
    """:class:`~offline_cache.cache_protocol.SequenceStore`: one durable counter per day.

    The increment is a single statement, hence one fsynced transaction: once a
    number is returned it is on disk, and a restart continues after it.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    def next_sequence(self, kiosk_code: str, day: dt.date) -> int:
        """The next number for (kiosk, day), starting at 1."""
        (row,) = self._db.execute(
            "INSERT INTO sequences (kiosk_code, day, last_value) VALUES (?, ?, 1)"
            " ON CONFLICT (kiosk_code, day) DO UPDATE SET last_value = last_value + 1"
            " RETURNING last_value",
            (kiosk_code, day.isoformat()),
        )
        return int(row[0])
