"""The client certificate of a TLS connection, handed to the app with each request.

Uvicorn does not put the peer certificate into the ASGI scope, so this HTTP
protocol (uvicorn's httptools one: the fleet bench found h11's pure-Python parsing a
quarter of the platform's CPU per request) reads it once per connection (after the
handshake verified it against the client CA) and adds the subject CN to the
request's state.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from pathlib import Path
from typing import Any

from cryptography import x509
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger(__name__)

PEER_CN = "tls_peer_cn"


def peer_common_name(cert: dict[str, Any] | None) -> str | None:
    """Subject CN of a certificate as ``ssl.SSLSocket.getpeercert()`` returns it."""
    if not cert:
        return None
    for rdn in cert.get("subject", ()):
        for key, value in rdn:
            if key == "commonName":
                return str(value)
    return None


class RevocationList:
    """Serial numbers on a CRL file, re-read whenever the file changes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._mtime = -1
        self._serials: frozenset[int] = frozenset()
        self.revoked(0)

    def revoked(self, serial: int) -> bool:
        """Whether ``serial`` is on the current CRL (a stat per call; parsed on change)."""
        with self._lock:
            try:
                mtime = os.stat(self.path).st_mtime_ns
                if mtime != self._mtime:
                    crl = x509.load_pem_x509_crl(self.path.read_bytes())
                    self._serials = frozenset(r.serial_number for r in crl)
                    self._mtime = mtime
                    log.info("client CRL %s: %d revoked", self.path, len(self._serials))
            except (OSError, ValueError):
                # Keep the last good list: a half-written file must not let anyone in.
                log.exception("could not read the CRL %s", self.path)
            return serial in self._serials


class _OneWriteTransport:
    """The connection's transport, with the writes of one event-loop turn sent as one.

    uvicorn writes an answer's head and its body separately: two syscalls, two TCP
    segments (Nagle is off), and the kiosk woken twice for one answer. Here what is
    written in one turn of the loop goes out together at the end of it (closing sends
    it first); everything else is the transport's own.
    """

    def __init__(self, transport: asyncio.Transport) -> None:
        self._transport = transport
        self._held: list[bytes] = []

    def write(self, data: bytes) -> None:
        """Hold ``data`` until the end of this turn of the event loop."""
        if not self._held:
            asyncio.get_running_loop().call_soon(self._send)
        self._held.append(data)

    def _send(self) -> None:
        if self._held:
            data = b"".join(self._held)
            self._held.clear()
            if not self._transport.is_closing():
                self._transport.write(data)

    def close(self) -> None:
        """Send what is held, then close."""
        self._send()
        self._transport.close()

    def abort(self) -> None:
        """Drop what is held and the connection."""
        self._held.clear()
        self._transport.abort()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class PeerCertHttpToolsProtocol(HttpToolsProtocol):
    """HTTP protocol that exposes the verified client certificate's CN as request state,
    and drops connections whose certificate has been revoked since the start."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Note the peer's CN (None without a client certificate) for every request."""
        super().connection_made(transport)
        self.transport = _OneWriteTransport(transport)  # type: ignore[assignment]
        cert = transport.get_extra_info("peercert")
        crl: RevocationList | None = getattr(self.config, "kiosk_crl", None)
        if crl is not None and cert and crl.revoked(int(cert.get("serialNumber", "0"), 16)):
            log.warning("refused a revoked client certificate (CN %s)", peer_common_name(cert))
            transport.close()
            return
        cn = peer_common_name(cert)
        # app_state is copied into each request's scope["state"]; a per-connection
        # copy keeps one connection's identity out of the others.
        self.app_state = {**self.app_state, PEER_CN: cn}
