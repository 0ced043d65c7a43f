"""The track result on a 1280x800 panel in 长辈模式 at the largest text size (#14, try-out 3
item 3): the status, the offline note, the service and every progress step come as pages
of whole texts turned by taps, and every button stays where it is, in the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.flow import Journey, Screen
from tests.ui.test_fit_text_sizes import needs_scrolling
from tests.ui.test_fit_ticket_track import _at_largest_text
from tests.ui.test_review_pages import _button, _largest_text, _tap
from ui.a11y import out_of_reach
from ui.clipping import clipped_texts
from ui.i18n import tr
from ui.tour import SCENES, stage

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


def _places(window, names: tuple[str, ...] = CONTROLS) -> dict[str, QPoint]:  # type: ignore[no-untyped-def]
    return {n: _button(window, n).mapTo(window, QPoint(0, 0)) for n in names}


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


def test_a_note_taller_than_a_page_reads_whole_sentence_by_sentence(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # A number asked about with no proof: "no application matches…", four lines and its
    # box's padding at 字号 4/4, more than the room a page has between the bars.
    window.core.sessions.set_assisted(True)
    window.core.sessions.set_language("en")
    window.resize(*SIZE)
    window.core.start(Journey.TRACK)
    window.core.sessions.current.tracking_number = "M001-261123-00429"
    window.show_screen(window.core.next())
    _largest_text(qtbot, window)
    window.resize(*SIZE)
    qtbot.waitUntil(lambda: bool(_notes(window)), timeout=5000)
    assert window.core.screen() == Screen.TRACK_RESULT
    places = _places(window, ("btn_track_again", "btn_track_retry", "btn_done"))
    parts = list(_notes(window))
    _check_page(window)
    while _button(window, "steps_next").isEnabled():
        _tap(qtbot, window, "steps_next")
        _check_page(window)
        assert _places(window, tuple(places)) == places
        parts += _notes(window)
    assert len(parts) > 1  # in parts, each whole
    assert " ".join(parts) == tr("result.not_found", "en")


def _notes(window) -> list[str]:  # type: ignore[no-untyped-def]
    found = [w for w in window.findChildren(QLabel, "result_note") if w.isVisible() and w.text()]
    return [w.text() for w in sorted(found, key=lambda w: w.mapTo(window, QPoint(0, 0)).y())]


@pytest.mark.parametrize(
    ("size", "largest"),
    [((1920, 1080), True), ((1080, 1920), True), ((1280, 800), False)],
    ids=["1920x1080", "1080x1920", "1280x800_1of4"],
)
def test_a_print_outcome_moves_nothing(window, qtbot, size, largest: bool) -> None:  # type: ignore[no-untyped-def]
    # The longest outcome (not confirmed, offline advice or not) has its room from the
    # start: the page buttons and 补打回执 stay under the finger when it comes.
    window.core.sessions.set_assisted(True)
    window.resize(*size)
    stage(window, next(s for s in SCENES if s.name == "track_result"), "en", True)
    if largest:
        _largest_text(qtbot, window)
        window.resize(*size)
    names = (*CONTROLS[:4], *(n for n in CONTROLS[4:] if _visible(window, n)))
    places = _places(window, names)
    window.core.backend.printer.paper_out()
    _tap(qtbot, window, "btn_print_slip")
    qtbot.waitUntil(
        lambda: "out of paper" in _shown(window).get("result_print_state", ""), timeout=5000
    )
    assert _places(window, names) == places
    assert clipped_texts(window) == [] and not out_of_reach(window)


def _visible(window, name: str) -> bool:  # type: ignore[no-untyped-def]
    return any(b.isVisible() for b in window.findChildren(QAbstractButton, name))
