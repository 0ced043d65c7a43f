"""Appointments and queue tickets at the service centre's counters.

Both work offline. A booking is an outbox record with a fleet-unique tracking
number (minted here, so the printed slip needs no network). Until the platform
has the record the booking is *provisional*, and the screen and the slip say so;
it is confirmed when the platform accepts the record, or refused (the citizen
is asked to book again) when the platform rejects it (:meth:`booking_state`).
A queue ticket is a number issued on this kiosk from a durable per-department,
per-day counter: a restart never hands out the same number twice, and the
kiosk's queue prefix keeps two kiosks in one hall from both calling "A001". The
record is stored before the ticket prints, so a printed ticket always has its record.
Once the platform has the record it says how many people of the same hall and queue
are ahead and, when the recent pace of calls gives a basis, the expected wait
(:meth:`queue_position`); offline nobody knows, and the ticket says exactly that.

Blocking methods (disk, printer) must run through ``core.run``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from importlib import resources
from typing import Any, Protocol

from kiosk.catalog import AppointmentDepartment, AppointmentSlot
from kiosk.identity import Identity
from kiosk.printing import PrintResult
from kiosk.receipts import AppointmentSlipData, QueueTicketData, appointment_slip, queue_ticket
from kiosk.receipts.strings import fmt_date
from kiosk.services.track import Printing
from kiosk.session import Clock
from kiosk.tracking import SequenceSource, TrackingNumber
from offline_cache.outbox_protocol import Outbox, OutboxRecord, RecordKind, RecordState

log = logging.getLogger(__name__)

# Ticket letters per department, in catalog order (I and O are skipped: they read as 1 and 0).
LETTERS = "ABCDEFGHJKMNPRSTUVWXYZ"
# A booking must leave the citizen time to walk to the counter.
MIN_LEAD = dt.timedelta(minutes=15)
# A slot is listed only if it stays bookable (the same MIN_LEAD rule as booking) for
# this long more: time to choose and confirm, so a listed slot is not refused a minute
# later. The screen lists again when it is shown again or a minute has passed.
CHOOSING = dt.timedelta(minutes=5)
DAYS_AHEAD = 14  # how far ahead the kiosk offers days
DAYS_SHOWN = 5
# The platform's refusal codes the screen explains (message ``ticket.appt.refused_note.<code>``).
REFUSAL_REASONS = frozenset({"slot_full", "unknown_slot"})


class TicketKind(StrEnum):
    """A walk-in number for today, or a booked slot."""

    QUEUE = "queue"
    APPOINTMENT = "appointment"


def closing_warning() -> dt.timedelta:
    """How long before a counter closes a queue ticket warns of it (from data)."""
    raw = resources.files("kiosk").joinpath("data/queue_rules.json").read_text(encoding="utf-8")
    return dt.timedelta(minutes=int(json.loads(raw)["closing_warning_minutes"]))


class BookingState(StrEnum):
    """Where a booking stands with the platform (message key ``ticket.appt.<value>``)."""

    PROVISIONAL = "provisional"  # stored here; the platform has not accepted it yet
    CONFIRMED = "confirmed"  # the platform accepted the booking record
    REFUSED = "refused"  # the platform rejected it (e.g. the slot is full): book again
    # The platform holds another booking of this person at this counter that day (taken
    # at another kiosk, or while this one was offline): this one is void, that one stands.
    ALREADY_BOOKED = "already_booked"


class Refusal(StrEnum):
    """Why a ticket or booking was not issued (message key ``appt.refused.<value>``)."""

    CLOSED_NOW = "closed_now"  # walk-in ticket outside opening hours
    SLOT_PASSED = "slot_passed"  # the slot starts too soon or is gone
    NOT_OFFERED = "not_offered"  # the slot is not one of the department's
    ALREADY_BOOKED = "already_booked"  # this person has a booking at this counter that day


@dataclass(frozen=True, slots=True)
class IssuedTicket:
    """A queue number or a booking, as shown on screen and printed."""

    kind: TicketKind
    number: str  # the queue number "1-A007", or the booking number for a booking
    department: AppointmentDepartment
    issued_at: dt.datetime  # local, aware
    slot: AppointmentSlot | None = None
    tracking_number: str | None = None
    qr_payload: str | None = None
    record_id: uuid.UUID | None = None  # the outbox record (a booking's state follows it)
    # A queue number taken shortly before the counter stops serving: when it stops
    # (the ticket and the slip say so calmly; kiosk/data/queue_rules.json says how soon).
    closes_at: dt.time | None = None
    # The number this person already holds for this counter today (not yet called):
    # shown again instead of a second number, and printed again only when asked.
    again: bool = False
    # Where a number held from another kiosk stood when the platform told of it (this
    # kiosk cannot ask about another kiosk's record later).
    held_position: QueuePosition | None = None
    # Whose booking, masked (kiosk.identity.mask_name, "王*明"), as the receipt names its
    # applicant: the screen and the slip say it (try-out 17, E7). "" when no name is known.
    applicant: str = ""


@dataclass(frozen=True, slots=True)
class QueuePosition:
    """What the platform said of a queue ticket, or that nothing is known."""

    people_ahead: int | None  # None: not known (offline, or the platform did not answer)
    expected_wait_min: int | None = None  # only when the platform had a basis for a guess
    offline: bool = False  # the kiosk knows it has no link (the screen says why)

    @property
    def known(self) -> bool:
        """Whether the number of people ahead is known."""
        return self.people_ahead is not None


# How long the ticket screen waits for the platform's answer before it says the number
# ahead is not known (the slip is printed after the answer, so it can carry it).
QUEUE_ANSWER_WAIT_S = 3.0
# How long a booking's slip waits for the platform's answer before it prints 待确认
# (the screen follows a later answer by itself; read at call time).
BOOKING_ANSWER_WAIT_S = QUEUE_ANSWER_WAIT_S


@dataclass(frozen=True, slots=True)
class IssueResult:
    """A ticket, or the reason there is none."""

    ticket: IssuedTicket | None
    refusal: Refusal | None = None
    # ALREADY_BOOKED: the booking the citizen already has (number, day, slot label).
    existing: ExistingBooking | None = None


@dataclass(frozen=True, slots=True)
class ExistingBooking:
    """A booking this person already holds (shown when a second one is refused)."""

    number: str
    start: dt.datetime  # local, naive
    slot_label: str


class Minter(Protocol):
    """:class:`kiosk.tracking.TrackingNumberMinter`."""

    def mint(self, day: dt.date) -> TrackingNumber:
        """A fresh, durable tracking number."""
        ...


class Signer(Protocol):
    """:class:`kiosk.payloads.ReceiptSigner`."""

    def signed_code(self, tracking: TrackingNumber) -> str:
        """The signed receipt code (``ZWR1.…``) for ``tracking``."""
        ...

    def qr_text(self, code: str) -> str:
        """What the QR carries for ``code`` (the status-page link, or the code)."""
        ...


class AppointmentDeps(Protocol):
    """The parts of the backend this service uses (read at call time)."""

    @property
    def outbox(self) -> Outbox:
        """The durable outbox."""
        ...

    @property
    def sync(self) -> Any:
        """The sync agent (woken after an enqueue), or None."""
        ...

    @property
    def tracking(self) -> Minter:
        """Mints booking numbers."""
        ...

    @property
    def receipt_signer(self) -> Signer:
        """Signs the booking's QR code (scannable at the track screen)."""
        ...

    @property
    def printing(self) -> Printing:
        """The print service."""
        ...


