"""The box a keyboard page types into (查询's number, 补打回执's ID number).

Drawn as a field being typed into (the form's active field: the page's surface colour,
the focus outline), its example inside it, in muted type, while nothing is typed:
"编号：例如 A7H3-…" read as a heading and the reprint's yellow bar as a message, so a
citizen did not see where the typed characters would appear (try-out 13, C6).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from ui.theme import FONT_FAMILIES, Tokens
from ui.widgets.fit_heading import FitHeading
from ui.widgets.fit_keys import heading_floor_px


def box_rule(tokens: Tokens, name: str) -> str:
    """The field's frame for the widget named ``name`` (as QLabel[role="field"] is drawn:
    the focus outline, the surface behind)."""
    t = tokens
    return (
        f"#{name} {{ background: {t.surface}; color: {t.text};"
        f" border: {t.outline_px + 2}px solid {t.focus}; border-radius: {t.px(6)}px; }}"
    )


def entry_box(tokens: Tokens, name: str, value: QWidget) -> QFrame:
    """``value`` (the typed text) inside a field's frame named ``name``."""
    box = QFrame()
    box.setObjectName(name)
    box.setStyleSheet(box_rule(tokens, name))
    lay = QHBoxLayout(box)
    pad = tokens.px(10)
    lay.setContentsMargins(pad, 0, pad, 0)
    lay.setSpacing(0)
    lay.addWidget(value, 1)
    return box


def hold_at_floor(tokens: Tokens, box: QFrame, text: str) -> None:
    """``box`` (from :func:`entry_box`) at least as wide as ``text`` needs in the bold
    type its value gives way to (the keyboard pages' floor): the label beside it gives
    way first. At 字号 4/4 on a 1080 px portrait panel "Last 4 of ID number:" took its
    full width and the box's "e.g. 002X" was elided to "e.g. 0…"."""
    font = QFont(FONT_FAMILIES[0])
    font.setPixelSize(heading_floor_px(tokens))
    font.setBold(True)
    frame = box.width() - box.contentsRect().width()  # the drawn border, both sides
    lay = box.layout()
    m = lay.contentsMargins() if lay is not None else None
    pad = m.left() + m.right() if m is not None else 0
    # +1: a pixel of rounding, so the floor's line is never measured one short.
    box.setMinimumWidth(QFontMetrics(font).horizontalAdvance(text) + frame + pad + 1)


def placeholder_in(tokens: Tokens, field: QLabel, name: str) -> FitHeading:
    """A muted example laid inside ``field`` (a label drawn as a field; its layout keeps
    to the field's padding, where its text starts), shown by the screen while the field
    is empty; the field's own text stays what was typed. Its type gives way down to the
    keyboard pages' floor, then to the shorter form given by ``set_texts`` (at 字号 4/4
    on a 1080 px portrait panel "The ID number you type shows here" was 731 px in 539)."""
    hint = FitHeading(tokens.px(tokens.body_px), heading_floor_px(tokens), bold=False)
    hint.setObjectName(name)
    # Coloured by its role (its own style sheet holds the size it fits at).
    hint.setProperty("role", "muted")
    hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    lay = QHBoxLayout(field)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(hint, 1, Qt.AlignmentFlag.AlignVCenter)
    return hint
