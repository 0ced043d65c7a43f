"""The words over the keys on the complaint's and the rating's keyboards grow with 字号,
as they do on the forms (tests/ui/test_strip_type_scales.py).

Those two screens dock their keyboard under the text being composed, not with the
forms' page helper that tells the strip what room is spare: in 长辈模式 its words
stayed at the mode's floor (30 px at 1080p) at every 字号, with ~1000 px of the page
unused on a portrait panel. The strip also says how the keyboard works (输入拼音，点选汉字),
as a form's does. Through the real window: 字号 1, then 4/4 by taps, keyboard open.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_rate_callback_step import _tap_through_pages, click
from ui.clipping import clipped_texts
from ui.i18n import tr
from ui.theme import ASSISTED
from ui.widgets.fit_keys import PadStrip, key_min


def _to_keyboard(window, qtbot, screen: str, assisted: bool) -> None:  # type: ignore[no-untyped-def]
    """The complaint's text, or a poor rating's comment, with its keyboard open."""
    if screen == "feedback":
        _tap_through_pages(window, qtbot, "tile_feedback", "home_pager")
        _tap_through_pages(window, qtbot, "category_complaint", "categories")
    else:
        _tap_through_pages(window, qtbot, "tile_rate", "home_pager")
        _tap_through_pages(window, qtbot, "rate_very_dissatisfied", "levels")
        click(qtbot, window, "reason_waited_long")
        if assisted:  # the offers of a call-back and a comment are a page of their own
            click(qtbot, window, "btn_rate_next")
        click(qtbot, window, "btn_add_comment")
    click(qtbot, window, "btn_keyboard")
    qtbot.wait(50)


def _strip_hint(window) -> tuple[PadStrip, QLabel]:  # type: ignore[no-untyped-def]
    [strip] = [s for s in window.findChildren(PadStrip) if s.isVisible()]
    hint = strip.shown_message()
    assert hint is not None and hint.isVisible(), "the strip says nothing"
    assert hint.text() == tr("pinyin.hint", "zh")
    return strip, hint


def _whole(window) -> None:  # type: ignore[no-untyped-def]
    assert clipped_texts(window) == []
    keys = [b for b in window.findChildren(QPushButton) if b.objectName().startswith("key_")]
    shown = [k for k in keys if k.isVisible()]
    assert shown and min(k.height() for k in shown) >= key_min(window.tokens()) - 2


@pytest.mark.parametrize("assisted", [False, True], ids=["standard", "assisted"])
@pytest.mark.parametrize("screen", ["feedback", "rate"])
@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080), (1280, 800)], ids=str)
def test_the_words_over_the_comment_keys_grow_with_the_text_size(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, size, screen, assisted
) -> None:
    window.resize(*size)
    if assisted:
        click(qtbot, window, "btn_assisted")
    _to_keyboard(window, qtbot, screen, assisted)
    strip, hint = _strip_hint(window)
    _whole(window)
    small = hint.font().pixelSize()
    # The strip's size, or larger where its kept room holds the line so (try-out 12, E3).
    assert small >= strip.text_px()
    for _ in range(3):  # 字号 4/4: the screen is rebuilt with its keyboard still open
        click(qtbot, window, "btn_text_size")
    qtbot.wait(50)
    assert window.display_prefs()[0] == 3
    strip, hint = _strip_hint(window)
    _whole(window)
    tokens = window.tokens()
    px = hint.font().pixelSize()
    assert px >= (tokens.px(ASSISTED.small_px) if assisted else tokens.px(tokens.body_px))
    if size != (1280, 800) or not assisted:
        # Room to spare over the keys (a short panel's 长辈模式 page needs it for them):
        # the page's own body size, larger than at 字号 1.
        assert px == tokens.px(tokens.body_px), (px, tokens.px(tokens.body_px))
        assert px > small, (small, px)
