"""Try-out 5, item 14: the offline booking's page in portrait stood half empty between
the booking's time and its details, and said 扫描凭条二维码 twice with no QR code in
sight. The details now follow the time, and the slip's QR code is named once, as the
slip's, and only when a slip came out."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_bookings_truth import _book_offline, _shown


def _label(window, name: str) -> QLabel:  # type: ignore[no-untyped-def]
    return next(w for w in window.findChildren(QLabel, name) if w.isVisible())


def test_offline_booking_in_portrait_reads_without_a_gap(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    window.resize(1080, 1920)
    _book_offline(window, qtbot, citizen)
    qtbot.waitUntil(lambda: "已打印" in _shown(window, "ticket_print_state"), timeout=3000)
    qtbot.wait(10)
    number, where = _label(window, "ticket_number"), _label(window, "ticket_where")
    bottom = number.mapTo(window, number.rect().bottomLeft()).y()
    top = where.mapTo(window, where.rect().topLeft()).y()
    assert 0 <= top - bottom <= window.tokens().mm(12), (bottom, top)  # a gap, not half a page
    text = _shown(window, "ticket_next")
    assert "平台确认后预约才生效" in text
    assert text.count("二维码") == 1 and "凭条上的二维码" in text, text  # once, on the slip
    # No QR code is drawn on this screen: the words do not send the citizen looking for one.
    assert not [
        w
        for w in window.findChildren(QLabel)
        if w.isVisible() and w.pixmap() and not w.pixmap().isNull()
    ]


def test_without_a_slip_no_qr_code_is_promised(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    citizen.printer.paper_out()
    _book_offline(window, qtbot, citizen)
    assert window.core.screen() == Screen.TICKET
    qtbot.waitUntil(lambda: "缺纸" in _shown(window, "ticket_print_state"), timeout=3000)
    text = _shown(window, "ticket_next")
    assert "二维码" not in text and "凭条" not in text, text
    assert "预约编号" in text
