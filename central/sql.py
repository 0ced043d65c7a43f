"""The two databases the platform can keep its data in: SQLite (one file, the
default) and PostgreSQL (psycopg 3 with a connection pool, for a real deployment).

Both give the store the same two things: ``read()`` for a consistent read and
``tx()`` for a write transaction, each yielding an object with ``execute`` and
``executemany`` that take ``?`` placeholders. Write transactions are serialised in
both (SQLite: ``BEGIN IMMEDIATE`` under one lock; PostgreSQL: a transaction-scoped
advisory lock), so the check-then-insert of tracking numbers and slot places is
atomic across threads and, with PostgreSQL, across platform processes.

Both follow numbered migrations (central/migrations/<dialect>/NNNN_name.sql),
recorded in ``schema_migrations`` and applied in order in one transaction when a
database is opened; a database newer than the code is refused (SchemaTooNew).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from central.loop_connections import LoopConnections

# The table both databases record applied migrations in.
MIGRATIONS_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_migrations"
    " (version INTEGER PRIMARY KEY, applied_at {ts} NOT NULL DEFAULT {now})"
)
# Any 64-bit number of our own: the advisory lock all platform writers share.
_PG_WRITE_LOCK = 0x6B696F736B
log = logging.getLogger(__name__)


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
    # "sqlite" or "postgres": the store has a one-statement batch insert for PostgreSQL.
    dialect: str

    def read(self) -> Any:
        """Context manager yielding an :class:`Executor` for reads."""
        ...

    def autocommit(self) -> Any:
        """Context manager yielding an :class:`Executor` whose every statement commits on
        its own: one round trip for a statement that is atomic by itself (an upsert, an
        ``ON CONFLICT`` insert, one statement with data-modifying CTEs)."""
        ...

    def tx(self, locks: Sequence[str] | None = None) -> Any:
        """Context manager yielding an :class:`Executor` inside one write transaction,
        holding the named locks (None: the one lock all writers share)."""
        ...

    def close(self) -> None:
        """Release the connection(s)."""
        ...


def is_postgres(target: str | Path) -> bool:
    """Whether a ``--db`` value names a PostgreSQL database (a URL) rather than a file."""
    return str(target).startswith(("postgresql://", "postgres://"))


def open_database(target: str | Path, *, migrate: bool = True) -> Database:
    """SQLite for a path (or ``:memory:``), PostgreSQL for a ``postgresql://`` URL.

    ``migrate``: bring an older schema up to this code's (the platform serving, and
    ``kiosk-central migrate``). Without it an older schema is refused (SchemaTooOld)
    and left as it was: an admin command run with a newer ``kiosk-central`` must not
    upgrade a database its platform then can no longer open (try-out 10, R1). A new,
    empty database is made either way: there is nothing to upgrade.
    """
    if is_postgres(target):
        return PostgresDatabase(str(target), migrate=migrate)
    return SqliteDatabase(target, migrate=migrate)


def _private_file(path: Path) -> None:
    """Create the database file owner-only (SQLite gives its WAL files the same mode).

    An existing file is never opened here, only chmod-ed: closing any descriptor of a
    file drops every POSIX lock this process holds on it, so an open/close beside the
    platform's live connections (its store opens the file, then the console's staff
    store does) left them unlocked. A ``kiosk-central staff`` run then took the file for
    the last user, checkpointed and deleted the WAL under them, and the running platform
    read and wrote a world of its own from then on: an ``unlock`` never reached its
    sign-in, and its own writes were lost at exit (try-out 13, K1; sqlite.org/howtocorrupt
    2.2)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        os.close(fd)  # a new file: nobody can hold a lock on it yet
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if p.exists():
            p.chmod(0o600)


