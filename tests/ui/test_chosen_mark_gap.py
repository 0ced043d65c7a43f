"""Try-out 20, C4: a chosen answer's ✓ touched its words ("Lost✓", 遗失✓). A gap of
the page's background stands between the words' last ink and the ✓'s, in standard
mode, at the sizes where the room is least (English at 字号 4/4, 中文 at 1/4), measured
on the real window's pixels after tapping the answer."""

from __future__ import annotations

import numpy as np
import pytest

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, manual_identity, rig  # noqa: F401
from tests.ui.test_dark_states_distinct import _fill, _pixels
from ui.widgets.chosen_mark import mark_rect

CARD = "renshe.ss_card_replace"  # 补换原因: 遗失 / 损坏


def _ink_columns(b, fill: int) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Columns of ``b``'s middle band with ink (anything but its fill), edges left out."""
    px = _pixels(b)
    h, w = px.shape
    band = px[h // 4 : h - h // 4, 8 : w - 8]
    return np.flatnonzero((band != fill).any(axis=0)) + 8


@pytest.mark.parametrize(("lang", "taps"), [("en", 3), ("zh", 0)], ids=["en-4of4", "zh-1of4"])
def test_the_tick_stands_apart_from_the_words(rig: ApplyRig, lang: str, taps: int) -> None:  # noqa: F811
    r = rig
    r.window.resize(1920, 1080)
    r.to_identify(CARD)
    r.core.sessions.current.set_identity(manual_identity())
    r.window.show_screen(r.core.next())
    r.at(Screen.FORM)
    if lang == "en":
        r.click("btn_lang")
    for _ in range(taps):
        r.click("btn_text_size")
    r.click("choice_reason_lost")
    b = r.button("choice_reason_lost")
    tick = mark_rect(b)
    ink = _ink_columns(b, _fill(b))
    words = ink[ink < tick.left()]
    mark = ink[ink >= tick.left()]
    assert words.size and mark.size, (words, mark)
    px = b.font().pixelSize()
    gap = int(mark.min()) - int(words.max()) - 1
    assert gap >= px // 4, (b.text(), px, gap, tick, b.width())
    # ...and the ✓ whole inside the button, clear of its edge.
    assert b.rect().contains(tick)
