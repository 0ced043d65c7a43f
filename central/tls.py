"""The client certificate of a TLS connection, handed to the app with each request.

Uvicorn does not put the peer certificate into the ASGI scope, so this h11
protocol reads it once per connection (after the handshake verified it
against the client CA) and adds the subject CN to the request's state.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

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


class PeerCertH11Protocol(H11Protocol):
    """h11 protocol that exposes the verified client certificate's CN as request state."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Note the peer's CN (None without a client certificate) for every request."""
        super().connection_made(transport)
        cn = peer_common_name(transport.get_extra_info("peercert"))
        # app_state is copied into each request's scope["state"]; a per-connection
        # copy keeps one connection's identity out of the others.
        self.app_state = {**self.app_state, PEER_CN: cn}
