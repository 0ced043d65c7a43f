"""Outbox benchmark: durable enqueue vs a bare sqlite3 insert, and claiming 50 of 100,000.

Run: .venv/bin/python bench/outbox.py   → prints figures, writes bench/out/outbox.json

- enqueue_*: ``SqliteOutbox.enqueue`` of a ~2 KB JSON application (uuid, AES-256-GCM,
  WAL + synchronous=FULL commit), interleaved one-for-one with
- bare_*: a bare ``INSERT`` of a uuid and the same 2 KB into a plain table in
  another WAL + synchronous=FULL database on the same disk, so both see the same
  disk conditions in the same run.
- claim50_ms: median ``claim(50)`` (select, decrypt, mark sending, commit) in a
  store holding 100,000 pending records; claim50_mixed_ms: 94,000 delivered,
  1,000 failed not yet due, 5,000 pending; claim50_failed_due_ms: 90,000
  delivered and 10,000 failed all due at once (the end of an outage).
The 100,000-record fill goes straight into the table in one transaction (a
per-record fsync would take minutes) with payloads sealed by the same key ring.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from offline_cache._time import to_us
from offline_cache.crypto import KeyRing
from offline_cache.db import Database
from offline_cache.outbox_protocol import RecordKind
from offline_cache.sqlite_outbox import SqliteOutbox

OUT = Path(__file__).resolve().parent / "out"
N_ENQUEUE = 5000
WARMUP = 200
STORE_SIZE = 100_000
CLAIM_REPEATS = 100
T0 = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)


def _payload(i: int) -> bytes:
    doc = {
        "service_id": "gongan-hukou-qianru",
        "applicant": {"name": "张伟", "id_number": f"11010519491231{i % 10000:04d}"},
        "form": {"address": "北京市朝阳区建国路88号" * 4, "reason": "工作调动 job transfer " * 8},
        "attachments": [f"sha256:{uuid.UUID(int=i).hex * 2}" for _ in range(8)],
    }
    raw = json.dumps(doc, ensure_ascii=False).encode()
    return raw + b" " * max(0, 2048 - len(raw))


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _bare_db(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (id TEXT NOT NULL, payload BLOB NOT NULL)")
    return conn


def bench_enqueue(tmp: Path) -> dict[str, float]:
    os.sync()  # start from a quiet page cache, not someone's pending write-back
    db = Database(tmp / "enqueue.db")
    outbox = SqliteOutbox(db, KeyRing.load_or_create(tmp / "enqueue.key"))
    bare = _bare_db(tmp / "bare.db")
    payloads = [_payload(i) for i in range(N_ENQUEUE + WARMUP)]
    store_ms: list[float] = []
    bare_ms: list[float] = []
    rng = random.Random(7)
    for i, payload in enumerate(payloads):
        now = T0 + dt.timedelta(seconds=i)
        # Alternate which goes first: the second of a pair can find the disk
        # still busy with the first's flush.
        store_first = rng.random() < 0.5
        for which in ("store", "bare") if store_first else ("bare", "store"):
            t0 = time.perf_counter()
            if which == "store":
                outbox.enqueue(RecordKind.APPLICATION, payload, None, now)
            else:
                bare.execute(
                    "INSERT INTO t (id, payload) VALUES (?, ?)", (str(uuid.uuid4()), payload)
                )
            ms = (time.perf_counter() - t0) * 1e3
            if i >= WARMUP:
                (store_ms if which == "store" else bare_ms).append(ms)
    bare.close()
    db.close()
    return {
        "enqueue_p50_ms": statistics.median(store_ms),
        "enqueue_p99_ms": _pct(store_ms, 0.99),
        "bare_p50_ms": statistics.median(bare_ms),
        "bare_p99_ms": _pct(bare_ms, 0.99),
    }


def _fill(db_path: Path, keys: KeyRing, n_delivered: int, n_failed: int, due: bool) -> None:
    from offline_cache.sqlite_outbox import _payload_aad

    conn = sqlite3.connect(db_path, isolation_level=None)
    # Rollback journal off for the bulk fill: 200 MB written once instead of
    # WAL-then-checkpoint twice, so the fill's write-back disturbs less.
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    retry_at = T0 + dt.timedelta(days=1 if due else 30)
    rows = []
    payloads = []
    for i in range(STORE_SIZE):
        rid = uuid.uuid4()
        key_id, blob = keys.encrypt(_payload(i), _payload_aad(rid))
        t = to_us(T0 + dt.timedelta(seconds=i))
        if i < n_delivered:
            state, delivered, nxt = "delivered", t, None
        elif i < n_delivered + n_failed:
            state, delivered, nxt = "failed", None, to_us(retry_at)
        else:
            state, delivered, nxt = "pending", None, None
        rows.append((i + 1, str(rid), t, t, state, delivered, nxt, i + 1))
        payloads.append((i + 1, str(rid), t, key_id, blob))
    conn.executemany(
        "INSERT INTO enqueued (rowid, id, kind, created_at, key_id, payload)"
        " VALUES (?, ?, 'application', ?, ?, ?)",
        payloads,
    )
    conn.executemany(
        "INSERT INTO outbox (seq, id, kind, created_at, updated_at, state, delivered_at,"
        " next_attempt_at, payload_row) VALUES (?, ?, 'application', ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    os.sync()


def bench_claim(tmp: Path, name: str, n_delivered: int, n_failed: int, due: bool) -> list[float]:
    path = tmp / f"{name}.db"
    keys = KeyRing.load_or_create(tmp / f"{name}.key")
    Database(path).close()
    _fill(path, keys, n_delivered, n_failed, due)
    db = Database(path)
    outbox = SqliteOutbox(db, keys)
    now = T0 + dt.timedelta(days=2)
    times: list[float] = []
    try:
        for _ in range(CLAIM_REPEATS):
            t0 = time.perf_counter()
            got = outbox.claim(50, now)
            times.append((time.perf_counter() - t0) * 1e3)
            assert len(got) == 50
    finally:
        db.close()
    return times


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=OUT, prefix="tmp-") as d:
        tmp = Path(d)
        result: dict[str, object] = dict(bench_enqueue(tmp))
        claims = bench_claim(tmp, "claim", 0, 0, False)
        mixed = bench_claim(tmp, "mixed", 94_000, 1_000, False)
        after_outage = bench_claim(tmp, "outage", 90_000, 10_000, True)
    result.update(
        {
            "claim50_ms": statistics.median(claims),
            "claim50_max_ms": max(claims),
            "claim50_mixed_ms": statistics.median(mixed),
            "claim50_failed_due_ms": statistics.median(after_outage),
            "enqueue_p99_over_bare_p99": result["enqueue_p99_ms"] / result["bare_p99_ms"],  # type: ignore[operator]
            "n_enqueue": N_ENQUEUE,
            "payload_bytes": len(_payload(0)),
            "store_size": STORE_SIZE,
            "sqlite": sqlite3.sqlite_version,
            "python": platform.python_version(),
        }
    )
    for key, value in result.items():
        print(f"{key:28} {value:.3f}" if isinstance(value, float) else f"{key:28} {value}")
    (OUT / "outbox.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
