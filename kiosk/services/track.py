"""Tracking an application: read the receipt (QR or typed number), fetch its status.

A lookup needs proof that the citizen holds the application: the signed receipt
QR (verified here, offline), or a typed number plus the last 4 characters of the
ID number used. A bare number reveals nothing, here or at the platform.

The status comes from the platform through the sync agent. When the platform
cannot be reached the last status this kiosk saw is shown with its age; when the
application was submitted here and is still waiting in the outbox, that is said
plainly. Nothing here raises for anything a citizen can scan or type: every case
is a :class:`TrackLookup` or a :class:`StatusView` with a message key.

Every method except :meth:`TrackService.check_text` and the scanner controls
blocks (disk, network): run them through ``core.run``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from drivers.printer.document import Document
from drivers.scanner.gate import gate_for
from drivers.scanner.protocol import Scanner
from drivers.scanner.types import ScannerState, ScanResult
from kiosk.payloads import PayloadKind, PayloadStatus, VerificationKeys, parse_payload
from kiosk.printing import PrintResult
from kiosk.receipts import StatusSlipData, StatusStep, status_slip
from kiosk.session import Clock
from kiosk.sync.agent import LookupProof
from kiosk.tracking import NumberFault, TrackingNumber, number_fault, parse_tracking_number
from offline_cache.by_tracking import record_by_tracking
from offline_cache.cache_protocol import StatusCache
from offline_cache.outbox_protocol import Outbox, OutboxRecord, RecordKind, RecordState
from offline_cache.own_submissions import OwnSubmissionStore

log = logging.getLogger(__name__)

# The platform's normal road; "rejected" can end it at any step.
STATUS_FLOW = ("received", "accepted", "in_review", "completed")
FINAL = frozenset({"completed", "rejected"})
# A booking (its slip's QR leads here too) is no application: it is booked at the
# platform ("booked"), over once its time has passed ("expired"); known here only, it
# waits to reach the platform ("pending": 待确认) or was refused by it ("refused").
BOOKING_KIND = "appointment"
# A complaint's own number (投诉编号, from the same minter as receipts): it has no
# identity behind it, so nothing is asked to prove it; the platform knows it as
# received, then followed up (its console's cases page); this kiosk knows whether it
# is still waiting here ("queued") or was sent ("received").
COMPLAINT_KIND = "complaint"
# How long a citizen waits for a fresh answer before the cached one is shown.
STATUS_WAIT_S = 6.0
_UNDELIVERED = frozenset({RecordState.PENDING, RecordState.SENDING, RecordState.FAILED})
# Characters an ID number ends with (resident ID: digits and X; passports: letters too).
_LAST4_CHARS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def normalize_last4(text: str) -> str | None:
    """The last 4 characters of an ID number as typed (spaces dropped, upper case), or
    None when it is not 4 letters or digits."""
    value = "".join(text.split()).upper()
    return value if len(value) == 4 and set(value) <= _LAST4_CHARS else None


class LookupProblem(StrEnum):
    """Why a scanned or typed code cannot be tracked (message key ``track.problem.<value>``)."""

    NONE = "none"
    FORGED = "forged"  # our receipt shape, signature does not verify
    UNKNOWN_KIOSK = "unknown_kiosk"  # signed by a kiosk this one has no key for
    DAMAGED = "damaged"  # our prefix but broken, or a version we do not know
    NOT_A_RECEIPT = "not_a_receipt"  # a code of another kind (e-ID, appointment, URL...)
    UNREADABLE = "unreadable"  # text or bytes we do not understand
    INVALID_NUMBER = "invalid_number"  # typed number not in a number's shape
    # Typed numbers, said exactly (try-out 11, C7): too few symbols, the middle six not a
    # day, or well formed but the last character not matching the rest.
    NUMBER_SHORT = "number_short"
    NUMBER_DATE = "number_date"
    WRONG_CHECK = "wrong_check"


_TYPED_FAULTS = {
    NumberFault.SHORT: LookupProblem.NUMBER_SHORT,
    NumberFault.DATE: LookupProblem.NUMBER_DATE,
    NumberFault.CHECK: LookupProblem.WRONG_CHECK,
}


def _typed_fault(text: str) -> TrackLookup:
    """What is wrong with a number typed by hand (on the pad or a scanner's keyboard)."""
    fault = number_fault(text)
    said = _TYPED_FAULTS.get(fault) if fault is not None else None
    return TrackLookup(said or LookupProblem.INVALID_NUMBER)


@dataclass(frozen=True, slots=True)
class TrackLookup:
    """What a scan or a typed number amounts to."""

    problem: LookupProblem
    tracking: TrackingNumber | None = None
    # The verified receipt code when the citizen scanned the receipt: proof enough.
    receipt_code: str | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        """True when there is a number to look up."""
        return self.problem is LookupProblem.NONE and self.tracking is not None

    @property
    def needs_id_last4(self) -> bool:
        """A typed (or bare scanned) number: the last 4 characters of the ID are asked."""
        return self.ok and self.receipt_code is None

    @property
    def message_key(self) -> str:
        """Translation key for the screen."""
        return f"track.problem.{self.problem.value}"


class StatusSource(StrEnum):
    """Where the status shown came from (message key ``track.source.<value>``)."""

    PLATFORM = "platform"  # fresh
    CACHE = "cache"  # platform unreachable: the last status this kiosk saw
    LOCAL = "local"  # submitted here, still waiting in the outbox
    # Submitted here and delivered; offline now: the last status known here, or
    # "received" (delivery means the platform has it).
    SUBMITTED = "submitted"
    # The platform does not know the number, or the proof does not match it (the same
    # answer on purpose: a guessed number learns nothing).
    NOT_FOUND = "not_found"
    THROTTLED = "throttled"  # too many lookups just now: try again in a minute
    UNAVAILABLE = "unavailable"  # platform unreachable and nothing known here


@dataclass(frozen=True, slots=True)
class TimelineStep:
    """One stage of the application (``status`` is the platform's code)."""

    status: str
    done: bool
    at: dt.datetime | None = None
    note_zh: str = ""
    note_en: str = ""

    def note(self, lang: str) -> str:
        """The platform's note in ``lang``."""
        return self.note_en if lang == "en" and self.note_en else self.note_zh


@dataclass(frozen=True, slots=True)
class Booking:
    """The counter and time a booking holds (hall-local, naive: as booked)."""

    department_id: str
    start: dt.datetime | None = None
    end: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class StatusView:
    """Everything the result screen and the status slip show."""

    tracking_number: str
    source: StatusSource
    status: str | None = None  # current status code, None when unknown
    steps: tuple[TimelineStep, ...] = ()
    service_id: str | None = None
    fetched_at: dt.datetime | None = None  # when the platform said so (aware)
    kind: str = "application"
    booking: Booking | None = None  # the counter and time, for a booking
    due: dt.date | None = None  # a complaint: followed up by this day (the platform's word)
    # An application's answers to the questions its pickup depends on (领取方式), as the
    # platform gives them, so the result screen says how the result comes.
    answers: Mapping[str, str] = field(default_factory=dict, hash=False)
    # Offline, one of this kiosk's own applications the platform has said nothing of
    # here yet: when it was saved on this kiosk. ``fetched_at`` is then when it reached
    # the platform (None when the outbox no longer knows): the save time is no 已收件
    # time (try-out 20, C1: it was saved at 10:04 offline, received at 10:05).
    saved_here_at: dt.datetime | None = None

    @property
    def is_booking(self) -> bool:
        """A booking slip's number: its counter and time, never processing steps."""
        return self.kind == BOOKING_KIND

    @property
    def is_complaint(self) -> bool:
        """A complaint's own number: where it stands, never an application's steps."""
        return self.kind == COMPLAINT_KIND

    @property
    def final(self) -> bool:
        """The application is finished (completed or rejected)."""
        return self.status in FINAL

    @property
    def has_status(self) -> bool:
        """There is a status to show and to print."""
        return self.status is not None

    def age(self, now: dt.datetime) -> dt.timedelta | None:
        """How old the status is (for "last known status from HH:MM")."""
        return None if self.fetched_at is None else max(dt.timedelta(0), now - self.fetched_at)


class StatusAgent(Protocol):
    """What this service needs of :class:`kiosk.sync.SyncAgent`."""

    def request_status(self, tracking_number: str, proof: LookupProof | None = None) -> None:
        """Ask for a fresh status; the answer goes to the status listeners."""
        ...

    def add_status_listener(self, cb: Callable[[Any], None]) -> None:
        """Register for answers (on the agent's thread)."""
        ...


class Printing(Protocol):
    """What this service needs of :class:`kiosk.printing.PrintService`."""

    def print_document(
        self,
        kind: str,
        doc: Document,
        tracking_number: str | None = None,
        owner_secret: str | None = None,
        personal: bool = True,
        label: str | None = None,
    ) -> PrintResult:
        """Store and print ``doc``."""
        ...


class TrackDeps(Protocol):
    """The parts of the backend this service uses, read at call time (they change at start-up)."""

    @property
    def sync(self) -> Any:
        """The sync agent, or None while offline-only."""
        ...

    @property
    def status_cache(self) -> StatusCache:
        """Last known statuses."""
        ...

    @property
    def outbox(self) -> Outbox:
        """The durable outbox."""
        ...

    @property
    def verification_keys(self) -> VerificationKeys:
        """Keys for receipt codes."""
        ...

    @property
    def scanner(self) -> Scanner:
        """The QR scanner."""
        ...

    @property
    def printing(self) -> Printing:
        """The print service."""
        ...


@dataclass
class _Waiter:
    event: threading.Event = field(default_factory=threading.Event)
    result: Any = None


class TrackService:
    """Scan or type a receipt number, then fetch and print its status."""

    def __init__(
        self,
        deps: TrackDeps,
        clock: Clock,
        kiosk_id: str,
        *,
        status_wait_s: float = STATUS_WAIT_S,
    ) -> None:
        self._deps = deps
        self._clock = clock
        self._kiosk_id = kiosk_id
        self._wait_s = status_wait_s
        self._lock = threading.Lock()
        self._waiters: dict[str, list[_Waiter]] = {}
        self._listening: set[int] = set()
        self._scanning = False

    # --- reading a code -------------------------------------------------------------

    def check_text(self, text: str | bytes) -> TrackLookup:
        """Classify and verify a scanned payload or a typed number (fast, no I/O)."""
        now = self._clock().astimezone()
        payload = parse_payload(text, self._deps.verification_keys, now=now)
        if payload.kind is PayloadKind.TRACKING_NUMBER and payload.tracking is not None:
            return TrackLookup(LookupProblem.NONE, payload.tracking)
        if payload.kind is PayloadKind.RECEIPT:
            return _receipt_lookup(payload.status, payload.tracking, payload.receipt_code)
        if payload.kind is PayloadKind.UNKNOWN:
            if isinstance(text, str) and len(text.strip()) <= 40:
                # Typed by hand: a mistyped number, not an unreadable code, said exactly.
                return _typed_fault(text)
            return TrackLookup(LookupProblem.UNREADABLE)
        return TrackLookup(LookupProblem.NOT_A_RECEIPT)

    def check_typed(self, text: str) -> TrackLookup:
        """A number typed on the keypad (tolerant: dashes, spaces, O for 0...)."""
        number = parse_tracking_number(text)
        if number is None:
            return _typed_fault(text)
        return TrackLookup(LookupProblem.NONE, number)

    def scan_ticket(self) -> int:
        """The screen appeared: take its place in the camera's queue (GUI thread, no I/O).

        Pass the ticket to :meth:`start_scan` and :meth:`release_scan`; the camera then
        follows the order the screens came and went, whatever order the workers run in.
        """
        return gate_for(self._deps.scanner).request()

    def release_scan(self, ticket: int) -> None:
        """The screen left (GUI thread, no I/O); :meth:`stop_scan` then does the work."""
        gate_for(self._deps.scanner).release(ticket)

    def start_scan(
        self, on_lookup: Callable[[TrackLookup], None], ticket: int | None = None
    ) -> bool:
        """Start the camera; ``on_lookup`` runs on the scanner thread for each code.

        Returns whether the camera is capturing (a lost camera keeps retrying on its
        own, and the screen says "type the number" meanwhile). False also when the
        screen already left (its ticket was released).
        """

        def on_code(result: ScanResult) -> None:
            on_lookup(self.check_text(result.payload))

        gate = gate_for(self._deps.scanner)
        ticket = gate.request() if ticket is None else ticket
        self._ticket = ticket
        # A failure here propagates to the caller's on_error: the keypad still works.
        if not gate.start(ticket, on_code):
            return False
        return self._deps.scanner.status().state in (ScannerState.RUNNING, ScannerState.STARTING)

    def stop_scan(self, ticket: int | None = None) -> None:
        """Stop the camera unless another screen wants it now (safe when it is not running).

        ``ticket`` is the one the screen released; without it, this service's last one.
        """
        gate = gate_for(self._deps.scanner)
        ticket = self._ticket if ticket is None else ticket
        if ticket is not None:
            gate.release(ticket)
        try:
            gate.settle()
        except Exception:
            log.exception("scanner did not stop cleanly")

    _ticket: int | None = None

    # --- status ---------------------------------------------------------------------

    def fetch_status(
        self,
        tracking: TrackingNumber,
        *,
        receipt_code: str | None = None,
        id_last4: str | None = None,
    ) -> StatusView:
        """The status of ``tracking`` for a holder (blocks up to a few s).

        Proof is ``receipt_code`` (a receipt verified by :meth:`check_text`) or
        ``id_last4``; without either, nothing is revealed (NOT_FOUND). The last
        status seen here is shown offline only for a receipt; an application still in
        this kiosk's outbox only when the proof matches it.
        """
        tn = str(tracking)
        last4 = normalize_last4(id_last4) if id_last4 is not None else None
        complaint = self._complaint_here(tn)
        if complaint is not None:
            # Filed here: answered as the complaint it is, whatever proof was given.
            return self._complaint_status(tn, complaint)
        if receipt_code is not None:
            proof = LookupProof(receipt_code=receipt_code)
        elif last4 is not None:
            proof = LookupProof(id_last4=last4)
        else:
            # No proof: only a complaint's number is answered (see :meth:`recognise`).
            view = self.recognise(tracking)
            return view if view is not None else StatusView(tn, StatusSource.NOT_FOUND)
        agent = self._deps.sync
        throttled = False
        if agent is not None:
            answer = self._ask(agent, tn, proof)
            if answer is not None:
                outcome = str(getattr(answer, "outcome", ""))
                data = getattr(answer, "data", None)
                if outcome == "found" and isinstance(data, Mapping):
                    fetched = getattr(answer, "fetched_at", None) or self._clock()
                    if data.get("kind") != COMPLAINT_KIND:
                        self.remember_status(tn, data, fetched)
                        self._note_own(tn, data, fetched)
                    return _view(tn, StatusSource.PLATFORM, data, fetched)
                if outcome == "not_found":
                    if self._waiting_here(tn, last4):
                        return StatusView(tn, StatusSource.LOCAL, status="queued")
                    # A booking not yet delivered (待确认), or refused: as this kiosk knows.
                    booking = self._booking_here(tn, proof.from_receipt, last4, delivered=False)
                    return booking or StatusView(tn, StatusSource.NOT_FOUND)
                throttled = outcome == "throttled"
                if proof.from_receipt and isinstance(data, Mapping) and answer.fetched_at:
                    return _view(tn, StatusSource.CACHE, data, answer.fetched_at)
        view = self._offline_view(tn, proof.from_receipt, last4)
        if throttled and view.source is StatusSource.UNAVAILABLE:
            return StatusView(tn, StatusSource.THROTTLED)
        return view

    def recognise(self, tracking: TrackingNumber) -> StatusView | None:
        """A typed number that is a complaint's own, answered (blocks up to a few s);
        None for any other number, which then needs its proof (the ID's last 4).

        Asked before the ID's last 4 are: a complaint has no identity to prove (try-out
        8, C19). This kiosk's own complaints are known here even offline; another
        kiosk's only through the platform, which answers a proof-less look-up for a
        complaint alone (an application's number learns nothing from it).
        """
        tn = str(tracking)
        complaint = self._complaint_here(tn)
        if complaint is not None:
            return self._complaint_status(tn, complaint)
        agent = self._deps.sync
        if agent is None:
            return None
        return self._platform_complaint(agent, tn)

    def _complaint_status(self, tn: str, here: StatusView) -> StatusView:
        """A complaint filed here: the platform's answer when it gives one, else what
        this kiosk knows (waiting here to be sent, or sent at a time)."""
        agent = self._deps.sync
        if agent is None or here.status == "queued":
            return here  # not yet with the platform: it has nothing to say of it
        return self._platform_complaint(agent, tn) or here

    def _platform_complaint(self, agent: Any, tn: str) -> StatusView | None:
        """The platform's answer for a complaint under ``tn`` (no proof: a complaint has
        no identity), or None when it knows no complaint by that number or is out of reach."""
        answer = self._ask(agent, tn, LookupProof(no_identity=True))
        data = getattr(answer, "data", None)
        if (
            answer is not None
            and str(getattr(answer, "outcome", "")) == "found"
            and isinstance(data, Mapping)
            and data.get("kind") == COMPLAINT_KIND
        ):
            fetched = getattr(answer, "fetched_at", None) or self._clock()
            return _view(tn, StatusSource.PLATFORM, data, fetched)
        return None

    def _own_record(self, kind: RecordKind, tn: str) -> OutboxRecord | None:
        """This kiosk's outbox record of ``kind`` under ``tn`` (written with or without
        its dashes), or None, also when the outbox cannot be read."""
        try:
            return record_by_tracking(self._deps.outbox, kind, tn)
        except Exception:
            log.exception("outbox unreadable")
            return None

    def _complaint_here(self, tn: str) -> StatusView | None:
        """A complaint filed on this kiosk under ``tn`` (its outbox record), or None."""
        record = self._own_record(RecordKind.FEEDBACK, tn)
        if record is None:
            return None
        if record.state is RecordState.DELIVERED:
            return StatusView(
                tn,
                StatusSource.SUBMITTED,
                status="received",
                fetched_at=record.delivered_at,
                kind=COMPLAINT_KIND,
            )
        # Waiting to be sent, or refused by the platform (dead): not with the platform.
        status = "undelivered" if record.state is RecordState.DEAD else "queued"
        return StatusView(tn, StatusSource.LOCAL, status=status, kind=COMPLAINT_KIND)

    def _ask(self, agent: StatusAgent, tn: str, proof: LookupProof) -> Any:
        with self._lock:
            if id(agent) not in self._listening:
                agent.add_status_listener(self._on_status)
                self._listening.add(id(agent))
            waiter = _Waiter()
            self._waiters.setdefault(tn, []).append(waiter)
        agent.request_status(tn, proof)
        if not waiter.event.wait(self._wait_s):
            with self._lock:
                pending = self._waiters.get(tn, [])
                if waiter in pending:
                    pending.remove(waiter)
                if not pending:
                    # No empty list left behind per number asked while the platform
                    # was silent: over days of network cuts they would pile up.
                    self._waiters.pop(tn, None)
            log.info("status request timed out; showing what is known here")
            return None
        return waiter.result

    def _on_status(self, result: Any) -> None:
        tn = getattr(result, "tracking_number", None)
        with self._lock:
            waiters = self._waiters.pop(tn, []) if isinstance(tn, str) else []
        for w in waiters:
            w.result = result
            w.event.set()

    def remember_status(self, tn: str, data: Mapping[str, Any], fetched: dt.datetime) -> None:
        """Keep a status document for offline look-ups (also seeds the demo and the tour)."""
        try:
            body = json.dumps(data, ensure_ascii=False).encode("utf-8")
            self._deps.status_cache.put(tn, body, fetched)
        except Exception:
            log.exception("could not cache a status")

    def _offline_view(self, tn: str, receipt: bool, last4: str | None) -> StatusView:
        cached = None
        try:
            # The cached status only for a receipt: a typed last-4 is checked by the platform.
            cached = self._deps.status_cache.get(tn) if receipt else None
        except Exception:
            log.exception("status cache unreadable")
        if cached is not None:
            try:
                data = json.loads(cached.status_json)
            except (UnicodeDecodeError, json.JSONDecodeError):
                data = None
            if isinstance(data, Mapping):
                return _view(tn, StatusSource.CACHE, data, cached.fetched_at)
        if self._waiting_here(tn, last4):
            return StatusView(tn, StatusSource.LOCAL, status="queued")
        booking = self._booking_here(tn, receipt, last4, delivered=True)
        if booking is not None:
            return booking
        own = self._own_view(tn, receipt, last4)
        return own if own is not None else StatusView(tn, StatusSource.UNAVAILABLE)

    def _own_store(self) -> OwnSubmissionStore | None:
        return getattr(self._deps, "own_submissions", None)

    def _note_own(self, tn: str, data: Mapping[str, Any], fetched: dt.datetime) -> None:
        store, status = self._own_store(), data.get("status")
        if store is None or not isinstance(status, str):
            return
        try:
            store.note_status(tn, status, fetched)
        except Exception:
            log.exception("could not note the status of an own submission")

    def _own_view(self, tn: str, receipt: bool, last4: str | None) -> StatusView | None:
        """A number this kiosk issued and delivered: say so, with the last status known."""
        store = self._own_store()
        if store is None:
            return None
        try:
            own = store.get(tn)
            dead = own is not None and self._dead_here(tn)
        except Exception:
            log.exception("own submissions unreadable")
            return None
        if own is None or dead:
            return None  # never delivered: "submitted to the platform" would be untrue
        if not receipt and (last4 is None or own.id_last4 != last4):
            return None  # a typed number needs the matching proof, as with the platform
        if own.status is not None:
            return StatusView(
                tn,
                StatusSource.SUBMITTED,
                status=own.status,
                service_id=own.service_id or None,
                fetched_at=own.status_at or own.submitted_at,
            )
        # Delivered is all that is known: the platform has it (received), since the
        # outbox's delivery, not since the save here (an offline save is sent later).
        record = self._own_record(RecordKind.APPLICATION, tn)
        return StatusView(
            tn,
            StatusSource.SUBMITTED,
            status="received",
            service_id=own.service_id or None,
            fetched_at=record.delivered_at if record is not None else None,
            saved_here_at=own.submitted_at,
        )

    def _booking_here(
        self, tn: str, receipt: bool, last4: str | None, *, delivered: bool
    ) -> StatusView | None:
        """A booking made on this kiosk, as this kiosk knows it (its outbox record), or
        None. ``delivered``: a booking the platform already accepted counts too (offline:
        已确认 as last known); else only one still waiting (待确认) or refused."""
        record = self._own_record(RecordKind.APPOINTMENT, tn)
        if record is None or (record.state is RecordState.DELIVERED and not delivered):
            return None
        if not receipt and (last4 is None or _id_last4(record.payload) != last4):
            return None  # a typed number needs the matching proof, as with the platform
        try:
            body = json.loads(record.payload or b"")
        except (UnicodeDecodeError, json.JSONDecodeError):
            body = {}
        body = body if isinstance(body, dict) else {}
        booking = _booking_of(body)
        fetched = None
        if record.state is RecordState.DELIVERED:
            status, source, fetched = "booked", StatusSource.SUBMITTED, record.delivered_at
        elif record.state is RecordState.DEAD:
            status, source = "refused", StatusSource.LOCAL
        else:
            status, source = "pending", StatusSource.LOCAL
        now = self._clock().astimezone().replace(tzinfo=None)
        if status != "refused" and booking and booking.end and now >= booking.end:
            status = "expired"  # the clock says so here as well as at the platform
        service = body.get("service_id")
        return StatusView(
            tn,
            source,
            status=status,
            service_id=service if isinstance(service, str) else None,
            fetched_at=fetched,
            kind=BOOKING_KIND,
            booking=booking,
        )

    def _dead_here(self, tn: str) -> bool:
        records = self._deps.outbox.list(frozenset({RecordState.DEAD}), limit=1000)
        return any(
            r.kind is RecordKind.APPLICATION and (r.tracking_number or "") == tn for r in records
        )

    def _waiting_here(self, tn: str, last4: str | None) -> bool:
        """Whether an application with this number is still in this kiosk's outbox, and
        (for a typed number) whether ``last4`` ends the ID number it was made with."""
        try:
            records = self._deps.outbox.list(_UNDELIVERED, limit=1000)
        except Exception:
            log.exception("outbox unreadable")
            return False
        compact = tn.replace("-", "")
        return any(
            r.kind is RecordKind.APPLICATION
            and (r.tracking_number or "").replace("-", "") == compact
            and (last4 is None or _id_last4(r.payload) == last4)
            for r in records
        )

    # --- printing -------------------------------------------------------------------

    def print_slip(
        self,
        view: StatusView,
        lang: str,
        service_name: str,
        status_text: Callable[[str], str],
    ) -> PrintResult:
        """Print the status slip (``status_text`` names a status code in ``lang``)."""
        now = self._clock().astimezone()
        steps = tuple(
            StatusStep(status_text(s.status), s.done, s.at.astimezone() if s.at else None)
            for s in view.steps
        )
        last_note = next((s.note(lang) for s in reversed(view.steps) if s.done), "")
        data = StatusSlipData(
            tracking_number=view.tracking_number,
            service_name=service_name,
            status_text=status_text(view.status or "unknown"),
            updated_at=(view.fetched_at or self._clock()).astimezone(),
            printed_at=now,
            kiosk_id=self._kiosk_id,
            steps=steps,
            note=last_note,
        )
        return self._deps.printing.print_document(
            "status_slip", status_slip(data, lang), view.tracking_number
        )


def _id_last4(payload: bytes | None) -> str | None:
    """The last 4 characters of the applicant's ID number in a stored application."""
    try:
        body = json.loads(payload or b"")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    applicant = body.get("applicant") if isinstance(body, dict) else None
    number = applicant.get("document_number") if isinstance(applicant, dict) else None
    return number[-4:].upper() if isinstance(number, str) and len(number) >= 4 else None


def _receipt_lookup(
    status: PayloadStatus, tracking: TrackingNumber | None, code: str | None
) -> TrackLookup:
    if status is PayloadStatus.OK and tracking is not None:
        return TrackLookup(LookupProblem.NONE, tracking, receipt_code=code)
    if status is PayloadStatus.FORGED:
        return TrackLookup(LookupProblem.FORGED)
    if status is PayloadStatus.UNKNOWN_KEY:
        return TrackLookup(LookupProblem.UNKNOWN_KIOSK)
    return TrackLookup(LookupProblem.DAMAGED)


def _booking_of(data: Any) -> Booking | None:
    """The counter and time in a booking (the platform's ``booking`` or the record's body)."""
    if not isinstance(data, Mapping) or not isinstance(data.get("department_id"), str):
        return None

    def local(value: Any) -> dt.datetime | None:
        try:
            t = dt.datetime.fromisoformat(str(value))
        except ValueError:
            return None
        return t.replace(tzinfo=None) if t.tzinfo is None else t.astimezone().replace(tzinfo=None)

    return Booking(
        str(data["department_id"]), local(data.get("slot_start")), local(data.get("slot_end"))
    )


def _parse_time(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        t = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo is not None else t.replace(tzinfo=dt.UTC)


def _note(value: Any) -> tuple[str, str]:
    if isinstance(value, Mapping):
        zh = str(value.get("zh", ""))
        return zh, str(value.get("en", zh))
    if isinstance(value, str):
        return value, value
    return "", ""


def _view(
    tn: str, source: StatusSource, data: Mapping[str, Any], fetched: dt.datetime
) -> StatusView:
    """Turn the platform's status document into the timeline the screen shows.

    Steps the application has passed are marked done with their time; the steps
    still ahead on the normal road are listed undone so the citizen sees what comes next.
    """
    raw = data.get("timeline")
    entries = [e for e in raw if isinstance(e, Mapping)] if isinstance(raw, list) else []
    steps: list[TimelineStep] = []
    for e in entries:
        zh, en = _note(e.get("note"))
        steps.append(TimelineStep(str(e.get("status", "")), True, _parse_time(e.get("at")), zh, en))
    current = data.get("status")
    status = str(current) if isinstance(current, str) else (steps[-1].status if steps else None)
    kind = str(data.get("kind", "application"))
    if kind == COMPLAINT_KIND and status == "received":
        steps.append(TimelineStep("followed_up", False))  # what comes next, and by when
    if status in STATUS_FLOW and kind not in (BOOKING_KIND, COMPLAINT_KIND):
        seen = {s.status for s in steps}
        steps += [
            TimelineStep(s, False)
            for s in STATUS_FLOW[STATUS_FLOW.index(status) + 1 :]
            if s not in seen
        ]
    service = data.get("service_id")
    return StatusView(
        tracking_number=tn,
        source=source,
        status=status,
        steps=tuple(steps),
        service_id=service if isinstance(service, str) else None,
        fetched_at=fetched,
        kind=kind,
        booking=_booking_of(data.get("booking")) if kind == BOOKING_KIND else None,
        due=_parse_date(data.get("due")),
        answers=_answers(data.get("answers")),
    )


def _answers(value: Any) -> dict[str, str]:
    """The platform's answers (field: value), strings only."""
    if not isinstance(value, Mapping):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, str)}


def _parse_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
