"""The free-space floor: faulted below it, a warning within four times it, unreadable is a fault."""

from __future__ import annotations

from pathlib import Path

from kiosk.events import Health
from kiosk.storage_guard import MIB, StorageGuard


def _guard(free: int) -> StorageGuard:
    return StorageGuard(Path("/data"), min_free_mib=64, usage=lambda _p: (10_000 * MIB, 0, free))


def test_levels() -> None:
    assert _guard(1_000 * MIB).read().detail == "storage.ok"
    low = _guard(200 * MIB).read()
    assert (low.health, low.detail) == (Health.DEGRADED, "storage.low")
    assert _guard(200 * MIB).accepts_new_work()
    full = _guard(63 * MIB).read()
    assert (full.health, full.detail) == (Health.FAULT, "storage.full")
    assert not _guard(63 * MIB).accepts_new_work()


def test_unreadable_disk_is_a_fault() -> None:
    def broken(_p: Path) -> tuple[int, int, int]:
        raise OSError(5, "I/O error")

    guard = StorageGuard(Path("/data"), min_free_mib=64, usage=broken)
    assert guard.read().detail == "storage.unreadable"
    assert not guard.accepts_new_work()
