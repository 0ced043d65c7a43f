"""One contract, two stores: every test runs against SQLite and against PostgreSQL
(a throwaway cluster made with initdb in a temporary directory, on a Unix socket)."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import itertools
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
import requests

from central import queue
from central import sql as central_sql
from central.crypto import FieldCipher
from central.embedded import start_embedded
from central.sql import PostgresDatabase, SqliteDatabase, migrations
from central.store import (
    AlreadyBooked,
    PlatformStore,
    SlotFull,
    StoredSubmission,
    TrackingNumberTaken,
    UnknownSlot,
    canonical_json,
)
from tests.support import pg_cluster

from .conftest import Creds, application, lookup

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not pg_cluster.available(), reason="needs the Debian package postgresql"),
]

NOW = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)
_db_numbers = itertools.count()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with pg_cluster.throwaway_cluster(tmp_path_factory.mktemp("pg")) as url:
        yield url


def fresh_pg_database(cluster: str) -> str:
    """A new empty database in the cluster; its URL."""
    name = f"t{next(_db_numbers)}"
    with psycopg.connect(cluster, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return cluster.replace("/postgres?", f"/{name}?")


@pytest.fixture(params=["sqlite", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a store keeps its data: an SQLite file or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "central.sqlite3")
    return fresh_pg_database(request.getfixturevalue("cluster"))


@pytest.fixture
def open_store(target: str, tmp_path: Path) -> Iterator[Callable[[], PlatformStore]]:
    opened: list[PlatformStore] = []
    key = tmp_path / "keys" / "data.key"

    def make() -> PlatformStore:
        s = PlatformStore(target, FieldCipher.load_or_create(key))
        opened.append(s)
        return s

    yield make
    for s in opened:
        s.close()


@pytest.fixture
def store(open_store: Callable[[], PlatformStore]) -> PlatformStore:
    return open_store()


def item(key: str, body: dict[str, Any], kiosk: str = "A7H3") -> tuple[Any, ...]:
    text = canonical_json(body)
    response = {"id": key, "kind": body["kind"], "tracking_number": body.get("tracking_number")}
    return (key, hashlib.sha256(text.encode()).hexdigest(), body, text, response, kiosk)


def race(
    stores: list[PlatformStore], batch: Callable[[int], list[tuple[Any, ...]]]
) -> dict[int, list[Any]]:
    """Eight threads released at once, thread i storing ``batch(i)`` through
    ``stores[i % len(stores)]`` (two stores: two platform processes' pools)."""
    barrier = threading.Barrier(8)
    results: dict[int, list[Any]] = {}

    def run(i: int) -> None:
        mine = batch(i)
        barrier.wait()
        results[i] = stores[i % len(stores)].insert_many(mine, NOW)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def booking(tn: str | None, start: str = "2026-11-24T09:00") -> dict[str, Any]:
    return {
        "kind": "appointment",
        "tracking_number": tn,
        "payload": {"department_id": "d", "slot_start": start},
    }


def four_places(dep: str, start: str) -> int | None:
    return 4 if (dep, start) == ("d", "2026-11-24T09:00") else None


def test_submissions_are_kept_once_in_arrival_order(store: PlatformStore) -> None:
    assert store.insert_many([item("k1", application(1, "A7H3-1"))], NOW) == [None]
    results = store.insert_many(
        [
            item("k2", application(2, "A7H3-2")),
            item("k3", application(3, "A7H3-1")),  # taken before
            item("k4", application(4, "A7H3-2")),  # taken earlier in this batch
            item("k5", {"kind": "rating", "tracking_number": "A7H3-1", "payload": {}}),
        ],
        NOW,
    )
    assert [type(r) for r in results] == [type(None), TrackingNumberTaken, TrackingNumberTaken,
                                          type(None)]  # fmt: skip
    assert store.count_submissions() == 3
    held = store.list_submissions()
    assert [h["idempotency_key"] for h in held] == ["k1", "k2", "k5"]
    assert held[0]["body"]["payload"]["applicant"]["name"] == "张三"
    found = store.find_many(["k1", "k2", "nope"])
    assert set(found) == {"k1", "k2"} and found["k1"].response["tracking_number"] == "A7H3-1"
    store.count_replays(["k1"])
    assert store.list_submissions()[0]["replays"] == 1


def test_a_stored_key_is_answered_with_what_it_holds(store: PlatformStore) -> None:
    """Idempotency in the store itself: a key already held (or given twice in one batch)
    is never stored again; its outcome is what the first copy stored, so the caller can
    tell a faithful retry (same hash) from a reused key."""
    first = item("k1", application(1, "A7H3-1"))
    assert store.insert_many([first], NOW) == [None]
    again = store.insert_many(
        [
            first,  # a retry
            item("k1", application(9, "A7H3-9")),  # the key reused for another body
            item("k2", application(2, "A7H3-2")),
            item("k2", application(2, "A7H3-2")),  # twice in one batch
            item("k3", {"kind": "rating", "tracking_number": "A7H3-1", "payload": {}}),
            item("k3", {"kind": "rating", "tracking_number": "A7H3-1", "payload": {}}),
        ],
        NOW,
    )
    assert [type(r).__name__ for r in again] == [
        "StoredSubmission", "StoredSubmission", "NoneType", "StoredSubmission", "NoneType",
        "StoredSubmission",
    ]  # fmt: skip
    held = again[0]
    assert isinstance(held, StoredSubmission) and again[1] == held
    assert (held.body_hash, held.response) == (first[1], first[4])
    assert isinstance(again[3], StoredSubmission) and again[3].response["id"] == "k2"
    assert [s["idempotency_key"] for s in store.list_submissions()] == ["k1", "k2", "k3"]
    assert store.timeline("A7H3-9") is None and len(store.timeline("A7H3-2") or []) == 1


def test_concurrent_copies_of_one_record_store_it_once(
    open_store: Callable[[], PlatformStore],
) -> None:
    """The same record delivered at once through two processes' pools (a retry racing
    its original): stored once, every other copy answered with it, nothing raised."""
    results = race(
        [open_store(), open_store()],
        lambda i: [item("same", application(1, "A7H3-SAME")), item(f"own{i}", application(i))],
    )
    firsts = [r[0] for r in results.values()]
    assert sum(r is None for r in firsts) == 1
    assert sum(isinstance(r, StoredSubmission) for r in firsts) == 7
    assert all(r[1] is None for r in results.values())
    store = open_store()
    assert store.count_submissions() == 1 + 8
    assert len(store.timeline("A7H3-SAME") or []) == 1


def test_the_event_loop_path_answers_like_the_blocking_one(
    open_store: Callable[[], PlatformStore], target: str
) -> None:
    """The ingest route's path on the event loop (PostgreSQL's async pool): the same
    outcomes as insert_many, copies racing through two processes' pools stored once; on
    SQLite, or for a batch that books a slot, it declines (None) and the caller stores
    on a thread."""
    a, b = open_store(), open_store()

    async def go() -> list[list[Any] | None]:
        first = [item("k1", application(1, "A7H3-1"))]
        if await a.insert_plain_async(first, NOW) is None:
            return []
        again = [
            item("k1", application(1, "A7H3-1")),  # a retry
            item("k1", application(9, "A7H3-9")),  # the key reused
            item("k2", application(2, "A7H3-1")),  # a taken number
            item("k3", {"kind": "rating", "tracking_number": "A7H3-1", "payload": {}}),
        ]
        racing = [[item("same", application(5, "A7H3-SAME")), item(f"own{i}", application(i))]
                  for i in range(8)]  # fmt: skip
        try:
            return await asyncio.gather(
                a.insert_plain_async(again, NOW),
                *((a if i % 2 else b).insert_plain_async(r, NOW) for i, r in enumerate(racing)),
                a.insert_plain_async([item("bk", booking("A7H3-B"))], NOW),
            )
        finally:
            await a.close_async()
            await b.close_async()

    results = asyncio.run(go())
    if not target.startswith("postgresql://"):
        assert results == []
        return
    again, *racing, slot = results
    assert again is not None
    assert [type(r).__name__ for r in again] == [
        "StoredSubmission", "StoredSubmission", "TrackingNumberTaken", "NoneType",
    ]  # fmt: skip
    assert slot is None  # bookings take the blocking path (capacity under a lock)
    firsts = [r[0] for r in racing if r is not None]
    assert len(firsts) == 8
    assert sum(r is None for r in firsts) == 1
    assert sum(isinstance(r, StoredSubmission) for r in firsts) == 7
    assert a.count_submissions() == 2 + 1 + 8
    assert len(a.timeline("A7H3-SAME") or []) == 1


def test_awkward_text_is_stored_and_answered_alike_on_both_paths(
    open_store: Callable[[], PlatformStore], target: str
) -> None:
    """Names, quotes, backslashes, control and line-separator characters in a record
    come back unchanged, and its stored answer too, whichever path stored it (the
    event loop's rows travel as one JSON parameter, encoded apart from the canonical
    body)."""
    if not target.startswith("postgresql://"):
        pytest.skip("the event-loop path is PostgreSQL's")
    odd = '王晓明 "引号" \\ back\\slash \t\n\r \u2028\u2029 \x00\x1f é 🙂 </script>'
    body = {**application(1, "A7H3-ODD"), "payload": {"note": odd, "n": [1, 2.5, None, True]}}
    body2 = {**application(2, "A7H3-ODD2"), "payload": {"note": odd}}
    store = open_store()

    async def go() -> list[Any] | None:
        try:
            return await store.insert_plain_async([item("odd-async", body)], NOW)
        finally:
            await store.close_async()

    assert asyncio.run(go()) == [None]
    assert open_store().insert_many([item("odd-blocking", body2)], NOW) == [None]
    reader = open_store()
    stored = {s["idempotency_key"]: s for s in reader.list_submissions()}
    assert stored["odd-async"]["body"] == body
    assert stored["odd-blocking"]["body"] == body2
    answers = reader.find_many(["odd-async", "odd-blocking"])
    assert answers["odd-async"].response == item("odd-async", body)[4]
    assert answers["odd-blocking"].response == item("odd-blocking", body2)[4]
    assert answers["odd-async"].body_hash == item("odd-async", body)[1]


def test_slots_refuse_unknown_and_full_bookings(store: PlatformStore) -> None:
    items = [item(f"b{i}", booking(f"A7H3-B{i}")) for i in range(5)]
    items.append(item("x", booking("A7H3-X", "2026-11-24T03:00")))
    results = store.insert_many(items, NOW, capacity=four_places)
    assert [type(r) for r in results] == [type(None)] * 4 + [SlotFull, UnknownSlot]
    assert store.booked("d", "2026-11-24") == {"2026-11-24T09:00": 4}


def test_concurrent_bookings_never_exceed_the_places(store: PlatformStore) -> None:
    barrier = threading.Barrier(10)
    results: list[Any] = []

    def book(i: int) -> None:
        barrier.wait()
        results.extend(store.insert_many([item(f"c{i}", booking(None))], NOW, four_places))

    threads = [threading.Thread(target=book, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r is None for r in results) == 4
    assert sum(isinstance(r, SlotFull) for r in results) == 6


def person_booking(tn: str | None, number: str, start: str) -> dict[str, Any]:
    body = booking(tn, start)
    body["payload"]["applicant"] = {"document_type": "resident_id", "document_number": number}
    return body


def any_morning_slot(dep: str, start: str) -> int | None:
    return 4 if dep == "d" and start[11:13] in ("09", "10") else None


def test_one_booking_per_person_counter_and_day(store: PlatformStore) -> None:
    me, other = "11010519491231002X", "110105194912310037"
    results = store.insert_many(
        [
            item("p1", person_booking("A7H3-P1", me, "2026-11-24T09:00")),
            item("p2", person_booking("A7H3-P2", me.lower(), "2026-11-24T10:00")),  # same day
            item("p3", person_booking("A7H3-P3", other, "2026-11-24T10:00")),  # another person
            item("p4", person_booking("A7H3-P4", me, "2026-11-25T09:00")),  # another day
        ],
        NOW,
        capacity=any_morning_slot,
    )
    assert [type(r) for r in results] == [type(None), AlreadyBooked, type(None), type(None)]
    assert results[1] is not None and results[1].code == "already_booked"
    later = store.insert_many(
        [item("p5", person_booking("A7H3-P5", me, "2026-11-24T10:00"))], NOW, any_morning_slot
    )
    assert [type(r) for r in later] == [AlreadyBooked]  # also against what is stored
    assert store.booked("d", "2026-11-24") == {"2026-11-24T09:00": 1, "2026-11-24T10:00": 1}


def test_concurrent_same_person_bookings_one_wins(
    open_store: Callable[[], PlatformStore], target: str
) -> None:
    """Two kiosks (two platform processes' pools) book the same person at the same
    counter, same day, different slots, at the same moment: exactly one is kept."""
    stores = [open_store(), open_store()]
    barrier = threading.Barrier(6)
    results: list[Any] = []
    lock = threading.Lock()

    def book(i: int) -> None:
        start = "2026-11-24T09:00" if i % 2 else "2026-11-24T10:00"
        batch = [item(f"same{i}", person_booking(f"A7H3-S{i}", "11010519491231002X", start))]
        barrier.wait()
        got = stores[i % 2].insert_many(batch, NOW, any_morning_slot)
        with lock:
            results.extend(got)

    threads = [threading.Thread(target=book, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r is None for r in results) == 1
    assert sum(isinstance(r, AlreadyBooked) for r in results) == 5
    booked = stores[0].booked("d", "2026-11-24")
    assert sum(booked.values()) == 1
    # The document number itself is nowhere in the bookings table.
    if not target.startswith("postgresql"):
        import sqlite3

        rows = sqlite3.connect(target).execute("SELECT * FROM bookings").fetchall()
        assert "11010519491231002X" not in repr(rows) and len(rows[0][3]) == 64


def test_concurrent_claims_of_one_tracking_number_store_one(
    open_store: Callable[[], PlatformStore],
) -> None:
    """Two stores (two platform processes' pools) race for the same number, in batches
    that also carry numbers of their own: exactly one claim wins, nothing else is lost,
    and other namespaces are written meanwhile."""
    stores = [open_store(), open_store()]
    results = race(
        stores,
        lambda i: [
            item(f"race{i}", application(i, "A7H3-RACE")),
            item(f"own{i}", application(i, f"A7H3-OWN{i}")),
            item(f"other{i}", application(i, f"C012-OWN{i}"), kiosk="C012"),
        ],
    )
    firsts = [r[0] for r in results.values()]
    assert sum(r is None for r in firsts) == 1
    assert sum(isinstance(r, TrackingNumberTaken) for r in firsts) == 7
    assert all(r[1] is None and r[2] is None for r in results.values())
    assert stores[0].count_submissions() == 1 + 8 + 8


def test_timeline_proofs_and_receipt_lookup(store: PlatformStore) -> None:
    body = application(1, "A7H3-T")
    store.insert_many([item("t", body)], NOW)
    store.append_status("A7H3-T", "accepted", {"zh": "受理", "en": "Accepted"}, NOW)
    timeline = store.timeline("A7H3-T")
    assert timeline is not None and [e["status"] for e in timeline] == ["received", "accepted"]
    assert store.timeline("A7H3-NONE") is None
    digest = body["payload"]["receipt_code_sha256"]
    assert store.proof_of("A7H3-T") == (digest, "002X")
    assert store.proof_of("A7H3-NONE") is None
    assert store.tracking_by_receipt(digest) == "A7H3-T"
    assert store.tracking_by_receipt("0" * 64) is None
    # With what the kiosk took itself (the 已受理 note claims no more than that): the
    # fixture's identity counts as read from a document, no paper was photographed.
    assert store.submission_by_tracking("A7H3-T") == {
        "kind": "application",
        "service_id": "x",
        "identity_verified": True,
        "captured": [],
    }


def test_attachments_heartbeats_and_catalog_versions_survive_reopening(
    open_store: Callable[[], PlatformStore],
) -> None:
    store = open_store()
    scan = b"\x89PNG scan of an ID card"
    digest = hashlib.sha256(scan).hexdigest()
    assert store.put_attachment(digest, scan, "image/png", NOW) is True
    assert store.put_attachment(digest, scan, "image/png", NOW) is False
    for i in range(3):
        store.record_heartbeat("A7H3", {"n": i}, NOW)
    assert store.save_catalog({"version": "v1"}, NOW) == 1
    assert store.save_catalog({"version": "v2"}, NOW) == 2
    store.insert_many([item("p", application(1, "A7H3-P"))], NOW)
    store.close()

    again = open_store()
    assert again.get_attachment(digest) == (scan, "image/png") and again.has_attachment(digest)
    assert [(k["kiosk_id"], k["count"], k["last"]) for k in again.kiosks()] == [
        ("A7H3", 3, {"n": 2})
    ]
    assert again.latest_catalog() == (2, {"version": "v2"})
    assert [v["catalog_version"] for v in again.catalog_versions()] == ["v1", "v2"]
    # Personal data is encrypted in the database itself.
    with again._db.read() as db:
        raw = [str(r) for r in db.execute("SELECT body FROM submissions").fetchall()]
        blob = bytes(db.execute("SELECT data FROM attachments").fetchone()[0])
    assert raw and all("11010519491231002X" not in r and "张三" not in r for r in raw)
    assert scan not in blob


def test_postgres_migrations_are_versioned_and_applied_once(cluster: str) -> None:
    url = fresh_pg_database(cluster)
    versions = [v for v, _ in migrations()]
    assert versions == sorted(set(versions)) and versions[0] == 1
    first = PostgresDatabase(url)
    assert first.migrate() == versions[-1]
    first.close()
    second = PostgresDatabase(url)  # migrating again changes nothing
    with second.read() as db:
        rows = db.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    second.close()
    assert [r[0] for r in rows] == versions


def test_the_platform_runs_on_postgres(cluster: str, creds: Creds, kiosk: requests.Session) -> None:
    url = fresh_pg_database(cluster)
    with start_embedded(creds.config(db_path=url)) as p:
        r = kiosk.post(
            p.base_url + "/v1/submissions",
            json=application(1, "A7H3-PG1"),
            headers={"Idempotency-Key": "pg1"},
            timeout=10,
        )
        assert r.status_code == 201
        assert lookup(kiosk, p.base_url, "A7H3-PG1").json()["status"] == "received"


def test_both_stores_migrate_to_the_same_tables(cluster: str, tmp_path: Path) -> None:
    url = fresh_pg_database(cluster)
    PostgresDatabase(url).close()
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = 'public'"
        ).fetchall()
    pg: dict[str, set[str]] = {}
    for table, column in rows:
        pg.setdefault(table, set()).add(column)
    pg["submissions"].discard("seq")  # PostgreSQL's arrival order; SQLite has its rowid
    path = tmp_path / "lite.sqlite3"
    SqliteDatabase(path).close()
    lite = sqlite3.connect(path)
    names = [r[0] for r in lite.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    sq = {n: {c[1] for c in lite.execute(f"PRAGMA table_info({n})")} for n in names}
    lite.close()
    sq.pop("sqlite_sequence", None)
    assert sq == pg
    assert {"console_staff", "console_sessions", "console_follow_ups"} <= set(pg)


def complaint(tn: str, text: str = "排队太久") -> dict[str, Any]:
    return {
        "kind": "feedback",
        "tracking_number": tn,
        "payload": {"category": "complaint", "text": text, "contact": {"phone": "13900001111"}},
    }


def later_feedback(n: int) -> list[tuple[Any, ...]]:
    """``n`` feedback records: suggestions, and complaints under other numbers."""
    return [
        item(f"later{i}", complaint(f"C012-261207-{i:05d}", "另一件事"))
        if i % 10 == 0
        else item(f"later{i}", {"kind": "feedback", "payload": {"category": "suggestion"}})
        for i in range(n)
    ]


def test_a_complaint_behind_thousands_of_later_records_is_found_by_number(
    target: str, creds: Creds, kiosk: requests.Session, tmp_path: Path
) -> None:
    """查询 of a complaint's number at the platform: found with no proof whatever came
    since (the look-up once read only the newest 2,000 feedback records), in either
    written form, saying its state and nothing of its text; an unknown number is not."""
    tn, shown = "A7H3-261207-00031", "a7h3-261207-0003-1"
    config = creds.config(db_path=target, data_key_path=tmp_path / "keys" / "data.key")
    with start_embedded(config) as p:
        r = kiosk.post(
            p.base_url + "/v1/submissions",
            json=complaint(tn),
            headers={"Idempotency-Key": "c-old"},
            timeout=10,
        )
        assert r.status_code == 201, r.text
        # Seeded through the store: the same insert paths, without 2,001 requests.
        assert p.platform.store.insert_many(later_feedback(2001), NOW) == [None] * 2001
        for asked in (tn, shown):
            r = kiosk.post(p.base_url + "/v1/status/lookup", json={"tracking_number": asked})
            assert r.status_code == 200, r.text
            got = r.json()
            assert (got["kind"], got["status"], got["final"]) == ("complaint", "received", False)
            assert got["tracking_number"] == tn and got["due"]  # the stored form, as before
            said = json.dumps(got, ensure_ascii=False)
            assert "排队太久" not in said and "13900001111" not in said
        for unknown in ("A7H3-261207-00042", "C012-261207-00011"):  # the second: a suggestion's
            r = kiosk.post(p.base_url + "/v1/status/lookup", json={"tracking_number": unknown})
            assert r.status_code == 404, r.text
        assert p.platform.store.complaint_by_number("C012-261207-0001-0") is not None


def test_the_complaint_look_up_is_one_indexed_query(store: PlatformStore, target: str) -> None:
    store.insert_many([item("c", complaint("A7H3-261207-00031")), *later_feedback(50)], NOW)
    sql = (
        "SELECT idempotency_key, received_at FROM submissions WHERE complaint_number = ?"
        f" ORDER BY {store._db.order_column} DESC LIMIT 1"
    )
    with store._db.tx(locks=()) as db:
        if target.startswith("postgresql://"):
            # A table this small is cheaper to scan: ask whether the index can serve it.
            db.execute("SET LOCAL enable_seqscan = off")
            plan = db.execute("EXPLAIN " + sql, ("A7H3-261207-00031",)).fetchall()
        else:
            plan = db.execute("EXPLAIN QUERY PLAN " + sql, ("A7H3-261207-00031",)).fetchall()
    assert "submissions_complaint" in " ".join(str(r) for r in plan), plan
    assert store.complaint_by_number("A7H3-261207-0003-1") == ("c", "2026-12-04T09:00:00.000Z")


def old_database(target: str, key: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``target`` as the platform before migration 0007 left it: a complaint, then 2,000
    suggestions, written as that code wrote them (sealed bodies, no complaint column)."""
    old = {d: [(v, s) for v, s in migrations(d) if v < 7] for d in ("sqlite", "postgres")}
    with monkeypatch.context() as m:
        m.setattr(central_sql, "migrations", lambda dialect="postgres": old[dialect])
        db = central_sql.open_database(target)
    cipher = FieldCipher.load_or_create(key)
    rows = []
    for i, body in enumerate(
        [complaint("A7H3-261120-00015")]
        + [{"kind": "feedback", "payload": {"category": "suggestion"}}] * 2000
        + [rating(2), rating(5)]
    ):
        k = f"old{i}"
        sealed = cipher.seal_text(canonical_json(body), "body:" + k)
        rows.append((k, "h", body["kind"], "A7H3", sealed, "2026-11-20T09:00:00.000Z", "{}"))
    with db.tx() as ex:
        ex.executemany(
            "INSERT INTO submissions (idempotency_key, body_hash, kind, kiosk_id, body,"
            " received_at, response) VALUES (?,?,?,?,?,?,?)",
            rows,
        )
    db.close()


def test_complaints_stored_before_the_index_are_back_filled_once(
    target: str,
    creds: Creds,
    kiosk: requests.Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A complaint the platform took before migration 0007 (its number only inside the
    sealed body, 2,000 feedback records after it) is found once the new platform has
    started: four processes starting at once on that database back-fill it once."""
    key = tmp_path / "keys" / "data.key"
    old_database(target, key, monkeypatch)
    stores: list[PlatformStore] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def start() -> None:
        barrier.wait()
        try:
            stores.append(PlatformStore(target, FieldCipher.load_or_create(key)))
        except BaseException as e:  # reported below, in the test thread
            errors.append(e)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == [] and len(stores) == 4
        config = creds.config(db_path=target, data_key_path=key)
        with start_embedded(config) as p:
            for asked in ("A7H3-261120-00015", "A7H3-261120-0001-5"):
                r = kiosk.post(p.base_url + "/v1/status/lookup", json={"tracking_number": asked})
                assert r.status_code == 200, r.text
                got = r.json()
                assert (got["kind"], got["status"]) == ("complaint", "received")
                assert got["timeline"][0]["at"] == "2026-11-20T09:00:00.000Z"
            r = kiosk.post(
                p.base_url + "/v1/status/lookup", json={"tracking_number": "A7H3-261120-00023"}
            )
            assert r.status_code == 404
        assert all(s.backfill_complaint_numbers() is None for s in stores)  # done, once
        with stores[0]._db.read() as db:
            filled = db.execute(
                "SELECT idempotency_key FROM submissions WHERE complaint_number IS NOT NULL"
            ).fetchall()
            done = db.execute("SELECT name FROM backfills").fetchall()
            cases = db.execute(
                "SELECT idempotency_key, case_kind FROM submissions WHERE case_kind IS NOT NULL"
                " ORDER BY idempotency_key"
            ).fetchall()
        assert [r[0] for r in filled] == ["old0"]
        assert sorted(r[0] for r in done) == [
            "appointment_days",
            "appointment_halls",
            "case_kinds",
            "complaint_numbers",
            "staff_call_days",
            "staff_call_halls",
        ]
        # The old poor rating (not the 非常满意 one) and the complaint: cases (issue 16).
        assert [tuple(r) for r in cases] == [("old0", "complaint"), ("old2001", "rating")]
        assert all(s.backfill_case_kinds() is None for s in stores)
    finally:
        for s in stores:
            s.close()


def rating(level: int, tn: str = "A7H3-261120-00023") -> dict[str, Any]:
    return {"kind": "rating", "tracking_number": tn, "payload": {"level": level, "label": "x"}}


def test_an_old_open_case_is_listed_behind_thousands_of_later_records(
    store: PlatformStore, target: str
) -> None:
    """Issue 16: a 不满意 rating or a complaint still awaiting its 整改回访 stays on the
    console's list however many records came after it (the page once read only the newest
    2,000 ratings and 2,000 feedback records); closed ones only among the newest cases."""
    store.insert_many(
        [
            item("r-old", rating(2)),
            item("c-old", complaint("A7H3-261120-00031")),
            item("r-done", rating(1)),
            item("fine", rating(4)),
        ],
        NOW,
    )
    later = [
        item(f"later{i}", rating(5) if i % 2 else {"kind": "feedback", "payload": {}})
        for i in range(2001)
    ]
    assert store.insert_many(later, NOW) == [None] * 2001
    store.insert_many([item(f"new{i}", rating(1)) for i in range(3)], NOW)  # blocking path
    asked: list[list[str]] = []

    def closed(keys: list[str]) -> set[str]:
        asked.append(keys)
        return {"r-done", "new0"} & set(keys)

    got = store.case_records(closed, recent=3)
    assert [r["idempotency_key"] for r in got] == ["new2", "new1", "new0", "c-old", "r-old"]
    assert asked == [["r-done", "c-old", "r-old"]]  # only older cases asked, no other record
    assert [r["kind"] for r in got] == ["rating"] * 3 + ["feedback", "rating"]
    assert got[-1]["body"]["payload"]["level"] == 2 and got[-1]["kiosk_id"] == "A7H3"
    assert got[-1]["received_at"] == "2026-12-04T09:00:00.000Z"
    assert [r["idempotency_key"] for r in store.case_records(closed)][-2:] == ["c-old", "r-old"]


def day_booking(n: int, day: str, tn: str | None = "") -> dict[str, Any]:
    """A booking of one of three counters on ``day``, at one of 32 morning slots."""
    start = f"{day}T{9 + n % 8:02d}:{15 * (n // 8 % 4):02d}"
    return {
        "kind": "appointment",
        "tracking_number": f"A7H3-{day[2:].replace('-', '')}-{n:05d}" if tn == "" else tn,
        "payload": {
            "type": "appointment",
            "department_id": ("gongan", "renshe", "minzheng")[n % 3],
            "slot_start": start,
            "slot_end": start[:-2] + "59",
            "applicant": {"name": f"张{n}"},
        },
    }


def test_every_booking_of_a_day_is_listed_however_many_there_are(
    store: PlatformStore, open_store: Callable[[], PlatformStore], target: str
) -> None:
    """Issue 16: the hall page lists the bookings of the day it shows by that day (the
    booking-day index), not from the newest 2,000 appointment records: a busy hall
    booked a week ahead had 2,100 bookings for one day and some were never listed."""
    busy, next_day = "2026-12-07", "2026-12-08"
    first = [item(f"b{n}", day_booking(n, busy)) for n in range(2100)]
    first.append(item("b-no-number", day_booking(0, busy, tn=None)))  # books a place too
    first += [  # queue tickets of that day are no bookings
        item(
            f"q{n}",
            {
                "kind": "appointment",
                "payload": {
                    "type": "queue_ticket",
                    "department_id": "gongan",
                    "issued_at": f"{busy}T09:0{n}:00+08:00",
                },
            },
        )
        for n in range(3)
    ]
    assert store.insert_many(first, NOW) == [None] * len(first)
    later = [item(f"n{n}", day_booking(n, next_day), kiosk="OLD") for n in range(1200)]
    assert store.insert_many(later, NOW) == [None] * 1200
    got = store.bookings_on(busy, "")
    assert len(got) == 2101
    assert {r["idempotency_key"] for r in got} == {f"b{n}" for n in range(2100)} | {"b-no-number"}
    assert all(r["body"]["payload"]["slot_start"].startswith(busy) for r in got)
    assert got[0]["body"]["payload"]["applicant"]["name"] == "张0"  # in order of arrival
    assert got[0]["tracking_number"] == "A7H3-261207-00000" and got[0]["kiosk_id"] == "A7H3"
    assert (
        len(store.bookings_on(next_day, "")) == 1200 and store.bookings_on("2026-12-09", "") == []
    )
    # One look-up in the index, however many bookings other days hold.
    sql = (
        "SELECT idempotency_key FROM submissions WHERE hall = ? AND booking_day = ?"
        f" ORDER BY {store._db.order_column}"
    )
    with store._db.tx(locks=()) as db:
        if target.startswith("postgresql://"):
            db.execute("SET LOCAL enable_seqscan = off")
            plan = db.execute("EXPLAIN " + sql, ("", busy)).fetchall()
        else:
            plan = db.execute("EXPLAIN QUERY PLAN " + sql, ("", busy)).fetchall()
    assert "submissions_hall_day" in " ".join(str(r) for r in plan), plan
    # Bookings stored before migration 0011 get their day once, when a platform starts.
    with store._db.tx() as db:
        db.execute("UPDATE submissions SET booking_day = NULL WHERE kiosk_id = ?", ("OLD",))
        db.execute("DELETE FROM backfills WHERE name = 'appointment_days'")
    assert store.bookings_on(next_day, "") == []
    assert open_store().backfill_appointment_days() is None  # the platform that opened did it
    assert len(store.bookings_on(next_day, "")) == 1200


def morning_ticket(n: int, day: str, hall: str = "H") -> dict[str, Any]:
    """The ``n``-th queue ticket of ``day`` at the gongan counters, from 08:30 a minute apart."""
    return {
        "kind": "appointment",
        "payload": {
            "type": "queue_ticket",
            "number": f"1-A{n + 1:03d}",
            "hall": hall,
            "department_id": "gongan",
            "issued_at": f"{day}T{8 + (30 + n) // 60:02d}:{(30 + n) % 60:02d}:00+08:00",
        },
    }


class _NoCalls:
    """The console's StaffStore as central.queue asks it: no ticket called yet."""

    def ticket_calls(self, keys: list[str]) -> dict[str, tuple[str, str, str]]:
        return {}


def test_every_ticket_of_a_day_is_read_however_many_records_follow(
    store: PlatformStore, open_store: Callable[[], PlatformStore], target: str
) -> None:
    """Issue 16: the hall page, 叫号 and the kiosks' ticket look-up read the queue
    tickets of a day by that day (the day index bookings have), not from the newest
    2,000 appointment records: a busy hall's morning tickets fell off those. On
    PostgreSQL tickets come through the one-statement batch, which sets their day too."""
    today, tomorrow = "2026-12-07", "2026-12-08"
    morning = [item(f"t{n}", morning_ticket(n, today)) for n in range(5)]
    assert store.insert_many(morning, NOW) == [None] * 5  # no booking: the batch path
    bookings = [item(f"b{n}", day_booking(n, tomorrow)) for n in range(2050)]
    assert store.insert_many(bookings, NOW) == [None] * 2050
    afternoon = [item(f"t{n}", morning_ticket(n, today)) for n in range(5, 205)]
    assert store.insert_many(afternoon, NOW) == [None] * 200
    yesterday = [item("y0", morning_ticket(0, "2026-12-06"))]
    assert store.insert_many(yesterday, NOW) == [None]
    assert len(store.submissions_of_kind("appointment", limit=100_000)) > 2000 + 205

    got = store.appointments_on(today, "H")
    assert [r["idempotency_key"] for r in got] == [f"t{n}" for n in range(205)]  # arrival order
    assert got[0]["body"]["payload"]["number"] == "1-A001" and got[0]["kiosk_id"] == "A7H3"
    assert store.appointment_day_hall("t0") == (today, "H")
    assert store.appointment_day_hall("y0") == ("2026-12-06", "H")
    assert store.appointment_day_hall("b0") == (tomorrow, "")  # no hall said: ""
    assert store.appointment_day_hall("nothing") is None
    assert store.bookings_on(today, "") == [] and len(store.bookings_on(tomorrow, "")) == 2050
    line, calls = queue.load(store, _NoCalls(), today, "H")
    assert [t.number for t in line[:2]] == ["1-A001", "1-A002"] and len(line) == 205
    assert calls == {}
    assert queue.next_to_call(line, calls, "H", "gongan", today).key == "t0"  # type: ignore[union-attr]

    # Tickets stored before they had a day get it once, when a platform starts.
    with store._db.tx() as db:
        db.execute(
            "UPDATE submissions SET booking_day = NULL WHERE idempotency_key LIKE ?", ("t%",)
        )
        db.execute("DELETE FROM backfills WHERE name = 'appointment_days'")
    assert store.appointments_on(today, "H") == []
    assert open_store().backfill_appointment_days() is None  # the platform that opened did it
    assert len(store.appointments_on(today, "H")) == 205


def test_a_hall_reads_its_own_records_of_a_day_however_many_others_have(
    store: PlatformStore, open_store: Callable[[], PlatformStore], target: str
) -> None:
    """Issue 16: a hall's page, 叫号 and its kiosks' ticket look-ups read that hall's
    records of the day (the hall-and-day index), not every hall's: a province platform
    (~500 halls) holds 100k-200k appointment records a day. Here one hall's 3 tickets
    and 2 bookings among 40 other halls' 1,200 records of the same day; the tickets come
    through the one-statement batch on PostgreSQL, the bookings through the checked
    insert: both set the hall."""
    day = "2026-12-07"
    others = []
    for h in range(40):
        others += [item(f"o{h}-t{n}", morning_ticket(n, day, f"大厅{h:02d}")) for n in range(20)]
        for n in range(10):
            b = day_booking(h * 10 + n, day)
            b["payload"]["hall"] = f"大厅{h:02d}"
            others.append(item(f"o{h}-b{n}", b))
    mine = [item(f"m-t{n}", morning_ticket(n, day, "东区大厅")) for n in range(3)]
    booked = [day_booking(5000 + n, day) for n in range(2)]
    for b in booked:
        b["payload"]["hall"] = "东区大厅"
    assert store.insert_many(others[:600], NOW) == [None] * 600
    assert store.insert_many(mine, NOW) == [None] * 3  # tickets alone: the batch path
    assert store.insert_many([item(f"m-b{n}", b) for n, b in enumerate(booked)], NOW) == [None] * 2
    assert store.insert_many(others[600:], NOW) == [None] * 600

    got = store.appointments_on(day, "东区大厅")
    assert [r["idempotency_key"] for r in got] == ["m-t0", "m-t1", "m-t2", "m-b0", "m-b1"]
    assert [r["idempotency_key"] for r in store.bookings_on(day, "东区大厅")] == ["m-b0", "m-b1"]
    assert len(store.appointments_on(day, "大厅07")) == 30
    assert store.appointments_on(day, "") == [] and store.appointments_on(day, "西区") == []
    assert store.appointment_day_hall("m-t1") == (day, "东区大厅")
    line, _ = queue.load(store, _NoCalls(), day, "东区大厅")
    assert [t.number for t in line] == ["1-A001", "1-A002", "1-A003"]
    halls = store.halls()
    assert halls == sorted(["东区大厅", *(f"大厅{h:02d}" for h in range(40))])
    # One look-up in the hall-and-day index, however many records other halls hold.
    sql = (
        "SELECT idempotency_key FROM submissions WHERE hall = ? AND booking_day = ?"
        f" ORDER BY {store._db.order_column}"
    )
    with store._db.tx(locks=()) as db:
        if target.startswith("postgresql://"):
            db.execute("SET LOCAL enable_seqscan = off")
            plan = db.execute("EXPLAIN " + sql, ("东区大厅", day)).fetchall()
        else:
            plan = db.execute("EXPLAIN QUERY PLAN " + sql, ("东区大厅", day)).fetchall()
    text = " ".join(str(r) for r in plan)
    assert "submissions_hall_day" in text and "TEMP B-TREE" not in text.upper(), plan

    # Records stored before migration 0013 get their hall once, when a platform starts.
    with store._db.tx() as db:
        db.execute("UPDATE submissions SET hall = NULL")
        db.execute("DELETE FROM backfills WHERE name = 'appointment_halls'")
    assert store.appointments_on(day, "东区大厅") == [] and store.halls() == []
    assert open_store().backfill_appointment_halls() is None  # the platform that opened did it
    assert len(store.appointments_on(day, "东区大厅")) == 5 and store.halls() == halls


def hall_call(day: str, hall: str | None, hour: int = 10) -> dict[str, Any]:
    """A staff call pressed in ``hall`` on ``day`` (None: a kiosk older than the field,
    which names its hall only as its ``location``)."""
    at = dt.datetime.fromisoformat(f"{day}T{hour:02d}:00:00").astimezone()
    payload: dict[str, Any] = {
        "kiosk": "A7H3",
        "location": hall or "东区大厅",
        "at": at.isoformat(),
    }
    if hall is not None:
        payload["hall"] = hall
    return {"kind": "staff_call", "payload": payload}


def test_a_hall_reads_its_own_staff_calls_only(
    store: PlatformStore, open_store: Callable[[], PlatformStore], target: str
) -> None:
    """Issue 16: the hall page lists, and its buttons answer, its own hall's staff calls
    (read by hall and day), not every hall's newest 200. Calls come through both insert
    paths: alone (PostgreSQL's one-statement batch) and beside a booking (the checked
    insert); a kiosk older than the ``hall`` field is placed by its ``location``."""
    today, yesterday = "2026-12-07", "2026-12-06"
    others = [item(f"b-{n}", hall_call(today, "西区大厅", 8 + n % 9)) for n in range(250)]
    assert store.insert_many(others[:100], NOW) == [None] * 100
    assert store.insert_many([item("a-old", hall_call(today, None, 9))], NOW) == [None]
    assert store.insert_many([item("a-1", hall_call(today, "东区大厅", 11))], NOW) == [None]
    beside = [item("a-2", hall_call(today, "东区大厅", 12)), item("bk", day_booking(1, today))]
    assert store.insert_many(beside, NOW)[0] is None  # with a booking: the checked insert
    assert store.insert_many([item("a-y", hall_call(yesterday, "东区大厅"))], NOW) == [None]
    assert store.insert_many([item("a-x", hall_call("2026-12-05", "东区大厅"))], NOW) == [None]
    assert store.insert_many(others[100:], NOW) == [None] * 150

    mine = store.staff_calls_on([yesterday, today], "东区大厅")
    assert [r["idempotency_key"] for r in mine] == ["a-y", "a-2", "a-1", "a-old"]  # newest first
    assert [r["idempotency_key"] for r in store.staff_calls_on([today], "东区大厅")] == [
        "a-2",
        "a-1",
        "a-old",
    ]
    assert len(store.staff_calls_on([today], "西区大厅", limit=1000)) == 250
    assert store.staff_calls_on([today], "") == [] and store.staff_calls_on([], "东区大厅") == []
    assert (
        store.submission_hall("b-0") == "西区大厅" and store.submission_hall("a-old") == "东区大厅"
    )
    assert store.submission_hall("nothing") is None
    assert store.appointments_on(today, "东区大厅") == []  # calls are not appointments
    assert store.halls() == sorted(["东区大厅", "西区大厅", ""])  # "": the booking's
    sql = (
        "SELECT idempotency_key FROM submissions WHERE hall = ? AND booking_day IN (?, ?)"
        f" AND kind = 'staff_call' ORDER BY {store._db.order_column} DESC LIMIT 200"
    )
    with store._db.tx(locks=()) as db:
        if target.startswith("postgresql://"):
            db.execute("SET LOCAL enable_seqscan = off")
            plan = db.execute("EXPLAIN " + sql, ("东区大厅", yesterday, today)).fetchall()
        else:
            plan = db.execute(
                "EXPLAIN QUERY PLAN " + sql, ("东区大厅", yesterday, today)
            ).fetchall()
    assert "submissions_hall_day" in " ".join(str(r) for r in plan), plan

    # Calls stored before they had a hall and a day get both once, when a platform starts.
    with store._db.tx() as db:
        db.execute(
            "UPDATE submissions SET hall = NULL, booking_day = NULL WHERE kind = 'staff_call'"
        )
        db.execute("DELETE FROM backfills WHERE name IN ('staff_call_halls', 'staff_call_days')")
    assert store.staff_calls_on([yesterday, today], "东区大厅") == []
    open_store()
    assert [r["idempotency_key"] for r in store.staff_calls_on([yesterday, today], "东区大厅")] == [
        "a-y",
        "a-2",
        "a-1",
        "a-old",
    ]
