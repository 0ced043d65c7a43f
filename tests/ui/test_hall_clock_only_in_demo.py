"""The demo's hall clock never runs a kiosk that was not started with ``kiosk --demo``
(kiosk/hall_clock.py): a kiosk started from any other configuration, even one that
turns demo helpers on, and every tour not on the demo, keep the real time.

Driven through the command line (``kiosk.cli.main``) up to the point where the core is
built: the clock it is given is the clock the kiosk runs on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import ui.launcher as launcher
from kiosk import cli
from kiosk.hall_clock import HallClock
from kiosk.settings import CONFIG_DIR


class _Built(Exception):
    """The core was asked for: stop there (no window, no devices)."""


@pytest.fixture
def clocks(monkeypatch: pytest.MonkeyPatch, root_logging_restored: None) -> list[Any]:
    """The clock each build of the core or app is given (the build itself is skipped).
    The start-up's logging set-up runs for real, and is undone after."""
    seen: list[Any] = []

    def build(_settings: object, clock: Any = None, **_kw: object) -> None:
        seen.append(clock)
        raise _Built

    monkeypatch.setattr(launcher, "build_core", build)
    monkeypatch.setattr(launcher, "build_app", build)
    return seen


def _start(argv: list[str]) -> int | None:
    try:
        return cli.main(argv)
    except _Built:
        return None


def test_kiosk_demo_runs_the_hall_clock(clocks: list[Any], tmp_path: Path) -> None:
    assert _start(["--demo", "--data-dir", str(tmp_path)]) is None
    assert len(clocks) == 1 and isinstance(clocks[0], HallClock)


def test_a_configuration_with_demo_helpers_still_runs_on_the_real_clock(
    clocks: list[Any], tmp_path: Path
) -> None:
    """The demo's own file given as --config, [demo] enabled and all: not `kiosk --demo`."""
    config = CONFIG_DIR / "demo.toml"
    assert _start(["--config", str(config), "--data-dir", str(tmp_path)]) is None
    assert len(clocks) == 1 and not isinstance(clocks[0], HallClock)


def test_a_tour_outside_the_demo_is_refused(
    clocks: list[Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The tour moves the clock and taps through journeys (tickets, bookings, staff
    calls): on a real configuration it would send them, dated by a moved clock, to the
    real platform. It runs on the demo only."""
    config = CONFIG_DIR / "demo.toml"
    code = _start(["--config", str(config), "--data-dir", str(tmp_path), "--tour", str(tmp_path)])
    assert code == cli.EXIT_CONFIG and clocks == []
    assert "--demo --tour" in capsys.readouterr().err
    assert _start(["--demo", "--data-dir", str(tmp_path), "--tour", str(tmp_path)]) is None
    assert len(clocks) == 1 and isinstance(clocks[0], HallClock)
