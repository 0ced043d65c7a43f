"""Try-out 7, finding 21 (E-d): at 字号 4/4 on the portrait panel the pinyin being typed
showed as "…g" and the candidates 背景/背静 filled their buttons edge to edge. The letters
typed are seen whole (in the field they go to, underlined, as input methods show them)
and every candidate's word has room inside its button. By taps on the real window.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.flow import Screen
from kiosk.services.pinyin import load_index
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable
from ui.widgets.entry_field import EntryField
from ui.widgets.text_pad import text_room


def _address(r: ApplyRig) -> EntryField:
    r.settle()
    shown = [w for w in r.window.findChildren(EntryField, "field_address") if w.isVisible()]
    assert shown, "the address field is not on screen"
    return shown[0]


def _to_address(r: ApplyRig, size: tuple[int, int], assisted: bool) -> None:
    r.window.resize(*size)
    load_index()
    if assisted:
        r.core.sessions.set_assisted(True)
    put_on(r.window, Screen.FORM)
    for _ in range(3):  # 字号 4/4 (each step rebuilds the screen)
        r.click("btn_text_size")
        wait_until_tappable(r.button("btn_text_size"))
    r.at(Screen.FORM)
    if not assisted:
        r.click("value_address")
        return
    for _ in range(5):  # 长辈模式: one question at a time, the phone's before it
        if r.shown("field_address"):
            return
        if r.shown("field_phone"):
            r.type("13800138000")
        r.click("btn_step_next")


def _whole_in(field: EntryField, shown: str) -> None:
    """``shown`` (the value and the letters) fits the field's text room: nothing cut."""
    room = field.contentsRect().width() - field.textMargins().left() - field.textMargins().right()
    wide = QFontMetrics(field.font()).horizontalAdvance(shown)
    assert wide < room, (shown, wide, room)


def _candidates_have_air(r: ApplyRig) -> list[str]:
    words = []
    for i in range(6):
        found = [b for b in r.window.findChildren(QAbstractButton, f"cand_{i}") if b.isVisible()]
        if not found:
            continue
        b = found[0]
        wide = QFontMetrics(b.font()).horizontalAdvance(b.text())
        # A quarter of the type size at least, each side, inside the button's text room.
        assert wide + b.font().pixelSize() // 2 <= text_room(b), (b.text(), wide, text_room(b))
        words.append(b.text())
    return words


@pytest.mark.parametrize(
    ("size", "assisted"), [((1080, 1920), True), ((1280, 800), False), ((1080, 1920), False)]
)
def test_the_pinyin_typed_is_seen_whole(rig: ApplyRig, size, assisted) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    _to_address(r, size, assisted)
    r.type("beijing")
    field = _address(r)
    assert field.composing() == "beijing" and field.text() == ""
    _whole_in(field, "beijing")
    cut = [w.text() for w in r.window.findChildren(QLabel, "pinyin_buffer") if w.isVisible()]
    assert not [t for t in cut if "…" in t], cut  # no part of it shown instead
    assert "北京" in _candidates_have_air(r)
    r.click(next(f"cand_{i}" for i in range(6) if r.button(f"cand_{i}").text() == "北京"))
    assert field.text() == "北京" and field.composing() == ""
    r.type("chaoyangqu")  # a longer run after a value: both seen
    assert field.composing() == "chaoyangqu"
    _whole_in(field, "北京chaoyangqu")
    _candidates_have_air(r)
    r.click("key_backspace")
    assert field.composing() == "chaoyangq" and field.text() == "北京"


def test_the_pinyin_typed_in_a_comment_is_seen_whole(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The rating's and feedback's free text (the same keyboard): the letters after it."""
    from tests.ui.test_services_flow import click, start

    window.resize(1080, 1920)
    load_index()
    start(window, qtbot, "feedback")
    for _ in range(3):  # 字号 4/4
        click(qtbot, window, "btn_text_size")
        wait_until_tappable(window.findChild(QAbstractButton, "btn_text_size"))
    click(qtbot, window, "category_suggestion")
    click(qtbot, window, "btn_keyboard")
    for ch in "BEIJING":
        click(qtbot, window, f"key_{ch}")
    (shown,) = [w for w in window.findChildren(QLabel, "composer_text") if w.isVisible()]
    assert shown.text().endswith("<u>beijing</u>")
    cut = [w.text() for w in window.findChildren(QLabel, "pinyin_buffer") if w.isVisible()]
    assert not [t for t in cut if "…" in t], cut
    pad = next(w for w in window.findChildren(QWidget, "text_pad") if w.isVisible())
    click(qtbot, window, f"cand_{pad.candidates().index('北京')}")
    assert shown.text() == "北京"  # plain text again: nothing composed
