"""Try-out 5, item 15: choosing 拼音 widened its key and pushed ABC / 123 about 5 px,
and a field's label moved 2-3 px when the focus went to it. A mode key's words in bold
(the chosen one) take no more room than in regular type, and a field's label stays
where it was whichever field has the focus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from kiosk.flow import Screen
from tests.ui.conftest_apply import ID_NUMBER, ApplyRig, rig  # noqa: F401

MODES = ("key_mode_pinyin", "key_mode_abc", "key_mode_123", "key_space", "key_backspace")


def _where(w: QWidget, top: QWidget) -> QRect:
    return QRect(w.mapTo(top, QPoint(0, 0)), w.size())


def _keys(r: ApplyRig) -> dict[str, QRect]:
    r.settle()
    return {n: _where(r.button(n), r.window) for n in MODES}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_mode_keys_keep_their_place(rig: ApplyRig, lang: str) -> None:  # noqa: F811
    r = rig
    r.window.resize(1280, 800)
    if lang == "en":
        r.click("btn_lang")
    r.to_identify()
    r.click("tile_manual")
    r.at(Screen.MANUAL_ID)
    r.type(ID_NUMBER)  # a complete number moves the pad on to the name (pinyin)
    first = _keys(r)
    seen = []
    for mode in (
        "key_mode_abc",
        "key_mode_123",
        "key_mode_pinyin",
        "key_mode_abc",
        "key_mode_pinyin",
    ):
        r.click(mode)
        seen.append((mode, _keys(r)))
    for mode, keys in seen:
        assert keys == first, (mode, {n: (first[n], keys[n]) for n in MODES if keys[n] != first[n]})


def _fields_and_labels(r: ApplyRig) -> dict[str, QRect]:
    """Every field on the page and every text above the keys, where it is."""
    r.settle()
    from PySide6.QtWidgets import QLabel

    from ui.widgets.entry_field import EntryField

    out = {}
    for w in r.window.findChildren(EntryField):
        if w.isVisible():
            out[w.objectName()] = _where(w, r.window)
    for w in r.window.findChildren(QLabel):
        if w.isVisible() and w.text() and w.objectName() != "pinyin_buffer":
            out[f"label:{w.text()[:20]}"] = _where(w, r.window)
    return out


def test_a_fields_label_stays_when_the_focus_moves(rig: ApplyRig) -> None:  # noqa: F811
    """The passport's three fields (a05/a06 in the try-out): tapping one to type into it
    gives it the thick focus outline without moving it, its label or its neighbours."""
    r = rig
    r.window.resize(1280, 800)
    r.to_identify()
    r.card.insert_document()
    r.at(Screen.MRZ_ENTRY)
    before = _fields_and_labels(r)
    assert len([n for n in before if n.startswith("field_")]) == 3, before
    for field in ("field_birth_date", "field_expiry_date", "field_document_number"):
        r.click(field)
        after = _fields_and_labels(r)
        moved = {n: (before[n], after[n]) for n in before if n in after and after[n] != before[n]}
        assert not moved, (field, moved)
