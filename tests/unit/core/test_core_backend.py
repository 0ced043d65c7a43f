"""Screens asking for devices never hang when the devices could not start."""

from __future__ import annotations

import pytest

from kiosk.app import build_core
from kiosk.settings import CONFIG_DIR, load_settings
from kiosk.workers import InlineExecutor


def test_failed_start_makes_backend_access_fail_at_once() -> None:
    core = build_core(load_settings(CONFIG_DIR / "demo.toml"), executor=InlineExecutor())
    core.backend_failed()
    with pytest.raises(RuntimeError, match="did not start"):
        _ = core.backend  # without backend_failed() this would wait 30 s
