"""The offset is the median of the answers' Date headers against our request midpoints."""

from __future__ import annotations

import datetime as dt
import email.utils

from kiosk.sync.clock_offset import ClockOffset

T0 = dt.datetime(2026, 12, 4, 12, 0, 0, tzinfo=dt.UTC)


def _date(t: dt.datetime) -> str:
    return email.utils.format_datetime(t, usegmt=True)


def test_unknown_until_an_answer_then_the_median() -> None:
    c = ClockOffset()
    assert c.offset_s is None and c.corrected(T0) == T0
    for lag, server_ahead in ((0.2, 600), (0.1, 600), (3.0, 602)):  # one slow reply
        sent = T0
        c.observe(
            _date(sent + dt.timedelta(seconds=server_ahead)), sent, sent + dt.timedelta(seconds=lag)
        )
    assert c.offset_s is not None and abs(c.offset_s - 600.45) < 0.2


def test_small_offsets_are_the_headers_rounding_not_a_wrong_clock() -> None:
    c = ClockOffset()
    c.observe(_date(T0 + dt.timedelta(seconds=2)), T0, T0)
    assert c.corrected(T0) == T0
    c2 = ClockOffset()
    c2.observe(_date(T0 - dt.timedelta(minutes=30)), T0, T0)
    assert abs((c2.corrected(T0) - (T0 - dt.timedelta(minutes=30))).total_seconds()) < 1


def test_garbage_headers_teach_nothing() -> None:
    c = ClockOffset()
    for bad in (None, "", "yesterday", "Fri, 04 Dec 2026 12:00:00"):  # the last has no zone
        c.observe(bad, T0, T0)
    assert c.offset_s is None
