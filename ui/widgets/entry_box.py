"""The box a keyboard page types into (查询's number, 补打回执's ID number).

Drawn as a field being typed into (the form's active field: the page's surface colour,
the focus outline), its example inside it, in muted type, while nothing is typed:
"编号：例如 A7H3-…" read as a heading and the reprint's yellow bar as a message, so a
citizen did not see where the typed characters would appear (try-out 13, C6).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from ui.theme import Tokens


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


def placeholder_in(tokens: Tokens, field: QLabel, name: str) -> QLabel:
    """A muted example laid inside ``field`` (a label drawn as a field; its layout keeps
    to the field's padding, where its text starts), shown by the screen while the field
    is empty; the field's own text stays what was typed."""
    hint = QLabel(field)
    hint.setObjectName(name)
    hint.setTextFormat(Qt.TextFormat.PlainText)
    hint.setStyleSheet(
        f"#{name} {{ color: {tokens.text_muted}; background: transparent; border: none; }}"
    )
    hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    lay = QHBoxLayout(field)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(hint, 1, Qt.AlignmentFlag.AlignVCenter)
    return hint
