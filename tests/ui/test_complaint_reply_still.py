"""The complaint's reply page, through the real window (try-out 9, C7): at 1280x800 it
had no heading (only the toggle 希望工作人员电话答复我) and 上一步/提交 floated mid-page;
ticking the toggle moved them ~200 px down and put the keypad's ⌫ where 提交 had been, so
a citizen tapping 提交 from memory deleted a digit. The page says what it asks, and
nothing under a finger moves when the number and its keys open or close: every panel,
both modes and languages, the smallest and the largest 字号."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QWidget

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_complaint_reply_fits import SIZES, _at_step, _fits
from tests.ui.test_fit_text_sizes import LARGEST, _settle
from tests.ui.test_services_flow import _button, click, start
from ui.clipping import clipped_texts

STILL = ("btn_step_back", "btn_submit_feedback", "btn_contact_want")


def _rect(w: QWidget) -> QRect:
    return QRect(w.mapTo(w.window(), QPoint(0, 0)), w.size())


def _where(window) -> dict[str, QRect]:  # type: ignore[no-untyped-def]
    _settle()
    found = {name: _button(window, name) for name in STILL}
    assert None not in found.values(), found
    return {name: _rect(w) for name, w in found.items()}


# The two tight panels (1920x1080 has the room; the clipping sweep stages it at every step;
# CI's time).
@pytest.mark.parametrize(
    "size", [s for s in SIZES if s != (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}"
)
@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
@pytest.mark.parametrize("step", [0, LARGEST], ids=["text1", "text4"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_reply_page_has_a_heading_and_nothing_moves(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, size, assisted, step, lang
) -> None:
    _reply_page(window, qtbot, size, assisted, step, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_reply_page_in_high_contrast(window, qtbot, citizen, lang) -> None:  # type: ignore[no-untyped-def]
    """The same in 高对比 (white and yellow on black), 长辈模式 on 1280x800 at 字号 4/4."""
    size = (1280, 800)
    window.resize(*size)
    while window.display_prefs()[1] != "high":  # 标准色 → 深色 → 高对比, tapped
        wait_until_tappable(window.findChild(type(window.lang_btn), "btn_contrast"))
        click(qtbot, window, "btn_contrast")
    _reply_page(window, qtbot, size, True, LARGEST, lang)
    assert window.display_prefs() == (LARGEST, "high")


def _reply_page(  # type: ignore[no-untyped-def]
    window, qtbot, size: tuple[int, int], assisted: bool, step: int, lang: str
) -> None:
    window.resize(*size)
    if assisted:
        window.core.sessions.set_assisted(True)
    if lang == "en":
        wait_until_tappable(window.findChild(type(window.lang_btn), "btn_lang"))
        click(qtbot, window, "btn_lang")
        wait_until_tappable(window.findChild(type(window.lang_btn), "btn_text_size"))
    _at_step(window, qtbot, step)
    window.resize(*size)
    start(window, qtbot, "feedback")
    click(qtbot, window, "category_complaint")
    click(qtbot, window, "phrase_wait")
    click(qtbot, window, "btn_feedback_next")
    heading = window.findChild(QLabel, "feedback_heading")
    assert heading is not None
    # Every panel, 长辈模式 on 1280x800 at 字号 4/4 too (#14: it had made way for the
    # keys there, the toggle alone saying what the page was for): the keys beside the
    # toggle leave it its room. One line, over everything else on the page.
    assert heading.isVisible()
    assert heading.text().strip()
    assert heading.height() < 1.6 * heading.fontMetrics().height()
    before = _where(window)
    assert all(_rect(heading).bottom() < r.top() for r in before.values())
    click(qtbot, window, "btn_contact_want")  # the number and its keys open
    opened = _where(window)
    assert opened == before
    assert heading.isVisible()
    # No key lies where 提交 or 上一步 are.
    for key in ("key_backspace", "key_0", "key_9"):
        k = _rect(_button(window, key))
        for name in ("btn_step_back", "btn_submit_feedback"):
            assert not k.intersects(before[name]), (key, name)
    _fits(window, size)
    assert clipped_texts(window) == []
    click(qtbot, window, "btn_contact_want")  # and close again
    assert _where(window) == before
