"""Try-out 21, E5: 长辈模式 on a portrait panel (1080x1920) at 字号 4/4. 手工输入's ID pad
had keys ~100 px tall, then the form's phone pad, one tap later in the same journey, had
keys ~65 px with 400+ px left empty under them: the form split the room under its field
evenly between its keys and the blank over 上一步 / 下一步. Now the keys take the room
first (up to their largest size), as on every docked keyboard, and the blank gets the rest
(ui/screens/entry_page.py). Through the real window, by taps, in Chinese."""

from __future__ import annotations

from kiosk.flow import Screen
from kiosk.services.pinyin import load_index
from tests.ui.conftest_apply import ID_NUMBER, ApplyRig, rig  # noqa: F401
from tests.ui.test_elder_typed_id_foot import _buttons, _keys
from ui.theme import TEXT_STEPS


def test_form_keys_as_tall_as_the_id_pads_in_portrait(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.to_manual_id((1080, 1920), assisted=True)
    for _ in range(len(TEXT_STEPS) - 1):
        r.click("btn_text_size")  # a whole-screen switch: click waits until it settles
    id_keys = _keys(r)
    assert id_keys
    load_index()  # the screen builds it on a worker; have it ready for the taps
    r.type(ID_NUMBER)  # a whole number moves on to the name
    r.type("ZHANG")  # pinyin: the name is the first candidate
    r.click("cand_0")
    r.click("btn_confirm")
    r.confirm_identified()
    r.at(Screen.FORM)
    assert r.shown("field_phone")
    _buttons(r, "btn_step_back", "btn_step_next")  # at the page's foot, under the keys
    phone_keys = _keys(r)
    assert phone_keys
    tallest = min(k.height() for k in id_keys)
    for k in phone_keys:
        assert k.height() >= tallest - 3, (k, tallest)
        assert r.window.rect().contains(k)
