"""The reference central platform: the HTTP API the kiosk fleet talks to.

Closed by default: every ``/v1`` route except the public e-ID keys needs an
authenticated kiosk (mTLS certificate or per-kiosk token, see central.auth),
``/admin`` and e-ID issuing need the admin token, and a kiosk can act only
under its own id and its own tracking-number namespace. Status lookups need
proof of possession (receipt code or last 4 characters of the ID number).

Idempotency: a submission is stored under its ``Idempotency-Key`` together with
a hash of its canonical JSON body. The same key with the same body answers the
original response again (header ``Idempotent-Replayed: true``); the same key
with a different body is a client bug (422); a second request for a key whose
first request is still being processed gets 409, so the client retries later
instead of both being stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import pydantic_core
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request, Response
from fastapi import Path as FastApiPath
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from central import catalog_seed, queue, status_page
from central.auth import (
    KioskIdentity,
    KioskRegistry,
    check_setup,
    code_for,
    tracking_kiosk_code,
)
from central.batch_route import BatchFastPath
from central.console.accounts import StaffStore
from central.console.cases import due_date
from central.console.routes import ConsoleDeps, mount
from central.crypto import FieldCipher
from central.eid import EidIssuer
from central.faults import FaultMiddleware, FaultRule, FaultSchedule
from central.limits import BodyLimitMiddleware, RateLimiter, too_many
from central.models import (
    AdvanceIn,
    AttachmentOut,
    BatchIn,
    BatchOut,
    Capabilities,
    Catalog,
    EidIssueIn,
    EidIssueOut,
    FaultsIn,
    HeartbeatIn,
    HeartbeatOut,
    HeldTicketIn,
    Jwks,
    QueueTicketOut,
    SlotsOut,
    StaffCallOut,
    StatusLookupIn,
    StatusOut,
    SubmissionIn,
    SubmissionOut,
)
from central.store import (
    ACCEPTED_COUNTER_NOTE,
    ALLOWED_NEXT,
    BOOKING_NOTES,
    COMPLAINT_NOTES,
    FINAL_STATUSES,
    OWNS_TRACKING_NUMBER,
    STATUS_FLOW,
    STATUS_NOTES,
    PlatformStore,
    Refused,
    canonical_json,
    iso,
)
from central.tls import PEER_CN
from central.tracking_text import stored_form

log = logging.getLogger(__name__)

API_NAME = "kiosk-central/1"
BATCH_PATH = "/v1/submissions/batch"
# How stale the catalog ETag in a heartbeat's answer may be (another process published).
_CATALOG_RECHECK_S = 1.0
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class PlatformConfig:
    """How one platform instance behaves."""

    db_path: str | Path = ":memory:"
    eid_key_path: Path | None = None
    # AES-GCM key of the personal data at rest (None: an in-memory key, for tests).
    data_key_path: Path | None = None
    # Authentication (central.auth): the admin credential (None: no admin access at
    # all), whether kiosks present client certificates, the kiosk registry, and the
    # explicit development mode that trusts the X-Kiosk-Id header (loopback only).
    admin_token: str | None = None
    mtls: bool = False
    registry: KioskRegistry | None = None
    insecure_dev: bool = False
    # e-ID: key id in the JWS header (None: RFC 7638 thumbprint) and the iss claim.
    eid_kid: str | None = "1"
    eid_issuer: str = "kiosk-central"
    # Demo timer: a status moves one step on after this many seconds (None: admin only).
    advance_every_s: float | None = None
    # Test aid: hold a submission this long inside its idempotency window.
    submit_delay_s: float = 0.0
    batch_max_items: int = 100
    batch_enabled: bool = True
    max_attachment_bytes: int = 20 * 1024 * 1024
    # Any other request body (a full batch of records fits easily).
    max_body_bytes: int = 4 * 1024 * 1024
    # Status lookups per client per minute, and wrong proofs per tracking number per hour.
    lookups_per_minute: int = 30
    wrong_proofs_per_hour: int = 10
    heartbeat_interval_s: int = 60
    faults: list[FaultRule] = field(default_factory=list)
    # FastAPI's native OpenTelemetry (request spans, metrics, logs to the global
    # providers). Off unless asked for: with no provider configured it exports nothing,
    # yet its per-request check of the global providers cost ≈ 40 µs of every request.
    opentelemetry: bool = False
    fault_seed: int = 0
    now: Callable[[], dt.datetime] = _utcnow
    # The real time behind ``now`` when ``now`` is not it (the demo's simulated hall
    # clock): the console's audit of staff actions and failed sign-ins is stamped by it,
    # as its page says (real UTC, to match system and network logs: try-out 10, K1).
    # None: ``now`` is the real time.
    real_now: Callable[[], dt.datetime] | None = None
    # Failed console sign-ins stay on the audit page this many days (a name typed into
    # the name box may be a password), pruned at start-up and hourly as failures come.
    signin_failures_keep_days: int = 180


@dataclass(frozen=True, slots=True)
class ServedCatalog:
    """One catalog version as served: document, exact bytes and their ETag (swapped whole,
    so no request sees one version's bytes with another's ETag)."""

    version: int
    doc: dict[str, Any]
    body: bytes
    etag: str

    @classmethod
    def of(cls, doc: dict[str, Any], version: int) -> ServedCatalog:
        """Serialise ``doc``; the ETag is the hash of the served bytes."""
        body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
        return cls(version, doc, body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')


class _Intake:
    """One request's submissions on their way into the store (see Platform.accept_many)."""

    def __init__(self, items: list[tuple[str, dict[str, Any]]], now: dt.datetime) -> None:
        self.items = items
        self.now = now
        self.results: list[tuple[int, dict[str, Any], bool] | None] = [None] * len(items)
        self.mine: list[str] = []  # keys this request holds in flight
        self.todo: list[tuple[int, str, dict[str, Any]]] = []  # (index, body hash, answer)
        self.rows: list[tuple[str, str, dict[str, Any], str, dict[str, Any], str | None]] = []

    def answer(self, outcomes: list[Any]) -> list[str]:
        """Each stored item's answer from the store's outcome; returns the replayed keys."""
        replayed: list[str] = []
        for (i, digest, response), outcome in zip(self.todo, outcomes, strict=True):
            key = self.items[i][0]
            if outcome is None:
                self.results[i] = (201, response, False)
            elif isinstance(outcome, Refused):
                self.results[i] = (
                    422,
                    {"id": key, "error": outcome.code, "detail": outcome.detail},
                    False,
                )
            elif outcome.body_hash != digest:
                self.results[i] = (
                    422,
                    {
                        "id": key,
                        "error": "idempotency_key_reused",
                        "detail": "key was used with a different body",
                    },
                    False,
                )
            else:
                replayed.append(key)
                self.results[i] = (201, outcome.response, True)
        return replayed

    def answers(self) -> list[tuple[int, dict[str, Any], bool]]:
        """The answers in the items' order."""
        return [r for r in self.results if r is not None]


