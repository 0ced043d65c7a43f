"""A tap on a held button gets an answer.

开始办理 and 确认提交 are held (disabled) until every page was shown, and say so in their
words; a disabled button takes no tap, and a tap that changed nothing read as "the
kiosk is frozen" (try-out 15, C1). The screen answers such a tap by turning to a page
not yet seen: nothing moves, the words the citizen still has to read come.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractButton


class HeldTap(QObject):
    """Calls ``react`` after a tap released on ``button`` while it is held (disabled)."""

    def __init__(self, button: QAbstractButton, react: Callable[[], None]) -> None:
        super().__init__(button)
        self._react = react
        button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A release inside the held button: answered after the event (never during it)."""
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(watched, QAbstractButton)
            and isinstance(event, QMouseEvent)
            and not watched.isEnabled()
            and watched.isVisible()
            and watched.rect().contains(event.position().toPoint())
        ):
            QTimer.singleShot(0, self, self._react)
        return False


def first_unseen_page(unseen: set[int], shown: int) -> int | None:
    """The page to turn to: the next one after ``shown`` not yet seen, else the first."""
    after = sorted(p for p in unseen if p > shown)
    rest = sorted(p for p in unseen if p != shown)
    return after[0] if after else (rest[0] if rest else None)
