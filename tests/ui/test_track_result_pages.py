"""The track result on a 1280x800 panel in 长辈模式 at the largest text size (#14, try-out 3
item 3): the status, the offline note, the service and every progress step come as pages
of whole texts turned by taps, and every button stays where it is, in the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.flow import Screen
from tests.ui.test_fit_text_sizes import needs_scrolling
from tests.ui.test_fit_ticket_track import _at_largest_text
from tests.ui.test_review_pages import _button, _tap
from ui.a11y import out_of_reach
from ui.clipping import clipped_texts

SIZE = (1280, 800)
CONTROLS = (
    "btn_reprint_receipt_open",
    "btn_track_again",
    "btn_print_slip",
    "btn_done",
    "steps_prev",
    "steps_next",
)


def _shown(window) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The result's texts on display: object name -> text."""
    names = ("result_", "platform_note_")
    return {
        w.objectName(): w.text()
        for w in window.findChildren(QLabel)
        if w.objectName().startswith(names) and w.isVisible() and w.text()
    }


def _places(window) -> dict[str, QPoint]:  # type: ignore[no-untyped-def]
    return {n: _button(window, n).mapTo(window, QPoint(0, 0)) for n in CONTROLS}


def _check_page(window) -> None:  # type: ignore[no-untyped-def]
    assert (window.width(), window.height()) == SIZE  # never grown by its texts
    assert not out_of_reach(window) and not needs_scrolling(window)
    assert clipped_texts(window) == []  # every text on the page whole


def _read_every_page(qtbot, window) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Tap 下一页 to the last page, checking each; every text seen."""
    places = _places(window)
    seen = _shown(window)
    _check_page(window)
    while _button(window, "steps_next").isEnabled():
        _tap(qtbot, window, "steps_next")
        _check_page(window)
        assert _places(window) == places  # nothing moved under the finger
        seen |= _shown(window)
    return seen


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_track_result_reads_whole_in_pages(window, qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    window.core.sessions.set_assisted(True)
    _at_largest_text(qtbot, window, "track_result", lang, SIZE)
    assert window.core.screen() == Screen.TRACK_RESULT
    page = window.current_page()
    assert page.steps.page_count() > 1
    seen = _read_every_page(qtbot, window)
    steps = len(page.view.steps)
    assert {"result_number", "result_service", "result_status", "result_note"} <= set(seen)
    assert {f"result_step_{i}" for i in range(steps)} <= set(seen)
    assert {"platform_note_0", "platform_note_1"} <= set(seen)  # the platform's own words
    offline = "网络暂时不通" if lang == "zh" else "Offline"
    assert seen["result_note"].startswith(offline)
    accepted = "已受理" if lang == "zh" else "Accepted"
    assert accepted in seen["result_status"]
    # And back: 上一页 leads to the first page, where the status is.
    while _button(window, "steps_prev").isEnabled():
        _tap(qtbot, window, "steps_prev")
    assert "result_status" in _shown(window)


def test_a_print_outcome_is_turned_to_and_whole(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.core.sessions.set_assisted(True)
    _at_largest_text(qtbot, window, "track_result", "en", SIZE)
    places = _places(window)
    while _button(window, "steps_next").isEnabled():
        _tap(qtbot, window, "steps_next")  # the citizen reads to the end
    window.core.backend.printer.paper_out()
    _tap(qtbot, window, "btn_print_slip")
    qtbot.waitUntil(
        lambda: "out of paper" in _shown(window).get("result_print_state", ""), timeout=5000
    )
    # The message is on the first page, turned to, whole; the buttons did not move.
    assert window.current_page().steps.page() == 0
    _check_page(window)
    assert _places(window) == places
    _tap(qtbot, window, "btn_done")
    assert window.core.screen() != Screen.TRACK_RESULT


def test_the_columns_stay_where_the_texts_fit(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # A large panel: the status beside the progress list, its page buttons under it.
    window.core.sessions.set_assisted(True)
    _at_largest_text(qtbot, window, "track_result", "en", (1920, 1080))
    status = window.findChild(QLabel, "result_status")
    steps = window.findChild(QLabel, "result_step_0")
    assert status.isVisible() and steps.isVisible()  # on the same page
    left = status.mapTo(window, QPoint(0, 0)).x()
    assert steps.mapTo(window, QPoint(0, 0)).x() > left + status.width() // 2
    reprint = window.findChild(QAbstractButton, "btn_reprint_receipt_open")
    assert reprint.mapTo(window, QPoint(0, 0)).y() > steps.mapTo(window, QPoint(0, 0)).y()
    assert clipped_texts(window) == []
