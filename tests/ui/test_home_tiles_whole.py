"""Issue #14: every home tile says what it is for, whole, at every text size.

At 字号 4/4 in English on 1280x800 the tiles lost their explanations (three rows of
tiles needed ≈ 670 px where ≈ 500 were left), so a citizen at the largest text size
saw "Rate" or "Track" and nothing saying what they do. Each tile now has a short
explanation (a few words, ui/strings/shell.py ``home.*.short``) shown where its full
one does not fit whole.

A citizen's taps (字号, 对比度, 中文/English, 长辈模式) walk every combination at
1920x1080, 1080x1920 and 1280x800; in each, every tile offered must show its title
and an explanation, both drawn whole (measured with their own fonts where they are
drawn, ink found there), inside the window, on the one page; and a tile tapped where
it was at 字号 1/4 is still under the finger at the larger sizes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetrics

from kiosk.flow import Screen
from tests.ui.test_bar_slots import _settle, _shown, _tap
from tests.ui.test_tap_guard import _centre, _control_at
from ui.a11y import image_array, out_of_reach
from ui.clipping import ELLIPSIS, clipped_texts, label_text_size
from ui.i18n import tr
from ui.screens.home import ENTRIES, HomeScreen
from ui.theme import CONTRASTS, TEXT_STEPS
from ui.widgets.tile import WORD_JOINER, Tile

SIZES = [(1920, 1080), (1080, 1920), (1280, 800)]


def _home(window) -> HomeScreen:  # type: ignore[no-untyped-def]
    assert window.core.screen() == Screen.HOME
    page = window.stack.currentWidget()
    assert isinstance(page, HomeScreen) and page.isVisible()
    return page


def _offered(window) -> list[tuple[str, Tile]]:  # type: ignore[no-untyped-def]
    """(string key, tile) of every tile the home offers in the mode the citizen is in."""
    home = _home(window)
    assisted = window.core.sessions.current.assisted
    keys = [k for k, _j in ENTRIES if not (assisted and k == "home.assisted")]
    tiles = [home.tiles[k] for k in keys]
    # The pager holds exactly these, in this order: a tile missing fails here.
    assert home.pager.items() == tiles
    return list(zip(keys, tiles, strict=True))


def _whole_here(label, window, pixels: np.ndarray, where: str) -> None:  # type: ignore[no-untyped-def]
    """``label`` is on screen, its text laid out in its font fits where it is drawn, and
    there is ink there (the text was drawn, not only measured)."""
    assert label.isVisible(), f"{label.text()!r} hidden, {where}"
    text = label.text()
    assert text and ELLIPSIS not in text, f"{text!r}, {where}"
    area = label.contentsRect()
    need = label_text_size(label, area.width())
    assert need.width() <= area.width() + 1, f"{text!r} {need} in {area.size()}, {where}"
    # One pixel of rounding; a line's box is taller than its ink by a sixth at most.
    slack = max(1, QFontMetrics(label.font()).height() // 6)
    assert need.height() <= area.height() + slack, f"{text!r} {need} in {area.size()}, {where}"
    # No word wider than the label: Qt would let it run past the edge, cut by the tile
    # (Chinese breaks between any two characters; an English word only at its ends).
    fm = QFontMetrics(label.font())
    for word in re.findall(r"[^\s\u3000-\u9fff\uff00-\uffef]+", text):
        assert fm.horizontalAdvance(word) <= area.width() + 1, f"{word!r} cut, {where}"
    drawn = QRect(label.mapTo(window, QPoint(0, 0)), label.size())
    tile = label.parentWidget()
    assert QRect(tile.mapTo(window, QPoint(0, 0)), tile.size()).contains(drawn), where
    assert window.rect().contains(drawn), f"{text!r} off the window, {where}"
    box = pixels[drawn.top() : drawn.bottom() + 1, drawn.left() : drawn.right() + 1]
    rgb = np.stack([(box >> shift) & 0xFF for shift in (16, 8, 0)], axis=-1).astype(int)
    background = rgb[0, 0]  # a corner of the label: the tile's face
    assert (np.abs(rgb - background).sum(axis=-1) > 96).any(), f"no ink, {where}"


def _check(window, where: str) -> dict[str, QPoint]:  # type: ignore[no-untyped-def]
    """Every offered tile whole with its title and an explanation; their centres."""
    home = _home(window)
    assert home.pager.page_count() == 1, f"tiles on {home.pager.page_count()} pages, {where}"
    assert home.pager.fits(), where
    assert out_of_reach(window) == [], where
    cut = [c for c in clipped_texts(window) if "Tile" in c or "QLabel" in c]
    assert cut == [], where
    pixels = image_array(window.grab().toImage())
    lang = window.core.sessions.current.language
    centres = {}
    for key, tile in _offered(window):
        assert tile.isVisible(), f"{key} not shown, {where}"
        assert tile.title.text() == tr(key, lang), where
        full, short = tr(key + ".sub", lang), tr(key + ".short", lang)
        shown = tile.sub.text().replace(WORD_JOINER, "")  # the joiner is drawn as nothing
        assert shown in (full, short), f"{key}: {shown!r}, {where}"
        _whole_here(tile.title, window, pixels, f"{key} title, {where}")
        _whole_here(tile.sub, window, pixels, f"{key} explanation, {where}")
        centres[tile.objectName()] = _centre(tile)
    return centres


def _displays(window) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Every language, contrast theme and text size, each chosen by a tap."""
    for lang in ("zh", "en"):
        if window.core.sessions.current.language != lang:
            _tap(window, "btn_lang")
        assert window.core.sessions.current.language == lang
        for contrast in CONTRASTS:
            while window.display_prefs()[1] != contrast:
                _tap(window, "btn_contrast")
            for step in range(len(TEXT_STEPS)):
                if step:
                    _tap(window, "btn_text_size")
                assert window.display_prefs() == (step, contrast)
                yield f"{lang}, {contrast}, 字号 {step + 1}/4"
            _tap(window, "btn_text_size")  # 4/4 → 1/4
            assert window.display_prefs()[0] == 0


