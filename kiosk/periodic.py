"""A daemon thread that runs one step now and then until it is stopped.

The housekeeper, the GUI watchdog and the nightly window each need the same loop:
a first run after a delay, then one every interval, a stop that wakes the thread
at once, and a failing step that is logged without ending the loop.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class PeriodicThread:
    """Runs ``step`` after ``first_s``, then every ``every_s``, on a named daemon thread."""

    def __init__(self, name: str, step: Callable[[], object], every_s: float, first_s: float):
        self._name = name
        self._step = step
        self._every = every_s
        self._first = first_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the thread."""
        self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread (it wakes at once) and wait briefly for it."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        wait = self._first
        while not self._stop.wait(wait):
            wait = self._every
            try:
                self._step()
            except Exception:  # a failing step must not end the loop
                log.exception("%s: step failed", self._name)
