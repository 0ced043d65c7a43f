"""The batch fast path (central/batch_route.py) answers exactly as the FastAPI route:
the same requests, ordinary and odd, to a platform with it and to one without it,
over real HTTP, get the same statuses and bodies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

import central.app
from central.batch_route import BatchFastPath
from central.embedded import EmbeddedPlatform, start_embedded

from .conftest import Creds, application, session

pytestmark = pytest.mark.integration

PATH = "/v1/submissions/batch"


class _NoFastPath:
    """Stands in for BatchFastPath: every request goes to the route."""

    def __init__(self, app: Any, **_: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)


class _Counting(BatchFastPath):
    """BatchFastPath counting the batches it stored itself."""

    handled = 0

    def __init__(self, app: Any, *, path: str, identify: Any, handle: Any) -> None:
        async def counted(batch: Any, who: Any) -> Any:
            _Counting.handled += 1
            return await handle(batch, who)

        super().__init__(app, path, identify, counted)


@pytest.fixture
def pair(creds: Creds, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[EmbeddedPlatform]]:
    monkeypatch.setattr(central.app, "BatchFastPath", _Counting)
    _Counting.handled = 0
    with start_embedded(creds.config()) as fast:
        monkeypatch.setattr(central.app, "BatchFastPath", _NoFastPath)
        with start_embedded(creds.config()) as plain:
            yield [fast, plain]


def _items(*specs: tuple[int, str | None, str]) -> list[dict[str, Any]]:
    return [{**application(n, tn), "idempotency_key": key} for n, tn, key in specs]


def _comparable(value: Any) -> Any:
    """The answer without what differs between two platforms (receive times)."""
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items() if k != "received_at"}
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    return value


def test_fast_path_answers_as_the_route_does(pair: list[EmbeddedPlatform], creds: Creds) -> None:
    kiosk = {"Authorization": "Bearer " + creds.tokens["A7H3"]}
    json_type = {"Content-Type": "application/json"}
    ordinary = {"items": _items((1, "A7H3-F1", "f1"), (2, None, "f2"))}
    cases: list[tuple[str, dict[str, str], Any]] = [
        ("ordinary batch", kiosk, ordinary),
        ("the same again: replays", kiosk, ordinary),
        (
            "reused key, other kiosk's number, bad item",
            kiosk,
            {
                "items": [
                    *_items((9, "A7H3-F1", "f1"), (3, "C012-F3", "f3")),
                    {"kind": "application", "idempotency_key": "f4"},
                ]
            },
        ),
        ("empty batch", kiosk, {"items": []}),
        ("not an object", kiosk, []),
        ("unknown field", kiosk, {"items": _items((5, None, "f5")), "more": 1}),
        ("too many items", kiosk, {"items": _items(*((i, None, f"m{i}") for i in range(101)))}),
        ("no credential", {}, ordinary),
        ("unknown token", {"Authorization": "Bearer nope"}, ordinary),
        ("X-Kiosk-Id of another kiosk", {**kiosk, "X-Kiosk-Id": "C012"}, ordinary),
        ("X-Kiosk-Id too long", {**kiosk, "X-Kiosk-Id": "A" * 65}, ordinary),
        ("malformed JSON", {**kiosk, **json_type}, b'{"items": [}'),
        ("not JSON typed", {**kiosk, "Content-Type": "text/plain"}, b'{"items": []}'),
        ("chunked body", {**kiosk, **json_type}, (b'{"items":', b" []}")),
    ]
    for name, headers, body in cases:
        answers = []
        for p in pair:
            s = session(headers)
            kw: dict[str, Any] = {"json": body} if isinstance(body, dict | list) else {}
            if not kw:
                # A tuple of pieces is sent chunked (no Content-Length).
                kw["data"] = body if isinstance(body, bytes) else iter(body)
            r = s.post(p.base_url + PATH, timeout=10, **kw)
            try:
                payload: Any = r.json()
            except requests.JSONDecodeError:
                payload = r.text
            answers.append((r.status_code, _comparable(payload)))
        assert answers[0] == answers[1], name
    # The fast path took the ordinary ones (both ordinary posts, the empty batch, the
    # one with a field beside its items, and the one with too many items, which its
    # handler refused for the route to answer); the rest went to the route untouched.
    assert _Counting.handled == 5
    # The platforms stored the same records.
    fast, plain = (
        sorted(s["idempotency_key"] for s in p.platform.store.list_submissions()) for p in pair
    )
    assert fast == plain == ["f1", "f2", "f5"]  # BatchIn allows fields beside items
