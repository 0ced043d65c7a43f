"""预约取号 out of office hours: the kiosk says walk-in numbers are closed on the first
screen after the tile (before any identity is asked for); in hours it says nothing."""

from __future__ import annotations

import datetime as dt

from kiosk.flow import Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.helpers import visible_texts
from tests.ui.test_services_flow import start


def test_closed_is_said_before_identity(window, qtbot, citizen, clock) -> None:  # type: ignore[no-untyped-def]
    clock.now = dt.datetime(2026, 11, 23, 18, 0, tzinfo=dt.UTC)  # Monday evening
    start(window, qtbot, "appointment")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.IDENTIFY, timeout=3000)
    qtbot.waitUntil(lambda: "现场取号已暂停" in " ".join(visible_texts(window)), timeout=3000)
    assert window.core.sessions.current.identity is None  # nothing asked of them yet


def test_in_hours_nothing_is_said(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    start(window, qtbot, "appointment")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.IDENTIFY, timeout=3000)
    qtbot.wait(50)
    assert "现场取号已暂停" not in " ".join(visible_texts(window))
