"""The technicians' hidden way in: the four screen corners tapped clockwise.

Top-left, top-right, bottom-right, bottom-left, each within a small square at the
very corner, all four within a few seconds. A citizen does not do that by chance
(a long press on a label, the old way in, is what a waiting citizen does
absent-mindedly); it opens only the sign-in page, which still asks for the
technician's card or number and PIN. Pure logic, fed with tap positions.
"""

from __future__ import annotations

import time
from collections.abc import Callable

ORDER = ("top_left", "top_right", "bottom_right", "bottom_left")
WINDOW_S = 6.0


def corner_of(x: float, y: float, width: int, height: int, zone: int) -> str | None:
    """Which corner square (``zone`` px wide) the point is in, if any."""
    left, right = x < zone, x >= width - zone
    top, bottom = y < zone, y >= height - zone
    if top and left:
        return "top_left"
    if top and right:
        return "top_right"
    if bottom and right:
        return "bottom_right"
    if bottom and left:
        return "bottom_left"
    return None


class CornerSequence:
    """Counts corner taps in order; any other tap, or a slow one, starts over."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._step = 0
        self._started = 0.0

    def tap(self, corner: str | None) -> bool:
        """Feed one tap; True when it completes the sequence."""
        now = self._clock()
        if self._step and now - self._started > WINDOW_S:
            self._step = 0
        if self._step and corner == ORDER[self._step - 1]:
            return False  # the same tap seen twice (touch, then the mouse press made from it)
        if corner != ORDER[self._step]:
            self._step = 1 if corner == ORDER[0] else 0
            self._started = now
            return False
        if self._step == 0:
            self._started = now
        self._step += 1
        if self._step == len(ORDER):
            self._step = 0
            return True
        return False
