"""The sync agent: drains the outbox to the platform on its own thread.

Rules it keeps:

- oldest first, one record (or one batch, when the platform offers batching) at
  a time; the body is built only from the stored record, so a retry — even
  after a crash — sends the same bytes under the same ``Idempotency-Key`` (the
  record id), and the platform stores it once;
- a record is delivered only when the answer names it (its id, one by one or in
  a batch's results): a ``{"ok": true}`` or ``[]`` from a misbehaving proxy
  proves nothing and is retried;
- a record is dead only when the platform refuses *that record* for good: a 4xx
  whose answer names it, never 401/403 (this kiosk's credentials, see
  :attr:`SyncAgent.credentials_refused`), 408, 409, 425 or 429. Every other
  failure is transient: the record waits and is tried again, however long the
  outage lasts (its attempts are counted for the panel, never held against it);
- backoff (exponential, full jitter) is kept per endpoint, so heartbeats that
  get through do not hide a failing submissions endpoint; a ``Retry-After`` is
  honoured for the endpoint that sent it, up to ``retry_after_cap_s``;
- a connection that cannot be made or kept backs off the link, every endpoint at
  once, and not the endpoint that tried it (it says nothing about that endpoint):
  when a probe gets through again, the records waiting go at once;
- online/offline is what the last real request showed (any exchange: delivery,
  lookup, heartbeat), reported on change; while offline, heartbeats probe as soon as
  the backoff allows, and that backoff stops at the heartbeat period, so after an
  outage the fleet comes back spread by the jitter, not held back by a grown backoff.

Listeners are plain callables, called on the agent's threads (delivery events
on its outbox helper thread); they must not block.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from kiosk.sync.backoff import full_jitter
from kiosk.sync.clock import Clock, SystemClock
from kiosk.sync.clock_offset import ClockOffset
from kiosk.sync.config import SyncConfig
from kiosk.sync.http import Outcome, OutcomeKind, PlatformClient
from kiosk.sync.link_words import LinkReporter
from offline_cache.cache_protocol import CatalogCache, StatusCache
from offline_cache.outbox_protocol import Outbox, OutboxRecord, RecordKind, RecordState

log = logging.getLogger(__name__)

SUBMISSIONS_PATH = "/v1/submissions"
STATUS_LOOKUP_PATH = "/v1/status/lookup"
# The hall's steps on a staff call the platform reports (central.models.StaffCallOut.step).
STAFF_CALL_STEPS = frozenset({"acknowledged", "coming", "done"})
# Where a staff call stands on the platform (delivered, or acknowledged on the console).
STAFF_CALL_PATH = "/v1/staff-calls/{}"
# Staff calls followed at once; an older one nobody answered gives way to a newer one.
MAX_WATCHED_CALLS = 10
# Deliveries per pass before the loop looks at heartbeat and catalog timers again.
_MAX_PER_PASS = 500
# Records claimed per claim when sending one by one (unsent ones are given back).
_ONE_BY_ONE_CHUNK = 8
# Answers that never condemn a record: this kiosk's credentials (401, 403), a
# timeout (408), a copy still being processed (409), too early (425), throttling (429).
_NEVER_THE_RECORDS_FAULT = frozenset({401, 403, 408, 409, 425, 429})
_AUTH_STATUSES = frozenset({401, 403})
CREDENTIALS_REFUSED = "platform refused this kiosk's credentials"
_T = TypeVar("_T")


class Endpoint(StrEnum):
    """What the agent talks to; each keeps its own backoff."""

    SUBMISSIONS = "submissions"  # one by one and batches
    HEARTBEAT = "heartbeat"
    CATALOG = "catalog"
    CAPABILITIES = "capabilities"
    STATUS = "status"


@dataclass(slots=True)
class _Gate:
    """Backoff of one endpoint: consecutive failures and the time before which it stays shut."""

    failures: int = 0
    not_before: float = 0.0


class StatusOutcome(StrEnum):
    """What a status request found."""

    FOUND = "found"  # fresh from the platform
    # The platform does not know the number, or the proof does not match: it answers
    # both the same way on purpose, so a bare number reveals nothing.
    NOT_FOUND = "not_found"
    THROTTLED = "throttled"  # too many lookups (429); ``data`` is the cached copy if proven
    OFFLINE = "offline"  # platform unreachable or refusing; ``data`` is the cached copy if proven


@dataclass(frozen=True, slots=True)
class LookupProof:
    """What proves the citizen holds the application: the signed receipt code, or the
    last 4 characters of the ID number used. Exactly one of the two is set."""

    receipt_code: str | None = None
    id_last4: str | None = None
    # A complaint's own number: it carries no identity, so there is none to prove;
    # the platform answers such a look-up only for a complaint (try-out 8, C19).
    no_identity: bool = False

    def __post_init__(self) -> None:
        given = (self.receipt_code is not None, self.id_last4 is not None, self.no_identity)
        if sum(given) != 1:
            raise ValueError("give exactly one proof: receipt_code, id_last4 or no_identity")
        if self.id_last4 is not None and len(self.id_last4) != 4:
            raise ValueError("id_last4 must be 4 characters")

    @property
    def from_receipt(self) -> bool:
        """The proof is a receipt code (verified offline by the caller)."""
        return self.receipt_code is not None

    def as_json(self) -> dict[str, str]:
        """The proof field of the lookup request."""
        if self.receipt_code is not None:
            return {"receipt_code": self.receipt_code}
        if self.no_identity:
            return {}
        return {"id_last4": (self.id_last4 or "").upper()}


@dataclass(frozen=True, slots=True)
class StatusResult:
    """Answer to :meth:`SyncAgent.request_status`."""

    tracking_number: str
    outcome: StatusOutcome
    data: dict[str, Any] | None
    fetched_at: dt.datetime | None
    from_cache: bool


@dataclass(frozen=True, slots=True)
class SyncError:
    """One failed exchange, for the maintenance panel (no personal data)."""

    at: dt.datetime
    operation: str  # "deliver", "batch", "heartbeat", "catalog", "status", "capabilities"
    message: str
    status: int | None
    retryable: bool
    record_id: uuid.UUID | None = None
    # What the record was (a staff call, a rating …): a failed upload of a staff call
    # read as 上传申请 on the panel, for any record (try-out 17, P1).
    record_kind: RecordKind | None = None


@dataclass(frozen=True, slots=True)
class DeliveryEvent:
    """A record changed state because of a delivery attempt."""

    record_id: uuid.UUID
    state: RecordState
    error: str | None


@dataclass(frozen=True, slots=True)
class Exchange:
    """One request the agent made, as it saw it (tests and the fleet bench watch these)."""

    method: str
    path: str
    clock_s: float  # the agent clock's monotonic reading when it was sent
    started: float  # wall-clock time (time.time()) when it was sent
    seconds: float  # until the answer, or the failure
    status: int | None  # None: no HTTP answer (not reached, timed out)


# A JSON string literal, as json.dumps(ensure_ascii=False) writes it (the C encoder).
_JSON_STR = json.encoder.encode_basestring
# Built once: the check that a stored payload is one JSON value (json.loads builds the
# decoder's wrapper work on every call).
_DECODER = json.JSONDecoder()


def _iso(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _names(data: Any, record_id: uuid.UUID) -> bool:
    """Whether an answer body names the record (``id`` or ``idempotency_key``, at the top
    or inside ``detail``): only then does it say anything about that record."""
    rid = str(record_id)
    for part in (data, data.get("detail") if isinstance(data, dict) else None):
        if isinstance(part, dict) and rid in (part.get("id"), part.get("idempotency_key")):
            return True
    return False


def _catalog_version(doc: Any) -> str | None:
    """A catalog document's own version (\"2026.12\"), as its publisher named it."""
    version = doc.get("version") if isinstance(doc, dict) else None
    return str(version)[:64] if version is not None else None


