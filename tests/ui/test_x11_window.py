"""One application, end to end, in a real X11 window on Xvfb, tapped through the X server."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def xvfb() -> Iterator[str]:
    for tool, package in (("Xvfb", "xvfb"), ("xdotool", "xdotool")):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: apt-get install {package}")
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as f:
        display = f.readline().strip()  # Xvfb writes the display number once it is ready
    try:
        yield f":{display}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_application_in_a_real_x11_window(xvfb: str, tmp_path: Path) -> None:
    env = dict(os.environ, DISPLAY=xvfb, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    shot = tmp_path / "x11.png"
    proc = subprocess.run(
        [sys.executable, "-m", "tests.ui.x11.apply_child", str(tmp_path / "data"), str(shot)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["platform"] == "xcb"
    assert result["application"] and "rating" in result["records"]
    visited = {b for _a, b in result["transitions"]}
    assert {"catalog", "guide", "identify", "manual_id", "form", "review", "submitted"} <= visited
    assert shot.stat().st_size > 10_000  # the window really painted
