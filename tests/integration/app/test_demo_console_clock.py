"""The demo's embedded platform runs on the hall clock, yet its console's audit of staff
actions keeps the real UTC its page promises (try-out 10, K1: a sign-in at real
Saturday 16:33 was listed as "2026-12-07 10:14:17 UTC", the simulated Monday)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import kiosk.backend
from central.console.accounts import Role
from kiosk.hall_clock import HallClock
from kiosk.paths import resolve_paths
from kiosk.settings import CONFIG_DIR, load_settings
from tests.integration.console.conftest import PASSWORDS, sign_in


def test_a_sign_in_on_the_demo_console_is_audited_at_the_real_utc_time(tmp_path: Path) -> None:
    s = load_settings(CONFIG_DIR / "demo.toml")
    s = s.model_copy(update={"storage": s.storage.model_copy(update={"data_dir": tmp_path})})
    paths = resolve_paths(s)
    paths.create()
    hall = HallClock()
    hall.use_office_hours()  # the next weekday's 10:00: hours or days from the real time
    assert abs(hall.shift) > dt.timedelta(minutes=10)
    platform = kiosk.backend._start_platform(paths, now=hall)
    try:
        platform.platform.staff.add("zhao", Role.ADMIN, PASSWORDS["zhao"][1], hall.real())
        admin = sign_in(platform.base_url, "zhao")
        page = admin.get(platform.base_url + "/console/audit", timeout=10).text
    finally:
        platform.stop()
    row = re.search(r'<tr class="console-event"><td class="at">([^<]+)</td>', page)
    assert row, "the sign-in is not on the audit page"
    shown = dt.datetime.strptime(row.group(1), "%Y-%m-%d %H:%M:%S UTC").replace(tzinfo=dt.UTC)
    assert abs(shown - hall.real()) < dt.timedelta(minutes=2), row.group(1)
