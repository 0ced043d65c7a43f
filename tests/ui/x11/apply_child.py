"""Child process of the X11 window test: the real kiosk window on a real X server.

Runs the demo kiosk (embedded platform, simulated devices) with Qt's xcb platform,
and taps through one whole application by moving the X pointer and clicking with
xdotool, so every tap travels X server → xcb → Qt like a touchscreen's would.
Prints one JSON line with what happened; exit status 0 means the journey completed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app import build_app
from kiosk.settings import CONFIG_DIR, load_settings
from offline_cache.outbox_protocol import RecordKind
from tests.support.journey import Driver, apply_by_manual_entry


def xdotool_tap(w: QWidget) -> None:
    centre = w.mapToGlobal(QPoint(w.width() // 2, w.height() // 2))
    subprocess.run(
        ["xdotool", "mousemove", str(centre.x()), str(centre.y()), "click", "1"],
        check=True,
        timeout=10,
    )


def main(data_dir: str, shot: str) -> int:
    app = QApplication(sys.argv[:1])
    assert app.platformName() == "xcb", app.platformName()
    from tests.support.tap_clock import LookAheadClock
    from ui.main_window import MainWindow

    s = load_settings(CONFIG_DIR / "demo.toml")
    s = s.model_copy(update={"storage": s.storage.model_copy(update={"data_dir": Path(data_dir)})})
    kiosk = build_app(s)
    kiosk.start()
    window = MainWindow(kiosk.core, tap_clock=LookAheadClock())
    window.setGeometry(0, 0, 1920, 1080)
    window.show()
    window.activateWindow()
    try:
        d = Driver(window, xdotool_tap, timeout_s=30)
        number = apply_by_manual_entry(d)
        d.settle()
        window.grab().save(shot)
        # The rating is queued by a worker after the last tap: wait for it (bounded)
        # rather than read the outbox at once (on a loaded machine it was not in yet).
        deadline = time.monotonic() + 20
        kinds = [r.kind.value for r in kiosk.backend.outbox.list()]
        while RecordKind.RATING.value not in kinds and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.05)
            kinds = [r.kind.value for r in kiosk.backend.outbox.list()]
        print(
            json.dumps(
                {
                    "platform": app.platformName(),
                    "tracking_number": number,
                    "records": kinds,
                    "transitions": [[a.value, b.value] for a, b in d.transitions],
                    "application": RecordKind.APPLICATION.value in kinds,
                }
            )
        )
    finally:
        window.close()
        kiosk.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
