"""Findings of a new technician's try-out of the maintenance panel, through the real
window: the panel shows none of the citizens' buttons, the log opens at its newest
lines, and 重启设备 says per device what happened (restarted and working, or still
faulty and why)."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QScrollArea

from kiosk.flow import Screen
from tests.ui.test_maintenance_panel import (
    DEMO_PIN,
    WAIT_MS,
    _page,
    _restart,
    _shown_label,
    _tap_named,
    open_panel_with_corners,
    sign_in,
)


def _citizen_buttons(window) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    return {
        b.objectName(): b.isVisible()
        for b in (
            window.back_btn,
            window.home_btn,
            window.lang_btn,
            window.assist_btn,
            window.staff_btn,
            window.text_size_btn,
            window.contrast_btn,
        )
    }


def test_the_panel_is_the_technicians_own(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    logs = kiosk_app.paths.logs
    logs.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"msg": f"event number {i:03d}"}) for i in range(120)]
    (logs / "kiosk.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    kiosk_app.start()  # the device supervisor, as on a kiosk
    assert kiosk_app.backend.wait_started(30)
    qtbot.wait(300)  # the window starts watching input after its first paint

    open_panel_with_corners(window, qtbot)
    assert not any(_citizen_buttons(window).values()), _citizen_buttons(window)  # sign-in
    sign_in(window, qtbot, DEMO_PIN)
    qtbot.waitUntil(lambda: _shown_label(window, "device_printer") is not None, timeout=WAIT_MS)
    assert not any(_citizen_buttons(window).values()), _citizen_buttons(window)

    # 重启设备 with the card reader unplugged: it says the reader is still faulty, and why.
    card = kiosk_app.backend.card
    card.unplug_reader()
    text = _restart(window, qtbot, "证件读卡器：已重启")
    assert "证件读卡器：已重启，仍有故障（未连接读卡器）" in text, text
    assert "摄像头：已重启" in text and "已完成" not in text
    card.plug_reader()
    text = _restart(window, qtbot, "证件读卡器：已重启，正常")

    # The log opens at its newest lines (all of them: these are not problems).
    _page(window, qtbot, "logs")
    _tap_named(window, qtbot, "btn_logs_all")

    def newest_read() -> bool:
        label = _shown_label(window, "log_lines")
        return label is not None and "event number 119" in label.text()

    qtbot.waitUntil(newest_read, timeout=WAIT_MS)
    label = _shown_label(window, "log_lines")
    scroll = next(p for p in _ancestors(label) if isinstance(p, QScrollArea))
    bar = scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum(), timeout=WAIT_MS)
    # The newest line is inside the visible part of the page.
    newest = label.text().split("\n").index(next(x for x in label.text().split("\n") if "119" in x))
    line_h = label.fontMetrics().lineSpacing()
    y = label.mapTo(scroll.viewport(), label.rect().topLeft()).y() + newest * line_h
    assert 0 <= y < scroll.viewport().height(), (y, scroll.viewport().height())
    # The top edge falls between two lines: the first line shown is whole, not cut
    # under the tabs (try-out 3).
    top = label.mapTo(scroll.widget(), label.contentsRect().topLeft()).y()
    qtbot.waitUntil(lambda: (bar.value() - top) % line_h == 0, timeout=WAIT_MS)

    # Back to citizens: their buttons return.
    _tap_named(window, qtbot, "btn_exit")
    assert window.core.screen() == Screen.HOME
    assert window.staff_btn.isVisible() and window.lang_btn.isVisible()


def _ancestors(w):  # type: ignore[no-untyped-def]
    p = w.parentWidget()
    while p is not None:
        yield p
        p = p.parentWidget()
