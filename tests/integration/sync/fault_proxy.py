"""A fault-injecting HTTP proxy on loopback, between the sync agent and the platform.

The platform's own fault rules (central/faults.py) are the platform lying about
itself; this proxy is an independent check that sits where a broken corporate
proxy or load balancer would: it sees only HTTP, forwards what it is told to, and
answers the rest itself. The test switches :attr:`FaultProxy.mode` at any time.
"""

from __future__ import annotations

import http.client
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True, slots=True)
class Canned:
    """An answer the proxy gives instead of forwarding."""

    status: int
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()


# (method, path) -> an answer, or None to forward.
Rule = Callable[[str, str], Canned | None]


def forward_all(_method: str, _path: str) -> Canned | None:
    """Pass everything through."""
    return None


def submissions_only(answer: Canned) -> Rule:
    """``answer`` for submissions (one by one and batches); everything else goes through."""

    def rule(method: str, path: str) -> Canned | None:
        return answer if method == "POST" and path.startswith("/v1/submissions") else None

    return rule


def everything(answer: Canned) -> Rule:
    """``answer`` for every request."""
    return lambda _method, _path: answer


def json_answer(status: int, body: bytes, *headers: tuple[str, str]) -> Canned:
    """A JSON answer (the content type the agent insists on)."""
    return Canned(status, body, (("Content-Type", "application/json"), *headers))


class FaultProxy:
    """A threaded HTTP proxy to ``upstream`` on 127.0.0.1 (port chosen by the system)."""

    def __init__(self, upstream: str) -> None:
        parts = urllib.parse.urlsplit(upstream)
        self._host = parts.hostname or "127.0.0.1"
        self._port = parts.port or 80
        self.mode: Rule = forward_all
        self.forwarded: list[tuple[str, str]] = []
        self.answered: list[tuple[str, str, int]] = []
        self.authorizations: list[str | None] = []  # the Authorization header of each request
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # keep-alive requests otherwise stall ~40 ms

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                with proxy._lock:
                    proxy.authorizations.append(self.headers.get("Authorization"))
                canned = proxy.mode(self.command, self.path.split("?")[0])
                if canned is None:
                    status, headers, data = proxy._forward(self.command, self.path, self, body)
                    with proxy._lock:
                        proxy.forwarded.append((self.command, self.path))
                else:
                    status, headers, data = canned.status, list(canned.headers), canned.body
                    with proxy._lock:
                        proxy.answered.append((self.command, self.path, status))
                self.send_response(status)
                for k, v in headers:
                    if k.lower() not in ("content-length", "transfer-encoding", "connection"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = _handle

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        """Where the agent should send its requests."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def _forward(
        self, method: str, path: str, req: BaseHTTPRequestHandler, body: bytes | None
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        conn = http.client.HTTPConnection(self._host, self._port, timeout=10)
        try:
            headers = {k: v for k, v in req.headers.items() if k.lower() != "host"}
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            return resp.status, resp.getheaders(), resp.read()
        finally:
            conn.close()

    def close(self) -> None:
        """Stop serving and free the port."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
