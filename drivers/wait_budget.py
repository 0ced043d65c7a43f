"""A device timeout that counts only the time its thread was waiting for the device.

A thread that waits for a device reply in short slices (a serial read with a 20 ms
timeout, say) normally sees each slice end on time. When a slice takes far longer,
the thread was not running: another thread held the GIL (the GUI thread inside a
long Qt call), or the machine was loaded. That time says nothing about the device,
and counting it turned a GUI freeze into a "card reader not answering" fault
(try-out 3, item 17). So each look adds at most ``slice_s`` to the time spent; a
silent device still runs out of time at the normal rate.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class WaitBudget:
    """``timeout_s`` of waiting, counted in slices of at most ``slice_s`` each."""

    def __init__(
        self,
        timeout_s: float,
        slice_s: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._timeout = timeout_s
        self._slice = slice_s
        self._clock = clock
        self._last = clock()
        self.spent_s = 0.0
        self.not_running_s = 0.0  # time between looks beyond ``slice_s``: not the device's

    def expired(self) -> bool:
        """Count the time since the last look (capped); True once the budget is spent."""
        now = self._clock()
        gap = max(0.0, now - self._last)
        self._last = now
        counted = min(gap, self._slice)
        self.spent_s += counted
        self.not_running_s += gap - counted
        return self.spent_s > self._timeout
