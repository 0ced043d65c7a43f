"""The agent's one kept-alive connection (kiosk/sync/http.py): a connection the
platform (or a proxy) closed while it was idle is noticed before it is used again,
so the next exchange is an ordinary success on a new connection, not a "connection
error" that would back the kiosk off."""

from __future__ import annotations

import datetime as dt
import socket
import struct
import threading
from collections.abc import Iterator

import pytest

from kiosk.sync import SyncConfig
from kiosk.sync.http import OutcomeKind, PlatformClient

pytestmark = pytest.mark.integration

BODY = b'{"ok":true}'
ANSWER = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
    b"Content-Length: " + str(len(BODY)).encode() + b"\r\n\r\n" + BODY
)


class _OneAnswerPerConnection:
    """Answers one request per connection, then closes it without saying so (no
    ``Connection: close``), as a server whose keep-alive timeout ran out does."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.closed = threading.Event()
        self._stop = threading.Event()
        self.sock.settimeout(0.1)  # accept() looks at _stop this often
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            conn.settimeout(5)
            self.connections += 1
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                conn.sendall(ANSWER)
            self.closed.set()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()


@pytest.fixture
def server() -> Iterator[_OneAnswerPerConnection]:
    srv = _OneAnswerPerConnection()
    yield srv
    srv.stop()


def test_a_connection_closed_while_idle_is_replaced_before_use(
    server: _OneAnswerPerConnection,
) -> None:
    client = PlatformClient(SyncConfig(base_url=f"http://127.0.0.1:{server.port}", kiosk_id="K1"))
    now = dt.datetime.now(dt.UTC)
    try:
        assert client.request("GET", "/v1/capabilities", now).kind is OutcomeKind.OK
        assert server.closed.wait(5)  # the server has closed the kept-alive connection
        second = client.request("GET", "/v1/capabilities", now)
        assert second.kind is OutcomeKind.OK, second.error
        assert server.connections == 2
    finally:
        client.close()


class _IdleCloseCrossesTheRequest:
    """Answers the first request on a connection, keeps it open, then resets it as the
    next request on it arrives (SO_LINGER 0: RST, no answer): a keep-alive timeout
    running out just as the kiosk sends, which the kiosk's check before reuse cannot
    see (try-out 11, T3: the demo's 30 s heartbeat met the embedded platform's 30 s
    keep-alive timeout). ``reset_new``: also reset a new connection's first request."""

    def __init__(self, reset_new: bool = False) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.answered = 0
        self.reset_new = reset_new
        self._stop = threading.Event()
        self.sock.settimeout(0.1)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _request(self, conn: socket.socket) -> bool:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return False
            data += chunk
        return True

    def _reset(self, conn: socket.socket) -> None:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            conn.settimeout(5)
            self.connections += 1
            if not self._request(conn):
                conn.close()
                continue
            if self.reset_new:
                self._reset(conn)
                continue
            # Counted before it goes: the client may read the answer and the count before
            # this thread runs again (a full run under three workers saw (2, 1)).
            self.answered += 1
            conn.sendall(ANSWER)
            if self._request(conn):  # the next request on the kept-alive connection
                self._reset(conn)
            else:
                conn.close()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()


def test_an_idle_close_that_crosses_the_request_is_no_outage() -> None:
    server = _IdleCloseCrossesTheRequest()
    client = PlatformClient(SyncConfig(base_url=f"http://127.0.0.1:{server.port}", kiosk_id="K1"))
    now = dt.datetime.now(dt.UTC)
    try:
        assert client.request("GET", "/v1/capabilities", now).kind is OutcomeKind.OK
        beat = client.request("POST", "/v1/heartbeat", now, body=b'{"kiosk_id":"K1"}')
        # Sent once more on a new connection, answered: nothing for the log to call a fault.
        assert beat.kind is OutcomeKind.OK, beat.error
        assert (server.connections, server.answered) == (2, 2)
    finally:
        client.close()
        server.stop()


def test_a_new_connection_reset_is_the_link_s_failure_and_not_tried_again() -> None:
    server = _IdleCloseCrossesTheRequest(reset_new=True)
    client = PlatformClient(SyncConfig(base_url=f"http://127.0.0.1:{server.port}", kiosk_id="K1"))
    now = dt.datetime.now(dt.UTC)
    try:
        out = client.request("GET", "/v1/capabilities", now)
        assert out.kind is OutcomeKind.RETRYABLE and out.link_down
        assert server.connections == 1  # once: a platform that resets is not hammered
    finally:
        client.close()
        server.stop()
