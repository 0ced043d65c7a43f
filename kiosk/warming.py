"""Start-up work running on workers, which the screen's own pre-building waits out.

A worker running Python holds the interpreter lock in turns of the switch
interval, and each time the GUI thread comes back to Python from Qt (a Python
override Qt calls while laying out or painting, a slot, an event filter) it waits
for such a turn: a pre-build step of a few milliseconds of its own then takes
tens (measured in bench/ui.py: the GUI thread asleep for 35-80 ms of a 40-110 ms
start-up stall while the pinyin index was built beside it). So the window builds
its screens after the workers' start-up work, not beside it (ui/prebuild.py); the
home screen stays live meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Warming:
    """How many pieces of start-up work are running on workers (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0

    def begin(self) -> None:
        """A piece starts (or is queued for a worker: call it before submitting)."""
        with self._lock:
            self._running += 1

    def end(self) -> None:
        """A piece has finished, or failed."""
        with self._lock:
            self._running = max(0, self._running - 1)

    @contextmanager
    def running(self) -> Iterator[None]:
        """Counted from the start of the block to its end."""
        self.begin()
        try:
            yield
        finally:
            self.end()

    def active(self) -> bool:
        """Whether any piece is running."""
        with self._lock:
            return self._running > 0
