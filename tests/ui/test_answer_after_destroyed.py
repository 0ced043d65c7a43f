"""A worker's answer that arrives after its screen or window is gone goes nowhere.

Screens are destroyed when a session ends and the window when the kiosk stops; a
camera check or a lookup still on a worker then answers into widgets that no longer
exist. CI caught it once (a camera check from a finished test reached a deleted
notice: ``Internal C++ object (Overlay) already deleted``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import shiboken6

from kiosk.app import KioskApp, build_app
from kiosk.flow import Screen
from kiosk.settings import Settings
from tests.support.journey import Driver
from ui.tap_guard import wait_until_tappable


@pytest.fixture
def threaded_app(settings: Settings, clock) -> Iterator[KioskApp]:  # type: ignore[no-untyped-def]
    # Real worker threads: the answer comes when the job ends, whatever the GUI did meanwhile.
    app = build_app(settings, clock=clock)
    yield app
    app.stop()


def _tap(button) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    wait_until_tappable(button)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_an_answer_for_a_screen_destroyed_at_the_session_end_is_dropped(
    qtbot, threaded_app: KioskApp, tap_clock
) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    w = MainWindow(threaded_app.core, tap_clock=tap_clock)
    qtbot.addWidget(w)
    w.resize(1920, 1080)
    w.show()
    qtbot.waitExposed(w)
    d = Driver(w, _tap)
    d.click("tile_apply")
    d.wait_for(Screen.CATALOG)
    catalog = w.stack.currentWidget()
    release, answered = threading.Event(), []
    catalog.work(lambda: release.wait(10) and "late", answered.append)
    d.click("btn_home")  # the session ends: its screens are destroyed
    qtbot.waitUntil(lambda: not shiboken6.isValid(catalog), timeout=10_000)
    release.set()
    threaded_app.core.executor.shutdown()  # waits for the job and its answer's posting
    qtbot.wait(100)  # the answer, were it delivered, runs in these turns
    assert answered == []


def test_an_answer_queued_for_a_destroyed_window_is_dropped(
    qtbot, kiosk_app: KioskApp, tap_clock
) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    w = MainWindow(kiosk_app.core, tap_clock=tap_clock)
    w.resize(1920, 1080)
    w.show()
    qtbot.waitExposed(w)
    overlay, touched = w.overlay, []
    # Queued while the window stands, delivered after it is gone.
    w.bridge.post(lambda: touched.append(overlay.isVisible()))
    shiboken6.delete(w)
    qtbot.wait(100)
    assert touched == []


def test_answers_still_arrive_while_the_window_stands(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    got: list[int] = []
    window.bridge.post(got.append, 7)
    qtbot.waitUntil(lambda: got == [7], timeout=5_000)
