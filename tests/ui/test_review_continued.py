"""The review's pages never show a line without its heading (try-out 8, C6): a page that
goes on with a section begun on the page before opens with that section's heading,
marked （续） / (continued), as the guide's 所需材料（续）. Turned by taps at 字号 4/4."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from tests.ui.test_review_pages import _largest_text, _tap, _to_review
from ui.clipping import clipped_texts


def _top_label(window) -> QLabel:  # type: ignore[no-untyped-def]
    area = window.current_page().pager.area
    shown = [w for w in area.findChildren(QLabel) if w.isVisible() and w.text()]
    assert shown
    return min(shown, key=lambda w: w.mapTo(area, w.rect().topLeft()).y())


@pytest.mark.parametrize(
    ("lang", "assisted", "mark"),
    [
        ("zh", False, "（续）"),
        ("en", False, " (continued)"),
        ("zh", True, "（续）"),
        ("en", True, " (continued)"),
    ],
    ids=["zh", "en", "zh-assisted", "en-assisted"],
)
def test_every_page_opens_with_a_heading(window, qtbot, lang, assisted, mark) -> None:  # type: ignore[no-untyped-def]
    _to_review(window, lang, assisted, (1280, 800))
    _largest_text(qtbot, window)
    pager = window.current_page().pager
    pages = pager.page_count()
    assert pages > 1
    continued = []
    for n in range(pages):
        top = _top_label(window)
        assert top.property("role") == "heading", (n + 1, top.text())
        if top.text().endswith(mark):
            continued.append(top.text())
            # The heading of the section the line belongs to, and the whole of it.
            assert top.text().removesuffix(mark)
        # The lines whole, 长辈模式's status line over 确认提交 too (#14, 2: 还有 4 页没看，
        # 看完才能提交 took 3 lines in a room of 2 once 字号 was raised on this page).
        assert clipped_texts(window) == []
        if n < pages - 1:
            _tap(qtbot, window, "review_pager_next")
    assert continued, "no page went on with a section (the scene no longer splits one)"
