# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""Try-out 13, T3 (leftover): 暂停服务 asked, not yet confirmed, then another tab — the
page left for says the pause was not done. Through the real window, on every tab the
technician can tap (the service tab itself too), and still said once the page's own
data (a link test, the log, the jobs) has come in and redrawn it."""

from __future__ import annotations

import pytest

from kiosk.app import KioskApp
from tests.integration.printer.loopback_printer import LoopbackPrinter
from tests.ui.test_maintenance_panel import (  # noqa: F401 (fixtures: a loopback printer)
    WAIT_MS,
    _button,
    _page,
    _result,
    _tap_named,
    printer,
    usb,
    window,
)
from tests.ui.test_maintenance_tryout6 import _open, lang, tech_app  # noqa: F401
from ui.screens.maintenance_pages import PAGES


@pytest.mark.parametrize("tab", PAGES)
def test_a_pause_asked_and_left_by_any_tab_is_said_not_done(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot, tab: str
) -> None:
    _open(window, qtbot, tech_app, (1280, 800))
    _page(window, qtbot, "service")
    _tap_named(window, qtbot, "btn_suspend")
    qtbot.waitUntil(
        lambda: _button(window, "btn_suspend").text() == "确认暂停服务", timeout=WAIT_MS
    )
    _tap_named(window, qtbot, f"tab_{tab}")
    qtbot.waitUntil(lambda: "没有暂停" in _result(window), timeout=WAIT_MS)
    # The page's fresh data (and a platform page's link test) redraws it: still said.
    qtbot.wait(1500)
    said = _result(window)
    assert "没有暂停" in said and "仍在服务群众" in said, (tab, said)
    assert not window.core.suspended
    if tab == "service":
        assert _button(window, "btn_suspend").text() == "暂停服务"  # asks again
