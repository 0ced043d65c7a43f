"""The PostgreSQL connections one event loop keeps between its statements.

The platform's ingest path runs each batch's one statement on psycopg's async pool
from the event loop (central/sql.py ``fetch_async``). Asking the pool for a connection
and giving it back (its locks, checks and statistics, and the connection's own commit
at the end of ``async with``) cost ≈ 90 µs of CPU per statement, a tenth of the
platform's CPU per 20-record batch request, so the loop keeps the connections it was
lent and hands them from one statement to the next itself.

What the loop keeps it must also share fairly, or statements wait for nothing: the
pool only serves a waiting ``getconn`` when a connection is given back *to the pool*,
so a statement that asked the pool while the loop held every connection the pool
could lend waited until some connection happened to go back (the seventh round's
first version: every 256th statement; a quiet fleet run fell from 10,202 to 1,647
records/s with the cores 30 % busy, docs/sync-and-central.md, eighth round). Here a
statement asks the pool only while the loop holds fewer connections than the pool
may lend; otherwise it waits in this object's own queue, and each connection a
statement finishes with goes straight to the longest waiter.

Only the event loop's thread touches this object, so it needs no lock.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any

# psycopg.pq.TransactionStatus.IDLE: a connection with no transaction open.
_PG_IDLE = 0
# Every so many statements a connection goes back to the pool anyway, so the pool's
# lifetime and health rules still reach every connection.
RETURN_EVERY = 256


class LoopConnections:
    """Connections lent by ``pool`` (a psycopg ``AsyncConnectionPool`` of at most
    ``limit`` connections, used by no one else) and kept by one event loop."""

    def __init__(self, pool: Any, limit: int) -> None:
        self.pool, self.limit = pool, limit
        self._idle: list[Any] = []
        self._lent = 0  # taken from the pool and not given back, idle or in use
        self._waiting: deque[asyncio.Future[Any]] = deque()
        self._uses = 0

    async def take(self) -> Any:
        """A connection for one statement: a kept one, a new loan from the pool while
        fewer than ``limit`` are out, else the next one a statement finishes with."""
        while True:
            if self._idle:
                return self._idle.pop()
            if self._lent < self.limit:
                self._lent += 1
                try:
                    return await self.pool.getconn()
                except BaseException:
                    self._lent -= 1
                    self._wake(None)
                    raise
            waiter: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
            self._waiting.append(waiter)
            try:
                conn = await waiter
            except asyncio.CancelledError:
                if waiter.done() and not waiter.cancelled():
                    # Handed a connection (or a free loan) just as it was cancelled:
                    # pass it on rather than lose it.
                    self._wake(waiter.result())
                elif waiter in self._waiting:
                    self._waiting.remove(waiter)
                raise
            if conn is not None:
                return conn
            # None: a connection went back to the pool; ask the pool (loop again).

    async def give(self, conn: Any, ok: bool) -> None:
        """Done with ``conn``; ``ok`` when its statement succeeded. It is kept (or
        handed to a waiting statement) unless its statement failed, it is closed or
        inside a transaction, or it is its turn to go back to the pool (which then
        checks, resets or discards it, as it always did)."""
        self._uses += 1
        if (
            ok
            and self._uses % RETURN_EVERY
            and not conn.closed
            and conn.info.transaction_status == _PG_IDLE
        ):
            self._wake(conn)
            return
        self._lent -= 1
        try:
            await self.pool.putconn(conn)
        finally:
            self._wake(None)  # a waiting statement may now ask the pool

    def _wake(self, conn: Any) -> None:
        """Hand ``conn`` (or, with None, a free loan) to the longest waiting statement;
        a connection nobody waits for is kept idle."""
        while self._waiting:
            waiter = self._waiting.popleft()
            if not waiter.done():
                waiter.set_result(conn)
                return
        if conn is not None:
            self._idle.append(conn)

    async def close(self) -> None:
        """Give the idle connections back (the pool closes only what it holds); the
        ones in use go back when their statements end."""
        idle, self._idle = self._idle, []
        for conn in idle:
            self._lent -= 1
            await self.pool.putconn(conn)
