"""The hall's clock: the time the header shows and opening hours are judged by.

A real kiosk's hall clock is its clock. The demo and the tour may move it into office
hours (a weekday morning), so 现场取号 and bookings can be tried in the evening or at a
weekend: queue tickets are refused outside opening hours, truthfully. The demo panel
switches between the real time and the moved one and says which is in force
(ui/demo_clock.py); the tour moves the whole kiosk's clock with it, so its screenshots
show the same hall hours whenever they are taken.
"""

from __future__ import annotations

import datetime as dt

from kiosk.session import Clock, utc_now

# Inside every bundled counter's hours (09:00 to 16:30 or 17:00, Monday to Friday),
# with room before closing so a ticket is not "closing soon" at once.
OFFICE_START = dt.time(9, 30)
OFFICE_END = dt.time(16, 0)
MORNING = dt.time(10, 0)  # where a moved clock starts


def in_office_hours(moment: dt.datetime) -> bool:
    """Whether ``moment`` (local) falls on a weekday between OFFICE_START and OFFICE_END."""
    return moment.weekday() < 5 and OFFICE_START <= moment.time() < OFFICE_END


def next_weekday_morning(now: dt.datetime) -> dt.datetime:
    """10:00 local on the weekday after ``now`` (aware, local)."""
    day = now.date() + dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, MORNING, tzinfo=now.tzinfo)


class HallClock:
    """A clock (call it for an aware UTC time) running from ``base``, or moved into office
    hours by a fixed shift; it keeps running at the real pace either way."""

    def __init__(self, base: Clock = utc_now) -> None:
        self._base = base
        self._shift = dt.timedelta(0)  # one assignment: read safely from any thread

    def __call__(self) -> dt.datetime:
        """The hall's time now."""
        return self._base() + self._shift

    @property
    def simulated(self) -> bool:
        """Whether the hall's time is moved away from the real time."""
        return self._shift != dt.timedelta(0)

    def use_real_time(self) -> None:
        """The real time from now on."""
        self._shift = dt.timedelta(0)

    def use_office_hours(self) -> None:
        """10:00 on the next weekday from now on (running on from there)."""
        now = self._base().astimezone()
        self._shift = next_weekday_morning(now) - now

    def use_office_hours_if_closed(self) -> None:
        """The demo's default: the real time while the hall is open, else office hours."""
        if in_office_hours(self._base().astimezone()):
            self.use_real_time()
        else:
            self.use_office_hours()
