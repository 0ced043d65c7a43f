"""A job's expected condition is logged in one line; a bug keeps its traceback."""

from __future__ import annotations

import logging

import pytest

from kiosk.diagnostics import NoDriveError
from kiosk.workers import InlineExecutor


def _raise(exc: BaseException):  # type: ignore[no-untyped-def]
    def job() -> None:
        raise exc

    return job


def test_expected_condition_is_one_line(caplog: pytest.LogCaptureFixture) -> None:
    seen: list[BaseException] = []
    with caplog.at_level(logging.INFO, logger="kiosk.workers"):
        InlineExecutor().submit(_raise(NoDriveError("no drive under /media")), print, seen.append)
    assert isinstance(seen[0], NoDriveError)  # the screen still hears of it
    [record] = caplog.records
    assert record.levelno == logging.INFO
    assert record.exc_info is None and not record.exc_text
    assert "NoDriveError" in record.getMessage()


def test_a_bug_keeps_its_traceback(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="kiosk.workers"):
        InlineExecutor().submit(_raise(KeyError("x")), print, lambda _e: None)
    [record] = caplog.records
    assert record.levelno == logging.ERROR
    # The redacting filter (when logging is set up) moves the traceback into exc_text.
    assert record.exc_info is not None or "KeyError" in (record.exc_text or "")
