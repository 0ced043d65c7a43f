"""Kinetic drag-to-scroll, as on a phone: kiosks have no mouse wheel."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QScrollArea, QScroller


def touch_scroll(area: QScrollArea) -> QScrollArea:
    """Let a finger drag ``area``'s content (taps still reach the buttons inside).

    The gesture is attached on the next event-loop turn: the first QScroller costs
    ~150 ms to set up, which must not delay the first paint of the home screen.
    """

    def grab() -> None:
        QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)

    QTimer.singleShot(0, area, grab)
    return area
