"""Try-out 13, E8: in 长辈模式 on 1280x800 a typed question has 上一步 at the left end of
its field's row, and the first question kept that room empty (身份证号码 after 手工输入,
the form's first question after a typed identity, the passport's number): the field
stood indented beside a hole, and the row looked broken. A dimmed 上一步 there would look
tappable and do nothing, the worse for an elderly citizen; so 上一步 stands on every
first question too (where 不是王*明？ is not in its place) and goes one step back, to
the screen 返回 leads to. Through the real window, both languages, 字号 1 and 4/4."""

from __future__ import annotations

import pytest

from kiosk.demo import sample_document
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, manual_identity, rig  # noqa: F401
from tests.ui.test_elder_form_forward import _rect
from ui.i18n import tr
from ui.theme import TEXT_STEPS


def _texts(r: ApplyRig, step: int) -> None:
    for _ in range(step):
        r.click("btn_text_size")  # a whole-screen switch: click waits until it settles


def _back_leads_where_back_does(r: ApplyRig, button: str, screen: Screen) -> None:
    """上一步 on the first question: the screen 返回 leads to, the question left."""
    behind = r.core.nav.behind
    assert behind != screen
    r.click(button)
    r.at(behind)


@pytest.mark.parametrize("step", [0, len(TEXT_STEPS) - 1], ids=["text1", "text4"])
@pytest.mark.parametrize("english", [False, True], ids=["zh", "en"])
def test_the_forms_first_question_has_its_back(
    rig: ApplyRig,  # noqa: F811
    english: bool,
    step: int,
) -> None:
    r = rig
    r.window.resize(1280, 800)
    if english:
        r.click("btn_lang")
    r.core.sessions.set_assisted(True)
    _texts(r, step)
    r.to_identify()
    r.core.sessions.current.set_identity(manual_identity())  # typed: no 不是王*明？
    r.window.show_screen(r.core.next())
    r.at(Screen.FORM)
    form = r.window.current_page()
    assert form.step()[0] == 1
    first = _rect(r, "btn_step_back")
    assert r.button("btn_step_back").text() == tr("form.step.back", "en" if english else "zh")
    assert first.right() < _rect(r, "field_phone").left()
    r.type("13800138000")
    r.click("btn_step_next")
    assert form.step()[0] == 2
    assert _rect(r, "btn_step_back") == first  # the same button in the same place
    r.click("btn_step_back")
    assert form.step()[0] == 1
    _back_leads_where_back_does(r, "btn_step_back", Screen.FORM)


@pytest.mark.parametrize("step", [0, len(TEXT_STEPS) - 1], ids=["text1", "text4"])
@pytest.mark.parametrize("english", [False, True], ids=["zh", "en"])
def test_the_typed_numbers_page_has_its_back(
    rig: ApplyRig,  # noqa: F811
    english: bool,
    step: int,
) -> None:
    r = rig
    if english:
        r.click("btn_lang")
    r.to_manual_id((1280, 800), assisted=True)
    _texts(r, step)
    assert r.shown("field_id_number")
    back = _rect(r, "btn_edit_id")
    assert back.right() < _rect(r, "field_id_number").left()
    assert r.button("btn_edit_id").text() == tr("form.step.back", "en" if english else "zh")
    _back_leads_where_back_does(r, "btn_edit_id", Screen.MANUAL_ID)
    assert r.core.screen() == Screen.IDENTIFY


@pytest.mark.parametrize("english", [False, True], ids=["zh", "en"])
def test_the_passports_first_page_has_its_back(
    rig: ApplyRig,  # noqa: F811
    english: bool,
) -> None:
    r = rig
    r.window.resize(1280, 800)
    if english:
        r.click("btn_lang")
    r.to_identify()
    r.click("btn_big_mode")  # 长辈模式
    r.card.insert_document(sample_document("elder"))
    r.at(Screen.MRZ_ENTRY)
    first = _rect(r, "btn_step_back")
    assert first.right() < _rect(r, "field_document_number").left()
    r.type("E12345678")
    r.click("btn_step_next")
    assert _rect(r, "btn_step_back") == first
    r.click("btn_step_back")
    assert r.shown("field_document_number")
    _back_leads_where_back_does(r, "btn_step_back", Screen.MRZ_ENTRY)
