"""One HTTP exchange with the platform, turned into a value the agent can act on.

Every failure the network or the platform can produce (timeouts, refused or
dropped connections, TLS errors, 5xx, throttling, a 200 whose body is not the
JSON it claims to be, an answer far too large) comes back as an
:class:`Outcome`; nothing here raises for an expected condition.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import stat
from dataclasses import dataclass, field
from enum import StrEnum
from http.client import HTTPException
from pathlib import Path
from ssl import SSLError as BaseSSLError
from typing import Any

import requests
import requests.utils
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)
from urllib3.util.ssl_match_hostname import CertificateError

from kiosk.sync.backoff import parse_retry_after
from kiosk.sync.config import SyncConfig
from kiosk.sync.link_words import cause_of

JSON_TYPES = ("application/json", "application/problem+json")
RETRYABLE_STATUSES = frozenset({408, 429})


class OutcomeKind(StrEnum):
    """What the exchange means for the caller."""

    OK = "ok"  # 2xx with an acceptable body
    NOT_MODIFIED = "not_modified"  # 304
    RETRYABLE = "retryable"  # try again later: network, 5xx, 408, 429, unreadable answer
    PERMANENT = "permanent"  # the platform refused the content (other 4xx)


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one request; ``reached`` says whether the platform answered at all."""

    kind: OutcomeKind
    status: int | None = None
    data: Any = None  # parsed JSON for OK answers
    raw: bytes = b""
    headers: dict[str, str] | None = None
    error: str | None = None  # short, free of personal data
    retry_after_s: float | None = None
    reached: bool = False
    # No connection could be made or kept (refused, reset, unreachable, connect
    # timeout): the request may never have reached the platform, so the failure says
    # something about the link, nothing about the endpoint asked.
    link_down: bool = False
    # Why no answer came, in words (refused, DNS, TLS and why): the log says it once.
    cause: str | None = None
    # The connection was closed or reset under the request before any answer came: on
    # a kept-alive connection, the platform's idle close crossing it (PlatformClient
    # then sends once more on a new connection).
    unanswered: bool = field(default=False, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        """True for a usable 2xx answer."""
        return self.kind is OutcomeKind.OK


def kiosk_headers(config: SyncConfig) -> dict[str, str]:
    """The headers every request of this kiosk carries (who it is, what it accepts)."""
    headers = {
        "User-Agent": f"zhengwu-kiosk/{config.version}",
        "X-Kiosk-Id": config.kiosk_id,
        "Accept": "application/json",
        # As requests sends it: a proxy that compresses is decoded, within the size limit.
        "Accept-Encoding": "gzip, deflate",
    }
    if config.token_file is not None:
        headers["Authorization"] = "Bearer " + read_token(config.token_file)
    return headers


class _Target:
    """Where the agent's connection goes and how it is made (urllib3, no pool).

    The same TLS as :func:`build_session`: the platform verified against the
    configured CA bundle (else requests' bundle, as ``verify=True`` did), the
    kiosk's client certificate presented; no proxy from the environment (urllib3
    reads none).
    """

    def __init__(self, scheme: str, host: str, port: int | None, config: SyncConfig) -> None:
        self.scheme, self.host, self.port, self.config = scheme, host, port, config

    def connect(self) -> urllib3.connection.HTTPConnection:
        """A new, not yet connected connection (it connects on its first request)."""
        timeout = self.config.connect_timeout_s
        if self.scheme == "http":
            return _OneWriteHTTPConnection(self.host, self.port, timeout=timeout)
        config = self.config
        return _OneWriteHTTPSConnection(
            self.host,
            self.port,
            timeout=timeout,
            cert_reqs="CERT_REQUIRED",
            ca_certs=str(config.ca_bundle or requests.utils.DEFAULT_CA_BUNDLE_PATH),
            cert_file=str(config.client_cert) if config.client_cert is not None else None,
            key_file=str(config.client_key) if config.client_key is not None else None,
        )


def build_target(config: SyncConfig) -> tuple[_Target, str] | None:
    """The platform's connection target and base path, or None for a URL that is not
    ``http(s)://host…``: every request then fails as it did through requests (the
    settings say what is wrong)."""
    try:
        url = urllib3.util.parse_url(config.base_url)
    except urllib3.exceptions.LocationParseError:
        return None
    if url.scheme not in ("http", "https") or not url.host:
        return None
    return _Target(url.scheme, url.host, url.port, config), (url.path or "").rstrip("/")


class _OneWrite:
    """A request's head and body in one write to the socket, not two.

    urllib3 (through http.client) sends the header block, then the body: two
    syscalls, two TCP segments (Nagle is off), and the platform's event loop woken
    for each. Here the header block is held back and goes out with the body, or at
    the end of the request when there is none: the same bytes on the wire.
    """

    _holding = False
    _held: bytes | None = None

    def endheaders(self, message_body: Any = None, *, encode_chunked: bool = False) -> None:
        """http.client's, with the header block held (see the class docstring)."""
        self._holding = True
        try:
            super().endheaders(message_body, encode_chunked=encode_chunked)  # type: ignore[misc]
        finally:
            self._holding = False

    def send(self, data: Any) -> None:
        """Send ``data``, after the held header block if there is one."""
        if self._holding and isinstance(data, bytes):
            self._held = (self._held or b"") + data
            return
        held, self._held = self._held, None
        if held is not None:
            if isinstance(data, bytes):
                data = held + data
            else:  # a file or an iterable body: the head first, as http.client would
                super().send(held)  # type: ignore[misc]
        super().send(data)  # type: ignore[misc]

    def request(self, *args: Any, **kw: Any) -> None:
        """urllib3's request, then whatever is still held (a request without a body)."""
        try:
            super().request(*args, **kw)  # type: ignore[misc]
        finally:
            held, self._held = self._held, None
        if held is not None:
            super().send(held)  # type: ignore[misc]


class _OneWriteHTTPConnection(_OneWrite, urllib3.connection.HTTPConnection):
    pass


class _OneWriteHTTPSConnection(_OneWrite, urllib3.connection.HTTPSConnection):
    pass


def build_session(config: SyncConfig) -> requests.Session:
    """A keep-alive session with TLS verification and the kiosk's client certificate
    (for one-off requests outside the agent, e.g. the maintenance panel's check)."""
    session = requests.Session()
    # No urllib3 retries: the agent decides when to try again, with backoff.
    adapter = HTTPAdapter(pool_connections=1, pool_maxsize=2, max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.verify = str(config.ca_bundle) if config.ca_bundle is not None else True
    if config.client_cert is not None and config.client_key is not None:
        session.cert = (str(config.client_cert), str(config.client_key))
    if config.token_file is not None:
        session.headers["Authorization"] = "Bearer " + read_token(config.token_file)
    session.trust_env = False  # a stray HTTP(S)_PROXY must not reroute kiosk traffic
    session.headers.update(
        {
            "User-Agent": f"zhengwu-kiosk/{config.version}",
            "X-Kiosk-Id": config.kiosk_id,
            "Accept": "application/json",
        }
    )
    return session


def read_token(path: Path) -> str:
    """The kiosk's bearer token from an owner-only file; ``ValueError`` saying what is wrong.

    A token readable by other users is refused, like the outbox key: whoever can
    read it can speak to the platform as this kiosk.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        raise ValueError(f"{path}: token file not found") from None
    except OSError as exc:
        raise ValueError(f"{path}: cannot read the token file ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as fh:
        if stat.S_IMODE(os.fstat(fh.fileno()).st_mode) & 0o077:
            raise ValueError(f"{path}: token file must be readable by its owner only (0600)")
        raw = fh.read(4097)
    token = raw.decode("ascii", errors="replace").strip()
    if not token or len(raw) > 4096 or not token.isprintable() or " " in token:
        raise ValueError(f"{path}: not a bearer token (one line of printable ASCII)")
    return token


def _closed_unanswered(exc: BaseException) -> bool:
    """Whether an exchange failed because the other end closed or reset the connection
    before any answer (http.client's RemoteDisconnected is a ConnectionResetError)."""
    for _ in range(4):  # urllib3 wraps the socket's error in a ProtocolError
        if isinstance(exc, ConnectionResetError | BrokenPipeError | ConnectionAbortedError):
            return True
        inner = exc.args[1] if isinstance(exc, ProtocolError) and len(exc.args) > 1 else None
        if not isinstance(inner, BaseException):
            return False
        exc = inner
    return False


class PlatformClient:
    """Sends requests and classifies the answers; used from the agent thread only.

    It speaks urllib3 directly rather than through a ``requests.Session`` (whose
    session merging, hooks, cookies and adapters cost ≈ 0.4 ms of CPU per request on
    top of urllib3's), and it holds its one keep-alive connection itself (urllib3's
    ``HTTPConnection``) rather than asking urllib3's connection pool for it on every
    request: with one thread, one connection, no retries and no redirects, the pool's
    per-request work (a timeout cloned, a retry policy built, the connection taken and
    given back, the URL re-encoded) did nothing for the agent, for ≈ 40–70 µs of CPU a
    request. The agent makes one request per batch, heartbeat and lookup, so at fleet
    scale this is the kiosk's largest cost (docs/sync-and-central.md). The wire is the
    same: TLS and client certificate, headers, no retries, no redirects; a connection
    the platform closed while idle is noticed before it is used, as the pool did.
    """

    def __init__(self, config: SyncConfig) -> None:
        self.config = config
        target = build_target(config)
        self._target: _Target | None = target[0] if target is not None else None
        self._base = target[1] if target is not None else ""
        self._conn: urllib3.connection.HTTPConnection | None = None
        self._answered = 0  # answers read on the kept-alive connection
        self._headers = kiosk_headers(config)

    def close(self) -> None:
        """Close the connection (the next request opens a new one)."""
        conn, self._conn = self._conn, None
        self._answered = 0
        if conn is not None:
            conn.close()

    def _connection(self) -> urllib3.connection.HTTPConnection:
        """The kept-alive connection, or a new one when there is none or the platform
        closed it while it was idle (as urllib3's pool checks before each reuse)."""
        conn = self._conn
        if conn is not None and conn.sock is not None and not conn.is_connected:
            self.close()
            conn = None
        if conn is None:
            assert self._target is not None
            conn = self._conn = self._target.connect()
            self._answered = 0
        return conn

    def request(
        self,
        method: str,
        path: str,
        now: dt.datetime,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        expect_json: bool = True,
    ) -> Outcome:
        """One exchange; ``now`` dates a ``Retry-After`` given as an HTTP date."""
        hdrs = {**self._headers, **(headers or {})}
        if body is not None:
            hdrs.setdefault("Content-Type", "application/json")
        if self._target is None:
            return Outcome(OutcomeKind.RETRYABLE, error="request failed: invalid platform URL")
        # A kept-alive connection the platform closes for idleness just as the request
        # goes out (its keep-alive timeout, 30 s on the embedded platform, met the demo's
        # 30 s heartbeat) resets it before any answer: that is no outage, and the request
        # goes once more on a new connection, as browsers do. Try-out 11, T3: a kiosk
        # logged "platform not reached: connection reset" and kept a platform fault for
        # it. Only then, and only once: a new connection's failure is the link's. The
        # platform never answered the first, and records carry their idempotency key.
        reused = self._conn is not None and self._answered > 0
        resp = self._send(method, path, body, hdrs)
        if isinstance(resp, Outcome) and resp.unanswered and reused:
            resp = self._send(method, path, body, hdrs)
        if isinstance(resp, Outcome):
            return resp
        try:
            outcome = self._classify(resp, now, expect_json)
        except BaseException:
            self.close()  # an answer not read to its end must not be reused
            raise
        self._answered += 1
        return outcome

    def _send(
        self, method: str, path: str, body: bytes | None, hdrs: dict[str, str]
    ) -> urllib3.HTTPResponse | Outcome:
        """One exchange on the kept-alive (or a new) connection: the answer's head, or
        the failure as an Outcome (the connection then closed)."""
        conn = self._connection()
        try:
            resp = self._exchange(conn, method, self._base + path, body, hdrs)
        except BaseException:
            # Whatever broke the exchange, the connection's state is unknown.
            self.close()
            raise
        if isinstance(resp, Outcome):
            self.close()
        return resp

    def _exchange(
        self,
        conn: urllib3.connection.HTTPConnection,
        method: str,
        url: str,
        body: bytes | None,
        headers: dict[str, str],
    ) -> urllib3.HTTPResponse | Outcome:
        """Send the request and read the answer's head, as urllib3's pool does it (its
        timeouts and the errors it tells apart), or the failure as an Outcome."""
        config = self.config
        try:
            conn.timeout = config.connect_timeout_s
            if conn.sock is None:
                conn.connect()
            try:
                conn.request(method, url, body=body, headers=headers, preload_content=False)
            except BrokenPipeError:
                pass  # the platform may have answered already (say 413): read it
            except OSError as exc:
                if exc.errno not in (errno.EPROTOTYPE, errno.ECONNRESET):
                    raise
            conn.timeout = config.read_timeout_s
            try:
                return conn.getresponse()
            except OSError as exc:  # a read timeout, as urllib3's pool tells one
                if isinstance(exc, TimeoutError) or exc.errno in (errno.EAGAIN, errno.EWOULDBLOCK):
                    return Outcome(
                        OutcomeKind.RETRYABLE, error="timeout", cause="no answer in time"
                    )
                raise
        except NewConnectionError as exc:  # refused, unreachable, DNS (before ConnectTimeout)
            return Outcome(
                OutcomeKind.RETRYABLE, error="connection error", link_down=True, cause=cause_of(exc)
            )
        except ConnectTimeoutError:
            cause = "connect timed out"
            return Outcome(OutcomeKind.RETRYABLE, error="timeout", link_down=True, cause=cause)
        except (ReadTimeoutError, urllib3.exceptions.TimeoutError):
            return Outcome(OutcomeKind.RETRYABLE, error="timeout", cause="no answer in time")
        except (SSLError, BaseSSLError, CertificateError) as exc:
            return Outcome(OutcomeKind.RETRYABLE, error="TLS error", cause=cause_of(exc))
        except (ProtocolError, HTTPException, OSError) as exc:  # reset, closed mid-exchange
            return Outcome(
                OutcomeKind.RETRYABLE,
                error="connection error",
                link_down=True,
                cause=cause_of(exc),
                unanswered=_closed_unanswered(exc),
            )
        except HTTPError as exc:
            return Outcome(OutcomeKind.RETRYABLE, error=f"request failed: {type(exc).__name__}")

    def _read(self, resp: urllib3.BaseHTTPResponse) -> bytes | str:
        """The body, or an error text when it is too large or the connection broke (the
        connection is then closed: the rest of the answer is never read)."""
        limit = self.config.max_response_bytes
        declared = resp.headers.get("Content-Length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            self.close()
            return f"response too large ({declared} bytes)"
        buf = bytearray()
        try:
            for chunk in resp.stream(65536):
                buf += chunk
                if len(buf) > limit:
                    self.close()
                    return "response too large"
        except (ReadTimeoutError, urllib3.exceptions.TimeoutError):
            self.close()
            return "timeout while reading the answer"
        except (HTTPError, OSError):
            self.close()
            return "connection dropped while reading the answer"
        return bytes(buf)

    def _classify(
        self, resp: urllib3.BaseHTTPResponse, now: dt.datetime, expect_json: bool
    ) -> Outcome:
        status = resp.status
        headers = {k.lower(): v for k, v in resp.headers.items()}
        retry_after = parse_retry_after(headers.get("retry-after"), now)
        body = self._read(resp)
        if isinstance(body, str):
            return Outcome(
                OutcomeKind.RETRYABLE, status, error=body, reached=True, retry_after_s=retry_after
            )
        if status == 304:
            return Outcome(OutcomeKind.NOT_MODIFIED, status, headers=headers, reached=True)
        if status >= 500 or status in RETRYABLE_STATUSES:
            return Outcome(
                OutcomeKind.RETRYABLE,
                status,
                raw=body,
                headers=headers,
                error=f"HTTP {status}",
                retry_after_s=retry_after,
                reached=status not in (502, 504),
            )
        if 400 <= status < 500:
            return Outcome(
                OutcomeKind.PERMANENT,
                status,
                raw=body,
                headers=headers,
                error=f"HTTP {status}: {_detail(body)}",
                reached=True,
            )
        if not 200 <= status < 300:
            return Outcome(
                OutcomeKind.RETRYABLE,
                status,
                headers=headers,
                error=f"unexpected HTTP {status}",
                reached=True,
            )
        if not expect_json:
            return Outcome(OutcomeKind.OK, status, raw=body, headers=headers, reached=True)
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype not in JSON_TYPES:
            return Outcome(
                OutcomeKind.RETRYABLE,
                status,
                headers=headers,
                reached=True,
                error=f"unexpected content type {ctype or 'none'!r}",
            )
        try:
            data = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            return Outcome(
                OutcomeKind.RETRYABLE,
                status,
                headers=headers,
                reached=True,
                error="malformed JSON in the answer",
            )
        return Outcome(OutcomeKind.OK, status, data=data, raw=body, headers=headers, reached=True)


def _detail(body: bytes) -> str:
    """A short reason from an error body (FastAPI's ``detail`` or our ``error``)."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return "no detail"
    if isinstance(data, dict):
        for key in ("error", "detail"):
            value = data.get(key)
            if isinstance(value, str):
                return value[:200]
            if isinstance(value, list):
                # Validation errors echo the submitted values; keep only where and why.
                parts = [
                    ".".join(str(x) for x in e.get("loc", ())) + ":" + str(e.get("type", "?"))
                    for e in value
                    if isinstance(e, dict)
                ]
                return ", ".join(parts)[:200] or "invalid request"
    return "no detail"
