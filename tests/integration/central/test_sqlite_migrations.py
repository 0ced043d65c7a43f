"""The SQLite platform database follows numbered migrations: a new file gets them all,
a file made by the schema before migrations existed (data/platform-before-migrations.sql,
dumped from a database the previous code wrote) is upgraded with nothing lost, a
migration that fails leaves the database as it was, and a database newer than the code
is refused."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from central import sql
from central.console.accounts import Role, StaffStore
from central.crypto import FieldCipher
from central.sql import SchemaTooNew, SqliteDatabase, migrations
from central.store import PlatformStore
from tests.support.fd_watch import open_fds

pytestmark = pytest.mark.integration

LEGACY_DUMP = Path(__file__).parent / "data" / "platform-before-migrations.sql"
LEGACY_KEY = bytes.fromhex("5a" * 32)  # the dump's data key (tests only)
NOW = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)
VERSIONS = [v for v, _ in migrations("sqlite")]


def applied(path: Path) -> list[int]:
    db = sqlite3.connect(path)
    try:
        return [r[0] for r in db.execute("SELECT version FROM schema_migrations ORDER BY version")]
    finally:
        db.close()


def tables(path: Path) -> dict[str, list[str]]:
    db = sqlite3.connect(path)
    try:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: [c[1] for c in db.execute(f"PRAGMA table_info({n})")] for n in sorted(names)}
    finally:
        db.close()


def legacy_file(tmp_path: Path) -> Path:
    path = tmp_path / "central.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(LEGACY_DUMP.read_text(encoding="utf-8"))
    db.close()
    return path


def test_a_new_database_gets_every_migration_in_order(tmp_path: Path) -> None:
    assert list(range(1, len(VERSIONS) + 1)) == VERSIONS  # numbered without gaps
    assert [v for v, _ in migrations("postgres")] == VERSIONS  # the two stores keep step
    path = tmp_path / "new.sqlite3"
    SqliteDatabase(path).close()
    assert applied(path) == VERSIONS
    assert {"console_staff", "console_sessions", "submissions"} <= set(tables(path))
    SqliteDatabase(path).close()  # opening again applies nothing twice
    assert applied(path) == VERSIONS


def test_a_database_from_before_migrations_is_upgraded_with_nothing_lost(
    tmp_path: Path,
) -> None:
    path = legacy_file(tmp_path)
    assert "schema_migrations" not in tables(path)
    before = tables(path)
    store = PlatformStore(path, FieldCipher(LEGACY_KEY))
    staff = StaffStore(path)
    try:
        assert applied(path) == VERSIONS
        after = tables(path)
        # Nothing dropped: every old table keeps every old column, in order (later
        # migrations may add columns, e.g. 0005's bookings.person_key).
        assert {t: after[t][: len(c)] for t, c in before.items()} == before
        # What the old platform stored is still there and readable.
        assert store.count_submissions() == 2
        (first, second) = store.list_submissions()
        assert first["body"]["payload"]["applicant"]["name"] == "张三"
        assert second["kind"] == "appointment"
        assert [s["status"] for s in store.timeline("A7H3-261124-0001X") or []] == [
            "received",
            "accepted",
        ]
        assert store.tracking_by_receipt("ab" * 32) == "A7H3-261124-0001X"
        assert store.booked("gongan.huzheng", "2026-11-25") == {"2026-11-25T09:00": 1}
        assert store.latest_catalog() == (1, {"version": "2026.11", "services": []})
        assert store.get_attachment("00" * 32) == (b"photo", "image/jpeg")
        assert [k["kiosk_id"] for k in store.kiosks()] == ["A7H3"]
        assert staff.sign_in("wang.hall", "correct horse battery", NOW).token is not None
        # And the upgraded database takes new data in every table.
        store.save_catalog({"version": "2026.12", "services": []}, NOW)
        assert store.latest_catalog() == (2, {"version": "2026.12", "services": []})
        staff.add("li.admin", Role.ADMIN, "another long passphrase", NOW)
    finally:
        store.close()
        staff.close()


def test_a_failing_migration_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = legacy_file(tmp_path)
    real = migrations("sqlite")
    broken = [*real, (len(real) + 1, "CREATE TABLE half_done (x INTEGER);\nSELECT no_such();\n")]
    monkeypatch.setattr(sql, "migrations", lambda dialect="postgres": broken)
    with pytest.raises(sqlite3.OperationalError):
        SqliteDatabase(path)
    # One transaction: neither the baseline, nor 0003, nor half of the broken one.
    assert "schema_migrations" not in tables(path) and "half_done" not in tables(path)
    assert "console_staff" in tables(path)  # the old console made it; still there
    monkeypatch.undo()
    SqliteDatabase(path).close()
    assert applied(path) == VERSIONS


def test_a_database_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    SqliteDatabase(path).close()
    db = sqlite3.connect(path)
    db.execute("INSERT INTO schema_migrations (version) VALUES (?)", (VERSIONS[-1] + 1,))
    db.commit()
    db.close()
    with pytest.raises(SchemaTooNew, match="newer than this platform's"):
        SqliteDatabase(path)
    # The refused database is not left open (a demo kiosk retries its platform start).
    assert not [t for t in open_fds().values() if t.startswith(str(path))]
