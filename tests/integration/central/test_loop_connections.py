"""The PostgreSQL connections the platform's event loop keeps between statements
(central/loop_connections.py, used by central/sql.py ``fetch_async``, the ingest path):
kept, yet shared, so that more statements at once than the pool may lend all run."""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections.abc import Iterator

import psycopg
import pytest

from central.sql import PostgresDatabase
from tests.support import pg_cluster

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not pg_cluster.available(), reason="needs the Debian package postgresql"),
]

_db_numbers = itertools.count()
# Far below psycopg's own 30-s getconn timeout: a statement stuck behind kept
# connections shows as this test failing, not as a 30-s pause.
_STUCK_S = 15.0


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with pg_cluster.throwaway_cluster(tmp_path_factory.mktemp("pg")) as url:
        yield url


@pytest.fixture
def db_url(cluster: str) -> str:
    name = f"lc{next(_db_numbers)}"
    with psycopg.connect(cluster, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return cluster.replace("/postgres?", f"/{name}?")


def _connected(cluster: str, db_url: str) -> int:
    """Backends still connected to the test's database, once they have had a moment
    to end (a backend ends just after its client closed)."""
    name = db_url.split("/")[-1].split("?")[0]
    left: tuple[int] | None = None
    with psycopg.connect(cluster, autocommit=True) as admin:
        for _ in range(100):
            left = admin.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (name,)
            ).fetchone()
            if left == (0,):
                break
            threading.Event().wait(0.05)
    assert left is not None
    return left[0]


def test_more_statements_at_once_than_the_pool_lends_all_run(cluster: str, db_url: str) -> None:
    """Eight batches at once on a pool of two: the two connections are kept between
    statements and handed from one statement to the next. (The first kept-connection
    version left the six others waiting in psycopg's pool, which serves a waiter only
    when a connection goes back to it: a fleet of kiosks then waited, not worked.)"""
    db = PostgresDatabase(db_url, max_size=2)

    async def go() -> tuple[list[int], int, int]:
        try:
            burst = [
                db.fetch_async("SELECT pg_backend_pid() FROM pg_sleep(0.05)") for _ in range(8)
            ]
            rows = await asyncio.wait_for(asyncio.gather(*burst), _STUCK_S)
            one = await db.fetch_async("SELECT pg_backend_pid()")
            two = await db.fetch_async("SELECT pg_backend_pid()")
            assert one is not None and two is not None
            return [r[0][0] for r in rows if r], one[0][0], two[0][0]
        finally:
            await db.close_async()

    pids, one, two = asyncio.run(go())
    db.close()
    assert len(pids) == 8
    assert len(set(pids)) <= 2  # never more than the pool may lend
    assert one == two and one in pids  # kept between statements
    assert _connected(cluster, db_url) == 0


def test_a_statement_given_up_while_waiting_loses_no_connection(cluster: str, db_url: str) -> None:
    """A request that ends (its client went away) while its statement waited for a
    connection leaves the connection to the others: the next statements run."""
    db = PostgresDatabase(db_url, max_size=1)

    async def go() -> list[int]:
        try:
            busy = asyncio.ensure_future(db.fetch_async("SELECT 1 FROM pg_sleep(0.3)"))
            await asyncio.sleep(0.05)
            given_up = asyncio.ensure_future(db.fetch_async("SELECT 2"))
            await asyncio.sleep(0.05)
            given_up.cancel()
            await asyncio.wait_for(busy, _STUCK_S)
            with pytest.raises(asyncio.CancelledError):
                await given_up
            after = [db.fetch_async("SELECT 3") for _ in range(3)]
            rows = await asyncio.wait_for(asyncio.gather(*after), _STUCK_S)
            return [r[0][0] for r in rows if r]
        finally:
            await db.close_async()

    assert asyncio.run(go()) == [3, 3, 3]
    db.close()
    assert _connected(cluster, db_url) == 0


def test_a_kept_connection_whose_backend_died_is_not_kept(cluster: str, db_url: str) -> None:
    """A kept connection whose backend was terminated fails its statement once and goes
    back to the pool (which discards it); the next statement gets a working one, and
    closing the store leaves no connection behind, kept or pooled."""
    db = PostgresDatabase(db_url)

    async def go() -> tuple[int, int, int]:
        try:
            first = await db.fetch_async("SELECT pg_backend_pid()")
            again = await db.fetch_async("SELECT pg_backend_pid()")
            assert first is not None and again is not None
            with psycopg.connect(cluster, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (first[0][0],))
            with pytest.raises(psycopg.OperationalError):
                await db.fetch_async("SELECT 1")
            after = await db.fetch_async("SELECT pg_backend_pid()")
            assert after is not None
            return first[0][0], again[0][0], after[0][0]
        finally:
            await db.close_async()

    first, again, after = asyncio.run(go())
    db.close()
    assert again == first  # kept between statements
    assert after != first
    assert _connected(cluster, db_url) == 0
