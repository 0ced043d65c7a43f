"""Run the platform in-process on loopback, for the demo and tests."""

from __future__ import annotations

import logging
import socket
import ssl
import threading
import time
from dataclasses import dataclass, replace
from email.utils import formatdate
from pathlib import Path
from typing import Any

import uvicorn

from central.app import Platform, PlatformConfig, create_app
from central.tls import PeerCertHttpToolsProtocol, RevocationList


@dataclass(frozen=True, slots=True)
class TlsFiles:
    """Server certificate and key; with ``client_ca`` set, client certificates are required."""

    cert: str
    key: str
    client_ca: str | None = None
    # A CRL of the client CA (central.enroll): revoked kiosk certificates are refused
    # at the handshake; the file is re-read when it changes.
    crl: str | None = None


class EmbeddedPlatform:
    """A running platform: ``base_url``, the ``platform`` state, and :meth:`stop`."""

    def __init__(
        self, server: uvicorn.Server, thread: threading.Thread, base_url: str, platform: Platform
    ) -> None:
        self._server = server
        self._thread = thread
        self.base_url = base_url
        self.platform = platform

    def stop(self, timeout: float = 5.0) -> None:
        """Shut the server down and join its thread."""
        self._server.should_exit = True
        self._thread.join(timeout)
        self.platform.store.close()
        self.platform.staff.close()

    def __enter__(self) -> EmbeddedPlatform:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class PlatformServer(uvicorn.Server):
    """uvicorn's server, closing the platform's event-loop database connections on that
    loop when it shuts down (they cannot be closed once the loop is gone)."""

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """Shut down as uvicorn does, then close the store's async pool."""
        await super().shutdown(sockets)
        platform = getattr(getattr(self.config.app, "state", None), "platform", None)
        if platform is not None:
            await platform.store.close_async()


class DatedByConfig:
    """ASGI wrapper: every HTTP answer carries ``Date`` from the platform's own clock."""

    def __init__(self, app: Any, config: PlatformConfig) -> None:
        self.app = app
        self.state = app.state  # PlatformServer.shutdown finds the platform here
        self._config = config

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """Pass the request on; add ``Date`` to the answer's start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def dated(message: Any) -> None:
            if message["type"] == "http.response.start":
                stamp = formatdate(self._config.now().timestamp(), usegmt=True).encode()
                headers = [h for h in message.get("headers", []) if h[0].lower() != b"date"]
                message = {**message, "headers": [*headers, (b"date", stamp)]}
            await send(message)

        await self.app(scope, receive, dated)


def uvicorn_config(app: Any, tls: TlsFiles | None, log_level: str, **kw: Any) -> uvicorn.Config:
    """Uvicorn settings shared by the CLI and the embedded server.

    The HTTP protocol (httptools' C parser) is ours so that a client certificate's CN
    reaches the app.
    """
    extra: dict[str, Any] = {}
    if tls is not None:
        extra = {"ssl_certfile": tls.cert, "ssl_keyfile": tls.key}
        if tls.client_ca is not None:
            extra.update(ssl_ca_certs=tls.client_ca, ssl_cert_reqs=ssl.CERT_REQUIRED)
    config = uvicorn.Config(
        app,
        log_level=log_level,
        access_log=False,
        # No "server: uvicorn" on every answer: it names the software to anyone who
        # asks, and each kiosk parsed it with every answer (http.client's header
        # parsing is a fifth of the agent's HTTP cost).
        server_header=False,
        timeout_keep_alive=30,
        http=PeerCertHttpToolsProtocol,
        lifespan="off",
        **extra,
        **kw,
    )
    if tls is not None and tls.crl is not None:
        if tls.client_ca is None:
            raise ValueError("a CRL needs the client CA")
        config.load()
        assert config.ssl is not None
        # The handshake checks the CRL as it was at start; PeerCertHttpToolsProtocol checks
        # each new connection against the file's current version (OpenSSL would keep
        # preferring the first CRL it was given).
        config.ssl.verify_flags |= ssl.VERIFY_CRL_CHECK_LEAF
        config.ssl.load_verify_locations(cafile=tls.crl)
        config.kiosk_crl = RevocationList(Path(tls.crl))  # type: ignore[attr-defined]
    return config


def start_embedded(
    config: PlatformConfig | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    tls: TlsFiles | None = None,
    log_level: str = "warning",
    date_from_config: bool = False,
) -> EmbeddedPlatform:
    """Start the platform on a background thread; port 0 picks a free port.

    Returns once the server accepts connections. With ``tls.client_ca`` the kiosks
    authenticate by certificate. With ``date_from_config`` the ``Date`` header of every
    answer is ``config.now()`` instead of the host's clock: the demo's simulated hall
    clock (kiosk/hall_clock.py), so a kiosk on that clock learns no false clock offset.
    """
    config = config or PlatformConfig()
    if tls is not None and tls.client_ca is not None:
        config = replace(config, mtls=True)
    if config.insecure_dev and host not in ("127.0.0.1", "::1", "localhost"):
        raise ValueError("insecure-dev binds to loopback only")
    app = create_app(config)
    platform: Platform = app.state.platform
    # proto must be IPPROTO_TCP: asyncio sets TCP_NODELAY only on such sockets, and
    # without it every keep-alive answer stalls ~40 ms on delayed ACKs.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    bound = sock.getsockname()[1]
    served: Any = app
    extra: dict[str, Any] = {}
    if date_from_config:
        served, extra = DatedByConfig(app, platform.config), {"date_header": False}
    server = PlatformServer(uvicorn_config(served, tls, log_level, **extra))
    # uvicorn installs signal handlers only on the main thread, so the host process
    # (pytest, the kiosk app) keeps its own.
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="central-platform", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("embedded platform did not start")
        time.sleep(0.005)
    scheme = "https" if tls else "http"
    logging.getLogger(__name__).info("platform on %s://%s:%d", scheme, host, bound)
    return EmbeddedPlatform(server, thread, f"{scheme}://{host}:{bound}", platform)
