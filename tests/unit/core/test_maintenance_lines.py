"""Sync errors read as lines a technician understands, not as Python objects."""

from __future__ import annotations

import datetime as dt

from kiosk.maintenance import _error_line
from kiosk.sync.agent import SyncError


def test_sync_error_line() -> None:
    at = dt.datetime(2026, 12, 4, 6, 5, 4, tzinfo=dt.UTC)
    line = _error_line(SyncError(at, "heartbeat", "connection error", None, True))
    assert line.endswith(" heartbeat: connection error")
    assert at.astimezone().strftime("%H:%M:%S") in line
    assert "SyncError" not in line and "datetime" not in line
    refused = _error_line(SyncError(at, "deliver", "HTTP 422: bad", 422, False))
    assert refused.endswith("deliver: HTTP 422: bad (HTTP 422) [permanent]")
