"""Retry timing rules."""

from __future__ import annotations

import datetime as dt
import random
from email.utils import format_datetime

import pytest

from kiosk.sync.backoff import full_jitter, parse_retry_after

NOW = dt.datetime(2026, 11, 23, 3, 0, 0, tzinfo=dt.UTC)


def test_full_jitter_stays_within_the_exponential_window() -> None:
    rng = random.Random(1)
    for failures in range(1, 12):
        ceiling = min(60.0, 2.0 ** (failures - 1))
        draws = [full_jitter(failures, 1.0, 60.0, rng) for _ in range(200)]
        assert all(0.0 <= d <= ceiling for d in draws)
        # full jitter uses the whole window, not just its top
        assert min(draws) < ceiling * 0.1 and max(draws) > ceiling * 0.9


def test_full_jitter_is_capped_even_after_very_many_failures() -> None:
    rng = random.Random(2)
    assert all(full_jitter(10_000, 1.0, 300.0, rng) <= 300.0 for _ in range(100))


def test_no_failure_no_wait() -> None:
    assert full_jitter(0, 1.0, 300.0, random.Random(3)) == 0.0


@pytest.mark.parametrize(
    ("value", "expected"),
    [("120", 120.0), (" 0 ", 0.0), (None, None), ("", None), ("soon", None), ("-5", None)],
)
def test_retry_after_seconds(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, NOW) == expected


def test_retry_after_http_date() -> None:
    later = format_datetime(NOW + dt.timedelta(seconds=90), usegmt=True)
    assert parse_retry_after(later, NOW) == pytest.approx(90.0)
    earlier = format_datetime(NOW - dt.timedelta(seconds=90), usegmt=True)
    assert parse_retry_after(earlier, NOW) == 0.0
