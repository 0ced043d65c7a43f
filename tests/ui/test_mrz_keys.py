"""Passport access-key entry: one keyboard for all three fields, impossible dates said at once.

Try-out 4, item 9: the keys changed from letters to a number pad under the finger when
the date came next, and "1332-31-11" drew no word while the hint still said to read.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401

PADS = {"pad_alnum", "pad_date", "pad_text", "pad_digits"}


def _pad(r: ApplyRig) -> QWidget:
    r.settle()
    pads = [p for p in r.window.findChildren(QWidget) if p.objectName() in PADS]
    shown = [p for p in pads if p.isVisible()]
    assert len(shown) == 1, [p.objectName() for p in shown]
    return shown[0]


def test_the_keyboard_stays_the_same_from_number_to_dates(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.to_identify()
    r.card.insert_document()
    r.at(Screen.MRZ_ENTRY)
    pad = _pad(r)
    where = pad.geometry()
    key = r.button("key_1").mapTo(r.window, r.button("key_1").rect().topLeft())
    r.type("E12345678")
    r.click("field_birth_date")
    assert _pad(r) is pad and pad.geometry() == where  # the same keys, in the same place
    assert r.button("key_1").mapTo(r.window, r.button("key_1").rect().topLeft()) == key
    r.click("key_A")  # a letter has no place in a date: nothing typed
    r.type("19850315")
    assert r.window.findChild(QWidget, "field_birth_date").text() == "1985-03-15"
    r.type("20341231")  # on to the expiry date by itself, on the same keys
    r.click("btn_read")
    r.at(Screen.FORM)


@pytest.mark.parametrize(
    ("lang", "typed", "words"),
    [
        ("zh", "1332", "年份不对"),
        ("zh", "198513", "月份应在 01 到 12 之间"),
        ("en", "19850231", "That month has no such day"),
    ],
)
def test_an_impossible_date_is_said_as_typed(
    rig: ApplyRig,  # noqa: F811
    lang: str,
    typed: str,
    words: str,
) -> None:
    r = rig
    r.to_identify()
    if lang == "en":
        r.click("btn_lang")
    r.card.insert_document()
    r.at(Screen.MRZ_ENTRY)
    r.type("E12345678")
    r.click("field_birth_date")
    r.type(typed)
    assert r.shown("error_birth_date") and words in r.label("error_birth_date")
    # Said in place of the hint to read: the citizen is not told to go on.
    assert not r.shown("mrz_status")
    assert r.core.screen() == Screen.MRZ_ENTRY
    # Put right with ⌫ and the message goes.
    for _ in typed:
        r.click("key_backspace")
    assert not r.shown("error_birth_date")


def test_in_portrait_the_keys_sit_right_under_their_field(rig: ApplyRig) -> None:  # noqa: F811
    # Try-out 4, item 12g: on a 1080x1920 panel the pad lay ~1000 px below its field.
    r = rig
    r.window.resize(1080, 1920)
    r.to_identify()
    r.card.insert_document()
    r.at(Screen.MRZ_ENTRY)
    r.settle()
    field = r.window.findChild(QWidget, "field_document_number")
    pad = _pad(r)
    under = field.mapTo(r.window, field.rect().bottomLeft()).y()
    keys = pad.mapTo(r.window, pad.rect().topLeft()).y()
    assert 0 < keys - under <= r.window.tokens().mm(60), (under, keys)
    r.type("E12345678")  # the keys still type into it
    assert field.text() == "E12345678"
