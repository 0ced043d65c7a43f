"""Try-out 6, item 14: 长辈模式's review at 字号 4/4 on 1280x800 ran to 7 pages for 4
answers, many pages with one line. The page buttons now stand in the side column over
确认提交 (the answers keep the whole height) and answers sit a line's leading apart.
Turned by taps: at most 4 pages for the tour's service (12 lines), every page but the
last with at least 3 of them, and every page whole on screen."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401
from tests.ui.test_dialogs_whole import assisted_at
from ui.clipping import clipped_texts


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
    for n in range(pages):
        r.settle()
        assert clipped_texts(r.window) == []
        shown = [w for w in pager.items() if w.isVisible()]
        per_page.append(len(shown))
        label = r.window.findChild(QLabel, "review_pager_page")
        assert label is not None and label.isVisible()
        assert f"{n + 1}/{pages}" in label.text() or f"{n + 1} of {pages}" in label.text()
        if n < pages - 1:
            r.click("review_pager_next")
    assert sum(per_page) == len(pager.items())
    assert min(per_page[:-1]) >= 3, per_page
    assert r.button("btn_submit").isEnabled()  # every page seen
