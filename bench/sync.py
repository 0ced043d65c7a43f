"""Sync throughput to the reference platform on loopback.

agent_per_s: records delivered one by one by the sync agent from the SQLite
outbox (claim, POST, mark delivered); batched_per_s: the same
with 50-record batches; bare_per_s: a bare requests.Session POST loop with the
same bodies against the same server in the same run. The platform runs as a
child process so it does not share the benchmark's GIL. Medians of 20 short
interleaved trials (50 records one by one, 1,000 batched; ratios paired per
trial), against the platform
as shipped (SQLite file, fsync per commit) and against the same platform on
``:memory:`` (no fsync: the agent's own overhead shows).
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _central_proc import central_process

from kiosk.sync import SyncAgent, SyncConfig
from offline_cache.crypto import KeyRing
from offline_cache.db import Database
from offline_cache.memory_outbox import MemoryOutbox
from offline_cache.outbox_protocol import Outbox, RecordKind
from offline_cache.sqlite_outbox import SqliteOutbox

N = 50
ROUNDS = 20
PAYLOAD = {"service_id": "gongan.hukou_certificate", "form": {"note": "x" * 1900}}


def payload(i: int) -> bytes:
    return json.dumps({**PAYLOAD, "i": i}).encode()


def bare(url: str, n: int) -> float:
    s = requests.Session()
    bodies = [
        json.dumps(
            {
                "kind": "application",
                "tracking_number": None,
                "created_at": "2026-11-23T00:00:00Z",
                "payload": {**PAYLOAD, "i": i},
            }
        ).encode()
        for i in range(n)
    ]
    t = time.perf_counter()
    for b in bodies:
        r = s.post(
            url + "/v1/submissions",
            data=b,
            timeout=(3, 10),
            headers={"Idempotency-Key": str(uuid.uuid4()), "Content-Type": "application/json"},
        )
        r.raise_for_status()
        r.json()
    return n / (time.perf_counter() - t)


def agent_rate(url: str, outbox: Outbox, n: int, batch: int) -> float:
    now = dt.datetime.now(dt.UTC)
    for i in range(n):
        outbox.enqueue(RecordKind.APPLICATION, payload(i), None, now)
    agent = SyncAgent(
        SyncConfig(
            base_url=url, kiosk_id="BENCH", batch_size=batch, heartbeat_s=1e9, catalog_refresh_s=1e9
        ),
        outbox,
    )
    # The first pass also fetches capabilities, heartbeat and catalog: time deliveries only.
    agent._fetch_capabilities()
    agent._heartbeat_due = agent._catalog_due = float("inf")
    t = time.perf_counter()
    while outbox.stats(dt.datetime.now(dt.UTC)).pending:
        agent.run_once()
    rate = n / (time.perf_counter() - t)
    agent.stop()
    st = outbox.stats(dt.datetime.now(dt.UTC))
    assert st.failed == st.dead == 0, st
    return rate


def _paired(xs: list[float], bare_rates: list[float]) -> float:
    return statistics.median(x / b for x, b in zip(xs, bare_rates, strict=True))


def scenario(d: Path, central_db: str, tag: str) -> dict[str, Any]:
    """Interleaved rounds of bare / agent / batched against one platform process."""
    rounds: dict[str, list[float]] = {
        k: [] for k in ("bare", "agent", "agent_memory", "batched", "batched_memory")
    }
    with central_process(Path(central_db)) as url:
        bare(url, 200)  # warm-up: connections, SQLite pages, code paths
        ob = SqliteOutbox(Database(d / f"{tag}o.db"), KeyRing.load_or_create(d / "key"))
        ob2 = SqliteOutbox(Database(d / f"{tag}b.db"), KeyRing.load_or_create(d / "key"))
        # Short interleaved trials: on a shared machine the load changes by the second,
        # and each figure's median should see the same mix of it.
        for _ in range(ROUNDS):
            rounds["bare"].append(bare(url, N))
            rounds["agent"].append(agent_rate(url, ob, N, 1))
            rounds["agent_memory"].append(agent_rate(url, MemoryOutbox(), N, 1))
            rounds["batched"].append(agent_rate(url, ob2, N * 20, 50))
            rounds["batched_memory"].append(agent_rate(url, MemoryOutbox(), N * 20, 50))
    med = {k: statistics.median(v) for k, v in rounds.items()}
    return {
        "agent_per_s": round(med["agent"], 1),
        "agent_memory_outbox_per_s": round(med["agent_memory"], 1),
        "batched_per_s": round(med["batched"], 1),
        "batched_memory_outbox_per_s": round(med["batched_memory"], 1),
        "bare_per_s": round(med["bare"], 1),
        # Paired: each trial's ratio to the bare loop run right before it, then the
        # median, which cancels most of the drift in a shared machine's load.
        "agent_vs_bare": round(_paired(rounds["agent"], rounds["bare"]), 3),
        "batched_vs_bare": round(_paired(rounds["batched"], rounds["bare"]), 2),
        "agent_memory_vs_bare": round(_paired(rounds["agent_memory"], rounds["bare"]), 3),
        "batched_memory_vs_bare": round(_paired(rounds["batched_memory"], rounds["bare"]), 2),
        "rounds": {k: [round(x, 1) for x in v] for k, v in rounds.items()},
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        durable = scenario(d, str(d / "central.sqlite3"), "d")
        # The same platform without its per-commit fsync: request overhead dominates,
        # which is where the agent's own per-record cost would show.
        fast = scenario(d, ":memory:", "m")
    out = {
        "records_per_trial": N,
        "trials": ROUNDS,
        "batch_size": 50,
        **{k: v for k, v in durable.items() if k != "rounds"},
        "platform": "kiosk-central child process, SQLite file WAL+FULL (one fsync per commit)",
        "durable_platform": durable,
        "fast_platform": {"platform": "kiosk-central child process, --db :memory:", **fast},
        "targets": {"agent_vs_bare": ">= 0.8", "batched_vs_bare": ">= 10"},
    }
    print(json.dumps(out, indent=2))
    outdir = Path(__file__).resolve().parent / "out"
    outdir.mkdir(exist_ok=True)
    (outdir / "sync.json").write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
