"""The two databases the platform can keep its data in: SQLite (one file, the
default) and PostgreSQL (psycopg 3 with a connection pool, for a real deployment).

Both give the store the same two things: ``read()`` for a consistent read and
``tx()`` for a write transaction, each yielding an object with ``execute`` and
``executemany`` that take ``?`` placeholders. Write transactions are serialised in
both (SQLite: ``BEGIN IMMEDIATE`` under one lock; PostgreSQL: a transaction-scoped
advisory lock), so the check-then-insert of tracking numbers and slot places is
atomic across threads and, with PostgreSQL, across platform processes.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

SQLITE_SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    idempotency_key TEXT PRIMARY KEY,
    body_hash TEXT NOT NULL,
    kind TEXT NOT NULL,
    tracking_number TEXT UNIQUE,
    kiosk_id TEXT,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL,
    response TEXT NOT NULL,
    replays INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS timeline (
    tracking_number TEXT NOT NULL,
    seq INTEGER NOT NULL,
    status TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (tracking_number, seq)
);
CREATE TABLE IF NOT EXISTS attachments (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    content_type TEXT,
    data BLOB NOT NULL,
    received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS heartbeats (
    kiosk_id TEXT PRIMARY KEY,
    last TEXT NOT NULL,
    received_at TEXT NOT NULL,
    count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS bookings (
    department_id TEXT NOT NULL,
    slot_start TEXT NOT NULL,
    tracking_number TEXT,
    PRIMARY KEY (department_id, slot_start, tracking_number)
);
CREATE TABLE IF NOT EXISTS catalog_versions (
    version INTEGER PRIMARY KEY AUTOINCREMENT,
    body TEXT NOT NULL,
    stored_at TEXT NOT NULL
);
"""
# SQLite columns added after the first release: (table, column, declaration).
SQLITE_COLUMNS = (("submissions", "receipt_sha256", "TEXT"),)
# Any 64-bit number of our own: the advisory lock all platform writers share.
_PG_WRITE_LOCK = 0x6B696F736B


class Executor(Protocol):
    """What a transaction offers the store (``?`` placeholders)."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; the result has fetchone/fetchall/rowcount."""
        ...

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any:
        """Run one statement for each row."""
        ...


class Database(Protocol):
    """A place the store keeps its tables."""

    # Column that orders submissions by arrival.
    order_column: str

    def read(self) -> Any:
        """Context manager yielding an :class:`Executor` for reads."""
        ...

    def tx(self) -> Any:
        """Context manager yielding an :class:`Executor` inside one write transaction."""
        ...

    def close(self) -> None:
        """Release the connection(s)."""
        ...


def is_postgres(target: str | Path) -> bool:
    """Whether a ``--db`` value names a PostgreSQL database (a URL) rather than a file."""
    return str(target).startswith(("postgresql://", "postgres://"))


def open_database(target: str | Path) -> Database:
    """SQLite for a path (or ``:memory:``), PostgreSQL for a ``postgresql://`` URL."""
    if is_postgres(target):
        return PostgresDatabase(str(target))
    return SqliteDatabase(target)


def _private_file(path: Path) -> None:
    """Create the database file owner-only (SQLite gives its WAL files the same mode)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if p.exists():
            p.chmod(0o600)


class SqliteDatabase:
    """One SQLite connection behind a lock (WAL, ``synchronous=FULL``)."""

    order_column = "rowid"

    def __init__(self, path: str | Path) -> None:
        self._lock = threading.Lock()
        memory = str(path) == ":memory:"
        if not memory:
            _private_file(Path(path))
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        if not memory:
            self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(SQLITE_SCHEMA)
        for table, column, decl in SQLITE_COLUMNS:
            have = {r[1] for r in self._db.execute(f"PRAGMA table_info({table})")}
            if column not in have:
                self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")
        self._db.execute(
            "CREATE INDEX IF NOT EXISTS submissions_receipt ON submissions(receipt_sha256)"
        )
        if not memory:
            _private_file(Path(path))

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """The connection, under the lock."""
        with self._lock:
            yield self._db

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on any error)."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()


class _PgExecutor:
    """psycopg cursor with the store's ``?`` placeholders."""

    def __init__(self, cur: Any) -> None:
        self._cur = cur

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._cur.execute(sql.replace("?", "%s"), params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any:
        if rows:
            self._cur.executemany(sql.replace("?", "%s"), rows)
        return self._cur


def migrations() -> list[tuple[int, str]]:
    """The PostgreSQL migrations (version, SQL) in order, from central/migrations/postgres."""
    folder = resources.files("central").joinpath("migrations/postgres")
    found = []
    for entry in folder.iterdir():
        m = re.match(r"^(\d{4})_.*\.sql$", entry.name)
        if m:
            found.append((int(m.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


class PostgresDatabase:
    """A psycopg 3 connection pool; the schema follows versioned migrations."""

    order_column = "seq"

    def __init__(self, conninfo: str, max_size: int = 8) -> None:
        from psycopg_pool import ConnectionPool

        self._pool = ConnectionPool(conninfo, min_size=1, max_size=max_size, open=True)
        self.migrate()

    def migrate(self) -> int:
        """Apply the migrations not applied yet (one transaction each); the version now."""
        with self._pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_PG_WRITE_LOCK,))
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations"
                " (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
            )
            row = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()
            current = int(row[0]) if row else 0
            for version, sql in migrations():
                if version > current:
                    conn.execute(sql)
                    conn.execute("INSERT INTO schema_migrations (version) VALUES (%s)", (version,))
                    current = version
        return current

    @contextmanager
    def read(self) -> Iterator[_PgExecutor]:
        """A pooled connection (autocommit reads)."""
        with self._pool.connection() as conn, conn.cursor() as cur:
            yield _PgExecutor(cur)

    @contextmanager
    def tx(self) -> Iterator[_PgExecutor]:
        """One transaction holding the platform's write lock until it ends."""
        with self._pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_PG_WRITE_LOCK,))
            yield _PgExecutor(cur)

    def close(self) -> None:
        """Close the pool."""
        self._pool.close()
