"""The nightly restart, in the real kiosk: a clean exit inside the window, once a day.

The kiosk (offscreen, simulated devices) is started with its daily window opening a
minute ago. It must run the self-test and quit cleanly (exit 0: systemd's
Restart=always starts it again), and the fresh process, still inside the window,
must stay up rather than restart in a loop.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]


def _config(tmp_path: Path) -> Path:
    opened = (dt.datetime.now().astimezone() - dt.timedelta(minutes=1)).time()
    text = (ROOT / "config" / "default.toml").read_text(encoding="utf-8")
    text = text.replace("[daily]\nenabled = false", "[daily]\nenabled = true", 1)
    text += (
        f"at = {opened.strftime('%H:%M:%S')}\nwindow_min = 30\nrestart = true\n"
        f'\n[storage]\ndata_dir = "{tmp_path / "data"}"\n'
    )
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _kiosk(config: Path, timeout: float) -> subprocess.CompletedProcess[str] | None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    try:
        return subprocess.run(
            [sys.executable, "-m", "kiosk", "--config", str(config), "--windowed"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None  # still running when time was up


def test_restarts_cleanly_once_inside_the_window(tmp_path: Path) -> None:
    if dt.datetime.now().astimezone().time() > dt.time(23, 20):
        pytest.skip("the window would cross midnight")  # at most 40 minutes a day
    config = _config(tmp_path)
    first = _kiosk(config, timeout=120)
    assert first is not None, "the kiosk did not restart inside its window"
    assert first.returncode == 0, first.stderr[-2000:]
    logs = tmp_path / "data" / "logs"
    rotated = (logs / "kiosk.jsonl.1").read_text(encoding="utf-8")  # the window rotated it
    fresh = (logs / "kiosk.jsonl").read_text(encoding="utf-8")
    assert "daily self-test" in rotated
    assert "restarting while nobody is here" in fresh
    assert (tmp_path / "data" / "daily-maintenance.last").is_file()

    second = _kiosk(config, timeout=20)
    assert second is None, "the fresh process restarted again inside the same window"
