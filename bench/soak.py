"""``make soak``: citizens through the real window, memory and handles watched.

``SOAK_CITIZENS=N make soak`` runs N (default 10,000); writes bench/out/soak.json
with ``citizens``, ``rss_growth_pct``, ``fd_growth``, ``thread_growth``, ``lost``
(and ``doubled``, ``dead``, the journeys and every sample). The engine is
tests/soak/ui_soak.py, which the CI test runs with 300 citizens.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    citizens = os.environ.get("SOAK_CITIZENS", "10000")
    out = ROOT / "bench" / "out" / "soak.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return subprocess.call(
        [sys.executable, "-m", "tests.soak.ui_soak", citizens, str(out)], cwd=ROOT, env=env
    )


if __name__ == "__main__":
    raise SystemExit(main())
