"""Typing screens on a small panel, driven by taps: everything fits and nothing moves.

A 1280x800 window (the smallest supported panel): ID entry, the form as pages,
the editor and 长辈模式's one question a page. Each test taps the real keys and
asserts what a citizen relies on: what was typed reaches the review, the second
page of the form is reachable and going back keeps the answers, and a message
or the pinyin candidates appear without moving a single key.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.flow import Screen
from tests.ui.conftest_apply import ID_NUMBER, ApplyRig, rig  # noqa: F401
from ui.a11y import out_of_reach

SMALL = (1280, 800)
KEY_FLOOR_PX = 64  # a key's face, normal mode; 长辈模式's keys are larger still


def _small(r: ApplyRig) -> None:
    r.window.resize(*SMALL)
    r.settle()


def _keys(r: ApplyRig) -> dict[str, QRect]:
    """Every visible key of the docked pad, where it is in the window."""
    r.settle()
    out = {}
    for b in r.window.findChildren(QPushButton):
        if b.isVisible() and b.objectName().startswith("key_"):
            out[b.objectName()] = QRect(b.mapTo(r.window, b.rect().topLeft()), b.size())
    assert out, "no keys on screen"
    return out


def _fits(r: ApplyRig) -> None:
    r.settle()
    assert (r.window.width(), r.window.height()) == SMALL, "the window grew"
    assert out_of_reach(r.window) == []


def _manual_id(r: ApplyRig, assisted: bool = False) -> None:
    """Typed ID entry on the small window (in 长辈模式 if ``assisted``)."""
    _small(r)
    r.to_identify()
    if assisted:
        r.click("btn_big_mode")
    r.click("tile_manual")
    r.at(Screen.MANUAL_ID)


def _pick(r: ApplyRig, pinyin: str, hanzi: str) -> None:
    r.type(pinyin)
    r.click(next(f"cand_{i}" for i in range(6) if r.button(f"cand_{i}").text() == hanzi))


def _identified(r: ApplyRig) -> None:
    """张三, typed in on the keypads, confirmed (the offer of 长辈模式 declined if made)."""
    r.type(ID_NUMBER)
    _pick(r, "zhang", "张")
    _pick(r, "san", "三")
    r.click("btn_confirm")
    if r.core.sessions.current.assisted:
        r.confirm_identified()  # who was identified, before the first question
    elif r.shown("btn_choice_no"):
        r.click("btn_choice_no")  # born 1949: assisted mode is offered, and declined
    r.at(Screen.FORM)


def test_id_entry_fits_and_a_message_moves_no_key(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _manual_id(r)
    _fits(r)
    keys = _keys(r)
    assert min(k.height() for k in keys.values()) >= KEY_FLOOR_PX
    r.type(ID_NUMBER[:-1] + "1")  # a typing mistake in the check character
    # The whole number moved on to the name: the pinyin keyboard, in the same place.
    r.click("field_id_number")
    r.click("btn_confirm")
    assert "校验位" in r.label("error_id_number") and r.shown("error_id_number")
    assert _keys(r) == keys, "the message moved the keys"
    _fits(r)
    r.click("key_backspace")
    r.type(ID_NUMBER[-1])
    letters = _keys(r)
    r.type("zhang")
    assert _any_shown(r, "cand_0")  # the candidates took the message's strip, not the keys' room
    assert {n: g for n, g in _keys(r).items() if n in letters} == letters
    _fits(r)


def test_assisted_id_entry_one_question_a_screen(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _manual_id(r, assisted=True)
    assert r.shown("question_id_number") and not r.shown("question_name")
    _fits(r)
    assert min(k.height() for k in _keys(r).values()) > KEY_FLOOR_PX
    r.type(ID_NUMBER)
    assert r.shown("question_name") and not r.shown("question_id_number")
    _fits(r)
    r.click("key_W")  # she tried (pinyin spelt): an empty name is an error now (E3)
    r.click("btn_confirm")  # no name yet: the message goes over the keys
    assert r.shown("error_name")
    _fits(r)


def _any_shown(r: ApplyRig, name: str) -> bool:
    r.settle()
    return any(w.isVisible() for w in r.window.findChildren(QWidget, name))


def _typed_form_answer(r: ApplyRig, field: str, text: str) -> None:
    r.click(f"value_{field}")
    assert r.shown("btn_done")
    _fits(r)
    if _any_shown(r, "key_mode_abc"):
        r.click("key_mode_abc")
    r.type(text)
    r.click("btn_done")


def _turn_to(r: ApplyRig, name: str) -> None:
    """下一步 (the form's one way forward: it checks each page) until ``name`` shows."""
    pager = r.window.findChild(QWidget, "form_pager")
    for _ in range(4):
        if _any_shown(r, name):
            return
        page = pager.page()
        r.click("btn_next")
        assert pager.page() == page + 1, f"下一步 stayed on page {page + 1} for {name}"
    raise AssertionError(f"{name} on no page of the form")


def test_form_in_pages_keeps_answers_and_they_reach_the_review(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _manual_id(r)
    _identified(r)
    _fits(r)
    pager = r.window.findChild(QWidget, "form_pager")
    assert pager.page_count() == 2 and r.label("form_pager_page") == "第 1/2 页"
    assert r.shown("value_phone") and not r.shown("choice_seeking_training_yes")
    # Next checks the page shown first: nothing typed yet.
    r.click("btn_next")
    assert r.shown("error_phone") and r.shown("form_summary") and pager.page() == 0
    _typed_form_answer(r, "phone", "13800138000")
    _typed_form_answer(r, "address", "ROAD")
    _typed_form_answer(r, "last_employer", "ACME")
    _typed_form_answer(r, "leave_date", "20261031")
    r.click("btn_next")  # page 1 complete: on to page 2
    assert pager.page() == 1 and r.label("form_pager_page") == "第 2/2 页"
    _fits(r)
    r.click("choice_seeking_training_no")
    r.click("form_pager_prev")  # back: the answers are still there
    assert pager.page() == 0
    tile = r.window.findChild(QWidget, "value_phone")
    assert "13800138000" in tile.title.text()
    assert "ACME" in r.window.findChild(QWidget, "value_last_employer").title.text()
    _turn_to(r, "choice_seeking_training_no")
    r.click("btn_next")
    r.click("btn_skip")  # no photo: the paper goes to the counter
    r.click("btn_next")
    r.at(Screen.REVIEW)
    assert r.label("review_last_employer").endswith("ACME")
    assert r.label("review_phone").startswith("联系电话")
    assert r.label("review_seeking_training").endswith("否")


def test_form_editor_message_moves_no_key(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _manual_id(r)
    _identified(r)
    _turn_to(r, "value_leave_date")
    r.click("value_leave_date")
    keys = _keys(r)
    r.type("20271115")  # a date not yet come
    r.click("btn_done")
    assert r.shown("editor_error") and "还没有到" in r.label("editor_error")
    assert _keys(r) == keys, "the message moved the keys"
    _fits(r)


def test_assisted_form_step_fits_and_its_message_moves_no_key(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _manual_id(r, assisted=True)
    _identified(r)
    assert _any_shown(r, "pad_digits") and _any_shown(r, "field_phone")
    _fits(r)
    keys = _keys(r)
    r.click("btn_step_next")  # nothing typed
    assert r.label("error_phone") == "此项必填。" and r.shown("error_phone")
    assert _keys(r) == keys, "the message moved the keys"
    r.type("13800138000")
    r.click("btn_step_next")
    assert _any_shown(r, "field_address") and _any_shown(r, "pad_text")  # the next question
    _fits(r)
    letters = _keys(r)
    r.type("bei")
    assert _any_shown(r, "cand_0")
    assert {n: g for n, g in _keys(r).items() if n in letters} == letters
    assert r.core.sessions.current.form_values["phone"] == "13800138000"
