"""Suite-wide set-up: Qt must run offscreen unless a test brings its own X server."""

from __future__ import annotations

import os

# Must happen before anything imports Qt; without a display pytest-qt would abort.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
