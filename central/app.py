"""The reference central platform: the HTTP API the kiosk fleet talks to.

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
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from starlette.concurrency import run_in_threadpool

from central import catalog_seed
from central.eid import EidIssuer
from central.faults import FaultMiddleware, FaultRule, FaultSchedule
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
    Jwks,
    SlotsOut,
    StatusLookupIn,
    StatusOut,
    SubmissionIn,
    SubmissionOut,
)
from central.store import (
    ALLOWED_NEXT,
    FINAL_STATUSES,
    STATUS_FLOW,
    STATUS_NOTES,
    PlatformStore,
    canonical_json,
    iso,
)

API_NAME = "kiosk-central/1"
BATCH_PATH = "/v1/submissions/batch"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class PlatformConfig:
    """How one platform instance behaves."""

    db_path: str | Path = ":memory:"
    eid_key_path: Path | None = None
    admin_token: str | None = None
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
    heartbeat_interval_s: int = 60
    faults: list[FaultRule] = field(default_factory=list)
    fault_seed: int = 0
    now: Callable[[], dt.datetime] = _utcnow


class Platform:
    """State behind the routes: store, e-ID issuer, fault schedule, catalog and its ETag."""

    def __init__(self, config: PlatformConfig) -> None:
        self.config = config
        self.store = PlatformStore(config.db_path)
        self.issuer = EidIssuer.load_or_create(
            config.eid_key_path, config.eid_kid, config.eid_issuer
        )
        self.faults = FaultSchedule(list(config.faults), seed=config.fault_seed)
        self._inflight: set[str] = set()
        self._inflight_lock = threading.Lock()
        self.set_catalog(catalog_seed.catalog_document())

    def set_catalog(self, doc: dict[str, Any]) -> None:
        """Replace the catalog; its ETag is the hash of the served bytes."""
        body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
        self.catalog_bytes = body
        self.catalog_etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'

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
        results: list[tuple[int, dict[str, Any], bool] | None] = [None] * len(items)
        mine: list[str] = []
        with self._inflight_lock:
            for i, (key, _) in enumerate(items):
                if key in self._inflight or key in mine:
                    results[i] = (
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
                    mine.append(key)
        try:
            fresh: list[tuple[int, str, str, dict[str, Any]]] = []
            now = self.config.now()
            received_at = iso(now)
            known = self.store.find_many(mine)
            for i, (key, body) in enumerate(items):
                if results[i] is not None:
                    continue
                text = canonical_json(body)
                digest = hashlib.sha256(text.encode()).hexdigest()
                existing = known.get(key)
                if existing is not None:
                    if existing.body_hash != digest:
                        results[i] = (
                            422,
                            {
                                "id": key,
                                "error": "idempotency_key_reused",
                                "detail": "key was used with a different body",
                            },
                            False,
                        )
                    else:
                        self.store.count_replay(key)
                        results[i] = (201, existing.response, True)
                    continue
                response = {
                    "id": key,
                    "kind": body["kind"],
                    "tracking_number": body.get("tracking_number"),
                    "status": "received",
                    "received_at": received_at,
                }
                fresh.append((i, digest, text, response))
            if fresh and self.config.submit_delay_s:
                threading.Event().wait(self.config.submit_delay_s)
            stored = self.store.insert_many(
                [(items[i][0], d, items[i][1], t, r, kiosk_id) for i, d, t, r in fresh], now
            )
            for (i, _, _, response), err in zip(fresh, stored, strict=True):
                if err is None:
                    results[i] = (201, response, False)
                else:
                    results[i] = (
                        422,
                        {
                            "id": items[i][0],
                            "error": "tracking_number_taken",
                            "detail": "another submission carries this tracking number",
                        },
                        False,
                    )
        finally:
            with self._inflight_lock:
                for key in mine:
                    self._inflight.discard(key)
        return [r for r in results if r is not None]

    # --- status --------------------------------------------------------------

    def status(self, tracking_number: str) -> dict[str, Any] | None:
        """Current status and timeline, advancing the demo timer first."""
        timeline = self.store.timeline(tracking_number)
        if timeline is None:
            return None
        every = self.config.advance_every_s
        if every is not None:
            now = self.config.now()
            last = timeline[-1]
            at = dt.datetime.fromisoformat(last["at"].replace("Z", "+00:00"))
            status = last["status"]
            while status in STATUS_FLOW[:-1] and now - at >= dt.timedelta(seconds=every):
                status = STATUS_FLOW[STATUS_FLOW.index(status) + 1]
                at += dt.timedelta(seconds=every)
                self.store.append_status(tracking_number, status, STATUS_NOTES[status], at)
            timeline = self.store.timeline(tracking_number) or timeline
        info = self.store.submission_by_tracking(tracking_number) or {}
        current = timeline[-1]["status"]
        return {
            "tracking_number": tracking_number,
            "kind": info.get("kind", "application"),
            "service_id": info.get("service_id"),
            "status": current,
            "final": current in FINAL_STATUSES,
            "timeline": timeline,
        }

    def lookup(
        self, tracking_number: str, receipt_code: str | None, id_last4: str | None
    ) -> dict[str, Any] | None:
        """:meth:`status`, only for a caller who proves possession; None otherwise,
        the same for an unknown number and a wrong proof."""
        proof = self.store.proof_of(tracking_number)
        if proof is None or (receipt_code is None) == (id_last4 is None):
            return None
        digest, last4 = proof
        if receipt_code is not None:
            given = hashlib.sha256(receipt_code.encode("utf-8")).hexdigest()
            ok = digest is not None and hmac.compare_digest(given, digest)
        else:
            ok = last4 is not None and hmac.compare_digest((id_last4 or "").upper(), last4)
        return self.status(tracking_number) if ok else None

    def advance(self, tracking_number: str, target: str | None, note: dict[str, str] | None) -> str:
        """Move a status on (admin); raises KeyError/ValueError for unknown or illegal moves."""
        timeline = self.store.timeline(tracking_number)
        if timeline is None:
            raise KeyError(tracking_number)
        current = timeline[-1]["status"]
        if target is None:
            if current not in STATUS_FLOW[:-1]:
                raise ValueError(f"{current} is final")
            target = STATUS_FLOW[STATUS_FLOW.index(current) + 1]
        if target not in ALLOWED_NEXT[current]:
            raise ValueError(f"{current} → {target} is not allowed")
        self.store.append_status(
            tracking_number, target, note or STATUS_NOTES[target], self.config.now()
        )
        return target

    def slots(self, department_id: str, day: dt.date) -> list[dict[str, Any]] | None:
        """Appointment slots of a department on a day, with remaining capacity."""
        dep = next(
            (d for d in catalog_seed.APPOINTMENT_DEPARTMENTS if d["id"] == department_id), None
        )
        if dep is None:
            return None
        if day.weekday() not in dep["weekdays"]:
            return []
        hours = dep["hours"]
        start = dt.datetime.combine(day, dt.time.fromisoformat(hours["start"]))
        end = dt.datetime.combine(day, dt.time.fromisoformat(hours["end"]))
        step = dt.timedelta(minutes=hours["slot_minutes"])
        booked = self.store.booked(department_id, day.isoformat())
        out = []
        t = start
        while t + step <= end:
            key = t.isoformat(timespec="minutes")
            out.append(
                {
                    "start": key,
                    "end": (t + step).isoformat(timespec="minutes"),
                    "capacity": hours["capacity"],
                    "remaining": max(0, hours["capacity"] - booked.get(key, 0)),
                }
            )
            t += step
        return out


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


def create_app(config: PlatformConfig | None = None) -> FastAPI:
    """Build the ASGI app (with the fault middleware outermost)."""
    config = config or PlatformConfig()
    platform = Platform(config)
    app = FastAPI(
        title="Kiosk central platform (reference)",
        version="1.0.0",
        description="Reference implementation of the API the self-service kiosks use.",
    )
    app.state.platform = platform
    app.add_middleware(FaultMiddleware, schedule=platform.faults)

    def admin(x_admin_token: Annotated[str | None, Header()] = None) -> None:
        if config.admin_token is not None and x_admin_token != config.admin_token:
            raise HTTPException(403, "admin token required")

    @app.get("/v1/capabilities", response_model=Capabilities, tags=["kiosk"])
    def capabilities() -> dict[str, Any]:
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
        responses={200: {"model": Catalog}, 304: {"description": "Not modified (ETag matched)"}},
    )
    def catalog(if_none_match: Annotated[str | None, Header()] = None) -> Response:
        """The service catalog; send ``If-None-Match`` with the last ETag to get 304."""
        headers = {"ETag": platform.catalog_etag, "Cache-Control": "no-cache"}
        if _etag_matches(if_none_match, platform.catalog_etag):
            return Response(status_code=304, headers=headers)
        return Response(platform.catalog_bytes, media_type="application/json", headers=headers)

    @app.post(
        "/v1/submissions",
        status_code=201,
        response_model=SubmissionOut,
        tags=["kiosk"],
        responses={
            409: {"description": "Same key in progress"},
            422: {"description": "Key reused with another body, or invalid body"},
        },
    )
    def submit(
        body: SubmissionIn,
        idempotency_key: Annotated[str, Header(min_length=1, max_length=128)],
        x_kiosk_id: Annotated[str | None, Header(max_length=64)] = None,
    ) -> Response:
        """Store one record, idempotently by ``Idempotency-Key``."""
        status, out, replayed = platform.accept(idempotency_key, _record(body), x_kiosk_id)
        headers = {"Idempotent-Replayed": "true"} if replayed else None
        return JSONResponse(out, status_code=status, headers=headers)

    @app.post(
        BATCH_PATH,
        response_model=BatchOut,
        tags=["kiosk"],
        responses={413: {"description": "Too many items"}},
    )
    def submit_batch(
        batch: BatchIn, x_kiosk_id: Annotated[str | None, Header(max_length=64)] = None
    ) -> Response:
        """Store many records; each item is answered as its own POST would have been."""
        if not config.batch_enabled:
            raise HTTPException(404, "batching disabled")
        if len(batch.items) > config.batch_max_items:
            raise HTTPException(413, f"at most {config.batch_max_items} items")
        answers = platform.accept_many(
            [(item.idempotency_key, _record(item)) for item in batch.items],
            x_kiosk_id,
        )
        results = [
            {"idempotency_key": item.idempotency_key, "status": status, "body": out}
            for item, (status, out, _) in zip(batch.items, answers, strict=True)
        ]
        # Built directly: the results are ours, re-validating them costs ~1 ms a batch.
        return JSONResponse({"results": results})

    @app.get("/v1/status/{tracking_number}", response_model=StatusOut, tags=["kiosk"])
    def status(tracking_number: str) -> dict[str, Any]:
        """Where an application is: current status and its timeline."""
        out = platform.status(tracking_number)
        if out is None:
            raise HTTPException(404, "unknown tracking number")
        return out

    @app.post(
        "/v1/status/lookup",
        response_model=StatusOut,
        tags=["kiosk"],
        responses={404: {"description": "Unknown number or wrong proof (the same answer)"}},
    )
    def status_lookup(req: StatusLookupIn) -> dict[str, Any]:
        """Status for a holder: the receipt code, or the last 4 characters of the ID number."""
        out = platform.lookup(req.tracking_number, req.receipt_code, req.id_last4)
        if out is None:
            raise HTTPException(404, "no application matches")
        return out

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
            201: {"model": AttachmentOut},
            413: {"description": "Too large"},
            422: {"description": "Content does not hash to the name"},
        },
    )
    async def put_attachment(sha256: str, request: Request) -> JSONResponse:
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

    @app.head("/v1/attachments/{sha256}", tags=["kiosk"])
    def head_attachment(sha256: str) -> Response:
        """200 when the content is already stored (so the kiosk can skip the upload)."""
        return Response(status_code=200 if platform.store.has_attachment(sha256) else 404)

    @app.post("/v1/heartbeat", response_model=HeartbeatOut, tags=["kiosk"])
    def heartbeat(beat: HeartbeatIn) -> dict[str, Any]:
        """Kiosk liveness: version, device statuses and queue depth."""
        now = config.now()
        platform.store.record_heartbeat(beat.kiosk_id, beat.model_dump(mode="json"), now)
        return {"server_time": iso(now), "next_heartbeat_s": config.heartbeat_interval_s}

    @app.get("/v1/appointments/slots", response_model=SlotsOut, tags=["kiosk"])
    def slots(department_id: str, date: dt.date) -> dict[str, Any]:
        """Bookable counter slots of an appointment department on a day."""
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
        "/v1/eid/issue", response_model=EidIssueOut, tags=["e-ID"], dependencies=[Depends(admin)]
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
        "/admin/status/{tracking_number}/advance", tags=["admin"], dependencies=[Depends(admin)]
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

    @app.get("/admin/submissions", tags=["admin"], dependencies=[Depends(admin)])
    def list_submissions(limit: int = 100_000) -> dict[str, Any]:
        """Everything the platform holds (for tests and the demo)."""
        return {"submissions": platform.store.list_submissions(limit)}

    @app.get("/admin/kiosks", tags=["admin"], dependencies=[Depends(admin)])
    def kiosks() -> dict[str, Any]:
        """The latest heartbeat of each kiosk."""
        return {"kiosks": platform.store.kiosks()}

    @app.put("/admin/faults", tags=["admin"], dependencies=[Depends(admin)])
    def set_faults(req: FaultsIn) -> dict[str, Any]:
        """Install a fault schedule (replaces the current one; windows restart now)."""
        try:
            rules = [FaultRule.from_dict(r) for r in req.rules]
        except TypeError as exc:
            raise HTTPException(422, str(exc)) from None
        platform.faults.install(rules, req.seed)
        return {"rules": platform.faults.describe()}

    @app.get("/admin/requests", tags=["admin"], dependencies=[Depends(admin)])
    def request_log() -> dict[str, Any]:
        """Every request seen, with monotonic arrival time and the fault applied."""
        return {"requests": platform.faults.log()}

    @app.put("/admin/catalog", tags=["admin"], dependencies=[Depends(admin)])
    def put_catalog(doc: Catalog) -> dict[str, str]:
        """Replace the catalog (the ETag changes with it)."""
        platform.set_catalog(doc.model_dump(mode="json", by_alias=True))
        return {"etag": platform.catalog_etag}

    return app
