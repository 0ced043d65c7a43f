"""A hall's day on a province platform: the hall page's time and the store's read.

A province platform (10,000 kiosks, ~500 halls: docs/sync-and-central.md's sizing)
holds 100k-200k appointment records a day (queue tickets and bookings). Each open
hall page reloads every 3 s, and 叫号 and the kiosks' ticket look-ups read a day's
records too. This bench fills one platform store (SQLite, or a throwaway PostgreSQL
cluster with ``--db postgres``) with ``--records`` appointment records of today
spread over ``--halls`` halls (two tickets to a booking, through the store's own
insert paths) and times, for each source tree given:

- the store's read of a day (``PlatformStore.appointments_on``): a tree that reads by
  hall (migration 0013) reads one hall's; an older tree every hall's;
- the hall page (``GET /console/hall``, signed in as hall staff, over loopback HTTP):
  with ``?hall=`` where the tree has halls, else the one page every hall had.

``python bench/hall_day.py --tree /path/to/before --tree . [--records 150000]
[--halls 500] [--reps 5] [--db sqlite|postgres]`` prints one line per tree (medians
of ``--reps``: wall seconds, and the platform process's CPU seconds for the page,
which the machine's load moves less). A tree to compare with: ``git archive main |
tar -x -C DIR``. Each tree runs in its own process, from its own sources.
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
PASSWORD = "Hall-staff-2026!"


def _bodies(records: int, halls: int, today: dt.date) -> list[dict[str, Any]]:
    """``records`` appointment records of ``today``, round the halls: two queue tickets
    to a booking, as a hall's day has them."""
    out: list[dict[str, Any]] = []
    for n in range(records):
        hall = f"大厅{n % halls:03d}"
        k = n // halls  # the record's place in its hall's day
        minute = 8 * 60 + 30 + k % 480
        at = f"{today.isoformat()}T{minute // 60:02d}:{minute % 60:02d}"
        if n % 3 == 2:
            out.append(
                {
                    "kind": "appointment",
                    "kiosk_id": "A7H3",
                    "tracking_number": f"A7H3-{today:%y%m%d}-{n:06d}",
                    "payload": {
                        "type": "appointment",
                        "hall": hall,
                        "department_id": ("gongan", "renshe", "minzheng")[k % 3],
                        "slot_start": at,
                        "slot_end": at[:-2] + "59",
                        "applicant": {"name": f"张{n}"},
                    },
                }
            )
        else:
            out.append(
                {
                    "kind": "appointment",
                    "kiosk_id": "A7H3",
                    "payload": {
                        "type": "queue_ticket",
                        "hall": hall,
                        "department_id": ("gongan", "renshe", "minzheng")[k % 3],
                        "number": f"1-A{k:04d}",
                        "issued_at": f"{at}:00+08:00",
                    },
                }
            )
    return out


