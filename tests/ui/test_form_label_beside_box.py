"""Try-out 9, C3: at 1920x1080 the standard form's two columns gave each question half
its column, so 联系电话 sat at the left edge and its box in the middle, and 联系地址 (an
address from the card, two lines in its box) sat half a line lower than 联系电话 beside
it: a loose grid, not question-answer pairs. Now each answer starts right after its
question (every question as wide as the widest one's line, so the boxes line up), and
a question is level with the first line of its box. Measured on the real window, as
a card with an address leaves it, in both languages and on the small panel too."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.flow import Journey, Screen
from kiosk.identity import IdentitySource
from tests.ui.conftest_apply import ApplyRig, manual_identity, rig  # noqa: F401

SERVICE = "renshe.ss_card_replace"  # 联系电话, 联系地址 | 补换原因, 合作银行
ADDRESS = (
    "北京市东城区东华门街道南池子大街12号院3号楼2单元501室（南池子社区居委会北侧东数第二个门）"
)


def _rect(r: ApplyRig, name: str) -> QRect:
    r.settle()
    shown = [w for w in r.window.findChildren(QWidget, name) if w.isVisible()]
    assert shown, f"{name} is not on screen"
    w = shown[0]
    return QRect(w.mapTo(r.window, QPoint(0, 0)), w.size())


@pytest.mark.parametrize(
    ("size", "lang"), [((1920, 1080), "zh"), ((1920, 1080), "en"), ((1280, 800), "zh")]
)
def test_each_answer_starts_right_after_its_question(rig: ApplyRig, size, lang) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    r.window.resize(*size)
    core = r.core
    core.start(Journey.APPLY)
    core.sessions.current.service_id = SERVICE
    core.next()  # guide
    core.next()  # identify
    card = dataclasses.replace(
        manual_identity(latin=lang == "en"), source=IdentitySource.CHIP, address=ADDRESS
    )
    core.sessions.current.set_identity(card)
    core.sessions.current.form_values["address"] = ADDRESS  # as the card's read leaves it
    core.next()
    r.window.show_screen()
    r.at(Screen.FORM)
    if lang == "en":
        r.click("btn_lang")
    gap = r.window.current_page().ctx.tokens().gap()
    phone, address = _rect(r, "value_phone"), _rect(r, "value_address")
    assert address.height() > phone.height(), "the address is not on two lines"
    lefts = []
    for field in ("phone", "address"):
        label, box = _rect(r, f"label_{field}"), _rect(r, f"value_{field}")
        words = r.window.findChild(QLabel, f"label_{field}")
        end = label.left() + min(words.fontMetrics().horizontalAdvance(words.text()), label.width())
        # Right after the question's words (the widest question's room at most), not
        # half a column away.
        assert gap <= box.left() - end <= r.window.width() // 8, (field, end, box)
        lefts.append(box.left() - label.left())
    assert lefts[0] == lefts[1], "the boxes do not line up after their questions"
    # One row: 联系电话 and 联系地址 side by side on a wide panel, level with each other.
    if size[0] > size[1] * 1.2:
        lp, la = _rect(r, "label_phone"), _rect(r, "label_address")
        assert la.left() > lp.right(), "not side by side"
        assert abs(lp.center().y() - la.center().y()) <= 2, (lp, la)
        assert abs(lp.center().y() - phone.center().y()) <= 2, (lp, phone)
