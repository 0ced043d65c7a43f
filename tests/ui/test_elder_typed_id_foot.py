"""Try-out 19, E1: 长辈模式 on a portrait panel (1080x1920). The form's questions have
上一步 / 下一步 at the page's foot, the halves of its last row at a primary button's
height, in one place for every question (README). 手工输入's two questions (身份证号码,
then 姓名) had a small 上一步 and 确认 at the two ends of the field's row, ~1,200 px
higher and half as tall. Now they stand where the form's stand, placed by the same code
(ui/screens/entry_page.py place_step_buttons), and the keys stay under the field, inside
the window and over the buttons. Through the real window, English at 字号 4/4 (the
longest words, the largest type): the number, the name and the form's first question
after them, by taps. Try-out 20, E6: the check between them (是我，继续 / 不是我) too."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QPushButton

from kiosk.flow import Screen
from tests.ui.conftest_apply import ID_NUMBER, ApplyRig, rig  # noqa: F401
from tests.ui.test_elder_form_forward import _rect
from ui.a11y import out_of_reach
from ui.theme import TEXT_STEPS


def _keys(r: ApplyRig) -> list[QRect]:
    r.settle()
    return [
        QRect(k.mapTo(r.window, k.rect().topLeft()), k.size())
        for k in r.window.findChildren(QPushButton)
        if k.isVisible() and k.objectName().startswith("key_")
    ]


def _buttons(r: ApplyRig, back: str, onward: str) -> tuple[QRect, QRect]:
    """上一步 and the way on, checked to be at the page's foot, under every key."""
    left, right = _rect(r, back), _rect(r, onward)
    page = r.window.current_page()
    foot = page.mapTo(r.window, page.rect().bottomLeft()).y()
    keys = _keys(r)
    assert keys and max(k.bottom() for k in keys) < left.top()
    assert min(k.top() for k in keys) >= 0 and max(k.bottom() for k in keys) < foot
    assert 0 <= foot - left.bottom() <= page.ctx.tokens().mm(3), (foot, left)
    assert left.right() < right.left()
    assert out_of_reach(r.window) == []
    return left, right


def _same_place(got: tuple[QRect, QRect], form: tuple[QRect, QRect]) -> None:
    for a, b in zip(got, form, strict=True):
        assert abs(a.top() - b.top()) <= 2 and abs(a.height() - b.height()) <= 2, (a, b)
        assert abs(a.left() - b.left()) <= 2 and abs(a.width() - b.width()) <= 2, (a, b)


def test_typed_id_buttons_stand_where_the_forms_do_in_portrait(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.click("btn_lang")
    r.to_manual_id((1080, 1920), assisted=True)
    for _ in range(len(TEXT_STEPS) - 1):
        r.click("btn_text_size")  # a whole-screen switch: click waits until it settles
    number = _buttons(r, "btn_edit_id", "btn_confirm")
    r.type(ID_NUMBER)  # a whole number moves on to the name
    assert r.shown("field_name")
    name = _buttons(r, "btn_edit_id", "btn_confirm")
    r.type("ZHANG")
    r.click("btn_confirm")
    # The check after the name (try-out 20, E6): 不是我 / 是我，继续 where 上一步 / 确认
    # stood, not mid-page.
    r.qtbot.waitUntil(lambda: r.shown("choice_panel"), timeout=5000)
    check = (_rect(r, "btn_choice_no"), _rect(r, "btn_choice_yes"))
    _same_place(check, name)
    r.confirm_identified()
    r.at(Screen.FORM)
    form = _buttons(r, "btn_step_back", "btn_step_next")
    _same_place(number, form)
    _same_place(name, form)
