"""Retry timing: exponential backoff with full jitter, and ``Retry-After``."""

from __future__ import annotations

import datetime as dt
import random
from email.utils import parsedate_to_datetime


def full_jitter(failures: int, base_s: float, cap_s: float, rng: random.Random) -> float:
    """A delay drawn uniformly from [0, min(cap, base·2^(failures-1))].

    Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter") spreads a
    fleet's retries over the whole window, so kiosks that lost the platform at the
    same moment do not come back at the same moment.
    """
    if failures <= 0:
        return 0.0
    ceiling = min(cap_s, base_s * (2.0 ** min(failures - 1, 60)))
    return rng.uniform(0.0, ceiling)


def parse_retry_after(value: str | None, now: dt.datetime) -> float | None:
    """Seconds to wait per a ``Retry-After`` header (delta-seconds or HTTP-date); None if absent
    or unreadable. Dates in the past mean 0."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return float(int(text))
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())
