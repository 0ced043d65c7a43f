"""Audit entries reach the platform exactly once, even with the kiosk killed during delivery.

A child process records entries (the local chain, then the outbox) while its sync
agent delivers them to the reference platform over real HTTP; the test SIGKILLs it
at random moments, again and again, then lets a last life drain. The platform
must hold every entry of the local chain once: none lost, none doubled, in the
chain's order of sequence numbers; and the local chain still verifies.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from central.app import PlatformConfig
from central.embedded import start_embedded
from kiosk.audit.chain import verify

CHILD = Path(__file__).with_name("audit_child.py")
ROOT = Path(__file__).resolve().parents[2]
KILLS = 12


def _spawn(data: Path, url: str, mode: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(data), url, mode],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "READY"
    return proc


@pytest.mark.timeout(300)
def test_audit_entries_arrive_once_with_kills_during_delivery(tmp_path: Path) -> None:
    platform = start_embedded(
        PlatformConfig(db_path=tmp_path / "central.sqlite3", insecure_dev=True)  # loopback only
    )
    data = tmp_path / "kiosk"
    data.mkdir()
    rng = random.Random(20261204)
    try:
        for _ in range(KILLS):
            proc = _spawn(data, platform.base_url, "run")
            try:
                proc.wait(timeout=rng.uniform(0.2, 0.8))
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
            assert proc.wait(timeout=30) == -signal.SIGKILL
        proc = _spawn(data, platform.base_url, "drain")
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "DONE"
        assert proc.wait(timeout=30) == 0
        held = [s for s in platform.platform.store.list_submissions() if s["kind"] == "audit"]
    finally:
        platform.stop()

    key = (data / "keys" / "audit.key").read_bytes()
    verdict = verify(data / "audit" / "audit.jsonl", key)
    assert verdict.intact, str(verdict)
    seqs = [s["body"]["payload"]["seq"] for s in held]
    assert Counter(seqs).most_common(1)[0][1] == 1, "an entry arrived twice"
    assert sorted(seqs) == list(range(1, verdict.entries + 1)), "an entry is missing"
    assert verdict.entries > KILLS * 5  # the kills really came during recording
