"""How far the kiosk's clock is from the platform's, learnt from its answers' ``Date``.

A kiosk whose clock drifted (a dead RTC battery, no NTP on the hall's network) would
call valid e-ID codes expired, or accept expired ones. Every HTTP answer carries the
platform's time in its ``Date`` header (RFC 9110, one-second resolution): the
offset is that time minus the midpoint of our request, and the median of the last
answers smooths out slow replies and the header's rounding. The offset is shown in
the maintenance panel and sent with each heartbeat; checks of expiry use the
corrected time once the drift is beyond what the rounding explains.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import statistics
import threading
from collections import deque

SAMPLES = 15
# Below this the difference is the header's rounding and the network, not a wrong clock.
SIGNIFICANT_S = 5.0


class ClockOffset:
    """Median of the recent (platform time - local time) samples, in seconds."""

    def __init__(self, samples: int = SAMPLES) -> None:
        self._samples: deque[float] = deque(maxlen=samples)
        self._lock = threading.Lock()
        # The last header read and its time: answers within the same second carry the
        # same text, and parsing an HTTP date costs more than the rest of this.
        self._last: tuple[str, dt.datetime] | None = None

    def observe(self, date_header: str | None, sent: dt.datetime, received: dt.datetime) -> None:
        """Learn from one answer: its ``Date`` header and when we sent and got it (UTC)."""
        if not date_header:
            return
        last = self._last
        if last is not None and last[0] == date_header:
            server = last[1]
        else:
            try:
                server = email.utils.parsedate_to_datetime(date_header)
            except (TypeError, ValueError, IndexError):
                return
            self._last = (date_header, server)
        if server.tzinfo is None:
            return  # RFC 9110 dates are GMT; one without a zone is not one
        # The header truncates to the second: +0.5 s is its expected value.
        midpoint = sent + (received - sent) / 2
        offset = (server - midpoint).total_seconds() + 0.5
        with self._lock:
            self._samples.append(offset)

    @property
    def offset_s(self) -> float | None:
        """Platform minus kiosk, seconds; None until an answer has been seen."""
        with self._lock:
            return statistics.median(self._samples) if self._samples else None

    def corrected(self, local: dt.datetime) -> dt.datetime:
        """``local`` moved onto the platform's clock when the drift is significant."""
        offset = self.offset_s
        if offset is None or abs(offset) < SIGNIFICANT_S:
            return local
        return local + dt.timedelta(seconds=offset)
