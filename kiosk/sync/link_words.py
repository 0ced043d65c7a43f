"""Why the platform is not answering, in words, logged once per change.

A technician reading the maintenance log saw only "sync … connection error" over and
over (try-out 4). Each exchange's outcome is put into one short sentence here (refused,
host not found, TLS failure and why, timeout, HTTP status and the platform's own
reason); the sentence is logged when it changes, not on every retry: a WARNING when
the link goes bad or changes reason, an INFO when the platform answers again.
"""

from __future__ import annotations

import json
import logging
import socket
import ssl
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.sync.http import Outcome

log = logging.getLogger("kiosk.sync.link")
AUTH_STATUSES = frozenset({401, 403})


def cause_of(exc: BaseException) -> str:
    """The root of a failed connection in words (no addresses beyond what requests says)."""
    chain: list[BaseException] = []
    todo: list[object] = [exc]
    while todo and len(chain) < 20:
        e = todo.pop(0)
        if not isinstance(e, BaseException) or any(e is c for c in chain):
            continue
        chain.append(e)
        # urllib3 keeps the socket error as the reason of its MaxRetryError, requests
        # as its first argument.
        todo += [getattr(e, "reason", None), e.__cause__, e.__context__, *e.args[:1]]
    for e in chain:
        if isinstance(e, ssl.SSLCertVerificationError):
            return f"TLS failure: certificate not trusted ({e.verify_message or e.reason})"
        if isinstance(e, ssl.SSLError):
            return f"TLS failure: {e.reason or type(e).__name__}"
        if isinstance(e, ConnectionRefusedError):
            return "connection refused (nothing listening at the platform's address)"
        if isinstance(e, socket.gaierror):
            return "host name not found (DNS)"
        if isinstance(e, ConnectionResetError):
            return "connection reset by the other end"
        if isinstance(e, TimeoutError | socket.timeout):
            return "no answer in time"
    text = str(exc)
    if "NameResolutionError" in text or "Name or service not known" in text:
        return "host name not found (DNS)"
    if "Connection refused" in text:
        return "connection refused (nothing listening at the platform's address)"
    return type(exc).__name__


def _reason(raw: bytes) -> str:
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        text = raw[:120].decode("utf-8", errors="replace").strip()
        return text.splitlines()[0] if text else ""
    if isinstance(data, dict):
        for key in ("error", "detail", "message"):
            value = data.get(key)
            if isinstance(value, str):
                return value[:160]
    return ""


def describe(out: Outcome) -> str | None:
    """The link's state as this outcome shows it, or None when the platform answered
    usefully (a 2xx, a 304, or a refusal of one record's content)."""
    status = out.status
    if status is None:
        return f"platform not reached: {out.cause or out.error or 'no answer'}"
    if status in AUTH_STATUSES:
        return f"platform refused this kiosk's credentials (HTTP {status})"
    if out.kind.value in ("ok", "not_modified", "permanent"):
        return None
    why = _reason(out.raw) if out.raw else ""
    kind = "server error" if status >= 500 else "try later"
    text = f"platform answered HTTP {status} ({kind})"
    if why:
        text += f": {why}"
    elif out.error and out.error != f"HTTP {status}":
        text += f": {out.error}"
    return text


class LinkReporter:
    """Logs the link's reason when it changes (thread-safe: the panel's link test and
    the agent's thread both report)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last: str | None = None
        self._known = False

    def saw(self, out: Outcome) -> None:
        """Note one exchange's outcome; log if the reason changed."""
        now = describe(out)
        with self._lock:
            changed = not self._known or now != self._last
            was_bad = self._last is not None
            self._last, self._known = now, True
        if not changed:
            return
        if now is not None:
            log.warning("%s", now)
        elif was_bad:
            log.info("platform answering again (HTTP %s)", out.status)
