"""300 citizens through the real window: memory, handles and threads stay flat, nothing lost.

The same engine as ``make soak`` (tests/soak/ui_soak.py), shorter. It runs in its
own process so the figures are the kiosk's alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.soak, pytest.mark.integration]

ROOT = Path(__file__).resolve().parents[2]
CITIZENS = int(os.environ.get("SOAK_CI_CITIZENS", "300"))


@pytest.mark.long(400)
@pytest.mark.timeout(1500)  # ~100 s on a quiet 2-core machine; far more when it is shared
def test_three_hundred_citizens_leave_the_kiosk_as_they_found_it(tmp_path: Path) -> None:
    out = tmp_path / "soak.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-m", "tests.soak.ui_soak", str(CITIZENS), str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["citizens"] == CITIZENS
    assert sum(result["journeys"].values()) == CITIZENS
    assert result["journeys"].get("apply", 0) > CITIZENS // 2
    assert result["lost"] == 0 and result["doubled"] == 0
    assert result["dead"] == 0, result["dead_reasons"]
    assert result["accepted"] == result["on_platform"] > 0
    # The goal is <= 5 % over 10,000 citizens (README; docs/memory.md). Over citizens
    # 100-300 the kiosk grew 3-7 % before the allocator fixes (kiosk/heap.py, the
    # SQLite cache bound) and 1.8 % and 2.9 % after (shared machine): 6 % leaves room
    # for noise, and a leak of the kind the soak has found (a Qt gesture type per
    # scroll area: +8 % in 300 citizens) goes well past it.
    assert result["rss_growth_pct"] <= 6.0, result["samples"][-3:]
    assert result["fd_growth"] <= 2 and result["thread_growth"] <= 2, result["samples"][-3:]
