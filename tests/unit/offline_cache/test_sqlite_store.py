"""SQLite-only behaviour: durability across reopen, keys, migrations, threads."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import stat
import threading
import time
import uuid
from pathlib import Path

import pytest

from offline_cache.crypto import KeyRing
from offline_cache.db import Database, SchemaTooNewError
from offline_cache.migrations import LATEST_VERSION
from offline_cache.outbox_protocol import RecordKind, RecordState
from offline_cache.sqlite_caches import SqliteCatalogCache, SqliteSequences, SqliteStatusCache
from offline_cache.sqlite_outbox import SqliteOutbox

T0 = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)


def test_records_and_sequences_survive_reopen(tmp_path: Path) -> None:
    key_path = tmp_path / "outbox.key"
    db = Database(tmp_path / "kiosk.db")
    outbox = SqliteOutbox(db, KeyRing.load_or_create(key_path))
    rec = outbox.enqueue(RecordKind.APPLICATION, b'{"a": 1}', "A7H3-261123-00429", T0)
    day = dt.date(2026, 11, 23)
    assert SqliteSequences(db).next_sequence("A7H3", day) == 1
    db.close()

    db = Database(tmp_path / "kiosk.db")
    outbox = SqliteOutbox(db, KeyRing.load_or_create(key_path))
    got = outbox.get(rec.id)
    assert got is not None and got.payload == b'{"a": 1}' and got.state is RecordState.PENDING
    assert SqliteSequences(db).next_sequence("A7H3", day) == 2  # a restart never reuses one
    db.close()


def test_new_records_keep_enqueue_order_across_the_inbox(db: Database, keys: KeyRing) -> None:
    # An enqueue lands in an index-free inbox; the next operation moves it into the
    # outbox. Records on either side of a move still go out oldest first.
    outbox = SqliteOutbox(db, keys)
    a = outbox.enqueue(RecordKind.RATING, b"a", None, T0)
    b = outbox.enqueue(RecordKind.RATING, b"b", None, T0)
    assert [r.id for r in outbox.claim(1, T0)] == [a.id]
    c = outbox.enqueue(RecordKind.RATING, b"c", None, T0)
    assert [r.id for r in outbox.list()] == [c.id, b.id, a.id]
    assert outbox.stats(T0).pending == 2
    assert [(r.id, r.payload) for r in outbox.claim(5, T0)] == [(b.id, b"b"), (c.id, b"c")]
    with db.locked() as conn:
        assert conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 3


def test_key_file_is_created_private_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "secrets" / "outbox.key"
    first = KeyRing.load_or_create(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = KeyRing.load_or_create(path)
    assert again.current_key_id == first.current_key_id
    key_id, blob = first.encrypt(b"hello", b"aad")
    assert again.decrypt(key_id, blob, b"aad") == b"hello"


def test_rotation_keeps_old_records_readable_and_seals_new_ones_with_the_new_key(
    tmp_path: Path,
) -> None:
    key_path = tmp_path / "outbox.key"
    db = Database(tmp_path / "kiosk.db")
    keys = KeyRing.load_or_create(key_path)
    outbox = SqliteOutbox(db, keys)
    old = outbox.enqueue(RecordKind.RATING, b"old", None, T0)
    old_key = keys.current_key_id
    new_key = keys.rotate()
    assert new_key != old_key
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    new = outbox.enqueue(RecordKind.RATING, b"new", None, T0)
    db.close()

    # A fresh process reads the rotated file: both generations decrypt.
    db = Database(tmp_path / "kiosk.db")
    keys = KeyRing.load_or_create(key_path)
    assert keys.key_ids == [old_key, new_key]
    outbox = SqliteOutbox(db, keys)
    assert [r.payload for r in outbox.claim(10, T0)] == [b"old", b"new"]
    with db.locked() as conn:
        stored = dict(
            conn.execute(
                "SELECT o.id, p.key_id FROM outbox o JOIN enqueued p ON p.rowid = o.payload_row"
            ).fetchall()
        )
    assert stored == {str(old.id): old_key, str(new.id): new_key}
    db.close()


def test_a_record_whose_key_is_lost_goes_dead_instead_of_blocking_the_queue(
    tmp_path: Path,
) -> None:
    db = Database(tmp_path / "kiosk.db")
    lost = SqliteOutbox(db, KeyRing.load_or_create(tmp_path / "lost.key"))
    orphan = lost.enqueue(RecordKind.FEEDBACK, b"x", None, T0)
    outbox = SqliteOutbox(db, KeyRing.load_or_create(tmp_path / "other.key"))
    fine = outbox.enqueue(RecordKind.FEEDBACK, b"y", None, T0)
    assert [r.id for r in outbox.claim(10, T0)] == [fine.id]
    rec = outbox.get(orphan.id)
    assert rec is not None and rec.state is RecordState.DEAD and rec.payload is None
    assert rec.last_error is not None and "undecryptable" in rec.last_error
    db.close()


def test_a_payload_moved_to_another_row_fails_authentication(db: Database, keys: KeyRing) -> None:
    outbox = SqliteOutbox(db, keys)
    a = outbox.enqueue(RecordKind.APPLICATION, b"alice", None, T0)
    b = outbox.enqueue(RecordKind.APPLICATION, b"bob", None, T0)
    with db.locked() as conn:
        conn.execute(
            "UPDATE enqueued SET payload = (SELECT payload FROM enqueued WHERE id = ?) WHERE id = ?",
            (str(a.id), str(b.id)),
        )
    got = outbox.get(b.id)
    assert got is not None and got.payload is None
    assert [r.id for r in outbox.claim(10, T0)] == [a.id]


def test_concurrent_claimers_never_get_the_same_record(db: Database, keys: KeyRing) -> None:
    outbox = SqliteOutbox(db, keys)
    enqueued = {outbox.enqueue(RecordKind.RATING, b"{}", None, T0).id for _ in range(200)}
    claimed: list[uuid.UUID] = []
    lock = threading.Lock()

    def claimer() -> None:
        while batch := outbox.claim(7, T0):
            with lock:
                claimed.extend(r.id for r in batch)

    threads = [threading.Thread(target=claimer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(claimed) == len(set(claimed)) == 200
    assert set(claimed) == enqueued


# Schema version 1 exactly as the first release created it (frozen copy; never edit).
V1_SCHEMA = """
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
    tracking_number TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
    state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER,
    delivered_at INTEGER, key_id TEXT, payload BLOB, error_key_id TEXT, last_error BLOB
);
CREATE INDEX ix_outbox_state ON outbox(state);
CREATE INDEX ix_outbox_failed_due ON outbox(next_attempt_at) WHERE state = 'failed';
PRAGMA user_version = 1;
"""


def test_opening_a_version_1_database_migrates_it_and_keeps_its_records(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    keys = KeyRing.load_or_create(tmp_path / "outbox.key")
    rid = uuid.uuid4()
    key_id, blob = keys.encrypt(b'{"old": true}', b"outbox-payload:" + rid.bytes)
    old = sqlite3.connect(path)
    old.executescript(V1_SCHEMA)
    old.execute(
        "INSERT INTO outbox (id, kind, tracking_number, created_at, updated_at, state, key_id,"
        " payload) VALUES (?, 'application', 'A7H3-261123-00429', 1, 1, 'pending', ?, ?)",
        (str(rid), key_id, blob),
    )
    old.commit()
    old.close()

    db = Database(path)
    assert db.user_version == LATEST_VERSION > 1
    outbox = SqliteOutbox(db, keys)
    (rec,) = outbox.claim(5, T0)
    assert (rec.id, rec.payload, rec.tracking_number) == (
        rid,
        b'{"old": true}',
        "A7H3-261123-00429",
    )
    outbox.mark_delivered(rid, T0)
    assert outbox.purge_delivered_payloads(T0 + dt.timedelta(days=8)) == 1  # v2 column works
    SqliteCatalogCache(db).save(b"[]", '"e"', T0)
    SqliteStatusCache(db, keys).put("A7H3-261123-00429", b"{}", T0)
    assert SqliteSequences(db).next_sequence("A7H3", dt.date(2026, 11, 23)) == 1
    db.close()


def test_a_database_from_newer_software_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    Database(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaTooNewError):
        Database(path)


def test_database_files_are_private_and_in_wal_mode(db: Database, keys: KeyRing) -> None:
    SqliteOutbox(db, keys).enqueue(RecordKind.RATING, b"{}", None, T0)
    for suffix in ("", "-wal", "-shm"):
        mode = stat.S_IMODE(os.stat(str(db.path) + suffix).st_mode)
        assert mode & 0o077 == 0, (suffix, oct(mode))
    with db.locked() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_malformed_key_file_is_an_error_not_a_new_key(tmp_path: Path) -> None:
    path = tmp_path / "outbox.key"
    path.write_text(json.dumps({"version": 1, "keys": []}))
    with pytest.raises(ValueError):
        KeyRing.load_or_create(path)


def test_background_checkpoint_moves_the_wal_into_the_main_file(tmp_path: Path) -> None:
    # 200 records stay under the automatic checkpoint's 1000 pages, so only the
    # background checkpoint can have moved them, off the enqueue's critical path.
    db = Database(tmp_path / "kiosk.db")
    outbox = SqliteOutbox(db, KeyRing.load_or_create(tmp_path / "k"))
    for _ in range(200):
        outbox.enqueue(RecordKind.APPLICATION, os.urandom(2000), None, T0)
    main = tmp_path / "kiosk.db"
    deadline = time.monotonic() + 10
    while main.stat().st_size < 200 * 2000 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert main.stat().st_size >= 200 * 2000
    db.close()


def test_racing_first_starts_agree_on_one_key(tmp_path: Path) -> None:
    path = tmp_path / "secrets" / "outbox.key"
    ids: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(6)

    def start() -> None:
        barrier.wait()
        try:
            ids.append(KeyRing.load_or_create(path).current_key_id)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(ids) == 6 and len(set(ids)) == 1
    assert [p.name for p in path.parent.iterdir()] == ["outbox.key"]  # no temporary left
