"""The batch delivery route without the framework's per-request machinery.

A kiosk's outbox reaches the platform as ``POST /v1/submissions/batch``: at fleet
scale it is most of the platform's requests and records. Through FastAPI a batch
paid ≈ 0.5–0.8 ms of CPU before and after its own work (routing over every console
route, dependency solving for the kiosk's identity, the body decoded by ``json`` and
then validated item by item, exit stacks); profiled, that was about half of the
platform's CPU in the fleet's drain. This middleware answers the ordinary case
itself: a JSON body of a declared length, a valid :class:`~central.models.BatchIn`
(pydantic parses and validates it in one pass) and an authenticated kiosk. The
route's own handler stores it, so the answer is the same. Anything else (a body
that does not validate, no or wrong credentials, batching off, too many items)
goes on to the FastAPI route, unchanged, which answers it as it always did: the
error answers, the OpenAPI description and the fault and body-limit middlewares
(outside this one) stay what they are.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from pydantic import ValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from central.auth import KioskIdentity
from central.models import BatchIn

Identify = Callable[[Request], Awaitable[KioskIdentity]]
Handle = Callable[[BatchIn, KioskIdentity], Awaitable[Response]]


class BatchFastPath:
    """ASGI middleware: ``POST path`` with an ordinary batch is handled here (see the
    module docstring); every other request passes through untouched."""

    def __init__(self, app: ASGIApp, path: str, identify: Identify, handle: Handle) -> None:
        self.app = app
        self.path = path
        self.identify = identify
        self.handle = handle

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """ASGI entry point."""
        if scope["type"] != "http" or scope["path"] != self.path or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        declared = ctype = None
        for name, value in scope["headers"]:
            if name == b"content-length":
                declared = value
            elif name == b"content-type":
                ctype = value
        # Only a declared length (the body-limit middleware outside has checked it) and
        # plain JSON: a chunked or otherwise typed body is the route's to judge.
        if declared is None or ctype is None or ctype.split(b";")[0].strip() != b"application/json":
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            # The body once more for whoever handles the request next, then the client.
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        try:
            batch = BatchIn.model_validate_json(body)
            who = await self.identify(Request(scope, replay))
            # Raises (before storing anything) when batching is off or the batch too
            # large: the route then answers with its own error.
            response = await self.handle(batch, who)
        except (ValidationError, HTTPException):
            await self.app(scope, replay, send)
            return
        await response(scope, replay, send)