class Platform:
    """State behind the routes: store, e-ID issuer, fault schedule, catalog and its ETag."""

    def __init__(self, config: PlatformConfig) -> None:
        check_setup(
            mtls=config.mtls,
            registry=config.registry,
            insecure_dev=config.insecure_dev,
            admin_token=config.admin_token,
        )
        self.config = config
        cipher = (
            FieldCipher.load_or_create(config.data_key_path)
            if config.data_key_path is not None
            else FieldCipher.ephemeral()
        )
        self.store = PlatformStore(config.db_path, cipher)
        # The console's staff accounts, sessions and acknowledgements (central/console/).
        self.staff = StaffStore(
            config.db_path, failures_keep=dt.timedelta(days=config.signin_failures_keep_days)
        )
        self.staff.prune_failures((config.real_now or config.now)())
        self.issuer = EidIssuer.load_or_create(
            config.eid_key_path, config.eid_kid, config.eid_issuer
        )
        self.faults = FaultSchedule(list(config.faults), seed=config.fault_seed)
        self._inflight: set[str] = set()
        self._inflight_lock = threading.Lock()
        self.lookup_limiter = RateLimiter(config.lookups_per_minute, 60.0)
        self.proof_limiter = RateLimiter(config.wrong_proofs_per_hour, 3600.0)
        self._catalog_lock = threading.Lock()
        self._catalog_checked_until = 0.0  # monotonic: served_catalog_etag's next look
        stored = self.store.latest_catalog()
        self._served = (
            ServedCatalog.of(catalog_seed.catalog_document(), 0)
            if stored is None
            else ServedCatalog.of(stored[1], stored[0])
        )

    def current_catalog(self) -> ServedCatalog:
        """The newest catalog in the database, as served.

        Several platform processes share one database and any of them may publish:
        one cheap query (the newest version number) per call tells whether another
        process pushed since, and only then is the body read again.
        """
        newest = self.store.latest_catalog_version()
        if newest > self._served.version:
            with self._catalog_lock:
                stored = self.store.latest_catalog()
                if stored is not None and stored[0] > self._served.version:
                    self._served = ServedCatalog.of(stored[1], stored[0])
        return self._served

    def served_catalog_etag(self) -> str:
        """The current catalog's ETag for a heartbeat's answer, the database asked at
        most once a second: a fleet's heartbeats add no query each (a version published
        by this process is known at once, by another within the second)."""
        mono = time.monotonic()
        if mono >= self._catalog_checked_until:
            self._catalog_checked_until = mono + _CATALOG_RECHECK_S
            return self.current_catalog().etag
        return self._served.etag

    @property
    def catalog_doc(self) -> dict[str, Any]:
        """The current catalog document."""
        return self.current_catalog().doc

    @property
    def catalog_version(self) -> int:
        """The current catalog's version number (0: the built-in seed)."""
        return self.current_catalog().version

    @property
    def catalog_etag(self) -> str:
        """The current catalog's ETag."""
        return self.current_catalog().etag

    def set_catalog(self, doc: dict[str, Any]) -> int:
        """Store a pushed catalog as a new version and serve it; its ETag is the hash of
        the served bytes. Returns the version number."""
        version = self.store.save_catalog(doc, self.config.now())
        with self._catalog_lock:
            if version > self._served.version:
                self._served = ServedCatalog.of(doc, version)
        return version

    # --- submissions ---------------------------------------------------------

    def accept(
        self, key: str, body: dict[str, Any], kiosk_id: str | None = None
    ) -> tuple[int, dict[str, Any], bool]:
        """Store a submission idempotently: (status code, response body, replayed).

        ``kiosk_id`` (from the X-Kiosk-Id header) is kept but is not part of the body
        hash, so it cannot make a faithful retry look like a different submission.
        """
        return self.accept_many([(key, body)], kiosk_id)[0]

    def accept_many(
        self, items: list[tuple[str, dict[str, Any]]], kiosk_id: str | None = None
    ) -> list[tuple[int, dict[str, Any], bool]]:
        """:meth:`accept` for several items, new ones stored in one transaction."""
        job = self._begin(items, kiosk_id)
        try:
            if any(body.get("kind") == "appointment" for _, body in items):
                self.current_catalog()  # slot capacity from the newest catalog
            if job.rows and self.config.submit_delay_s:
                threading.Event().wait(self.config.submit_delay_s)
            # Stored now, already stored under the key (a retry, or a reused key), or refused.
            outcomes = self.store.insert_many(job.rows, job.now, capacity=self.slot_capacity)
            replayed = job.answer(outcomes)
            self.store.count_replays(replayed)
        finally:
            self._end(job)
        return job.answers()

    async def accept_many_async(
        self, items: list[tuple[str, dict[str, Any]]], kiosk_id: str | None = None
    ) -> list[tuple[int, dict[str, Any], bool]]:
        """:meth:`accept_many` from the event loop: a batch without bookings on
        PostgreSQL is stored right there (psycopg's async pool), anything else on the
        thread pool as before."""
        if self.config.submit_delay_s or any(
            body.get("kind") == "appointment" for _, body in items
        ):
            return await run_in_threadpool(self.accept_many, items, kiosk_id)
        job = self._begin(items, kiosk_id)
        try:
            outcomes = await self.store.insert_plain_async(job.rows, job.now) if job.rows else []
            if outcomes is None:  # SQLite, or not this event loop's pool
                outcomes = await run_in_threadpool(self.store.insert_many, job.rows, job.now)
            replayed = job.answer(outcomes)
            if replayed:
                await run_in_threadpool(self.store.count_replays, replayed)
        finally:
            self._end(job)
        return job.answers()

    def _begin(self, items: list[tuple[str, dict[str, Any]]], kiosk_id: str | None) -> _Intake:
        """Claim the items' keys for this request (a key already being processed is
        answered 409) and prepare the rows of the others."""
        job = _Intake(items, self.config.now())
        with self._inflight_lock:
            for i, (key, _) in enumerate(items):
                if key in self._inflight or key in job.mine:
                    job.results[i] = (
                        409,
                        {
                            "id": key,
                            "error": "in_progress",
                            "detail": "same key is being processed",
                        },
                        False,
                    )
                else:
                    self._inflight.add(key)
                    job.mine.append(key)
        received_at = iso(job.now)
        for i, (key, body) in enumerate(items):
            if job.results[i] is not None:
                continue
            text = canonical_json(body)
            digest = hashlib.sha256(text.encode()).hexdigest()
            response = {
                "id": key,
                "kind": body["kind"],
                "tracking_number": body.get("tracking_number"),
                "status": "received",
                "received_at": received_at,
            }
            job.todo.append((i, digest, response))
            job.rows.append((key, digest, body, text, response, kiosk_id))
        return job

    def _end(self, job: _Intake) -> None:
        with self._inflight_lock:
            for key in job.mine:
                self._inflight.discard(key)

    # --- status --------------------------------------------------------------

    def status(self, tracking_number: str) -> dict[str, Any] | None:
        """Current status and timeline, advancing the demo timer first."""
        timeline = self.store.timeline(tracking_number)
        if timeline is None:
            return None
        every = self.config.advance_every_s
        info = self.store.submission_by_tracking(tracking_number) or {}
        asked = self._pickup_questions(info.get("service_id"))
        if asked and info.get("kind") == "application":
            # Its answers to the pickup's question (领取方式), so 查询 says how the
            # result comes: collected at a counter or posted (try-out 17, E6).
            info = self.store.submission_by_tracking(tracking_number, asked) or info
        if info.get("kind") == "appointment":
            # Never through the demo timer: a booking is not 已受理 or 已办结 (try-out 7, 1).
            return self._booking_status(tracking_number, timeline[0]["at"], info)
        if every is not None:
            now = self.config.now()
            first = dt.datetime.fromisoformat(timeline[0]["at"].replace("Z", "+00:00"))
            done_from = self._completion_not_before(info.get("service_id"), first)
            last = timeline[-1]
            at = dt.datetime.fromisoformat(last["at"].replace("Z", "+00:00"))
            status = last["status"]
            while status in STATUS_FLOW[:-1] and now - at >= dt.timedelta(seconds=every):
                nxt = STATUS_FLOW[STATUS_FLOW.index(status) + 1]
                at += dt.timedelta(seconds=every)
                if nxt == "completed":
                    # Believable: a service with a time limit is never 已办结 before
                    # the working days it takes; it stays 审核中 until then.
                    at = max(at, done_from)
                    if now < at:
                        break
                status = nxt
                note = self._status_note(status, info)
                self.store.append_status(tracking_number, status, note, at)
            timeline = self.store.timeline(tracking_number) or timeline
        current = timeline[-1]["status"]
        return {
            "tracking_number": tracking_number,
            "kind": info.get("kind", "application"),
            "service_id": info.get("service_id"),
            "status": current,
            "final": current in FINAL_STATUSES,
            "timeline": timeline,
            **({"answers": info["answers"]} if info.get("answers") else {}),
        }

    def _pickup_questions(self, service_id: Any) -> tuple[str, ...]:
        """The form fields the service's pickup depends on (its ``by``, or its ``when``'s
        field), from the published catalog; none for a pickup said whatever the answers."""
        services = self.catalog_doc.get("services") or []
        service = next((s for s in services if s.get("id") == service_id), None)
        pickup = (service or {}).get("pickup") or {}
        when = pickup.get("when") if isinstance(pickup.get("when"), dict) else {}
        names = (pickup.get("by"), when.get("field"))
        return tuple(n for n in names if isinstance(n, str) and n)

    def _booking_status(
        self, tracking_number: str, received_at: str, info: dict[str, Any]
    ) -> dict[str, Any]:
        """A booking as the platform knows it: held since it arrived, over once its time
        has passed (slot times are the hall's local time, as booked)."""
        booking = info.get("booking") or {}
        timeline = [{"status": "booked", "at": received_at, "note": BOOKING_NOTES["booked"]}]
        try:
            end = dt.datetime.fromisoformat(str(booking.get("slot_end")))
        except ValueError:
            end = None
        now = self.config.now().astimezone()
        if end is not None and end.tzinfo is None:
            end = end.replace(tzinfo=now.tzinfo)
        if end is not None and now >= end:
            timeline.append({"status": "expired", "at": iso(end), "note": BOOKING_NOTES["expired"]})
        current = timeline[-1]["status"]
        return {
            "tracking_number": tracking_number,
            "kind": "appointment",
            "service_id": info.get("service_id"),
            "status": current,
            "final": current == "expired",
            "timeline": timeline,
            "booking": booking,
        }

    def _status_note(self, status: str, info: dict[str, Any]) -> dict[str, str]:
        """The platform's note for ``status``: 已受理 says 材料齐全 only when the kiosk
        took every required material (the identity read from a document, each paper
        photographed); else it says what the receipt said, bring them to a counter."""
        if status != "accepted" or not self._needs_counter(info):
            return STATUS_NOTES[status]
        return ACCEPTED_COUNTER_NOTE

    def _needs_counter(self, info: dict[str, Any]) -> bool:
        if info.get("identity_verified") is False:
            return True
        services = self.catalog_doc.get("services") or []
        service = next((s for s in services if s.get("id") == info.get("service_id")), None)
        captured = set(info.get("captured") or [])
        return any(
            m.get("required", True) and not m.get("from_id_document") and i not in captured
            for i, m in enumerate((service or {}).get("materials") or [])
        )

    def _completion_not_before(self, service_id: Any, received: dt.datetime) -> dt.datetime:
        """The demo timer's earliest 已办结: the service's time limit after receipt
        (working days per the console's calendar; on the spot: at once)."""
        services = self.catalog_doc.get("services") or []
        service = next((s for s in services if s.get("id") == service_id), None)
        limit = (service or {}).get("time_limit") or {}
        days = int(limit.get("days") or 0)
        if days <= 0:
            return received
        local = received.astimezone()
        if limit.get("kind") == "working_days":
            day = due_date(local.date(), days)
        else:
            day = local.date() + dt.timedelta(days=days)
        return dt.datetime.combine(day, local.timetz())

    def lookup(
        self, tracking_number: str, receipt_code: str | None, id_last4: str | None
    ) -> dict[str, Any] | None:
        """:meth:`status`, only for a caller who proves possession; None otherwise,
        the same for an unknown number and a wrong proof.

        A complaint's own number is answered with or without a proof: the complaint
        carries no identity to prove (try-out 8, C19), and its answer says only where
        it stands (received, followed up, by when), never its text or phone number."""
        proof = self.store.proof_of(tracking_number)
        if proof is None:
            # No application or booking owns it (an indexed look-up): perhaps a complaint's.
            return self.complaint_status(tracking_number)
        if (receipt_code is None) == (id_last4 is None):
            return None
        digest, last4 = proof
        if receipt_code is not None:
            given = hashlib.sha256(receipt_code.encode("utf-8")).hexdigest()
            ok = digest is not None and hmac.compare_digest(given, digest)
        else:
            ok = last4 is not None and hmac.compare_digest((id_last4 or "").upper(), last4)
        return self.status(tracking_number) if ok else None

    def complaint_status(self, tracking_number: str) -> dict[str, Any] | None:
        """Where a complaint filed under ``tracking_number`` stands, as the console's
        cases page has it: received, and followed up once staff recorded a follow-up
        (when, not what: the note may name the citizen); None for any other number."""
        # The complaint-number index (migration 0007): one look-up, however old the
        # complaint and however much feedback came since; no body is unsealed.
        found = self.store.complaint_by_number(tracking_number)
        if found is None:
            return None
        key, received_at = found
        received = dt.datetime.fromisoformat(received_at.replace("Z", "+00:00"))
        due = due_date(received.astimezone().date())
        timeline: list[dict[str, Any]] = [
            {"status": "received", "at": iso(received), "note": COMPLAINT_NOTES["received"]}
        ]
        done = self.staff.follow_ups([key]).get(key)
        if done:
            timeline.append(
                {"status": "followed_up", "at": done[0][0], "note": COMPLAINT_NOTES["followed_up"]}
            )
        current = timeline[-1]["status"]
        return {
            "tracking_number": tracking_number,
            "kind": "complaint",
            "service_id": None,
            "status": current,
            "final": current == "followed_up",
            "timeline": timeline,
            "due": due.isoformat(),
        }

    def advance(self, tracking_number: str, target: str | None, note: dict[str, str] | None) -> str:
        """Move a status on (admin); raises KeyError/ValueError for unknown or illegal moves."""
        timeline = self.store.timeline(tracking_number)
        if timeline is None:
            raise KeyError(tracking_number)
        if (self.store.submission_by_tracking(tracking_number) or {}).get("kind") == "appointment":
            raise ValueError("a booking has no processing steps")
        current = timeline[-1]["status"]
        if target is None:
            if current not in STATUS_FLOW[:-1]:
                raise ValueError(f"{current} is final")
            target = STATUS_FLOW[STATUS_FLOW.index(current) + 1]
        if target not in ALLOWED_NEXT[current]:
            raise ValueError(f"{current} → {target} is not allowed")
        info = self.store.submission_by_tracking(tracking_number) or {}
        self.store.append_status(
            tracking_number, target, note or self._status_note(target, info), self.config.now()
        )
        return target

    def _department(self, department_id: str) -> dict[str, Any] | None:
        # The catalog as last refreshed: capacity is checked inside the write
        # transaction, where no other query may run (accept_many refreshes first).
        deps = self._served.doc.get("appointment_departments") or []
        return next((d for d in deps if d.get("id") == department_id), None)

    def _day_slots(self, dep: dict[str, Any], day: dt.date) -> list[tuple[str, str]]:
        """(start, end) of every slot of a department on a day, from the catalog."""
        if day.weekday() not in dep["weekdays"]:
            return []
        hours = dep["hours"]
        start = dt.datetime.combine(day, dt.time.fromisoformat(hours["start"]))
        end = dt.datetime.combine(day, dt.time.fromisoformat(hours["end"]))
        step = dt.timedelta(minutes=hours["slot_minutes"])
        out = []
        t = start
        while t + step <= end:
            out.append((t.isoformat(timespec="minutes"), (t + step).isoformat(timespec="minutes")))
            t += step
        return out

    def slot_capacity(self, department_id: str, slot_start: str) -> int | None:
        """Places of one slot in the current catalog; None when there is no such slot."""
        dep = self._department(department_id)
        try:
            day = dt.datetime.fromisoformat(slot_start).date()
        except ValueError:
            return None
        if dep is None or all(s != slot_start for s, _ in self._day_slots(dep, day)):
            return None
        return int(dep["hours"]["capacity"])

    def slots(self, department_id: str, day: dt.date) -> list[dict[str, Any]] | None:
        """Appointment slots of a department on a day (from the current catalog),
        with remaining capacity."""
        self.current_catalog()
        dep = self._department(department_id)
        if dep is None:
            return None
        capacity = int(dep["hours"]["capacity"])
        booked = self.store.booked(department_id, day.isoformat())
        return [
            {
                "start": start,
                "end": end,
                "capacity": capacity,
                "remaining": max(0, capacity - booked.get(start, 0)),
            }
            for start, end in self._day_slots(dep, day)
        ]


