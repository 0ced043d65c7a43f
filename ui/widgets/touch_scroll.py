"""Kinetic drag-to-scroll, as on a phone: kiosks have no mouse wheel."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QScroller


def touch_scroll(area: QScrollArea) -> QScrollArea:
    """Let a finger drag ``area``'s content (taps still reach the buttons inside)."""
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    return area
