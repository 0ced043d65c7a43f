"""Fixtures for the storage tests: every contract test runs on both stores."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from offline_cache.crypto import KeyRing
from offline_cache.db import Database
from offline_cache.memory_outbox import MemoryOutbox
from offline_cache.outbox_protocol import Outbox
from offline_cache.sqlite_outbox import SqliteOutbox


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    # Contract tests check behaviour, not fsync: on tmpfs when there is one, so
    # hundreds of durable commits stay fast. Durability tests use tmp_path directly.
    shm = Path("/dev/shm")
    where = Path(tempfile.mkdtemp(dir=shm)) if shm.is_dir() else tmp_path
    database = Database(where / "kiosk.db")
    yield database
    database.close()
    if where != tmp_path:
        shutil.rmtree(where, ignore_errors=True)


@pytest.fixture
def keys(tmp_path: Path) -> KeyRing:
    return KeyRing.load_or_create(tmp_path / "secrets" / "outbox.key")


@pytest.fixture(params=["sqlite", "memory"])
def outbox(request: pytest.FixtureRequest) -> Outbox:
    if request.param == "sqlite":
        db: Database = request.getfixturevalue("db")
        keys: KeyRing = request.getfixturevalue("keys")
        return SqliteOutbox(db, keys, max_attempts=3)
    return MemoryOutbox(max_attempts=3)
