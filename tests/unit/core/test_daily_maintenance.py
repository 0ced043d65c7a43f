"""The nightly window runs once, only when nobody is there, and never past its end."""

from __future__ import annotations

import datetime as dt
import logging
import logging.handlers
from pathlib import Path

from kiosk.daily_maintenance import DailyMaintenance, rotate_logs

TZ = dt.timezone(dt.timedelta(hours=8))


class Rig:
    def __init__(self, restart: bool = True, state_file: Path | None = None) -> None:
        self.now = dt.datetime(2026, 12, 4, 3, 0, tzinfo=TZ)
        self.busy = False
        self.restarts = 0
        self.tests = 0
        self.daily = DailyMaintenance(
            at=dt.time(3, 30),
            window=dt.timedelta(minutes=60),
            restart=restart,
            idle=lambda: not self.busy,
            self_test=self._test,
            request_restart=self._restart,
            clock=lambda: self.now,
            tz=TZ,
            state_file=state_file,
        )

    def _test(self) -> dict[str, str]:
        self.tests += 1
        return {"printer": "ok"}

    def _restart(self) -> None:
        self.restarts += 1

    def at(self, hh: int, mm: int, day: int = 4):  # type: ignore[no-untyped-def]
        self.now = dt.datetime(2026, 12, day, hh, mm, tzinfo=TZ)
        return self.daily.tick()


def test_runs_once_in_the_window_when_idle() -> None:
    rig = Rig()
    assert rig.at(3, 29) is None  # before the window
    report = rig.at(3, 30)
    assert report is not None and report.ran and report.restart_requested
    assert report.self_test == {"printer": "ok"}
    assert (rig.tests, rig.restarts) == (1, 1)
    assert rig.at(3, 45) is None  # once a day
    assert rig.at(3, 30, day=5) is not None  # and again the next night
    assert rig.restarts == 2


def test_waits_for_the_citizen_then_runs() -> None:
    rig = Rig()
    rig.busy = True
    assert rig.at(3, 30) is None and rig.tests == 0
    rig.busy = False
    report = rig.at(3, 40)
    assert report is not None and report.ran and rig.restarts == 1


def test_a_busy_window_is_skipped_not_overrun() -> None:
    rig = Rig()
    rig.busy = True
    assert rig.at(3, 30) is None
    report = rig.at(4, 29)  # the last look before the window closes
    assert report is not None and report.skipped_busy and not report.ran
    rig.busy = False
    assert rig.at(4, 31) is None  # closed: nothing happens after the window
    assert (rig.tests, rig.restarts) == (0, 0)


def test_restart_can_be_switched_off() -> None:
    rig = Rig(restart=False)
    report = rig.at(3, 30)
    assert report is not None and report.ran and not report.restart_requested
    assert rig.restarts == 0 and rig.tests == 1


def test_rotate_logs_starts_fresh_files(tmp_path: Path) -> None:
    logger = logging.getLogger("test-daily-rotate")
    handler = logging.handlers.RotatingFileHandler(
        tmp_path / "k.jsonl", maxBytes=10**6, backupCount=3
    )
    logger.addHandler(handler)
    try:
        logger.warning("before")
        assert rotate_logs(logger) == 1
        logger.warning("after")
        handler.flush()
        assert "before" in (tmp_path / "k.jsonl.1").read_text()
        assert (tmp_path / "k.jsonl").read_text().strip() == "after"
    finally:
        logger.removeHandler(handler)
        handler.close()


def test_the_restart_it_causes_does_not_run_it_again(tmp_path: Path) -> None:
    state = tmp_path / "daily.last"
    first = Rig(state_file=state)
    assert first.at(3, 30) is not None and first.restarts == 1
    # The fresh process starts at 03:31, still inside the window.
    second = Rig(state_file=state)
    assert second.at(3, 31) is None and second.restarts == 0
    assert second.at(3, 30, day=5) is not None  # tomorrow it runs
