"""A tap-to-edit text field for touch screens: shows its value, never opens a system keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QMouseEvent, QTextCharFormat
from PySide6.QtWidgets import QLineEdit

from ui.layout_items import repolish


class EntryField(QLineEdit):
    """Read-only display of a value; a tap selects it as the on-screen keypad's target."""

    tapped = Signal()

    def __init__(self, name: str = "") -> None:
        super().__init__()
        # The active outline is the application stylesheet's ``QLineEdit[active="true"]``.
        if name:
            self.setObjectName(name)
        self.setReadOnly(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setProperty("active", False)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Any tap selects the field."""
        self.tapped.emit()
        event.accept()

    _composing = ""

    def composing(self) -> str:
        """The pinyin letters shown after the value, not yet chosen as characters."""
        return self._composing

    def set_composing(self, letters: str) -> None:
        """Show ``letters`` (pinyin being composed) after the value, underlined, as input
        methods do: the field is the widest place on the keyboard's screen, so the citizen
        reads everything typed whole (in the candidate bar, at 字号 4/4 on a portrait
        panel, it was cut to "…g": try-out 7, E-d). ``text()`` stays the value."""
        if letters != self._composing:
            self._composing = letters
            self._preedit()

    def setText(self, text: str) -> None:
        """The value; the letters being composed stay after it."""
        super().setText(text)
        if self._composing:
            self._preedit()  # placed again at the new end of the value

    def _preedit(self) -> None:
        letters = self._composing
        underline = QTextCharFormat()
        underline.setFontUnderline(True)
        kind = QInputMethodEvent.AttributeType.TextFormat
        attrs = [QInputMethodEvent.Attribute(kind, 0, len(letters), underline)] if letters else []
        # A read-only line edit ignores input-method events; this field is read-only only
        # so that no system keyboard opens, and takes this one event.
        self.setReadOnly(False)
        self.inputMethodEvent(QInputMethodEvent(letters, attrs))
        self.setReadOnly(True)

    def set_active(self, on: bool) -> None:
        """Mark the field the keypad types into (a thicker focus-coloured outline)."""
        self.setProperty("active", on)
        repolish(self)
