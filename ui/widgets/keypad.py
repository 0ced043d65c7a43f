"""A large on-screen keypad for digits (PIN, phone, ID numbers, tracking numbers)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from ui.theme import Tokens
from ui.widgets.fit_keys import cap_rows, fit_key, row_gap

DIGITS = ("1", "2", "3", "4", "5", "6", "7", "8", "9")


class Keypad(QWidget):
    """Digits 0-9 plus optional extra keys (e.g. "X" for ID numbers); emits the whole text."""

    changed = Signal(str)

    def __init__(
        self, tokens: Tokens, extra: str = "", max_length: int = 32, *, fit: bool = False
    ) -> None:
        """``fit``: a docked keyboard whose keys grow with the room (ui/widgets/fit_keys.py)."""
        super().__init__()
        self.setObjectName("keypad")
        # Key sizes: the application stylesheet.
        self.setProperty("keys", "fit" if fit else "digits")
        self._tokens = tokens if fit else None
        self._text = ""
        self._max = max_length
        grid = QGridLayout(self)
        grid.setSpacing(tokens.gap())
        if fit:
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setVerticalSpacing(row_gap(tokens))
            cap_rows(self, tokens, 4)
        for i, d in enumerate(DIGITS):
            grid.addWidget(self._key(d, d), i // 3, i % 3)
        bottom = [*extra[:1]] if extra else []
        grid.addWidget(self._key(bottom[0], bottom[0]) if bottom else QWidget(), 3, 0)
        grid.addWidget(self._key("0", "0"), 3, 1)
        back = QPushButton("⌫")
        back.setObjectName("key_backspace")
        back.setAccessibleName("backspace")
        back.clicked.connect(lambda _=False: self.set_text(self._text[:-1]))
        grid.addWidget(self._sized(back), 3, 2)

    def _key(self, label: str, value: str) -> QPushButton:
        b = QPushButton(label)
        b.setObjectName(f"key_{value}")
        b.clicked.connect(lambda _=False: self.set_text(self._text + value))
        return self._sized(b)

    def _sized(self, b: QPushButton) -> QPushButton:
        return b if self._tokens is None else fit_key(b, self._tokens)

    def text(self) -> str:
        """What has been typed."""
        return self._text

    def set_text(self, text: str) -> None:
        """Replace the text (bounded by ``max_length``) and announce it."""
        self._text = text[: self._max]
        self.changed.emit(self._text)
