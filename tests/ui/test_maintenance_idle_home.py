# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""Issue #14, 3: the panel's idle sign-out with no change pending left the kiosk on the
sign-in pad, out of citizens' use without saying so (with a change pending it already
went back, try-out 8, T1). After two minutes without a touch nobody is there: the kiosk
goes back to citizens as it truly is, the home screen, or 暂停服务 if it was paused.
All through the real window: taps, and the panel's own idle timer (shortened)."""

from __future__ import annotations

import pytest

from kiosk.app import KioskApp
from kiosk.flow import Screen
from tests.integration.printer.loopback_printer import LoopbackPrinter
from tests.ui.test_maintenance_panel import (  # noqa: F401 (fixtures: a loopback printer)
    WAIT_MS,
    _has_button,
    _page,
    _tap_named,
    printer,
    usb,
    window,
)
from tests.ui.test_maintenance_tryout6 import _open, lang, tech_app  # noqa: F401
from tests.ui.test_maintenance_unapplied import _go_idle


@pytest.mark.parametrize("paused", [False, True], ids=["serving", "paused"])
def test_idle_sign_out_hands_the_kiosk_back_to_citizens(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot, paused: bool
) -> None:
    _open(window, qtbot, tech_app, (1280, 800))
    if paused:
        _page(window, qtbot, "service")
        for _ in range(2):  # 暂停服务, 确认暂停服务: out of service, as confirmed
            _tap_named(window, qtbot, "btn_suspend")
        qtbot.waitUntil(lambda: _has_button(window, "btn_resume"), timeout=WAIT_MS)
    assert window.core.screen() == Screen.MAINTENANCE
    _go_idle(window, tech_app)  # nothing asked and unconfirmed
    want = Screen.OUT_OF_SERVICE if paused else Screen.HOME
    qtbot.waitUntil(lambda: window.core.screen() == want, timeout=WAIT_MS)
    assert tech_app.core.maintenance_ops().gate.session is None
    assert not window.core.maintenance_mode
    assert window.core.suspended == paused
    assert window.current_page().screen_id == want  # what citizens see, not the pad
