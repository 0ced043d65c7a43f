"""Try-out 6, items 10, 11 and 19: the top bar is the same on every screen.

- 中文/English, 长辈模式 and 呼叫工作人员 keep one place from the home screen to every
  other screen (返回 and 首页 keep their slots on home, unseen), in both modes, both
  languages, at the three panel sizes and at the smallest and largest text.
- Each bar button says one thing everywhere: its own words (呼叫工作人员, never 求助;
  "Repeat", never "Again"), whole, on every screen and at every text size.
- In 长辈模式 on a 1280x800 panel the header says the date and the hall (一楼大厅).

Taps go through the real window, as a finger's do.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.flow import Screen
from tests.ui.conftest_apply import manual_identity
from tests.ui.test_bar_slots import _settle, _shown, _tap
from ui.i18n import tr
from ui.theme import TEXT_STEPS

SIZES = [(1920, 1080), (1080, 1920), (1280, 800)]
TOP = ["btn_lang", "btn_assisted", "btn_call_staff"]
# The bar buttons and their one label (the mode switch's depends on the mode).
WORDS = {
    "btn_call_staff": "nav.call_staff",
    "btn_repeat": "voice.repeat",
    "btn_contrast": "display.contrast.standard",
}


def _bar(window: QWidget) -> dict[str, tuple[QRect, str]]:
    """Each top-bar button's place (window coordinates) and words."""
    out = {}
    for name in TOP:
        b = _shown(window, name)
        assert b is not None, f"{name} is not on screen"
        out[name] = (QRect(b.mapTo(window, QPoint(0, 0)), b.size()), b.text())
    return out


def _words_whole(window: QWidget, lang: str, where: str) -> None:
    """Every bar button on screen says its own words, whole."""
    assisted = window.core.sessions.current.assisted
    words = dict(WORDS, btn_assisted="nav.assisted_off" if assisted else "nav.assisted_on")
    for name, key in words.items():
        b = _shown(window, name)
        if b is None:
            assert name == "btn_repeat" and not assisted, f"{name} missing, {where}"
            continue
        if name == "btn_contrast":
            continue  # its words change with the theme; whole is checked below
        assert b.text() == tr(key, lang), f"{name} says {b.text()!r}, {where}"
    for b in window.findChildren(QAbstractButton):
        if b.isVisible() and b.objectName() in (*TOP, *WORDS, "btn_back", "btn_home"):
            fm = b.fontMetrics()
            assert fm.horizontalAdvance(b.text()) <= b.contentsRect().width(), (
                f"{b.objectName()} cut, {where}"
            )


@pytest.mark.parametrize("step", [0, len(TEXT_STEPS) - 1], ids=["text1", "text4"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
@pytest.mark.parametrize(
    "size", SIZES[1:], ids=lambda s: f"{s[0]}x{s[1]}"
)  # the tight two (CI's time)
def test_top_bar_keeps_its_place_and_words_on_every_screen(
    window,
    qtbot,
    size,
    assisted,
    lang,
    step,  # type: ignore[no-untyped-def]
) -> None:
    window.resize(*size)
    _settle()
    if lang == "en":
        _tap(window, "btn_lang")
    if assisted:
        _tap(window, "btn_assisted")
    while window.display_prefs()[0] != step:
        _tap(window, "btn_text_size")
    window.resize(*size)
    _settle()
    assert window.core.screen() == Screen.HOME
    where = f"{size}, {'assisted' if assisted else 'normal'}, {lang}, text {step + 1}"
    home = _bar(window)
    _words_whole(window, lang, f"home, {where}")
    for tile, screen in (("tile_apply", Screen.CATALOG), ("tile_appointment", None)):
        _tap(window, "btn_home") if window.core.screen() != Screen.HOME else None
        qtbot.waitUntil(lambda: window.core.screen() == Screen.HOME, timeout=5000)
        _settle()
        _tap(window, tile)
        if screen is not None:
            qtbot.waitUntil(lambda s=screen: window.core.screen() == s, timeout=5000)
        _settle()
        assert window.core.screen() != Screen.HOME
        there = _bar(window)
        for name in TOP:
            assert there[name] == home[name], f"{name} on {window.core.screen()}: {where}"
        _words_whole(window, lang, f"{window.core.screen()}, {where}")


@pytest.mark.parametrize("step", [0, len(TEXT_STEPS) - 1], ids=["text1", "text4"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_assisted_header_says_the_date_and_the_hall(window, qtbot, lang, step) -> None:  # type: ignore[no-untyped-def]
    """长辈模式 on a 1280x800 panel: the header keeps the date (try-out 6 saw the time
    alone) with the centre's name, in type no smaller than the mode allows, on home and
    on the catalog; where the full location cannot share the header with the date (the
    catalog, 中文: 300 px of name in 275), it keeps the hall on a second line beside the
    time alone (#14: the date gives way before 一楼大厅 does)."""
    window.resize(1280, 800)
    _settle()
    if lang == "en":
        _tap(window, "btn_lang")
    _tap(window, "btn_assisted")
    while window.display_prefs()[0] != step:
        _tap(window, "btn_text_size")
    window.resize(1280, 800)
    k = window.core.settings.kiosk
    month = tr("header.months", lang).split()[10]  # the test clock's November
    for tile in ("", "tile_apply"):
        if tile:
            _tap(window, tile)
            qtbot.waitUntil(lambda: window.core.screen() == Screen.CATALOG, timeout=5000)
        window.check_idle()  # the clock's once-a-second tick
        _settle()
        centre, clock = window.centre_label, window.clock_label
        where = f"{lang}, text {step + 1}, {window.core.screen()}"
        hall = window.header.hall
        if hall.isVisible():  # centre over hall, the time beside
            full, short = (
                (k.location_zh, k.centre_zh) if lang == "zh" else (k.location_en, k.centre_en)
            )
            assert centre.text() == short and full.endswith(hall.text()), where
            assert clock.text() == "09:00", where
            assert hall.font().pixelSize() >= 30, where
        else:
            assert month in clock.text(), f"no date: {clock.text()!r}, {where}"
        assert centre.isVisible(), where
        # The full location where the room allows; else the centre's name (长辈模式's
        # type stays at 30 px or more, ui/a11y.py, and the date has the room first).
        names = (k.location_zh, k.centre_zh) if lang == "zh" else (k.location_en, k.centre_en)
        assert centre.text() in names, where
        fm = clock.fontMetrics()
        assert fm.horizontalAdvance(clock.text()) <= clock.contentsRect().width(), where
        fm = centre.fontMetrics()
        assert fm.horizontalAdvance(centre.text()) <= centre.contentsRect().width(), where
        assert min(centre.font().pixelSize(), clock.font().pixelSize()) >= 30, where
        assert not centre.geometry().intersects(clock.geometry()), where


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_appointment_tile_and_screen_agree(window, qtbot, lang) -> None:  # type: ignore[no-untyped-def]
    """The home tile's words are the appointment screen's title (try-out 6: the tile
    said "Bookings", the screen "Appointment & ticket")."""
    if lang == "en":
        _tap(window, "btn_lang")
    tile = _shown(window, "tile_appointment")
    assert tile is not None
    said = tile.title.text()  # type: ignore[attr-defined]
    _tap(window, "tile_appointment")
    assert window.core.screen() == Screen.IDENTIFY
    # Identified (the identify screen's own ways have their tests): the counters next.
    window.core.sessions.current.set_identity(manual_identity(lang == "en"))
    window.show_screen(window.core.next())
    _settle()
    assert window.core.screen() == Screen.APPOINTMENT
    assert window.windowTitle() == said