class SqliteDatabase:
    """One SQLite connection behind a lock (WAL, ``synchronous=FULL``)."""

    order_column = "rowid"
    dialect = "sqlite"

    def __init__(self, path: str | Path, *, migrate: bool = True) -> None:
        self._lock = threading.Lock()
        memory = str(path) == ":memory:"
        if not memory:
            _private_file(Path(path))
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        if not memory:
            self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        try:
            if not migrate:
                self._refuse_older()
            self.migrate()
        except BaseException:
            # Refused (SchemaTooNew, SchemaTooOld, a failed migration): the caller gets
            # no object to close, so the connection (three descriptors with WAL) is
            # closed here.
            self._db.close()
            raise
        if not memory:
            _private_file(Path(path))

    def migrate(self) -> int:
        """Apply the migrations not applied yet, in order, in one transaction; the version now.

        A database made before numbered migrations (tables created if missing, columns
        added on start) has no ``schema_migrations``: its version is read off its
        tables (:func:`_sqlite_baseline`) and recorded, then the rest is applied.
        """
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")  # one process migrates; the others wait
            try:
                current = start = self._version()
                for version, sql in migrations("sqlite"):
                    if version > current:
                        for statement in _statements(sql):
                            self._db.execute(statement)
                        self._db.execute(
                            "INSERT INTO schema_migrations (version) VALUES (?)", (version,)
                        )
                        current = version
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        _said(start, current)
        return current

    def _refuse_older(self) -> None:
        """SchemaTooOld (or SchemaTooNew) unless the file is at this code's schema or
        has no tables yet; reads only, so a refused file is left exactly as it was."""
        with self._lock:
            have = {
                r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "schema_migrations" in have:
                row = self._db.execute(
                    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"
                ).fetchone()
                current = int(row[0])
            elif "submissions" in have:
                columns = {r[1] for r in self._db.execute("PRAGMA table_info(submissions)")}
                current = _sqlite_baseline(columns)
            else:
                return  # a new database: made whole, nothing upgraded
        _not_older(_known(current, "sqlite"), "sqlite")

    def _version(self) -> int:
        """The schema version (recording a legacy database's baseline first)."""
        have = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        self._db.execute(MIGRATIONS_TABLE.format(ts="TEXT", now="CURRENT_TIMESTAMP"))
        if "schema_migrations" not in have and "submissions" in have:
            columns = {r[1] for r in self._db.execute("PRAGMA table_info(submissions)")}
            for version in range(1, _sqlite_baseline(columns) + 1):
                self._db.execute("INSERT INTO schema_migrations (version) VALUES (?)", (version,))
        row = self._db.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()
        return _known(int(row[0]), "sqlite")

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """The connection, under the lock."""
        with self._lock:
            yield self._db

    # The connection is in autocommit mode (isolation_level=None) outside tx().
    autocommit = read

    @contextmanager
    def tx(self, locks: Sequence[str] | None = None) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on any error).

        SQLite has one writer at a time anyway, so ``locks`` (see PostgresDatabase)
        change nothing here.
        """
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


class SchemaTooNew(RuntimeError):
    """The database was migrated by a newer platform than this one."""


class SchemaTooOld(RuntimeError):
    """The database is at an older schema than this code's, and was not to be migrated."""

    def __init__(self, current: int, newest: int) -> None:
        super().__init__(
            f"the database is at schema version {current}, older than this kiosk-central's"
            f" {newest}; it was left unchanged"
        )
        self.current = current
        self.newest = newest


def newest_version(dialect: str = "postgres") -> int:
    """The schema version this code migrates a database to."""
    return max((v for v, _ in migrations(dialect)), default=0)


