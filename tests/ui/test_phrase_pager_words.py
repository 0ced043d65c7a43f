"""The phrases' page buttons say what they turn, through the real window (try-out 9,
C9): on 投诉建议 ◀ 上一页 / 下一页 ▶ (the phrases) stood one row over 上一步 / 下一步 (the
steps), the same words a row apart meaning different things. They name the phrases,
where their words fit, in either language, at every panel, both modes, the smallest and
the largest 字号; where the words do not fit they are arrows, never 上一页/下一页."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_complaint_reply_fits import SIZES, _at_step, _fits
from tests.ui.test_fit_text_sizes import LARGEST
from tests.ui.test_services_flow import _button, click, start
from ui.clipping import clipped_texts

PHRASES = {"zh": "常用语", "en": "phrases"}
STEPS = {"zh": ("上一步", "下一步"), "en": ("Back", "Next")}
PAGES = {"zh": ("上一页", "下一页"), "en": ("Previous", "Next")}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
# 字号 4/4, where the phrases take pages (at 1/4 they fit one page: skipped; CI's time).
@pytest.mark.parametrize("step", [LARGEST], ids=["text4"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_phrase_pages_turn_with_their_own_words(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, size, assisted, step, lang
) -> None:
    window.resize(*size)
    if assisted:
        window.core.sessions.set_assisted(True)
    if lang == "en":
        click(qtbot, window, "btn_lang")
        wait_until_tappable(window.findChild(type(window.lang_btn), "btn_text_size"))
    _at_step(window, qtbot, step)
    window.resize(*size)
    start(window, qtbot, "feedback")
    click(qtbot, window, "category_complaint")
    _fits(window, size)
    assert clipped_texts(window) == []
    turns = [_button(window, n) for n in ("phrases_prev", "phrases_next")]
    if None in turns:
        pytest.skip("the phrases fit one page here: no page buttons")
    flow = [b.text() for b in window.findChildren(QAbstractButton) if b.isVisible()]
    assert any(STEPS[lang][1] in t for t in flow) or any("下一步" in t for t in flow)
    for b in turns:
        assert b is not None
        words = b.text()
        for page_word in PAGES[lang]:
            assert page_word not in words, words
        # Their words, or the bare arrow where the words do not fit.
        assert PHRASES[lang] in words or words.strip() in ("◀", "▶"), words
