"""``python -m central`` works from a checkout as ``kiosk-central`` does (try-out finding)."""

from __future__ import annotations

import subprocess
import sys


def test_python_m_central_is_kiosk_central() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "central", "--help"], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("usage: kiosk-central")
