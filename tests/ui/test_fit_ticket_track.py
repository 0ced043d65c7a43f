"""The ticket and the track result at the largest text size (issue #14, "every step
fits"): the ticket's details come as pages turned by taps, the track result's buttons
are never squeezed below their text nor widen the window."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from kiosk.tracking import shown_tracking_number
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_bookings_truth import _book_offline
from tests.ui.test_fit_text_sizes import needs_scrolling
from tests.ui.test_review_pages import _button, _largest_text, _settle, _tap
from ui.a11y import out_of_reach
from ui.tour import SCENES, stage


def _at_largest_text(qtbot, window, scene: str, lang: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    stage(window, next(s for s in SCENES if s.name == scene), lang, True)
    _to_largest(qtbot, window, size)


def _to_largest(qtbot, window, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    _largest_text(qtbot, window)
    window.resize(*size)
    _settle()


def _shown(window, prefix: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {
        w.objectName()
        for w in window.findChildren(QLabel)
        if w.objectName().startswith(prefix) and w.isVisible() and w.text()
    }


def test_ticket_details_are_pages_turned_by_taps(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    printer = window.core.backend.printer
    window.resize(1280, 800)
    stage(window, next(s for s in SCENES if s.name == "ticket"), "en", True)
    slips = len(printer.printed)
    assert slips >= 1
    _to_largest(qtbot, window, (1280, 800))
    assert window.core.screen() == Screen.TICKET
    # The window rebuilt its screens at each 字号 step: the slip was not printed again,
    # and the new screen still says it was printed.
    assert len(printer.printed) == slips
    assert window.findChild(QLabel, "ticket_print_state").text().startswith("Printed")
    assert (window.width(), window.height()) == (1280, 800)
    page = window.current_page()
    pages = page.details.page_count()
    assert pages > 1
    # Where the number stands in the queue comes first, beside the number itself.
    seen = _shown(window, "ticket_")
    assert {"ticket_number", "ticket_ahead"} <= seen
    for n in range(2, pages + 1):
        assert not out_of_reach(window) and not needs_scrolling(window)
        _tap(qtbot, window, "ticket_pager_next")
        assert page.details.page() == n - 1
        seen |= _shown(window, "ticket_")
        assert _shown(window, "ticket_number") == {"ticket_number"}  # the number stays
    assert {"ticket_where", "ticket_next"} <= seen
    assert not _button(window, "ticket_pager_next").isEnabled()  # the last page
    _tap(qtbot, window, "ticket_pager_prev")
    assert page.details.page() == pages - 2
    _tap(qtbot, window, "btn_done")
    assert window.core.screen() != Screen.TICKET


def test_a_provisional_booking_reads_whole_by_taps(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    # The longest ticket: a booking's date and time as the number, the note that it
    # waits for the platform, the booking number; 长辈模式 at 字号 4/4 on 1280x800.
    window.core.sessions.set_assisted(True)
    window.resize(1280, 800)
    _book_offline(window, qtbot, citizen)
    _to_largest(qtbot, window, (1280, 800))
    page = window.current_page()
    assert (window.width(), window.height()) == (1280, 800)
    seen = _shown(window, "ticket_")
    for _ in range(page.details.page_count() - 1):
        assert not out_of_reach(window) and not needs_scrolling(window)
        _tap(qtbot, window, "ticket_pager_next")
        seen |= _shown(window, "ticket_")
    assert {"ticket_number", "ticket_where", "ticket_reference", "ticket_next"} <= seen
    assert "平台确认后预约才生效" in window.findChild(QLabel, "ticket_next").text()


def test_track_result_buttons_keep_their_text_on_a_narrow_panel(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _at_largest_text(qtbot, window, "track_result", "en", (1080, 1920))
    assert window.core.screen() == Screen.TRACK_RESULT
    assert (window.width(), window.height()) == (1080, 1920)  # never wider than the panel
    assert not out_of_reach(window) and not needs_scrolling(window)
    names = ("btn_track_again", "btn_print_slip", "btn_done")
    for name in names:
        b = _button(window, name)
        assert b.width() >= b.sizeHint().width(), name  # its whole text, not cut
    # Two rows: 查询其他编号 above, 打印进度单 and 完成 side by side below.
    again, slip, done = (
        _button(window, n).mapTo(window, _button(window, n).rect().topLeft()) for n in names
    )
    assert again.y() < slip.y() == done.y()
    # The label wraps after its colon; the number itself has room for one unbroken line.
    number = window.findChild(QLabel, "result_number")
    tracking = window.core.sessions.current.tracking_number
    assert shown_tracking_number(tracking) in number.text()  # check apart (C-f)
    left = number.mapTo(window, number.rect().topLeft()).x()
    assert left + number.width() <= window.width()
    assert number.fontMetrics().horizontalAdvance(tracking) <= number.contentsRect().width()
    _tap(qtbot, window, "btn_print_slip")
    qtbot.waitUntil(
        lambda: bool(window.findChild(QLabel, "result_print_state").text()), timeout=5000
    )
    assert (window.width(), window.height()) == (1080, 1920)
    _tap(qtbot, window, "btn_done")
    assert window.core.screen() != Screen.TRACK_RESULT
