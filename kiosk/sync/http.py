"""One HTTP exchange with the platform, turned into a value the agent can act on.

Every failure the network or the platform can produce (timeouts, refused or
dropped connections, TLS errors, 5xx, throttling, a 200 whose body is not the
JSON it claims to be, an answer far too large) comes back as an
:class:`Outcome`; nothing here raises for an expected condition.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
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


def build_pool(config: SyncConfig) -> urllib3.HTTPConnectionPool | None:
    """The agent's keep-alive connection pool to the platform (urllib3, no retries).

    The same TLS as :func:`build_session`: the platform verified against the
    configured CA bundle (else requests' bundle, as ``verify=True`` did), the
    kiosk's client certificate presented; no proxy from the environment (urllib3
    reads none). None for a URL that is not ``http(s)://host…``: every request then
    fails as it did through requests (the settings say what is wrong).
    """
    try:
        url = urllib3.util.parse_url(config.base_url)
    except urllib3.exceptions.LocationParseError:
        return None
    if url.scheme not in ("http", "https") or not url.host:
        return None
    timeout = urllib3.Timeout(connect=config.connect_timeout_s, read=config.read_timeout_s)
    if url.scheme == "http":
        plain = urllib3.HTTPConnectionPool(url.host, url.port, maxsize=2, timeout=timeout)
        plain.ConnectionCls = _OneWriteHTTPConnection
        return plain
    ca = str(config.ca_bundle or requests.utils.DEFAULT_CA_BUNDLE_PATH)
    pool = urllib3.HTTPSConnectionPool(
        url.host,
        url.port,
        maxsize=2,
        timeout=timeout,
        cert_reqs="CERT_REQUIRED",
        ca_certs=ca,
        cert_file=str(config.client_cert) if config.client_cert is not None else None,
        key_file=str(config.client_key) if config.client_key is not None else None,
    )
    pool.ConnectionCls = _OneWriteHTTPSConnection
    return pool


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


class PlatformClient:
    """Sends requests and classifies the answers; used from the agent thread only.

    It speaks urllib3 directly rather than through a ``requests.Session``: on one
    keep-alive connection requests cost about 1.0 ms of CPU per request on top of
    the exchange (merging session settings, hooks, cookies, adapters), urllib3 about
    0.5 ms; the agent makes one request per batch, per heartbeat, per lookup, so at
    fleet scale this was the kiosk's largest cost (docs/sync-and-central.md). The
    wire is the same: TLS and client certificate, headers, no retries, no redirects.
    """

    def __init__(self, config: SyncConfig) -> None:
        self.config = config
        self._pool = build_pool(config)
        self._base = (
            (urllib3.util.parse_url(config.base_url).path or "").rstrip("/") if self._pool else ""
        )
        self._headers = kiosk_headers(config)

    def close(self) -> None:
        """Close pooled connections."""
        if self._pool is not None:
            self._pool.close()

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
        if self._pool is None:
            return Outcome(OutcomeKind.RETRYABLE, error="request failed: invalid platform URL")
        try:
            resp = self._pool.urlopen(
                method,
                self._base + path,
                body=body,
                headers=hdrs,
                retries=False,  # the agent decides when to try again, with backoff
                redirect=False,
                preload_content=False,
                assert_same_host=False,
            )
        except NewConnectionError as exc:  # refused, unreachable, DNS (before ConnectTimeout)
            return Outcome(
                OutcomeKind.RETRYABLE, error="connection error", link_down=True, cause=cause_of(exc)
            )
        except ConnectTimeoutError:
            cause = "connect timed out"
            return Outcome(OutcomeKind.RETRYABLE, error="timeout", link_down=True, cause=cause)
        except (ReadTimeoutError, urllib3.exceptions.TimeoutError):
            return Outcome(OutcomeKind.RETRYABLE, error="timeout", cause="no answer in time")
        except SSLError as exc:
            return Outcome(OutcomeKind.RETRYABLE, error="TLS error", cause=cause_of(exc))
        except (ProtocolError, OSError) as exc:  # reset, closed mid-exchange
            return Outcome(
                OutcomeKind.RETRYABLE, error="connection error", link_down=True, cause=cause_of(exc)
            )
        except HTTPError as exc:
            return Outcome(OutcomeKind.RETRYABLE, error=f"request failed: {type(exc).__name__}")
        try:
            return self._classify(resp, now, expect_json)
        except BaseException:
            resp.close()  # an answer not read to its end must not be reused
            raise
        finally:
            resp.release_conn()

    def _read(self, resp: urllib3.BaseHTTPResponse) -> bytes | str:
        """The body, or an error text when it is too large or the connection broke."""
        limit = self.config.max_response_bytes
        declared = resp.headers.get("Content-Length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            resp.close()  # the rest is never read: the connection cannot be reused
            return f"response too large ({declared} bytes)"
        buf = bytearray()
        try:
            for chunk in resp.stream(65536):
                buf += chunk
                if len(buf) > limit:
                    resp.close()
                    return "response too large"
        except (ReadTimeoutError, urllib3.exceptions.TimeoutError):
            resp.close()
            return "timeout while reading the answer"
        except (HTTPError, OSError):
            resp.close()
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
