"""Config validation and the manual clock tests rely on."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kiosk.sync import ManualClock, SyncConfig


def test_client_certificate_needs_its_key() -> None:
    with pytest.raises(ValueError, match="together"):
        SyncConfig(base_url="https://p", kiosk_id="K", client_cert=Path("c.pem"))


@pytest.mark.parametrize(
    "kw", [{"backoff_base_s": 0}, {"backoff_base_s": 10, "backoff_cap_s": 5}, {"batch_size": 0}]
)
def test_nonsense_timing_is_refused(kw: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        SyncConfig(base_url="https://p", kiosk_id="K", **kw)


def test_manual_clock_waits_without_waiting() -> None:
    clock = ManualClock()
    t0, w0 = clock.monotonic(), clock.now()
    assert clock.wait(threading.Event(), 30.0) is False
    assert clock.monotonic() - t0 == 30.0
    assert (clock.now() - w0).total_seconds() == 30.0
    ev = threading.Event()
    ev.set()
    assert clock.wait(ev, 30.0) is True
    assert clock.monotonic() - t0 == 30.0  # a set event ends the wait at once
