"""Fixtures for the citizen-service window tests (imported by those test modules only):
local time pinned to UTC, no screen building left behind, and a hardware-free backend
for the track, appointment, rate and feedback services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from kiosk.services.citizen import build_citizen_services, install
from tests.support.citizen_backend import CitizenBackend, make_backend

# Opening hours are local time: the same UTC pin as the services' unit tests.
from tests.unit.services.citizen_fixtures import utc_local_time_fixture  # noqa: F401


@pytest.fixture(autouse=True, name="no_screen_building_after_the_test")
def no_screen_building_fixture(request: pytest.FixtureRequest) -> Iterator[None]:
    # The window pre-builds screens on short timers between citizens; one still
    # queued when the test ends would fire into the next test's event loop.
    if "window" not in request.fixturenames:
        yield
        return
    window = request.getfixturevalue("window")  # set up first, so torn down after this
    yield
    window.cancel_prebuild()  # no step left to fire into the next test's event loop


@pytest.fixture(name="citizen")
def citizen_fixture(window, tmp_path, clock) -> Iterator[CitizenBackend]:  # type: ignore[no-untyped-def]
    clock.now = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)  # Monday, counters open
    # The citizen is at the kiosk now, not since the hour before: else the window's idle
    # check (once a second) could end the session mid-test, 长辈模式 and all, at random.
    window.core.sessions.touch()
    backend = make_backend(tmp_path / "citizen", clock)
    install(window.core, build_citizen_services(window.core, backend))
    yield backend
    backend.close()
