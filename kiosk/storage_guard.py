"""Free space on the data disk: refuse new work calmly before the disk is full.

A full disk must never cost a citizen's accepted application: the outbox commits
each record with fsync, so whatever was accepted is on disk. What a full disk can
do is make the *next* enqueue fail halfway through a journey. So the kiosk checks
free space as a device (the supervisor polls it like a printer) and the services
refuse a new submission up front, with a message, when it is below the floor; the
maintenance panel shows the same status with the figures.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.events import Health

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class StorageReading:
    """Free and total bytes where the kiosk keeps its data, and what that means."""

    free_bytes: int
    total_bytes: int
    health: Health
    detail: str  # message key: storage.ok / storage.low / storage.full / storage.unreadable


class StorageGuard:
    """Reads free space under ``path``; below ``min_free_mib`` the kiosk takes no new work."""

    def __init__(
        self,
        path: Path,
        min_free_mib: int,
        usage: Callable[[Path], tuple[int, int, int]] = shutil.disk_usage,
    ) -> None:
        self._path = path
        self._floor = min_free_mib * MIB
        self._usage = usage

    def read(self) -> StorageReading:
        """One look at the disk (a statvfs call: cheap, but not for the GUI thread)."""
        try:
            total, _used, free = self._usage(self._path)
        except OSError:
            return StorageReading(0, 0, Health.FAULT, "storage.unreadable")
        if free < self._floor:
            return StorageReading(free, total, Health.FAULT, "storage.full")
        if free < 4 * self._floor:
            return StorageReading(free, total, Health.DEGRADED, "storage.low")
        return StorageReading(free, total, Health.OK, "storage.ok")

    def accepts_new_work(self) -> bool:
        """False when a new submission could not be stored safely."""
        return self.read().health is not Health.FAULT
