"""Fleet simulation with the real code: ≥ 1,000 SyncAgents against 2 platform processes.

Each kiosk is a real :class:`kiosk.sync.SyncAgent` with its own MemoryOutbox, its own
keep-alive session, clock and backoff. A handful of worker processes drive 250 agents
each with ``run_once()`` from a few threads (the agents' own returned delays decide
when each runs next). They speak real HTTP on loopback to two ``python -m central.cli``
processes sharing one throwaway PostgreSQL cluster (initdb in a temp dir, Unix socket).
The platform runs in its ``--insecure-dev`` mode (the X-Kiosk-Id header is trusted,
loopback only): the bench measures sync and storage, not certificate handshakes.

Traffic: applications (each with a receipt code), heartbeats, status lookups with the
receipt-code proof, and staff calls (watched until acknowledged, which never happens
here: the polling load is part of the picture). Mid-run both platform processes are
stopped for OUTAGE_S and started again; kiosks keep enqueueing meanwhile, and the
moment each kiosk first reaches the platform again shows how full jitter spreads the
reconnect. At the end every enqueued record id is compared with the platform's stored
idempotency keys (``doubled``; ``lost``: neither stored nor still held in a kiosk's
outbox, ``undelivered_at_end``: still held when the bench stopped waiting).

``submissions_per_s`` (sustained): at the end of the load every kiosk queues BURST
applications at once; the rate is taken over the kiosks that had reached the platform
again before that, as the time the first 95 % of their records took to be stored (the
others are still waiting out a backoff drawn in the outage: the agent's patience, not
the platform's speed, reported as reconnect_*).

``bare_per_s`` is a plain psycopg loop inserting copies of the very rows the platform
stored (applications and their first timeline row) into tables ``LIKE`` the
platform's, in the same database, committing every N records where N is the
platform's mean records per delivery request during the drain: the same rows, the
same durability unit. ``vs_bare`` = ``submissions_per_s`` / ``bare_per_s``.
``drain_cpu_s`` says where the machine's cores went while the backlog drained.

``python bench/fleet.py [--kiosks N] [--procs P] [--load-s S] [--outage-s S] [--out F]``
writes bench/out/fleet.json (the CI test runs it with 20 kiosks).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import heapq
import json
import multiprocessing as mp
import os
import random
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _central_proc import free_port

from kiosk.sync import SyncAgent, SyncConfig
from kiosk.sync.agent import Exchange, LookupProof
from offline_cache.memory_outbox import MemoryOutbox
from offline_cache.outbox_protocol import RecordKind, RecordState
from tests.support.pg_cluster import throwaway_cluster
from tests.support.tls_pki import make_pki

ROOT = Path(__file__).resolve().parent.parent
# One request: (start, seconds, kiosk id, kind, HTTP status or None when unreachable).
Entry = tuple[float, float, str, str, int | None]

SUBMIT_EVERY_S = 20.0  # mean seconds between one kiosk's applications (Poisson)
LOOKUP_EVERY_S = 60.0  # mean seconds between one kiosk's status lookups
STAFF_CALL_SHARE = 0.05  # kiosks that press 呼叫工作人员 once
HEARTBEAT_S = 60.0  # the shipped interval
# Applications each kiosk holds at the end, to measure the sustained rate: 20 is the
# benchmark's figure (a kiosk's backlog after ≈ 20 min offline at a busy hall's pace),
# and so each kiosk's one batch in the drain (the agent sends up to batch_size = 50).
# FLEET_BURST changes it to see what batch size does to both sides (the bare loop
# commits per the platform's mean batch, so it follows).
BURST = int(os.environ.get("FLEET_BURST", "20"))
# Driver threads per worker process: each runs its kiosks one after the other, so a
# kiosk waits while the others of its thread talk to the platform (FLEET_THREADS).
THREADS = int(os.environ.get("FLEET_THREADS", "6"))
HELD = frozenset({RecordState.PENDING, RecordState.SENDING, RecordState.FAILED})
# After the load stops, how long the outboxes may take to empty.
DRAIN_LIMIT_S = float(os.environ.get("FLEET_DRAIN_LIMIT_S", "120"))


# --- platform processes ------------------------------------------------------------


class Platform:
    """One ``python -m central.cli`` on a fixed loopback port, restartable (the outage)."""

    def __init__(self, db: str, keys: Path, pki: dict[str, Path] | None = None) -> None:
        self.db, self.keys, self.pki = db, keys, pki
        self.port = free_port()
        self.url = f"{'https' if pki else 'http'}://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start and wait until it answers."""
        if self.pki:  # HTTPS; kiosks authenticated by their client certificates
            auth = ["--tls-cert", str(self.pki["srv"]), "--tls-key", str(self.pki["srv_key"]),
                    "--client-ca", str(self.pki["ca"])]  # fmt: skip
        else:
            auth = ["--insecure-dev"]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "central.cli", "--port", str(self.port), "--db", self.db,
             "--log-level", "warning", *auth,
             "--data-key", str(self.keys / "central-data.key"),
             "--eid-key", str(self.keys / "central-eid.pem")],
            cwd=ROOT, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        tls: dict[str, Any] = {}
        if self.pki:
            tls = {"verify": str(self.pki["ca"]), "cert": (str(self.pki["probe"]),
                                                          str(self.pki["probe_key"]))}  # fmt: skip
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(self.url + "/v1/capabilities", timeout=1, **tls)
                return
            except requests.ConnectionError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("central did not start") from None
                time.sleep(0.05)

    def stop(self) -> None:
        """Stop it (SIGTERM, then SIGKILL)."""
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None


