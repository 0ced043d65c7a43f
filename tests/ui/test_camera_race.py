"""Leaving the track screen quickly never leaves the camera running (real window, real pool).

The other UI tests run workers inline, where start and stop cannot overtake each
other. Here the kiosk runs its real thread pool and a camera that takes a while to
open, and the citizen taps into the track screen and straight back out, 20 times.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from drivers.scanner.simulator import SimulatedScanner
from kiosk.app import KioskApp, build_app
from kiosk.flow import Screen
from kiosk.services.citizen import build_citizen_services, install
from kiosk.settings import Settings
from kiosk.workers import ThreadExecutor
from tests.support.citizen_backend import make_backend
from tests.ui.helpers import wait_until_tappable


class SlowOpeningScanner(SimulatedScanner):
    """The simulator, with a USB camera's open time and a count of live starts."""

    def __init__(self) -> None:
        super().__init__(latency_s=0.0)
        self._rng = random.Random(18)
        self.live = 0
        self._count = threading.Lock()

    def start(self, on_code, on_preview=None) -> None:  # type: ignore[no-untyped-def]
        time.sleep(self._rng.uniform(0.0, 0.03))
        super().start(on_code, on_preview)
        with self._count:
            self.live = 1

    def stop(self) -> None:
        super().stop()
        with self._count:
            self.live = 0


@pytest.fixture
def pooled_app(settings: Settings, clock) -> Iterator[KioskApp]:  # type: ignore[no-untyped-def]
    app = build_app(settings, clock=clock, executor=ThreadExecutor(4))
    yield app
    app.stop()


def _tap(qtbot, window, name: str) -> None:  # type: ignore[no-untyped-def]
    def visible():  # type: ignore[no-untyped-def]
        found = [w for w in window.findChildren(QAbstractButton, name) if w.isVisible()]
        return found[0] if found else None

    qtbot.waitUntil(lambda: visible() is not None, timeout=3000)
    wait_until_tappable(visible())
    qtbot.mouseClick(visible(), Qt.MouseButton.LeftButton)


def test_leaving_the_track_screen_quickly_stops_the_camera(
    qtbot,
    request: pytest.FixtureRequest,
    pooled_app: KioskApp,
    tmp_path: Path,
    clock,  # type: ignore[no-untyped-def]
) -> None:
    from tests.support.tap_clock import LookAheadClock
    from ui.main_window import MainWindow

    window = MainWindow(pooled_app.core, tap_clock=LookAheadClock())
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    backend = make_backend(tmp_path / "citizen", clock)
    request.addfinalizer(backend.close)
    scanner = backend.scanner = SlowOpeningScanner()
    install(window.core, build_citizen_services(window.core, backend))

    left_running = 0
    for _ in range(20):
        _tap(qtbot, window, "tile_track")
        qtbot.waitUntil(lambda: window.core.screen() == Screen.TRACK, timeout=3000)
        _tap(qtbot, window, "btn_home")
        qtbot.waitUntil(lambda: window.core.screen() != Screen.TRACK, timeout=3000)
        qtbot.wait(80)  # the pool finishes both jobs, in whatever order it ran them
        left_running += scanner.live
    assert left_running == 0
    # And the camera does run while the screen is up.
    _tap(qtbot, window, "tile_track")
    qtbot.waitUntil(lambda: scanner.live == 1, timeout=3000)
    _tap(qtbot, window, "btn_home")
    qtbot.waitUntil(lambda: scanner.live == 0, timeout=3000)
