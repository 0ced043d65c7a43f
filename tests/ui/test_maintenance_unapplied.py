# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""Try-out 8, T1, the two exits the panel takes by itself: with 暂停服务 (恢复服务)
asked for and not confirmed, the idle sign-out and a pulled technician card signed the
technician out in silence, and one who had looked away walked off believing the kiosk
paused. Now the change is dropped (never made), logged in words (日志, 问题), and said:
on the sign-in page at once to a technician who pulled the card (the kiosk stays on the
panel until they leave it); after two idle minutes nobody is there, so the kiosk goes
back to citizens as it truly is and the sign-in page says it the next time it opens.
All through the real window: taps, the demo's technician card, the panel's own timer."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtWidgets import QWidget

from kiosk.app import KioskApp
from kiosk.demo import DemoControls
from kiosk.flow import Screen
from tests.integration.printer.loopback_printer import LoopbackPrinter
from tests.ui.test_maintenance_panel import (  # noqa: F401 (fixtures: a loopback printer)
    WAIT_MS,
    _button,
    _has_button,
    _page,
    _shown_label,
    _tap_named,
    _text,
    open_panel_with_corners,
    printer,
    sign_in,
    usb,
    window,
)
from tests.ui.test_maintenance_tryout6 import _open, lang, tech_app  # noqa: F401
from tests.ui.test_maintenance_tryout8 import _ask_to_suspend, _screen, _write_log
from ui.i18n import tr

DEMO_PIN = "246810"


def _not_applied(caplog: pytest.LogCaptureFixture, change: str) -> list[str]:
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    return [m for m in said if m.startswith(change) and "not confirmed: not applied" in m]


def _go_idle(window: QWidget, app: KioskApp) -> None:
    """Two minutes without a touch, shortened (the panel's own timer still asks)."""
    _screen(window)._idle.setInterval(100)
    app.core.maintenance_ops().gate._idle_s = 0.3


def _pad_says(window: QWidget) -> str:
    label = _shown_label(window, "pin_error")
    return label.text() if label is not None else ""


def test_idle_sign_out_drops_an_unconfirmed_pause_back_to_citizens_and_says_so(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot, caplog
) -> None:
    caplog.set_level(logging.INFO)
    _open(window, qtbot, tech_app, (1920, 1080))
    flag = tech_app.paths.root / "out-of-service"
    _ask_to_suspend(window, qtbot)
    _go_idle(window, tech_app)
    # Nobody there: signed out, the pause never made, and the kiosk serving citizens
    # (not a sign-in pad that serves no one while the log says "serving").
    qtbot.waitUntil(lambda: window.core.screen() == Screen.HOME, timeout=WAIT_MS)
    assert not flag.exists() and not window.core.suspended
    qtbot.waitUntil(lambda: bool(_not_applied(caplog, "out of service")), timeout=WAIT_MS)
    assert tech_app.core.maintenance_ops().gate.session is None
    # The next time the panel opens, its sign-in page says what happened.
    open_panel_with_corners(window, qtbot)
    qtbot.waitUntil(lambda: "没有暂停" in _pad_says(window), timeout=WAIT_MS)
    said = _pad_says(window)
    assert said.startswith("上次维护") and "暂停服务没有确认" in said, said
    assert "两分钟无操作" in said and "已交还市民使用" in said, said
    # Read by the next technician: signed in, it goes; the 日志 page's 问题 keep it.
    sign_in(window, qtbot, DEMO_PIN)
    qtbot.waitUntil(lambda: _shown_label(window, "signed_in_as") is not None, timeout=WAIT_MS)
    _write_log(tech_app, caplog.records)
    _page(window, qtbot, "logs")
    words = tr("maint.log_words.unapplied_suspend_idle", "zh")
    qtbot.waitUntil(lambda: words in _text(window, qtbot, "log_lines"), timeout=WAIT_MS)
    assert "not applied" not in _text(window, qtbot, "log_lines")  # the panel's words
    assert tech_app.core.maintenance_ops().unapplied is None
    _tap_named(window, qtbot, "btn_sign_out")
    qtbot.waitUntil(lambda: _shown_label(window, "signed_in_as") is None, timeout=WAIT_MS)
    assert "上次维护" not in _pad_says(window)  # said once it was read


