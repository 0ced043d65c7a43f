"""One SQLite database file shared by the outbox, the caches and the sequences.

Threading: one connection per :class:`Database`, shared by all threads and
serialised by one lock. Every operation is short (a claim of 50 takes ~1 ms, an
enqueue ~0.3 ms with its fsync), so a worker waits about that long; and a single
writer is what SQLite allows anyway. Writes that read first use
``BEGIN IMMEDIATE`` so that a second process on the same file (a maintenance
tool) cannot interleave between the read and the write.

Durability: WAL with ``synchronous=FULL`` fsyncs the WAL at every commit, so a
committed enqueue survives a power cut. Writes whose loss is harmless may ask for
``write(durable=False)``: that transaction commits without its own fsync. A power
cut can then lose only a suffix of such transactions (WAL order is commit order,
and the next durable commit's fsync covers every earlier frame), which is the
same as having crashed a moment earlier — the outbox is built to survive that
(a lost claim is a record still pending; a lost "delivered" is a resend under the
same Idempotency-Key, which the platform answers without a duplicate).

Checkpoints: SQLite's automatic checkpoint runs inside whichever commit crosses
its threshold (1000 pages) and stalls it (copying ~4 MB, fsyncing the main
file); that commit would often be an enqueue a citizen waits for. A background
thread with its own connection therefore runs a PASSIVE checkpoint (never blocks
a writer) every second, so at kiosk rates the WAL is folded in off the critical
path. The automatic checkpoint stays on as the backstop for bursts: turned off,
a WAL that keeps growing under a burst made every commit ~40% slower here
(appends past the end of the file cost more than reusing it).

``secure_delete`` zeroes freed content so purged (already encrypted) payloads do
not linger in free pages.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from offline_cache.migrations import LATEST_VERSION, MIGRATIONS

log = logging.getLogger(__name__)

_BUSY_TIMEOUT_MS = 5000
_CHECKPOINT_INTERVAL_S = 1.0
_WARN_EVERY_S = 300.0
# SQLite's page cache per connection, in KiB when negative (its default is -2000).
# The file grows with every record, and the default cache kept filling for
# thousands of citizens: a slow, bounded climb in resident memory (the soak). The
# kiosk's hot pages (the outbox's pending rows and their index) fit in far less;
# anything else comes from the operating system's file cache.
CACHE_SIZE = -512


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer version of the software."""


class Database:
    """An open kiosk database: connection, lock, pragmas, migrations applied.

    ``Database(path)`` creates the file (mode 0600; SQLite gives -wal/-shm the same
    mode) and its parent directory if needed, and migrates it to the latest schema.
    """

    def __init__(self, path: str | os.PathLike[str], *, background_checkpoint: bool = True) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, and a lone
        # statement is its own (durable) transaction.
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._lock = threading.RLock()
        try:
            self._configure()
        except BaseException:
            self._conn.close()
            raise
        self._stop = threading.Event()
        self._checkpointer: threading.Thread | None = None
        if background_checkpoint:
            # Opened here, not in the thread, so it can never race a caller that
            # deletes the directory right after closing us.
            ckpt = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            ckpt.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            # The thread holds no reference to self, so a Database dropped without
            # close() is still collected, and the finalizer stops its thread.
            self._checkpointer = threading.Thread(
                target=_checkpoint_loop,
                args=(ckpt, self._stop),
                name="sqlite-checkpoint",
                daemon=True,
            )
            weakref.finalize(self, self._stop.set)
            self._checkpointer.start()

    def _configure(self) -> None:
        conn = self._conn
        conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise RuntimeError(f"could not enable WAL (journal_mode={mode})")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = {CACHE_SIZE}")
        self._migrate()

    @property
    def user_version(self) -> int:
        """The schema version stored in the file."""
        with self._lock:
            return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    @contextlib.contextmanager
    def locked(self) -> Iterator[sqlite3.Connection]:
        """The connection under the lock, outside any transaction.

        Each statement run on it is its own transaction, committed (durably)
        when the statement finishes: right for reads and single-statement writes.
        """
        with self._lock:
            yield self._conn

    def execute(self, sql: str, params: tuple[object, ...] = ()) -> list[Any]:
        """Run one statement as its own (durable) transaction; return all its rows.

        The enqueue path: no generator context manager, no explicit BEGIN.
        """
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    @contextlib.contextmanager
    def write(self, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """An ``IMMEDIATE`` transaction under the lock; committed on success.

        ``durable=False``: commit without an fsync (see the module docstring).
        """
        with self._lock:
            conn = self._conn
            if not durable:
                conn.execute("PRAGMA synchronous = NORMAL")
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            finally:
                if not durable:
                    conn.execute("PRAGMA synchronous = FULL")

    def checkpoint(self) -> None:
        """Copy committed WAL content into the main file now (PASSIVE: never blocks)."""
        with self._lock:
            self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def close(self) -> None:
        """Stop the checkpointer and close (checkpointing the WAL); unusable after."""
        self._stop.set()
        if self._checkpointer is not None:
            self._checkpointer.join()
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


def _checkpoint_loop(conn: sqlite3.Connection, stop: threading.Event) -> None:
    last_warning = -_WARN_EVERY_S
    try:
        while not stop.wait(_CHECKPOINT_INTERVAL_S):
            try:
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error:
                # Busy or I/O trouble: the inline checkpoint remains as a backstop.
                # Say so, but not every second for as long as the trouble lasts.
                now = time.monotonic()
                if now - last_warning >= _WARN_EVERY_S:
                    last_warning = now
                    log.warning("background checkpoint failed", exc_info=True)
    finally:
        conn.close()


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