def _record(m: SubmissionIn) -> dict[str, Any]:
    """The fields a submission is stored and hashed by (same for single and batch posts).

    Built from the validated attributes rather than ``model_dump``, which would walk
    the whole payload again.
    """
    return {
        "kind": m.kind,
        "tracking_number": m.tracking_number,
        "created_at": m.created_at,
        "kiosk_id": m.kiosk_id,
        "payload": m.payload,
    }


def _etag_matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    if header.strip() == "*":
        return True
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return etag in tags


def _forbidden(key: str | None, detail: str) -> dict[str, Any]:
    return {"id": key, "error": "forbidden", "detail": detail}


def binding_error(who: KioskIdentity, body: dict[str, Any]) -> str | None:
    """Why this kiosk may not send this record (None: it may).

    A record must carry the authenticated kiosk's id, and a tracking number it
    claims as its own must start with that kiosk's code, so no one can take
    another kiosk's numbers. Ratings and feedback may cite any application's
    number: they do not claim it. Insecure-dev trusts what the client says.
    """
    if who.method == "insecure-dev":
        return None
    claimed = body.get("kiosk_id")
    if claimed is not None and claimed != who.kiosk_id:
        return "kiosk_id is not the authenticated kiosk"
    tn = body.get("tracking_number")
    if (
        tn
        and body.get("kind") in OWNS_TRACKING_NUMBER
        and (who.code is None or tracking_kiosk_code(str(tn)) != who.code)
    ):
        return "tracking number is outside this kiosk's namespace"
    return None


