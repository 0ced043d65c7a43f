"""Start-up time: `kiosk --demo` offscreen to the home screen painted, vs a bare PySide6 window.

Each run is a fresh process; the kiosk writes a ready file from the first event-loop
turn after the home screen is shown (see ui/launcher.py), then quits.
Run: make bench-startup  ->  bench/out/startup.json
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import median, write_result

RUNS = 7

BARE = """
import json, os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QLabel("hello")); w.resize(1920, 1080); w.show()
def done():
    open(os.environ["KIOSK_READY_FILE"], "w").write(json.dumps({"t": time.time()}))
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def one_run(cmd: list[str]) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        ready = Path(tmp) / "ready.json"
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            KIOSK_READY_FILE=str(ready),
            KIOSK_EXIT_WHEN_READY="1",
        )
        t0 = time.time()
        subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=120)
        info = json.loads(ready.read_text())
        return info["t"] - t0, float(info.get("rss_mib", 0.0))


def main() -> None:
    bare_cmd = [sys.executable, "-c", BARE]
    with tempfile.TemporaryDirectory() as data:
        kiosk_cmd = [sys.executable, "-m", "kiosk", "--demo", "--windowed", "--data-dir", data]
        one_run(kiosk_cmd)  # warm the OS file cache for both
        one_run(bare_cmd)
        kiosk, bare, rss = [], [], []
        for _ in range(RUNS):
            t, r = one_run(kiosk_cmd)
            kiosk.append(t)
            rss.append(r)
            bare.append(one_run(bare_cmd)[0])
    k, b = median(kiosk), median(bare)
    write_result(
        "startup",
        {
            "runs": RUNS,
            "kiosk_s": k,
            "bare_qt_s": b,
            "ratio": round(k / b, 2),
            "kiosk_rss_mib": round(max(rss), 1),
            "target_ratio": 3.0,
        },
    )


if __name__ == "__main__":
    main()
