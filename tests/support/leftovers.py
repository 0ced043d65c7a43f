"""Guards against what a test leaves behind for the tests after it (autouse fixtures).

- A kiosk's background thread outliving its test: a sync agent (or the backend's
  start-up thread that starts one) runs on against stores its test already closed, and
  logs "Cannot operate on a closed database" in whichever test happens to run next.
- A handler left on the root logger: the kiosk's start-up (``setup_logging``) puts one
  there on the stream of the moment, which pytest closes after the test, and every log
  line after that ends in "--- Logging error ---" (and is formatted and filtered for
  nothing). Tests that run the start-up use :func:`root_logging_restored`.

Conftests import the fixtures by name; together they cost a few microseconds a test.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

import pytest

# The kiosk's own long-lived threads, by name (kiosk/backend.py, kiosk/sync/agent.py).
WATCHED = ("sync-agent", "backend-start")
GRACE_S = 5.0  # a thread told to stop at tear-down may finish its exchange in progress


def _threads_left(before: set[threading.Thread]) -> list[threading.Thread]:
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
    for t in _threads_left(before):
        t.join(max(0.0, deadline - time.monotonic()))
    left = _threads_left(before)
    if left:
        pytest.fail(
            "threads left running after the test: "
            + ", ".join(f"{t.name} (daemon={t.daemon})" for t in left),
            pytrace=False,
        )


def _own_handlers() -> list[logging.Handler]:
    # pytest swaps its capturing handlers in and out around each phase: not the test's.
    return [h for h in logging.getLogger().handlers if not type(h).__module__.startswith("_pytest")]


@pytest.fixture(autouse=True)
def root_logging_kept() -> Iterator[None]:
    """Fail the test if it left a handler on the root logger."""
    before = _own_handlers()
    yield
    added = [h for h in _own_handlers() if h not in before]
    if added:
        pytest.fail(
            f"handlers left on the root logger: {added} (use root_logging_restored)",
            pytrace=False,
        )


@pytest.fixture
def root_logging_restored() -> Iterator[None]:
    """For a test that runs the kiosk's logging set-up: the root logger as it was after."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for h in list(root.handlers):
        if h not in handlers:
            root.removeHandler(h)
            h.close()
    root.setLevel(level)
