"""Contracts for the small stores beside the outbox: catalog, statuses, sequences."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """The last catalog the platform sent, as raw JSON bytes with its ETag."""

    services_json: bytes
    etag: str | None
    fetched_at: dt.datetime  # when this content was downloaded
    confirmed_at: dt.datetime  # last time the platform said it is current (200 or 304)


class CatalogCache(Protocol):
    """One cached catalog, so the kiosk can offer services while offline."""

    def load(self) -> CatalogEntry | None:
        """The cached catalog, or None before the first successful download."""
        ...

    def save(self, services_json: bytes, etag: str | None, now: dt.datetime) -> None:
        """Replace the cached catalog (a 200 answer)."""
        ...

    def confirm(self, now: dt.datetime) -> bool:
        """A 304 answer: the cached catalog is still current. False if nothing is cached."""
        ...


@dataclass(frozen=True, slots=True)
class CachedStatus:
    """The last known status of one application."""

    tracking_number: str
    status_json: bytes
    fetched_at: dt.datetime


class StatusCache(Protocol):
    """Last known status per tracking number, shown (with its age) while offline."""

    def get(self, tracking_number: str) -> CachedStatus | None:
        """The cached status, or None."""
        ...

    def put(self, tracking_number: str, status_json: bytes, now: dt.datetime) -> None:
        """Remember a status just fetched (replaces the previous one)."""
        ...

    def purge_older_than(self, cutoff: dt.datetime) -> int:
        """Forget statuses fetched before ``cutoff``; returns how many."""
        ...


class SequenceStore(Protocol):
    """Durable counters for tracking numbers (see kiosk.tracking.SequenceSource)."""

    def next_sequence(self, kiosk_code: str, day: dt.date) -> int:
        """The next number for (kiosk, day), starting at 1; durable before it returns."""
        ...
