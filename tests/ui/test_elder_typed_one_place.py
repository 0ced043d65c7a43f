"""长辈模式 at 1280x800 (#14, try-out 9 E2): a typed question keeps 上一步 (or, on the
first one, 不是王*明？) and 下一步 at the two ends of its field's row: there is no row to
spare under the field, the keys at their 16 mm floor (docs/ui.md, "Layout rules"). That
layout is at least the same on every typed question: the question, the field, the
button before it and 下一步 stand in one place from one question to the next, so an
elderly citizen finds 下一步 where it was and the field does not jump sideways. On the
first question 不是王*明？ (wider than 上一步) had pushed the field ~120 px to the right of
where it stood on the next; without an identity read the field began at the margin.
Through the real window, both languages, 字号 1 and 4/4, with and without an identity
read."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from kiosk.events import CodeScanned
from kiosk.flow import Screen
from kiosk.payloads import issue_eid_token
from tests.ui.conftest_apply import ID_NUMBER, ApplyRig, manual_identity, rig  # noqa: F401
from tests.ui.test_elder_form_forward import SERVICE, _rect
from tests.ui.test_elder_identified_check import CLAIMS
from ui.a11y import out_of_reach
from ui.i18n import tr
from ui.theme import TEXT_STEPS


def _places(r: ApplyRig, field: str, before: str | None) -> dict[str, QRect]:
    places = {
        "question": _rect(r, f"label_{field}"),
        "field": _rect(r, f"field_{field}"),
        "next": _rect(r, "btn_step_next"),
    }
    if before is not None:
        places["before"] = _rect(r, before)
        assert places["before"].right() < places["field"].left()
    assert places["field"].right() < places["next"].left()
    assert out_of_reach(r.window) == []
    return places


@pytest.mark.parametrize("read", [True, False], ids=["read", "typed"])
@pytest.mark.parametrize("step", [0, len(TEXT_STEPS) - 1], ids=["text1", "text4"])
@pytest.mark.parametrize("english", [False, True], ids=["zh", "en"])
def test_every_typed_question_keeps_one_layout_at_1280x800(
    rig: ApplyRig,  # noqa: F811
    english: bool,
    step: int,
    read: bool,
) -> None:
    r = rig
    r.window.resize(1280, 800)
    if english:
        r.click("btn_lang")
    r.core.sessions.set_assisted(True)
    for _ in range(step):
        r.click("btn_text_size")  # a whole-screen switch: click waits until it settles
    r.to_identify(SERVICE)
    if read:
        token = issue_eid_token(r.eid_key, CLAIMS, kid="P1", now=r.core.clock())
        r.core.bus.publish(CodeScanned(token))
        r.confirm_identified()
    else:  # typed at 手工输入 (its own tests tap it): nothing to take back on question 1
        r.core.sessions.current.set_identity(manual_identity())
        r.window.show_screen(r.core.next())
    r.at(Screen.FORM)
    form = r.window.current_page()
    assert form.step()[0] == 1
    first = _places(r, "phone", "btn_not_me" if read else None)
    r.type("13800138000")
    r.click("btn_step_next")
    assert form.step()[0] == 2
    second = _places(r, "address", "btn_step_back")
    # The question's and field's places, 下一步's, and the slot before the field.
    assert second["question"].topLeft() == first["question"].topLeft()
    assert second["field"] == first["field"]
    assert second["next"] == first["next"]
    if read:  # 不是王*明？ in 上一步's slot, as wide
        assert second["before"].left() == first["before"].left()
        assert second["before"].right() == first["before"].right()


@pytest.mark.parametrize("step", [0, len(TEXT_STEPS) - 1], ids=["text1", "text4"])
@pytest.mark.parametrize("english", [False, True], ids=["zh", "en"])
def test_the_typed_id_and_name_keep_the_forms_layout(
    rig: ApplyRig,  # noqa: F811
    english: bool,
    step: int,
) -> None:
    """手工输入 in 长辈模式, the ID number and then the name, one a page: the way back to
    the number is the form's 上一步, at the left end of the field's row, its room kept on
    the number's page; 确认 at the right end. It sat beside 确认 as 修改身份证号码 (a tap
    meant for 确认 went back; the name's field 40% of the row in English at 4/4), and
    the field started at the margin on one page and not the other."""
    r = rig
    if english:
        r.click("btn_lang")
    r.to_manual_id((1280, 800), assisted=True)
    for _ in range(step):
        r.click("btn_text_size")
    number = {"field": _rect(r, "field_id_number"), "next": _rect(r, "btn_confirm")}
    assert out_of_reach(r.window) == []
    r.type(ID_NUMBER)  # a whole number moves on to the name question
    assert r.shown("field_name")
    name = {"field": _rect(r, "field_name"), "next": _rect(r, "btn_confirm")}
    back = _rect(r, "btn_edit_id")
    assert out_of_reach(r.window) == []
    assert name == number
    assert back.right() < name["field"].left() and name["field"].right() < name["next"].left()
    assert r.button("btn_edit_id").text() == tr("form.step.back", "en" if english else "zh")
    r.click("btn_edit_id")
    assert r.shown("field_id_number")
    assert _rect(r, "field_id_number") == number["field"]
