# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""Try-out 13, T1: on the 1080x1920 portrait kiosk the panel set small standard text in
the top 40 % and left 60 % empty, and the 设备 page packed two devices a row, a fault's
state wrapping ("✖ 凭条打印机：故障 · 最近问题：缺纸" over two lines). Through the real
window: in portrait one device a row, its state on one line in type a technician reads
standing, the list using the height; a 1280x800 panel keeps two a row, states whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.app import KioskApp
from tests.integration.printer.loopback_printer import LoopbackPrinter
from tests.ui.test_maintenance_panel import (  # noqa: F401 (fixtures: a loopback printer)
    WAIT_MS,
    _result,
    _shown_label,
    _tap_named,
    printer,
    usb,
    window,
)
from tests.ui.test_maintenance_tryout6 import _open, lang, tech_app  # noqa: F401

DEVICES = ("card", "scanner", "printer", "speech", "idcard", "platform", "storage")


def _labels(window: QWidget) -> dict[str, QLabel]:
    found = {d: _shown_label(window, f"device_{d}") for d in DEVICES}
    shown = {d: w for d, w in found.items() if w is not None}
    assert len(shown) == len(DEVICES), sorted(shown)
    return shown


def _top_left(w: QWidget, window: QWidget) -> QPoint:
    return w.mapTo(window, QPoint(0, 0))


def _printer_out_of_paper(window, qtbot, printer: LoopbackPrinter) -> None:  # type: ignore[no-untyped-def]
    printer.paper = "out"
    _tap_named(window, qtbot, "btn_test_page")
    qtbot.waitUntil(
        lambda: "✖" in (_shown_label(window, "device_printer") or QLabel()).text(),
        timeout=WAIT_MS,
    )
    qtbot.wait(300)  # the layout settles


def _one_line(label: QLabel) -> bool:
    return label.height() < 1.5 * label.fontMetrics().lineSpacing()


@pytest.mark.parametrize("lang", ["en"])  # the longer words: the tightest case (CI time)
def test_portrait_has_one_device_a_row_in_type_read_standing(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot, lang
) -> None:
    _open(window, qtbot, tech_app, (1080, 1920))
    _printer_out_of_paper(window, qtbot, printer)
    labels = _labels(window)
    # One device a row, down one column.
    lefts = {_top_left(w, window).x() for w in labels.values()}
    tops = {_top_left(w, window).y() for w in labels.values()}
    assert len(lefts) == 1 and len(tops) == len(DEVICES), (lefts, tops)
    # Each state whole on one line, a fault's words under it.
    wrapped = [w.text() for w in labels.values() if not _one_line(w)]
    assert not wrapped, wrapped
    under = _shown_label(window, "device_printer_last_problem")
    assert under is not None and ("缺纸" in under.text() or "paper" in under.text()), under
    # Type a size up from the landscape panel's body, the page using the height: the
    # restart button, last on the page, stands below the middle of the screen.
    t = window.tokens()
    assert all(w.font().pixelSize() >= 1.25 * t.px(t.body_px) for w in labels.values())
    restart = [b for b in window.findChildren(QPushButton, "btn_restart") if b.isVisible()]
    assert len(restart) == 1
    bottom = _top_left(restart[0], window).y() + restart[0].height()
    assert bottom > 0.55 * window.height(), (bottom, window.height())
    assert bottom <= window.height()


@pytest.mark.parametrize("lang", ["en"])
def test_a_1280x800_panel_keeps_two_a_row_each_state_on_one_line(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot, lang
) -> None:
    """ "✖ Receipt printer: Fault · Last problem: Out of paper" wrapped beside its button."""
    _open(window, qtbot, tech_app, (1280, 800))
    _printer_out_of_paper(window, qtbot, printer)
    labels = _labels(window)
    assert _top_left(labels["card"], window).y() == _top_left(labels["scanner"], window).y()
    wrapped = [w.text() for w in labels.values() if not _one_line(w)]
    assert not wrapped, wrapped
    under = _shown_label(window, "device_printer_last_problem")
    assert under is not None and "Out of paper" in under.text(), under
