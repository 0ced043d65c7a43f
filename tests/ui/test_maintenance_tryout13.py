# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""Try-out 13, T3, through the real window: the first tap on 暂停服务 / 恢复服务 turned
the button into a wider 确认… one whose left edge moved ~50 px; and another tab tapped
within the 8 s dropped the asked-for change with no word. The button keeps its rect, and
the page left for says the pause (or the resume) was not done."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from kiosk.app import KioskApp
from tests.integration.printer.loopback_printer import LoopbackPrinter
from tests.ui.test_maintenance_panel import (  # noqa: F401 (fixtures: a loopback printer)
    WAIT_MS,
    _button,
    _has_button,
    _page,
    _result,
    _tap_named,
    printer,
    usb,
    window,
)
from tests.ui.test_maintenance_tryout6 import _open, lang, tech_app  # noqa: F401


def _rect(window: QWidget, name: str) -> QRect:
    b = _button(window, name)
    return QRect(b.mapTo(window, b.rect().topLeft()), b.size())


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800), (1080, 1920)])
def test_the_service_button_keeps_its_rect_and_another_tab_says_not_paused(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot, size
) -> None:
    _open(window, qtbot, tech_app, size)
    _page(window, qtbot, "service")
    qtbot.waitUntil(lambda: _has_button(window, "btn_suspend"), timeout=WAIT_MS)
    qtbot.wait(200)  # the layout settles
    before = _rect(window, "btn_suspend")
    _tap_named(window, qtbot, "btn_suspend")
    qtbot.waitUntil(
        lambda: _button(window, "btn_suspend").text() == "确认暂停服务", timeout=WAIT_MS
    )
    qtbot.wait(200)  # the layout settles
    assert _rect(window, "btn_suspend") == before
    # Another tab within the 8 s: that page says the pause was not made.
    _page(window, qtbot, "devices")
    qtbot.wait(300)
    said = _result(window)
    assert "没有暂停" in said and "仍在服务群众" in said, said
    assert not window.core.suspended
    # Back on the page: asking again, in the same place.
    _page(window, qtbot, "service")
    qtbot.waitUntil(lambda: _button(window, "btn_suspend").text() == "暂停服务", timeout=WAIT_MS)
    assert _rect(window, "btn_suspend") == before
    # Paused: 恢复服务 keeps its rect too, and a tab left says it was not resumed.
    _tap_named(window, qtbot, "btn_suspend")
    qtbot.waitUntil(
        lambda: _button(window, "btn_suspend").text() == "确认暂停服务", timeout=WAIT_MS
    )
    _tap_named(window, qtbot, "btn_suspend")
    qtbot.waitUntil(lambda: _has_button(window, "btn_resume"), timeout=WAIT_MS)
    qtbot.wait(200)
    resume = _rect(window, "btn_resume")
    _tap_named(window, qtbot, "btn_resume")
    qtbot.waitUntil(lambda: _button(window, "btn_resume").text() == "确认恢复服务", timeout=WAIT_MS)
    qtbot.wait(200)
    assert _rect(window, "btn_resume") == resume
    _page(window, qtbot, "devices")
    qtbot.wait(300)
    said = _result(window)
    assert "没有恢复" in said and "仍暂停服务" in said, said
    assert window.core.suspended
