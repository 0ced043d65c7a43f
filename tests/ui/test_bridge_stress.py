"""Worker threads posting to the GUI thread must never corrupt the interpreter.

PySide6 6.12.0 aborted this within seconds ("Fatal Python error: bool_dealloc"),
which is why pyproject.toml keeps PySide6 below 6.12. Run in a child process so
a crash fails this test instead of killing the whole run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bridge_survives_a_flood_from_two_worker_threads() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-m", "tests.ui.bridge_stress_child", "4"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert int(proc.stdout.strip().splitlines()[-1]) > 1000