# --- worker processes: the kiosks --------------------------------------------------


def kiosk_code(n: int) -> str:
    """The ``n``-th kiosk's id: a kiosk code (4 of 0-9ACFHMRWXY), which its certificate
    names and its tracking numbers start with, as the platform requires of an
    authenticated kiosk."""
    digits = "0123456789ACFHMRWXY"
    out = ""
    for _ in range(4):
        n, d = divmod(n, len(digits))
        out = digits[d] + out
    return out


class _Kiosk:
    def __init__(self, kid: str, url: str, log: list[Entry], pki: dict[str, Path] | None):
        self.id = kid
        self.outbox = MemoryOutbox()
        self.receipts: list[tuple[str, str]] = []  # (tracking number, receipt code)
        self.records: list[str] = []
        self.lookups: Counter[str] = Counter()
        tls: dict[str, Path] = {}
        if pki:
            tls = {"ca_bundle": pki["ca"], "client_cert": pki[kid], "client_key": pki[kid + "_key"]}
        config = SyncConfig(base_url=url, kiosk_id=kid, heartbeat_s=HEARTBEAT_S, **tls)
        self.agent = SyncAgent(config, self.outbox)

        def timed(ex: Exchange) -> None:
            # The kind of request: the first path segment after /v1/.
            what = ex.path.split("/v1/", 1)[-1].split("/")[0]
            log.append((ex.started, ex.seconds, kid, what, ex.status))

        self.agent.add_exchange_listener(timed)
        self.agent.add_status_listener(self._status)

    def _status(self, result: Any) -> None:
        self.lookups[str(result.outcome)] += 1

    def submit(self, n: int) -> None:
        code = f"ZWR1-{secrets.token_hex(8)}"
        tn = f"{self.id}-{n:05d}"
        payload = {
            "service_id": "gongan.hukou_certificate",
            "form": {"note": "x" * 200},
            "receipt_code_sha256": hashlib.sha256(code.encode()).hexdigest(),
        }
        now = dt.datetime.now(dt.UTC)
        rec = self.outbox.enqueue(RecordKind.APPLICATION, json.dumps(payload).encode(), tn, now)
        self.records.append(str(rec.id))
        self.receipts.append((tn, code))

    def staff_call(self) -> None:
        now = dt.datetime.now(dt.UTC)
        body = json.dumps({"reason": "help"}).encode()
        rec = self.outbox.enqueue(RecordKind.STAFF_CALL, body, None, now)
        self.records.append(str(rec.id))
        self.agent.watch_staff_call(rec.id, lambda _c: None)

    def lookup(self) -> None:
        if self.receipts:
            tn, code = random.choice(self.receipts)
            self.agent.request_status(tn, LookupProof(receipt_code=code))

    def pending(self) -> int:
        st = self.outbox.stats(dt.datetime.now(dt.UTC))
        return st.pending + st.sending + st.failed


