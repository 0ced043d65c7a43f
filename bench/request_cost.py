"""CPU per delivery request and per record, kiosk side and platform side, A/B.

The fleet bench's rates swing with the shared machine's load; CPU time does not
move nearly as much. This harness measures what one delivery costs each side: one
platform process (``python -m central.cli --insecure-dev``) per source tree on one
throwaway PostgreSQL cluster, and for each tree a client process of real
:class:`kiosk.sync.SyncAgent`\\ s (MemoryOutboxes) from that same tree. Every round,
each agent holds ``--burst`` records and sends them in one batch (the fleet bench's
drain); the CPU of the client process (its driver threads and the agents' helper
threads, not the enqueueing), of the platform process and of PostgreSQL's backends
is taken from ``/proc`` around the round. The trees take turns run by run,
so a change of the machine's load falls on both.

``python bench/request_cost.py --tree /path/to/before --tree . [--reps 3]``
prints one line per run and the medians and writes them to
bench/out/request_cost.json (``--json F`` elsewhere); without ``--tree`` it measures
this tree alone (``make bench-request_cost``). A tree to compare with:
``git worktree add`` or ``git archive main | tar -x -C DIR``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of one process (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK


def _children(master: int) -> list[int]:
    pids = [master]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == master:
            pids.append(int(stat.parent.name))
    return pids


# --- the client: real agents from one tree -------------------------------------------


def client(root: str, url: str, kiosks: int, first: int, burst: int, threads: int) -> None:
    """Build the agents, then on each ``go`` line deliver one burst per agent."""
    sys.path.insert(0, root)
    from kiosk.sync import SyncAgent, SyncConfig
    from offline_cache.memory_outbox import MemoryOutbox
    from offline_cache.outbox_protocol import RecordKind

    digits = "0123456789ACFHMRWXY"

    def code(n: int) -> str:
        out = ""
        for _ in range(4):
            n, d = divmod(n, len(digits))
            out = digits[d] + out
        return out

    counts = {"requests": 0, "batches": 0}
    agents = []
    for i in range(kiosks):
        kid = code(first + i)
        outbox = MemoryOutbox()
        agent = SyncAgent(SyncConfig(base_url=url, kiosk_id=kid, heartbeat_s=3600), outbox)

        def seen(ex: Any) -> None:
            counts["requests"] += 1  # the GIL makes this good enough for a count
            if ex.path.endswith("/batch"):
                counts["batches"] += 1

        agent.add_exchange_listener(seen)
        agents.append((kid, outbox, agent))
    for _, _, agent in agents:  # capabilities, heartbeat, catalog: not measured
        agent.run_once()
    serial = 0
    note = "x" * 200
    print("READY", flush=True)
    for line in sys.stdin:
        if line.strip() != "go":
            break
        now = dt.datetime.now(dt.UTC)
        for kid, outbox, _ in agents:
            for _ in range(burst):
                serial += 1
                payload = {
                    "service_id": "gongan.hukou_certificate",
                    "form": {"note": note},
                    "receipt_code_sha256": hashlib.sha256(str(serial).encode()).hexdigest(),
                }
                tn = f"{kid}-{serial:06d}"
                outbox.enqueue(RecordKind.APPLICATION, json.dumps(payload).encode(), tn, now)
        counts["requests"] = counts["batches"] = 0
        cpu0, wall0 = time.process_time(), time.monotonic()
        part = [agents[t::threads] for t in range(threads)]
        workers = [
            threading.Thread(target=lambda ks: [a.run_once() for _, _, a in ks], args=(ks,))
            for ks in part
        ]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
        left = sum(o.stats(now).pending for _, o, _ in agents)
        print(json.dumps({"cpu": cpu, "wall": wall, "left": left, **counts}), flush=True)
    for _, _, agent in agents:
        agent.stop()


# --- the parent: platforms, alternation, figures -------------------------------------


class _Platform:
    def __init__(self, tree: Path, db: str, keys: Path, port: int) -> None:
        self.tree, self.url = tree, f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "central.cli", "--port", str(port), "--db", db,
             "--log-level", "warning", "--insecure-dev",
             "--data-key", str(keys / "central-data.key"),
             "--eid-key", str(keys / "central-eid.pem")],
            cwd=tree, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        import urllib.request

        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(self.url + "/v1/capabilities", timeout=1):
                    return
            except OSError as exc:
                if getattr(exc, "code", None):  # an HTTP error: it answers
                    return
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"central from {tree} did not start") from None
                time.sleep(0.1)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--tree", action="append", help="source tree, repeat for A/B (default: this one)"
    )
    p.add_argument("--reps", type=int, default=3, help="runs per tree, alternated")
    p.add_argument("--kiosks", type=int, default=250)
    p.add_argument("--burst", type=int, default=20, help="records per agent per round")
    p.add_argument("--rounds", type=int, default=4, help="rounds per run")
    # More requests in flight than a platform process's 8 pooled connections, as in the
    # fleet's drain (4 workers x 6 driver threads over 2 processes: ~12 each). At 6 this
    # harness missed a stall that shows only past 8 (docs/sync-and-central.md, eighth
    # round: 7,735 records/s on main, 485 with the stall, at 12).
    p.add_argument("--threads", type=int, default=12, help="driver threads (default 12)")
    p.add_argument(
        "--json",
        default=str(HERE.parent / "out" / "request_cost.json"),
        help="write the runs and medians here",
    )
    p.add_argument("--client", nargs=5, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.client:
        root, url, kiosks, first, burst = args.client
        client(root, url, int(kiosks), int(first), int(burst), args.threads)
        return
    sys.path.insert(0, str(HERE.parent.parent))
    from tests.support.pg_cluster import throwaway_cluster

    trees = [Path(t).resolve() for t in (args.tree or [HERE.parent.parent])]
    runs: dict[str, list[dict[str, float]]] = {str(t): [] for t in trees}
    with (
        tempfile.TemporaryDirectory(prefix="reqcost-") as tmp,
        throwaway_cluster(Path(tmp) / "pg") as db,
    ):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            row = conn.execute("SHOW data_directory").fetchone()
        assert row is not None
        master = int((Path(row[0]) / "postmaster.pid").read_text().split()[0])
        keys = Path(tmp) / "keys"
        keys.mkdir()
        platforms = []
        try:
            for tree in trees:  # one after the other: the first creates the schema
                platforms.append(_Platform(tree, db, keys, _free_port()))
            first = 0
            for rep in range(args.reps):
                for plat in platforms:
                    runs[str(plat.tree)].append(_run(plat, master, first, args))
                    first += args.kiosks
                    r = runs[str(plat.tree)][-1]
                    print(
                        f"rep {rep} {plat.tree}: " + " ".join(f"{k}={v:.1f}" for k, v in r.items()),
                        f"load={os.getloadavg()[0]:.1f}",
                        flush=True,
                    )
        finally:
            for plat in platforms:
                plat.stop()
    medians = {t: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for t, rs in runs.items()}
    for t, m in medians.items():
        print("median", t, " ".join(f"{k}={v:.1f}" for k, v in m.items()))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps({"args": vars(args), "runs": runs,
                                               "medians": medians}, indent=1))  # fmt: skip


def _run(plat: _Platform, master: int, first: int, args: argparse.Namespace) -> dict[str, float]:
    cl = subprocess.Popen(
        [sys.executable, str(HERE), "--tree", ".", "--threads", str(args.threads), "--client",
         str(plat.tree), plat.url, str(args.kiosks), str(first), str(args.burst)],
        cwd=plat.tree, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert cl.stdin is not None and cl.stdout is not None
    assert cl.stdout.readline().strip() == "READY"
    kiosk = platform = postgres = wall = 0.0
    requests = batches = left = 0
    for _ in range(args.rounds):
        time.sleep(0.5)  # the enqueueing of the round before is not in the figures
        pg = _children(master)
        p0, g0 = _cpu_s(plat.proc.pid), sum(_cpu_s(x) for x in pg)
        cl.stdin.write("go\n")
        cl.stdin.flush()
        r = json.loads(cl.stdout.readline())
        platform += _cpu_s(plat.proc.pid) - p0
        # Backends opened during the round are counted from 0 (they are new).
        postgres += sum(_cpu_s(x) for x in _children(master)) - g0
        kiosk, wall = kiosk + r["cpu"], wall + r["wall"]
        requests, batches, left = requests + r["requests"], batches + r["batches"], left + r["left"]
    cl.stdin.close()
    cl.wait(60)
    records = args.kiosks * args.burst * args.rounds - left
    per_rec = 1e6 / max(1, records)
    per_req = 1e6 / max(1, requests)
    return {
        "kiosk_us_rec": kiosk * per_rec,
        "platform_us_rec": platform * per_rec,
        "pg_us_rec": postgres * per_rec,
        "all_us_rec": (kiosk + platform + postgres) * per_rec,
        "kiosk_us_req": kiosk * per_req,
        "platform_us_req": platform * per_req,
        "records_per_req": records / max(1, requests),
        "records_per_s": records / max(wall, 1e-9),
        "left": left,
    }


if __name__ == "__main__":
    main()
