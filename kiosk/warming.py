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


# Python imports a module once per process, but two threads importing at the same
# time can meet in a package whose __init__ imports its own submodules while another
# thread imports one of those submodules directly: CPython then breaks the would-be
# deadlock by handing one thread the partially initialised module (seen in the demo
# under load: "cannot import name 'Printer' from partially initialized module
# 'drivers.printer.protocol'", raised in the backend's start-up and the screens'
# pre-import at once, which put the kiosk out of service). The start-up's importing
# workers take turns instead. The GUI thread never takes this lock (it must not wait).
_START_UP_IMPORTS = threading.RLock()


@contextmanager
def start_up_imports() -> Iterator[None]:
    """Hold while a start-up worker imports modules: one such worker at a time."""
    with _START_UP_IMPORTS:
        yield
