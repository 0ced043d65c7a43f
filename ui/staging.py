"""Helpers that stage screens for the tour, the accessibility checks and the crawler.

They fail loudly: a button that is missing, hidden or disabled, or a condition
that never comes true, raises :class:`StagingError` naming the screen and the
button, so no check can pass on a screen that was never reached.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, Qt, SignalInstance
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from ui.main_window import MainWindow
from ui.tap_guard import wait_until_tappable

WAIT_S = 8.0  # a worker on a shared 2-core machine; real conditions end it far sooner


class StagingError(AssertionError):
    """A scene could not be reached as described."""


def where(w: MainWindow) -> str:
    """The screen on display, for error messages."""
    return str(w.core.screen().value)


def wait_for(w: MainWindow, cond: Callable[[], bool], what: str, timeout_s: float = WAIT_S) -> None:
    """Run the event loop until ``cond()`` holds; raise naming ``what`` if it never does."""
    end = time.monotonic() + timeout_s
    while not cond():
        if time.monotonic() >= end:
            raise StagingError(f"{what}: not true after {timeout_s:.0f} s on {where(w)}")
        # Wait for events (a worker's answer arrives as one), at most 10 ms at a time.
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 10)


class SignalSpy:
    """Counts a Qt signal's emissions from the moment it is made (connect it *before*
    starting what will emit), so a wait cannot miss one that came early."""

    def __init__(self, signal: SignalInstance) -> None:
        self._signal = signal
        self.count = 0
        signal.connect(self._hit)

    def _hit(self, *_args: object) -> None:
        self.count += 1

    def wait(self, w: MainWindow, what: str, timeout_s: float = WAIT_S) -> None:
        """Run the event loop until the signal has come; raise naming ``what`` if not."""
        wait_for(w, lambda: self.count > 0, f"{what} (signal never emitted)", timeout_s)

    def close(self) -> None:
        """Stop counting."""
        self._signal.disconnect(self._hit)


def visible_button(w: MainWindow, name: str) -> QAbstractButton | None:
    """The visible button called ``name`` (pads share key names, so visibility decides)."""
    for b in w.findChildren(QAbstractButton, name):
        if b.isVisible():
            return b
    return None


def tap(w: MainWindow, name: str) -> None:
    """Tap the visible, enabled button ``name`` as a finger would; raise if there is none."""
    settle()
    b = visible_button(w, name)
    if b is None:
        raise StagingError(f"no visible button {name!r} on {where(w)}")
    if not b.isEnabled():
        raise StagingError(f"button {name!r} on {where(w)} is disabled")
    wait_until_tappable(b)  # as a citizen looks first (ui/tap_guard.py)
    QTest.mouseClick(b, Qt.MouseButton.LeftButton, pos=b.rect().center())
    settle()


def tap_widget(w: QWidget) -> None:
    """Tap a widget's centre."""
    wait_until_tappable(w)
    QTest.mouseClick(w, Qt.MouseButton.LeftButton, pos=w.rect().center())
    settle()


def settle() -> None:
    """Let queued events (shows, layouts) run."""
    for _ in range(3):
        QApplication.processEvents()
