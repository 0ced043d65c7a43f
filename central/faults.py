"""Fault injection for the reference platform, as an ASGI middleware with a schedule.

Each rule matches requests by path prefix and method, inside an optional time
window (seconds since the schedule was installed), for its first ``count``
matches or with a probability from a seeded RNG. Faults:

- ``error_500`` / ``error_503`` (503 carries ``Retry-After`` when given),
- ``throttle_429`` with ``Retry-After`` (seconds, or ``"date:N"`` for an
  HTTP-date N seconds ahead),
- ``slow``: wait ``delay_s`` and then answer normally (the request is processed),
- ``drop``: the request is processed, then the connection dies mid-response,
  so the client cannot know whether it landed (the case idempotency is for);
  ``drop_before`` dies without processing,
- ``malformed_json``, ``huge_body`` (``size`` bytes of JSON-looking noise),
  ``wrong_content_type`` (HTML): a 200 the client must not trust.

Every request is logged with its monotonic arrival time and the fault applied,
so tests can prove nothing arrived before a ``Retry-After`` expired.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import asdict, dataclass, field
from email.utils import formatdate
from typing import Any, Literal

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

FaultKind = Literal[
    "error_500",
    "error_503",
    "throttle_429",
    "slow",
    "drop",
    "drop_before",
    "malformed_json",
    "huge_body",
    "wrong_content_type",
]


@dataclass
class FaultRule:
    """One scheduled fault; see the module docstring."""

    kind: FaultKind
    path_prefix: str = "/v1/"
    methods: tuple[str, ...] = ()
    start_s: float = 0.0
    end_s: float | None = None
    count: int | None = None
    probability: float = 1.0
    retry_after: str | None = None
    delay_s: float = 1.0
    size: int = 8 * 1024 * 1024

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FaultRule:
        """Build from JSON (``methods`` as a list)."""
        d = dict(d)
        if "methods" in d:
            d["methods"] = tuple(m.upper() for m in d["methods"])
        return cls(**d)


@dataclass
class RequestLogEntry:
    """What arrived, when, and what the schedule did to it."""

    t: float
    method: str
    path: str
    idempotency_key: str | None
    kiosk_id: str | None
    fault: str | None
    retry_after: str | None = None
    status: int | None = None


class _Dropped(Exception):
    """Raised after a partial response so the server closes the connection."""


@dataclass
class FaultSchedule:
    """Rules plus the request log; thread-safe, replaceable at run time."""

    rules: list[FaultRule] = field(default_factory=list)
    seed: int = 0
    clock: Callable[[], float] = time.monotonic
    log_size: int = 50_000

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._t0 = self.clock()
        self._rng = random.Random(self.seed)
        self._log: deque[RequestLogEntry] = deque(maxlen=self.log_size)

    def install(self, rules: list[FaultRule], seed: int | None = None) -> None:
        """Replace the rules; their time windows restart now."""
        with self._lock:
            self.rules = list(rules)
            self._t0 = self.clock()
            if seed is not None:
                self._rng = random.Random(seed)

    def clear(self) -> None:
        """No more faults."""
        self.install([])

    def pick(self, method: str, path: str) -> FaultRule | None:
        """The fault to apply to this request, consuming one use of its rule."""
        with self._lock:
            elapsed = self.clock() - self._t0
            for rule in self.rules:
                if not path.startswith(rule.path_prefix):
                    continue
                if rule.methods and method not in rule.methods:
                    continue
                if elapsed < rule.start_s or (rule.end_s is not None and elapsed >= rule.end_s):
                    continue
                if rule.count is not None and rule.count <= 0:
                    continue
                if rule.probability < 1.0 and self._rng.random() >= rule.probability:
                    continue
                if rule.count is not None:
                    rule.count -= 1
                return rule
        return None

    def record(self, entry: RequestLogEntry) -> None:
        """Append to the request log."""
        with self._lock:
            self._log.append(entry)

    def log(self) -> list[dict[str, Any]]:
        """The request log as JSON-ready dicts, oldest first."""
        with self._lock:
            return [asdict(e) for e in self._log]

    def describe(self) -> list[dict[str, Any]]:
        """The current rules as JSON-ready dicts."""
        with self._lock:
            return [asdict(r) for r in self.rules]


def _retry_after_value(spec: str | None) -> str | None:
    if spec is None:
        return None
    if spec.startswith("date:"):
        return formatdate(time.time() + float(spec[5:]), usegmt=True)
    return spec


class FaultMiddleware:
    """ASGI middleware applying a :class:`FaultSchedule` and logging every request."""

    def __init__(self, app: ASGIApp, schedule: FaultSchedule) -> None:
        self.app = app
        self.schedule = schedule

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # Only the two headers the log keeps are decoded (every request passes here).
        key = kiosk = None
        for name, value in scope["headers"]:
            lowered = name.lower()  # servers give them lower-case; ASGI does not promise it
            if lowered == b"idempotency-key":
                key = value.decode("latin-1")
            elif lowered == b"x-kiosk-id":
                kiosk = value.decode("latin-1")
        method, path = scope["method"], scope["path"]
        rule = self.schedule.pick(method, path)
        entry = RequestLogEntry(
            t=self.schedule.clock(),
            method=method,
            path=path,
            idempotency_key=key,
            kiosk_id=kiosk,
            fault=rule.kind if rule else None,
        )
        self.schedule.record(entry)
        status_box: list[int] = []

        async def send_logged(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_box.append(message["status"])
                entry.status = message["status"]
            await send(message)

        if rule is None:
            await self.app(scope, receive, send_logged)
            return
        kind = rule.kind
        if kind in ("error_500", "error_503", "throttle_429"):
            status = {"error_500": 500, "error_503": 503, "throttle_429": 429}[kind]
            extra: list[tuple[bytes, bytes]] = []
            ra = _retry_after_value(rule.retry_after)
            if ra is not None:
                extra.append((b"retry-after", ra.encode()))
                entry.retry_after = ra
            await _respond(send_logged, status, b'{"error":"injected"}', b"application/json", extra)
            return
        if kind == "slow":
            await asyncio.sleep(rule.delay_s)
            await self.app(scope, receive, send_logged)
            return
        if kind == "drop_before":
            await _drop(send_logged)
        if kind == "drop":
            await self.app(scope, receive, _swallow)
            await _drop(send_logged)
        # The remaining faults answer 200 with a body the client must refuse, after
        # processing the request so the agent's retry exercises idempotency.
        await self.app(scope, receive, _swallow)
        if kind == "malformed_json":
            await _respond(send_logged, 200, b'{"status": "rece', b"application/json")
        elif kind == "wrong_content_type":
            await _respond(send_logged, 200, b"<html><body>Gateway</body></html>", b"text/html")
        elif kind == "huge_body":
            await _huge(send_logged, rule.size)


async def _swallow(message: Message) -> None:
    return None


async def _respond(
    send: Send,
    status: int,
    body: bytes,
    ctype: bytes,
    extra: list[tuple[bytes, bytes]] | None = None,
) -> None:
    headers = [(b"content-type", ctype), (b"content-length", str(len(body)).encode())]
    await send(
        {"type": "http.response.start", "status": status, "headers": headers + (extra or [])}
    )
    await send({"type": "http.response.body", "body": body})


async def _drop(send: Send) -> None:
    # Promise a body, deliver a fragment, then fail: the server closes the socket.
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json"), (b"content-length", b"1000")],
        }
    )
    await send({"type": "http.response.body", "body": b'{"st', "more_body": True})
    raise _Dropped("injected connection drop")


async def _huge(send: Send, size: int) -> None:
    chunk = b'{"x":"' + b"A" * 65_000 + b'"},'
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(size).encode()),
            ],
        }
    )
    sent = 0
    try:
        while sent < size:
            part = chunk[: size - sent]
            sent += len(part)
            await send({"type": "http.response.body", "body": part, "more_body": sent < size})
    except OSError:
        return  # the client hung up, as it should on an oversized answer
