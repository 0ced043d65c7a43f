"""English at the largest text size (字号 4/4) on a 1280x800 panel, standard mode, tapped
as a citizen would (try-out 8, C17): the citizen who raised the text still sees where
they are in an application and finds a service in a few pages.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.flow import Screen
from tests.ui.test_fit_nav import _settle, _tap, _visible
from tests.ui.test_fit_text_sizes import LARGEST
from ui.a11y import out_of_reach
from ui.clipping import clipped_texts
from ui.i18n import tr
from ui.main_window import STEP_KEYS
from ui.theme import NORMAL
from ui.tour import SCENES, stage
from ui.widgets.fit_heading import FitHeading


def _home_at_largest(window, qtbot, size: tuple[int, int], lang: str) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    window.core.home()
    window.show_screen()
    _settle()
    if window.core.sessions.current.language != lang:
        _tap(qtbot, _visible(window, "btn_lang"))
    while window.display_prefs()[0] != LARGEST:  # 字号, tapped
        _tap(qtbot, _visible(window, "btn_text_size"))
    window.resize(*size)
    _settle()


def _steps_said(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [lab.text() for lab in window.step_labels if lab.isVisible()]


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (1080, 1920)], ids=str)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_step_bar_names_every_step_at_the_largest_text(window, qtbot, size, lang) -> None:  # type: ignore[no-untyped-def]
    _home_at_largest(window, qtbot, size, lang)
    _tap(qtbot, _visible(window, "tile_apply"))
    assert window.core.screen() == Screen.CATALOG
    said = _steps_said(window)
    assert len(said) == len(STEP_KEYS)
    # A word for every step, never a bare number (it read "1 Choose → 2 → 3 → 4 → 5 → 6").
    bare = [s for s in said if re.fullmatch(r"\d+", s)]
    assert not bare, said
    for text, key in zip(said, STEP_KEYS, strict=True):
        assert text in (tr(key, lang), tr(f"{key}.short", lang)), (text, key)
    assert out_of_reach(window) == []
    assert (window.width(), window.height()) == size


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_catalog_keeps_three_services_a_page_with_their_department(window, qtbot, lang) -> None:  # type: ignore[no-untyped-def]
    _home_at_largest(window, qtbot, (1280, 800), lang)
    _tap(qtbot, _visible(window, "tile_apply"))
    screen = window.current_page()
    assert window.core.screen() == Screen.CATALOG
    services = screen.visible_services()
    assert len(services) > 3
    seen: list[str] = []
    while True:
        tiles = [t for t in screen.services.items() if t.isVisible()]
        for t in tiles:
            # Its department and time limit, whole (it had lost them: try-out 8, C17).
            assert t.sub.isVisible() and " · " in t.sub.text(), t.title.text()
            assert t.height() >= t.heightForWidth(t.width())
        seen += [t.objectName() for t in tiles]
        assert out_of_reach(window) == [] and clipped_texts(window) == []
        nxt = window.findChild(QAbstractButton, "service_pager_next")
        if not (nxt.isVisible() and nxt.isEnabled()):
            break
        assert len(tiles) >= 3, seen  # every page but the last: 3 services at least
        _tap(qtbot, nxt)
    assert seen == [f"service_{s.id}" for s in services]
    # Search shares the heading's row: the services have the row it took.
    search = _visible(window, "btn_search")
    heading = screen.heading
    assert abs(search.geometry().center().y() - heading.geometry().center().y()) < heading.height()
    _tap(qtbot, search)  # its letter pad opens under the services, all on screen
    assert screen._pad is not None and screen._pad.isVisible()
    assert out_of_reach(window) == []
    _tap(qtbot, next(t for t in screen.services.items() if t.isVisible()))
    assert window.core.screen() == Screen.GUIDE


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_top_bar_says_where_and_when_in_type_that_grows(window, qtbot, lang) -> None:  # type: ignore[no-untyped-def]
    """At 字号 4/4 the 165 px header said "Service centre" over a date (try-out 8, C17),
    then the full location over the date in 16 px beside 33 px buttons, the smallest
    text on the screen (try-out 12, N7): now the centre's name and the time, whole, in
    type no smaller than the page's body type at 字号 1/4 (22 px), the full location
    and the date where they fit that type."""
    _home_at_largest(window, qtbot, (1280, 800), lang)
    _tap(qtbot, _visible(window, "tile_apply"))  # 返回 and 首页 take the bar's room
    window.check_idle()  # the clock's tick
    _settle()
    k = window.core.settings.kiosk
    full = k.location_en if lang == "en" else k.location_zh
    header = window.header
    shown = [
        w
        for w in (window.centre_label, header.findChild(QLabel, "header_hall"))
        if w is not None and w.isVisible()
    ]
    said = " ".join(w.text() for w in shown)
    short = k.centre_en if lang == "en" else k.centre_zh
    # Where the citizen is: the centre's name at least (in full where it fits) ...
    assert said.replace(",", "").replace(" ", "") in (
        full.replace(",", "").replace(" ", ""),
        short.replace(" ", ""),
    ), said
    clock = window.clock_label
    # ... and the time, in type that grew with 字号 rather than 16 px.
    assert clock.text().endswith("09:00"), clock.text()
    for w in (*shown, clock):
        assert w.fontMetrics().horizontalAdvance(w.text()) <= w.contentsRect().width()
        assert header.rect().contains(w.geometry()), w.objectName()
        assert w.font().pixelSize() >= NORMAL.body_px, (w.text(), w.font().pixelSize())
    assert out_of_reach(window) == [] and (window.width(), window.height()) == (1280, 800)


def _at_step(window, qtbot, scene: str, step: int) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    stage(window, next(s for s in SCENES if s.name == scene), "en", False)
    while window.display_prefs()[0] != step:  # 字号, tapped
        _tap(qtbot, _visible(window, "btn_text_size"))
    window.resize(1280, 800)
    _settle()


def _shown_headings(window) -> dict[str, FitHeading]:  # type: ignore[no-untyped-def]
    page = window.current_page()
    return {h.full_text(): h for h in page.findChildren(FitHeading) if h.isVisible()}


def test_keyboard_page_questions_follow_the_type_scale(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _at_step(window, qtbot, "manual_id", LARGEST)
    tokens = window.tokens()
    full, body = tokens.px(tokens.heading_px), tokens.px(tokens.body_px)
    shown = _shown_headings(window)
    for key in ("manual.id_number", "manual.name"):
        # At the heading's own size (they stayed at 31 px, the old floor, under a 46 px
        # title: the title now takes what room is left).
        h = shown[tr(key, "en")]
        assert h.shown_px() == full and h.shown_text() == h.full_text(), (key, h.shown_px())
    assert out_of_reach(window) == [] and clipped_texts(window) == []
    # The passport's three questions, one size (try-out 9, C5): the size "Document
    # number" can take, the dates in their short words rather than all three dragged
    # down to "Date of birth (YYYYMMDD)" in 21 px.
    _at_step(window, qtbot, "mrz_entry", LARGEST)
    shown = _shown_headings(window)
    number = shown[tr("mrz.document_number", "en")]
    alone = number._pick()  # what it takes on its own
    assert alone is not None
    for key in ("mrz.birth_date", "mrz.expiry_date"):
        h = shown[tr(key, "en")]
        assert h.shown_px() == number.shown_px() == alone[1], (key, h.shown_px())
        assert h.shown_text() in (tr(key, "en"), tr(f"{key}.short", "en"))
    assert number.shown_text() == number.full_text() and number.shown_px() > body - 10
    assert out_of_reach(window) == [] and clipped_texts(window) == []


def test_keyboard_page_titles_stay_whole_where_they_fitted(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    for scene in ("manual_id", "mrz_entry"):
        _at_step(window, qtbot, scene, 1)  # 字号 2/4: everything had its full size
        tokens = window.tokens()
        title = window.current_page().title
        assert title.shown_px() == tokens.px(tokens.title_px), (scene, title.shown_px())
        for h in _shown_headings(window).values():
            assert h.shown_px() <= title.shown_px()


@pytest.mark.parametrize("size", [(1280, 800), (1280, 770)], ids=str)  # 770: the demo's strip
def test_home_keeps_its_greeting_and_each_name_on_a_line(window, qtbot, size) -> None:  # type: ignore[no-untyped-def]
    _home_at_largest(window, qtbot, size, "en")
    home = window.current_page()
    assert window.core.screen() == Screen.HOME
    assert home.greeting.isVisible()  # it went at 1280x770 ("Assisted / mode" took its line)
    tiles = [t for t in home.pager.items() if t.isVisible()]
    assert len(tiles) == 7  # every entry on the one page
    for t in tiles:
        fm = t.title.fontMetrics()
        assert fm.horizontalAdvance(t.title.text()) <= t.title.width(), t.title.text()
        assert t.sub.isVisible() and t.sub.text()
        tokens = window.tokens()
        assert t.title.font().pixelSize() >= tokens.px(tokens.body_px)
    assert out_of_reach(window) == [] and clipped_texts(window) == []
    _tap(qtbot, _visible(window, "tile_assisted"))
    assert window.core.sessions.current.assisted
