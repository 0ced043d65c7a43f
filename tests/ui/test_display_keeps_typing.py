"""Try-out 6, item 1: a new text size, colours or mode keeps what the citizen typed.

Every screen is rebuilt in the new size (ui/main_window.py _set_display); the typed
ID number, the name, the question asked in 长辈模式, the keyboard's mode and the
messages shown must come back with it. Everything by taps on the real window.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit, QWidget

from kiosk.flow import Screen
from kiosk.services.pinyin import load_index
from tests.ui.conftest_apply import ID_NUMBER, ApplyRig, rig  # noqa: F401

SIZES = [(1920, 1080), (1080, 1920), (1280, 800)]


def _field(r: ApplyRig, name: str) -> str:
    r.settle()
    shown = [w for w in r.window.findChildren(QLineEdit, name) if w.isVisible()]
    assert shown, f"{name} is not on screen"
    return str(shown[0].text())


def _role(r: ApplyRig, name: str) -> str:
    return str(r.button(name).property("role"))


def name_then_form(r: ApplyRig) -> None:
    """On the name question: ZHANG in ABC, 确认, the 65+ offer declined; on to the form."""
    r.click("key_mode_abc")
    r.type("ZHANG")
    r.click("btn_confirm")
    if r.shown("btn_choice_no") and not r.core.sessions.current.assisted:
        r.click("btn_choice_no")
    if r.core.sessions.current.assisted:
        r.confirm_identified()
    r.at(Screen.FORM)


def _display(r: ApplyRig, button: str) -> None:
    """Tap 字号 or 颜色 and check the screen really was rebuilt (else nothing is proven)."""
    before = r.window.current_page()
    r.click(button)
    r.settle()
    assert r.window.current_page() is not before, "the screen was not rebuilt"


@pytest.mark.parametrize(("size", "lang"), [(SIZES[1], "zh"), (SIZES[2], "en"), (SIZES[0], "zh")])
def test_typed_id_survives_text_size_and_colours(rig: ApplyRig, size, lang) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    if lang == "en":
        r.click("btn_lang")
    r.to_manual_id(size)
    r.type(ID_NUMBER)  # the name takes the keyboard next
    _display(r, "btn_text_size")
    r.at(Screen.MANUAL_ID)
    assert _field(r, "field_id_number") == ID_NUMBER
    assert r.window.findChild(QWidget, "field_name").property("active") in (True, None)
    r.click("field_id_number")
    for _ in range(18):
        r.click("key_backspace")
    r.type("110105")
    _display(r, "btn_contrast")
    assert _field(r, "field_id_number") == "110105"
    r.type(ID_NUMBER[6:])
    load_index()
    r.click("field_name")
    r.click("key_mode_abc")
    r.type("LI")
    _display(r, "btn_text_size")
    assert _field(r, "field_name") == "LI"
    assert _role(r, "key_mode_abc") == "primary"  # the keyboard's mode is kept
    r.type("SI")
    r.click("btn_confirm")
    if r.shown("btn_choice_no"):
        r.click("btn_choice_no")  # the 65+ offer of 长辈模式, declined
    r.at(Screen.FORM)
    ident = r.core.sessions.current.identity
    assert ident is not None and ident.document_number == ID_NUMBER


@pytest.mark.parametrize(("size", "lang"), [(SIZES[2], "en"), (SIZES[1], "zh")])
def test_assisted_name_question_survives_text_size(rig: ApplyRig, size, lang) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    if lang == "en":
        r.click("btn_lang")
    load_index()
    r.to_manual_id(size, assisted=True)
    r.type(ID_NUMBER)
    r.click("btn_confirm")
    assert r.shown("field_name") and not r.shown("field_id_number")
    r.click("key_mode_pinyin")
    r.type("LI")  # pinyin letters not yet chosen
    r.click("btn_confirm")  # an attempt with no name: its message
    assert r.shown("error_name")
    for button in ("btn_text_size", "btn_text_size", "btn_contrast"):
        _display(r, button)
        r.at(Screen.MANUAL_ID)
        # Still the name question (not back to the number), its message, its keyboard.
        assert r.shown("field_name") and not r.shown("field_id_number")
        assert r.shown("error_name")
        assert _role(r, "key_mode_pinyin") == "primary"
    r.click("cand_0")  # the letters typed before are still there to choose from
    assert _field(r, "field_name") != ""
    r.click("btn_edit_id")
    assert _field(r, "field_id_number") == ID_NUMBER


def test_mode_switch_keeps_the_typed_number(rig: ApplyRig) -> None:  # noqa: F811
    """The header's 长辈模式 button rebuilds every screen too."""
    r = rig
    r.to_manual_id(SIZES[0])
    r.type(ID_NUMBER[:10])
    r.click("btn_assisted")
    r.at(Screen.MANUAL_ID)
    assert r.core.sessions.current.assisted
    assert _field(r, "field_id_number") == ID_NUMBER[:10]


@pytest.mark.parametrize(("size", "assisted"), [(SIZES[0], False), (SIZES[2], True)])
def test_form_keeps_its_place_and_typing(rig: ApplyRig, size, assisted) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    r.window.resize(*size)
    r.to_manual_id(size, assisted=assisted)
    r.type(ID_NUMBER)
    load_index()
    if assisted:
        r.click("btn_confirm")
    name_then_form(r)
    if assisted:
        assert r.window.current_page().step()[0] == 1
        r.type("13800")  # the phone question
        _display(r, "btn_text_size")
        assert r.window.current_page().step()[0] == 1
        assert _field(r, "field_phone") == "13800"
        r.type("138000")
        r.click("btn_step_next")
        assert r.window.current_page().step()[0] == 2
        _display(r, "btn_contrast")
        assert r.window.current_page().step()[0] == 2, "the question went back a step"
    else:
        r.click("value_phone")
        r.type("1380")
        _display(r, "btn_text_size")
        assert _field(r, "field_phone") == "1380"  # still typing it, on its keypad
        assert r.shown("pad_digits")
        r.click("btn_done")  # not a whole number: its message
        assert r.shown("editor_error")
        _display(r, "btn_contrast")
        assert r.shown("editor_error") and _field(r, "field_phone") == "1380"


@pytest.mark.parametrize(("size", "assisted"), [(SIZES[1], False), (SIZES[2], True)])
def test_passport_details_survive_text_size(rig: ApplyRig, size, assisted) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    r.window.resize(*size)
    r.to_identify()
    if assisted:
        r.click("btn_big_mode")
    r.card.insert_document()
    r.at(Screen.MRZ_ENTRY)
    r.type("E12345678")
    if assisted:
        r.click("btn_step_next")
    else:
        r.click("field_birth_date")
    r.type("1985")
    _display(r, "btn_text_size")
    r.at(Screen.MRZ_ENTRY)
    assert _field(r, "field_birth_date") == "1985"  # still the question being typed
    if assisted:
        assert not r.shown("field_document_number")
        r.click("btn_step_back")
    assert _field(r, "field_document_number") == "E12345678"