def test_pulled_card_with_an_unconfirmed_pause_tells_the_technician_it_was_not_applied(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot, caplog
) -> None:
    caplog.set_level(logging.INFO)
    window.resize(1280, 800)
    tech_app.backend.start()
    assert tech_app.backend.wait_started(30)
    demo = DemoControls(tech_app.backend)
    demo.technician_card(True)  # Shift+F6
    qtbot.waitUntil(lambda: window.core.screen() == Screen.MAINTENANCE, timeout=WAIT_MS)
    qtbot.wait(300)  # opening the panel ends the citizen session: the screens are rebuilt
    qtbot.waitUntil(lambda: "1000" in _text(window, qtbot, "signin_prompt"), timeout=WAIT_MS)
    for ch in DEMO_PIN:
        _tap_named(window, qtbot, f"key_{ch}")
    _tap_named(window, qtbot, "btn_unlock")
    qtbot.waitUntil(lambda: _shown_label(window, "signed_in_as") is not None, timeout=WAIT_MS)
    flag = tech_app.paths.root / "out-of-service"
    _ask_to_suspend(window, qtbot)
    demo.technician_card(False)  # Shift+F7: the card leaves the reader
    qtbot.waitUntil(lambda: _shown_label(window, "signed_in_as") is None, timeout=WAIT_MS)
    # The technician is right here: told on the sign-in page that nothing was paused.
    said = _pad_says(window)
    assert "技术员卡已取出" in said and "暂停服务没有确认" in said, said
    assert "本机没有暂停" in said, said
    assert not flag.exists() and not window.core.suspended
    assert window.core.screen() == Screen.MAINTENANCE  # until they leave the panel
    qtbot.waitUntil(lambda: bool(_not_applied(caplog, "out of service")), timeout=WAIT_MS)
    # They leave; whoever opens the panel next reads it too.
    _tap_named(window, qtbot, "btn_exit")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.HOME, timeout=WAIT_MS)
    assert not window.core.suspended
    open_panel_with_corners(window, qtbot)
    qtbot.waitUntil(lambda: "上次维护" in _pad_says(window), timeout=WAIT_MS)
    assert "技术员卡已取出" in _pad_says(window)


@pytest.mark.parametrize("lang", ["en"])
def test_idle_sign_out_with_an_unconfirmed_resume_leaves_it_out_of_service_in_english(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot, caplog, lang
) -> None:
    caplog.set_level(logging.INFO)
    _open(window, qtbot, tech_app, (1080, 1920))
    _page(window, qtbot, "service")
    for _ in range(2):  # 暂停服务, 确认暂停服务: out of service, as confirmed
        _tap_named(window, qtbot, "btn_suspend")
    qtbot.waitUntil(lambda: _has_button(window, "btn_resume"), timeout=WAIT_MS)
    _tap_named(window, qtbot, "btn_resume")  # asked once, never confirmed
    confirm = tr("maint.resume_confirm", "en")
    qtbot.waitUntil(lambda: _button(window, "btn_resume").text() == confirm, timeout=WAIT_MS)
    _go_idle(window, tech_app)
    # Citizens get the out-of-service screen: the kiosk is as it truly is.
    qtbot.waitUntil(lambda: window.core.screen() == Screen.OUT_OF_SERVICE, timeout=WAIT_MS)
    assert window.core.suspended
    qtbot.waitUntil(lambda: bool(_not_applied(caplog, "back in service")), timeout=WAIT_MS)
    open_panel_with_corners(window, qtbot)
    qtbot.waitUntil(lambda: "Last time" in _pad_says(window), timeout=WAIT_MS)
    said = _pad_says(window)
    assert "Back in service NOT confirmed" in said and "still out of service" in said, said
