"""The refit a one-line fit widget needs: pick its text again when its width or font changes."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent


class Refits:
    """Mixed in before a QLabel or QPushButton that defines ``_fit()``: a new width,
    font or style (a role's bold face, 字号, a theme) picks its text again."""

    def _fit(self) -> None:
        raise NotImplementedError

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Pick again for the new width."""
        super().resizeEvent(event)  # type: ignore[misc]
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        """Pick again when the font or style changes (measured before it, the text
        could be wider than the room once painted)."""
        super().changeEvent(event)  # type: ignore[misc]
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()
