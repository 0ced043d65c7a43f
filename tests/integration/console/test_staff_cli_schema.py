"""``kiosk-central staff`` never upgrades a database's schema (try-out 10, R1: a newer
``kiosk-central`` on the PATH silently migrated a running demo's database, whose platform
then refused to start: SchemaTooNew). It refuses calmly, naming both versions and the
command that does it, ``kiosk-central migrate``; on SQLite and on PostgreSQL."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from central import sql
from central.cli import main
from central.sql import newest_version, open_database
from tests.integration.central.test_store_contract import (  # noqa: F401  (fixture)
    cluster,
    fresh_pg_database,
)
from tests.support import pg_cluster

PASSWORD = "Hall-staff-2026!"


@pytest.fixture(params=["sqlite", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "central.sqlite3")
    if not pg_cluster.available():
        pytest.skip("needs the Debian package postgresql")
    return fresh_pg_database(request.getfixturevalue("cluster"))


def _dialect(target: str) -> str:
    return "postgres" if sql.is_postgres(target) else "sqlite"


def _version(target: str) -> int:
    """The schema version recorded in the database, read without migrating it."""
    if sql.is_postgres(target):
        import psycopg

        with psycopg.connect(target) as conn:
            row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    else:
        import sqlite3

        with sqlite3.connect(target) as conn:
            row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    assert row is not None
    return int(row[0])


def _older(target: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """Make ``target`` a database of the platform one migration back; its version."""
    everything = sql.migrations
    with monkeypatch.context() as m:
        m.setattr(sql, "migrations", lambda dialect="postgres": everything(dialect)[:-1])
        open_database(target).close()
    return newest_version(_dialect(target)) - 1


def _staff(monkeypatch: pytest.MonkeyPatch, target: str, *args: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    return main(["staff", "--db", target, *args])


def test_staff_refuses_an_older_database_and_migrate_upgrades_it(
    target: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _older(target, monkeypatch)
    newest = newest_version(_dialect(target))
    capsys.readouterr()

    assert _staff(monkeypatch, target, "add", "wang", "--role", "hall", "--password-stdin") == 2
    said = capsys.readouterr()
    assert said.out == ""
    assert f"schema version {old}" in said.err and f"version {newest}" in said.err
    assert f"kiosk-central migrate --db {target}" in said.err and "Traceback" not in said.err
    assert _version(target) == old  # left exactly as it was
    assert _staff(monkeypatch, target, "list") == 2  # reading is refused the same way

    assert main(["migrate", "--db", target]) == 0
    out = capsys.readouterr().out
    assert f"migrated from schema version {old} to {newest}" in out
    assert _version(target) == newest
    assert _staff(monkeypatch, target, "add", "wang", "--role", "hall", "--password-stdin") == 0
    assert main(["migrate", "--db", target]) == 0
    assert "nothing to do" in capsys.readouterr().out


def test_staff_makes_a_new_database_whole_and_refuses_a_newer_one(
    target: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A database nobody made yet is made at this code's schema: nothing is upgraded.
    assert _staff(monkeypatch, target, "add", "wang", "--role", "hall", "--password-stdin") == 0
    newest = newest_version(_dialect(target))
    assert _version(target) == newest
    # One from a newer platform: refused, unchanged, no traceback.
    with monkeypatch.context() as m:
        extra = [(newest + 1, "CREATE TABLE from_the_future (x INTEGER);")]
        everything = sql.migrations
        m.setattr(sql, "migrations", lambda dialect="postgres": everything(dialect) + extra)
        open_database(target).close()
    capsys.readouterr()
    assert _staff(monkeypatch, target, "list") == 2
    err = capsys.readouterr().err
    assert f"schema version {newest + 1}" in err and "Traceback" not in err
    assert main(["migrate", "--db", target]) == 2
    assert _version(target) == newest + 1
