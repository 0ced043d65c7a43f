"""Every step fits at the largest text size (字号 4/4) on a 1280x800 panel in 长辈模式,
on the tile and list screens, driven by taps (tests/ui/test_fit_text_sizes.py measures
every scene; here the citizen taps on through what used to be cut).
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QPushButton, QWidget

from kiosk.flow import Screen
from tests.ui.test_fit_nav import _settle, _tap, _visible
from tests.ui.test_fit_text_sizes import LARGEST
from ui.a11y import out_of_reach
from ui.tour import SCENES, stage
from ui.widgets.tile import Tile


def _fits(window) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    _settle()
    assert out_of_reach(window) == []
    assert (window.width(), window.height()) == (1280, 800)


def _at_largest(window, qtbot, scene: str, lang: str = "en") -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    stage(window, next(s for s in SCENES if s.name == scene), lang, True)
    while window.display_prefs()[0] != LARGEST:  # 字号, tapped as a citizen would
        _tap(qtbot, _visible(window, "btn_text_size"))
    window.resize(1280, 800)
    _settle()


def test_the_top_bar_is_no_taller_than_its_buttons(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _at_largest(window, qtbot, "catalog", "zh")
    chrome = window.findChild(QWidget, "chrome")
    button = window.lang_btn
    margins = chrome.layout().contentsMargins()
    assert chrome.height() == button.height() + margins.top() + margins.bottom()
    assert window.header.one_line()
    clock = window.findChild(QLabel, "header_clock")
    assert clock.isVisible() and clock.text().endswith("09:00")  # the time, at least
    _fits(window)
    # The current step gets no room beside the bigger buttons: no empty coloured box.
    [step] = [w for w in window.step_labels if w.isVisible()]
    if not step.text():
        centre = step.grab().toImage().pixelColor(step.width() // 2, step.height() // 2)
        assert centre.name().lower() != window.tokens().primary.lower()
    # Standard mode at the first size: the centre's name over the date, two lines.
    window.resize(1920, 1080)
    stage(window, next(s for s in SCENES if s.name == "catalog"), "zh", False, text_step=0)
    _settle()
    assert not window.header.one_line()
    assert window.findChild(QLabel, "header_centre").text()


def test_catalog_tiles_whole_in_english_and_tapped(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _at_largest(window, qtbot, "catalog")
    _fits(window)
    tiles = [t for t in window.findChildren(Tile) if t.isVisible()]
    assert tiles
    _tap(qtbot, tiles[0])
    assert window.core.screen() == Screen.GUIDE


def test_identify_fits_and_its_short_switches_work(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _at_largest(window, qtbot, "identify")
    _fits(window)
    for name in ("tile_card", "tile_qr", "tile_manual", "btn_proxy"):
        assert _visible(window, name)
    proxy = _visible(window, "btn_proxy")
    # Short words where the long would not fit beside 长辈模式's switch; since its words
    # became "Exit assisted mode" (try-out 9, E6) the long ones fit whole (_fits above).
    assert proxy.text() in ("For someone else", "I am applying for someone else")
    _tap(qtbot, proxy)
    assert window.core.sessions.current.proxy
    assert _visible(window, "btn_proxy").text() in ("I am applying for myself", "For myself")
    _fits(window)
    # The way out is the top bar's alone (try-out 10, E4): it turns the mode off.
    _tap(qtbot, _visible(window, "btn_assisted"))
    assert not window.core.sessions.current.assisted


def test_appointment_ways_whole_and_booking_reached(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _at_largest(window, qtbot, "appointment")
    _fits(window)
    # The screen keeps its step through a display change (try-out 7): staged at another
    # size, it may already stand at the way to be served; otherwise a counter is tapped.
    depts = [b for b in window.findChildren(Tile) if b.objectName().startswith("dept_")]
    shown = [d for d in depts if d.isVisible()]
    if shown:
        _tap(qtbot, shown[0])
    assert _visible(window, "mode_queue") is not None
    _fits(window)  # the way to be served (queue or booking), whole
    book = [b for b in window.findChildren(QPushButton, "mode_book")]
    assert book
    if not book[0].isVisible():  # on a later page: turned by a tap
        _tap(qtbot, _visible(window, "appt_next"))
    _tap(qtbot, _visible(window, "mode_book"))
    days = [b for b in window.findChildren(QAbstractButton) if b.objectName().startswith("day_")]
    assert any(d.isVisible() for d in days)
    _fits(window)


def test_idle_warning_at_the_largest_size_fits_and_answers(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    scene = next(s for s in SCENES if s.name == "idle_warning")
    stage(window, scene, "en", True, text_step=LARGEST)
    window.resize(1280, 800)
    _settle()
    assert window.overlay.is_idle_warning()
    _fits(window)
    _tap(qtbot, window.overlay.primary)  # "I need more time"
    assert not window.overlay.isVisible()
    assert window.core.screen() == Screen.CATALOG


def test_rate_fits_and_a_level_is_chosen(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _at_largest(window, qtbot, "rate", "zh")
    _fits(window)
    _tap(qtbot, _visible(window, "rate_dissatisfied"))
    assert _visible(window, "reason_waited_long")
    _fits(window)


def test_feedback_phrases_are_pages_and_the_reply_offer_its_own(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _at_largest(window, qtbot, "feedback", "zh")
    _fits(window)
    _tap(qtbot, _visible(window, "category_complaint"))
    _fits(window)  # the phrases page: no scrolling, the phrases as pages
    phrase = "phrase_callback"  # the last of a complaint's six
    while not [b for b in window.findChildren(QPushButton, phrase) if b.isVisible()]:
        _tap(qtbot, _visible(window, "phrases_next"))
        _fits(window)
    _tap(qtbot, _visible(window, phrase))
    words = window.findChild(QLabel, "composer_text").text()
    assert words == _visible(window, phrase).text()
    _tap(qtbot, _visible(window, "btn_feedback_next"))
    _fits(window)
    assert not window.findChild(QLabel, "composer_text").isVisible()
    _tap(qtbot, _visible(window, "btn_contact_want"))
    _fits(window)  # the phone keypad beside its toggles, no scrolling
    _tap(qtbot, _visible(window, "btn_step_back"))  # back to the words, kept
    assert window.findChild(QLabel, "composer_text").text() == words
