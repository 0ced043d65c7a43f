"""Under the demo's moved hall clock the kiosk's records for technicians keep real UTC
(kiosk/hall_clock.py): the audit trail's times, and the log lines' (written by
``logging``), while the switch itself is labelled in both; a visit's idle timers run on
the real clock, so a switch never ends or stretches one."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from kiosk.app import build_app
from kiosk.hall_clock import HallClock
from kiosk.settings import CONFIG_DIR, load_settings
from kiosk.workers import InlineExecutor

UTC = dt.UTC
REAL = dt.datetime(2026, 11, 27, 19, 5, tzinfo=UTC)  # a Friday evening: the hall is closed


def test_audit_and_log_keep_real_utc_while_the_hall_time_is_moved(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    hall = HallClock(lambda: REAL)
    hall.use_office_hours_if_closed()
    assert hall.simulated and hall().date() != REAL.date()  # the demo's Monday morning
    s = load_settings(CONFIG_DIR / "demo.toml")
    s = s.model_copy(update={"storage": s.storage.model_copy(update={"data_dir": tmp_path})})
    caplog.set_level(logging.INFO, logger="kiosk.app")
    app = build_app(s, clock=hall, executor=InlineExecutor())
    try:
        app.core.audit("test.mark", {})
        hall.use_real_time()  # the demo panel's switch: labelled again
        assert app.backend.audit is not None
        entries = app.backend.audit.log.entries_after(0)
        times = {dt.datetime.fromisoformat(e["at"]) for e in entries}
        assert times == {REAL}, "the audit trail took the hall's moved time"
        labels = [e["data"] for e in entries if e["kind"] == "hall_clock.in_force"]
        assert [d["simulated"] for d in labels] == [True, False]
        assert labels[0]["hall_time"].startswith("2026-11-30T")  # what citizens saw
        assert "demo hall clock" in caplog.text
        # The idle timers: a switch of the hall time leaves a visit's idle time alone.
        app.core.sessions.touch()
        before = app.core.sessions.idle_status()
        hall.use_office_hours()  # days ahead
        assert app.core.sessions.idle_status() == before
    finally:
        app.stop()
