"""The demo's F12 switches the network on a worker: stopping the embedded platform waits
for its server's thread (seconds on a loaded machine), and meanwhile the kiosk must keep
answering taps (try-out 15, C6: a 呼叫工作人员 tap just after F12 did nothing)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk.app import KioskApp, build_app
from kiosk.settings import Settings
from kiosk.workers import ThreadExecutor
from tests.ui.conftest import FakeClock
from ui.demo_panel import install_demo_panel
from ui.i18n import tr


@pytest.fixture
def kiosk_app(settings: Settings, clock: FakeClock) -> Iterator[KioskApp]:
    # The kiosk's own thread pool, as the demo runs it (the suite's is inline).
    clock.now = dt.datetime.now(dt.UTC)
    app = build_app(settings, clock=clock, executor=ThreadExecutor())
    yield app
    app.stop()


def test_f12_leaves_the_screen_answering_while_the_platform_stops(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    kiosk_app.start()
    assert kiosk_app.backend.wait_started(30)
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    backend = kiosk_app.backend
    # The platform's stop held until the test lets it go: a slow machine, made certain.
    gate = threading.Event()
    real_stop = backend.stop_embedded_platform

    def slow_stop() -> None:
        gate.wait(20)
        real_stop()

    backend.stop_embedded_platform = slow_stop  # type: ignore[method-assign]
    f12 = panel.findChild(QPushButton, "demo_network")
    qtbot.mouseClick(f12, Qt.MouseButton.LeftButton)
    # The tap came back while the platform is still stopping: the panel says so.
    assert not gate.is_set()
    state = panel.findChild(type(panel.network_state), "demo_network_state")
    assert state.text() == tr("demo.network_going_down", "zh")
    assert backend.platform is not None
    # A second F12 meanwhile starts nothing more (one switch at a time).
    qtbot.mouseClick(f12, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.waitUntil(lambda: state.text() == tr("demo.network_down", "zh"), timeout=30_000)
    assert backend.platform is None
    qtbot.mouseClick(f12, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: state.text() == tr("demo.network_up", "zh"), timeout=30_000)
    assert backend.platform is not None
