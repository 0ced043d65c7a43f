"""An on-screen A–Z pad for pinyin-initial search (e.g. SFZ → 身份证)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from ui.theme import Tokens

ROWS = ("QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")


class LetterPad(QWidget):
    """Emits the whole query after every tap."""

    changed = Signal(str)

    def __init__(self, tokens: Tokens) -> None:
        super().__init__()
        self.setObjectName("letter_pad")
        self.setProperty("keys", "digits")  # key sizes: the application stylesheet
        self._text = ""
        grid = QGridLayout(self)
        grid.setSpacing(tokens.gap())
        for r, row in enumerate(ROWS):
            for c, ch in enumerate(row):
                b = QPushButton(ch)
                b.setObjectName(f"key_{ch}")
                b.clicked.connect(lambda _=False, x=ch: self._type(x))
                grid.addWidget(b, r, c)
        back = QPushButton("⌫")
        back.setObjectName("key_backspace")
        back.setAccessibleName("backspace")
        back.clicked.connect(lambda _=False: self._set(self._text[:-1]))
        clear = QPushButton("✕")
        clear.setObjectName("key_clear")
        clear.setAccessibleName("clear")
        clear.clicked.connect(lambda _=False: self._set(""))
        grid.addWidget(back, 2, 7)
        grid.addWidget(clear, 2, 8)

    def _type(self, ch: str) -> None:
        self._set(self._text + ch)

    def _set(self, text: str) -> None:
        self._text = text
        self.changed.emit(text)

    def text(self) -> str:
        """The query typed so far."""
        return self._text

    def set_text(self, text: str) -> None:
        """Put back a query typed earlier (a screen rebuilt in a new text size)."""
        self._set(text)
