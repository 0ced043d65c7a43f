"""The hall's clock: the time the header shows and opening hours are judged by.

A real kiosk's hall clock is its clock. The demo and the tour may move it into office
hours (a weekday morning), so 现场取号 and bookings can be tried in the evening or at a
weekend: queue tickets are refused outside opening hours, truthfully. The demo panel
switches between the real time and the moved one and says which is in force
(ui/demo_clock.py); the tour moves the whole kiosk's clock with it, so its screenshots
show the same hall hours whenever they are taken.

In the demo the hall clock is the kiosk's one clock (``KioskCore.clock``): the header,
receipts, 预计办结, tracking numbers, queue tickets, bookings and the maintenance
panel all tell its time, and the embedded platform runs on the same object
(``PlatformConfig.now``, which also dates its answers), so its console lists the
tickets of the hall's day; the sync agent stamps outbox records by it too
(:class:`HallSyncClock`), so 预计办结 of an application delivered later is counted
from the hall's day. Three
things keep the real time, on purpose (:func:`real_clock`):

- the log files: written by :mod:`logging` in real UTC, because a technician matches
  them with the system journal, the platform's logs and the network's;
- the audit trail: a tamper-evident record of what happened when, so it is never
  moved; an entry ``hall_clock.in_force`` labels each switch with the hall time and the
  shift, so a reader can translate;
- the idle timers of a citizen's session: a switch must not end (or stretch) a visit.

A real kiosk and a real platform never use a moved clock: only ``kiosk --demo`` (and
the tour) build one.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable

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
        self._listeners: list[Callable[[HallClock], None]] = []
        # Each shift with the real time it came into force, from this clock's start: the
        # log keeps real time, and the panel tells each line in the hall time of its
        # moment (try-out 14, T1). Appended only: read safely from any thread.
        self._switches: list[tuple[dt.datetime, dt.timedelta]] = [(base(), self._shift)]

    def __call__(self) -> dt.datetime:
        """The hall's time now."""
        return self._base() + self._shift

    def real(self) -> dt.datetime:
        """The real time now (the clock this one runs from)."""
        return self._base()

    @property
    def shift(self) -> dt.timedelta:
        """How far the hall's time is moved from the real time."""
        return self._shift

    def on_change(self, listener: Callable[[HallClock], None]) -> None:
        """Call ``listener`` after each switch (the audit trail labels it)."""
        self._listeners.append(listener)

    def _moved(self, shift: dt.timedelta) -> None:
        changed = shift != self._shift
        self._shift = shift
        if changed:
            self._switches.append((self._base(), shift))
            for listener in list(self._listeners):
                listener(self)

    def shift_at(self, real: dt.datetime) -> dt.timedelta | None:
        """The shift in force at the real time ``real`` (aware); None before this clock
        began (a time from an earlier run: the shift then is not known here)."""
        switches = list(self._switches)
        if real < switches[0][0]:
            return None
        return next(shift for at, shift in reversed(switches) if at <= real)

    @property
    def ever_moved(self) -> bool:
        """Whether the hall's time has been moved from the real time since this clock
        began (until then the hall's time and the real time are one)."""
        return any(shift for _at, shift in list(self._switches))

    @property
    def simulated(self) -> bool:
        """Whether the hall's time is moved away from the real time."""
        return self._shift != dt.timedelta(0)

    def use_real_time(self) -> None:
        """The real time from now on."""
        self._moved(dt.timedelta(0))

    def use_office_hours(self) -> None:
        """10:00 on the next weekday from now on (running on from there)."""
        now = self._base().astimezone()
        self._moved(next_weekday_morning(now) - now)

    def use_office_hours_if_closed(self) -> None:
        """The demo's default: the real time while the hall is open, else office hours."""
        if in_office_hours(self._base().astimezone()):
            self.use_real_time()
        else:
            self.use_office_hours()


def clock_at_start(demo: bool, base: Clock = utc_now) -> Clock:
    """The clock a kiosk started from the command line runs on.

    ``demo`` is ``kiosk --demo`` itself, not the configuration's ``[demo]`` section: a
    real kiosk's file that turns demo helpers on still runs on the real time. Under
    ``--demo`` the hall clock, moved into office hours when started outside them.
    """
    if not demo:
        return base
    hall = HallClock(base)
    hall.use_office_hours_if_closed()
    return hall


def real_clock(clock: Clock) -> Clock:
    """The real time behind ``clock``: a hall clock's base, any other clock itself."""
    return clock.real if isinstance(clock, HallClock) else clock


class HallSyncClock:
    """The sync agent's clock (kiosk.sync.clock.Clock) on a hall clock: record times are
    the hall's, like every other time of the demo kiosk; its embedded platform dates its
    answers by the same clock, so the learnt clock offset stays near zero."""

    def __init__(self, hall: HallClock) -> None:
        self._hall = hall

    def now(self) -> dt.datetime:
        """The hall's time."""
        return self._hall()

    def monotonic(self) -> float:
        """``time.monotonic()``: waits and back-offs never jump with a switch."""
        return time.monotonic()

    def wait(self, event: threading.Event, timeout: float) -> bool:
        """``event.wait(timeout)``."""
        return event.wait(max(0.0, timeout))
