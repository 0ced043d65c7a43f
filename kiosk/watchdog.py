"""GUI watchdog: a frozen GUI thread is a bug, and in a lobby nobody reports it.

The GUI calls :meth:`Watchdog.beat` from a timer; a separate thread notices when
the beats stop. After ``stall_s`` it logs the GUI thread's stack (so the bug can
be found), and after ``restart_s`` it calls ``on_hang`` — in production, exiting
so the service manager restarts the kiosk (the outbox survives restarts).

While the beats keep coming it calls ``alive`` every ``alive_every_s``: systemd's
WATCHDOG=1 ping (kiosk.sdnotify). The ping is sent from this thread, not from the
GUI's timer, but only while the GUI's own beats are fresh, so it proves the event
loop turns and still costs the GUI thread nothing.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import time
from collections.abc import Callable

from kiosk.periodic import PeriodicThread

log = logging.getLogger(__name__)


class Watchdog:
    """Watches for missing heartbeats from the GUI thread."""

    def __init__(
        self,
        stall_s: float = 2.0,
        restart_s: float = 60.0,
        on_hang: Callable[[], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        alive: Callable[[], None] | None = None,
        alive_every_s: float = 1.0,
    ) -> None:
        self._stall = stall_s
        self._restart = restart_s
        self._on_hang = on_hang
        self._clock = clock
        self._last = clock()
        self._reported = False
        self._alive = alive
        self._alive_every = alive_every_s
        self._last_alive: float | None = None
        self._loop: PeriodicThread | None = None
        self.stalls = 0

    def beat(self) -> None:
        """Called by the GUI thread; proves its event loop is turning."""
        self._last = self._clock()
        self._reported = False

    def check(self) -> None:
        """One look (the thread calls this; tests call it directly)."""
        now = self._clock()
        silent = now - self._last
        due = self._last_alive is None or now - self._last_alive >= self._alive_every
        if silent < self._stall and self._alive is not None and due:
            self._last_alive = now
            self._alive()
        if silent >= self._stall and not self._reported:
            self._reported = True
            self.stalls += 1
            log.error("GUI thread unresponsive for %.1f s; stacks follow on stderr", silent)
            faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
        if silent >= self._restart and self._on_hang is not None:
            log.critical("GUI thread hung for %.0f s; restarting", silent)
            on_hang, self._on_hang = self._on_hang, None
            on_hang()

    def start(self) -> None:
        """Start watching."""
        self._last = self._clock()
        self._loop = PeriodicThread("gui-watchdog", self.check, 0.5, 0.5)
        self._loop.start()

    def stop(self) -> None:
        """Stop watching."""
        if self._loop is not None:
            self._loop.stop()