class AppointmentService:
    """Departments and slots from the catalog; bookings and queue tickets."""

    def __init__(
        self,
        deps: AppointmentDeps,
        departments: Callable[[], tuple[AppointmentDepartment, ...]],
        sequences: SequenceSource,
        clock: Clock,
        kiosk_id: str,
        remaining: Callable[[str, dt.date], Mapping[str, int] | None] | None = None,
        queue_prefix: str = "",
        position: Callable[[str], Mapping[str, Any] | None] | None = None,
        hall: str = "",
        held: Callable[[str, str, dt.date, str], Mapping[str, Any] | None] | None = None,
    ) -> None:
        self._deps = deps
        # Asks the platform for a number a person holds from another kiosk (blocking).
        self._held_lookup = held
        self._position = position  # asks the platform where a ticket stands (blocking)
        self._hall = hall  # the queue is the hall's: kiosks of one hall share it
        self._prefix = queue_prefix or kiosk_id
        self._remaining = remaining
        self._departments = departments
        self._sequences = sequences
        self._clock = clock
        self._kiosk_id = kiosk_id
        self._lock = threading.Lock()
        self._last: tuple[uuid.UUID, IssuedTicket] | None = None
        self._rebook: tuple[uuid.UUID, IssuedTicket] | None = None
        # Bookings (by number) whose slip came out saying 待确认, and those whose confirmed
        # slip came out after one: that slip says it replaces the other (try-out 17, C5).
        self._provisional_slips: set[str] = set()
        self._replacing_slips: set[str] = set()

    # --- what can be chosen -----------------------------------------------------------

    def departments(self) -> tuple[AppointmentDepartment, ...]:
        """Counters that take appointments (may read the catalog cache: blocking)."""
        try:
            return self._departments()
        except Exception:
            log.exception("appointment departments unavailable")
            return ()

    def local_now(self) -> dt.datetime:
        """The kiosk's local time, naive (opening hours are local)."""
        return self._clock().astimezone().replace(tzinfo=None)

    def can_queue_now(self, dept: AppointmentDepartment) -> bool:
        """Whether a walk-in ticket can be taken now."""
        return dept.serving_at(self.local_now())

    def bookable(self, slot: AppointmentSlot, at: dt.datetime | None = None) -> bool:
        """Whether ``slot`` may be booked at ``at`` (local, naive; default now): the one
        lead-time rule for listing and for booking."""
        return slot.start >= (self.local_now() if at is None else at) + MIN_LEAD

    def open_slots(self, dept: AppointmentDepartment, day: dt.date) -> tuple[AppointmentSlot, ...]:
        """Slots of ``day`` still bookable after the citizen has had time to choose."""
        later = self.local_now() + CHOOSING
        return tuple(s for s in dept.slots(day) if self.bookable(s, later))

    def bookable_days(
        self, dept: AppointmentDepartment, count: int = DAYS_SHOWN
    ) -> tuple[dt.date, ...]:
        """The next ``count`` days with a free slot (today included if it still has one)."""
        today = self.local_now().date()
        days = (today + dt.timedelta(days=i) for i in range(DAYS_AHEAD))
        return tuple(d for d in days if self.open_slots(dept, d))[:count]

    def remaining_seats(
        self, dept: AppointmentDepartment, day: dt.date
    ) -> Mapping[str, int] | None:
        """Free places per slot start (``2026-11-24T10:00``) from the platform, or None
        when it cannot be asked now (offline): the kiosk then offers every slot and the
        platform confirms. Blocking (network)."""
        if self._remaining is None:
            return None
        try:
            return self._remaining(dept.id, day)
        except Exception:
            log.exception("slot availability unavailable")
            return None

    # --- issuing (blocking) -----------------------------------------------------------

    def take_queue_ticket(
        self,
        dept: AppointmentDepartment,
        service_id: str | None = None,
        identity: Identity | None = None,
    ) -> IssueResult:
        """Issue today's next number for ``dept``; durable before it returns.

        A person who already holds a number for ``dept`` today that has not been called
        gets that one back (``again``), not a second: a second number would put them in
        the line twice, "前面还有 1 人" being themselves (try-out 5, item 2)."""
        now_local = self._clock().astimezone()
        if not dept.serving_at(now_local.replace(tzinfo=None)):
            return IssueResult(None, Refusal.CLOSED_NOW)
        held = self.held_queue_ticket(dept, now_local.date(), identity)
        if held is not None:
            return IssueResult(held)
        seq = self._sequences.next_sequence(f"Q.{dept.id}", now_local.date())
        number = f"{self._prefix}-{self._letter(dept)}{seq:03d}"  # unique in the hall
        closing = dt.datetime.combine(now_local.date(), dept.closes)
        soon = closing - now_local.replace(tzinfo=None) <= closing_warning()
        ticket = IssuedTicket(
            TicketKind.QUEUE, number, dept, now_local, closes_at=dept.closes if soon else None
        )
        body: dict[str, Any] = {
            "type": "queue_ticket",
            "department_id": dept.id,
            "number": ticket.number,
            "issued_at": now_local.isoformat(timespec="seconds"),
        }
        if self._hall:
            body["hall"] = self._hall
        if service_id:
            body["service_id"] = service_id
        if identity is not None and identity.document_number:
            # Encrypted at rest in the outbox, as a booking's: one number per person,
            # counter and day, here and on the platform (central/queue.py).
            body["applicant"] = {
                "document_type": identity.document_type.value,
                "document_number": identity.document_number,
            }
        # The hall's calling system learns the number from this record: until it is
        # delivered the ticket screen says the number is not yet called out.
        record_id = self._enqueue(body, None)
        return IssueResult(replace(ticket, record_id=record_id))

    def book(
        self,
        dept: AppointmentDepartment,
        slot: AppointmentSlot,
        identity: Identity | None,
        service_id: str | None = None,
    ) -> IssueResult:
        """Book ``slot`` for the citizen; durable before it returns."""
        if slot not in dept.slots(slot.start.date()):
            return IssueResult(None, Refusal.NOT_OFFERED)
        if not self.bookable(slot):
            return IssueResult(None, Refusal.SLOT_PASSED)
        existing = self.existing_booking(dept, slot.start.date(), identity)
        if existing is not None:
            return IssueResult(None, Refusal.ALREADY_BOOKED, existing)
        now_local = self._clock().astimezone()
        tracking = self._deps.tracking.mint(now_local.date())
        body: dict[str, Any] = {
            "type": "appointment",
            "department_id": dept.id,
            # The platform counts bookings per slot by this exact key.
            "slot_start": slot.start.isoformat(timespec="minutes"),
            "slot_end": slot.end.isoformat(timespec="minutes"),
            "booked_at": now_local.isoformat(timespec="seconds"),
        }
        if self._hall:
            # The hall's console lists its own bookings of a day, by this (issue 16).
            body["hall"] = self._hall
        if service_id:
            body["service_id"] = service_id
        if identity is not None:
            # Encrypted at rest in the outbox; the platform needs it to check the citizen in.
            body["applicant"] = {
                "document_type": identity.document_type.value,
                "document_number": identity.document_number,
                "name": identity.full_name,
            }
        qr: str | None = None
        try:
            code = self._deps.receipt_signer.signed_code(tracking)
            qr = self._deps.receipt_signer.qr_text(code)
            # The slip's code proves possession at the platform's status lookup.
            body["receipt_code_sha256"] = hashlib.sha256(code.encode("ascii")).hexdigest()
        except Exception:
            log.exception("could not sign the booking code")
        record_id = self._enqueue(body, str(tracking))
        ticket = IssuedTicket(
            TicketKind.APPOINTMENT,
            str(tracking),
            dept,
            now_local,
            slot,
            str(tracking),
            qr,
            record_id,
            applicant=identity.masked_name() if identity is not None else "",
        )
        return IssueResult(ticket)

    def held_queue_ticket(
        self, dept: AppointmentDepartment, day: dt.date, identity: Identity | None
    ) -> IssuedTicket | None:
        """The number this person took for ``dept`` on ``day`` and still waits with
        (issued on this kiosk, or on another of the hall's as the platform knows), or
        None. A number already called does not count: they may come back for more.
        Blocking: reads the outbox and may ask the platform."""
        if identity is None or not identity.document_number:
            return None
        mine = self._local_queue_ticket(dept, day, identity.document_number)
        if mine is not None and not self._called(mine):
            return mine
        return self._platform_queue_ticket(dept, day, identity)

    def _local_queue_ticket(
        self, dept: AppointmentDepartment, day: dt.date, document_number: str
    ) -> IssuedTicket | None:
        found: IssuedTicket | None = None
        for r, body, person in self._held_records("queue ticket"):
            try:
                issued = dt.datetime.fromisoformat(str(body.get("issued_at")))
            except (ValueError, TypeError):
                continue
            if (
                body.get("type") == "queue_ticket"
                and body.get("department_id") == dept.id
                and issued.date() == day
                and person == document_number
                and (found is None or issued > found.issued_at)
            ):
                found = self._held(dept, str(body.get("number", "")), issued, r.id)
        return found

    def _held_records(self, what: str) -> list[tuple[OutboxRecord, dict[str, Any], Any]]:
        """This kiosk's bookings and queue numbers that still hold (not dead), each with
        its payload and its holder's document number (None when none was given)."""
        try:
            records = self._deps.outbox.list(limit=2000)
        except Exception:
            log.exception("outbox unreadable; %s not checked for a duplicate", what)
            return []
        out = []
        for r in records:
            if r.kind is not RecordKind.APPOINTMENT or r.state is RecordState.DEAD:
                continue
            try:
                body = json.loads(r.payload or b"")
                person = (body.get("applicant") or {}).get("document_number")
            except (ValueError, TypeError, AttributeError):
                continue
            out.append((r, body, person))
        return out

    def _held(
        self, dept: AppointmentDepartment, number: str, issued: dt.datetime, record_id: uuid.UUID
    ) -> IssuedTicket:
        closing = dt.datetime.combine(issued.date(), dept.closes)
        soon = closing - issued.replace(tzinfo=None) <= closing_warning()
        return IssuedTicket(
            TicketKind.QUEUE,
            number,
            dept,
            issued,
            record_id=record_id,
            closes_at=dept.closes if soon else None,
            again=True,
        )

    def _called(self, ticket: IssuedTicket) -> bool:
        """Whether the platform says ``ticket`` was called (False when it cannot say)."""
        agent = self._deps.sync
        if self._position is None or agent is None or getattr(agent, "online", None) is False:
            return False
        if self.booking_state(ticket) is not BookingState.CONFIRMED:
            return False  # not delivered yet: nobody can have called it
        try:
            answer = self._position(str(ticket.record_id))
        except Exception:
            log.exception("queue ticket state unavailable")
            return False
        return answer is not None and answer.get("state") == "called"

    def _platform_queue_ticket(
        self, dept: AppointmentDepartment, day: dt.date, identity: Identity
    ) -> IssuedTicket | None:
        """A number the person holds from another kiosk of the hall (online only)."""
        agent, ask = self._deps.sync, self._held_lookup
        if ask is None or agent is None or getattr(agent, "online", None) is False:
            return None
        try:
            answer = ask(self._hall, dept.id, day, identity.document_number)
        except Exception:
            log.exception("held queue ticket lookup failed")
            return None
        if not answer:
            return None
        try:
            issued = dt.datetime.fromisoformat(str(answer["issued_at"]))
            record_id = uuid.UUID(str(answer["id"]))
            number = str(answer["number"])
        except (KeyError, ValueError, TypeError):
            return None
        held = self._held(dept, number, issued.astimezone(), record_id)
        return replace(held, held_position=_position_of(answer))

    def existing_booking(
        self, dept: AppointmentDepartment, day: dt.date, identity: Identity | None
    ) -> ExistingBooking | None:
        """A booking of this kiosk for the same person, counter and day that still holds
        (pending, or accepted by the platform). Blocking: reads the outbox."""
        if identity is None or not identity.document_number:
            return None
        for r, body, person in self._held_records("booking"):
            try:
                start = dt.datetime.fromisoformat(str(body.get("slot_start")))
                end = dt.datetime.fromisoformat(str(body.get("slot_end")))
            except (ValueError, TypeError):
                continue
            if (
                body.get("department_id") == dept.id
                and start.date() == day
                and person == identity.document_number
            ):
                label = f"{start:%H:%M}-{end:%H:%M}"
                return ExistingBooking(r.tracking_number or "", start, label)
        return None

    def booking_state(self, ticket: IssuedTicket) -> BookingState:
        """Whether the platform has accepted ``ticket``'s record, booking or queue number
        (blocking: reads the outbox)."""
        if ticket.record_id is None:
            return BookingState.PROVISIONAL
        record = self._deps.outbox.get(ticket.record_id)
        if record is None:
            return BookingState.PROVISIONAL
        if record.state is RecordState.DELIVERED:
            return BookingState.CONFIRMED
        if record.state is RecordState.DEAD:
            # The sync agent records the platform's error code ("HTTP 422: already_booked").
            if (record.last_error or "").endswith("already_booked"):
                return BookingState.ALREADY_BOOKED
            return BookingState.REFUSED
        return BookingState.PROVISIONAL

    def refusal_reason(self, ticket: IssuedTicket) -> str:
        """Why the platform refused ``ticket``'s booking, as its error code (``slot_full``,
        ``unknown_slot``), or "" when it gave none or did not refuse. Blocking (outbox)."""
        if ticket.record_id is None:
            return ""
        record = self._deps.outbox.get(ticket.record_id)
        if record is None or record.state is not RecordState.DEAD:
            return ""
        # The sync agent records "HTTP 409: slot_full"; older records "409 slot full".
        error = (record.last_error or "").rsplit(":", 1)[-1].strip().replace(" ", "_")
        return error if error in REFUSAL_REASONS else ""

    def settled_booking_state(
        self, ticket: IssuedTicket, wait_s: float | None = None
    ) -> BookingState:
        """The booking's state once the platform has answered, waiting up to ``wait_s``
        (default :data:`BOOKING_ANSWER_WAIT_S`) while it is being delivered (blocking).
        Offline, or when nothing delivers it, the state is read once: provisional is then
        the truth, and the slip says so."""
        agent = self._deps.sync
        deadline = time.monotonic() + (BOOKING_ANSWER_WAIT_S if wait_s is None else wait_s)
        while True:
            state = self.booking_state(ticket)
            if state is not BookingState.PROVISIONAL:
                return state
            online = agent is not None and getattr(agent, "online", None) is not False
            if not online or not getattr(agent, "running", False):
                return state
            if time.monotonic() >= deadline:
                return state
            time.sleep(0.05)

    def queue_position(
        self, ticket: IssuedTicket, wait_s: float = QUEUE_ANSWER_WAIT_S
    ) -> QueuePosition:
        """People ahead of a queue ticket and the expected wait, from the platform once it
        has the ticket's record (waits up to ``wait_s`` for the delivery). Blocking."""
        if ticket.held_position is not None:
            return ticket.held_position  # another kiosk's number: as the platform told
        agent = self._deps.sync
        deadline = time.monotonic() + wait_s
        while True:
            if agent is None or self._position is None or getattr(agent, "online", None) is False:
                return QueuePosition(None, offline=True)
            if ticket.record_id is None or not getattr(agent, "running", False):
                return QueuePosition(None)  # nothing is delivering it: no answer will come
            if self.booking_state(ticket) is BookingState.CONFIRMED:
                break
            if time.monotonic() >= deadline:
                return QueuePosition(None)
            time.sleep(0.05)
        try:
            answer = self._position(str(ticket.record_id))
        except Exception:
            log.exception("queue position unavailable")
            answer = None
        return _position_of(answer)

    def slip_replaces_provisional(self, ticket: IssuedTicket | None) -> bool:
        """Whether a confirmed slip of this booking came out after one that said 待确认
        (it says it replaces that one; the screen says so too). Memory only: no blocking."""
        if ticket is None:
            return False
        with self._lock:
            return (ticket.tracking_number or ticket.number) in self._replacing_slips

    def print_ticket(
        self,
        ticket: IssuedTicket,
        lang: str,
        position: QueuePosition | None = None,
        settled: BookingState | None = None,
    ) -> PrintResult | None:
        """Print the queue ticket (with ``position`` when asked), or the booking slip with
        its state (blocking): ``settled`` when the caller has waited for it already (it
        then knows what the slip says), else :meth:`settled_booking_state`. None: no
        slip, because the platform refused the booking while the slip waited for its
        answer (paper saying 待确认 would be false)."""
        if ticket.kind is TicketKind.APPOINTMENT and ticket.slot is not None:
            # Printed with the platform's answer when one is coming: the slip must say
            # what the screen says, not "待确认" a moment before the screen says 已确认.
            state = settled if settled is not None else self.settled_booking_state(ticket)
            if state in (BookingState.REFUSED, BookingState.ALREADY_BOOKED):
                return None
            number = ticket.tracking_number or ticket.number
            provisional = state is not BookingState.CONFIRMED
            with self._lock:
                replaces = not provisional and number in self._provisional_slips
            slip = AppointmentSlipData(
                booking_number=number,
                service_name=ticket.department.name.get(lang),
                day=fmt_date(ticket.slot.start.date(), lang),
                time=ticket.slot.label(),
                booked_at=ticket.issued_at,
                kiosk_id=self._kiosk_id,
                provisional=provisional,
                qr_payload=ticket.qr_payload,
                replaces_provisional=replaces,
                applicant_name=ticket.applicant,
            )
            result = self._deps.printing.print_document(
                "appointment", appointment_slip(slip, lang), ticket.tracking_number
            )
            with self._lock:
                if result.printed and provisional:
                    self._provisional_slips.add(number)
                elif result.printed and replaces:
                    self._replacing_slips.add(number)
            return result
        slot = None
        if ticket.slot is not None:
            slot = f"{fmt_date(ticket.slot.start.date(), lang)} {ticket.slot.label()}"
        data = QueueTicketData(
            number=ticket.number,
            service_name=ticket.department.name.get(lang),
            issued_at=ticket.issued_at,
            kiosk_id=self._kiosk_id,
            appointment_slot=slot,
            qr_payload=ticket.qr_payload,
            waiting_ahead=position.people_ahead if position else None,
            expected_wait_min=position.expected_wait_min if position else None,
            ahead_unknown=position is not None and not position.known,
            closes_at=f"{ticket.closes_at:%H:%M}" if ticket.closes_at else None,
        )
        kind = "queue_ticket" if ticket.kind is TicketKind.QUEUE else "appointment"
        return self._deps.printing.print_document(
            kind, queue_ticket(data, lang), ticket.tracking_number, label=ticket.number
        )

    # --- hand-over to the ticket screen -------------------------------------------------

    def remember(self, session_id: uuid.UUID, ticket: IssuedTicket) -> None:
        """Keep ``ticket`` for the ticket screen of this session only."""
        with self._lock:
            self._last = (session_id, ticket)

    def last_ticket(self, session_id: uuid.UUID) -> IssuedTicket | None:
        """The ticket issued in session ``session_id``, if any."""
        with self._lock:
            last = self._last
        return last[1] if last is not None and last[0] == session_id else None

    def start_rebook(self, session_id: uuid.UUID) -> None:
        """The citizen rebooks a refused booking: the session's ticket is set aside, and
        the booking screen starts from its counter and day (:meth:`rebooking`)."""
        with self._lock:
            last = self._last
            if last is not None and last[0] == session_id:
                self._last, self._rebook = None, last

    def rebooking(self, session_id: uuid.UUID) -> IssuedTicket | None:
        """The refused booking this session is rebooking (once: taken when read)."""
        with self._lock:
            again, self._rebook = self._rebook, None
        return again[1] if again is not None and again[0] == session_id else None

    # --- internals --------------------------------------------------------------------

    def _letter(self, dept: AppointmentDepartment) -> str:
        ids = [d.id for d in self.departments()]
        index = ids.index(dept.id) if dept.id in ids else len(ids)
        return LETTERS[index % len(LETTERS)]

    def _enqueue(self, body: dict[str, Any], tracking_number: str | None) -> uuid.UUID:
        payload = json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
        record = self._deps.outbox.enqueue(
            RecordKind.APPOINTMENT, payload, tracking_number, self._clock()
        )
        agent = self._deps.sync
        if agent is not None:
            agent.wake()
        return record.id


def _position_of(answer: Mapping[str, Any] | None) -> QueuePosition:
    """The people ahead and expected wait in the platform's answer about a ticket."""
    ahead = answer.get("people_ahead") if answer else None
    if not isinstance(ahead, int) or isinstance(ahead, bool) or ahead < 0:
        return QueuePosition(None)
    wait = answer.get("expected_wait_min") if answer else None
    return QueuePosition(ahead, wait if isinstance(wait, int) and wait >= 0 else None)