def _child(records: int, halls: int, reps: int, db: str) -> dict[str, Any]:
    """Fill a platform of this process's tree and time its day's reads (run in the tree)."""
    import requests

    from central.app import PlatformConfig
    from central.console.accounts import Role
    from central.embedded import start_embedded
    from central.store import canonical_hash, canonical_json

    with tempfile.TemporaryDirectory(prefix="hall-day-") as tmp:
        # Loopback only; the kiosks' side is not asked (the records go in through the store).
        config = PlatformConfig(db_path=db or Path(tmp) / "platform.sqlite3", insecure_dev=True)
        now = dt.datetime.now(dt.UTC)
        today = now.astimezone().date()
        with start_embedded(config) as p:
            store = p.platform.store
            p.platform.staff.add("wang", Role.HALL, PASSWORD, now)
            t0 = time.perf_counter()
            bodies = _bodies(records, halls, today)
            for start in range(0, len(bodies), 1000):
                items = []
                for n, body in enumerate(bodies[start : start + 1000], start):
                    text = canonical_json(body)
                    items.append(
                        (f"r{n}", canonical_hash(body), body, text, {"id": f"r{n}"}, "A7H3")
                    )
                got = store.insert_many(items, now)
                assert got == [None] * len(items), got[:3]
            fill_s = time.perf_counter() - t0
            by_hall = "hall" in inspect.signature(store.appointments_on).parameters
            hall = "大厅007"
            args = (today.isoformat(), hall) if by_hall else (today.isoformat(),)
            read_s, read_rows = [], 0
            for _ in range(reps):
                t0 = time.perf_counter()
                read_rows = len(store.appointments_on(*args))
                read_s.append(time.perf_counter() - t0)

            s = requests.Session()
            s.trust_env = False
            base = p.base_url
            form = s.get(base + "/console/signin", timeout=10).text
            csrf = form.split('name="csrf" value="', 1)[1].split('"', 1)[0]
            r = s.post(
                base + "/console/signin",
                data={"csrf": csrf, "username": "wang", "password": PASSWORD},
                allow_redirects=False,
                timeout=10,
            )
            assert r.status_code == 303, r.text[:200]
            params = {"hall": hall} if by_hall else {}
            page_s: list[float] = []
            page_cpu: list[float] = []
            size, tickets = 0, 0
            status: int | str = 0
            for _ in range(reps):
                c0, t0 = time.process_time(), time.perf_counter()
                try:
                    page = s.get(base + "/console/hall", params=params, timeout=600)
                except requests.RequestException as e:  # after a 500, as above
                    status = type(e).__name__
                    break
                page_s.append(time.perf_counter() - t0)
                page_cpu.append(time.process_time() - c0)
                # Not asserted: an older tree's page over every hall's tickets answered
                # 500 on PostgreSQL (one statement holds at most 65,535 parameters).
                status = page.status_code
                size, tickets = len(page.content), page.text.count('<tr class="ticket">')
            choose_s = []  # the page without a hall: the halls to choose from
            for _ in range(reps if by_hall else 0):
                t0 = time.perf_counter()
                assert (
                    s.get(base + "/console/hall", timeout=600).text.count('class="hall"') == halls
                )
                choose_s.append(time.perf_counter() - t0)
    return {
        "by_hall": by_hall,
        "records": records,
        "halls": halls,
        "fill_s": round(fill_s, 1),
        "read_rows": read_rows,
        "read_ms": round(statistics.median(read_s) * 1000, 1),
        "page_status": status,
        "page_ms": round(statistics.median(page_s) * 1000, 1),
        "page_cpu_ms": round(statistics.median(page_cpu) * 1000, 1),
        "page_kb": round(size / 1024),
        "page_tickets": tickets,
        "chooser_ms": round(statistics.median(choose_s) * 1000, 1) if choose_s else None,
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--tree", action="append", help="a source tree (repeat; default: this one)")
    p.add_argument("--records", type=int, default=150_000, help="appointment records today")
    p.add_argument("--halls", type=int, default=500)
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--url", default="", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child:
        print(json.dumps(_child(a.records, a.halls, a.reps, a.url)))
        return 0
    trees = [Path(t).resolve() for t in (a.tree or [HERE.parent.parent])]
    for tree in trees:
        cmd = [sys.executable, str(HERE), "--child", "--records", str(a.records)]
        cmd += ["--halls", str(a.halls), "--reps", str(a.reps)]
        env = {**os.environ, "PYTHONPATH": str(tree)}
        if a.db == "postgres":
            sys.path.insert(0, str(HERE.parent.parent))
            from tests.support.pg_cluster import throwaway_cluster

            with (
                tempfile.TemporaryDirectory(prefix="hall-day-pg-") as d,
                throwaway_cluster(Path(d)) as url,
            ):
                out = subprocess.run(
                    [*cmd, "--url", url], cwd=tree, env=env, capture_output=True, text=True
                )
        else:
            out = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
        if out.returncode != 0:
            print(f"{tree}: failed\n{out.stderr[-3000:]}", file=sys.stderr)
            return 1
        print(f"{a.db} {tree}: {out.stdout.strip().splitlines()[-1]}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
