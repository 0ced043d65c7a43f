"""systemd's notify protocol: READY, STATUS, WATCHDOG and STOPPING over $NOTIFY_SOCKET.

The protocol is a few lines (one datagram of ``KEY=value`` lines to a Unix socket
named by the environment), so it is written here rather than pulled in as a
dependency; its test speaks to a socket the test owns, as systemd would. Without
$NOTIFY_SOCKET (development, tests, the demo) every call does nothing.

Sending never blocks: the socket is non-blocking and a full or vanished receiver
costs one logged warning, never a stalled caller.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)


class Notifier:
    """Talks to the service manager named by ``NOTIFY_SOCKET`` (or to nobody)."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        self._address = _address(env.get("NOTIFY_SOCKET", ""))
        self._sock: socket.socket | None = None
        self._warned = False
        self.watchdog_interval_s = _watchdog_interval(env)

    @property
    def enabled(self) -> bool:
        """True when a service manager is listening."""
        return self._address is not None

    def ready(self, status: str = "") -> None:
        """Start-up finished: systemd's ``Type=notify`` unit becomes active."""
        self._send("READY=1" + (f"\nSTATUS={status}" if status else ""))

    def status(self, text: str) -> None:
        """A one-line status shown by ``systemctl status`` (never personal data)."""
        self._send(f"STATUS={text}")

    def watchdog(self) -> None:
        """Proof of life; systemd restarts the service when these stop for WatchdogSec."""
        self._send("WATCHDOG=1")

    def stopping(self) -> None:
        """A clean shutdown has begun."""
        self._send("STOPPING=1")

    def close(self) -> None:
        """Release the socket."""
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def _send(self, message: str) -> None:
        if self._address is None:
            return
        try:
            if self._sock is None:
                self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
                self._sock.setblocking(False)
            self._sock.sendto(message.encode("utf-8"), self._address)
        except OSError as exc:
            if not self._warned:  # once: a missing manager must not flood the journal
                self._warned = True
                log.warning("service manager notification failed: %s", exc)


def _address(raw: str) -> str | bytes | None:
    """The socket address; '@' names Linux's abstract namespace."""
    if not raw:
        return None
    if raw.startswith("@"):
        return b"\0" + raw[1:].encode()
    if raw.startswith("/"):
        return raw
    return None  # vsock and other families are not used by our units


def _watchdog_interval(env: Mapping[str, str]) -> float | None:
    """Half of WatchdogSec (systemd's advice), or None when no watchdog is asked for.

    ``WATCHDOG_PID``, when set, must be this process: a child must not ping for its
    parent.
    """
    usec = env.get("WATCHDOG_USEC", "")
    pid = env.get("WATCHDOG_PID", "")
    if not usec.isdigit() or int(usec) <= 0:
        return None
    if pid and pid != str(os.getpid()):
        return None
    return int(usec) / 2_000_000
