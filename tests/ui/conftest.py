"""Fixtures for widget tests: a real core (inline executor) and the real main window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app import KioskApp, build_app
from kiosk.settings import CONFIG_DIR, Settings, load_settings
from kiosk.workers import InlineExecutor
from tests.support.leftovers import (  # noqa: F401 (autouse, every UI test)
    root_logging_kept,
    root_logging_restored,
    threads_stopped,
)
from tests.support.tap_clock import LookAheadClock
from ui.tap_guard import SettleClock


class FakeClock:
    """Wall clock the tests move by hand (idle timeouts without waiting)."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = load_settings(CONFIG_DIR / "demo.toml")
    storage = s.storage.model_copy(update={"data_dir": tmp_path / "data"})
    return s.model_copy(update={"storage": storage})


@pytest.fixture
def kiosk_app(settings: Settings, clock: FakeClock) -> Iterator[KioskApp]:
    app = build_app(settings, clock=clock, executor=InlineExecutor())
    yield app
    app.stop()


@pytest.fixture
def tap_clock() -> SettleClock:
    """The tap guard's clock: one that looks ahead, so taps that wait for the guard do
    not sleep its settle time out (tests/support/tap_clock.py). test_tap_guard.py
    overrides this with the real clock."""
    return LookAheadClock()


@pytest.fixture
def window(qtbot, kiosk_app: KioskApp, tap_clock: SettleClock):  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    w = MainWindow(kiosk_app.core, tap_clock=tap_clock)
    qtbot.addWidget(w)
    w.resize(1920, 1080)
    w.show()
    qtbot.waitExposed(w)
    return w
