"""长辈模式, typed ID: the name question opens without an error; the error comes only
after the citizen tried to give a name.

Try-out 17, E3: the number moves on to the name by itself at its 18th character, and the
确认 the citizen meant for the number came next: the name question then stood under the
red-barred 请输入您的姓名。 before a key of it was typed. Now that 确认 asks for the name
in the hint's calm type over the keys; the error is for a name typed and found wanting."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.ui.conftest_apply import ID_NUMBER, ApplyRig, rig  # noqa: F401

PROMPT = "请输入您的姓名。"


def _hint(r: ApplyRig) -> str:
    """The hint over the keys, as shown ("" when a message or nothing is there)."""
    r.settle()
    shown = [w for w in r.window.findChildren(QLabel, "pad_hint") if w.isVisible()]
    return shown[0].text() if shown else ""


def _prompted(r: ApplyRig) -> bool:
    """The question over the keys as a prompt (the hint's place and type), no error."""
    return _hint(r) == PROMPT and not r.shown("error_name")


def test_name_step_opens_without_an_error(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.to_manual_id((1080, 1920), assisted=True)
    r.type(ID_NUMBER)  # a whole number moves on to the name question
    assert r.shown("field_name") and not r.shown("error_name")
    r.click("btn_confirm")  # meant for the number: the name is asked, not scolded
    assert r.shown("field_name") and _prompted(r)
    r.click("btn_edit_id")  # back to the number, then 确认 on it
    assert r.shown("field_id_number")
    r.click("btn_confirm")
    assert r.shown("field_name") and not r.shown("error_name")  # asked, not scolded
    assert _hint(r) != PROMPT  # asked afresh: its keyboard's own hint
    r.click("btn_confirm")  # again nothing typed: asked again, calmly
    assert _prompted(r)
    r.click("key_W")  # she tries: pinyin being spelt, no character chosen
    r.click("btn_confirm")  # now an attempt with no name
    assert r.shown("error_name") and r.label("error_name") == PROMPT
