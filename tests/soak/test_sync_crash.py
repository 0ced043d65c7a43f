"""Crash safety: SIGKILL the kiosk and the platform at random moments while records flow.

Each life of the kiosk process enqueues records continuously (each enqueue
durable) while its sync agent delivers them to the reference platform over real
HTTP; the test kills it at a random moment and restarts it. The platform runs in
its own process too (its database and data key persist) and is killed at random
moments as well, mid-request included, and restarted on the same port. 200+ kills
in all. At the end the platform must hold exactly what was enqueued: none lost,
none doubled.
"""

from __future__ import annotations

import contextlib
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
KIOSK_KILLS = 160
# Every few kiosk lives the platform is killed too, at a random moment of that life.
PLATFORM_EVERY = 3


class Zygote:
    """Forks fresh kiosk processes on request (see sync_child.py)."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), "zygote"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            # Its own process group: close() can end every forked life with it.
            start_new_session=True,
        )

    def _send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def _read(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, "zygote died"
        return line.strip()

    def spawn(self, *args: str, until: str = "READY") -> int:
        """Start a life; returns its pid once it printed ``until``."""
        self._send("spawn " + " ".join(args))
        pid, seen = None, False
        while pid is None or not seen:
            line = self._read()
            if line.startswith("PID "):
                pid = int(line[4:])
            elif line.startswith("PORT "):
                self.port = int(line[5:])
            elif line == until:
                seen = True
        return pid

    port = 0  # the port the last platform life reported

    def reap(self, pid: int) -> int:
        """Wait for a life to end; returns its wait status."""
        self._send(f"reap {pid}")
        while True:
            line = self._read()
            if line.startswith("REAPED "):
                return int(line[7:])

    def close(self) -> None:
        """End the zygote and any life still running (a failed test must not leave one)."""
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)


def _states(db: Path) -> Counter[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return Counter(dict(conn.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state")))
    finally:
        conn.close()


@pytest.mark.long(80)
@pytest.mark.timeout(400)
def test_sigkill_of_kiosk_and_platform_loses_and_doubles_nothing(tmp_path: Path) -> None:
    # Loopback, no kiosk credentials in the child kiosks: the explicit insecure-dev mode.
    central_db, data_key = tmp_path / "central.sqlite3", tmp_path / "central-keys" / "data.key"
    db, key = tmp_path / "kiosk.db", tmp_path / "outbox.key"
    rng = random.Random(20261123)
    kills = kills_in_flight = platform_kills = platform_kills_in_flight = 0
    zygote = Zygote()
    try:
        platform_pid = zygote.spawn("platform", str(central_db), str(data_key), "0")
        port = zygote.port
        url = f"http://127.0.0.1:{port}"
        for life in range(KIOSK_KILLS):
            pid = zygote.spawn(str(db), str(key), url, "run", str(life))
            lifetime = rng.uniform(0.0, 0.4)
            if life % PLATFORM_EVERY == 0:
                # The platform dies at a random moment of this kiosk life (often while a
                # request is on the wire) and comes back on the same port a little later.
                at = rng.uniform(0.0, lifetime)
                time.sleep(at)
                os.kill(platform_pid, signal.SIGKILL)
                assert os.WIFSIGNALED(zygote.reap(platform_pid))
                platform_kills += 1
                if _states(db)["sending"]:
                    platform_kills_in_flight += 1  # the kiosk was waiting for its answer
                time.sleep(rng.uniform(0.0, 0.15))
                platform_pid = zygote.spawn("platform", str(central_db), str(data_key), str(port))
                time.sleep(max(0.0, lifetime - at))
            else:
                time.sleep(lifetime)
            os.kill(pid, signal.SIGKILL)
            status = zygote.reap(pid)
            assert os.WIFSIGNALED(status), "the run mode never ends by itself"
            kills += 1
            if _states(db)["sending"]:
                kills_in_flight += 1  # killed between claim and confirmation
        os.kill(platform_pid, signal.SIGKILL)
        zygote.reap(platform_pid)
        platform_kills += 1
        # The last platform runs here, so the test can read what it holds.
        platform = start_embedded(
            PlatformConfig(db_path=central_db, data_key_path=data_key, insecure_dev=True)
        )
        try:
            pid = zygote.spawn(str(db), str(key), platform.base_url, "drain", "0", until="DONE")
            assert zygote.reap(pid) == 0
            held = platform.platform.store.list_submissions()
        finally:
            platform.stop()
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        rows = conn.execute("SELECT id, state FROM outbox").fetchall()
        inbox = conn.execute(
            "SELECT COUNT(*) FROM enqueued WHERE rowid >"
            " (SELECT COALESCE(MAX(payload_row), 0) FROM outbox)"
        ).fetchone()[0]
        conn.close()
    finally:
        zygote.close()

    assert platform_kills >= 50
    assert platform_kills_in_flight >= 5, platform_kills_in_flight
    assert kills + platform_kills >= 200
    assert kills_in_flight >= 20, kills_in_flight
    enqueued = {r[0] for r in rows}
    assert inbox == 0  # drained: nothing left waiting to move into the outbox
    assert {state for _, state in rows} == {"delivered"}
    numbers = [s["body"]["payload"]["n"] for s in held]
    assert len(held) == len(rows)  # none doubled, none lost …
    assert sorted(numbers) == list(range(len(rows)))  # … and no logical record twice
    assert len({s["idempotency_key"] for s in held}) == len(held)
    assert {s["idempotency_key"] for s in held} == enqueued