KIOSK_SCHEMES = [{"kioskCertificate": []}, {"kioskToken": []}]


def _declare_security(app: FastAPI) -> None:
    """OpenAPI: kiosk routes accept a client certificate OR a bearer token.

    FastAPI derives the bearer and admin schemes from the dependencies; OpenAPI 3.1's
    ``mutualTLS`` has no dependency to come from, so it is added here.
    """
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        doc = build()
        schemes = doc.setdefault("components", {}).setdefault("securitySchemes", {})
        schemes["kioskCertificate"] = {
            "type": "mutualTLS",
            "description": "Client certificate issued to the kiosk; subject CN = kiosk id",
        }
        for ops in doc.get("paths", {}).values():
            for op in ops.values():
                if isinstance(op, dict) and op.get("security") == [{"kioskToken": []}]:
                    op["security"] = KIOSK_SCHEMES
        app.openapi_schema = doc
        return doc

    app.openapi = openapi  # type: ignore[method-assign]


_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="kioskToken",
    description="The kiosk's own token (its SHA-256 is in the platform's kiosk registry)",
)
_admin_key = APIKeyHeader(
    name="X-Admin-Token",
    auto_error=False,
    scheme_name="adminToken",
    description="The administrator's credential (no kiosk holds it)",
)


async def kiosk_identity(
    request: Request,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    x_kiosk_id: Annotated[str | None, Header(max_length=64)] = None,
) -> KioskIdentity:
    """The authenticated kiosk of a request (401 without a credential, 403 on a mismatch).

    ``async`` although it awaits nothing: it does no I/O, and FastAPI would run a
    plain function on the thread pool, one more thread hand-off per request.
    """
    config: PlatformConfig = request.app.state.platform.config
    cn = request.scope.get("state", {}).get(PEER_CN)
    who = KioskIdentity(cn, code_for(cn, config.registry), "certificate") if cn else None
    # Without a registry an insecure-dev platform has no tokens to check: it ignores
    # them, as it trusts everything else the client says.
    if creds is not None and not (config.insecure_dev and config.registry is None):
        entry = config.registry.by_token(creds.credentials) if config.registry else None
        if entry is None:
            raise HTTPException(401, "unknown kiosk token", headers={"WWW-Authenticate": "Bearer"})
        if who is not None and who.kiosk_id != entry.kiosk_id:
            raise HTTPException(403, "certificate and token name different kiosks")
        who = who or KioskIdentity(entry.kiosk_id, entry.code, "token")
    if who is None:
        if not config.insecure_dev:
            raise HTTPException(
                401, "kiosk authentication required", headers={"WWW-Authenticate": "Bearer"}
            )
        return KioskIdentity(x_kiosk_id or "", None, "insecure-dev")
    if x_kiosk_id is not None and x_kiosk_id != who.kiosk_id:
        raise HTTPException(403, "X-Kiosk-Id is not the authenticated kiosk")
    return who


