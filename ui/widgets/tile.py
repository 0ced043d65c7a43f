"""A large two-line touch tile (title + one line of explanation).

A tile may carry a short form of its explanation too (a few words): a screen short of
room shows that one, whole, rather than cutting the long one or showing none.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPaintEvent, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QPushButton, QSizePolicy, QVBoxLayout

from ui.layout_items import add_layout
from ui.widgets.chosen_mark import draw_mark
from ui.widgets.room_label import RoomLabel

WORD_JOINER = "\u2060"  # no line break on either side; drawn as nothing
NO_BREAK_SPACE = "\u00a0"


def no_widow(text: str) -> str:
    """``text`` with its last two characters joined when both are Han: wrapped, a line
    never ends the text with one character alone (try-out 7, 24: 申请办理政务服 over 务).
    A closing mark (。) goes with the two before it: 期。 alone was a widow too (try-out
    9, E9: 4 位年份 + 2 位月份 + 2 位日 over 期。). And a button's name quoted in the
    text never breaks inside (see _unbroken_names)."""
    text = _unbroken_names(text)
    end = text[-1:] if text[-1:] in CLOSING else ""
    body = text[: len(text) - len(end)]
    if len(body) >= 3 and all(_han(c) for c in body[-2:]):
        return f"{body[:-1]}{WORD_JOINER}{body[-1]}{WORD_JOINER if end else ''}{end}"
    return text


CLOSING = "。，、；：！？）"  # marks that end a Chinese line, never start one

# A name quoted in a sentence, “读取证件” or "Read my document": the button's words, which
# the citizen looks for on the button. Broken across lines they are not its words any
# more (the passport keypad's hint: 然后点“读取证 over 件”。 in 长辈模式, portrait, 字号 4/4).
# Longer quotes are sentences, not names, and may wrap as any sentence does.
QUOTED_NAME = re.compile(r"“[^“”\n]{1,24}”|\"[^\"\n]{1,24}\"")


def _unbroken_names(text: str) -> str:
    # Joined from the opening mark to the closing one, drawn as written: the joiner is
    # drawn as nothing, a no-break space as a space (Qt breaks at a space joiners or not).
    def join(name: str) -> str:
        return WORD_JOINER.join(name.replace(" ", NO_BREAK_SPACE))

    return QUOTED_NAME.sub(lambda m: join(m.group()), text)


def _han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


class Tile(QPushButton):
    """A button whose whole face is the target; labels pass touches through."""

    def __init__(self, compact: bool = False) -> None:
        super().__init__()
        self.setProperty("role", "tile")
        vertical = QSizePolicy.Policy.Preferred if compact else QSizePolicy.Policy.Expanding
        self.setSizePolicy(QSizePolicy.Policy.Expanding, vertical)
        outer = QHBoxLayout(self)
        self.icon = QLabel()
        self.icon.setTextFormat(Qt.TextFormat.PlainText)
        self.icon.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.icon.hide()
        outer.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        lay = QVBoxLayout()
        add_layout(outer, lay, 1)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.title.setProperty("role", "body" if compact else "tile_title")
        # Keeps the room of the explanations it may come to show (set_alternatives): a
        # way's words changing as a device fails leave the tiles' height as it was
        # (try-out 10, C5: the identify screen's tiles shrank under a choosing finger).
        self.sub = RoomLabel()
        self.sub.setProperty("role", "muted")
        for w in (self.title, self.sub):
            w.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            lay.addWidget(w)
        lay.addStretch(1)
        if compact:
            self.sub.hide()
        self._subs = ("", "")  # (full, short) explanation

    def paintEvent(self, event: QPaintEvent) -> None:
        """Its face, then a ✓ if it is an answer chosen (a department: ui/screens/catalog.py)."""
        super().paintEvent(event)
        draw_mark(self)

    def heightForWidth(self, width: int) -> int:
        """Grow with the wrapped text so nothing is cut off."""
        return max(self.minimumHeight(), self.layout().totalHeightForWidth(width))

    def hasHeightForWidth(self) -> bool:
        """Tiles wrap their text."""
        return True

    def sizeHint(self) -> QSize:
        """Size of the laid-out labels (a QPushButton alone would ignore them)."""
        return self.layout().sizeHint()

    def set_icon(self, pixmap: QPixmap | None) -> None:
        """Show a pictogram left of the text (words stay: the icon only helps)."""
        if pixmap is None:
            self.icon.hide()
            return
        self.icon.setPixmap(pixmap)
        self.icon.show()

    def set_texts(self, title: str, sub: str, short: str = "") -> None:
        """Fill both lines (accessible name follows the title).

        ``short``, when given, is the explanation in a few words, for :meth:`use_short`.
        The tile shows the full one until told otherwise.
        """
        self.title.setText(title)
        self._subs = (sub, short or sub)
        self.sub.setText(sub)
        self.setAccessibleName(title)
        self.setText("")  # the labels carry the text

    def use_short(self, short: bool) -> None:
        """Show the explanation's short form (``True``) or its full one."""
        text = self._subs[1 if short else 0]
        if self.sub.text() != text:
            self.sub.setText(text)
            # Its layouts keep the height they measured for the other text until the
            # posted layout request arrives; the screen measures again right now.
            for lay in (self.layout(), *self.layout().findChildren(QLayout)):
                lay.invalidate()

    def has_short(self) -> bool:
        """Whether a short form, other than the full explanation, was given."""
        full, short = self._subs
        return short != full

    def shows_short(self) -> bool:
        """Whether the short form is shown (and differs from the full one)."""
        full, short = self._subs
        return short != full and self.sub.text() == short
