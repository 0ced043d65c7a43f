# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""Try-out 4's findings on the maintenance panel, through the real window: a test's
result does not move the buttons under the technician's finger, and 重启 asks first."""

from __future__ import annotations

import logging

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLineEdit, QWidget

from drivers.printer.document import Document, Text
from kiosk.events import Device, Health
from kiosk.logging_setup import JsonFormatter
from tests.integration.printer.loopback_printer import LoopbackPrinter
from tests.ui.test_maintenance_panel import (  # noqa: F401 (fixtures: a loopback printer)
    DEMO_PIN,
    DEMO_TECHNICIAN,
    ID_NUMBER,
    WAIT_MS,
    _button,
    _has_button,
    _page,
    _press,
    _result,
    _shown_label,
    _tap_named,
    open_panel_with_corners,
    printer,
    sign_in,
    tech_app,
    usb,
    window,
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


def test_a_test_result_moves_no_button(window, tech_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    tech_app.backend.start()
    assert tech_app.backend.wait_started(30)
    qtbot.wait(300)  # the window starts watching input after its first paint
    open_panel_with_corners(window, qtbot)
    sign_in(window, qtbot, DEMO_PIN)
    qtbot.waitUntil(lambda: _shown_label(window, "device_printer") is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(_where(window)) == len(DEVICE_BUTTONS), timeout=WAIT_MS)
    # Every device read once: a state that changes its words (尚未检查 → 正常) may change
    # its row's height, two devices a row (a busy machine read the storage late).
    qtbot.waitUntil(
        lambda: all(window.core.health(d).health is not Health.UNKNOWN for d in Device),
        timeout=WAIT_MS,
    )
    _tap_named(window, qtbot, "btn_refresh")
    qtbot.wait(500)  # the first fresh snapshot redraws the page
    before = _where(window)
    _tap_named(window, qtbot, "btn_test_card")
    qtbot.waitUntil(lambda: "测试" in _result(window), timeout=WAIT_MS)
    qtbot.wait(800)  # the fresh data after the test redraws the page
    assert _where(window) == before

    # Scrolled down a little (a small window: 1280x800 now holds every device, two a
    # row), a redraw keeps the place too.
    window.resize(1280, 640)
    _tap_named(window, qtbot, "btn_refresh")  # fresh data, laid out at this width
    qtbot.wait(800)
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


def test_sign_in_field_and_reprinting_a_lost_receipt(  # type: ignore[no-untyped-def]
    window,
    tech_app,
    printer: LoopbackPrinter,
    qtbot,
) -> None:
    # A receipt that printed fine, then was lost by its citizen.
    doc = Document((Text("回执 LOST-RECEIPT 张**"),))
    done = tech_app.backend.printing.print_document(
        "receipt", doc, "M001-261204-0042K", owner_secret=ID_NUMBER
    )
    assert done.printed
    tech_app.backend.start()
    assert tech_app.backend.wait_started(30)
    open_panel_with_corners(window, qtbot)

    # The technician number shows in a framed field, not as bare text.
    for ch in DEMO_TECHNICIAN:
        _tap_named(window, qtbot, f"key_{ch}")
    echo = [w for w in window.findChildren(QLineEdit, "pin_echo") if w.isVisible()]
    assert len(echo) == 1 and echo[0].text() == DEMO_TECHNICIAN
    image = echo[0].grab().toImage()
    edge = image.pixelColor(0, image.height() // 2)
    inside = image.pixelColor(image.width() - 8, image.height() // 2)
    assert edge != inside  # an outline around the field
    _tap_named(window, qtbot, "btn_next")
    for ch in DEMO_PIN:
        _tap_named(window, qtbot, f"key_{ch}")
    assert echo[0].text() == "●" * len(DEMO_PIN)  # dots, never the digits
    _tap_named(window, qtbot, "btn_unlock")
    qtbot.waitUntil(lambda: _shown_label(window, "device_printer") is not None, timeout=WAIT_MS)

    # 打印任务 lists it although it printed, names no one, and 补打 prints it again.
    _page(window, qtbot, "jobs")
    qtbot.waitUntil(
        lambda: _shown_label(window, f"recent_{done.job_id}") is not None, timeout=WAIT_MS
    )
    line = _shown_label(window, f"recent_{done.job_id}")
    assert line is not None
    text = line.text()
    assert "M001-261204-0042K" in text and "已打印" in text and "回执" in text, text
    assert ID_NUMBER not in text and "张" not in text
    before = len(printer.jobs())
    _press(window, qtbot, f"again_{done.job_id}", "已打印")
    qtbot.waitUntil(lambda: len(printer.jobs()) > before, timeout=WAIT_MS)
    assert b"LOST-RECEIPT" in b"".join(printer.jobs()[before:])


def test_the_log_page_says_why_the_platform_is_down(window, tech_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    # The kiosk's log file, as logging_setup writes it (the tests do not install it).
    logs = tech_app.paths.logs
    logs.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(logs / "kiosk.jsonl", encoding="utf-8")
    handler.setFormatter(JsonFormatter())
    link_log = logging.getLogger("kiosk.sync.link")
    link_log.addHandler(handler)
    old_level = link_log.level
    link_log.setLevel(logging.INFO)
    try:
        tech_app.backend.start()
        assert tech_app.backend.wait_started(30)
        sync = tech_app.backend.sync
        assert sync is not None
        qtbot.waitUntil(lambda: sync.online is True, timeout=WAIT_MS)
        tech_app.backend.stop_embedded_platform()  # the platform goes away
        sync.link_changed()
        sync.wake()
        qtbot.waitUntil(lambda: sync.online is False, timeout=WAIT_MS)

        open_panel_with_corners(window, qtbot)
        sign_in(window, qtbot, DEMO_PIN)
        qtbot.waitUntil(lambda: _shown_label(window, "device_printer") is not None, timeout=WAIT_MS)
        _page(window, qtbot, "logs")  # opens at 问题

        def says_why() -> bool:
            label = _shown_label(window, "log_lines")
            # In the panel's words (try-out 8, T2), the file keeping the logged English.
            return label is not None and "连接不上平台：对方拒绝连接" in label.text()

        qtbot.waitUntil(says_why, timeout=WAIT_MS)
        assert _button(window, "btn_logs_problems").isChecked()
        text = _shown_label(window, "log_lines").text()
        # In words, once (not a line per retry), marked as a warning on the network.
        refused = [x for x in text.split("\n") if "对方拒绝连接" in x]
        assert len(refused) == 1 and "×" not in refused[0], refused
        assert "网络" in refused[0] and "警告" in refused[0], refused[0]
    finally:
        link_log.removeHandler(handler)
        link_log.setLevel(old_level)
        handler.close()
