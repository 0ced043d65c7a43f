"""A plain on-screen keyboard (digits, letters, space, common punctuation).

For short free text where quick phrases do not say it all. Each key emits what
it types; the screen owns the text. Keys show symbols only, so nothing here
needs translating.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from ui.theme import Tokens

ROWS = ("1234567890", "QWERTYUIOP", "ASDFGHJKL,", "ZXCVBNM.?")


class SimpleKeyboard(QWidget):
    """Emits ``typed(text)`` per key and ``erased()`` for backspace."""

    typed = Signal(str)
    erased = Signal()

    def __init__(self, tokens: Tokens) -> None:
        super().__init__()
        self.setObjectName("simple_keyboard")
        # Ten keys a row on a 1024-px panel: 15 mm keys (the assisted-mode floor) without
        # side padding, rather than the roomier standard target size.
        edge = tokens.mm(min(tokens.target_mm, 15.0))
        self.setStyleSheet(
            f"QPushButton {{ padding-left: 0px; padding-right: 0px; min-width: {edge}px; }}"
        )
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(tokens.mm(tokens.gap_mm) // 2 + 1)
        for r, row in enumerate(ROWS):
            for c, ch in enumerate(row):
                b = self._key(ch, f"kb_{ord(ch)}")
                b.clicked.connect(lambda _=False, x=ch: self.typed.emit(x.lower()))
                grid.addWidget(b, r, c)
        space = self._key("␣", "kb_space")
        space.setAccessibleName("space")
        space.clicked.connect(lambda _=False: self.typed.emit(" "))
        back = self._key("⌫", "kb_backspace")
        back.setAccessibleName("backspace")
        back.clicked.connect(lambda _=False: self.erased.emit())
        grid.addWidget(space, len(ROWS), 0, 1, 7)
        grid.addWidget(back, len(ROWS), 7, 1, 3)

    @staticmethod
    def _key(text: str, name: str) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        return b
