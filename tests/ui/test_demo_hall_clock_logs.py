"""Under the demo's simulated hall clock the maintenance log page says its times are the
hall's (the log files keep the real time; kiosk/hall_clock.py: the page converts them,
try-out 14, T1); on the real clock it says nothing of the kind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app import KioskApp, build_app
from kiosk.hall_clock import HallClock
from kiosk.settings import CONFIG_DIR, load_settings
from kiosk.workers import ThreadExecutor
from tests.ui.test_maintenance_findings import _signed_in
from tests.ui.test_maintenance_panel import (  # noqa: F401  (fixtures)
    WAIT_MS,
    _page,
    _shown_label,
    window,
)


@pytest.fixture(params=[True, False], ids=["simulated", "real"])
def tech_app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[KioskApp]:
    s = load_settings(CONFIG_DIR / "demo.toml")  # simulated devices, as `kiosk --demo`
    s = s.model_copy(update={"storage": s.storage.model_copy(update={"data_dir": tmp_path})})
    hall = HallClock()
    if request.param:
        hall.use_office_hours()
    app = build_app(s, clock=hall, executor=ThreadExecutor())
    yield app
    app.stop()


def test_log_page_says_whose_times_it_shows(window, tech_app, qtbot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    _signed_in(window, tech_app, qtbot)
    _page(window, qtbot, "logs")
    qtbot.waitUntil(lambda: _shown_label(window, "log_lines") is not None, timeout=WAIT_MS)
    label = _shown_label(window, "logs_real_time")
    if tech_app.core.clock.simulated:
        assert label is not None and "时间为大厅时间" in label.text()
    else:
        assert label is None
