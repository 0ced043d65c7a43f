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
    """Calls ``react`` after a tap released on ``button`` while it is held (disabled),
    and ``renew(button)`` as it opens: it opens where the held button was just tapped
    (the tap that turned the last page), so the same finger's second tap is taken as
    meant for the held button for the settle time, never as the action on pages unseen
    (try-out 16, E11)."""

    def __init__(
        self,
        button: QAbstractButton,
        react: Callable[[], None],
        renew: Callable[[QAbstractButton], None],
    ) -> None:
        super().__init__(button)
        self._react = react
        self._renew = renew
        button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A release inside the held button: answered after the event (never during it)."""
        if (
            event.type() == QEvent.Type.EnabledChange
            and isinstance(watched, QAbstractButton)
            and watched.isEnabled()
        ):
            self._renew(watched)
        elif (
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
