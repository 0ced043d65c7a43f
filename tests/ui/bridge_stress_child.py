"""Child of test_bridge_stress: worker threads flood the GUI bridge for a few seconds."""

from __future__ import annotations

import os
import sys
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui.bridge import GuiBridge

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0


def main() -> None:
    app = QApplication(sys.argv[:1])
    bridge = GuiBridge()
    posted = [0, 0]
    received = [[], []]
    stop = threading.Event()

    def worker(k: int) -> None:
        while not stop.is_set():
            bridge.post(received[k].append, posted[k])
            posted[k] += 1

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    QTimer.singleShot(int(SECONDS * 1000), stop.set)
    end = time.monotonic() + SECONDS
    while time.monotonic() < end + 1:
        app.processEvents()
    for t in threads:
        t.join()
    app.processEvents()
    for k in range(2):
        # Every callback arrives, once, in the order it was posted.
        assert received[k] == list(range(posted[k])), (k, len(received[k]), posted[k])
    print(sum(posted))


if __name__ == "__main__":
    main()
