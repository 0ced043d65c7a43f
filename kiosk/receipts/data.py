"""Plain data the receipt templates take; the kiosk fills them from its domain objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SubmissionReceiptData:
    """A 回执 for a submitted application.

    ``applicant_name`` and ``id_number`` are given in full; the template masks
    them (kiosk.identity.mask_name / mask_number) and never prints them whole.
    ``agent_name`` / ``agent_id_number`` name the 代办人 who applied on the
    applicant's behalf (empty when the applicant came in person); masked the same way.
    Times are printed as given (pass local time).
    """

    service_name: str
    tracking_number: str
    applicant_name: str = field(repr=False)
    id_number: str = field(repr=False)
    submitted_at: dt.datetime
    kiosk_id: str
    qr_payload: str  # the signed receipt code, built elsewhere
    materials_to_bring: tuple[str, ...] = ()
    expected_completion: dt.date | None = None
    fee_fen: int | None = None  # amount due in fen (1/100 yuan), None = no fee line
    # How and where the fee is paid (the kiosk takes no money), under the fee line.
    fee_pay: str = ""
    # The result collected at a counter, from the catalog ("" none): with the fee, on top.
    pickup: str = ""
    # Or the result sent to the citizen (posted), from the catalog ("" none): on top too,
    # on its own, no counter visit (try-out 17, E6).
    delivery: str = ""
    kiosk_location: str = ""
    agent_name: str = field(default="", repr=False)
    agent_id_number: str = field(default="", repr=False)
    optional_not_given: tuple[str, ...] = ()  # optional papers skipped at the kiosk
    identity_source: str = ""  # kiosk.identity.IdentitySource value: chip, e_id_qr, manual
    # Saved offline: printed before the platform has it, so the paper must not read as
    # if it had been received (it says it is saved here and sent once the network is back).
    pending_delivery: bool = False


@dataclass(frozen=True, slots=True)
class QueueTicketData:
    """An appointment / queue ticket with a big number."""

    number: str  # e.g. "A023"
    service_name: str
    issued_at: dt.datetime
    kiosk_id: str
    waiting_ahead: int | None = None
    counter: str | None = None
    # Minutes, only when the platform had a basis for a guess (the recent pace of calls).
    expected_wait_min: int | None = None
    # True when nobody could say how many wait ahead (offline): the slip says so.
    ahead_unknown: bool = False
    appointment_slot: str | None = None  # e.g. "14:00-14:30", already formatted
    qr_payload: str | None = None
    closes_at: str | None = None  # "17:00": the counter stops serving soon after issue


@dataclass(frozen=True, slots=True)
class AppointmentSlipData:
    """A booking slip: the booking number and the booked time, never a queue number.

    ``provisional`` while the platform has not accepted the booking (made offline,
    or not yet sent): the slip says so, and its QR code lets the citizen check.
    """

    booking_number: str
    service_name: str
    day: str  # already formatted for the language
    time: str  # e.g. "10:00-10:30"
    booked_at: dt.datetime
    kiosk_id: str
    provisional: bool = True
    qr_payload: str | None = None
    # Confirmed, printed after a slip of the same booking that said 待确认: the citizen
    # holds two, and must know which counts (try-out 17, C5).
    replaces_provisional: bool = False
    # Whose booking, as the receipt names its applicant (the template masks it); "" when
    # no name is known (try-out 17, E7).
    applicant_name: str = ""


@dataclass(frozen=True, slots=True)
class StatusStep:
    """One stage of an application's progress."""

    label: str
    done: bool
    at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class StatusSlipData:
    """Progress of an application, printed after a citizen scans their receipt."""

    tracking_number: str
    service_name: str
    status_text: str  # platform's status, already in the receipt language
    updated_at: dt.datetime
    printed_at: dt.datetime
    kiosk_id: str
    steps: tuple[StatusStep, ...] = ()
    note: str = ""
    qr_payload: str | None = None


@dataclass(frozen=True, slots=True)
class RatingThanksData:
    """A thank-you slip after a rating."""

    stars: int  # 1..5
    printed_at: dt.datetime
    kiosk_id: str
    tracking_number: str | None = None
    comment_received: bool = False


@dataclass(frozen=True, slots=True)
class ComplaintSlipData:
    """A complaint's slip: its number, the term, and the reply phone (masked)."""

    reference: str  # the complaint number (as stored; printed in the shown form)
    printed_at: dt.datetime
    kiosk_id: str
    follow_up_days: int | None = None  # the platform's 整改回访 term; None: not known
    reply_phone_masked: str | None = None  # already masked; None: no reply asked
    delivered: bool = False  # the platform had it when the slip was printed


@dataclass(frozen=True, slots=True)
class PrinterTestPageData:
    """A technician's printer test page."""

    kiosk_id: str
    printed_at: dt.datetime
    software_version: str
    paper: str  # profile name, e.g. "80mm"
    qr_payload: str = "https://example.gov.cn/kiosk/test?中文=测试"
    barcode: str = "KS-TEST-01"  # CODE128-B at 2 dots/module fits 58 mm up to 13 chars


@dataclass(frozen=True, slots=True)
class DailySummaryData:
    """The end-of-day summary for staff (no personal data)."""

    day: dt.date
    kiosk_id: str
    printed_at: dt.datetime
    submissions: int
    by_service: tuple[tuple[str, int], ...] = ()
    queue_tickets: int = 0
    ratings: int = 0
    rating_average: float | None = None
    print_failures: int = 0
    outbox_pending: int = 0
    outbox_failed: int = 0
