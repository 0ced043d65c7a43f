"""`kiosk --demo` without `--size` fits the screen it opens on (try-out 3: a fixed
1920x1080 demo ran off a 1280x800 laptop, taking 呼叫工作人员 and the bottom bar with it);
`--size` still wins. The real launcher runs in a child on a 1280x800 offscreen screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kiosk.settings import CONFIG_DIR, load_settings
from ui.launcher import panel_size

ROOT = Path(__file__).resolve().parents[2]
SCREEN = {"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800}


def _run_child(tmp_path: Path, size: str = "") -> dict:  # type: ignore[type-arg]
    cfg = tmp_path / "screens.json"
    cfg.write_text(json.dumps({"screens": [SCREEN | {"logicalDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={cfg}", PYTHONPATH=str(ROOT))
    args = [sys.executable, "-m", "tests.ui.fit_screen_child", str(tmp_path / "data")]
    proc = subprocess.run(
        [*args, size] if size else args,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_the_demo_without_size_takes_the_screen_and_every_corner_is_tappable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    seen = _run_child(tmp_path)
    assert seen["screen"] == [1280, 800]
    assert seen["window"] == [1280, 800]
    assert all(seen["inside"].values()), seen["inside"]
    before, after = seen["staff_text"]
    assert before != after, "the English button did not answer the tap"


def test_size_still_overrides_the_screen() -> None:
    demo = load_settings(CONFIG_DIR / "demo.toml")
    assert demo.display.size_px is None  # the demo ships with no fixed size
    assert panel_size(demo, (1080, 1920), None) == (1080, 1920)
    pinned = demo.model_copy(
        update={"display": demo.display.model_copy(update={"width_px": 1024, "height_px": 768})}
    )
    assert panel_size(pinned, None, None) == (1024, 768)