def _bare_etag(etag: str | None) -> str | None:
    """An ETag without the weak mark a compressing proxy adds (the same content)."""
    return etag.removeprefix("W/") if etag is not None else None


def _json_or_none(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None


class SyncAgent:
    """Delivers outbox records, keeps catalog and statuses fresh, reports liveness."""

    def __init__(
        self,
        config: SyncConfig,
        outbox: Outbox,
        *,
        catalog_cache: CatalogCache | None = None,
        status_cache: StatusCache | None = None,
        device_statuses: Callable[[], Mapping[str, str]] | None = None,
        service_state: Callable[[], Mapping[str, str] | None] | None = None,
        calls_ended: Callable[[], Mapping[str, str]] | None = None,
        call_updates: Callable[[], Mapping[str, Mapping[str, Any]]] | None = None,
        clock: Clock | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.config = config
        self._outbox = outbox
        self._catalog_cache = catalog_cache
        self._status_cache = status_cache
        self._device_statuses = device_statuses or dict
        self._service_state = service_state or (lambda: None)
        self._calls_ended = calls_ended or dict
        self._call_updates = call_updates or dict
        self._clock: Clock = clock or SystemClock()
        self._rng = rng or random.Random()
        self._client = PlatformClient(config)

        self._online: bool | None = None
        self._credentials_refused = False
        self._gates = {e: _Gate() for e in Endpoint}
        # When the platform cannot be reached at all (no connection, TLS, timeout),
        # every endpoint waits: one probe at a time, not five, while the link is down.
        self._link = _Gate()
        self._link_words = LinkReporter()
        # Platform time minus ours, from its answers' Date headers (panel, heartbeat,
        # expiry checks); and when this agent (the kiosk process) started.
        self.clock_offset = ClockOffset()
        self._started_mono = self._clock.monotonic()
        self._caps: dict[str, Any] | None = None
        self._batch_off_until = 0.0
        now = self._clock.monotonic()
        self._caps_due = now
        self._heartbeat_due = now
        self._catalog_due = now
        self._retry_due: float | None = None
        self._recovered = False
        # The catalog this kiosk holds, as its heartbeat reports it (version, ETag); read
        # from the cache at the first heartbeat, then kept as catalogs arrive.
        self._catalog_held: tuple[str | None, str | None] | None = None
        # The last catalog ETag a heartbeat's answer made us fetch: a proxy that rewrites
        # ETags costs one fetch per published version, never one per heartbeat.
        self._catalog_told: str | None = None
        # One helper thread does the outbox writes in order (see _deliver_some).
        self._books = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-outbox")
        # The last write handed to it: one worker runs them in order, so once this one
        # is done every earlier one is too.
        self._last_write: Future[None] | None = None
        self._requeued_due: dt.datetime | None = None

        self._lock = threading.Lock()
        self._status_requests: deque[tuple[str, LookupProof | None]] = deque()
        # Watched calls: their callback and the last step heard (None: not answered yet).
        self._staff_calls: dict[uuid.UUID, Callable[[uuid.UUID, str], None]] = {}
        self._staff_steps: dict[uuid.UUID, str] = {}
        self._staff_until: dict[uuid.UUID, float] = {}  # monotonic end of following
        self._staff_due = 0.0
        self._errors: deque[SyncError] = deque(maxlen=200)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

        self._online_listeners: list[Callable[[bool], None]] = []
        self._delivery_listeners: list[Callable[[DeliveryEvent], None]] = []
        self._status_listeners: list[Callable[[StatusResult], None]] = []
        self._catalog_listeners: list[Callable[[bytes, str | None], None]] = []
        self._error_listeners: list[Callable[[SyncError], None]] = []
        self._exchange_listeners: list[Callable[[Exchange], None]] = []

    # --- listeners -----------------------------------------------------------

    def add_online_listener(self, cb: Callable[[bool], None]) -> None:
        """``cb(online)`` whenever reachability changes (first call after the first request)."""
        self._online_listeners.append(cb)

    def add_delivery_listener(self, cb: Callable[[DeliveryEvent], None]) -> None:
        """``cb(event)`` when a record is delivered, fails an attempt, or dies."""
        self._delivery_listeners.append(cb)

    def add_status_listener(self, cb: Callable[[StatusResult], None]) -> None:
        """``cb(result)`` answering :meth:`request_status`."""
        self._status_listeners.append(cb)

    def add_catalog_listener(self, cb: Callable[[bytes, str | None], None]) -> None:
        """``cb(body, etag)`` when a new catalog arrived (not on 304)."""
        self._catalog_listeners.append(cb)

    def add_exchange_listener(self, cb: Callable[[Exchange], None]) -> None:
        """``cb(exchange)`` after every request made to the platform (agent thread)."""
        self._exchange_listeners.append(cb)

    def add_error_listener(self, cb: Callable[[SyncError], None]) -> None:
        """``cb(error)`` for every failed exchange."""
        self._error_listeners.append(cb)

    # --- state ---------------------------------------------------------------

    @property
    def online(self) -> bool | None:
        """Whether the last request reached a working platform; None before the first one."""
        return self._online

    @property
    def running(self) -> bool:
        """Whether the agent thread is delivering (a record waiting now may soon arrive)."""
        return self._thread is not None and self._thread.is_alive()

    @property
    def credentials_refused(self) -> bool:
        """The platform answered 401/403 to this kiosk's certificate or token, and has
        accepted nothing since: a kiosk-level problem for the maintenance panel (records
        keep waiting, none is charged for it)."""
        return self._credentials_refused

    def recent_errors(self) -> list[SyncError]:
        """The last 200 errors, oldest first."""
        with self._lock:
            return list(self._errors)

    @property
    def blocked_for_s(self) -> float:
        """Seconds until submissions may be sent again (backoff or Retry-After); 0 when free."""
        return self._blocked_for(Endpoint.SUBMISSIONS)

    def _blocked_for(self, endpoint: Endpoint) -> float:
        return max(0.0, self._open_at(endpoint) - self._clock.monotonic())

    def _open_at(self, endpoint: Endpoint) -> float:
        return max(self._gates[endpoint].not_before, self._link.not_before)

    # --- control -------------------------------------------------------------

    def start(self) -> None:
        """Start the agent thread."""
        if self._thread is not None:
            raise RuntimeError("already started")
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="sync-agent", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the thread after the exchange in progress, and close connections."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("a sync exchange outlasted the %.0f s stop; not waited for", timeout)
            self._thread = None
        self._books.shutdown(wait=True)
        self._client.close()

    def wake(self) -> None:
        """Something was enqueued: look at the outbox now (a backoff still applies)."""
        self._wake.set()

    def retry_now(self) -> None:
        """A technician asked to send again: lift the submissions backoff and look now."""
        for gate in (self._gates[Endpoint.SUBMISSIONS], self._link):
            gate.not_before = 0.0
            gate.failures = 0
        self._wake.set()

    def request_status(self, tracking_number: str, proof: LookupProof | None = None) -> None:
        """Ask for a fresh status; the answer goes to the status listeners.

        Without ``proof`` nothing is asked of the platform (it would reveal nothing)
        and the answer is NOT_FOUND. Cached statuses are given only with a receipt
        proof, which the caller has verified offline.
        """
        with self._lock:
            self._status_requests.append((tracking_number, proof))
        self._wake.set()

    def watch_staff_call(
        self, call_id: uuid.UUID, on_step: Callable[[uuid.UUID, str], None]
    ) -> None:
        """Ask the platform every ``staff_call_poll_s`` how far staff got with ``call_id``
        on the console; ``on_step(call_id, step)`` (agent thread) once for each step heard:
        "acknowledged" (确认收到), "coming" (正在前往), "done" (已处理, then no more asking)."""
        with self._lock:
            self._staff_calls[call_id] = on_step
            self._staff_until[call_id] = self._clock.monotonic() + self.config.staff_call_follow_s
            while len(self._staff_calls) > MAX_WATCHED_CALLS:
                self._unwatch(next(iter(self._staff_calls)))
        self._staff_due = self._clock.monotonic()
        self._wake.set()

    def unwatch_staff_calls(self, call_ids: Iterable[uuid.UUID]) -> None:
        """Stop asking about ``call_ids``: their citizen has gone, nobody reads the answer."""
        with self._lock:
            for call_id in call_ids:
                self._unwatch(call_id)

    def refresh_catalog(self) -> None:
        """Check the catalog for changes on the next pass."""
        self._catalog_due = self._clock.monotonic()
        self._wake.set()

    def send_heartbeat_soon(self) -> None:
        """Send a heartbeat on the next pass (e.g. after a device status changed)."""
        self._heartbeat_due = self._clock.monotonic()
        self._wake.set()

    def link_changed(self) -> None:
        """The local link went down or came back (a cable, the demo's network switch):
        probe the platform at once, so the state shown follows the link and not the
        next heartbeat. One probe; if it fails the usual backoff applies again."""
        self._link.not_before = 0.0
        self._gates[Endpoint.HEARTBEAT].not_before = 0.0
        self.send_heartbeat_soon()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                delay = self.run_once()
            except Exception:
                if self._stop.is_set():
                    # Shutting down: the stores may close under the pass in progress
                    # (a stop that outwaited its join); nothing to tell anyone.
                    log.debug("sync pass cut short by the shutdown", exc_info=True)
                    break
                log.exception("sync pass failed")
                delay = min(60.0, self.config.backoff_cap_s)
            if self._stop.is_set():
                break
            if delay > 0:
                self._clock.wait(self._wake, delay)

    # --- one pass ------------------------------------------------------------

    def run_once(self) -> float:
        """Do whatever is due; returns seconds until something is due again.

        The thread calls this in a loop; tests call it directly with a manual clock.
        Each endpoint is looked at only when its own backoff allows.
        """
        if not self._recovered:
            recovered = self._outbox.recover_in_flight()
            if recovered:
                log.info("%d records left in flight by a crash are pending again", recovered)
            self._recovered = True
        self._serve_status_requests()
        mono = self._clock.monotonic()
        if self._staff_calls and mono >= self._staff_due and not self._gated(Endpoint.STATUS):
            self._poll_staff_calls()
        if mono >= self._caps_due and not self._gated(Endpoint.CAPABILITIES):
            self._fetch_capabilities()
        if mono >= self._heartbeat_due and not self._gated(Endpoint.HEARTBEAT):
            self._heartbeat()
        if mono >= self._catalog_due and not self._gated(Endpoint.CATALOG):
            self._pull_catalog()
        if not self._gated(Endpoint.SUBMISSIONS) and self._deliver_some():
            return 0.0
        mono = self._clock.monotonic()
        due = [
            max(self._heartbeat_due, self._open_at(Endpoint.HEARTBEAT)),
            max(self._catalog_due, self._open_at(Endpoint.CATALOG)),
            max(self._caps_due, self._open_at(Endpoint.CAPABILITIES)),
            mono + self.config.idle_poll_s,
        ]
        if self._staff_calls:
            due.append(max(self._staff_due, self._open_at(Endpoint.STATUS)))
        if self._retry_due is not None:
            due.append(max(self._retry_due, self._open_at(Endpoint.SUBMISSIONS)))
        elif self._gated(Endpoint.SUBMISSIONS):
            due.append(self._open_at(Endpoint.SUBMISSIONS))
        return max(0.0, min(due) - mono)

    def _gated(self, endpoint: Endpoint) -> bool:
        return self._clock.monotonic() < self._open_at(endpoint)

    # --- delivery ------------------------------------------------------------

    def _batch_limit(self) -> int:
        batch = (self._caps or {}).get("batch")
        if not isinstance(batch, dict) or self._clock.monotonic() < self._batch_off_until:
            return 1
        max_items = batch.get("max_items")
        limit = max_items if isinstance(max_items, int) and max_items > 0 else 1
        return max(1, min(self.config.batch_size, limit))

    def _deliver_some(self) -> bool:
        """Deliver due records until none is due, a failure blocks us, or the pass is full.

        Outbox bookkeeping runs on a helper thread, overlapped with the network: the
        next claim is made while the current exchange is on the wire, and its marks
        are written during the next one; one by one, records are claimed a few at a
        time. If an exchange leaves records undelivered, the claimed but unsent
        records are given back as failed with the same due time (error "deferred",
        never held against them), so the outbox's own order puts the older records
        first again. All writes are flushed before returning.
        """
        done = 0
        prefetch: Future[list[OutboxRecord]] | None = None
        try:
            while done < _MAX_PER_PASS and not self._stop.is_set():
                limit = self._batch_limit()
                # One by one, records are still claimed a few at a time: one claim
                # transaction per chunk instead of per record.
                chunk = limit if limit > 1 else _ONE_BY_ONE_CHUNK
                if prefetch is not None:
                    records, prefetch = prefetch.result(), None
                else:
                    records = self._outbox.claim(chunk, self._clock.now())
                if not records:
                    break
                # A claim that came back short found nothing else due: no claim ahead
                # (records enqueued meanwhile wake the next pass), and none to wait for.
                full = len(records) >= chunk
                if full and done + len(records) < _MAX_PER_PASS:
                    prefetch = self._books.submit(self._outbox.claim, chunk, self._clock.now())
                self._requeued_due = None
                if limit > 1 and len(records) > 1:
                    self._send_batch(records)
                else:
                    for i, rec in enumerate(records):
                        if self._gated(Endpoint.SUBMISSIONS):
                            self._defer(records[i:])
                            break
                        self._send_one(rec)
                done += len(records)
                if self._requeued_due is not None and prefetch is not None:
                    self._defer(prefetch.result())
                    prefetch = None
                if self._gated(Endpoint.SUBMISSIONS):
                    break
                self._serve_status_requests()
                if not full:
                    break
        finally:
            if prefetch is not None:
                self._defer(prefetch.result())
            self._flush_books()
        return done > 0

    def _defer(self, records: list[OutboxRecord]) -> None:
        """Give claimed but unsent records back, due with the records they queue behind."""
        if not records:
            return
        now = self._clock.now()
        due = self._requeued_due or now

        def write() -> None:
            for rec in records:
                state = self._outbox.mark_failed(
                    rec.id, "deferred: not sent", due, now, transient=True
                )
                self._emit(self._delivery_listeners, DeliveryEvent(rec.id, state, "deferred"))

        self._book(write)

    def _book(self, write: Callable[[], None]) -> None:
        """Hand an outbox write to the helper thread (run in order, after the earlier ones)."""
        self._last_write = self._books.submit(write)

    def _flush_books(self) -> None:
        """Wait until every outbox write submitted so far is done (none: no hand-off)."""
        last, self._last_write = self._last_write, None
        if last is not None:
            wait([last])

    def _body_item(self, rec: OutboxRecord, key: str | None) -> bytes | None:
        """The record as JSON, spliced around the stored payload bytes (never re-encoded).

        Every record of every batch passes here, so it is written for speed (it was
        ≈ 7 µs a record, a sixth of the agent's CPU per 20-record batch): the payload
        is checked to be one JSON object by the decoder's raw scan, and the head is
        written directly, byte for byte what ``json.dumps(head, ensure_ascii=False,
        separators=(",", ":"))`` wrote (tests/unit/sync/test_body_item.py).
        """
        payload = rec.payload
        if payload is None:
            return None
        try:
            text = payload.decode("utf-8").strip(" \t\n\r")  # JSON's whitespace
            value, end = _DECODER.raw_decode(text)
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None
        if not isinstance(value, dict) or end != len(text):
            return None
        tn = rec.tracking_number
        head = (
            '{"kind":' + _JSON_STR(rec.kind.value)
            + ',"tracking_number":' + ("null" if tn is None else _JSON_STR(tn))
            + ',"created_at":"' + _iso(rec.created_at) + '"'
        )  # fmt: skip
        if key is not None:
            head += ',"idempotency_key":' + _JSON_STR(key)
        return head.encode() + b',"payload":' + payload + b"}"

    def _send_one(self, rec: OutboxRecord) -> None:
        body = self._body_item(rec, None)
        if body is None:
            self._dead(rec, "payload is not a JSON object", "deliver", None)
            return
        out = self._request(
            Endpoint.SUBMISSIONS,
            "POST",
            SUBMISSIONS_PATH,
            body=body,
            headers={"Idempotency-Key": str(rec.id)},
        )
        unnamed = (
            f"{out.error or 'refused'} (answer does not name the record)"
            if out.kind is OutcomeKind.PERMANENT and out.status not in _AUTH_STATUSES
            else None
        )
        if out.ok:
            if _names(out.data, rec.id):
                self._gates[Endpoint.SUBMISSIONS].failures = 0
                self._delivered(rec.id)
            else:
                # A proxy's {"ok": true} or [] says nothing about this record.
                failure = self._failed(
                    Endpoint.SUBMISSIONS, "deliver", out, "answer does not name the record", rec
                )
                self._retry([rec.id], failure)
        elif out.kind is OutcomeKind.PERMANENT and out.status == 409:
            # The platform is still processing an earlier copy: look again shortly.
            self._retry_soon([rec.id], out.error or "in progress")
        elif (
            out.kind is OutcomeKind.PERMANENT
            and out.status not in _NEVER_THE_RECORDS_FAULT
            and _names(_json_or_none(out.raw), rec.id)
        ):
            self._dead(rec, out.error or "refused", "deliver", out.status)
        elif unnamed and self._gates[Endpoint.SUBMISSIONS].failures == 0:
            # A refusal that does not name the record, right after a success: maybe
            # this record's trouble, maybe a proxy's. It waits on its own backoff (never
            # dead) and the records behind it go on; a second one in a row shuts the
            # endpoint like any failure.
            self._gates[Endpoint.SUBMISSIONS].failures = 1
            base, cap = self.config.backoff_base_s, self.config.backoff_cap_s
            delay = full_jitter(rec.attempts + 1, base, cap, self._rng)
            error = unnamed
            self._record_error("deliver", error, out.status, True, rec)
            self._retry([rec.id], (error, delay))
        else:
            # Anything else — a 5xx, a throttle, refusals that do not name the record
            # (a proxy's 404s, our credentials) — is not the record's fault.
            failure = self._failed(Endpoint.SUBMISSIONS, "deliver", out, unnamed, rec)
            self._retry([rec.id], failure)

    def _send_batch(self, records: list[OutboxRecord]) -> None:
        items: list[bytes] = []
        sent: list[OutboxRecord] = []
        keys: list[str] = []  # each record's id as text, made once
        for rec in records:
            key = str(rec.id)
            item = self._body_item(rec, key)
            if item is None:
                self._dead(rec, "payload is not a JSON object", "batch", None)
            else:
                items.append(item)
                sent.append(rec)
                keys.append(key)
        if not sent:
            return
        path = str((self._caps or {}).get("batch", {}).get("path", SUBMISSIONS_PATH + "/batch"))
        out = self._request(
            Endpoint.SUBMISSIONS, "POST", path, body=b'{"items":[' + b",".join(items) + b"]}"
        )
        ids = [r.id for r in sent]
        if out.kind is OutcomeKind.PERMANENT and out.status not in _NEVER_THE_RECORDS_FAULT:
            # The batch as a whole was refused (maybe one bad item): go one by one for a
            # while, so only a bad record can die, and only for its own reason.
            self._batch_off_until = self._clock.monotonic() + self.config.catalog_refresh_s
            self._record_error("batch", out.error or "refused", out.status, False)
            self._retry_soon(ids, out.error or "batch refused", delay=0.0)
            return
        if not out.ok:
            self._retry(ids, self._failed(Endpoint.SUBMISSIONS, "batch", out, None))
            return
        results = out.data.get("results") if isinstance(out.data, dict) else None
        by_key: dict[str, dict[str, Any]] = {}
        if isinstance(results, list):
            for r in results:
                if isinstance(r, dict) and isinstance(r.get("idempotency_key"), str):
                    by_key[r["idempotency_key"]] = r
        # Accepted items are marked in one outbox transaction, before the others'
        # per-record failure marks (a 50-record batch used to cost 50 commits).
        accepted: list[uuid.UUID] = []
        refused: list[tuple[OutboxRecord, dict[str, Any] | None, object]] = []
        for rec, key in zip(sent, keys, strict=True):
            r = by_key.get(key)
            status = r.get("status") if r else None
            item_body = r.get("body") if r else None
            own = not isinstance(item_body, dict) or item_body.get("id") in (None, key)
            if isinstance(status, int) and 200 <= status < 300 and own:
                accepted.append(rec.id)
            else:
                refused.append((rec, r, status))
        if accepted:
            self._gates[Endpoint.SUBMISSIONS].failures = 0
        self._delivered_many(accepted)
        missing = [rec.id for rec, r, status in refused if not isinstance(status, int)]
        if missing:
            # The answer left records out: it cannot be trusted, back off like a failure.
            unsure = Outcome(OutcomeKind.RETRYABLE, out.status, reached=True)
            why = "missing from the batch answer"
            self._retry(missing, self._failed(Endpoint.SUBMISSIONS, "batch", unsure, why))
        for rec, r, status in refused:
            if not isinstance(status, int):
                continue
            if status in _AUTH_STATUSES:
                self._note_credentials_refused("batch", status)
                self._retry_soon([rec.id], f"HTTP {status} in batch: {CREDENTIALS_REFUSED}")
            elif 200 <= status < 300:
                self._retry_soon([rec.id], "batch answer for another record")
            elif status in _NEVER_THE_RECORDS_FAULT or status >= 500 or status < 400:
                self._retry_soon([rec.id], f"HTTP {status} in batch")
            else:
                detail = r.get("body", {}) if r else {}
                reason = detail.get("error") if isinstance(detail, dict) else None
                self._dead(rec, f"HTTP {status}: {reason or 'refused'}", "batch", status)

    def _delivered(self, record_id: uuid.UUID) -> None:
        now = self._clock.now()

        def write() -> None:
            self._outbox.mark_delivered(record_id, now)
            event = DeliveryEvent(record_id, RecordState.DELIVERED, None)
            self._emit(self._delivery_listeners, event)

        self._book(write)

    def _delivered_many(self, record_ids: list[uuid.UUID]) -> None:
        if not record_ids:
            return
        now = self._clock.now()

        def write() -> None:
            self._outbox.mark_delivered_many(record_ids, now)
            for rid in record_ids:
                self._emit(
                    self._delivery_listeners, DeliveryEvent(rid, RecordState.DELIVERED, None)
                )

        self._book(write)

    def _dead(self, rec: OutboxRecord, reason: str, op: str, status: int | None) -> None:
        now = self._clock.now()
        record_id = rec.id

        def write() -> None:
            self._outbox.mark_dead(record_id, reason, now)
            event = DeliveryEvent(record_id, RecordState.DEAD, reason)
            self._emit(self._delivery_listeners, event)

        self._book(write)
        self._record_error(op, reason, status, False, rec)

    def _retry(self, ids: list[uuid.UUID], failure: tuple[str, float]) -> None:
        error, delay = failure
        now = self._clock.now()
        due = now + dt.timedelta(seconds=delay)
        self._requeued_due = due if self._requeued_due is None else min(self._requeued_due, due)

        def write() -> None:
            for rid in ids:
                # Transient: counted, never held against the record.
                state = self._outbox.mark_failed(rid, error, due, now, transient=True)
                self._emit(self._delivery_listeners, DeliveryEvent(rid, state, error))

        self._book(write)
        self._note_retry(delay)

    def _retry_soon(self, ids: list[uuid.UUID], error: str, delay: float | None = None) -> None:
        # Not a platform failure (no endpoint backoff), just this record later.
        wait = self.config.backoff_base_s if delay is None else delay
        self._retry(ids, (error, wait))

    def _note_retry(self, delay: float) -> None:
        due = self._clock.monotonic() + delay
        self._retry_due = due if self._retry_due is None else min(self._retry_due, due)
        if self._retry_due <= self._clock.monotonic():
            self._retry_due = None

    # --- other exchanges -----------------------------------------------------

    def _fetch_capabilities(self) -> None:
        out = self._request(Endpoint.CAPABILITIES, "GET", "/v1/capabilities")
        mono = self._clock.monotonic()
        if out.ok and isinstance(out.data, dict):
            self._caps = out.data
            self._caps_due = mono + self.config.catalog_refresh_s
        elif out.kind is OutcomeKind.PERMANENT and out.status not in _AUTH_STATUSES:
            self._caps = {}  # an older platform: no batching
            self._caps_due = mono + self.config.catalog_refresh_s
        else:
            self._failed(Endpoint.CAPABILITIES, "capabilities", out, None)

    def _catalog_now_held(self) -> tuple[str | None, str | None]:
        """(version, ETag) of the catalog held: the cached one, until one arrives."""
        if self._catalog_held is None:
            cached = self._catalog_cache.load() if self._catalog_cache else None
            self._catalog_held = (
                (_catalog_version(_json_or_none(cached.services_json)), cached.etag)
                if cached is not None
                else (None, None)
            )
        return self._catalog_held

    def _heard_heartbeat_answer(self, data: Any) -> None:
        """Act on a heartbeat's answer: a catalog other than ours is fetched in this very
        pass (the hourly check stays for platforms that do not say)."""
        if not isinstance(data, dict):
            return
        told = data.get("catalog_etag")
        if isinstance(told, str) and told:
            held = self._catalog_now_held()[1]
            if _bare_etag(told) != _bare_etag(held) and told != self._catalog_told:
                self._catalog_told = told
                self._catalog_due = self._clock.monotonic()

    def _heartbeat(self) -> None:
        now = self._clock.now()
        self._heartbeat_due = self._clock.monotonic() + self.config.heartbeat_s
        stats = self._outbox.stats(now)
        try:
            devices = {str(k): str(v) for k, v in self._device_statuses().items()}
        except Exception:
            log.exception("device status callback failed")
            devices = {}
        beat: dict[str, Any] = {
            "kiosk_id": self.config.kiosk_id,
            "version": self.config.version,
            "sent_at": _iso(now),
            "devices": devices,
            "queue": {
                "pending": stats.pending,
                "sending": stats.sending,
                "failed": stats.failed,
                "dead": stats.dead,
            },
            "oldest_pending_age_s": stats.oldest_pending_age_s,
            "uptime_s": round(self._clock.monotonic() - self._started_mono),
            "clock_offset_s": self.clock_offset.offset_s,
            **({"location": self.config.location} if self.config.location else {}),
            **({"location_en": self.config.location_en} if self.config.location_en else {}),
        }
        try:
            service = self._service_state()
        except Exception:
            log.exception("service state callback failed")
            service = None
        if service is not None:
            beat["service"] = dict(service)
        try:
            ended = dict(self._calls_ended())
        except Exception:
            log.exception("ended calls callback failed")
            ended = {}
        if ended:
            # Staff calls whose citizen's journey has ended: the hall's console says so
            # on their rows (try-out 15, K4). Call ids and times only.
            beat["calls_ended"] = ended
        try:
            updates = {str(k): dict(v) for k, v in self._call_updates().items()}
        except Exception:
            log.exception("call updates callback failed")
            updates = {}
        if updates:
            # Staff calls' follow-ups: asked again, the printer back, the receipt printed
            # since (try-out 17, C1/K1). Ids, counts, device states and times only.
            beat["call_updates"] = updates
        version, etag = self._catalog_now_held()
        if version is not None:
            beat["catalog_version"] = version
        if etag is not None:
            beat["catalog_etag"] = etag
        out = self._request(
            Endpoint.HEARTBEAT, "POST", "/v1/heartbeat", body=json.dumps(beat).encode()
        )
        if out.ok:
            self._heard_heartbeat_answer(out.data)
        else:
            self._failed(Endpoint.HEARTBEAT, "heartbeat", out, None)

    def _pull_catalog(self) -> None:
        cached = self._catalog_cache.load() if self._catalog_cache else None
        headers = {"If-None-Match": cached.etag} if cached and cached.etag else {}
        out = self._request(Endpoint.CATALOG, "GET", "/v1/catalog", headers=headers)
        mono = self._clock.monotonic()
        if out.kind is OutcomeKind.NOT_MODIFIED:
            if self._catalog_cache is not None:
                self._catalog_cache.confirm(self._clock.now())
            self._catalog_due = mono + self.config.catalog_refresh_s
            return
        if out.ok and isinstance(out.data, dict) and isinstance(out.data.get("services"), list):
            etag = (out.headers or {}).get("etag")
            if self._catalog_cache is not None:
                self._catalog_cache.save(out.raw, etag, self._clock.now())
            self._catalog_due = mono + self.config.catalog_refresh_s
            # Another catalog than one held and reported (not the first of a kiosk that
            # had none: its next heartbeat says it, no extra one at every start-up).
            before = self._catalog_held[1] if self._catalog_held is not None else None
            changed = before is not None and before != etag
            self._catalog_held = (_catalog_version(out.data), etag)
            self._emit2(self._catalog_listeners, out.raw, etag)
            if changed:
                # The fleet page shows the new version now, not a heartbeat later.
                self._heartbeat_due = min(self._heartbeat_due, mono)
            return
        if out.ok:
            out = Outcome(
                OutcomeKind.RETRYABLE, out.status, error="catalog is not a catalog", reached=True
            )
        self._failed(Endpoint.CATALOG, "catalog", out, None)
        self._catalog_due = mono + self.config.backoff_base_s

    def _unwatch(self, call_id: uuid.UUID) -> None:
        """Stop following ``call_id`` (the lock held)."""
        self._staff_calls.pop(call_id, None)
        self._staff_steps.pop(call_id, None)
        self._staff_until.pop(call_id, None)

    def _poll_staff_calls(self) -> None:
        mono = self._clock.monotonic()
        self._staff_due = mono + self.config.staff_call_poll_s
        with self._lock:
            for call_id in [c for c, until in self._staff_until.items() if mono >= until]:
                self._unwatch(call_id)
            watched = list(self._staff_calls.items())
        for call_id, on_step in watched:
            out = self._request(Endpoint.STATUS, "GET", STAFF_CALL_PATH.format(call_id))
            if out.ok:
                data = out.data if isinstance(out.data, dict) else {}
                if data.get("state") != "acknowledged":
                    continue
                # A platform from before the hall's steps says only "acknowledged".
                step = data.get("step") or "acknowledged"
                if step not in STAFF_CALL_STEPS:
                    continue
                with self._lock:
                    if self._staff_steps.get(call_id) == step:
                        continue  # heard already
                    self._staff_steps[call_id] = step
                    if step == "done":  # closed: nothing more will come
                        self._unwatch(call_id)
                on_step(call_id, step)
            elif not (out.kind is OutcomeKind.PERMANENT and out.status == 404):
                # 404: not delivered yet, ask again later; anything else backs off. Named
                # as what it is, asking how staff answered a call already made: under
                # "staff call" the panel read as calls that failed (try-out 17, T1).
                self._failed(Endpoint.STATUS, "staff_call_state", out, None)
                return

    def _serve_status_requests(self) -> None:
        while True:
            with self._lock:
                if not self._status_requests:
                    return
                tn, proof = self._status_requests.popleft()
            self._emit(self._status_listeners, self._fetch_status(tn, proof))

    def _fetch_status(self, tn: str, proof: LookupProof | None) -> StatusResult:
        if proof is None:
            # A bare number: the platform would reveal nothing, neither does the cache.
            return StatusResult(tn, StatusOutcome.NOT_FOUND, None, None, False)
        outcome = StatusOutcome.OFFLINE
        if not self._gated(Endpoint.STATUS):
            body = json.dumps({"tracking_number": tn, **proof.as_json()}).encode()
            out = self._request(Endpoint.STATUS, "POST", STATUS_LOOKUP_PATH, body=body)
            if out.ok and isinstance(out.data, dict):
                now = self._clock.now()
                if self._status_cache is not None:
                    self._status_cache.put(tn, out.raw, now)
                return StatusResult(tn, StatusOutcome.FOUND, out.data, now, False)
            if out.kind is OutcomeKind.PERMANENT and out.status == 404:
                return StatusResult(tn, StatusOutcome.NOT_FOUND, None, None, False)
            if out.status == 429:
                outcome = StatusOutcome.THROTTLED
            if out.kind is OutcomeKind.PERMANENT and out.status not in _AUTH_STATUSES:
                self._record_error("status", out.error or "refused", out.status, False)
            else:
                self._failed(Endpoint.STATUS, "status", out, None)
        data: dict[str, Any] | None = None
        cached = (
            self._status_cache.get(tn)
            if self._status_cache is not None and proof.from_receipt
            else None
        )
        if cached is not None:
            loaded = _json_or_none(cached.status_json)
            data = loaded if isinstance(loaded, dict) else None
        return StatusResult(tn, outcome, data, cached.fetched_at if cached else None, True)

    # --- plumbing ------------------------------------------------------------

    def _request(
        self,
        endpoint: Endpoint,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Outcome:
        if self._gated(endpoint):  # callers check too; this is the guarantee
            return Outcome(OutcomeKind.RETRYABLE, error="backing off")
        sent = self._clock.now()
        if self._exchange_listeners:
            mono, wall, t = self._clock.monotonic(), time.time(), time.perf_counter()
            out = self._client.request(method, path, sent, body=body, headers=headers)
            seconds = time.perf_counter() - t
            self._emit(
                self._exchange_listeners, Exchange(method, path, mono, wall, seconds, out.status)
            )
        else:
            out = self._client.request(method, path, sent, body=body, headers=headers)
        self._link_words.saw(out)  # why the platform is down, logged once per change
        if out.status is not None:
            self.clock_offset.observe((out.headers or {}).get("date"), sent, self._clock.now())
        online = out.reached and (out.status is None or out.status < 500)
        if out.status is not None:
            self._link.failures = 0
        if out.status in _AUTH_STATUSES:
            self._note_credentials_refused(endpoint.value, out.status)
        elif out.kind in (OutcomeKind.OK, OutcomeKind.NOT_MODIFIED):
            # Only a success ends a run of failures: a proxy's 404 must keep backing off.
            # For submissions, only a confirmed delivery is a success (see _confirmed).
            if endpoint is not Endpoint.SUBMISSIONS:
                self._gates[endpoint].failures = 0
            self._credentials_refused = False
        self._set_online(online)
        return out

    def _note_credentials_refused(self, op: str, status: int | None) -> None:
        if not self._credentials_refused:
            log.error("%s (HTTP %s on %s)", CREDENTIALS_REFUSED, status, op)
        self._credentials_refused = True

    def _failed(
        self,
        endpoint: Endpoint,
        op: str,
        out: Outcome,
        message: str | None,
        rec: OutboxRecord | None = None,
    ) -> tuple[str, float]:
        """Book a failure of ``endpoint``: error record, that endpoint's backoff.

        Returns (error, delay). A ``Retry-After`` is obeyed up to the configured cap:
        a proxy's "come back tomorrow" must not stop a kiosk for a day.
        """
        if out.status in _AUTH_STATUSES:
            error = f"HTTP {out.status}: {CREDENTIALS_REFUSED}"
        else:
            error = message or out.error or "failed"
        base, cap = self.config.backoff_base_s, self.config.backoff_cap_s
        # The heartbeat is the probe that tells an offline kiosk the platform is back:
        # it never sleeps longer than its own period, so after an outage the fleet
        # returns spread by the jitter, not held back by a grown backoff.
        probe_cap = max(base, min(cap, self.config.heartbeat_s))
        mono = self._clock.monotonic()
        delay = 0.0
        if out.status is None:
            # Nothing answered: the link is down for every endpoint, not just this one.
            self._link.failures += 1
            delay = full_jitter(self._link.failures, base, probe_cap, self._rng)
            self._link.not_before = max(self._link.not_before, mono + delay)
        if not out.link_down:
            # The endpoint's own backoff. A connection that could not be made or kept
            # says nothing about the endpoint (the link's gate above holds every
            # endpoint back): its failures would otherwise keep deliveries shut for up
            # to the cap after heartbeats found the platform back.
            gate = self._gates[endpoint]
            gate.failures += 1
            own_cap = probe_cap if endpoint is Endpoint.HEARTBEAT else cap
            delay = full_jitter(gate.failures, base, own_cap, self._rng)
            if out.retry_after_s is not None:
                # At least as told (capped), plus a little spread so a fleet does not
                # return in step; a platform that keeps saying "5 s" still sees the
                # backoff grow.
                told = min(out.retry_after_s, self.config.retry_after_cap_s)
                delay = max(delay, told + self._rng.uniform(0.0, base))
            gate.not_before = max(gate.not_before, mono + delay)
        self._record_error(op, error, out.status, True, rec)
        return error, delay

    def _record_error(
        self,
        op: str,
        message: str,
        status: int | None,
        retryable: bool,
        rec: OutboxRecord | None = None,
    ) -> None:
        """Keep a failed exchange for the panel: with the record it carried, if one."""
        rid, kind = (rec.id, rec.kind) if rec is not None else (None, None)
        err = SyncError(self._clock.now(), op, message, status, retryable, rid, kind)
        with self._lock:
            self._errors.append(err)
        log.info("sync %s failed: %s", op, message)
        self._emit(self._error_listeners, err)

    def _set_online(self, online: bool) -> None:
        if not online:
            # In doubt: the next heartbeat probes as soon as its backoff (full jitter,
            # capped) allows, not a whole heartbeat period later, so "offline" on the
            # screen ends within one backoff of the platform's return.
            self._heartbeat_due = min(self._heartbeat_due, self._clock.monotonic())
        if online != self._online:
            self._online = online
            self._emit(self._online_listeners, online)

    @staticmethod
    def _emit(listeners: list[Callable[[_T], None]], value: _T) -> None:
        for cb in list(listeners):
            try:
                cb(value)
            except Exception:
                log.exception("sync listener failed")

    @staticmethod
    def _emit2(
        listeners: list[Callable[[bytes, str | None], None]], a: bytes, b: str | None
    ) -> None:
        for cb in list(listeners):
            try:
                cb(a, b)
            except Exception:
                log.exception("sync listener failed")
