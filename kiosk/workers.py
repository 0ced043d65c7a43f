"""Running blocking work (devices, disk, network) off the caller's thread.

The core hands every blocking call to an :class:`Executor`; results come back
through plain callbacks on the worker thread, and ``ui/`` marshals them onto the
GUI thread. Tests swap in :class:`InlineExecutor` to run everything synchronously.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Protocol, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)

ResultCallback = Callable[[T], None]
ErrorCallback = Callable[[BaseException], None]


class Executor(Protocol):
    """Runs ``fn`` elsewhere, then calls ``on_result`` or ``on_error`` from there."""

    def submit(
        self, fn: Callable[[], T], on_result: ResultCallback[T], on_error: ErrorCallback
    ) -> None:
        """Schedule ``fn``; never blocks the caller."""
        ...

    def shutdown(self) -> None:
        """Stop accepting work and wait for running jobs."""
        ...


class ThreadExecutor:
    """A small thread pool; the pool size bounds concurrent device/disk/network calls."""

    def __init__(self, workers: int = 4) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kiosk-work")

    def submit(
        self, fn: Callable[[], T], on_result: ResultCallback[T], on_error: ErrorCallback
    ) -> None:
        """Schedule ``fn`` on the pool (dropped once the pool is shut down)."""
        try:
            fut = self._pool.submit(fn)
        except RuntimeError:
            # An answer to earlier work may reach the GUI after the kiosk stopped its
            # workers (a screen then asks for fresh data): nothing is left to do it.
            log.info("work asked after shutdown; dropped")
            return
        fut.add_done_callback(lambda f: _deliver(f, on_result, on_error))

    def shutdown(self) -> None:
        """Wait for running jobs, then stop."""
        self._pool.shutdown(wait=True, cancel_futures=True)


class ExpectedCondition(Exception):
    """A job's answer that is not a bug (no drive plugged in): logged in one line.

    Raise a subclass where returning a value would not fit the caller; the screen's
    error callback turns it into words. Anything else a job raises is a bug and is
    logged with its traceback.
    """


def _log_failure(exc: BaseException) -> None:
    if isinstance(exc, ExpectedCondition):
        log.info("job ended with %s: %s", type(exc).__name__, exc)
    else:
        # An exception here is a bug, not an expected condition: keep the context.
        log.error("background job failed", exc_info=exc)


def _deliver(fut: Future[T], on_result: ResultCallback[T], on_error: ErrorCallback) -> None:
    if fut.cancelled():
        return
    exc = fut.exception()
    if exc is not None:
        _log_failure(exc)
        on_error(exc)
    else:
        on_result(fut.result())


class InlineExecutor:
    """Runs jobs immediately on the caller's thread (tests)."""

    def submit(
        self, fn: Callable[[], T], on_result: ResultCallback[T], on_error: ErrorCallback
    ) -> None:
        """Run ``fn`` now."""
        try:
            result = fn()
        except Exception as exc:
            _log_failure(exc)
            on_error(exc)
        else:
            on_result(result)

    def shutdown(self) -> None:
        """Nothing to stop."""
