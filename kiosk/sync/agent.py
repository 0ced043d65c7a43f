"""The sync agent: drains the outbox to the platform on its own thread.

Rules it keeps:

- oldest first, one record (or one batch, when the platform offers batching) at
  a time; the body is built only from the stored record, so a retry — even
  after a crash — sends the same bytes under the same ``Idempotency-Key`` (the
  record id), and the platform stores it once;
- retryable failures (timeouts, connection errors, 5xx, 408, 429, answers it
  cannot read) back off exponentially with full jitter, capped, and a
  ``Retry-After`` is honoured: no request of any kind goes out before it
  expires; other 4xx answers mark the record dead with the reason kept;
- online/offline is what the last real request showed, reported on change.

Listeners are plain callables, called on the agent's threads (delivery events
on its outbox helper thread); they must not block.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
import threading
import urllib.parse
import uuid
from collections import deque
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

import requests

from kiosk.sync.backoff import full_jitter
from kiosk.sync.clock import Clock, SystemClock
from kiosk.sync.config import SyncConfig
from kiosk.sync.http import Outcome, OutcomeKind, PlatformClient
from offline_cache.cache_protocol import CatalogCache, StatusCache
from offline_cache.outbox_protocol import Outbox, OutboxRecord, RecordState

log = logging.getLogger(__name__)

SUBMISSIONS_PATH = "/v1/submissions"
# Deliveries per pass before the loop looks at heartbeat and catalog timers again.
_MAX_PER_PASS = 500
# Records claimed per claim when sending one by one (unsent ones are given back).
_ONE_BY_ONE_CHUNK = 8
_T = TypeVar("_T")


class StatusOutcome(StrEnum):
    """What a status request found."""

    FOUND = "found"  # fresh from the platform
    NOT_FOUND = "not_found"  # the platform does not know the number (yet)
    OFFLINE = "offline"  # platform unreachable or throttling; ``data`` is the cached copy


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


@dataclass(frozen=True, slots=True)
class DeliveryEvent:
    """A record changed state because of a delivery attempt."""

    record_id: uuid.UUID
    state: RecordState
    error: str | None


def _iso(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


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
        clock: Clock | None = None,
        rng: random.Random | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.config = config
        self._outbox = outbox
        self._catalog_cache = catalog_cache
        self._status_cache = status_cache
        self._device_statuses = device_statuses or dict
        self._clock: Clock = clock or SystemClock()
        self._rng = rng or random.Random()
        self._client = PlatformClient(config, session)

        self._online: bool | None = None
        self._failures = 0  # consecutive retryable failures
        self._not_before = 0.0  # monotonic; nothing is sent before it
        self._caps: dict[str, Any] | None = None
        self._batch_off_until = 0.0
        now = self._clock.monotonic()
        self._caps_due = now
        self._heartbeat_due = now
        self._catalog_due = now
        self._retry_due: float | None = None
        self._recovered = False
        # One helper thread does the outbox writes in order (see _deliver_some).
        self._books = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-outbox")
        self._requeued_due: dt.datetime | None = None

        self._lock = threading.Lock()
        self._status_requests: deque[str] = deque()
        self._errors: deque[SyncError] = deque(maxlen=200)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

        self._online_listeners: list[Callable[[bool], None]] = []
        self._delivery_listeners: list[Callable[[DeliveryEvent], None]] = []
        self._status_listeners: list[Callable[[StatusResult], None]] = []
        self._catalog_listeners: list[Callable[[bytes, str | None], None]] = []
        self._error_listeners: list[Callable[[SyncError], None]] = []

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

    def add_error_listener(self, cb: Callable[[SyncError], None]) -> None:
        """``cb(error)`` for every failed exchange."""
        self._error_listeners.append(cb)

    # --- state ---------------------------------------------------------------

    @property
    def online(self) -> bool | None:
        """Whether the last request reached a working platform; None before the first one."""
        return self._online

    def recent_errors(self) -> list[SyncError]:
        """The last 200 errors, oldest first."""
        with self._lock:
            return list(self._errors)

    @property
    def blocked_for_s(self) -> float:
        """Seconds until the agent may send again (backoff or Retry-After); 0 when free."""
        return max(0.0, self._not_before - self._clock.monotonic())

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
            self._thread = None
        self._books.shutdown(wait=True)
        self._client.close()

    def wake(self) -> None:
        """Something was enqueued: look at the outbox now (a backoff still applies)."""
        self._wake.set()

    def request_status(self, tracking_number: str) -> None:
        """Ask for a fresh status; the answer goes to the status listeners."""
        with self._lock:
            self._status_requests.append(tracking_number)
        self._wake.set()

    def refresh_catalog(self) -> None:
        """Check the catalog for changes on the next pass."""
        self._catalog_due = self._clock.monotonic()
        self._wake.set()

    def send_heartbeat_soon(self) -> None:
        """Send a heartbeat on the next pass (e.g. after a device status changed)."""
        self._heartbeat_due = self._clock.monotonic()
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                delay = self.run_once()
            except Exception:
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
        """
        if not self._recovered:
            recovered = self._outbox.recover_in_flight()
            if recovered:
                log.info("%d records left in flight by a crash are pending again", recovered)
            self._recovered = True
        self._serve_status_requests()
        if self._gated():
            return self.blocked_for_s
        mono = self._clock.monotonic()
        if mono >= self._caps_due:
            self._fetch_capabilities()
        if not self._gated() and mono >= self._heartbeat_due:
            self._heartbeat()
        if not self._gated() and mono >= self._catalog_due:
            self._pull_catalog()
        if self._gated():
            return self.blocked_for_s
        if self._deliver_some():
            return 0.0
        if self._gated():
            return self.blocked_for_s
        mono = self._clock.monotonic()
        due = [
            self._heartbeat_due,
            self._catalog_due,
            self._caps_due,
            mono + self.config.idle_poll_s,
        ]
        if self._retry_due is not None:
            due.append(self._retry_due)
        return max(0.0, min(due) - mono)

    def _gated(self) -> bool:
        return self._clock.monotonic() < self._not_before

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
        records are given back as failed with the same due time (one attempt
        counted, error "deferred"), so the outbox's own order puts the older records
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
                if done + len(records) < _MAX_PER_PASS:
                    prefetch = self._books.submit(self._outbox.claim, chunk, self._clock.now())
                self._requeued_due = None
                if limit > 1 and len(records) > 1:
                    self._send_batch(records)
                else:
                    for i, rec in enumerate(records):
                        if self._gated():
                            self._defer(records[i:])
                            break
                        self._send_one(rec)
                done += len(records)
                if self._requeued_due is not None and prefetch is not None:
                    self._defer(prefetch.result())
                    prefetch = None
                if self._gated():
                    break
                self._serve_status_requests()
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
                state = self._outbox.mark_failed(rec.id, "deferred: not sent", due, now)
                self._emit(self._delivery_listeners, DeliveryEvent(rec.id, state, "deferred"))

        self._books.submit(write)

    def _flush_books(self) -> None:
        """Wait until every outbox write submitted so far is done."""
        self._books.submit(lambda: None).result()

    def _body_item(self, rec: OutboxRecord, with_key: bool) -> bytes | None:
        """The record as JSON, spliced around the stored payload bytes (never re-encoded)."""
        payload = rec.payload
        if payload is None:
            return None
        try:
            if not isinstance(json.loads(payload), dict):
                return None
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None
        head: dict[str, Any] = {
            "kind": rec.kind.value,
            "tracking_number": rec.tracking_number,
            "created_at": _iso(rec.created_at),
        }
        if with_key:
            head["idempotency_key"] = str(rec.id)
        prefix = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1].encode()
        return prefix + b',"payload":' + payload + b"}"

    def _send_one(self, rec: OutboxRecord) -> None:
        body = self._body_item(rec, with_key=False)
        if body is None:
            self._dead(rec.id, "payload is not a JSON object", "deliver", None)
            return
        out = self._request(
            "POST", SUBMISSIONS_PATH, body=body, headers={"Idempotency-Key": str(rec.id)}
        )
        if out.ok:
            if isinstance(out.data, dict) and out.data.get("id") not in (None, str(rec.id)):
                self._retry([rec.id], self._failed("deliver", out, "answer for another record"))
                return
            self._delivered(rec.id)
        elif out.kind is OutcomeKind.PERMANENT and out.status == 409:
            # The platform is still processing an earlier copy: look again shortly.
            self._retry_soon([rec.id], out.error or "in progress")
        elif out.kind is OutcomeKind.PERMANENT:
            self._dead(rec.id, out.error or "refused", "deliver", out.status)
        else:
            self._retry([rec.id], self._failed("deliver", out, None, rec.id))

    def _send_batch(self, records: list[OutboxRecord]) -> None:
        items: list[bytes] = []
        sent: list[OutboxRecord] = []
        for rec in records:
            item = self._body_item(rec, with_key=True)
            if item is None:
                self._dead(rec.id, "payload is not a JSON object", "batch", None)
            else:
                items.append(item)
                sent.append(rec)
        if not sent:
            return
        path = str((self._caps or {}).get("batch", {}).get("path", SUBMISSIONS_PATH + "/batch"))
        out = self._request("POST", path, body=b'{"items":[' + b",".join(items) + b"]}")
        ids = [r.id for r in sent]
        if out.kind is OutcomeKind.PERMANENT:
            # The batch as a whole was refused (maybe one bad item): go one by one for a
            # while, so only a bad record can die, and only for its own reason.
            self._batch_off_until = self._clock.monotonic() + self.config.catalog_refresh_s
            self._record_error("batch", out.error or "refused", out.status, False)
            self._retry_soon(ids, out.error or "batch refused", delay=0.0)
            return
        if not out.ok:
            self._retry(ids, self._failed("batch", out, None))
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
        for rec in sent:
            r = by_key.get(str(rec.id))
            status = r.get("status") if r else None
            if isinstance(status, int) and 200 <= status < 300:
                accepted.append(rec.id)
            else:
                refused.append((rec, r, status))
        self._delivered_many(accepted)
        for rec, r, status in refused:
            if not isinstance(status, int):
                self._retry_soon([rec.id], "missing from the batch answer")
            elif status in (408, 409, 429) or status >= 500:
                self._retry_soon([rec.id], f"HTTP {status} in batch")
            else:
                detail = r.get("body", {}) if r else {}
                reason = detail.get("error") if isinstance(detail, dict) else None
                self._dead(rec.id, f"HTTP {status}: {reason or 'refused'}", "batch", status)

    def _delivered(self, record_id: uuid.UUID) -> None:
        now = self._clock.now()

        def write() -> None:
            self._outbox.mark_delivered(record_id, now)
            event = DeliveryEvent(record_id, RecordState.DELIVERED, None)
            self._emit(self._delivery_listeners, event)

        self._books.submit(write)

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

        self._books.submit(write)

    def _dead(self, record_id: uuid.UUID, reason: str, op: str, status: int | None) -> None:
        now = self._clock.now()

        def write() -> None:
            self._outbox.mark_dead(record_id, reason, now)
            event = DeliveryEvent(record_id, RecordState.DEAD, reason)
            self._emit(self._delivery_listeners, event)

        self._books.submit(write)
        self._record_error(op, reason, status, False, record_id)

    def _retry(self, ids: list[uuid.UUID], failure: tuple[str, float]) -> None:
        error, delay = failure
        now = self._clock.now()
        due = now + dt.timedelta(seconds=delay)
        self._requeued_due = due if self._requeued_due is None else min(self._requeued_due, due)

        def write() -> None:
            for rid in ids:
                state = self._outbox.mark_failed(rid, error, due, now)
                self._emit(self._delivery_listeners, DeliveryEvent(rid, state, error))

        self._books.submit(write)
        self._note_retry(delay)

    def _retry_soon(self, ids: list[uuid.UUID], error: str, delay: float | None = None) -> None:
        # Not a platform failure (no global backoff), just this record later.
        wait = self.config.backoff_base_s if delay is None else delay
        self._retry(ids, (error, wait))

    def _note_retry(self, delay: float) -> None:
        due = self._clock.monotonic() + delay
        self._retry_due = due if self._retry_due is None else min(self._retry_due, due)
        if self._retry_due <= self._clock.monotonic():
            self._retry_due = None

    # --- other exchanges -----------------------------------------------------

    def _fetch_capabilities(self) -> None:
        out = self._request("GET", "/v1/capabilities")
        mono = self._clock.monotonic()
        if out.ok and isinstance(out.data, dict):
            self._caps = out.data
            self._caps_due = mono + self.config.catalog_refresh_s
        elif out.kind is OutcomeKind.PERMANENT:
            self._caps = {}  # an older platform: no batching
            self._caps_due = mono + self.config.catalog_refresh_s
        else:
            self._failed("capabilities", out, None)
            self._caps_due = self._not_before

    def _heartbeat(self) -> None:
        now = self._clock.now()
        self._heartbeat_due = self._clock.monotonic() + self.config.heartbeat_s
        stats = self._outbox.stats(now)
        try:
            devices = {str(k): str(v) for k, v in self._device_statuses().items()}
        except Exception:
            log.exception("device status callback failed")
            devices = {}
        beat = {
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
        }
        out = self._request("POST", "/v1/heartbeat", body=json.dumps(beat).encode())
        if not out.ok:
            self._failed("heartbeat", out, None)

    def _pull_catalog(self) -> None:
        cached = self._catalog_cache.load() if self._catalog_cache else None
        headers = {"If-None-Match": cached.etag} if cached and cached.etag else {}
        out = self._request("GET", "/v1/catalog", headers=headers)
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
            self._emit2(self._catalog_listeners, out.raw, etag)
            return
        if out.ok:
            out = Outcome(
                OutcomeKind.RETRYABLE, out.status, error="catalog is not a catalog", reached=True
            )
        self._failed("catalog", out, None)
        self._catalog_due = max(self._not_before, mono + self.config.backoff_base_s)

    def _serve_status_requests(self) -> None:
        while True:
            with self._lock:
                if not self._status_requests:
                    return
                tn = self._status_requests.popleft()
            self._emit(self._status_listeners, self._fetch_status(tn))

    def _fetch_status(self, tn: str) -> StatusResult:
        cached = self._status_cache.get(tn) if self._status_cache else None
        if not self._gated():
            out = self._request("GET", "/v1/status/" + urllib.parse.quote(tn, safe=""))
            if out.ok and isinstance(out.data, dict):
                now = self._clock.now()
                if self._status_cache is not None:
                    self._status_cache.put(tn, out.raw, now)
                return StatusResult(tn, StatusOutcome.FOUND, out.data, now, False)
            if out.kind is OutcomeKind.PERMANENT and out.status == 404:
                return StatusResult(tn, StatusOutcome.NOT_FOUND, None, None, False)
            if out.kind is OutcomeKind.PERMANENT:
                self._record_error("status", out.error or "refused", out.status, False)
            else:
                self._failed("status", out, None)
        data: dict[str, Any] | None = None
        if cached is not None:
            try:
                loaded = json.loads(cached.status_json)
                data = loaded if isinstance(loaded, dict) else None
            except (UnicodeDecodeError, json.JSONDecodeError):
                data = None
        return StatusResult(
            tn, StatusOutcome.OFFLINE, data, cached.fetched_at if cached else None, True
        )

    # --- plumbing ------------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Outcome:
        if self._gated():  # callers check too; this is the guarantee
            return Outcome(OutcomeKind.RETRYABLE, error="backing off")
        out = self._client.request(method, path, self._clock.now(), body=body, headers=headers)
        online = out.reached and (out.status is None or out.status < 500)
        if out.kind is not OutcomeKind.RETRYABLE:
            self._failures = 0
        self._set_online(online)
        return out

    def _failed(
        self, op: str, out: Outcome, message: str | None, record_id: uuid.UUID | None = None
    ) -> tuple[str, float]:
        """Book a retryable failure: error record, global backoff. Returns (error, delay)."""
        error = message or out.error or "failed"
        self._failures += 1
        delay = full_jitter(
            self._failures, self.config.backoff_base_s, self.config.backoff_cap_s, self._rng
        )
        if out.retry_after_s is not None:
            # Exactly when told, plus a little spread so a fleet does not return in step.
            delay = out.retry_after_s + self._rng.uniform(0.0, self.config.backoff_base_s)
        self._not_before = max(self._not_before, self._clock.monotonic() + delay)
        self._record_error(op, error, out.status, True, record_id)
        return error, delay

    def _record_error(
        self,
        op: str,
        message: str,
        status: int | None,
        retryable: bool,
        record_id: uuid.UUID | None = None,
    ) -> None:
        err = SyncError(self._clock.now(), op, message, status, retryable, record_id)
        with self._lock:
            self._errors.append(err)
        log.info("sync %s failed: %s", op, message)
        self._emit(self._error_listeners, err)

    def _set_online(self, online: bool) -> None:
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
