"""The review as pages (issue #14, "every step fits"): at the largest text size the
answers come in pages turned by taps, and 确认提交 waits until every page was seen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from kiosk.flow import Screen
from offline_cache.outbox_protocol import RecordKind
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_fit_text_sizes import needs_scrolling
from ui.a11y import out_of_reach
from ui.i18n import tr
from ui.theme import TEXT_STEPS
from ui.tour import SCENES, stage


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _button(window, name: str) -> QAbstractButton:  # type: ignore[no-untyped-def]
    (b,) = [b for b in window.findChildren(QAbstractButton, name) if b.isVisible()]
    return b


def _tap(qtbot, window, name: str) -> None:  # type: ignore[no-untyped-def]
    b = _button(window, name)
    assert b.isEnabled(), name
    wait_until_tappable(b)
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton, pos=b.rect().center())
    _settle()


def _largest_text(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    while window.display_prefs()[0] != len(TEXT_STEPS) - 1:
        _tap(qtbot, window, "btn_text_size")  # as a citizen picks 字号 4/4


def _shown_answers(window) -> set[str]:  # type: ignore[no-untyped-def]
    return {
        w.objectName()
        for w in window.findChildren(QLabel)
        if w.objectName().startswith("review_")
        and not w.objectName().startswith("review_pager")
        and w.objectName() not in ("review_status", "review_prompt")
        and w.isVisible()
    }


def _all_answers(window) -> set[str]:  # type: ignore[no-untyped-def]
    page = window.current_page()
    return {
        w.objectName()
        for item in page.pager.items()
        for w in [item, *item.findChildren(QLabel)]
        if w.objectName().startswith("review_")
    }


def _applications(window) -> int:  # type: ignore[no-untyped-def]
    return sum(r.kind is RecordKind.APPLICATION for r in window.core.backend.outbox.list())


def _spoken(window) -> list[str]:  # type: ignore[no-untyped-def]
    voice = window.core.voice
    assert voice is not None and voice.wait_idle(5.0)
    return list(voice.player.texts)


def _to_review(window, lang: str, assisted: bool, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    stage(window, next(s for s in SCENES if s.name == "review"), lang, assisted)


def test_every_page_is_turned_by_taps_before_submit_in_assisted_mode(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _to_review(window, "zh", True, (1280, 800))
    _largest_text(qtbot, window)
    page = window.current_page()
    assert window.core.screen() == Screen.REVIEW
    pages = page.pager.page_count()
    assert pages > 1
    submit = _button(window, "btn_submit")
    status = window.findChild(QLabel, "review_status")
    assert not submit.isEnabled()
    # The held button says why itself (try-out 10, C4); the line over it keeps its room.
    assert submit.text() == f"再看 {pages - 1} 页可提交" and not status.isVisible()
    assert _button(window, "review_pager_next").property("role") == "primary"
    # 长辈模式 says it too: the prompt, then how many pages are left to see.
    assert _spoken(window)[-1].endswith(f"确认无误后提交 再看 {pages - 1} 页可提交")
    # A tap on the greyed 确认提交 sends nothing: it turns to the next page not yet seen
    # (try-out 15, C1: it changed nothing, as if frozen).
    seen = _shown_answers(window)
    wait_until_tappable(submit)
    qtbot.mouseClick(submit, Qt.MouseButton.LeftButton, pos=submit.rect().center())
    qtbot.wait(20)
    _settle()
    assert window.core.screen() == Screen.REVIEW and _applications(window) == 0
    assert window.findChild(QLabel, "review_pager_page").text() == f"第 2/{pages} 页"
    seen |= _shown_answers(window)
    for n in range(3, pages + 1):
        assert not out_of_reach(window) and not needs_scrolling(window)
        assert not submit.isEnabled()
        _tap(qtbot, window, "review_pager_next")
        assert window.findChild(QLabel, "review_pager_page").text() == f"第 {n}/{pages} 页"
        seen |= _shown_answers(window)
        left = pages - n
        if left:
            assert submit.text() == f"再看 {left} 页可提交"
            assert _spoken(window)[-1] == f"第 {n}/{pages} 页 {submit.text()}"
    # Every answer was on the screen, each reached by taps; now 确认提交 is there to tap.
    assert seen == _all_answers(window) and "review_phone" in seen
    assert submit.isEnabled() and status.text() == f"{pages} 页都已看过"
    assert status.property("role") == "body"  # words, not a box that looks like a button
    assert submit.text() == "确认提交"
    assert _spoken(window)[-1] == f"第 {pages}/{pages} 页 {pages} 页都已看过"
    assert _button(window, "review_pager_next").property("role") == "secondary"
    _tap(qtbot, window, "review_pager_prev")  # looking back does not take it away
    assert submit.isEnabled() and page.pager.page() == pages - 2
    _tap(qtbot, window, "btn_submit")
    # 长辈模式 asks before submitting; the question stands alone on the screen.
    assert not status.isVisible() and not page.pager.isVisible()
    _tap(qtbot, window, "btn_choice_no")  # 返回检查: the pages and the line come back
    assert status.isVisible() and submit.isEnabled()
    window.show_screen()  # the window shows the screen on display again (a notice closed)
    _settle()
    assert submit.isEnabled(), "nothing changed: the pages seen stay seen"
    _tap(qtbot, window, "btn_submit")
    _tap(qtbot, window, "btn_choice_yes")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.SUBMITTED, timeout=8000)
    assert _applications(window) == 1


def test_pages_seen_in_one_language_stay_seen_in_the_other(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _to_review(window, "zh", False, (1280, 800))
    _largest_text(qtbot, window)
    page = window.current_page()
    assert page.pager.page_count() > 1
    while _button(window, "review_pager_next").isEnabled():
        _tap(qtbot, window, "review_pager_next")
    assert _button(window, "btn_submit").isEnabled()
    _tap(qtbot, window, "btn_lang")
    assert _button(window, "btn_submit").text() == "Submit"
    assert _button(window, "btn_submit").isEnabled()
    status = window.findChild(QLabel, "review_status")
    # In English the answers split otherwise: not every page of this split was shown,
    # every answer was (try-out 12, N4; tests/ui/test_review_seen_words.py).
    assert status.text() == "Every answer seen"


def test_coming_back_to_the_review_asks_for_every_page_again(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _to_review(window, "en", False, (1280, 800))
    _largest_text(qtbot, window)
    while _button(window, "review_pager_next").isEnabled():
        _tap(qtbot, window, "review_pager_next")
    assert _button(window, "btn_submit").isEnabled()
    _tap(qtbot, window, "btn_back")  # to change an answer: what comes back may differ
    assert window.core.screen() != Screen.REVIEW
    window.core.next()  # the citizen returns to the review
    window.show_screen()
    _settle()
    assert window.core.screen() == Screen.REVIEW
    pages = window.current_page().pager.page_count()
    assert not _button(window, "btn_submit").isEnabled()
    left = pages - 1
    key = "review.pages_left.one" if left == 1 else "review.pages_left.many"
    assert _button(window, "btn_submit").text() == tr(key, "en", n=left)


def test_a_review_on_one_page_can_be_submitted_at_once(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _to_review(window, "zh", False, (1080, 1920))
    page = window.current_page()
    assert page.pager.page_count() == 1
    assert not window.findChild(QAbstractButton, "review_pager_next").isVisible()
    assert not window.findChild(QLabel, "review_status").isVisible()
    _tap(qtbot, window, "btn_submit")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.SUBMITTED, timeout=8000)
    assert _applications(window) == 1
