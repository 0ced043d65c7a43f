"""Try-out 6, item 14: 长辈模式's review at 字号 4/4 on 1280x800 ran to 7 pages for 4
answers, many pages with one line. The page buttons now stand in the side column over
确认提交 (the answers keep the whole height) and answers sit a line's leading apart.
Turned by taps: at most 4 pages for the tour's service, each page filled until the next
line would not fit, and every page whole on screen."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401
from tests.ui.test_dialogs_whole import assisted_at
from ui.clipping import clipped_texts
from ui.screens.review import ANSWER_GAP_MM


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_assisted_review_packs_its_answers(rig: ApplyRig, lang: str) -> None:  # noqa: F811
    r = rig
    assisted_at(r, (1280, 800), lang)
    put_on(r.window, Screen.REVIEW, latin=lang == "en")
    r.settle()
    pager = r.window.current_page().pager
    pages = pager.page_count()
    assert 1 < pages <= 4, pages
    per_page = []
    used: list[int] = []  # the height each page's lines take on screen
    opening: list[int] = []  # each page's first line's height where it follows others
    room = pager.area.height()
    width = pager.area.width()
    for n in range(pages):
        r.settle()
        assert clipped_texts(r.window) == []
        shown = [w for w in pager.items() if w.isVisible()]
        per_page.append(len(shown))
        top = min(w.y() for w in shown)
        used.append(max(w.y() + w.height() for w in shown) - top)
        opening.append(shown[0].heightForWidth(width))
        label = r.window.findChild(QLabel, "review_pager_page")
        assert label is not None and label.isVisible()
        assert f"{n + 1}/{pages}" in label.text() or f"{n + 1} of {pages}" in label.text()
        if n < pages - 1:
            r.click("review_pager_next")
    assert sum(per_page) == len(pager.items())
    # Packed: no page ends where the next page's first line would still have fitted (a
    # page of one line is one whose next line is tall: the first material, wrapped to
    # three lines under its heading). The count of lines a page holds depends on their
    # heights: since the answers no longer repeat the name and the number shown over
    # them (try-out 9, C4), a page may hold a line or two.
    gap = r.window.tokens().mm(ANSWER_GAP_MM)
    for n in range(pages - 1):
        assert used[n] + gap + opening[n + 1] > room, (n, used, opening, room, per_page)
    assert r.button("btn_submit").isEnabled()  # every page seen
