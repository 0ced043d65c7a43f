"""Try-out 12, N4: the words over 确认提交 are true after a language switch.

The review read whole in one language; tapped to the other, its answers split into more
pages, some never shown in that language, yet the line said "N 页都已看过" (1280x800:
one page in English, "2 页都已看过" in 中文 with page 2 unseen). Every answer was seen,
so 确认提交 stays open (nothing to read again): the line says that, and "N pages seen"
once every page of the new split has been on the screen. By taps on the real window.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.ui.test_review_pages import _button, _largest_text, _tap, _to_review
from ui.i18n import tr


def test_after_a_language_switch_the_line_says_what_was_seen(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _to_review(window, "zh", False, (1024, 768))
    _largest_text(qtbot, window)
    page = window.current_page()
    before = page.pager.page_count()
    while _button(window, "review_pager_next").isEnabled():
        _tap(qtbot, window, "review_pager_next")
    assert _button(window, "btn_submit").isEnabled()
    _tap(qtbot, window, "btn_lang")  # English: its answers take more pages
    qtbot.wait(50)
    total = page.pager.page_count()
    assert total > before, "the finding's case: more pages in the other language"
    status = window.findChild(QLabel, "review_status")
    submit = _button(window, "btn_submit")
    assert submit.isEnabled() and submit.text() == tr("review.submit", "en")
    assert status.isVisible()
    assert status.text() != tr("review.pages_seen", "en", total=total), "pages not shown in English"
    assert status.text() == tr("review.answers_seen", "en")
    while _button(window, "review_pager_prev").isEnabled():
        _tap(qtbot, window, "review_pager_prev")
    while _button(window, "review_pager_next").isEnabled():
        qtbot.wait(20)
        _tap(qtbot, window, "review_pager_next")
    qtbot.wait(50)
    assert status.text() == tr("review.pages_seen", "en", total=total)
    assert _button(window, "btn_submit").isEnabled()
