"""Keys apart from the data: where they go by default, and moving old ones out safely."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest

from kiosk.paths import move_legacy_keys, resolve_paths
from kiosk.settings import Settings
from offline_cache.crypto import KeyRing, move_key_ring, move_secret_file
from offline_cache.db import Database
from offline_cache.outbox_protocol import RecordKind
from offline_cache.sqlite_outbox import SqliteOutbox

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _settings(**storage: object) -> Settings:
    return Settings.model_validate({"storage": storage})


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def test_default_keys_are_outside_the_default_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    paths = resolve_paths(_settings())
    assert paths.root == tmp_path / "share" / "zhengwu-kiosk"
    assert paths.keys_dir == tmp_path / "config" / "zhengwu-kiosk" / "keys"
    for key in (paths.key_file, paths.print_key, paths.signing_key):
        assert not _inside(key, paths.root), key


def test_a_configured_data_dir_gets_its_keys_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    paths = resolve_paths(_settings(data_dir=str(tmp_path / "data")))
    assert paths.keys_dir == tmp_path / "data-keys"
    assert not any(_inside(k, paths.root) for k in (paths.key_file, paths.signing_key))
    custom = resolve_paths(
        _settings(data_dir=str(tmp_path / "data"), keys_dir=str(tmp_path / "etc" / "keys"))
    )
    assert custom.print_key == tmp_path / "etc" / "keys" / "print-jobs.key"


def test_systemd_credentials_are_used_when_present(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    creds = tmp_path / "creds"
    creds.mkdir()
    (creds / "outbox.key").write_bytes(b"x")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(creds))
    paths = resolve_paths(_settings(data_dir=str(tmp_path / "data")))
    assert paths.key_file == creds / "outbox.key"
    assert paths.signing_key == tmp_path / "data-keys" / "receipt-signing.key"  # not given


def _outbox_with_a_record(db_path: Path, key_path: Path) -> tuple[Database, str]:
    db = Database(db_path)
    rec = SqliteOutbox(db, KeyRing.load_or_create(key_path)).enqueue(
        RecordKind.APPLICATION, b'{"secret": 1}', "T1", NOW
    )
    return db, str(rec.id)


def test_an_old_data_dir_key_is_moved_out_and_every_record_still_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    paths = resolve_paths(_settings(data_dir=str(tmp_path / "data")))
    paths.create()
    legacy = paths.root / "outbox.key"
    db, _ = _outbox_with_a_record(paths.database, legacy)
    (paths.root / "print-jobs.key").write_bytes(b"p" * 32)
    (paths.root / "receipt-signing.key").write_text("seed")
    used = move_legacy_keys(paths)
    assert used == paths  # everything moved: the new places are used
    assert not any(p.exists() for p in paths.root.glob("*.key"))
    assert stat.S_IMODE(paths.key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(paths.keys_dir.stat().st_mode) == 0o700
    assert paths.print_key.read_bytes() == b"p" * 32
    assert paths.signing_key.read_text() == "seed"
    outbox = SqliteOutbox(db, KeyRing.load_or_create(paths.key_file))
    (rec,) = outbox.claim(1, NOW)
    assert rec.payload == b'{"secret": 1}'
    db.close()


def test_two_rings_are_merged_so_both_generations_stay_readable(tmp_path: Path) -> None:
    legacy, target = tmp_path / "data" / "outbox.key", tmp_path / "keys" / "outbox.key"
    legacy.parent.mkdir()
    db_old, _ = _outbox_with_a_record(tmp_path / "old.db", legacy)
    db_new, _ = _outbox_with_a_record(tmp_path / "new.db", target)
    current = KeyRing.load_or_create(target).current_key_id
    assert move_key_ring(legacy, target)
    ring = KeyRing.load_or_create(target)
    assert ring.current_key_id == current and len(ring.key_ids) == 2
    for db in (db_old, db_new):
        (rec,) = SqliteOutbox(db, ring).claim(1, NOW)
        assert rec.payload == b'{"secret": 1}'
        db.close()
    assert not legacy.exists()


def test_a_clashing_ring_is_never_thrown_away(tmp_path: Path) -> None:
    legacy, target = tmp_path / "legacy.key", tmp_path / "keys" / "outbox.key"
    KeyRing.load_or_create(legacy)
    doc = json.loads(legacy.read_text())
    doc["keys"][0]["key"] = "A" * 43 + "="  # same id, another key
    target.parent.mkdir()
    target.write_text(json.dumps(doc))
    target.chmod(0o600)
    before = legacy.read_bytes()
    with pytest.raises(ValueError, match="kept"):
        move_key_ring(legacy, target)
    assert legacy.read_bytes() == before


def test_a_clash_keeps_using_the_old_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    paths = resolve_paths(_settings(data_dir=str(tmp_path / "data")))
    paths.create()
    (paths.root / "print-jobs.key").write_bytes(b"a" * 32)
    paths.print_key.write_bytes(b"b" * 32)
    used = move_legacy_keys(paths)
    assert used.print_key == paths.root / "print-jobs.key"  # jobs sealed with it stay readable
    assert (paths.root / "print-jobs.key").exists() and paths.print_key.exists()


def test_moving_the_same_key_twice_is_harmless(tmp_path: Path) -> None:
    legacy, target = tmp_path / "a.key", tmp_path / "keys" / "a.key"
    legacy.write_bytes(b"k")
    assert move_secret_file(legacy, target)
    assert not move_secret_file(legacy, target)
    assert target.read_bytes() == b"k"