def _drive(kiosks: list[_Kiosk], load_until: float, hard_stop: float, seed: int) -> None:
    """One driver thread: runs its agents when due, and plays the citizens' load."""
    rng = random.Random(seed)
    due = {i: 0.0 for i in range(len(kiosks))}
    heap: list[tuple[float, int, str]] = []
    now = time.time()
    for i in range(len(kiosks)):
        due[i] = now + rng.uniform(0, 2)  # the kiosks do not all boot in the same second
        heapq.heappush(heap, (due[i], i, "run"))
        heapq.heappush(heap, (now + rng.expovariate(1 / SUBMIT_EVERY_S), i, "submit"))
        heapq.heappush(heap, (now + rng.expovariate(1 / LOOKUP_EVERY_S), i, "lookup"))
        heapq.heappush(heap, (load_until, i, "burst"))
        if rng.random() < STAFF_CALL_SHARE:
            heapq.heappush(heap, (now + rng.uniform(0, load_until - now), i, "call"))
    counters = [0] * len(kiosks)
    while heap:
        t, i, what = heap[0]
        now = time.time()
        if now > hard_stop:
            return
        if t > now:
            time.sleep(min(t - now, 0.05))
            continue
        heapq.heappop(heap)
        k = kiosks[i]
        if what == "run":
            if t != due[i]:
                continue  # superseded by an earlier wake-up
            delay = k.agent.run_once()
            if now > load_until and k.pending() == 0:
                continue  # drained: this kiosk is done
            due[i] = time.time() + delay
            heapq.heappush(heap, (due[i], i, "run"))
            continue
        if what == "burst":
            # The end of the run: a backlog on every kiosk at once, drained flat out
            # (the sustained rate); calls nobody will acknowledge are no longer watched.
            k.agent._staff_calls.clear()
            for _ in range(BURST):
                counters[i] += 1
                k.submit(counters[i])
        elif now > load_until:
            continue
        elif what == "submit":
            counters[i] += 1
            k.submit(counters[i])
            heapq.heappush(heap, (now + rng.expovariate(1 / SUBMIT_EVERY_S), i, "submit"))
        elif what == "lookup":
            k.lookup()
            heapq.heappush(heap, (now + rng.expovariate(1 / LOOKUP_EVERY_S), i, "lookup"))
        elif what == "call":
            k.staff_call()
        # Like agent.wake(): look at this kiosk now (its backoff still applies).
        due[i] = now
        heapq.heappush(heap, (now, i, "run"))


def worker(wid: int, n: int, urls: list[str], times: Any, ready: Any, go: Any,
           queue: Any, pki: dict[str, Path] | None) -> None:  # fmt: skip
    """A worker process: ``n`` kiosks; puts its measurements on ``queue``.

    It builds its kiosks, says so on ``ready`` and waits for ``go``: the run's clock
    (``times``: end of the load, hard stop) starts only when every worker is up, so a
    slow start on a busy machine does not eat into the load or miss the outage.
    """
    log: list[Entry] = []
    kiosks = [
        _Kiosk(kiosk_code(wid * n + i), urls[(wid * n + i) % len(urls)], log, pki) for i in range(n)
    ]
    ready.put(wid)
    go.wait()
    load_until, hard_stop = times[0], times[1]
    threads = [
        threading.Thread(
            target=_drive, args=(kiosks[t::THREADS], load_until, hard_stop, wid * 100 + t)
        )
        for t in range(THREADS)
    ]
    drain_cpu: list[float] = []
    # The kiosks' own CPU from the end of the load (the drain) to the last delivery.
    timer = threading.Timer(
        max(0.0, load_until - time.time()),
        lambda: drain_cpu.append(time.process_time()),
    )
    timer.start()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    timer.cancel()
    drain_cpu.append(time.process_time())
    for k in kiosks:
        if k.pending():
            errs = [(e.operation, e.message, e.status) for e in k.agent.recent_errors()[-3:]]
            print("undelivered", k.id, k.pending(), k.agent.blocked_for_s, errs, file=sys.stderr)
    # Staff calls are still watched (nobody acknowledges them): stop every agent.
    for k in kiosks:
        k.agent._staff_calls.clear()
        k.agent.stop()
    lookups: Counter[str] = Counter()
    for k in kiosks:
        lookups.update(k.lookups)
    queue.put(
        {
            "records": [r for k in kiosks for r in k.records],
            "undelivered": sum(k.pending() for k in kiosks),
            # Still in an outbox when the bench stopped waiting: late, not lost.
            "held": [str(r.id) for k in kiosks for r in k.outbox.list(HELD, limit=1_000_000)],
            "dead": sum(k.outbox.stats(dt.datetime.now(dt.UTC)).dead for k in kiosks),
            "lookups": dict(lookups),
            "log": log,
            "drain_cpu_s": drain_cpu[-1] - drain_cpu[0] if len(drain_cpu) == 2 else 0.0,
        }
    )


