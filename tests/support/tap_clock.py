"""A tap-guard clock that looks ahead: the suite's synthetic taps wait for the guard
without sleeping its settle time out.

A test tapping right after a screen change waits first, as a citizen looks before
touching (``wait_until_tappable``). On the real clock that wait sleeps 0.35-1 s per
staged screen, hundreds of times: the suite took about an hour. This clock runs the
pending work, then moves its own time past the settle time instead. The guard is the
same as a citizen's: a tap that does not wait is still dropped.
tests/ui/test_tap_guard.py keeps the real clock.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from ui.tap_guard import SettleClock


class LookAheadClock(SettleClock):
    """The real clock plus the time the tests' taps have waited (never slept)."""

    def __init__(self) -> None:
        self.ahead = 0.0  # seconds waited so far

    def now(self) -> float:
        """The real monotonic time, plus every wait so far."""
        return super().now() + self.ahead

    def wait(self, seconds: float) -> None:
        """The pending work runs (the new screen lays out), then ``seconds`` have passed."""
        QApplication.processEvents()
        self.ahead += seconds


class StillClock(LookAheadClock):
    """Time stands still but for the taps' waits: a tap that does not wait is dropped
    however slowly a loaded machine builds the screen before it (the double-tap tests)."""

    def __init__(self) -> None:
        super().__init__()
        self._start = SettleClock.now(self)

    def now(self) -> float:
        """The time at creation, plus every wait so far."""
        return self._start + self.ahead
