"""A tap-to-edit text field for touch screens: shows its value, never opens a system keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLineEdit


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

    def set_active(self, on: bool) -> None:
        """Mark the field the keypad types into (a thicker focus-coloured outline)."""
        self.setProperty("active", on)
        self.style().unpolish(self)
        self.style().polish(self)
