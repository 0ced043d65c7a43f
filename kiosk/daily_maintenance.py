"""The nightly window: a self-test, fresh logs and, if wanted, a clean restart.

A kiosk that runs for months benefits from a quiet moment each day: devices are
looked at on purpose rather than only when a citizen needs them, log files start
afresh, and a restart (systemd brings the kiosk back, ``Restart=always``) returns the
process to its start-up state. None of it may touch a citizen: every step waits
until nobody is using the kiosk, and gives up for the day when the window closes
with someone still there.

Runs on its own thread with an injected clock; the restart is a callback the GUI
layer turns into a clean quit of its event loop.
"""

from __future__ import annotations

import datetime as dt
import logging
import logging.handlers
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.periodic import PeriodicThread

log = logging.getLogger(__name__)

RETRY_S = 60.0  # while a citizen is present, look again this often
FIRST_LOOK_S = 5.0


@dataclass
class DailyReport:
    """What one window did (for the log, the audit trail and the tests)."""

    day: dt.date
    ran: bool = False
    skipped_busy: bool = False
    self_test: dict[str, str] = field(default_factory=dict)
    logs_rotated: int = 0
    restart_requested: bool = False


class DailyMaintenance:
    """Runs once a day at ``at`` (local time), within ``window``, only when idle."""

    def __init__(
        self,
        *,
        at: dt.time,
        window: dt.timedelta,
        restart: bool,
        idle: Callable[[], bool],
        self_test: Callable[[], dict[str, str]],
        request_restart: Callable[[], None],
        clock: Callable[[], dt.datetime],
        on_report: Callable[[DailyReport], None] = lambda _r: None,
        tz: dt.tzinfo | None = None,
        state_file: Path | None = None,
    ) -> None:
        self._at = at
        self._window = window
        self._restart = restart
        self._idle = idle
        self._self_test = self_test
        self._request_restart = request_restart
        self._clock = clock
        self._on_report = on_report
        self._tz = tz  # None: the machine's local time zone
        # The day of the last run survives the restart it causes; without it the fresh
        # process, still inside the window, would run (and restart) again at once.
        self._state_file = state_file
        self._done: dt.date | None = self._load_done()
        self._loop: PeriodicThread | None = None

    def tick(self) -> DailyReport | None:
        """One look (the thread calls this every minute; tests call it directly)."""
        now = self._clock().astimezone(self._tz)
        start = dt.datetime.combine(now.date(), self._at, tzinfo=now.tzinfo)
        if self._done == now.date() or not start <= now < start + self._window:
            return None
        if not self._idle():
            if now + dt.timedelta(seconds=RETRY_S) >= start + self._window:
                self._mark_done(now.date())  # the window closes with a citizen here
                log.info("daily maintenance skipped: the kiosk was in use all window")
                report = DailyReport(now.date(), skipped_busy=True)
                self._on_report(report)
                return report
            return None
        self._mark_done(now.date())
        report = DailyReport(now.date(), ran=True)
        try:
            report.self_test = self._self_test()
        except Exception:  # a broken check must not stop the rest of the window
            log.exception("daily self-test failed")
            report.self_test = {"self_test": "error"}
        report.logs_rotated = rotate_logs()
        if self._restart and self._idle():
            report.restart_requested = True
            log.info("daily maintenance: restarting while nobody is here")
        self._on_report(report)
        if report.restart_requested:
            self._request_restart()
        return report

    def _load_done(self) -> dt.date | None:
        if self._state_file is None:
            return None
        try:
            return dt.date.fromisoformat(self._state_file.read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            return None

    def _mark_done(self, day: dt.date) -> None:
        self._done = day
        if self._state_file is None:
            return
        try:
            tmp = self._state_file.with_suffix(".tmp")
            tmp.write_text(day.isoformat(), encoding="ascii")
            tmp.replace(self._state_file)
        except OSError:
            log.warning("could not record the daily maintenance day; it may run twice")

    def start(self) -> None:
        """A first look soon after start (a kiosk started inside the window), then each minute."""
        self._loop = PeriodicThread("daily-maintenance", self.tick, RETRY_S, FIRST_LOOK_S)
        self._loop.start()

    def stop(self) -> None:
        """Stop the thread."""
        if self._loop is not None:
            self._loop.stop()


def rotate_logs(logger: logging.Logger | None = None) -> int:
    """Start fresh files on every rotating handler of the root logger; returns how many."""
    rotated = 0
    for handler in (logger or logging.getLogger()).handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            handler.doRollover()
            rotated += 1
    return rotated
