"""One event per appearance of a code.

A code held in view is decoded on most frames but not all (motion, glare), so
"gone" is judged by time, not by the first frame that misses it: a payload is
reported when first seen and again only after it has been out of sight for
``forget_after_s`` seconds of source time.
"""

from __future__ import annotations


class Debouncer:
    """Tracks payloads in view; not thread-safe (used by the decode thread only)."""

    def __init__(self, forget_after_s: float = 1.0) -> None:
        self._forget_after_s = forget_after_s
        self._last_seen: dict[bytes, float] = {}

    def feed(self, timestamp: float, payloads: list[bytes]) -> list[bytes]:
        """Record one frame's payloads; return those that start a new appearance."""
        horizon = timestamp - self._forget_after_s
        # Source time can jump backwards (a looping file); treat that as a fresh start.
        self._last_seen = {p: t for p, t in self._last_seen.items() if horizon <= t <= timestamp}
        fresh: list[bytes] = []
        for payload in payloads:
            if payload not in self._last_seen and payload not in fresh:
                fresh.append(payload)
            self._last_seen[payload] = timestamp
        return fresh

    def reset(self) -> None:
        """Forget everything (e.g. a new session starts)."""
        self._last_seen.clear()
