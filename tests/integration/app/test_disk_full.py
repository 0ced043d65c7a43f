"""A full disk loses nothing: on a real, small filesystem (tmpfs mounted by the test).

1. The outbox itself, without the kiosk's free-space floor, is filled until SQLite
   reports the disk full: the failing record is refused whole, every record stored
   before it is intact after reopening, and once space returns enqueueing works again.
2. The kiosk's way: with the floor, an application is refused calmly before anything
   is written (``STORAGE_FULL``), the storage device reads as faulted for the
   maintenance panel, and the application accepted before the disk filled is intact.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from drivers.printer.simulator import SimulatedPrinter
from kiosk.bundled_catalog import load_bundled_catalog
from kiosk.events import Health
from kiosk.payloads.codes import ReceiptSigner
from kiosk.printing import PrintService
from kiosk.services.apply import ApplicationDraft, ApplyOutcome, ApplyService
from kiosk.settings import KioskSection
from kiosk.storage_guard import StorageGuard
from kiosk.tracking import TrackingNumberMinter
from offline_cache.crypto import KeyRing
from offline_cache.db import Database
from offline_cache.memory_caches import MemorySequences
from offline_cache.outbox_protocol import RecordKind, StorageFullError
from offline_cache.print_jobs import PrintJobStore
from offline_cache.sqlite_outbox import SqliteOutbox
from tests.ui.conftest_apply import manual_identity

pytestmark = pytest.mark.integration

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
SIZE_MIB = 8


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """An 8 MiB tmpfs: a real filesystem that really fills up."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root (CI runs as root)")
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE_MIB}m,mode=0700", "tmpfs", str(mount)],
        check=True,
    )
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def _fill(disk: Path, leave_kib: int) -> Path:
    """A filler file that leaves about ``leave_kib`` free."""
    filler = disk / "filler"
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with filler.open("wb") as f:
        f.write(b"\0" * max(0, free - leave_kib * 1024))
    return filler


def test_sqlite_full_refuses_one_record_and_keeps_the_rest(small_disk: Path) -> None:
    keys = KeyRing.load_or_create(small_disk / "outbox.key")
    db = Database(small_disk / "kiosk.sqlite3")
    outbox = SqliteOutbox(db, keys)
    _fill(small_disk, leave_kib=256)
    stored: list[bytes] = []
    with pytest.raises(StorageFullError):
        for i in range(10_000):
            body = f'{{"n": {i}, "pad": "{"x" * 2000}"}}'.encode()
            outbox.enqueue(RecordKind.APPLICATION, body, None, NOW)
            stored.append(body)
    assert stored, "the disk was full before the first record"
    db.close()

    (small_disk / "filler").unlink()  # the technician frees space
    db = Database(small_disk / "kiosk.sqlite3")
    outbox = SqliteOutbox(db, keys)
    assert db.execute("PRAGMA integrity_check") == [("ok",)]
    kept = [r.payload for r in reversed(outbox.list(limit=100_000))]
    assert kept == stored, "a record accepted before the disk filled was lost or changed"
    outbox.enqueue(RecordKind.APPLICATION, b'{"after": true}', None, NOW)
    assert outbox.stats(NOW).pending == len(stored) + 1
    db.close()


def test_kiosk_refuses_new_applications_calmly_below_the_floor(small_disk: Path) -> None:
    guard = StorageGuard(small_disk, min_free_mib=1)
    keys = KeyRing.load_or_create(small_disk / "outbox.key")
    db = Database(small_disk / "kiosk.sqlite3")
    outbox = SqliteOutbox(db, keys, admit=guard.accepts_new_work)
    printer = SimulatedPrinter(small_disk / "printed")
    jobs = PrintJobStore(small_disk / "jobs.sqlite3", os.urandom(32))
    service_def = load_bundled_catalog().by_id("shuiwu.tax_record")
    assert service_def is not None
    service = ApplyService(
        outbox=outbox,
        minter=TrackingNumberMinter("A7H3", MemorySequences()),
        printing=PrintService(printer, jobs, lambda: NOW),
        signer=ReceiptSigner("A7H3", Ed25519PrivateKey.generate()),
        kiosk=KioskSection(code="A7H3"),
        clock=lambda: NOW,
    )
    values = {f.id: "2024" for f in service_def.form}
    draft = ApplicationDraft(
        service=service_def,
        identity=manual_identity(),
        agent=None,
        form_values=values,
        pages=(),
        language="zh",
    )
    try:
        first = service.save(draft)
        assert first.outcome is ApplyOutcome.SAVED
        assert guard.read().health is Health.OK

        filler = _fill(small_disk, leave_kib=512)  # below the 1 MiB floor
        reading = guard.read()
        assert (reading.health, reading.detail) == (Health.FAULT, "storage.full")
        refused = service.save(draft)
        assert refused.outcome is ApplyOutcome.STORAGE_FULL
        assert refused.tracking_number is None  # nothing promised, nothing to print
        records = outbox.list(limit=10)
        assert [r.tracking_number for r in records] == [first.tracking_number]
        assert records[0].payload is not None and b"shuiwu.tax_record" in records[0].payload

        filler.unlink()
        assert service.save(draft).outcome is ApplyOutcome.SAVED
        assert outbox.stats(NOW).pending == 2
    finally:
        jobs.close()
        db.close()
