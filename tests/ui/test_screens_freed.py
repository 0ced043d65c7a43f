"""What a citizen's screens built is gone once the session ends (the soak's widget census).

Screens are destroyed after every citizen (nothing personal stays in a widget), so
any widget that outlives them is memory lost per citizen, for days. A label made
without a parent and only parented in 长辈模式 outlived every standard-mode form.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.flow import Screen
from tests.support.journey import Driver, apply_by_manual_entry


def _windows() -> set[QWidget]:
    return set(QApplication.topLevelWidgets())


def test_no_widget_outlives_the_citizen(window) -> None:  # type: ignore[no-untyped-def]
    d = Driver(window, lambda w: QTest.mouseClick(w, Qt.MouseButton.LeftButton))
    gc.collect()
    before = _windows()
    # Without the cyclic collector: a screen's Python side is a cycle (its slots are
    # its own methods) that the kiosk's rare full collections free late, so a widget
    # only Python owned lingered for hundreds of citizens. Qt must free them all.
    gc.disable()
    try:
        _two_citizens(d, before)
    finally:
        gc.enable()


def _two_citizens(d: Driver, before: set[QWidget]) -> None:
    for _ in range(2):
        apply_by_manual_entry(d)
        d.click("btn_home")  # submitted and rated: home asks nothing
        d.wait_for(Screen.HOME)
        # The old screens are destroyed one per event-loop turn (ui/main_window.py).
        end = time.monotonic() + 10
        while time.monotonic() < end and _windows() - before:
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            d.settle()
        left = _windows() - before
        assert not left, sorted(f"{type(w).__name__} {w.objectName()!r}" for w in left)
