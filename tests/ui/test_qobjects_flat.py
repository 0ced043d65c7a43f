"""Citizen after citizen, the application holds the same QObjects (the soak's object census).

A kiosk serves citizens for days: anything a journey leaves behind on a long-lived
object (a timer or an animation on the window, a connection helper on the
application, a layout item) is memory lost per citizen. The widget test
(test_screens_freed.py) sees top-level widgets; this one walks every QObject the
application and its windows reach, by class, through citizens served by taps.
"""

from __future__ import annotations

import gc
import time
from collections import Counter

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QTest

from kiosk.flow import Screen
from tests.support.journey import Driver, apply_by_manual_entry
from tests.support.qobject_census import qobject_census


def test_citizens_leave_no_qobject_behind(window) -> None:  # type: ignore[no-untyped-def]
    d = Driver(window, lambda w: QTest.mouseClick(w, Qt.MouseButton.LeftButton))
    # The first citizens fill what is built once (pre-built screens, caches);
    # from then on every citizen must leave the census as it found it. Without
    # the cyclic collector, so nothing is hidden by a collection the kiosk
    # itself runs only rarely.
    gc.disable()
    try:
        censuses = [_citizen(d, n) for n in range(5)]
    finally:
        gc.enable()
    steady = censuses[2]
    for n, census in enumerate(censuses[3:], start=3):
        grew = {k: census[k] - steady[k] for k in census | steady if census[k] != steady[k]}
        assert not grew, f"after citizen {n + 1}, QObjects changed by class: {grew}"
    assert sum(steady.values()) > 50, steady  # the census does see the window's objects


def _citizen(d: Driver, n: int) -> Counter[str]:
    """One citizen (an application, or one who walks away) and the census after."""
    if n % 2 == 0:
        apply_by_manual_entry(d)
        d.click("btn_home")  # submitted and rated: home asks nothing
    else:
        d.click("tile_apply")
        d.wait_for(Screen.CATALOG)
        d.click("btn_home")
    d.wait_for(Screen.HOME)
    # The old screens are destroyed one per event-loop turn (ui/main_window.py) and the
    # next citizen's are pre-built in steps: counted once both are done (a loaded
    # machine can leave two equal censuses in between, one screen still to go).
    window = d.window
    end = time.monotonic() + 30
    census = qobject_census()
    while time.monotonic() < end:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        d.settle()
        again = qobject_census()
        quiet = not window._doomed and not window.prebuild_pending()  # type: ignore[attr-defined]
        if quiet and again == census:
            break
        census = again
    return census
