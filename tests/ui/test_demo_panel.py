"""The demo panel drives the simulators: what a presenter clicks is what the kiosk sees."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from kiosk.events import Device, Health
from ui.demo_panel import _actions, install_demo_panel
from ui.i18n import STRINGS


def test_every_demo_action_is_labelled_in_both_languages(kiosk_app) -> None:  # type: ignore[no-untyped-def]
    from kiosk.demo import DemoControls

    for _key, text, _action in _actions(DemoControls(kiosk_app.backend)):
        assert text in STRINGS


def test_card_and_printer_controls_reach_the_simulators(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    from drivers.card.types import ReaderStatus

    kiosk_app.start()
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    panel.findChild(QPushButton, "demo_card_adult").click()
    assert kiosk_app.backend.card.status() == ReaderStatus.CARD_PRESENT
    panel.findChild(QPushButton, "demo_card_remove").click()
    assert kiosk_app.backend.card.status() == ReaderStatus.NO_CARD
    panel.findChild(QPushButton, "demo_paper_out").click()
    qtbot.waitUntil(
        lambda: window.core.health(Device.PRINTER).health == Health.FAULT, timeout=10_000
    )
    panel.findChild(QPushButton, "demo_printer_ready").click()
    qtbot.waitUntil(lambda: window.core.health(Device.PRINTER).health == Health.OK, timeout=10_000)
