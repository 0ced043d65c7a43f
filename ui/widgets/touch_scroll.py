"""Kinetic drag-to-scroll, as on a phone: kiosks have no mouse wheel.

Qt's ``QScroller.grabGesture`` registers a new gesture recognizer, with a new
gesture type number, for every widget it is called on. The kiosk rebuilds its
screens for every citizen, so the numbers climbed for ever, and PySide made a new
enum class for each number it returned: about 10 KB a scroll area that was never
given back (found by the soak: +8 % RSS over 300 citizens). One recognizer is
registered once per process instead; each scroll area's viewport gets its own
QScroller and grabs that one shared gesture type.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QScrollArea, QScroller

_shared: dict[str, object] = {}


def _touch_gesture() -> Qt.GestureType:
    """The process's one flick-gesture type (registered on first use)."""
    if "type" not in _shared:
        anchor = QObject()  # kept: the recognizer's QScroller lives as long as it does
        _shared["anchor"] = anchor
        _shared["type"] = QScroller.grabGesture(anchor, QScroller.ScrollerGestureType.TouchGesture)
    return _shared["type"]  # type: ignore[return-value]


def touch_scroll(area: QScrollArea) -> QScrollArea:
    """Let a finger drag ``area``'s content (taps still reach the buttons inside).

    The gesture is attached on the next event-loop turn: the first QScroller costs
    ~150 ms to set up, which must not delay the first paint of the home screen.
    """

    def grab() -> None:
        viewport = area.viewport()
        QScroller.scroller(viewport)  # the flick gesture drives this viewport's scroller
        viewport.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        viewport.grabGesture(_touch_gesture())

    QTimer.singleShot(0, area, grab)
    return area
