"""Try-out 4's findings on the maintenance panel, through the real window: a test's
result does not move the buttons under the technician's finger, and 重启 asks first."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget

from tests.ui.test_maintenance_panel import (
    DEMO_PIN,
    WAIT_MS,
    _button,
    _has_button,
    _result,
    _shown_label,
    _tap_named,
    open_panel_with_corners,
    sign_in,
)

DEVICE_BUTTONS = (
    "btn_test_card",
    "btn_test_scanner",
    "btn_test_page",
    "btn_test_speech",
    "btn_test_idcard",
    "btn_test_platform",
    "btn_test_storage",
    "btn_restart",
)


def _where(window: QWidget) -> dict[str, QPoint]:
    """Each device button's place in the window (what a finger aims at)."""
    out = {}
    for name in DEVICE_BUTTONS:
        if _has_button(window, name):
            b = _button(window, name)
            out[name] = b.mapTo(window, b.rect().center())
    return out


def test_a_test_result_moves_no_button(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    kiosk_app.start()  # the device supervisor, as on a kiosk
    assert kiosk_app.backend.wait_started(30)
    qtbot.wait(300)  # the window starts watching input after its first paint
    open_panel_with_corners(window, qtbot)
    sign_in(window, qtbot, DEMO_PIN)
    qtbot.waitUntil(lambda: _shown_label(window, "device_printer") is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(_where(window)) == len(DEVICE_BUTTONS), timeout=WAIT_MS)
    qtbot.wait(500)  # the first fresh snapshot redraws the page
    before = _where(window)
    _tap_named(window, qtbot, "btn_test_card")
    qtbot.waitUntil(lambda: "测试" in _result(window), timeout=WAIT_MS)
    qtbot.wait(800)  # the fresh data after the test redraws the page
    assert _where(window) == before

    # Scrolled down a little (a small window), a redraw keeps the place too.
    window.resize(1280, 800)
    qtbot.wait(300)
    bar = window.findChild(QWidget, "maint_scroll").verticalScrollBar()
    assert bar.maximum() > 0  # the list is taller than this window
    bar.setValue(bar.maximum() // 2)
    qtbot.wait(100)
    before = _where(window)
    _tap_named(window, qtbot, "btn_test_storage")
    qtbot.waitUntil(lambda: "存储" in _result(window), timeout=WAIT_MS)
    qtbot.wait(800)
    assert _where(window) == before
    assert bar.value() == bar.maximum() // 2

    # 重启 is disruptive: the first tap asks, only the second restarts.
    _tap_named(window, qtbot, "btn_restart")
    qtbot.waitUntil(lambda: "再按一次" in _result(window), timeout=WAIT_MS)
    qtbot.wait(500)
    assert "已重启" not in _result(window)
    assert _button(window, "btn_restart").text() == "确认重启"
    _tap_named(window, qtbot, "btn_restart")
    qtbot.waitUntil(lambda: "证件读卡器：已重启，正常" in _result(window), timeout=WAIT_MS)
    # Still on the devices page, every button there (the page redraws with fresh data).
    qtbot.waitUntil(lambda: _where(window).keys() == set(DEVICE_BUTTONS), timeout=WAIT_MS)