def migrations(dialect: str = "postgres") -> list[tuple[int, str]]:
    """The migrations (version, SQL) of ``postgres`` or ``sqlite``, in order, from
    central/migrations/<dialect>/NNNN_name.sql."""
    folder = resources.files("central").joinpath(f"migrations/{dialect}")
    found = []
    for entry in folder.iterdir():
        m = re.match(r"^(\d{4})_.*\.sql$", entry.name)
        if m:
            found.append((int(m.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


def _said(start: int, now: int) -> None:
    """Log an upgrade: older platforms can no longer open the database (try-out 10, R1:
    one was upgraded without a word, and the demo's platform then refused to start)."""
    if start and now > start:
        log.warning(
            "database migrated from schema version %d to %d: platforms made before"
            " schema version %d can no longer open it",
            start,
            now,
            now,
        )


def _not_older(version: int, dialect: str) -> None:
    """SchemaTooOld when ``version`` is behind this code's newest migration."""
    newest = newest_version(dialect)
    if version < newest:
        raise SchemaTooOld(version, newest)


def _known(version: int, dialect: str) -> int:
    """``version``, unless it is past the newest migration this code has (SchemaTooNew)."""
    newest = newest_version(dialect)
    if version > newest:
        raise SchemaTooNew(
            f"the database is at schema version {version}, newer than this platform's"
            f" {newest}: run the newer kiosk-central (or restore a backup)"
        )
    return version


def _sqlite_baseline(submission_columns: set[str]) -> int:
    """The migration a database from before numbered migrations corresponds to.

    Those databases always had the tables of 0001; ``receipt_sha256`` (0002) was
    added on start. The console's tables (0003) are created IF NOT EXISTS by 0003,
    so whether the console already made them does not matter.
    """
    return 2 if "receipt_sha256" in submission_columns else 1


def _statements(script: str) -> list[str]:
    """The SQL statements of a migration file, one by one (``executescript`` would
    commit the transaction the migrations run in)."""
    out, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip():
                out.append(pending.strip())
            pending = ""
    if pending.strip() and not all(
        ln.strip().startswith("--") or not ln.strip() for ln in pending.splitlines()
    ):
        raise ValueError(f"unterminated SQL statement in a migration: {pending.strip()[:60]}")
    return out


class PostgresDatabase:
    """A psycopg 3 connection pool; the schema follows versioned migrations."""

    order_column = "seq"
    dialect = "postgres"

    def __init__(self, conninfo: str, max_size: int = 8, *, migrate: bool = True) -> None:
        from psycopg_pool import ConnectionPool

        # Autocommit: a read is one round trip (not BEGIN, SELECT, COMMIT), and so is a
        # self-contained write (autocommit()); tx() opens its transaction explicitly.
        self._pool = ConnectionPool(
            conninfo, min_size=1, max_size=max_size, open=True, kwargs={"autocommit": True}
        )
        self._conninfo, self._max_size = conninfo, max_size
        # psycopg's async pool for the event loop that first asks (fetch_async): the
        # ingest route stores a batch there without a thread hand-off per request.
        self._apool: Any = None
        self._apool_loop: asyncio.AbstractEventLoop | None = None
        self._apool_lock = threading.Lock()
        self._apool_opened = False
        self._akept: LoopConnections | None = None  # what the event loop keeps (fetch_async)
        try:
            if not migrate:
                self._refuse_older()
            self.migrate()
        except BaseException:
            self._pool.close()  # refused: no object to close is returned
            raise

    def _refuse_older(self) -> None:
        """SchemaTooOld (or SchemaTooNew) unless the database is at this code's schema
        or has no tables of ours yet; reads only."""
        with self._pool.connection() as conn:
            row = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()
            if not (row and row[0]):
                return  # a new database: made whole, nothing upgraded
            row = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()
        _not_older(_known(int(row[0]) if row else 0, "postgres"), "postgres")

    def migrate(self) -> int:
        """Apply the migrations not applied yet (one transaction each); the version now."""
        with self._pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_PG_WRITE_LOCK,))
            conn.execute(MIGRATIONS_TABLE.format(ts="TIMESTAMPTZ", now="now()"))
            row = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()
            current = start = _known(int(row[0]) if row else 0, "postgres")
            for version, sql in migrations():
                if version > current:
                    conn.execute(sql)
                    conn.execute("INSERT INTO schema_migrations (version) VALUES (%s)", (version,))
                    current = version
        _said(start, current)
        return current

    @contextmanager
    def read(self) -> Iterator[_PgExecutor]:
        """A pooled connection (autocommit reads)."""
        with self._pool.connection() as conn, conn.cursor() as cur:
            yield _PgExecutor(cur)

    # Every statement on a pooled connection commits on its own outside tx().
    autocommit = read

    @contextmanager
    def tx(self, locks: Sequence[str] | None = None) -> Iterator[_PgExecutor]:
        """One transaction holding advisory locks until it ends.

        ``locks`` None: the platform's one write lock, which serialises every writer
        that asks for it (the console's rare writes, migrations). Otherwise the named
        locks only, taken in sorted order (so two transactions never wait on each
        other crosswise), e.g. one per tracking-number namespace or appointment slot:
        writers that cannot conflict run side by side. ``()``: no lock, for writes
        whose single statement is atomic on its own (upserts, ON CONFLICT inserts).
        """
        with self._pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            if locks is None:
                cur.execute("SELECT pg_advisory_xact_lock(%s)", (_PG_WRITE_LOCK,))
            for name in sorted(set(locks or ())):
                cur.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (name,))
            yield _PgExecutor(cur)

    async def fetch_async(self, sql: str, params: Sequence[Any] = ()) -> list[Any] | None:
        """Run one self-contained statement (autocommit, ``?`` placeholders) on the async
        pool of the running event loop and return its rows; None when the pool belongs
        to another event loop (the caller then uses the blocking pool on a thread).

        The event loop keeps the connections the pool lent it between statements
        (central/loop_connections.py: ≈ 90 µs of CPU less per statement, and no
        statement waits while a kept connection is free).
        """
        loop = asyncio.get_running_loop()
        kept = self._akept
        if kept is None or self._apool_loop is not loop:
            if not self._start_async_pool(loop):
                return None
            kept = self._akept
            assert kept is not None
        if not self._apool_opened:
            await kept.pool.open()  # once; concurrent first callers both wait for it
            self._apool_opened = True
        conn = await kept.take()
        ok = False
        try:
            async with conn.cursor() as cur:
                await cur.execute(sql.replace("?", "%s"), params)
                rows = list(await cur.fetchall()) if cur.description is not None else []
            ok = True
            return rows
        finally:
            await kept.give(conn, ok and self._akept is kept)

    def _start_async_pool(self, loop: asyncio.AbstractEventLoop) -> bool:
        """Make the async pool for ``loop`` if there is none; False when it belongs to
        another event loop."""
        from psycopg_pool import AsyncConnectionPool

        with self._apool_lock:
            if self._apool is None:
                self._apool = AsyncConnectionPool(
                    self._conninfo,
                    min_size=1,
                    max_size=self._max_size,
                    open=False,
                    kwargs={"autocommit": True},
                )
                self._apool_loop, self._apool_opened = loop, False
                self._akept = LoopConnections(self._apool, self._max_size)
        return self._apool_loop is loop

    async def close_async(self) -> None:
        """Close the async pool, from its own event loop (at the server's shutdown)."""
        pool, self._apool = self._apool, None
        if pool is not None and self._apool_loop is asyncio.get_running_loop():
            kept, self._akept = self._akept, None
            if kept is not None:  # kept connections first, or the pool would not close them
                await kept.close()
            await pool.close()

    def close(self) -> None:
        """Close the pools (the async one on its event loop, while that still runs)."""
        pool, loop = self._apool, self._apool_loop
        if pool is not None and loop is not None and loop.is_running():
            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(self.close_async(), loop).result(5)
        self._pool.close()
