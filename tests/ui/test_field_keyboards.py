"""Try-out 6, item 4: each field's keyboard follows what the field takes.

收款银行账号 (its catalog entry names the digits keyboard) opens the number pad, not pinyin;
a text keyboard's hint follows its mode (数字 says digits, not 输入拼音). By taps on
the real window, in both modes and both languages.
"""

from __future__ import annotations

import copy

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from central.catalog_seed import catalog_document
from kiosk.catalog import parse_catalog
from kiosk.flow import Screen
from kiosk.keyboards import CHARACTERS, Keyboard
from tests.ui.conftest_apply import ApplyRig, manual_identity, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable
from ui.widgets.text_pad import TextPad

RENT = "gongjijin.rent_withdrawal"  # 收款银行账号: "keyboard": "digits" in the catalog
ACCOUNT = "6222020200112233445"


def _to_form(r: ApplyRig, size: tuple[int, int], lang: str, assisted: bool) -> None:
    r.window.resize(*size)
    if lang == "en":
        r.click("btn_lang")
    r.to_identify(RENT)
    if assisted:
        r.click("btn_big_mode")
    r.core.sessions.current.set_identity(manual_identity(latin=lang == "en"))
    r.window.show_screen(r.core.next())
    r.at(Screen.FORM)


def _shown(r: ApplyRig, kind: type, name: str) -> QWidget | None:
    r.settle()
    found = [w for w in r.window.findChildren(kind, name) if w.isVisible()]
    return found[0] if found else None


def _open_field(r: ApplyRig, name: str) -> None:
    """Tap the field's answer on the list (turning its pages), or reach its question."""
    if r.core.sessions.current.assisted:
        r.type("13800138000")  # the phone question first
        r.click("btn_step_next")
        assert _shown(r, QLineEdit, f"field_{name}") is not None
        return
    for _ in range(5):
        if _shown(r, QAbstractButton, f"value_{name}") is not None:
            r.click(f"value_{name}")
            return
        # 下一步 turns the pages (checking each): the phone question comes first.
        if _shown(r, QAbstractButton, "value_phone") is not None:
            r.click("value_phone")
            r.type("13800138000")
            r.click("btn_done")
        pager = _shown(r, QWidget, "form_pager")
        nxt = _shown(r, QAbstractButton, "btn_next")
        assert pager is not None and nxt is not None, f"{name} is on no page"
        page = pager.page()
        wait_until_tappable(nxt)
        r.qtbot.mouseClick(nxt, Qt.MouseButton.LeftButton)
        assert pager.page() == page + 1, f"下一步 stayed on page {page + 1}"
    raise AssertionError(f"{name} never came")


@pytest.mark.parametrize(
    ("size", "lang", "assisted"),
    [((1080, 1920), "zh", False), ((1280, 800), "en", True), ((1920, 1080), "en", False)],
)
def test_bank_account_opens_the_number_pad(rig: ApplyRig, size, lang, assisted) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    _to_form(r, size, lang, assisted)
    _open_field(r, "bank_account")
    assert _shown(r, QWidget, "pad_digits") is not None, "no number pad for the account"
    assert _shown(r, QWidget, "text_pad") is None, "a letter keyboard for digits"
    r.type(ACCOUNT)
    assert r.core.sessions.current.form_values["bank_account"] == ACCOUNT
    hint = _shown(r, QLabel, "pad_hint")
    assert hint is None or ("拼音" not in hint.text() and "pinyin" not in hint.text())


@pytest.mark.parametrize(("lang", "words"), [("zh", "输入数字"), ("en", "Type digits")])
def test_the_hint_follows_the_keyboard_mode(rig: ApplyRig, lang, words) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    if lang == "en":
        r.click("btn_lang")
    r.to_manual_id((1080, 1920))
    r.click("field_name")

    def hint() -> str:
        shown = _shown(r, QLabel, "pad_hint")
        return shown.text() if shown is not None else ""

    if lang == "zh":
        assert hint() == "输入拼音，点选汉字"  # Chinese starts in pinyin: how it works
    r.click("key_mode_123")
    assert hint() == words
    r.click("key_mode_abc")
    assert hint() == ""  # letters need no explaining
    r.click("key_mode_pinyin")
    assert hint() == ("输入拼音，点选汉字" if lang == "zh" else "Type pinyin, then tap a character")


# --- the catalog names each field's keyboard (no guessing from its pattern) -----------

NAMED = "gongan.hukou_certificate"  # its form replaced by one typed field per keyboard


def _named_catalog() -> object:
    doc = copy.deepcopy(catalog_document())
    service = next(s for s in doc["services"] if s["id"] == NAMED)
    service["form"]["fields"] = [
        {
            "name": f"kb_{kb.value}",
            # All text fields, none with a pattern: only the catalog's keyboard tells.
            "type": "text",
            "label": {"zh": f"字段{i}", "en": f"Field {i}"},
            "required": False,
            "prefill": None,
            "validation": {"max_length": 12},
            "keyboard": kb.value,
        }
        for i, kb in enumerate(Keyboard, 1)
    ]
    return parse_catalog(doc)


def _keys_of(r: ApplyRig, pad: QWidget) -> set[str]:
    """The characters a pad's keys type, in each of its modes a citizen can choose."""
    chars: set[str] = set()
    for mode in ("", "key_mode_abc", "key_mode_123"):
        if mode:
            switch = pad.findChild(QAbstractButton, mode)
            if switch is None or not switch.isVisible():
                continue
            r.click(mode)
        for b in pad.findChildren(QAbstractButton):
            if b.isVisible() and b.objectName() in ("key_space",):
                chars.add(" ")
            elif b.isVisible() and len(b.objectName()) == len("key_") + 1:
                chars.add(b.objectName()[-1])
    return chars


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_catalogs_keyboard_is_the_one_docked(rig: ApplyRig, lang: str) -> None:  # noqa: F811
    """Each field opens the keyboard its catalog entry names, with the keys the kiosk
    believes it has (kiosk/keyboards.py: the catalog check relies on them), and typing
    on it fills the field."""
    r = rig
    r.core.set_catalog(_named_catalog())
    r.window.resize(1280, 800)
    if lang == "en":
        r.click("btn_lang")
    r.to_identify(NAMED)
    r.core.sessions.current.set_identity(manual_identity(latin=lang == "en"))
    r.window.show_screen(r.core.next())
    r.at(Screen.FORM)
    for kb in Keyboard:
        name = f"kb_{kb.value}"
        _open_field(r, name)
        pad = _shown(r, QWidget, f"pad_{kb.value}")
        assert pad is not None, f"{name}: no {kb.value} keyboard"
        pads = {f"pad_{k.value}" for k in Keyboard}
        shown = [p.objectName() for p in r.window.findChildren(QWidget) if p.isVisible()]
        assert [n for n in shown if n in pads] == [f"pad_{kb.value}"], shown
        # The date pad puts in the dashes itself; every other key is a key.
        expected = set(CHARACTERS[kb]) - ({"-"} if kb is Keyboard.DATE else set())
        if isinstance(pad, TextPad) and kb is Keyboard.TEXT:
            assert pad.mode_pinyin.isVisible(), "the text keyboard offers pinyin"
        assert _keys_of(r, pad) == expected, kb
        typed = {Keyboard.TEXT: "", Keyboard.ALNUM: "C12"}.get(kb, "12")
        if kb is Keyboard.TEXT:
            r.click("key_mode_abc")
            typed = "AB"
        r.type(typed)
        assert r.core.sessions.current.form_values[name] == typed
        r.click("btn_done")
