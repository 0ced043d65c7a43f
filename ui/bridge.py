"""Moves callbacks from worker threads onto the GUI thread.

Core callbacks fire on whatever thread did the work; anything that touches a
widget must run on the GUI thread. :class:`GuiBridge` lives on the GUI thread
and re-emits through a queued signal, which Qt delivers in the GUI event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot


class GuiBridge(QObject):
    """Create once, on the GUI thread; call :meth:`wrap` on any callback for the GUI."""

    _call = Signal(object, object)

    def __init__(self) -> None:
        super().__init__()
        self._open = True
        self._call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object)
    def _run(self, fn: Callable[..., None], args: tuple[Any, ...]) -> None:
        # A worker's answer can be queued while its window is being destroyed; it
        # arrives after, and would touch widgets that no longer exist.
        if self._open:
            fn(*args)

    @Slot()
    def close(self) -> None:
        """Drop every call from now on, those already queued included (the window is gone)."""
        self._open = False

    def post(self, fn: Callable[..., None], *args: Any) -> None:
        """Run ``fn(*args)`` on the GUI thread, later; safe from any thread."""
        self._call.emit(fn, args)

    def wrap(self, fn: Callable[..., None]) -> Callable[..., None]:
        """A thread-safe version of ``fn`` that always runs on the GUI thread."""
        return lambda *args: self.post(fn, *args)
