"""长辈模式, typed ID: the name question opens without an error; the error comes only
after the citizen tries to go on with no name."""

from __future__ import annotations

from tests.ui.conftest_apply import ID_NUMBER, ApplyRig, rig  # noqa: F401


def test_name_step_opens_without_an_error(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.to_manual_id((1080, 1920), assisted=True)
    r.type(ID_NUMBER)  # a whole number moves on to the name question
    assert r.shown("field_name") and not r.shown("error_name")
    r.click("btn_edit_id")  # back to the number, then 确认 on it
    assert r.shown("field_id_number")
    r.click("btn_confirm")
    assert r.shown("field_name") and not r.shown("error_name")  # asked, not scolded
    r.click("btn_confirm")  # now an attempt with no name
    assert r.shown("error_name") and r.label("error_name") == "请输入您的姓名。"
