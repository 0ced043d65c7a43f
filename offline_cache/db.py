"""One SQLite database file shared by the outbox, the caches and the sequences.

Threading: one connection per :class:`Database`, shared by all threads and
serialised by one lock. Every operation is short (the longest is a claim of a
batch, ~1-2 ms including the fsync), so a worker waits at most that long, and a
single writer is what SQLite allows anyway. Writes that read first use
``BEGIN IMMEDIATE`` so that a second process on the same file (a maintenance
tool) cannot interleave between the read and the write.

Durability: WAL with ``synchronous=FULL`` fsyncs the WAL at every commit, so a
committed enqueue survives a power cut. ``secure_delete`` zeroes freed content so
purged (already encrypted) payloads do not linger in free pages.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from offline_cache.migrations import LATEST_VERSION, MIGRATIONS

log = logging.getLogger(__name__)

_BUSY_TIMEOUT_MS = 5000


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer version of the software."""


class Database:
    """An open kiosk database: connection, lock, pragmas, migrations applied.

    ``Database(path)`` creates the file (mode 0600; SQLite gives -wal/-shm the same
    mode) and its parent directory if needed, and migrates it to the latest schema.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, and a lone
        # statement is its own (durable) transaction.
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._lock = threading.RLock()
        conn = self._conn
        conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise RuntimeError(f"could not enable WAL (journal_mode={mode})")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    @property
    def user_version(self) -> int:
        """The schema version stored in the file."""
        with self._lock:
            return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """The connection, under the lock, for statements that need no transaction."""
        with self._lock:
            yield self._conn

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """An ``IMMEDIATE`` transaction under the lock; committed on success."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def close(self) -> None:
        """Close the connection (checkpointing the WAL); the object is unusable after."""
        with self._lock:
            self._conn.close()

    def _migrate(self) -> None:
        version = self.user_version
        if version > LATEST_VERSION:
            raise SchemaTooNewError(
                f"database schema version {version} is newer than this software "
                f"supports ({LATEST_VERSION})"
            )
        for target in range(version + 1, LATEST_VERSION + 1):
            with self.write() as conn:
                # Re-read inside the write lock: another process may have migrated.
                current = int(conn.execute("PRAGMA user_version").fetchone()[0])
                if current >= target:
                    continue
                for statement in _split(MIGRATIONS[target - 1]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {target}")
            log.info("database migrated to schema version %d", target)


def _split(script: str) -> list[str]:
    # executescript() would COMMIT our transaction first; run statements one by one.
    statements: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            statements.append(buf.strip())
            buf = ""
    if buf.strip():
        statements.append(buf.strip())
    return [s for s in statements if s.strip(" \n;")]
