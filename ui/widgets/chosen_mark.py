"""The ✓ on a chosen answer (a form's 遗失, a department, 拼音 on the keyboard).

A chosen answer has a fill of its own (ui/theme.py ``chosen_colours``), and a ✓ too, so
"chosen" never rests on colour alone and reads the same in every theme and mode
(try-out 14, C17/E5: in 高对比 a chosen answer was only outlined, in standard mode it
was filled like 下一步). The ✓ is drawn by the button itself, after its face, in the room
the style keeps at an answer's right end for it (chosen or not: choosing moves nothing),
in the answer's own text colour. An answer is a button with the ``choice`` property;
it is chosen while its role is primary, so the screens mark an answer as they did.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from ui.theme import MARK_EM, Tokens


def is_chosen(button: QWidget) -> bool:
    """An answer (``choice``) shown as chosen (role primary)."""
    return bool(button.property("choice")) and button.property("role") == "primary"


def mark_rect(button: QPushButton) -> QRect:
    """Where the ✓ is drawn in ``button``: at its right end, in the room its style keeps
    right of its words (its right padding and edge), as large as that room allows; on an
    answer marked ``mark_after_words`` (a tab: one word centred in a wide cell), just
    after its centred words where they leave the room."""
    px = button.font().pixelSize()
    if px <= 0:
        px = round(button.font().pointSizeF() * 96 / 72)
    opt = QStyleOptionButton()
    button.initStyleOption(opt)
    words = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, opt, button)
    text = max(
        (button.fontMetrics().horizontalAdvance(line) for line in button.text().split("\n")),
        default=0,
    )
    if button.property("mark_after_words"):
        side = round(px * MARK_EM)
        gap = max(3, px // 4)
        after = words.center().x() + (text + 1) // 2 + gap
        # Up to its padding's middle: clear of the (doubled) edge.
        limit = button.width() - max(6, (button.width() - words.right()) // 2)
        side = min(side, limit - after)
        if side >= px // 2:  # else too small to see: at the right end, as any answer's
            return QRect(after, (button.height() - side) // 2, side, side)
    # The words' own right end: bold when chosen, they may pass their box (sized for
    # the regular type: choosing moves nothing).
    end = max(words.right() + 1, words.center().x() + (text + 1) // 2)
    room = max(0, button.width() - end)
    # A quarter em from the words (a tenth of the room, 3 px, read "Lost✓" and 遗失✓ as
    # one word: try-out 20, C4), and clear of the edge (doubled on a chosen answer: at
    # most a sixth of the room). The gap comes out of the ✓, not from wider answers:
    # more room (0.3 em) wrapped an English answer past its row at 4/4 on 1280x800.
    gap = max(3, px // 4)
    side = max(4, min(round(px * MARK_EM), room - gap - max(6, room // 6) - 1))
    return QRect(end + gap, (button.height() - side) // 2, side, side)


def draw_mark(button: QPushButton) -> None:
    """Draw the ✓ on ``button`` if it is a chosen answer (call after its face): a disc
    in its words' colour with the tick cut out in its fill, seen even where standard
    mode's padding leaves it little room."""
    if not is_chosen(button):
        return
    draw_tick(button, mark_rect(button))


def draw_tick(button: QPushButton, r: QRect) -> None:
    """The ✓ itself in ``r`` of ``button``: a disc in its words' colour, the tick cut out
    in its fill (a key that places its own ✓, ui/widgets/tracking_pad.py, draws it so)."""
    side = float(r.width())
    p = QPainter(button)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    palette = button.palette()
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(palette.color(QPalette.ColorRole.ButtonText))
    p.drawEllipse(r)
    pen = QPen(palette.color(QPalette.ColorRole.Button), max(1.5, side / 8))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    x, y = float(r.left()), float(r.top())
    path = QPainterPath(QPointF(x + side * 0.26, y + side * 0.52))
    path.lineTo(QPointF(x + side * 0.44, y + side * 0.70))
    path.lineTo(QPointF(x + side * 0.76, y + side * 0.32))
    p.drawPath(path)
    p.end()


def mark_as_answer(button: QAbstractButton) -> None:
    """``button`` is an answer: the style keeps the ✓'s room on it and gives it the
    chosen look while its role is primary (the button's class draws the ✓)."""
    button.setProperty("choice", True)


def keep_answer_width(button: QPushButton, t: Tokens) -> None:
    """``button``, an answer whose words stand centred in a cell wider than they are (a
    rating's reason, the call-back toggle), keeps a button's padding, no room for the
    ✓ added (the room took "Unhappy with the result" past half the row at 字号 4/4 in
    English 长辈模式, and the reasons went one a page): its ✓ goes right after its
    words (``mark_after_words``). Chosen, the doubled edge takes its share from the
    padding: choosing moves nothing."""
    button.setProperty("mark_after_words", True)
    pad, inner = t.px(20), max(0, t.px(20) - t.outline_px)
    button.setStyleSheet(
        f"QPushButton {{ padding-right: {pad}px; }}"
        f' QPushButton[role="primary"] {{ padding-right: {inner}px; }}'
    )


class AnswerButton(QPushButton):
    """A plain push button that is an answer (a keyboard's mode): ✓ while chosen."""

    def __init__(self) -> None:
        super().__init__()
        mark_as_answer(self)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Its face, then the ✓ if chosen."""
        super().paintEvent(event)
        draw_mark(self)
