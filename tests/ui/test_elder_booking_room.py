"""长辈模式 at 字号 4/4 on a 1280x800 panel, booked through the real window (try-out 7,
17, 23, 11): the counters are whole tiles (their 办公时间 line too, the page buttons
never drawn over them), the times fill the room a page has (not three to a page with
most of it empty), and the booking's result shows its 预约编号 on its first page."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.demo import DemoControls, DemoQr
from kiosk.flow import Screen
from kiosk.tracking import shown_tracking_number
from tests.ui.test_console_queue_call import _start, _tap
from tests.ui.test_identified_not_me import _shown_text
from ui.theme import TEXT_STEPS
from ui.widgets.tile import Tile

READ_MS = 15_000  # a bound that only keeps a broken test from hanging


def _rect(w: QWidget, window: QWidget) -> QRect:
    return QRect(w.mapTo(window, QPoint(0, 0)), w.size())


def _shown(window, cls, prefix: str) -> list:  # type: ignore[no-untyped-def]
    return [
        w for w in window.findChildren(cls) if w.objectName().startswith(prefix) and w.isVisible()
    ]


def _elder_largest_booking(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    _start(kiosk_app)
    window.resize(1280, 800)
    _tap(window, qtbot, "btn_assisted")
    while window.display_prefs()[0] != len(TEXT_STEPS) - 1:
        _tap(window, qtbot, "btn_text_size")
    window.resize(1280, 800)
    _tap(window, qtbot, "tile_appointment")
    DemoControls(kiosk_app.backend).show_qr(DemoQr.EID)
    qtbot.waitUntil(lambda: window.core.screen() == Screen.APPOINTMENT, timeout=READ_MS)
    qtbot.waitUntil(lambda: _shown_text(window, "appt_identified") != "", timeout=READ_MS)
    qtbot.wait(50)


def test_counter_tiles_are_whole_and_the_page_buttons_beside_them(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    _elder_largest_booking(window, kiosk_app, qtbot)
    tiles = _shown(window, Tile, "dept_")
    assert tiles
    nav = [_rect(b, window) for b in _shown(window, QAbstractButton, "appt_")]
    for tile in tiles:
        box = _rect(tile, window)
        for line in (tile.title, tile.sub):
            assert line.isVisible() and box.contains(_rect(line, window)), tile.objectName()
            assert line.height() >= line.sizeHint().height(), tile.objectName()
        assert box.bottom() < window.height()
        assert not any(box.intersects(n) for n in nav), (box, nav)


def test_times_fill_the_page(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    _elder_largest_booking(window, kiosk_app, qtbot)
    _tap(window, qtbot, "dept_gongan.huzheng")
    _tap(window, qtbot, "mode_book")
    days = _shown(window, QAbstractButton, "day_")
    _tap(window, qtbot, days[-1].objectName())  # a whole day ahead: every time is open
    qtbot.waitUntil(lambda: bool(_shown(window, QAbstractButton, "slot_")), timeout=READ_MS)
    qtbot.wait(50)
    page = window.current_page()
    slots = _shown(window, QAbstractButton, "slot_")
    every = [b for b in window.findChildren(QAbstractButton) if b.objectName().startswith("slot_")]
    area = _rect(page.pager.area, window)
    boxes = [_rect(b, window) for b in slots]
    for b, box in zip(slots, boxes, strict=True):
        assert area.contains(box) and b.height() >= b.sizeHint().height(), b.objectName()
    # Another row would not fit between the last one and the bottom row (上一步 and the
    # page buttons): the page is full, not a third of it used.
    row_h = max(box.height() for box in boxes)
    step_back = _rect(_shown(window, QAbstractButton, "btn_step_back")[0], window)
    below = step_back.top() - max(box.bottom() for box in boxes)
    assert len(slots) == len(every) or below < row_h + window.tokens().gap(), (below, row_h)
    for name in ("appt_prev", "appt_next"):  # in that row, not a row of their own
        assert _rect(_shown(window, QAbstractButton, name)[0], window).top() == step_back.top()
    # Sixteen times on this day: two pages, each a tap from the other.
    assert len(every) == 16 and page.pager.page_count() == 2


def test_the_booking_number_is_on_the_result_s_first_page(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    _elder_largest_booking(window, kiosk_app, qtbot)
    _tap(window, qtbot, "dept_gongan.huzheng")
    _tap(window, qtbot, "mode_book")
    days = _shown(window, QAbstractButton, "day_")
    _tap(window, qtbot, days[-1].objectName())
    qtbot.waitUntil(lambda: bool(_shown(window, QAbstractButton, "slot_")), timeout=READ_MS)
    _tap(window, qtbot, _shown(window, QAbstractButton, "slot_")[0].objectName())
    _tap(window, qtbot, "btn_confirm_booking")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=READ_MS)
    qtbot.waitUntil(lambda: "已打印" in _shown_text(window, "ticket_print_state"), timeout=READ_MS)
    qtbot.wait(50)
    page = window.current_page()
    assert page.details.page() == 0
    number = shown_tracking_number(page.ticket.tracking_number)
    assert number and number in _shown_text(window, "ticket_reference")  # on the first page
    if "10 分钟" not in _shown_text(window, "ticket_next"):  # when to come: one tap on
        _tap(window, qtbot, "ticket_pager_next")
        assert "10 分钟" in _shown_text(window, "ticket_next")
