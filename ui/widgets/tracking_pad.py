"""An on-screen pad for tracking numbers (KKKK-YYMMDD-SSSS-C).

It offers exactly the symbols a tracking number can contain — the ten digits and
the nine letters ACFHMRWXY — so a citizen cannot type a look-alike letter, and
shows the number grouped with dashes as it grows.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from kiosk.tracking import ALPHABET, shown_tracking_number
from ui.theme import Tokens
from ui.widgets.fit_keys import cap_rows, fit_key, row_gap

MAX_SYMBOLS = 17  # 4 + 6 + up to 6 + 1
COLUMNS = 7
# The last characters of an ID number as the track screen asks them (its second step):
# a resident ID's are digits and X, as are those of the passports and permits the kiosk
# reads (kiosk/services/track.py accepts any letter).
ID_TAIL_KEYS = "0123456789X"


def grouped(symbols: str) -> str:
    """``A7H32611230042X`` → ``A7H3-261123-0042-X`` once it is a whole number (as the
    receipt shows it, try-out 7, C-f); partial input as ``A7H3-261123-004``.

    Past the serial's 4 digits the last symbol stands apart as the receipt's check
    character does, whether or not it matches: a mistyped number glued it to the serial
    (try-out 11, C7: ``M001-261207-00011`` beside "the last character does not match")."""
    whole = shown_tracking_number(symbols)
    if whole != symbols:
        return whole
    tail = symbols[10:]
    parts = [symbols[:4], symbols[4:10], *((tail[:-1], tail[-1]) if len(tail) > 4 else (tail,))]
    return "-".join(p for p in parts if p)


class TrackingPad(QWidget):
    """Emits the typed number (grouped) after every tap."""

    changed = Signal(str)

    def __init__(
        self, tokens: Tokens, backspace: str, clear: str, undo: str, *, fit: bool = False
    ) -> None:
        """``fit``: docked, its keys grow with the room (ui/widgets/fit_keys.py)."""
        super().__init__()
        self.setObjectName("tracking_pad")
        # Seven keys a row must fit a small landscape panel in assisted mode: the keys
        # keep their minimum touch size and the text has no side padding
        # (``keys="tracking"`` or ``"fit"`` in the application stylesheet, ui/theme.py).
        self.setProperty("keys", "fit" if fit else "tracking")
        self._tokens = tokens if fit else None
        self._symbols = ""
        # What 清空 took, until another key: 清空 sits beside ⌫, and a finger that meant
        # one character lost a whole number with no way back (try-out 16, C7).
        self._undo: str | None = None
        self._words = (clear, undo)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(tokens.gap())
        keys = [*ALPHABET[:10], *ALPHABET[10:]]
        if fit:
            grid.setVerticalSpacing(row_gap(tokens))
            cap_rows(self, tokens, (len(keys) + 2 + COLUMNS - 1) // COLUMNS)
        self._symbol_keys: dict[str, QPushButton] = {}
        for i, ch in enumerate(keys):
            b = self._button(ch, f"key_{ch}")
            b.clicked.connect(lambda _=False, x=ch: self._set(self._symbols + x))
            # A key not offered (offer) leaves its room: the others stay where they were.
            policy = b.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            b.setSizePolicy(policy)
            self._symbol_keys[ch] = b
            grid.addWidget(b, i // COLUMNS, i % COLUMNS)
        self.back = self._button("⌫", "key_backspace")
        self.back.clicked.connect(lambda _=False: self._set(self._symbols[:-1]))
        # Its word on it (清空 / Clear): a bare ✕ did not say whether it deleted a
        # character, everything, or closed the pad (try-out 14, C13).
        self.clear_key = self._button(clear, "key_clear")
        self.clear_key.clicked.connect(lambda _=False: self._clear_or_undo())
        self.set_labels(backspace, clear, undo)
        n = len(keys)
        grid.addWidget(self.back, n // COLUMNS, n % COLUMNS)
        grid.addWidget(self.clear_key, (n + 1) // COLUMNS, (n + 1) % COLUMNS)

    def _button(self, text: str, name: str) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        if self._tokens is not None:
            return fit_key(b, self._tokens)
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return b

    def set_labels(self, backspace: str, clear: str, undo: str) -> None:
        """The clear key's words (清空, and 恢复 once it has cleared), and names read out
        by assistive tools (⌫ shows a symbol)."""
        self.back.setAccessibleName(backspace)
        self._words = (clear, undo)
        self._show_clear_word()

    def _show_clear_word(self) -> None:
        word = self._words[self._undo is not None]
        self.clear_key.setAccessibleName(word)
        self.clear_key.setText(word)

    def _clear_or_undo(self) -> None:
        """清空 empties the number; tapped again before any other key, it puts it back."""
        undo, before = self._undo, self._symbols
        if undo is not None:
            self._set(undo)
        elif before:
            self._set("")
            self._undo = before
            self._show_clear_word()

    def offer(self, symbols: str | None) -> None:
        """Only the keys of ``symbols`` (None: every symbol of a tracking number); the
        rest are hidden, their room kept."""
        for ch, b in self._symbol_keys.items():
            b.setVisible(symbols is None or ch in symbols)

    def _set(self, symbols: str) -> None:
        if self._undo is not None:
            self._undo = None  # any key after 清空 keeps the new start
            self._show_clear_word()
        self._symbols = symbols[:MAX_SYMBOLS]
        self.changed.emit(self.text())

    def text(self) -> str:
        """The number typed so far, grouped with dashes."""
        return grouped(self._symbols)

    def symbols(self) -> str:
        """The symbols typed so far, without the dashes."""
        return self._symbols

    def set_symbols(self, symbols: str) -> None:
        """Put back symbols typed earlier (a screen rebuilt in a new text size)."""
        self._set(symbols)

    def clear(self) -> None:
        """Start again."""
        self._set("")
