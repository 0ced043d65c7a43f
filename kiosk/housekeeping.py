"""Retention: personal data is deleted once it has done its job.

Hourly, on its own thread: payloads of delivered records past the retention window
(the audit row stays), cached statuses nobody has asked about for a month, this
kiosk's own application records after 90 days, and printed receipts' jobs past the
window.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from kiosk.periodic import PeriodicThread
from kiosk.session import Clock

log = logging.getLogger(__name__)

INTERVAL_S = 3600.0
STATUS_KEEP = dt.timedelta(days=30)
# This kiosk's own applications (offline lookups of numbers it printed): about as long
# as an ordinary service takes plus a margin, not for ever.
OWN_KEEP = dt.timedelta(days=90)


class Housekeeper:
    """Runs each purge step periodically; one failing step does not stop the others."""

    def __init__(
        self,
        clock: Clock,
        steps: dict[str, Callable[[dt.datetime], int]],
        interval_s: float = INTERVAL_S,
    ) -> None:
        self._clock = clock
        self._steps = steps
        self._interval = interval_s
        self._loop: PeriodicThread | None = None

    def run_once(self) -> dict[str, int]:
        """Purge now; returns how many items each step removed."""
        now = self._clock()
        done: dict[str, int] = {}
        for name, step in self._steps.items():
            try:
                done[name] = step(now)
            except Exception:
                log.exception("housekeeping step %s failed", name)
        if any(done.values()):
            log.info("housekeeping removed %s", done)
        return done

    def start(self) -> None:
        """First run a minute after start-up (not competing with it), then every interval."""
        self._loop = PeriodicThread(
            "housekeeping", self.run_once, self._interval, min(60.0, self._interval)
        )
        self._loop.start()

    def stop(self) -> None:
        """Stop the thread."""
        if self._loop is not None:
            self._loop.stop()
