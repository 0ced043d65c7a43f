"""Why the platform is down, in the log, once per change (try-out 4): the agent talks to
real sockets (a closed port, a TLS platform signed by another CA, a loopback server
answering 503) and the ``kiosk.sync.link`` logger says what happened in words."""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from central.embedded import TlsFiles
from kiosk.sync import ManualClock
from offline_cache.outbox_protocol import Outbox
from tests.support.tls_pki import make_pki

from .conftest import enqueue

pytestmark = pytest.mark.integration


def _link_lines(caplog: pytest.LogCaptureFixture) -> list[tuple[int, str]]:
    return [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "kiosk.sync.link"]


def _passes(agent, clock: ManualClock, n: int) -> None:  # type: ignore[no-untyped-def]
    for _ in range(n):
        clock.advance(agent.run_once() + 1)


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now: connections are refused
    return int(port)


def test_refused_is_logged_once(outbox: Outbox, make_agent, clock: ManualClock, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.INFO, logger="kiosk.sync.link")
    enqueue(outbox, 1, clock.now())
    down = make_agent(base_url=f"http://127.0.0.1:{_closed_port()}")
    _passes(down, clock, 4)  # several failed exchanges ...
    lines = _link_lines(caplog)
    assert lines == [
        (
            logging.WARNING,
            "platform not reached: connection refused (nothing listening at the platform's address)",
        )
    ]  # ... one line


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_pki(tmp_path_factory.mktemp("pki"), ("A001",))


def test_a_tls_failure_says_why(
    platform_factory, pki, outbox: Outbox, make_agent, clock: ManualClock, caplog
) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.INFO, logger="kiosk.sync.link")
    tls = platform_factory(tls=TlsFiles(str(pki["srv"]), str(pki["srv_key"]), str(pki["ca"])))
    enqueue(outbox, 1, clock.now())
    agent = make_agent(
        base_url=tls.base_url,
        ca_bundle=pki["other_ca"],
        client_cert=pki["A001"],
        client_key=pki["A001_key"],
    )
    _passes(agent, clock, 3)
    [(level, text)] = _link_lines(caplog)
    assert level == logging.WARNING
    assert text.startswith("platform not reached: TLS failure: certificate not trusted"), text


class _Unavailable(BaseHTTPRequestHandler):
    healthy = False

    def _answer(self) -> None:
        if _Unavailable.healthy:
            body = b'{"ok": true}'
            self.send_response(200)
        else:
            body = json.dumps({"error": "database is being upgraded"}).encode()
            self.send_response(503)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def unavailable() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Unavailable)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_http_error_gives_status_and_the_platforms_reason(
    unavailable: str, outbox: Outbox, make_agent, clock: ManualClock, caplog
) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.INFO, logger="kiosk.sync.link")
    _Unavailable.healthy = False
    agent = make_agent(base_url=unavailable)
    _passes(agent, clock, 3)
    assert _link_lines(caplog) == [
        (
            logging.WARNING,
            "platform answered HTTP 503 (server error): database is being upgraded",
        )
    ]
    _Unavailable.healthy = True
    _passes(agent, clock, 3)
    assert _link_lines(caplog)[1:] == [(logging.INFO, "platform answering again (HTTP 200)")]
