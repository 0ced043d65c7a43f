"""Fixtures for the storage tests: every contract test runs on both stores."""

from __future__ import annotations

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
    database = Database(tmp_path / "kiosk.db")
    yield database
    database.close()


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
