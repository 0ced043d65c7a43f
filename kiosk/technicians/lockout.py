"""Wrong PINs at the kiosk: after five, each further try waits twice as long as the last.

The count and the time the kiosk opens again are kept in a small file in the
data directory, written before the answer is shown, so switching the kiosk off
and on does not reset them. The counter is per kiosk, not per technician
number: someone guessing would otherwise just change the number.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from pathlib import Path

from kiosk.private_file import write_private

log = logging.getLogger(__name__)

FREE_TRIES = 5
BASE_DELAY_S = 30.0
MAX_DELAY_S = 3600.0


def delay_after(failures: int) -> float:
    """Seconds to wait after ``failures`` wrong PINs in a row (0 for the first few)."""
    if failures < FREE_TRIES:
        return 0.0
    return float(min(BASE_DELAY_S * 2 ** (failures - FREE_TRIES), MAX_DELAY_S))


class Lockout:
    """The persistent wrong-PIN counter."""

    def __init__(self, path: Path, clock: Callable[[], dt.datetime]) -> None:
        self._path = path
        self._clock = clock
        self.failures = 0
        self._until: dt.datetime | None = None
        self._load()

    def wait_s(self) -> float:
        """Seconds before the next PIN may be tried (0: now)."""
        if self._until is None:
            return 0.0
        # A clock set back must not lock a technician out for longer than the longest delay.
        left = (self._until - self._clock()).total_seconds()
        return max(0.0, min(left, MAX_DELAY_S))

    def tries_left(self) -> int:
        """Wrong PINs still free of a wait (the next wrong one after them starts it)."""
        return max(0, FREE_TRIES - self.failures)

    def failed(self) -> float:
        """Count a wrong PIN; returns the delay it starts."""
        self.failures += 1
        delay = delay_after(self.failures)
        self._until = self._clock() + dt.timedelta(seconds=delay) if delay else None
        self._save()
        return delay

    def succeeded(self) -> None:
        """A right PIN clears the count."""
        if self.failures or self._until is not None:
            self.failures = 0
            self._until = None
            self._save()

    def _load(self) -> None:
        try:
            doc = json.loads(self._path.read_text(encoding="utf-8"))
            self.failures = int(doc["failures"])
            until = doc.get("until")
            self._until = dt.datetime.fromisoformat(until) if until else None
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError):
            # A damaged file must not become a way to reset the count: assume the worst.
            log.error("lockout file unreadable; the PIN pad waits the longest delay")
            self.failures = FREE_TRIES + 7
            self._until = self._clock() + dt.timedelta(seconds=MAX_DELAY_S)

    def _save(self) -> None:
        doc = {"failures": self.failures, "until": self._until.isoformat() if self._until else None}
        self._path.parent.mkdir(parents=True, exist_ok=True)
        write_private(self._path, json.dumps(doc).encode("utf-8"))
