"""Try-out 6, item 4: each field's keyboard follows what the field takes.

收款银行账号 (digits only, by its catalog pattern) opens the number pad, not pinyin;
a text keyboard's hint follows its mode (数字 says digits, not 输入拼音). By taps on
the real window, in both modes and both languages.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, manual_identity, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable

RENT = "gongjijin.rent_withdrawal"  # 收款银行账号: pattern ^\d{12,19}$
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
        nxt = _shown(r, QAbstractButton, "form_pager_next")
        assert nxt is not None and nxt.isEnabled(), f"{name} is on no page"
        wait_until_tappable(nxt)
        r.qtbot.mouseClick(nxt, Qt.MouseButton.LeftButton)
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
