"""`kiosk --demo` on an X server with no window manager (a bare Xvfb, the README's
xvfb-run): the function keys work from the start, before anything was tapped
(try-out 10, R2: F12 did nothing until the kiosk window had been tapped once).

The whole application in a real X11 window; the key goes through the X server
(xdotool), and F12's effect is seen from outside: the embedded platform stops serving.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.ui.test_x11_window import ROOT, xvfb  # noqa: F401  (fixture)

pytestmark = pytest.mark.integration

CONSOLE = re.compile(r"embedded platform console: (http://127\.0\.0\.1:\d+)")


def _serving(url: str) -> bool:
    try:
        return requests.get(url + "/console/signin", timeout=2).status_code == 200
    except requests.ConnectionError:
        return False


def test_f12_cuts_the_network_before_anything_was_tapped(
    xvfb: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    env = dict(os.environ, DISPLAY=xvfb, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    log = tmp_path / "kiosk.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--demo", "--data-dir", str(tmp_path / "data")],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        url = None
        deadline = time.monotonic() + 180
        while url is None and time.monotonic() < deadline and proc.poll() is None:
            found = CONSOLE.search(log.read_text(errors="replace"))
            url = found.group(1) if found and _serving(found.group(1)) else None
            time.sleep(0.5)
        assert url is not None, log.read_text(errors="replace")[-3000:]
        subprocess.run(["xdotool", "key", "F12"], env=env, check=True, timeout=10)
        deadline = time.monotonic() + 30
        while _serving(url) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not _serving(url), "F12 did not cut the network (no window had the keyboard)"
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
