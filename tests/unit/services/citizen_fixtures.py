"""Fixtures for the citizen-service tests (imported by those test modules only)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.citizen_backend import CitizenBackend, make_backend


class Clock:
    """An aware clock the tests set by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)  # a Monday

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += dt.timedelta(**kw)


@pytest.fixture(autouse=True, name="utc_local_time")
def utc_local_time_fixture(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Opening hours are local: pin the kiosk's zone so the tests mean the same everywhere.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(name="clock")
def clock_fixture() -> Clock:
    return Clock()


@pytest.fixture(name="backend")
def backend_fixture(tmp_path: Path, clock: Clock) -> Iterator[CitizenBackend]:
    backend = make_backend(tmp_path, clock)
    yield backend
    backend.close()  # the print-job store's descriptors, not left for the rest of the suite
