"""Request size limits (413) and rate limits (429) of the platform."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from fastapi import HTTPException

from central.faults import ASGIApp, Message, Receive, Scope, Send


class BodyLimitMiddleware:
    """Answers 413 to a body larger than its path's limit, declared or streamed.

    A declared ``Content-Length`` over the limit is refused before a byte is read;
    a chunked body is counted as it arrives and refused once it passes the limit
    (the route sees an HTTP 413 error from its ``receive``), so no endpoint can be
    made to hold more than its limit in memory.
    """

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """ASGI entry point."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _too_large(send, limit)
            return
        seen = 0

        async def counting() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, f"request body larger than {limit} bytes")
            return message

        await self.app(scope, counting, send)


async def _too_large(send: Send, limit: int) -> None:
    body = f'{{"detail":"request body larger than {limit} bytes"}}'.encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RateLimiter:
    """Token buckets by key: ``rate`` requests per ``per_s`` seconds, bursts up to ``rate``."""

    def __init__(
        self, rate: int, per_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = rate
        self.per_s = per_s
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def _level(self, key: str, now: float) -> float:
        """Tokens in the bucket now (caller holds the lock)."""
        tokens, at = self._buckets.get(key, (float(self.rate), now))
        return min(float(self.rate), tokens + (now - at) * self.rate / self.per_s)

    def take(self, key: str) -> float | None:
        """Spend one token: None when allowed, else seconds until the next token."""
        now = self._clock()
        with self._lock:
            tokens = self._level(key, now)
            spent = tokens >= 1.0
            self._buckets[key] = (tokens - 1.0 if spent else tokens, now)
            if len(self._buckets) > 100_000:
                self._prune(now)
        return None if spent else (1.0 - tokens) * self.per_s / self.rate

    def blocked(self, key: str) -> float | None:
        """Like :meth:`take` without spending: None when a token is there."""
        with self._lock:
            tokens = self._level(key, self._clock())
        return None if tokens >= 1.0 else (1.0 - tokens) * self.per_s / self.rate

    def _prune(self, now: float) -> None:
        # Full buckets carry no information; dropping them bounds memory.
        for key in list(self._buckets):
            if self._level(key, now) >= self.rate:
                del self._buckets[key]


def too_many(wait_s: float) -> HTTPException:
    """The 429 answer, with ``Retry-After`` in whole seconds."""
    return HTTPException(
        429, "too many lookups; try again later", headers={"Retry-After": str(math.ceil(wait_s))}
    )