async def require_admin(
    request: Request, token: Annotated[str | None, Depends(_admin_key)]
) -> None:
    """403 unless the request carries the admin token (none configured: nobody is admin)."""
    expected = request.app.state.platform.config.admin_token
    if (
        expected is None
        or token is None
        or not hmac.compare_digest(token.encode(), expected.encode())
    ):
        raise HTTPException(403, "admin credential required")


Kiosk = Annotated[KioskIdentity, Depends(kiosk_identity)]


def create_app(config: PlatformConfig | None = None) -> FastAPI:
    """Build the ASGI app (with the fault middleware outermost).

    Refuses (:class:`central.auth.SetupError`) a configuration without authentication.
    """
    config = config or PlatformConfig()
    platform = Platform(config)
    app = FastAPI(
        title="Kiosk central platform (reference)",
        version="1.0.0",
        description=(
            "Reference implementation of the API the self-service kiosks use. Kiosk routes"
            " need a client certificate naming the kiosk or the kiosk's bearer token;"
            " /admin routes and e-ID issuing need the X-Admin-Token credential."
        ),
        # FastAPI answers 400 to a body that is not JSON at all, on any route.
        responses={400: {"description": "Malformed request (a body that is not JSON)"}},
        telemetry=None
        if config.opentelemetry
        else {"tracing": False, "metrics": False, "logs": False, "operation_spans": False},
    )
    app.state.platform = platform
    # The staff console (central/console/): its accounts live in the platform's database.
    console = ConsoleDeps(
        platform.store,
        platform.staff,
        config.heartbeat_interval_s,
        lambda: config.now(),  # read at each call: a test may move the platform's clock
        catalog=lambda: (platform.catalog_version, platform.catalog_doc),
        publish=platform.set_catalog,
        catalog_etag=lambda: platform.catalog_etag,
        real_now=lambda: (config.real_now or config.now)(),
        status=platform.status,
    )
    mount(app, console)
    if config.insecure_dev:
        log.warning(
            "INSECURE DEV MODE: kiosks are not authenticated (the X-Kiosk-Id header is"
            " trusted); for development on loopback only, never in production"
        )

    def limit_for(path: str) -> int:
        if path.startswith("/v1/attachments/"):
            return config.max_attachment_bytes
        return config.max_body_bytes

    async def identify(request: Request) -> KioskIdentity:
        """:func:`kiosk_identity` for the batch fast path (its errors: the route's)."""
        x_kiosk_id = request.headers.get("x-kiosk-id")
        if x_kiosk_id is not None and len(x_kiosk_id) > 64:
            raise HTTPException(422, "X-Kiosk-Id too long")  # the route says it its own way
        return await kiosk_identity(request, await _bearer(request), x_kiosk_id)

    # Innermost of the three: the fault schedule and the body limit still see every
    # batch; the fast path stores the ordinary one with the route's own handler.
    app.add_middleware(
        BatchFastPath,
        path=BATCH_PATH,
        identify=identify,
        handle=lambda batch, who: store_batch(batch, who),
    )
    app.add_middleware(BodyLimitMiddleware, limit_for=limit_for)
    app.add_middleware(FaultMiddleware, schedule=platform.faults)
    _declare_security(app)

    def client_key(request: Request, who: KioskIdentity | None) -> str:
        """Whose lookup budget a request spends: a kiosk's own, else its address's.

        A hall's kiosks reach the platform through one NAT address, so a shared
        per-address budget would let one busy hall (or one kiosk) starve the rest:
        a kiosk is limited by its id. An insecure-dev platform takes the id the
        client claims, as it does everywhere else; the public page (no kiosk) and
        an anonymous caller are limited per address.
        """
        if who is not None and who.kiosk_id:
            return "kiosk:" + who.kiosk_id
        return "addr:" + (request.client.host if request.client else "?")

    denied = {401: {"description": "No kiosk credential"}, 403: {"description": "Not yours"}}
    admin_only = {403: {"description": "Admin credential required"}}

    @app.get("/v1/capabilities", response_model=Capabilities, tags=["kiosk"], responses=denied)
    def capabilities(who: Kiosk) -> dict[str, Any]:
        """What this platform offers; the kiosk batches only when ``batch`` is present."""
        return {
            "api": API_NAME,
            "batch": (
                {"path": BATCH_PATH, "max_items": config.batch_max_items}
                if config.batch_enabled
                else None
            ),
            "attachments": {
                "path": "/v1/attachments/{sha256}",
                "max_bytes": config.max_attachment_bytes,
            },
            "heartbeat_interval_s": config.heartbeat_interval_s,
            "eid_jwks": "/v1/eid/jwks",
        }

    @app.get(
        "/v1/catalog",
        tags=["kiosk"],
        responses={
            200: {"model": Catalog},
            304: {"description": "Not modified (ETag matched)"},
            **denied,
        },
    )
    def catalog(who: Kiosk, if_none_match: Annotated[str | None, Header()] = None) -> Response:
        """The service catalog; send ``If-None-Match`` with the last ETag to get 304."""
        served = platform.current_catalog()
        headers = {"ETag": served.etag, "Cache-Control": "no-cache"}
        if _etag_matches(if_none_match, served.etag):
            return Response(status_code=304, headers=headers)
        return Response(served.body, media_type="application/json", headers=headers)

    @app.post(
        "/v1/submissions",
        status_code=201,
        response_model=SubmissionOut,
        tags=["kiosk"],
        responses={
            **denied,
            409: {"description": "Same key in progress"},
            413: {"description": "Body too large"},
            422: {
                "description": "Key reused with another body, tracking number taken,"
                " appointment slot full or unknown, or invalid body; `error` names which"
                " (`idempotency_key_reused`, `tracking_number_taken`, `slot_full`,"
                " `unknown_slot`, `already_booked`: this person already has a booking at"
                " this counter on this day)"
            },
        },
    )
    def submit(
        body: SubmissionIn,
        who: Kiosk,
        idempotency_key: Annotated[str, Header(min_length=1, max_length=128)],
    ) -> Response:
        """Store one record, idempotently by ``Idempotency-Key``."""
        record = _record(body)
        problem = binding_error(who, record)
        if problem is not None:
            return JSONResponse(_forbidden(idempotency_key, problem), status_code=403)
        status, out, replayed = platform.accept(idempotency_key, record, who.kiosk_id or None)
        headers = {"Idempotent-Replayed": "true"} if replayed else None
        return JSONResponse(out, status_code=status, headers=headers)

    @app.post(
        BATCH_PATH,
        response_model=BatchOut,
        tags=["kiosk"],
        responses={**denied, 413: {"description": "Too many items or body too large"}},
    )
    async def submit_batch(batch: BatchIn, who: Kiosk) -> Response:
        """Store many records; each item is answered as its own POST would have been."""
        # The ordinary batch is answered by BatchFastPath (central/batch_route.py) with
        # store_batch below; this route answers the others, and describes the API.
        return await store_batch(batch, who)

    async def store_batch(batch: BatchIn, who: KioskIdentity) -> Response:
        # async: on PostgreSQL a batch is stored from the event loop through psycopg's
        # async pool, without a thread hand-off per request (Platform.accept_many_async).
        if not config.batch_enabled:
            raise HTTPException(404, "batching disabled")
        if len(batch.items) > config.batch_max_items:
            raise HTTPException(413, f"at most {config.batch_max_items} items")
        records = [(item.idempotency_key, _record(item)) for item in batch.items]
        problems = [binding_error(who, rec) for _, rec in records]
        allowed = [r for r, p in zip(records, problems, strict=True) if p is None]
        answers = iter(await platform.accept_many_async(allowed, who.kiosk_id or None))
        results = []
        for (key, _), problem in zip(records, problems, strict=True):
            if problem is not None:
                results.append(
                    {"idempotency_key": key, "status": 403, "body": _forbidden(key, problem)}
                )
            else:
                status, out, _ = next(answers)
                results.append({"idempotency_key": key, "status": status, "body": out})
        # Built directly: the results are ours, re-validating them costs ~1 ms a batch;
        # and encoded by pydantic's Rust encoder, ≈ 5× faster than JSONResponse's
        # ``json`` on a batch's answer (≈ 2.5 µs a record at fleet scale).
        return Response(pydantic_core.to_json({"results": results}), media_type="application/json")

    @app.post(
        "/v1/status/lookup",
        response_model=StatusOut,
        tags=["kiosk"],
        responses={
            **denied,
            404: {"description": "Unknown number or wrong proof (the same answer)"},
            429: {"description": "Too many lookups (Retry-After)"},
        },
    )
    def status_lookup(req: StatusLookupIn, who: Kiosk, request: Request) -> dict[str, Any]:
        """Status for a holder: the receipt code, or the last 4 characters of the ID number."""
        wait = platform.lookup_limiter.take(client_key(request, who))
        # Guessing proofs for one number is throttled per number, whoever asks; an
        # unknown number is counted the same, so a 429 reveals nothing either.
        # Either printed form of a number is the same number (and the same throttle).
        number = stored_form(req.tracking_number)
        number_key = "tn:" + number.strip().upper()
        wait = wait or platform.proof_limiter.blocked(number_key)
        if wait is not None:
            raise too_many(wait)
        out = platform.lookup(number, req.receipt_code, req.id_last4)
        if out is None:
            # A look-up with no proof (is this a complaint's number?) guessed no proof:
            # it does not use up the citizen's tries of the ID's last 4 that follow.
            if req.receipt_code is not None or req.id_last4 is not None:
                platform.proof_limiter.take(number_key)
            raise HTTPException(404, "no application matches")
        return out

    @app.get(
        "/v1/status/{tracking_number}",
        tags=["kiosk"],
        deprecated=True,
        responses={**denied, 404: {"description": "Always: a bare number proves nothing"}},
    )
    def status(tracking_number: str, who: Kiosk) -> dict[str, Any]:
        """Reveals nothing: tracking numbers are guessable, so a status needs a proof
        (``POST /v1/status/lookup``). Answers exactly as for an unknown number.

        Only an insecure-dev platform still answers it, for kiosks built before the
        lookup existed; such a platform protects nothing anyway.
        """
        number = stored_form(tracking_number)
        out = platform.status(number) if who.method == "insecure-dev" else None
        if out is None:
            raise HTTPException(404, "no application matches")
        return out

    @app.get(
        "/r/{receipt_code}",
        response_class=HTMLResponse,
        tags=["public"],
        responses={404: {"description": "Unknown code"}, 429: {"description": "Too many"}},
    )
    def receipt_page(receipt_code: str, request: Request) -> HTMLResponse:
        """The status page a phone opens from the receipt QR: status only, zh and en."""
        wait = platform.lookup_limiter.take(client_key(request, None))
        if wait is not None:
            raise too_many(wait)
        tn = platform.store.tracking_by_receipt(
            hashlib.sha256(receipt_code.encode("utf-8")).hexdigest()
        )
        out = platform.status(tn) if tn is not None else None
        if out is None:
            return HTMLResponse(status_page.not_found(), status_code=404)
        return HTMLResponse(status_page.render(out))

    @app.put(
        "/v1/attachments/{sha256}",
        response_model=AttachmentOut,
        tags=["kiosk"],
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            }
        },
        responses={
            **denied,
            201: {"model": AttachmentOut},
            413: {"description": "Too large"},
            422: {"description": "Content does not hash to the name"},
        },
    )
    async def put_attachment(sha256: str, request: Request, who: Kiosk) -> JSONResponse:
        """Upload content under its SHA-256 (hex); the platform checks the hash."""
        if not _SHA256.match(sha256):
            raise HTTPException(422, "name must be a lowercase hex SHA-256")
        data = bytearray()
        async for chunk in request.stream():
            data += chunk
            if len(data) > config.max_attachment_bytes:
                raise HTTPException(413, "attachment too large")
        if hashlib.sha256(data).hexdigest() != sha256:
            raise HTTPException(422, "content does not match its SHA-256")
        created = await run_in_threadpool(
            platform.store.put_attachment,
            sha256,
            bytes(data),
            request.headers.get("content-type"),
            config.now(),
        )
        return JSONResponse(
            {"sha256": sha256, "size": len(data), "created": created},
            status_code=201 if created else 200,
        )

    @app.head(
        "/v1/attachments/{sha256}",
        tags=["kiosk"],
        responses={**denied, 404: {"description": "Not stored (yet)"}},
    )
    def head_attachment(sha256: str, who: Kiosk) -> Response:
        """200 when the content is already stored (so the kiosk can skip the upload)."""
        return Response(status_code=200 if platform.store.has_attachment(sha256) else 404)

    @app.post("/v1/heartbeat", response_model=HeartbeatOut, tags=["kiosk"], responses=denied)
    def heartbeat(beat: HeartbeatIn, who: Kiosk) -> dict[str, Any]:
        """Kiosk liveness: version, device statuses and queue depth."""
        if who.method != "insecure-dev" and beat.kiosk_id != who.kiosk_id:
            raise HTTPException(403, "kiosk_id is not the authenticated kiosk")
        now = config.now()
        platform.store.record_heartbeat(beat.kiosk_id, beat.model_dump(mode="json"), now)
        return {
            "server_time": iso(now),
            "next_heartbeat_s": config.heartbeat_interval_s,
            "catalog_etag": platform.served_catalog_etag(),
        }

    def owned(key: str, kind: str, who: KioskIdentity) -> bool:
        """Whether the submission stored under ``key`` is of ``kind`` and ``who``'s own."""
        owner = platform.store.submission_owner(key)
        mine = who.method == "insecure-dev" or (owner is not None and owner[1] == who.kiosk_id)
        return owner is not None and owner[0] == kind and mine

    @app.get(
        "/v1/staff-calls/{call_id}",
        response_model=StaffCallOut,
        tags=["kiosk"],
        responses={**denied, 404: {"description": "No staff call of this kiosk by that id"}},
    )
    def staff_call(
        call_id: Annotated[str, FastApiPath(max_length=64)], who: Kiosk
    ) -> dict[str, Any]:
        """Whether staff acknowledged a call on the console (the kiosk then says so)."""
        if not owned(call_id, "staff_call", who):
            raise HTTPException(404, "no such staff call")
        ack = platform.staff.acknowledgements([call_id]).get(call_id)
        if ack is None:
            return {"id": call_id, "state": "delivered"}
        taken = platform.staff.call_steps([call_id]).get(call_id, {})
        step = "done" if "done" in taken else "coming" if "coming" in taken else "acknowledged"
        return {"id": call_id, "state": "acknowledged", "acknowledged_at": ack[1], "step": step}

    @app.get(
        "/v1/queue-tickets/{ticket_id}",
        response_model=QueueTicketOut,
        response_model_exclude_none=True,
        tags=["kiosk"],
        responses={**denied, 404: {"description": "No queue ticket of this kiosk by that id"}},
    )
    def queue_ticket(
        ticket_id: Annotated[str, FastApiPath(max_length=64)], who: Kiosk
    ) -> dict[str, Any]:
        """People ahead of a ticket (same hall and queue, issued before it, not yet called)
        and the expected wait when the recent pace of calls gives a basis for one."""
        if not owned(ticket_id, "appointment", who):
            raise HTTPException(404, "no such queue ticket")
        # Its own hall's tickets of its day: those it waits among (the queue is the hall's).
        place = platform.store.appointment_day_hall(ticket_id)
        if place is None:
            raise HTTPException(404, "no such queue ticket")
        tickets, calls = queue.load(platform.store, platform.staff, *place)
        ticket = next((t for t in tickets if t.key == ticket_id), None)
        if ticket is None:
            raise HTTPException(404, "no such queue ticket")
        pos = queue.position(ticket, tickets, calls, config.now())
        out: dict[str, Any] = {
            "id": ticket_id,
            "number": ticket.number,
            "state": "called" if pos.called else "waiting",
            "people_ahead": pos.people_ahead,
            "expected_wait_min": pos.expected_wait_min,
        }
        if pos.called:
            out["counter"] = pos.called.counter
        return out

    @app.post(
        "/v1/queue-tickets/held",
        response_model=QueueTicketOut,
        response_model_exclude_none=True,
        tags=["kiosk"],
        responses={**denied, 404: {"description": "This person holds no uncalled number"}},
    )
    def held_queue_ticket(ask: HeldTicketIn, who: Kiosk) -> dict[str, Any]:
        """The number a person already holds for a queue today, issued by any kiosk of
        the hall and not yet called: the kiosk shows it again instead of a second one."""
        # The hall the kiosk stands in: a number is held in that hall's queue only.
        tickets, calls = queue.load(platform.store, platform.staff, ask.date.isoformat(), ask.hall)
        ticket = queue.held_by(
            tickets, calls, ask.document_number, ask.hall, ask.department_id, ask.date.isoformat()
        )
        if ticket is None:
            raise HTTPException(404, "no uncalled queue ticket for this person")
        pos = queue.position(ticket, tickets, calls, config.now())
        return {
            "id": ticket.key,
            "number": ticket.number,
            "state": "waiting",
            "people_ahead": pos.people_ahead,
            "expected_wait_min": pos.expected_wait_min,
            "issued_at": ticket.issued_at,
        }

    @app.get(
        "/v1/appointments/slots",
        response_model=SlotsOut,
        tags=["kiosk"],
        responses={**denied, 404: {"description": "Unknown appointment department"}},
    )
    def slots(department_id: str, date: dt.date, who: Kiosk) -> dict[str, Any]:
        """Bookable counter slots of an appointment department on a day (from the catalog)."""
        out = platform.slots(department_id, date)
        if out is None:
            raise HTTPException(404, "unknown appointment department")
        return {"department_id": department_id, "date": date.isoformat(), "slots": out}

    @app.get("/v1/eid/jwks", response_model=Jwks, tags=["e-ID"])
    def jwks() -> dict[str, Any]:
        """The e-ID signing key as a JWK set (OKP / Ed25519, kid = RFC 7638 thumbprint)."""
        return {"keys": [platform.issuer.jwk()]}

    @app.get("/v1/eid/public-key.pem", response_class=PlainTextResponse, tags=["e-ID"])
    def public_pem() -> str:
        """The e-ID signing key as SubjectPublicKeyInfo PEM."""
        return platform.issuer.public_pem()

    @app.post(
        "/v1/eid/issue",
        response_model=EidIssueOut,
        tags=["e-ID"],
        dependencies=[Depends(require_admin)],
        responses=admin_only,
    )
    def issue_eid(req: EidIssueIn) -> dict[str, Any]:
        """Demo: sign an e-ID credential (compact JWS, alg EdDSA) for the given identity."""
        identity = req.model_dump(exclude={"ttl_s"})
        parts = req.surname + req.given_names
        identity["name"] = (
            parts
            if any("\u3400" <= c <= "\u9fff" for c in parts)
            else " ".join(p for p in (req.given_names, req.surname) if p)
        )
        now = config.now().timestamp()
        token = platform.issuer.issue(identity, req.ttl_s, now=now)
        return {"token": token, "kid": platform.issuer.kid, "exp": int(now) + req.ttl_s}

    # --- admin ---------------------------------------------------------------

    @app.post(
        "/admin/status/{tracking_number}/advance",
        tags=["admin"],
        dependencies=[Depends(require_admin)],
        responses={
            **admin_only,
            404: {"description": "Unknown tracking number"},
            409: {"description": "Not allowed from the current status"},
        },
    )
    def advance(tracking_number: str, req: AdvanceIn | None = None) -> dict[str, Any]:
        """Move an application along its timeline (or to rejected)."""
        req = req or AdvanceIn()
        try:
            new = platform.advance(
                tracking_number, req.status, req.note.model_dump() if req.note else None
            )
        except KeyError:
            raise HTTPException(404, "unknown tracking number") from None
        except ValueError as exc:
            raise HTTPException(409, str(exc)) from None
        return {"tracking_number": tracking_number, "status": new}

    @app.get(
        "/admin/submissions",
        tags=["admin"],
        dependencies=[Depends(require_admin)],
        responses=admin_only,
    )
    def list_submissions(limit: Annotated[int, Query(ge=0)] = 100_000) -> dict[str, Any]:
        """Everything the platform holds (for tests and the demo)."""
        return {"submissions": platform.store.list_submissions(limit)}

    @app.get(
        "/admin/kiosks", tags=["admin"], dependencies=[Depends(require_admin)], responses=admin_only
    )
    def kiosks() -> dict[str, Any]:
        """The latest heartbeat of each kiosk."""
        return {"kiosks": platform.store.kiosks()}

    @app.put(
        "/admin/faults", tags=["admin"], dependencies=[Depends(require_admin)], responses=admin_only
    )
    def set_faults(req: FaultsIn) -> dict[str, Any]:
        """Install a fault schedule (replaces the current one; windows restart now)."""
        try:
            rules = [FaultRule.from_dict(r) for r in req.rules]
        except TypeError as exc:
            raise HTTPException(422, str(exc)) from None
        platform.faults.install(rules, req.seed)
        return {"rules": platform.faults.describe()}

    @app.get(
        "/admin/requests",
        tags=["admin"],
        dependencies=[Depends(require_admin)],
        responses=admin_only,
    )
    def request_log() -> dict[str, Any]:
        """Every request seen, with monotonic arrival time and the fault applied."""
        return {"requests": platform.faults.log()}

    @app.put(
        "/admin/catalog",
        tags=["admin"],
        dependencies=[Depends(require_admin)],
        responses=admin_only,
    )
    def put_catalog(doc: Catalog) -> dict[str, Any]:
        """Store a new catalog version and serve it (the ETag changes with it)."""
        version = platform.set_catalog(doc.model_dump(mode="json", by_alias=True))
        return {"etag": platform.current_catalog().etag, "version": version}

    @app.get(
        "/admin/catalog/versions",
        tags=["admin"],
        dependencies=[Depends(require_admin)],
        responses=admin_only,
    )
    def catalog_versions() -> dict[str, Any]:
        """Every catalog version pushed so far (the newest is served)."""
        return {"current": platform.catalog_version, "versions": platform.store.catalog_versions()}

    return app