# --- the bare loop -----------------------------------------------------------------


def bare_inserts(db: str, n: int, per_commit: int) -> tuple[float, float]:
    """The same rows the platform stored, inserted by a plain psycopg loop: (rows per
    second, CPU µs per row of the loop and PostgreSQL together).

    Fair by construction: the rows are copies of ``n`` stored applications (sealed body,
    hashes, response, receipt hash) and their first timeline row, into tables made
    ``LIKE`` the platform's (same columns, keys, indexes), in the same database, and
    committed every ``per_commit`` records: the unit the platform commits (one
    transaction per delivery request; the mean batch size of the drain). One
    connection, ``executemany`` (psycopg pipelines it) like the platform's store.
    """
    import psycopg

    cols = ("idempotency_key, body_hash, kind, tracking_number, kiosk_id, body, received_at,"
            " response, receipt_sha256")  # fmt: skip
    with psycopg.connect(db) as conn:
        subs = conn.execute(
            f"SELECT {cols} FROM submissions WHERE kind = 'application' LIMIT %s", (n,)
        ).fetchall()
        tns = [r[3] for r in subs]
        timeline = conn.execute(
            "SELECT tracking_number, seq, status, at, note FROM timeline"
            " WHERE seq = 0 AND tracking_number = ANY(%s)",
            (tns,),
        ).fetchall()
        first = {r[0]: r for r in timeline}
        conn.execute("CREATE TABLE bare_submissions (LIKE submissions INCLUDING ALL)")
        conn.execute("CREATE TABLE bare_timeline (LIKE timeline INCLUDING ALL)")
        conn.commit()
        pg = _postgres_pids(db)
        cpu = time.process_time() + sum(_cpu_s(pid) for pid in pg)
        t = time.perf_counter()
        with conn.cursor() as cur:
            for i in range(0, len(subs), per_commit):
                chunk = subs[i : i + per_commit]
                with conn.transaction():
                    cur.executemany(
                        f"INSERT INTO bare_submissions ({cols}) VALUES"
                        " (%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                        chunk,
                    )
                    cur.executemany(
                        "INSERT INTO bare_timeline VALUES (%s,%s,%s,%s,%s)",
                        [first[r[3]] for r in chunk if r[3] in first],
                    )
        rate = len(subs) / (time.perf_counter() - t)
        cpu = time.process_time() + sum(_cpu_s(pid) for pid in pg) - cpu
        conn.execute("DROP TABLE bare_submissions")
        conn.execute("DROP TABLE bare_timeline")
        conn.commit()
    return rate, 1e6 * cpu / max(1, len(subs))


