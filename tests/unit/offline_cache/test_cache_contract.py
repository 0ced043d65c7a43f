"""Catalog cache, status cache and sequences: one contract, both implementations."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from offline_cache.cache_protocol import CatalogCache, SequenceStore, StatusCache
from offline_cache.crypto import KeyRing
from offline_cache.db import Database
from offline_cache.memory_caches import MemoryCatalogCache, MemorySequences, MemoryStatusCache
from offline_cache.sqlite_caches import SqliteCatalogCache, SqliteSequences, SqliteStatusCache

T0 = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)
CATALOG = '{"services": [{"id": "hukou", "name": {"zh": "户口迁入", "en": "Hukou transfer"}}]}'


@pytest.fixture(params=["sqlite", "memory"])
def catalog(request: pytest.FixtureRequest) -> CatalogCache:
    if request.param == "sqlite":
        return SqliteCatalogCache(request.getfixturevalue("db"))
    return MemoryCatalogCache()


@pytest.fixture(params=["sqlite", "memory"])
def statuses(request: pytest.FixtureRequest) -> StatusCache:
    if request.param == "sqlite":
        db: Database = request.getfixturevalue("db")
        keys: KeyRing = request.getfixturevalue("keys")
        return SqliteStatusCache(db, keys)
    return MemoryStatusCache()


@pytest.fixture(params=["sqlite", "memory"])
def sequences(request: pytest.FixtureRequest) -> SequenceStore:
    if request.param == "sqlite":
        return SqliteSequences(request.getfixturevalue("db"))
    return MemorySequences()


def test_catalog_is_empty_until_first_download(catalog: CatalogCache) -> None:
    assert catalog.load() is None
    assert catalog.confirm(T0) is False
    assert catalog.load() is None


def test_catalog_keeps_content_and_etag(catalog: CatalogCache) -> None:
    catalog.save(CATALOG.encode(), 'W/"v1"', T0)
    entry = catalog.load()
    assert entry is not None
    assert entry.services_json.decode() == CATALOG
    assert entry.etag == 'W/"v1"'
    assert entry.fetched_at == entry.confirmed_at == T0


def test_catalog_304_confirms_without_changing_content(catalog: CatalogCache) -> None:
    catalog.save(CATALOG.encode(), '"v1"', T0)
    assert catalog.confirm(T0 + dt.timedelta(hours=1)) is True
    entry = catalog.load()
    assert entry is not None
    assert (entry.etag, entry.fetched_at) == ('"v1"', T0)
    assert entry.confirmed_at == T0 + dt.timedelta(hours=1)


def test_catalog_save_replaces(catalog: CatalogCache) -> None:
    catalog.save(b"[]", '"v1"', T0)
    catalog.save(b"[1]", None, T0 + dt.timedelta(days=1))
    entry = catalog.load()
    assert entry is not None and (entry.services_json, entry.etag) == (b"[1]", None)


def test_status_round_trip_and_replace(statuses: StatusCache) -> None:
    assert statuses.get("A7H3-261123-00429") is None
    statuses.put("A7H3-261123-00429", b'{"state": "received"}', T0)
    statuses.put("A7H3-261123-00429", b'{"state": "in_review"}', T0 + dt.timedelta(hours=2))
    got = statuses.get("A7H3-261123-00429")
    assert got is not None
    assert got.status_json == b'{"state": "in_review"}'
    assert got.fetched_at == T0 + dt.timedelta(hours=2)
    assert statuses.get("A7H3-261123-0043H") is None


def test_status_purge_forgets_old_entries(statuses: StatusCache) -> None:
    statuses.put("old", b"{}", T0)
    statuses.put("new", b"{}", T0 + dt.timedelta(days=30))
    assert statuses.purge_older_than(T0 + dt.timedelta(days=1)) == 1
    assert statuses.get("old") is None
    assert statuses.get("new") is not None


def test_sequences_count_per_kiosk_and_day(sequences: SequenceStore) -> None:
    day = dt.date(2026, 11, 23)
    assert [sequences.next_sequence("A7H3", day) for _ in range(3)] == [1, 2, 3]
    assert sequences.next_sequence("A7H3", day + dt.timedelta(days=1)) == 1
    assert sequences.next_sequence("C001", day) == 1
    assert sequences.next_sequence("A7H3", day) == 4


def test_sequences_never_repeat_across_threads(sequences: SequenceStore) -> None:
    day = dt.date(2026, 11, 23)
    got: list[int] = []
    lock = threading.Lock()

    def worker() -> None:
        mine = [sequences.next_sequence("A7H3", day) for _ in range(25)]
        with lock:
            got.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(got) == list(range(1, 101))
