"""Child process of the audit exactly-once test: record audit entries and ship them until killed.

``python tests/soak/audit_child.py DIR URL MODE`` runs one kiosk life over the
data in DIR: MODE ``run`` appends an entry every few milliseconds while the sync
agent delivers (until SIGKILLed); ``drain`` appends nothing and exits 0 once the
outbox is empty (after the trail has caught up with what a kill held back).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

from kiosk.audit.trail import AuditTrail
from kiosk.sync import SyncAgent, SyncConfig
from offline_cache.crypto import KeyRing
from offline_cache.db import Database
from offline_cache.sqlite_outbox import SqliteOutbox


def life(data: str, url: str, mode: str) -> int:
    """One kiosk life; see the module docstring."""
    root = Path(data)
    outbox = SqliteOutbox(
        Database(root / "kiosk.db"),
        KeyRing.load_or_create(root / "outbox.key"),
        max_attempts=10_000,
    )
    outbox.recover_in_flight()
    config = SyncConfig(
        base_url=url,
        kiosk_id="M001",
        backoff_base_s=0.02,
        backoff_cap_s=0.2,
        batch_size=random.choice([1, 20]),
        heartbeat_s=3600,
        catalog_refresh_s=3600,
        idle_poll_s=0.05,
    )
    agent = SyncAgent(config, outbox)
    trail = AuditTrail(
        root / "audit",
        root / "keys" / "audit.key",
        "M001",
        lambda: dt.datetime.now(dt.UTC),
        outbox,
        on_enqueued=agent.wake,
    )
    print("READY", flush=True)
    agent.start()
    if mode == "run":
        while True:
            trail.record("panel.test_page", {"technician": "1001", "printed": True})
            time.sleep(random.uniform(0, 0.01))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        st = outbox.stats(dt.datetime.now(dt.UTC))
        if st.pending == st.sending == st.failed == 0:
            agent.stop()
            print("DONE", flush=True)
            return 0
        time.sleep(0.05)
    return 1


if __name__ == "__main__":
    raise SystemExit(life(*sys.argv[1:4]))
