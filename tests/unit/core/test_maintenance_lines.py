"""Sync errors as the panel lists them: one problem a kind of failure, with how often and
between when, the latest first (try-out 7: the same raw line ×N, oldest first)."""

from __future__ import annotations

import datetime as dt

from kiosk.maintenance import SyncProblem, collapse_errors
from kiosk.sync.agent import SyncError
from offline_cache.outbox_protocol import RecordKind

T0 = dt.datetime(2026, 12, 4, 6, 5, 4, tzinfo=dt.UTC)


def _at(s: int) -> dt.datetime:
    return T0 + dt.timedelta(seconds=s)


def test_repeats_collapse_with_count_first_and_last_time_latest_first() -> None:
    down = [SyncError(_at(s), "heartbeat", "connection error", None, True) for s in (0, 1, 3)]
    refused = SyncError(_at(2), "deliver", "HTTP 422: bad", 422, False)
    problems = collapse_errors([down[0], down[1], refused, down[2]])
    assert problems == (
        SyncProblem(
            "heartbeat",
            "connection error",
            None,
            True,
            3,
            _at(0).isoformat(timespec="seconds"),
            _at(3).isoformat(timespec="seconds"),
        ),
        SyncProblem("deliver", "HTTP 422: bad", 422, False, 1, *[_at(2).isoformat()] * 2),
    )


def test_a_kind_that_failed_again_moves_to_the_top() -> None:
    a = SyncError(_at(0), "catalog", "timeout", None, True)
    b = SyncError(_at(1), "heartbeat", "timeout", None, True)
    again = SyncError(_at(2), "catalog", "timeout", None, True)
    assert [p.operation for p in collapse_errors([a, b, again])] == ["catalog", "heartbeat"]
    assert collapse_errors([]) == ()


def test_failed_uploads_of_different_kinds_of_record_stay_apart() -> None:
    # A staff call's failed upload is not a rating's (try-out 17, P1: both read 上传申请).
    call = SyncError(_at(0), "deliver", "timeout", None, True, None, RecordKind.STAFF_CALL)
    rating = SyncError(_at(1), "deliver", "timeout", None, True, None, RecordKind.RATING)
    problems = collapse_errors([call, rating, call])
    assert [(p.record_kind, p.count) for p in problems] == [("staff_call", 2), ("rating", 1)]
