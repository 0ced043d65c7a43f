"""Try-out 9, E8: 长辈模式's call-back page (请留下回访电话) carried the offered number,
改用其他号码, a consent toggle, a full keypad (for a number already there) and 提交评价;
提交评价 without the consent showed a 4-line message that pushed the keypad and the
button up ~190 px, and it said 不需要联系请再点一下上方按钮取消 of a button on the previous
page. Now one decision a screen: the number (the keys only to type another one), then
the consent as a question of its own whose answers send the rating or take the
call-back back; a wrong number is said under the number, in room kept for it, and
nothing moves. In standard mode the consent message names the toggle by its words.
Through the real window, at every panel size, 字号 4/4, both languages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_complaint_reply_fits import SIZES, _at_step, _fits
from tests.ui.test_fit_text_sizes import LARGEST
from tests.ui.test_rate_callback_number import _poor_rating_with_the_form_phone
from tests.ui.test_services_flow import _button, click, text_of


def _buttons(window) -> dict[str, QRect]:  # type: ignore[no-untyped-def]
    return {
        b.objectName(): QRect(b.mapTo(window, QPoint(0, 0)), b.size())
        for b in window.findChildren(QAbstractButton)
        if b.isVisible() and b.objectName()
    }


def _shown_text(window, name: str) -> str:  # type: ignore[no-untyped-def]
    [w] = [w for w in window.findChildren(QLabel, name) if w.isVisible()]
    return str(w.text())


def _number_page(window, qtbot, size, lang: str = "zh") -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    window.core.sessions.set_assisted(True)
    if lang == "en":
        click(qtbot, window, "btn_lang")
    _at_step(window, qtbot, LARGEST)
    window.resize(*size)
    _poor_rating_with_the_form_phone(window, qtbot)  # 138****8000 offered


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_number_then_the_consent_each_on_its_own(window, qtbot, citizen, size, lang) -> None:  # type: ignore[no-untyped-def]
    _number_page(window, qtbot, size, lang)
    assert "138****8000" in text_of(window, "callback_phone")
    shown = _buttons(window)
    assert {"btn_callback_other", "btn_rate_back", "btn_rate_next"} <= shown.keys()
    # No keys under a number that stands, no consent, no 提交评价: one decision.
    assert not any(k.startswith("key_") for k in shown), shown.keys()
    assert "btn_callback_consent" not in shown and "btn_submit_rating" not in shown
    _fits(window, size)
    click(qtbot, window, "btn_rate_next")
    qtbot.waitUntil(lambda: _button(window, "btn_choice_yes") is not None, timeout=3000)
    asked = _buttons(window)
    assert "btn_rate_next" not in asked and "btn_callback_other" not in asked
    body = _shown_text(window, "choice_body")
    assert "138****8000" in body and "13800138000" not in body
    yes = "同意，提交评价" if lang == "zh" else "Yes, send my rating"
    assert _button(window, "btn_choice_yes").text() == yes
    _fits(window, size)
    click(qtbot, window, "btn_choice_yes")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)
    [rec] = citizen.records()
    assert rec["follow_up"]["phone"] == "13800138000" and rec["follow_up"]["consent"]
    assert "138****8000" in text_of(window, "rate_thanks")
    _fits(window, size)


def test_no_call_back_takes_it_back_and_sends_without_it(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    _number_page(window, qtbot, (1080, 1920))
    click(qtbot, window, "btn_rate_next")
    click(qtbot, window, "btn_choice_no")  # 不用回访
    want = _button(window, "btn_callback_want")
    assert want is not None and not want.isChecked()  # the offers' page, the toggle off
    click(qtbot, window, "btn_submit_rating")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)
    [rec] = citizen.records()
    assert "follow_up" not in rec


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_wrong_number_is_said_under_it_and_nothing_moves(window, qtbot, citizen, size) -> None:  # type: ignore[no-untyped-def]
    _number_page(window, qtbot, size)
    click(qtbot, window, "btn_callback_other")  # the keys, to type another number
    for ch in "139":
        click(qtbot, window, f"key_{ch}")
    before = _buttons(window)
    assert "key_5" in before
    click(qtbot, window, "btn_rate_next")
    problem = window.findChild(QLabel, "callback_problem")
    assert problem.isVisible() and "11 位手机号" in problem.text()
    assert _button(window, "btn_choice_yes") is None  # not asked with a wrong number
    after = _buttons(window)
    moved = {k: (before[k], after[k]) for k in before if before[k] != after.get(k)}
    assert not moved, moved
    _fits(window, size)
    # It is about the number on the screen, just above it, and names no button elsewhere.
    phone = window.findChild(QWidget, "callback_phone")
    assert phone.mapTo(window, QPoint(0, 0)).y() < problem.mapTo(window, QPoint(0, 0)).y()
    for ch in "00001111":
        click(qtbot, window, f"key_{ch}")
    assert problem.text() == "" and not problem.isVisible()  # the message goes, its room stays
    assert _buttons(window) == after
    click(qtbot, window, "btn_rate_next")
    qtbot.waitUntil(lambda: _button(window, "btn_choice_yes") is not None, timeout=3000)
    assert "139****1111" in _shown_text(window, "choice_body")


def test_standard_mode_consent_message_names_the_toggle(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    window.resize(1920, 1080)
    _poor_rating_with_the_form_phone(window, qtbot)
    click(qtbot, window, "btn_submit_rating")  # consent not ticked
    said = text_of(window, "callback_problem")
    assert "“请工作人员回访我（整改回访）”" in said and "上方" not in said, said
    assert _button(window, "btn_callback_want") is not None  # the button it names is there
