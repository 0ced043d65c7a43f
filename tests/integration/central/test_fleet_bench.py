"""The fleet bench's harness in small: 20 real SyncAgents in 2 processes, over HTTP to
2 platform processes on one throwaway PostgreSQL cluster, through one outage of both
platform processes. Every record the kiosks enqueued is stored exactly once (compared
with the platform's idempotency keys). The figures themselves are the bench's business
(``make bench-fleet``); this test checks only what must hold at any speed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import pg_cluster

ROOT = Path(__file__).resolve().parents[3]

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not pg_cluster.available(), reason="needs the Debian package postgresql"),
]


@pytest.mark.long(110)
def test_twenty_kiosks_through_an_outage_lose_and_double_nothing(tmp_path: Path) -> None:
    out = tmp_path / "fleet.json"
    subprocess.run(
        [sys.executable, "bench/fleet.py", "--kiosks", "20", "--procs", "2", "--load-s", "12",
         "--outage-s", "3", "--out", str(out)],
        cwd=ROOT, check=True, timeout=240, capture_output=True,
        # A kiosk that failed several times in the outage may wait out a backoff of
        # up to ~30 s (full jitter) before it tries again: the wait ends as soon as
        # every outbox is empty, this is only its limit.
        env={**os.environ, "FLEET_DRAIN_LIMIT_S": "90"},
    )  # fmt: skip
    fig = json.loads(out.read_text())
    assert fig["kiosks"] == 20
    assert fig["records"] >= 20 * 20  # the final backlog alone is 20 per kiosk
    assert fig["lost"] == 0
    assert fig["doubled"] == 0
    assert fig["undelivered_at_end"] == 0
    assert fig["dead"] == 0
    assert fig["stored"] == fig["records"]
    # The outage happened and the kiosks came back through it.
    assert fig["reconnected"] > 0
    assert fig["requests_ok"]["heartbeat"] >= 20
    assert fig["requests_ok"]["submissions"] > 0
