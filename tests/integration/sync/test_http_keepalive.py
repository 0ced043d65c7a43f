"""The agent's one kept-alive connection (kiosk/sync/http.py): a connection the
platform (or a proxy) closed while it was idle is noticed before it is used again,
so the next exchange is an ordinary success on a new connection, not a "connection
error" that would back the kiosk off."""

from __future__ import annotations

import datetime as dt
import socket
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
