"""The demo's technician card (simulated, same interface as the PC/SC driver) through the window."""

from __future__ import annotations

from kiosk.demo import DemoControls
from kiosk.flow import Screen
from tests.ui.test_maintenance_panel import _shown_label, _tap_named


def test_demo_card_opens_the_panel_at_its_pin_and_lifting_it_signs_out(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot
) -> None:
    kiosk_app.backend.start()
    demo = DemoControls(kiosk_app.backend)
    demo.technician_card(True)
    qtbot.waitUntil(lambda: window.core.screen() == Screen.MAINTENANCE, timeout=5000)
    qtbot.wait(300)  # opening the panel ends the citizen session: the screens are rebuilt
    assert "1000" in _shown_label(window, "signin_prompt").text()
    for ch in "246810":
        _tap_named(window, qtbot, f"key_{ch}")
    _tap_named(window, qtbot, "btn_unlock")
    qtbot.waitUntil(lambda: _shown_label(window, "signed_in_as") is not None, timeout=5000)
    demo.technician_card(False)
    qtbot.waitUntil(lambda: _shown_label(window, "signed_in_as") is None, timeout=5000)
    assert "已取出" in _shown_label(window, "pin_error").text()
