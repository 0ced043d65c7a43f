"""Try-out 7, finding 6 (C-c): 中文/English while pinyin is being composed keeps the
letters typed and their candidates, as 字号 does (the try-out typed "beijing" in the
address, tapped English→中文 and found the composition gone). By taps on the real window.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit

from kiosk.flow import Screen
from kiosk.services.pinyin import load_index
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401
from ui.widgets.entry_field import EntryField


def _composing(r: ApplyRig) -> str:
    """The pinyin shown being composed in the address field (whole: test_pinyin_whole.py)."""
    r.settle()
    shown = [w for w in r.window.findChildren(EntryField, "field_address") if w.isVisible()]
    assert shown, "the address field is not on screen"
    return shown[0].composing()


def _choose(r: ApplyRig, word: str) -> None:
    r.click(next(f"cand_{i}" for i in range(6) if r.button(f"cand_{i}").text() == word))


def _field(r: ApplyRig, name: str) -> str:
    r.settle()
    shown = [w for w in r.window.findChildren(QLineEdit, name) if w.isVisible()]
    assert shown, f"{name} is not on screen"
    return str(shown[0].text())


@pytest.mark.parametrize(
    ("size", "lang", "assisted"),
    [((1280, 800), "en", False), ((1920, 1080), "zh", False), ((1080, 1920), "en", True)],
)
def test_language_switch_keeps_the_composition(rig: ApplyRig, size, lang, assisted) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    r.window.resize(*size)
    load_index()
    if lang == "en":
        r.click("btn_lang")
    if assisted:
        r.core.sessions.set_assisted(True)
    put_on(r.window, Screen.FORM, latin=lang == "en")
    r.at(Screen.FORM)
    if assisted:
        for _ in range(5):  # 长辈模式: one question at a time, the phone's before it
            if r.shown("field_address"):
                break
            if r.shown("field_phone"):
                r.type("13800138000")
            r.click("btn_step_next")
    else:
        r.click("value_address")
    if lang == "en":
        r.click("key_mode_pinyin")
    r.type("beijing")
    assert _composing(r) == "beijing"
    r.click("btn_lang")
    r.at(Screen.FORM)
    assert r.core.sessions.current.language != lang
    assert _composing(r) == "beijing"  # the letters, and their candidates, still there
    assert r.button("key_mode_pinyin").property("role") == "primary"
    _choose(r, "北京")
    assert _field(r, "field_address").endswith("北京")
