"""Crash safety: SIGKILL the kiosk process at random moments while it enqueues and syncs.

Each life of the child process enqueues records continuously (each enqueue
durable) while its sync agent delivers them to the reference platform over real
HTTP; the test kills it at a random moment, 200+ times, restarting it each time.
At the end the platform must hold exactly what was enqueued: none lost, none
doubled.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from central.app import PlatformConfig
from central.embedded import start_embedded

pytestmark = [pytest.mark.soak, pytest.mark.integration]

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("sync_child.py")
KILLS = 210


def _spawn(db: Path, key: Path, url: str, mode: str, seed: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(db), str(key), url, mode, str(seed)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )


def _states(db: Path) -> Counter[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return Counter(dict(conn.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state")))
    finally:
        conn.close()


@pytest.mark.timeout(400)
def test_sigkill_during_enqueue_and_delivery_loses_and_doubles_nothing(tmp_path: Path) -> None:
    platform = start_embedded(PlatformConfig(db_path=tmp_path / "central.sqlite3"))
    db, key = tmp_path / "kiosk.db", tmp_path / "outbox.key"
    rng = random.Random(20261123)
    kills = kills_in_flight = 0
    try:
        for life in range(KILLS):
            child = _spawn(db, key, platform.base_url, "run", life)
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "READY"
            time.sleep(rng.uniform(0.0, 0.5))
            assert child.poll() is None, "the run mode never ends by itself"
            child.send_signal(signal.SIGKILL)
            child.wait()
            child.stdout.close()
            kills += 1
            if _states(db)["sending"]:
                kills_in_flight += 1  # killed between claim and confirmation
        drain = _spawn(db, key, platform.base_url, "drain", 0)
        out, _ = drain.communicate(timeout=90)
        assert drain.returncode == 0 and "DONE" in out

        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        rows = conn.execute("SELECT id, state FROM outbox").fetchall()
        conn.close()
        held = platform.platform.store.list_submissions()
    finally:
        platform.stop()

    assert kills >= 200
    assert kills_in_flight >= 20, kills_in_flight
    enqueued = {r[0] for r in rows}
    assert {state for _, state in rows} == {"delivered"}
    numbers = [s["body"]["payload"]["n"] for s in held]
    assert len(held) == len(rows)  # none doubled, none lost …
    assert sorted(numbers) == list(range(len(rows)))  # … and no logical record twice
    assert len({s["idempotency_key"] for s in held}) == len(held)
    assert {s["idempotency_key"] for s in held} == enqueued
