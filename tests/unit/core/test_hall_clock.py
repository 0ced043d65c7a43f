"""The hall clock: real time while the hall is open, a weekday morning otherwise."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.hall_clock import (
    HallClock,
    HallSyncClock,
    in_office_hours,
    next_weekday_morning,
    real_clock,
)
from tests.unit.services.citizen_fixtures import utc_local_time_fixture  # noqa: F401  (local = UTC)

UTC = dt.UTC


@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        (dt.datetime(2026, 11, 25, 11, 0, tzinfo=UTC), True),  # Wednesday morning
        (dt.datetime(2026, 11, 25, 9, 0, tzinfo=UTC), False),  # before the counters open
        (dt.datetime(2026, 11, 25, 17, 30, tzinfo=UTC), False),  # after they close
        (dt.datetime(2026, 11, 28, 11, 0, tzinfo=UTC), False),  # Saturday
    ],
)
def test_office_hours(moment: dt.datetime, open_: bool) -> None:
    assert in_office_hours(moment) is open_


def test_friday_evening_moves_to_monday_morning_and_keeps_running() -> None:
    now = [dt.datetime(2026, 11, 27, 19, 5, tzinfo=UTC)]
    start = now[0]
    hall = HallClock(lambda: now[0])
    assert not hall.ever_moved
    hall.use_office_hours_if_closed()
    assert hall.simulated and hall.ever_moved
    assert hall() == next_weekday_morning(now[0]) == dt.datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    shift = hall.shift
    now[0] += dt.timedelta(minutes=3)
    assert hall() == dt.datetime(2026, 11, 30, 10, 3, tzinfo=UTC)
    hall.use_real_time()
    assert not hall.simulated and hall() == now[0]
    # The shift in force at each real moment (the panel tells the log's real times in
    # the hall's): not known before the clock began.
    minute = dt.timedelta(minutes=1)
    assert hall.shift_at(start - minute) is None
    assert hall.shift_at(start) == hall.shift_at(now[0] - minute) == shift
    assert hall.shift_at(now[0]) == dt.timedelta(0) and hall.ever_moved


def test_open_hall_keeps_the_real_time() -> None:
    now = dt.datetime(2026, 11, 25, 11, 0, tzinfo=UTC)
    hall = HallClock(lambda: now)
    hall.use_office_hours_if_closed()
    assert not hall.simulated and hall() == now


def test_real_time_stays_reachable_and_switches_are_heard() -> None:
    now = dt.datetime(2026, 11, 27, 19, 5, tzinfo=UTC)
    hall = HallClock(lambda: now)
    heard: list[bool] = []
    hall.on_change(lambda h: heard.append(h.simulated))
    hall.use_office_hours()
    assert real_clock(hall)() == hall.real() == now != hall()
    assert hall.shift == hall() - now
    hall.use_real_time()
    hall.use_real_time()  # no switch: nothing to hear
    assert heard == [True, False]
    plain = lambda: now  # noqa: E731  (a real kiosk's clock)
    assert real_clock(plain) is plain


def test_the_sync_agent_stamps_records_by_the_hall_clock() -> None:
    now = dt.datetime(2026, 11, 27, 19, 5, tzinfo=UTC)
    hall = HallClock(lambda: now)
    hall.use_office_hours()
    sync = HallSyncClock(hall)
    assert sync.now() == hall() == dt.datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
