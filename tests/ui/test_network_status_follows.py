"""The bar's network state follows the link at the next exchange, not the next heartbeat
(try-out 3: 网络正常 for a minute after the cable was cut, 离线办理中 for 30 s after it
came back). Heartbeats are set an hour apart here, so only the new behaviour can pass:
the demo's network switch makes the kiosk probe at once, both ways."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk.settings import CONFIG_DIR, Settings, load_settings
from tests.ui.helpers import wait_until_tappable
from ui.demo_panel import install_demo_panel
from ui.i18n import tr


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = load_settings(CONFIG_DIR / "demo.toml")
    platform = s.platform.model_copy(update={"heartbeat_s": 3600, "backoff_cap_s": 3600.0})
    storage = s.storage.model_copy(update={"data_dir": tmp_path / "data"})
    return s.model_copy(update={"storage": storage, "platform": platform})


def test_the_demo_network_switch_turns_the_bar_both_ways_at_once(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    kiosk_app.start()
    assert kiosk_app.backend.wait_started(30)
    qtbot.waitUntil(lambda: window.net_label.texts()[:1] == ["网络正常"], timeout=15000)
    # Nothing left to deliver: no delivery may be the exchange that notices the cut.
    outbox, clock = kiosk_app.backend.outbox, kiosk_app.backend.clock
    qtbot.waitUntil(lambda: outbox.stats(clock()).pending == 0, timeout=15000)
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    switch = panel.findChild(QPushButton, "demo_network")
    assert switch is not None, "the demo panel has no network switch"
    wait_until_tappable(switch)
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    offline = tr("status.offline", "zh")
    qtbot.waitUntil(lambda: window.net_label.texts()[:1] == [offline], timeout=15000)
    wait_until_tappable(switch)
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.net_label.texts()[:1] == ["网络正常"], timeout=15000)
