"""Suite-wide set-up: Qt must run offscreen unless a test brings its own X server."""

from __future__ import annotations

import os

# Must happen before anything imports Qt; without a display pytest-qt would abort.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
# Synthetic taps that wait for the tap guard end its settle time at once (a fake
# clock) rather than sleeping 0.35-1 s per staged screen; children inherit it. The
# guard still drops taps that do not wait; tests/ui/test_tap_guard.py keeps real time.
os.environ.setdefault("KIOSK_TAPS_LOOK_AHEAD", "1")
