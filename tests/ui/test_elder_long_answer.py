"""Try-out 9, E4: 长辈模式's 联系地址 at 字号 4/4 on a portrait panel was one line ~600 px
wide; "北京朝阳大街12hao" already filled it, and a real address scrolled out of view
while it was typed. A long answer (an address, long text) now wraps in a box three
lines tall: the whole address stays in view, and the keys under it do not move as it
grows. Typed by taps on the real window after an e-ID read.

The e-ID cannot fill the address in: its claims (docs/payloads.md) carry no address,
so nothing is pre-filled from it (a card read through the SAM reader still does).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_elder_form_forward import _to_first_question
from ui.widgets.entry_field import EntryField

# Letters only: the ABC keyboard has no digits row (数字 is a mode of its own).
WORDS = [
    "NANCHIZI",
    "STREET",
    "DONGCHENG",
    "DISTRICT",
    "BEIJING",
    "BUILDING",
    "THREE",
    "UNIT",
    "TWO",
    "ROOM",
    "FIVE",
    "OH",
    "ONE",
    "NORTH",
    "GATE",
]


def _where(r: ApplyRig, name: str) -> QRect:
    r.settle()
    (w,) = [x for x in r.window.findChildren(QWidget, name) if x.isVisible()]
    return QRect(w.mapTo(r.window, QPoint(0, 0)), w.size())


def _inked_lines(field: EntryField) -> int:
    """How many text lines of the field have ink in them (pixels off its background)."""
    img = field.grab().toImage()
    inner = field.contentsRect()
    back = QColor(img.pixel(inner.right() - 4, inner.bottom() - 4))
    line = field.fontMetrics().lineSpacing()
    inked = 0
    for top in range(inner.top() + 2, inner.bottom() - line // 2, line):
        ink = 0
        for y in range(top, min(top + line, inner.bottom() - 2), 2):
            for x in range(inner.left() + 4, inner.right() - 4, 3):
                c = QColor(img.pixel(x, y))
                if abs(c.lightness() - back.lightness()) > 80:
                    ink += 1
        inked += ink > 10
    return inked


def test_a_long_address_wraps_in_view_and_moves_no_key(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _to_first_question(r, (1080, 1920), english=False)
    r.type("13800138000")
    r.click("btn_step_next")
    field = next(f for f in r.window.findChildren(EntryField, "field_address") if f.isVisible())
    line = field.fontMetrics().lineSpacing()
    assert field.contentsRect().height() >= 3 * line, "no room for three lines"
    r.click("key_mode_abc")
    keys = {k: _where(r, k) for k in ("key_Q", "key_M", "key_space")}
    for word in WORDS:
        r.type(word)
        r.click("key_space")
    value = " ".join(WORDS) + " "
    assert r.core.sessions.current.form_values["address"] == value
    assert field.fontMetrics().horizontalAdvance(value) > 2 * field.contentsRect().width()
    assert _inked_lines(field) >= 3, "the address is not shown on three lines"
    assert {k: _where(r, k) for k in keys} == keys, "a key moved as the address grew"
