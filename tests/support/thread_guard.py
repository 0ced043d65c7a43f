"""A test that leaves a kiosk's background thread running fails (autouse fixture).

A sync agent (or the backend's start-up thread that starts one) outliving its test runs
on against stores its test already closed, and logs "Cannot operate on a closed
database" in whichever test happens to run next. Conftests import ``threads_stopped``;
it costs two ``threading.enumerate()`` calls a test.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

# The kiosk's own long-lived threads, by name (kiosk/backend.py, kiosk/sync/agent.py).
WATCHED = ("sync-agent", "backend-start")
GRACE_S = 5.0  # a thread told to stop at tear-down may finish its exchange in progress


def _left(before: set[threading.Thread]) -> list[threading.Thread]:
    return [
        t
        for t in threading.enumerate()
        if t not in before and t.is_alive() and (t.name in WATCHED or not t.daemon)
    ]


@pytest.fixture(autouse=True)
def threads_stopped() -> Iterator[None]:
    """Fail the test if a watched thread, or any non-daemon thread, it started still runs."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + GRACE_S
    left = _left(before)
    for t in left:
        t.join(max(0.0, deadline - time.monotonic()))
    left = _left(before)
    if left:
        pytest.fail(
            "threads left running after the test: "
            + ", ".join(f"{t.name} (daemon={t.daemon})" for t in left),
            pytrace=False,
        )
