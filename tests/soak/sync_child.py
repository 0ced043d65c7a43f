"""Child process of the crash-safety soak test: enqueue and sync until killed.

``python tests/soak/sync_child.py DB KEY URL MODE SEED`` runs one kiosk life, MODE
``run`` (enqueue continuously while the agent delivers, until SIGKILLed) or
``drain`` (enqueue nothing; exit 0 once everything is delivered).
``python tests/soak/sync_child.py platform DB DATA_KEY PORT`` runs one life of the
reference platform on loopback (its database and data key persist across lives;
PORT 0 picks one, printed as ``PORT n``) until SIGKILLed.

``python tests/soak/sync_child.py zygote`` imports everything once and then forks a
fresh process per ``spawn DB KEY URL MODE SEED`` line on stdin (answering
``PID n``), and reaps it on ``reap n`` (answering ``REAPED status``). Each life is
still a new process that opens the database from scratch; forking only skips the
interpreter start and imports (~1 s on a busy machine), so 200+ kills fit in the
time budget.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path

from kiosk.sync import SyncAgent, SyncConfig
from offline_cache.crypto import KeyRing
from offline_cache.db import Database
from offline_cache.outbox_protocol import RecordKind
from offline_cache.sqlite_outbox import SqliteOutbox


def _say(lines: str) -> None:
    """One write(2) per message: parent and children share the pipe, and with
    PYTHONUNBUFFERED set print() writes a line and its newline separately, so another
    process's line could land between them."""
    os.write(1, (lines + "\n").encode())


def life(db_path: str, key_path: str, url: str, mode: str, seed: str) -> int:
    """One kiosk life; see the module docstring."""
    rng = random.Random(int(seed))
    outbox = SqliteOutbox(
        Database(Path(db_path)), KeyRing.load_or_create(Path(key_path)), max_attempts=10_000
    )
    config = SyncConfig(
        base_url=url,
        kiosk_id="SOAK",
        backoff_base_s=0.02,
        backoff_cap_s=0.2,
        batch_size=rng.choice([1, 1, 20]),
        heartbeat_s=3600,
        catalog_refresh_s=3600,
        idle_poll_s=0.05,
    )
    agent = SyncAgent(config, outbox)
    now = dt.datetime.now(dt.UTC)
    st = outbox.stats(now)
    total = st.pending + st.sending + st.failed + st.dead + st.delivered
    _say("READY")
    agent.start()
    if mode == "run":
        while True:
            # The number comes from the durable count, so a record whose enqueue
            # committed just before a kill is never enqueued a second time.
            body = json.dumps({"n": total, "service_id": "soak", "pad": "x" * 300}).encode()
            outbox.enqueue(
                RecordKind.APPLICATION, body, f"SOAK-{total:06d}", dt.datetime.now(dt.UTC)
            )
            total += 1
            agent.wake()
            time.sleep(rng.uniform(0, 0.006))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        st = outbox.stats(dt.datetime.now(dt.UTC))
        if st.pending == st.sending == st.failed == 0:
            agent.stop()
            _say("DONE")
            return 0
        time.sleep(0.05)
    return 1


def platform_life(db_path: str, data_key: str, port: str) -> int:
    """One life of the platform (insecure-dev: loopback, no kiosk credentials)."""
    from central.app import PlatformConfig
    from central.embedded import start_embedded

    config = PlatformConfig(db_path=Path(db_path), data_key_path=Path(data_key), insecure_dev=True)
    platform = start_embedded(config, port=int(port))
    bound = platform.base_url.rstrip("/").rsplit(":", 1)[1]
    _say(f"PORT {bound}\nREADY")
    while True:
        time.sleep(3600)


def zygote() -> int:
    """Fork a fresh life per command (see the module docstring)."""
    # Imported once here, so a platform life starts in a fraction of a second.
    import central.embedded  # noqa: F401

    for line in sys.stdin:
        cmd = line.split()
        if not cmd:
            continue
        if cmd[0] == "spawn":
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                code = 1
                try:
                    args = cmd[1:]
                    platform = args[0] == "platform"
                    code = platform_life(*args[1:4]) if platform else life(*args[:5])
                finally:
                    os._exit(code)
            _say(f"PID {pid}")
        elif cmd[0] == "reap":
            _, status = os.waitpid(int(cmd[1]), 0)
            _say(f"REAPED {status}")
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "zygote":
        raise SystemExit(zygote())
    raise SystemExit(life(*sys.argv[1:6]))
