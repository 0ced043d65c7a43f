"""Try-out 14, E2: in 长辈模式 (portrait), on the typed question 联系地址, switching the
keyboard 数字 → 拼音 and tapping a letter within about a second dropped that letter:
"12" + h-a-o became "12ao". The tap guard took the letters, shown by the mode key, as
controls that had just come under the finger. A keyboard's own mode switch holds no key:
the keys come in the keyboard's own place, where the citizen is looking and typing.

Touches go through the window, as a touch panel's do; the guard's clock stands still
(tests/support/tap_clock.py StillClock), so every touch comes within the settle time
of the one before, however slow the machine.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from tests.ui.conftest_apply import ID_NUMBER, ApplyRig, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_display_keeps_typing import name_then_form
from tests.ui.test_tap_guard import _centre, _touch, tap_clock  # noqa: F401
from ui.widgets.text_pad import TextPad


def _key(r: ApplyRig, name: str) -> QWidget:
    r.settle()
    shown = [w for w in r.window.findChildren(QWidget, name) if w.isVisible()]
    assert shown, f"{name} is not on screen"
    return shown[0]


@pytest.mark.parametrize(
    ("size", "lang"), [((1080, 1920), "zh"), ((1280, 800), "zh"), ((1920, 1080), "en")]
)
def test_the_first_letter_after_a_mode_switch_is_typed(rig: ApplyRig, size, lang) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    if lang == "en":
        r.click("btn_lang")
    r.to_manual_id(size, assisted=True)
    r.type(ID_NUMBER)
    r.click("btn_confirm")
    name_then_form(r)
    form = r.window.current_page()
    r.type("13800138000")  # question 1: the phone
    r.click("btn_step_next")
    assert form.step()[0] == 2  # question 2: the address, typed
    pad = next(p for p in r.window.findChildren(TextPad) if p.isVisible())
    if pad.mode() != "pinyin":
        r.click("key_mode_pinyin")
    wait_until_tappable(_key(r, "key_mode_123"))
    dropped = r.window.tap_guard.dropped
    # As a citizen types: each touch right after the one before (the clock stands still).
    for name in ("key_mode_123", "key_1", "key_2", "key_mode_pinyin", "key_H", "key_A", "key_O"):
        _touch(r.window, _centre(_key(r, name)))
    assert pad.pending() == "hao", f"the letters typed after 拼音: {pad.pending()!r}"
    field = r.window.findChild(QWidget, "field_address")
    assert field is not None
    assert "12" in field.text(), field.text()  # type: ignore[attr-defined]
    assert r.window.tap_guard.dropped == dropped, "a key typed on purpose was dropped"


def test_a_double_tap_on_one_key_still_counts_once_after_a_switch(rig: ApplyRig) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """The guard still drops what it is for: a tap on a control the screen has just put
    under the finger outside the keyboard (下一步 brought by a new question)."""
    r = rig
    r.to_manual_id((1080, 1920), assisted=True)
    r.type(ID_NUMBER)
    r.click("btn_confirm")
    name_then_form(r)
    form = r.window.current_page()
    r.type("13800138000")
    r.click("btn_step_next")
    assert form.step()[0] == 2
    r.click("btn_step_back")
    assert form.step()[0] == 1
    at = _centre(_key(r, "btn_step_next"))
    wait_until_tappable(_key(r, "btn_step_next"))
    _touch(r.window, at)
    _touch(r.window, at)  # the double tap's second touch: the next question's 下一步
    assert form.step()[0] == 2
