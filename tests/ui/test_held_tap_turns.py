"""Try-out 15, C1: a tap on the held "Start: read 3 more pages" (guide) or the held
"Submit: 3 pages left" (review) changed nothing on the screen, which read as a frozen
kiosk. Now such a tap turns to a page not yet seen, and nothing moves: the buttons keep
their places. One window, the tightest case: English 长辈模式 字号 4/4 on 1280x800."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.flow import Screen
from tests.ui.conftest_apply import SERVICE, ApplyRig, put_on, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable
from ui.screens.guide import GuideScreen
from ui.screens.review import ReviewScreen


def _places(r: ApplyRig, page: QWidget) -> dict[str, QRect]:
    r.settle()
    return {
        w.objectName(): QRect(w.mapTo(r.window, QPoint(0, 0)), w.size())
        for w in page.findChildren(QAbstractButton)
        if w.isVisible() and w.objectName()
    }


def _tap_held(r: ApplyRig, name: str) -> None:
    """A finger on the held button (a disabled button: r.click would refuse it)."""
    b = r.button(name)
    assert not b.isEnabled(), f"{name} is not held"
    wait_until_tappable(b)  # the screen came just now: a tap at once is a double tap's
    r.qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
    r.qtbot.wait(20)  # the answer comes after the tap's event
    r.settle()


def test_a_tap_on_a_held_button_turns_to_a_page_not_yet_seen(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.window.resize(1280, 800)
    r.click("btn_lang")
    r.click("btn_assisted")
    while r.window.display_prefs()[0] != 3:
        r.click("btn_text_size")
    # The guide: 开始办理 held on page 1.
    r.click("tile_apply")
    r.core.sessions.current.service_id = SERVICE
    r.window.show_screen(r.core.next())
    r.at(Screen.GUIDE)
    guide = next(g for g in r.window.findChildren(GuideScreen) if g.isVisible())
    assert guide.materials.page_count() > 1
    before = _places(r, guide)
    _tap_held(r, "btn_start")
    assert guide.materials.page() == 1, "the held Start's tap turned no page"
    assert _places(r, guide) == before
    # The review: 确认提交 held on page 1.
    put_on(r.window, Screen.REVIEW, latin=True)
    r.window.show_screen()
    r.at(Screen.REVIEW)
    review = next(s for s in r.window.findChildren(ReviewScreen) if s.isVisible())
    assert review.pager.page_count() > 1
    before = _places(r, review)
    _tap_held(r, "btn_submit")
    assert review.pager.page() == 1, "the held Submit's tap turned no page"
    assert _places(r, review) == before
    # Tapped on until it opens (try-out 16, E11): a second tap of the same finger at once
    # is taken as meant for the held button, not as a submission of pages unseen.
    b = r.button("btn_submit")
    for _ in range(review.pager.page_count()):
        if b.isEnabled():
            break
        _tap_held(r, "btn_submit")
    assert b.isEnabled(), "every page shown, Submit still held"
    r.qtbot.mouseClick(b, Qt.MouseButton.LeftButton)  # at once: no wait for the guard
    r.settle()
    assert r.core.screen() == Screen.REVIEW and not r.core.sessions.current.tracking_number
    asked = getattr(review, "_choice_panel", None)  # 长辈模式: 确认提交吗？ before submitting
    assert asked is None or not asked.asking(), "the second tap was taken as Submit"
    wait_until_tappable(b)  # once settled, Submit takes its tap
