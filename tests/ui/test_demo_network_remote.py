"""F12 on a demo kiosk pointed at a separate kiosk-central (README, "The platform
console": several demo kiosks against one platform to see a fleet). F12 cuts the link
by stopping the embedded platform; such a kiosk has none, and the panel said
"网络已断开（演示）" while nothing was cut and the bar still said the link was up
(try-out 8, found checking R4). It now says what F12 can and cannot do there."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.app import KioskApp, build_app
from kiosk.settings import Settings
from tests.ui.conftest import FakeClock
from tests.ui.helpers import wait_until_tappable
from ui.demo_panel import install_demo_panel


@pytest.fixture
def remote_app(settings: Settings, clock: FakeClock) -> Iterator[KioskApp]:
    from kiosk.workers import InlineExecutor

    platform = settings.platform.model_copy(
        update={"mode": "remote", "base_url": "http://127.0.0.1:9/"}
    )
    app = build_app(
        settings.model_copy(update={"platform": platform}), clock=clock, executor=InlineExecutor()
    )
    yield app
    app.stop()


def test_f12_says_it_cannot_cut_a_separate_platform(qtbot, remote_app, tap_clock) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    window = MainWindow(remote_app.core, tap_clock=tap_clock)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    panel = install_demo_panel(window, remote_app)
    qtbot.addWidget(panel)
    if panel.collapsed:
        toggle = panel.findChild(QPushButton, "btn_demo_toggle")
        wait_until_tappable(toggle)
        qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    f12 = panel.findChild(QPushButton, "demo_network")
    wait_until_tappable(f12)
    qtbot.mouseClick(f12, Qt.MouseButton.LeftButton)
    said = [w.text() for w in panel.findChildren(QLabel) if w.isVisible() and "F12" in w.text()]
    assert said and "kiosk-central" in said[0], said
    assert not panel._demo.network_down  # nothing was cut, and it is not claimed
    assert "网络已断开" not in " ".join(w.text() for w in panel.findChildren(QLabel))
