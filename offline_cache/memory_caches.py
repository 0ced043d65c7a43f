"""In-memory twins of the catalog cache, status cache and sequences (tests, demo)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

from offline_cache._time import normalize
from offline_cache.cache_protocol import CachedStatus, CatalogEntry


class MemoryCatalogCache:
    """:class:`~offline_cache.cache_protocol.CatalogCache` in memory."""

    def __init__(self) -> None:
        self._entry: CatalogEntry | None = None
        self._lock = threading.Lock()

    def load(self) -> CatalogEntry | None:
        """The cached catalog, or None."""
        with self._lock:
            return self._entry

    def save(self, services_json: bytes, etag: str | None, now: dt.datetime) -> None:
        """Replace the cached catalog."""
        t = normalize(now)
        with self._lock:
            self._entry = CatalogEntry(bytes(services_json), etag, t, t)

    def confirm(self, now: dt.datetime) -> bool:
        """Record a 304; False if nothing is cached."""
        with self._lock:
            if self._entry is None:
                return False
            self._entry = dataclasses.replace(self._entry, confirmed_at=normalize(now))
            return True


class MemoryStatusCache:
    """:class:`~offline_cache.cache_protocol.StatusCache` in memory."""

    def __init__(self) -> None:
        self._items: dict[str, CachedStatus] = {}
        self._lock = threading.Lock()

    def get(self, tracking_number: str) -> CachedStatus | None:
        """The cached status, or None."""
        with self._lock:
            return self._items.get(tracking_number)

    def put(self, tracking_number: str, status_json: bytes, now: dt.datetime) -> None:
        """Remember a status just fetched."""
        with self._lock:
            self._items[tracking_number] = CachedStatus(
                tracking_number, bytes(status_json), normalize(now)
            )

    def purge_older_than(self, cutoff: dt.datetime) -> int:
        """Forget statuses fetched before ``cutoff``."""
        c = normalize(cutoff)
        with self._lock:
            old = [k for k, v in self._items.items() if v.fetched_at < c]
            for k in old:
                del self._items[k]
            return len(old)


class MemorySequences:
    """:class:`~offline_cache.cache_protocol.SequenceStore` in memory (not durable)."""

    def __init__(self) -> None:
        self._values: dict[tuple[str, dt.date], int] = {}
        self._lock = threading.Lock()

    def next_sequence(self, kiosk_code: str, day: dt.date) -> int:
        """The next number for (kiosk, day), starting at 1."""
        with self._lock:
            value = self._values.get((kiosk_code, day), 0) + 1
            self._values[(kiosk_code, day)] = value
            return value