# --- CPU accounting ----------------------------------------------------------------


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of one process (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK


@functools.cache
def _data_dir(db: str) -> Path:
    """The cluster's data directory, asked once (before the platforms fill the
    cluster's connection slots; a later connection might be refused)."""
    import psycopg

    with psycopg.connect(db, autocommit=True) as conn:
        row = conn.execute("SHOW data_directory").fetchone()
    assert row is not None
    return Path(row[0])


def _postgres_pids(db: str) -> list[int]:
    """The cluster's postmaster and its children (backends, writer, WAL writer)."""
    master = int((_data_dir(db) / "postmaster.pid").read_text().split()[0])
    pids = [master]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == master:
            pids.append(int(stat.parent.name))
    return pids


def _cpu_snapshot(db: str, platforms: list[Platform]) -> dict[str, float]:
    return {
        "platform": sum(_cpu_s(p.proc.pid) for p in platforms if p.proc is not None),
        "postgres": sum(_cpu_s(pid) for pid in _postgres_pids(db)),
    }


class _Sampler(threading.Thread):
    """CPU seconds of the kiosk workers, the platform and PostgreSQL every 0.1 s, so
    the CPU of the sustained window itself (not the whole drain's tail) can be told.

    Per process: PostgreSQL starts backends as the platforms' pools grow in the drain,
    so its processes are listed again every second, and a backend first seen after the
    window opened counts all its CPU (it was born in the window)."""

    def __init__(self, workers: list[int], platforms: list[Platform], db: str) -> None:
        super().__init__(daemon=True)
        self.db = db
        self.pids = {
            "kiosks": workers,
            "platform": [p.proc.pid for p in platforms if p.proc is not None],
            "postgres": _postgres_pids(db),
        }
        self.samples: list[tuple[float, dict[str, dict[int, float]]]] = []
        self._done = threading.Event()
        self.start()

    def run(self) -> None:
        n = 0
        while not self._done.is_set():
            n += 1
            if n % 10 == 0:
                self.pids["postgres"] = _postgres_pids(self.db)
            t = time.time()
            cpu = {k: {pid: _cpu_s(pid) for pid in v} for k, v in self.pids.items()}
            self.samples.append((t, cpu))
            self._done.wait(0.1)

    def stop(self) -> None:
        """Stop sampling."""
        self._done.set()
        self.join()

    def between(self, a: float, b: float) -> tuple[float, dict[str, float]]:
        """(seconds, CPU seconds per part) between the samples nearest ``a`` and ``b``."""
        if len(self.samples) < 2:
            return 0.0, {}
        first = min(self.samples, key=lambda x: abs(x[0] - a))
        last = min(self.samples, key=lambda x: abs(x[0] - b))
        return last[0] - first[0], {
            k: sum(cpu - first[1][k].get(pid, 0.0) for pid, cpu in last[1][k].items())
            for k in last[1]
        }


def _profile_drain(workers: list[int], platforms: list[Platform]) -> list[subprocess.Popen[bytes]]:
    """With FLEET_PROFILE=DIR, py-spy records every kiosk worker and platform process for
    the first FLEET_PROFILE_S seconds of the drain (collapsed stacks in DIR): where
    the sustained window's CPU goes. Off by default (py-spy's sampling costs CPU)."""
    where = os.environ.get("FLEET_PROFILE")
    if not where:
        return []
    Path(where).mkdir(parents=True, exist_ok=True)
    seconds = os.environ.get("FLEET_PROFILE_S", "3")
    spy = Path(sys.executable).parent / "py-spy"
    pids = [("kiosks", p) for p in workers]
    pids += [("platform", p.proc.pid) for p in platforms if p.proc is not None]
    out = []
    for part, pid in pids:
        name = str(Path(where) / f"{part}-{pid}.txt")
        args = ["record", "-d", seconds, "-r", "250", "-f", "raw", "--gil", "--nonblocking"]
        out.append(
            subprocess.Popen(
                [str(spy), *args, "-p", str(pid), "-o", name],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
    return out


# --- the run -----------------------------------------------------------------------


def _pct(xs: list[float], q: float) -> float:
    return sorted(xs)[min(len(xs) - 1, int(q * len(xs)))] if xs else 0.0


def run(kiosks: int, procs: int, load_s: float, outage_s: float, tls: bool) -> dict[str, Any]:
    """The whole scenario; returns the figures (see the module docstring)."""
    per = -(-kiosks // procs)
    with (
        tempfile.TemporaryDirectory(prefix="fleet-") as tmp,
        throwaway_cluster(Path(tmp) / "pg") as db,
    ):
        keys = Path(tmp) / "keys"
        keys.mkdir()
        _data_dir(db)
        pki: dict[str, Path] | None = None
        if tls:
            (Path(tmp) / "pki").mkdir()
            ids = (*(kiosk_code(n) for n in range(procs * per)), "probe")
            pki = make_pki(Path(tmp) / "pki", ids)
        platforms = [Platform(db, keys, pki), Platform(db, keys, pki)]
        for p in platforms:  # one after the other: the first creates schema and keys
            p.start()
        try:
            ctx = mp.get_context("spawn")
            queue, ready, go = ctx.Queue(), ctx.Queue(), ctx.Event()
            times = ctx.Array("d", 2)
            workers = [
                ctx.Process(target=worker, args=(w, per, [p.url for p in platforms],
                                                 times, ready, go, queue, pki))
                for w in range(procs)
            ]  # fmt: skip
            for w in workers:
                w.start()
            for _ in workers:
                ready.get(timeout=300)
            t0 = time.time()
            load_avg_start = os.getloadavg()[0]
            load_until = t0 + load_s
            outage_at = t0 + load_s * 0.4
            hard_stop = load_until + DRAIN_LIMIT_S
            times[0], times[1] = load_until, hard_stop
            go.set()
            time.sleep(max(0.0, outage_at - time.time()))
            down_at = time.time()
            for p in platforms:
                p.stop()
            time.sleep(outage_s)
            for p in platforms:
                p.start()
            up_at = time.time()
            time.sleep(max(0.0, load_until - time.time()))
            cpu_at_drain = _cpu_snapshot(db, platforms)
            sampler = _Sampler([w.pid for w in workers if w.pid], platforms, db)
            spies = _profile_drain([w.pid for w in workers if w.pid], platforms)
            results = [queue.get(timeout=hard_stop - time.time() + 120) for _ in workers]
            sampler.stop()
            for spy in spies:
                spy.wait()
            cpu_after = _cpu_snapshot(db, platforms)
            load_avg_end = os.getloadavg()[0]
            for w in workers:
                w.join(30)
            ended = time.time()
            import psycopg

            with psycopg.connect(db) as conn:
                stored = conn.execute("SELECT idempotency_key, replays FROM submissions").fetchall()
                drained = [
                    (
                        dt.datetime.fromisoformat(r[0].replace("Z", "+00:00")).timestamp()
                        - load_until,
                        r[1],
                    )
                    for r in conn.execute(
                        "SELECT received_at, kiosk_id FROM submissions WHERE received_at >= %s",
                        (
                            dt.datetime.fromtimestamp(load_until, dt.UTC)
                            .isoformat(timespec="milliseconds")
                            .replace("+00:00", "Z"),
                        ),
                    ).fetchall()
                ]
            arrivals = [t for t, _ in drained]
            drained_rows = len(arrivals)
            n_rows = len(stored)
            log_all: list[Entry] = [e for res in results for e in res["log"]]
            drain_requests = sum(
                1
                for e in log_all
                if e[3] == "submissions" and e[0] >= load_until and e[4] in (200, 201)
            )
            per_commit = max(1, round(drained_rows / max(1, drain_requests)))
            bare, bare_cpu_us = bare_inserts(db, max(500, min(20000, n_rows)), per_commit)
        finally:
            for p in platforms:
                p.stop()
    sent = [r for res in results for r in res["records"]]
    keyset = {k for k, _ in stored}
    held = {r for res in results for r in res["held"]}
    # Lost: neither stored by the platform nor still waiting in a kiosk's outbox.
    lost = sum(1 for r in sent if r not in keyset and r not in held)
    doubled = n_rows - len(keyset & set(sent))
    log: list[Entry] = [e for res in results for e in res["log"]]
    ok = [e for e in log if e[4] is not None and e[4] < 500]
    delivery_ms = [e[1] * 1000 for e in ok if e[3] == "submissions"]
    # Sustained: the final backlog (BURST per kiosk, and what was still queued) drained
    # flat out, from the moment it was enqueued to the last delivery.
    last_store = max((e[0] + e[1] for e in ok if e[3] == "submissions"), default=ended)
    drain_s = max(1e-9, last_store - load_until)
    burst_records = BURST * procs * per
    busy_s = max(1e-9, (last_store - t0) - (up_at - down_at))
    # When each kiosk first reached the platform again after the restart.
    back: dict[str, float] = {}
    for e in sorted(ok):
        if e[0] >= up_at and e[2] not in back:
            back[e[2]] = e[0] - up_at
    after = [b for b in back.values()]
    per_s: Counter[int] = Counter(int(e[0] - up_at) for e in log if e[0] >= up_at)
    during: Counter[int] = Counter(int(e[0] - down_at) for e in log if down_at <= e[0] < up_at)
    kinds = Counter(e[3] for e in ok)
    lookups: Counter[str] = Counter()
    for res in results:
        lookups.update(res["lookups"])
    # The backlog's last records come from kiosks still waiting out a backoff drawn in
    # the outage (reconnect_p95_s): that is the agent's patience, not the platform's
    # speed. The sustained rate is therefore taken over the kiosks that had reached
    # the platform again before their backlog was queued, as the time the first 95 %
    # of their drained records took to arrive. (It used to be the first 95 % of every
    # drained record: that measured the platform only while fewer than 5 % of the
    # records sat on kiosks still in backoff; once the outage's last probes come back
    # after the load ends, as they may with a 60 s probe period, it measured the
    # backoff instead. That figure is still reported, as first95_all_per_s.) The whole
    # drain's rate is reported too.
    arrivals.sort()
    t95_all = max(1e-9, _pct(arrivals, 0.95))
    ready = {k for k, b in back.items() if up_at + b <= load_until}
    # (A run too short for any kiosk to be back before its end falls back to them all.)
    ready_arrivals = sorted(t for t, kid in drained if kid in ready) or arrivals
    t95 = max(1e-9, _pct(ready_arrivals, 0.95))
    sub_rate = 0.95 * len(ready_arrivals) / t95 if ready_arrivals else 0.0
    drain_kiosks = sum(res["drain_cpu_s"] for res in results)
    drain_platform = cpu_after["platform"] - cpu_at_drain["platform"]
    drain_pg = cpu_after["postgres"] - cpu_at_drain["postgres"]
    drained_n = max(1, len(arrivals))
    # The sustained window itself: CPU per record drained in it, and how many of the
    # cores were busy (2.0 = the machine was saturated by this run).
    win_s, win_cpu = sampler.between(load_until, load_until + t95)
    win_records = sum(1 for t in arrivals if t <= t95)
    whole_rate = burst_records / drain_s
    return {
        "kiosks": procs * per,
        "processes": procs,
        "driver_threads_per_process": THREADS,
        "platform_processes": len(platforms),
        "auth": "client certificates (mTLS; CN = kiosk id, tracking numbers bound to it)"
        if tls
        else "insecure-dev",
        "transport": "HTTPS on loopback (P-256 certificates, the platform's CA verified)"
        if tls
        else "HTTP on loopback (no TLS)",
        "database": "PostgreSQL throwaway cluster (initdb in a temp dir, Unix socket, fsync=off)",
        "load_s": load_s,
        "outage_s": round(up_at - down_at, 1),
        "records": len(sent),
        "stored": n_rows,
        "submissions_per_s": round(sub_rate, 1),
        "sustained_how": f"{BURST} applications queued on every kiosk at once, drained flat"
        " out; rate over the time the first 95 % of the drained records of the kiosks back"
        " online before the backlog was queued took to be stored",
        "sustained_kiosks": len(ready),
        # Applications queued on every kiosk for the drain (FLEET_BURST; 20 unless set).
        "burst_per_kiosk": BURST,
        "first95_all_per_s": round(0.95 * len(arrivals) / t95_all, 1) if arrivals else 0.0,
        "drain_s": round(drain_s, 2),
        "drain_p50_s": round(_pct(arrivals, 0.5), 2),
        "drain_p95_s": round(t95, 2),
        "whole_drain_per_s": round(whole_rate, 1),
        "steady_per_s": round((n_rows - burst_records) / max(1e-9, load_until - t0), 1),
        "p50_ms": round(_pct(delivery_ms, 0.5), 1),
        "p99_ms": round(_pct(delivery_ms, 0.99), 1),
        "delivery_requests": len(delivery_ms),
        "lost": lost,
        "doubled": doubled,
        "undelivered_at_end": sum(res["undelivered"] for res in results),
        "dead": sum(res["dead"] for res in results),
        "replays_answered_from_store": sum(int(r) for _, r in stored),
        "reconnected": len(back),
        "reconnect_first_s": round(min(after, default=0.0), 2),
        "reconnect_p50_s": round(_pct(after, 0.5), 2),
        "reconnect_p95_s": round(_pct(after, 0.95), 2),
        "reconnect_spread_s": round(max(after, default=0.0) - min(after, default=0.0), 2),
        "peak_req_per_s_after_recovery": max(per_s.values(), default=0),
        "req_per_s_first_10s_after_recovery": [per_s.get(s, 0) for s in range(10)],
        "peak_req_per_s_during_outage": max(during.values(), default=0),
        "requests_ok": dict(kinds),
        "req_per_s": round(len(ok) / busy_s, 1),
        "status_lookups": dict(lookups),
        "bare_per_s": round(bare, 1),
        "bare": "psycopg on one connection: copies of the stored application rows and their"
        " first timeline row, into LIKE tables of the same database, one commit per"
        f" {per_commit} records (the platform's mean records per delivery request in the"
        " drain), executemany",
        "bare_records_per_commit": per_commit,
        "vs_bare": round(sub_rate / bare, 3),
        # Where the 2 cores went while the backlog drained (CPU seconds; the kiosks are
        # the simulated fleet's own processes, sharing the machine with the platform).
        # CPU per record, which the other work on a shared machine disturbs far less
        # than rates: the platform's processes and PostgreSQL over the drain, against
        # the bare loop's own process and PostgreSQL.
        "cpu_us_per_record": {
            "platform_and_postgres": round(1e6 * (drain_platform + drain_pg) / drained_n),
            # The simulated kiosks (the real agent) in the drain: on a real fleet this
            # runs on the kiosks, here it shares the 2 cores with the platform.
            "kiosks": round(1e6 * drain_kiosks / drained_n),
            "all": round(1e6 * (drain_kiosks + drain_platform + drain_pg) / drained_n),
            "bare_and_postgres": round(bare_cpu_us),
        },
        "sustained_window": {
            "seconds": round(win_s, 2),
            "records": win_records,
            "cpu_us_per_record": {
                k: round(1e6 * v / max(1, win_records)) for k, v in win_cpu.items()
            },
            "cores_busy": {
                **{k: round(v / max(1e-9, win_s), 2) for k, v in win_cpu.items()},
                "all": round(sum(win_cpu.values()) / max(1e-9, win_s), 2),
            },
            # Not the target's definition, beside it: the bare loop's CPU per row
            # (its process and PostgreSQL) over the platform's and PostgreSQL's per
            # record here. The same work by CPU, whatever the simulated kiosks take of
            # the 2 cores (on a real fleet they run on the kiosks).
            "bare_cpu_over_platform_cpu": round(
                bare_cpu_us
                / max(1e-9, 1e6 * (win_cpu.get("platform", 0.0) + win_cpu.get("postgres", 0.0)))
                * max(1, win_records),
                3,
            ),
        },
        "drain_cpu_s": {
            "kiosks": round(drain_kiosks, 1),
            "platform": round(drain_platform, 1),
            "postgres": round(drain_pg, 1),
            "available": round(drain_s * (os.cpu_count() or 1), 1),
        },
        "wall_s": round(ended - t0, 1),
        # Other engineers' work shares this machine: the 1-minute load average says how
        # much (this run's own processes count in it too).
        "machine": f"{os.cpu_count()} cores; load average (1 min) {load_avg_start:.1f} when the"
        f" load started, {load_avg_end:.1f} after the drain",
    }


def main() -> None:
    """Run and write the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kiosks", type=int, default=1000)
    ap.add_argument("--procs", type=int, default=4)
    ap.add_argument("--load-s", type=float, default=90.0)
    ap.add_argument("--outage-s", type=float, default=20.0)
    ap.add_argument(
        "--tls",
        action="store_true",
        help="HTTPS with a client certificate per kiosk (the production setup) instead of"
        " HTTP with --insecure-dev",
    )
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "fleet.json")
    args = ap.parse_args()
    out = run(args.kiosks, args.procs, args.load_s, args.outage_s, args.tls)
    out["targets"] = {"kiosks": ">= 1000", "lost": 0, "doubled": 0, "vs_bare": ">= 0.5"}
    print(json.dumps(out, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
