"""Time for the sync agent, injectable so tests never wait for real."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Protocol


class Clock(Protocol):
    """Wall time (UTC, for records and HTTP dates), monotonic time, interruptible waits."""

    def now(self) -> dt.datetime:
        """Aware UTC wall-clock time."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never jumps."""
        ...

    def wait(self, event: threading.Event, timeout: float) -> bool:
        """Wait up to ``timeout`` s or until ``event`` is set; True if it was set."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> dt.datetime:
        """Aware UTC wall-clock time."""
        return dt.datetime.now(dt.UTC)

    def monotonic(self) -> float:
        """``time.monotonic()``."""
        return time.monotonic()

    def wait(self, event: threading.Event, timeout: float) -> bool:
        """``event.wait(timeout)``."""
        return event.wait(max(0.0, timeout))


class ManualClock:
    """A clock that moves only when told to, or when someone waits on it.

    ``wait`` returns at once, having advanced time by the full timeout unless the
    event was already set: the agent's sleeps cost no real time in tests.
    """

    def __init__(self, start: dt.datetime | None = None) -> None:
        self._wall = start or dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
        self._mono = 1000.0
        self._lock = threading.Lock()
        self.waits: list[float] = []

    def now(self) -> dt.datetime:
        """Current simulated wall time."""
        with self._lock:
            return self._wall

    def monotonic(self) -> float:
        """Current simulated monotonic time."""
        with self._lock:
            return self._mono

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        with self._lock:
            self._mono += seconds
            self._wall += dt.timedelta(seconds=seconds)

    def wait(self, event: threading.Event, timeout: float) -> bool:
        """Advance by ``timeout`` unless ``event`` is set."""
        self.waits.append(timeout)
        if event.is_set():
            return True
        self.advance(max(0.0, timeout))
        return event.is_set()
