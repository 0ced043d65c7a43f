"""Try-out 11, C1: 中文/English while typing on the form keeps the keyboard's mode and
the question in view (README: a language change "keeps everything: what was typed, the
question asked, the keyboard's mode").

The try-out typed BEIJING in ABC on the English form at 1280x800 and tapped 中文: the
keyboard came back in 拼音 (the next letter composed "shi" with a candidate bar), and
after 完成 the form was paged anew. By taps on the real window.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit, QWidget

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable
from ui.widgets.entry_field import EntryField


def _field(r: ApplyRig, name: str) -> EntryField:
    r.settle()
    shown = [w for w in r.window.findChildren(EntryField, name) if w.isVisible()]
    assert shown, f"{name} is not on screen"
    return shown[0]


def _text(r: ApplyRig, name: str) -> str:
    r.settle()
    shown = [w for w in r.window.findChildren(QLineEdit, name) if w.isVisible()]
    assert shown, f"{name} is not on screen"
    return str(shown[0].text())


def _switch_language(r: ApplyRig) -> None:
    r.click("btn_lang")
    r.at(Screen.FORM)
    wait_until_tappable(r.window.findChild(QWidget, "btn_lang"))


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_abc_typing_stays_abc_after_switching_to_chinese(rig: ApplyRig, size) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    r.window.resize(*size)
    r.click("btn_lang")  # English
    put_on(r.window, Screen.FORM, latin=True)
    r.at(Screen.FORM)
    r.click("value_address")
    assert r.button("key_mode_abc").property("role") == "primary"  # English's own mode
    r.type("BEIJING")
    _switch_language(r)
    assert r.core.sessions.current.language == "zh"
    # Still typing the address, in the mode the citizen was typing in.
    assert _field(r, "field_address").isVisible()
    assert r.button("key_mode_abc").property("role") == "primary", "ABC became 拼音"
    r.type("X")
    assert _field(r, "field_address").composing() == ""  # a letter, not pinyin
    assert _text(r, "field_address") == "BEIJINGX"
    r.click("btn_done")
    assert r.shown("value_address")  # the question just typed is on the page shown


@pytest.mark.parametrize("first", ["zh", "en"])
def test_the_question_typed_stays_in_view_when_the_pages_change(rig: ApplyRig, first: str) -> None:  # noqa: F811
    """字号 2/4 on 1280x800: 最后工作单位 is on the first page in Chinese and on the second
    in English. Typed into and the language switched (either way), 完成 shows its page,
    and the keyboard stays as it was."""
    r = rig
    r.window.resize(1280, 800)
    r.click("btn_text_size")  # 字号 2/4
    if first == "en":
        r.click("btn_lang")
    put_on(r.window, Screen.FORM, latin=first == "en")
    r.at(Screen.FORM)
    if not r.shown("value_last_employer"):
        # English: on the second page, after the first page's answers.
        r.click("value_phone")
        r.type("13800138000")
        r.click("btn_done")
        r.click("value_address")
        r.type("ROAD")
        r.click("btn_done")
        r.click("btn_next")
    if not r.shown("value_last_employer"):
        pytest.fail("最后工作单位 is not reachable")
    r.click("value_last_employer")
    r.click("key_mode_abc")
    r.type("ACME")
    _switch_language(r)
    assert r.core.sessions.current.language != first
    assert _text(r, "field_last_employer") == "ACME"  # still the question typed
    assert r.button("key_mode_abc").property("role") == "primary"
    r.type("X")
    r.click("btn_done")
    assert r.shown("value_last_employer"), "the question just typed is not on the page shown"
    assert r.core.sessions.current.form_values["last_employer"] == "ACMEX"
