"""One camera, many screens: start and stop requests applied in the order screens made them.

A screen asks for the camera when it appears and lets go when it leaves, both on
the GUI thread, but the camera calls themselves run on a pool of workers (they
block). Two workers can run a screen's "start" after its "stop", which left the
camera running with nobody on screen (8 of 20 quick exits from the track screen).

The gate separates the *wish* from the *work*: :meth:`ScanGate.request` and
:meth:`ScanGate.release` only record who wants the camera (instant, safe on the
GUI thread); :meth:`ScanGate.start` and :meth:`ScanGate.settle` do the device work
on a worker and always converge on the latest wish, whatever order they run in.
"""

from __future__ import annotations

import threading
import weakref

from drivers.scanner.protocol import OnCode, OnPreview, Scanner


class ScanGate:
    """Orders camera use for one scanner (see module docstring)."""

    def __init__(self, scanner: Scanner) -> None:
        self._scanner = scanner
        self._wish = threading.Lock()  # guards the fields below; never held across device I/O
        self._work = threading.Lock()  # serialises scanner.start/stop (blocking)
        self._issued = 0
        self._wanted: int | None = None  # ticket that should own the camera, None = off
        self._running: int | None = None  # ticket the camera is running for

    def request(self) -> int:
        """A screen wants the camera: returns its ticket. Instant; call on the GUI thread."""
        with self._wish:
            self._issued += 1
            self._wanted = self._issued
            return self._issued

    def release(self, ticket: int) -> None:
        """The screen holding ``ticket`` is gone. Instant; call on the GUI thread."""
        with self._wish:
            if self._wanted == ticket:
                self._wanted = None

    def wanted(self, ticket: int) -> bool:
        """True while ``ticket`` is the latest wish."""
        with self._wish:
            return self._wanted == ticket

    def start(self, ticket: int, on_code: OnCode, on_preview: OnPreview | None = None) -> bool:
        """Worker: start the camera for ``ticket`` unless that wish is already over.

        ``on_preview`` gets the viewfinder's frames (the materials screen); screens that
        only read codes pass none, and the driver then makes no preview frames at all.
        Returns whether the camera runs for ``ticket`` when this returns.
        """
        with self._work:
            if not self.wanted(ticket):
                return False
            # Restart so this screen's callbacks are the ones attached, whoever had it.
            self._scanner.stop()
            self._scanner.start(on_code, on_preview)
            self._running = ticket
            if self.wanted(ticket):
                return True
            # Released while the camera was opening: undo at once.
            self._scanner.stop()
            self._running = None
            return False

    def settle(self) -> None:
        """Worker: stop the camera if the screen it runs for is no longer wanted."""
        with self._work:
            with self._wish:
                stale = self._running is not None and self._running != self._wanted
            if stale:
                self._scanner.stop()
                self._running = None

    @property
    def running_for(self) -> int | None:
        """The ticket the camera runs for (None = stopped by the gate)."""
        return self._running


_GATES: weakref.WeakKeyDictionary[object, ScanGate] = weakref.WeakKeyDictionary()
_GATES_LOCK = threading.Lock()


def gate_for(scanner: Scanner) -> ScanGate:
    """The one gate of ``scanner`` (shared by every service that uses the camera)."""
    with _GATES_LOCK:
        gate = _GATES.get(scanner)
        if gate is None:
            gate = _GATES[scanner] = ScanGate(scanner)
        return gate
