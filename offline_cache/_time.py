"""Timestamps as integer microseconds since the Unix epoch, UTC.

Integers sort and compare exactly in SQL and survive a round trip without the
float rounding or the text-format ambiguity of ISO strings. A naive datetime is
taken to be UTC so that callers mixing ``datetime.now(UTC)`` and naive test
values still compare consistently in both store implementations.
"""

from __future__ import annotations

import datetime as dt

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_US = dt.timedelta(microseconds=1)


def to_us(t: dt.datetime) -> int:
    """Microseconds since the epoch; naive datetimes count as UTC."""
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.UTC)
    return (t - _EPOCH) // _US


def from_us(us: int) -> dt.datetime:
    """The aware UTC datetime for ``us`` microseconds since the epoch."""
    return _EPOCH + dt.timedelta(microseconds=us)


def normalize(t: dt.datetime) -> dt.datetime:
    """``t`` as the store returns it: aware, UTC, microsecond precision."""
    return from_us(to_us(t))


def optional_from_us(us: int | None) -> dt.datetime | None:
    """:func:`from_us` that passes None through."""
    return None if us is None else from_us(us)