@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
# The two panels where tiles are tightest (1920x1080 has the room; the clipping sweep
# stages home there at every step; CI's time).
@pytest.mark.parametrize("size", SIZES[1:], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_tile_says_what_it_is_for_whole(window, size, assisted) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    _settle()
    if assisted:
        _tap(window, "btn_assisted")
    assert window.core.sessions.current.assisted is assisted
    first: dict[str, QPoint] = {}
    for where in _displays(window):
        window.resize(*size)
        _settle()
        where = f"{size[0]}x{size[1]}, {'assisted' if assisted else 'normal'}, {where}"
        centres = _check(window, where)
        if where.endswith("1/4"):
            first = centres
            continue
        # Where the citizen found each tile at 1/4, the same tile is there now.
        for name, at in first.items():
            under = _control_at(window, at)
            assert under is not None and under.objectName() == name, f"{name} moved, {where}"


def test_short_explanations_only_where_the_full_ones_do_not_fit(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The full explanation wherever there is room: on the large panels at 1/4 every
    tile has it; at 1280x800, English, 4/4 some tiles need their short one, and each
    of those has it because its full one would not fit on the page."""
    window.resize(1920, 1080)
    _settle()
    _tap(window, "btn_lang")
    for key, tile in _offered(window):
        assert tile.sub.text() == tr(key + ".sub", "en") and not tile.shows_short(), key
    window.resize(1280, 800)
    _settle()
    while window.display_prefs()[0] != len(TEXT_STEPS) - 1:
        _tap(window, "btn_text_size")
    window.resize(1280, 800)
    _settle()
    _check(window, "1280x800, en, 4/4")
    home = _home(window)
    shortened = [(k, t) for k, t in _offered(window) if t.shows_short()]
    assert shortened, "nothing was short of room: the case this is for is gone"
    for key, tile in shortened:
        tile.use_short(False)  # what the screen tried before choosing the short one
        home.root.activate()
        home.pager.relayout()
        assert not home.pager.fits(), f"{key}'s full explanation fits, yet it shows the short"
        tile.use_short(True)
        home.pager.relayout()
    assert _shown(window, "tile_rate") is not None
    _tap(window, "tile_rate")  # still a tile that works
    qtbot.waitUntil(lambda: window.core.screen() == Screen.RATE, timeout=5000)


def test_every_tile_has_a_short_explanation_shorter_than_its_full_one() -> None:
    """The string tables hold both, in both languages, the short one shorter."""
    for key, _journey in ENTRIES:
        for lang in ("zh", "en"):
            full, short = tr(key + ".sub", lang), tr(key + ".short", lang)
            assert short and short != key + ".short", (key, lang)
            assert len(short) < len(full), (key, lang, short, full)
