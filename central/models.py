"""Request/response models of the platform API; they also define the OpenAPI document."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from central.keyboards import KeyboardName, keyboard_problem

RecordKindName = Literal["application", "rating", "feedback", "appointment", "staff_call", "audit"]
FieldType = Literal["text", "number", "date", "month", "choice", "phone", "address", "id_number"]


class Text(BaseModel):
    """A string in both kiosk languages."""

    zh: str
    en: str


class Department(BaseModel):
    id: str
    name: Text


class Material(BaseModel):
    id: str
    name: Text
    from_id_document: bool = Field(
        description="The kiosk can take this from the identity document instead of a copy"
    )
    required: bool
    copies: int
    pages: int | None = Field(
        default=None,
        ge=1,
        description="Pages a paper of this kind usually has (the kiosk's default answer "
        "to 'another page?'); absent where it varies",
    )


class Option(BaseModel):
    value: str
    label: Text


class FormField(BaseModel):
    name: str
    type: FieldType
    label: Text
    required: bool
    prefill: str | None = Field(
        description="Where the kiosk pre-fills the value from, e.g. identity.full_name"
    )
    validation: dict[str, Any] = Field(
        description=(
            "Optional keys: pattern (regex), min, max (number), max_length, integer (whole"
            " numbers only), not_future (a date of a past event: not after today),"
            " not_before (the name of a date or month field this one is not earlier than),"
            " example (a value the pattern accepts; required with a pattern: the field's"
            " keyboard must type it and max_length hold it)"
        )
    )
    options: list[Option] | None = None
    hint: Text | None = Field(
        default=None,
        description="What an answer looks like, shown where it is typed (a permit number's form)",
    )
    keyboard: KeyboardName | None = Field(
        default=None,
        description=(
            "The kiosk's keyboard for a typed field: text (pinyin, capitals, digits), alnum"
            " (capitals and digits), digits, number (digits and a point), id (digits and X),"
            " date. Absent: the type's (text and address: text; number: number, or digits"
            " when integer; date and month: date; phone: digits; id_number: id)"
        ),
    )

    @model_validator(mode="after")
    def _typeable(self) -> FormField:
        """Refuse a field its keyboard cannot fill in (checked by its example)."""
        problem = keyboard_problem(self.model_dump())
        if problem is not None:
            raise ValueError(problem.words())
        return self


class Form(BaseModel):
    fields: list[FormField]


class TimeLimit(BaseModel):
    days: int = Field(description="Legal time limit; 0 means completed on the spot")
    kind: Literal["working_days", "days"]
    text: Text


class Fees(BaseModel):
    amount_cny: float
    text: Text
    pay: Text | None = Field(
        default=None, description="How and where a fee is paid (the kiosk takes no money)"
    )
    pay_without_receipt: Text | None = Field(
        default=None,
        description="The same for a citizen whose receipt did not print, where ``pay`` says "
        "凭回执 (kept through the console's edits while ``pay`` is unchanged)",
    )


class PickupWhen(BaseModel):
    field: str = Field(description="A form field's name")
    value: str = Field(description="The answer for which the pickup applies")


class PickupAnswer(BaseModel):
    """How the result comes for one answer of the question a pickup depends on."""

    text: Text = Field(description="What is said of it after the kiosk")
    short: Text | None = Field(default=None, description="The same in a few words")
    without_receipt: Text | None = Field(
        default=None,
        description="The same for a citizen whose receipt did not print: what the counter "
        "takes instead (受理编号 and ID document), where ``text`` says 凭回执",
    )
    at_counter: bool = Field(
        default=True,
        description="Collected at a counter (said as still to do there); false: it is "
        "sent to the citizen (posted), no counter visit",
    )


class Pickup(BaseModel):
    """How the result is collected: one way (``text``, maybe only ``when`` an answer is
    given), or one per answer of a form question (``by`` and ``answers``: 领取方式 窗口领取
    or 邮寄), each said where it applies (the receipt, its page, 查询)."""

    text: Text | None = Field(
        default=None, description="What is still to do at a counter after the kiosk"
    )
    short: Text | None = Field(default=None, description="The same in a few words")
    without_receipt: Text | None = Field(
        default=None,
        description="The same for a citizen whose receipt did not print: what the counter "
        "takes instead (受理编号 and ID document), where ``text`` says 凭回执",
    )
    when: PickupWhen | None = Field(
        default=None, description="Only for this form answer (e.g. 领取方式 = 窗口领取)"
    )
    by: str | None = Field(
        default=None, description="The form field whose answer chooses among ``answers``"
    )
    answers: dict[str, PickupAnswer] | None = Field(
        default=None, description="For each answer of ``by``: how the result comes"
    )

    @model_validator(mode="after")
    def _one_way_or_by_answer(self) -> Pickup:
        if (self.text is None) == (self.by is None or not self.answers):
            raise ValueError("a pickup has its text, or a field (by) and its answers")
        return self


class Service(BaseModel):
    id: str
    department_id: str
    name: Text
    summary: Text
    pinyin_initials: str
    pinyin: str = Field(default="", description="The name in full pinyin, no tones or spaces")
    popular: bool
    kiosk_completable: bool
    time_limit: TimeLimit
    fees: Fees
    where: Text
    materials: list[Material]
    form: Form
    appointment: bool = Field(description="Counter appointments can be booked for it")
    counter: str | None = Field(
        default=None,
        description="The hall's counter (an appointment department id) that takes its "
        "counter work: the one a citizen sent to a window can book or queue for",
    )
    documents: list[str] = Field(
        default_factory=list,
        description="Identity document kinds the service accepts (kiosk.identity); empty: any",
    )
    pickup: Pickup | None = Field(
        default=None,
        description="The result is collected at a counter: said on the receipt and 查询 "
        "(kept through the console's edits and publications)",
    )


# A wall-clock time of day, HH:MM (24 h): slots are computed from it.
_HHMM = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


class Hours(BaseModel):
    start: str = Field(pattern=_HHMM)
    end: str = Field(pattern=_HHMM)
    slot_minutes: int = Field(ge=5, le=24 * 60)
    capacity: int = Field(ge=0, le=10_000)


class AppointmentDepartment(BaseModel):
    id: str
    department_id: str
    name: Text
    hours: Hours
    weekdays: list[Annotated[int, Field(ge=0, le=6)]] = Field(description="0 = Monday")


class Policies(BaseModel):
    """Terms the platform keeps and the kiosk states to citizens."""

    complaint_follow_up_working_days: int = Field(
        ge=1,
        description="整改回访: working days to follow up a complaint or poor rating",
    )


class Catalog(BaseModel):
    """``GET /v1/catalog``: the whole service catalog."""

    schema_: str = Field(alias="schema")
    version: str
    departments: list[Department]
    services: list[Service]
    appointment_departments: list[AppointmentDepartment]
    policies: Policies | None = None


class SubmissionIn(BaseModel):
    """One outbox record as the kiosk sends it; the Idempotency-Key header is its id."""

    model_config = ConfigDict(extra="forbid")

    kind: RecordKindName
    tracking_number: str | None = Field(default=None, max_length=64)
    created_at: str | None = None
    kiosk_id: str | None = Field(default=None, max_length=64)
    payload: dict[str, Any]


class SubmissionOut(BaseModel):
    id: str
    kind: RecordKindName
    tracking_number: str | None
    status: str
    received_at: str


class BatchItem(SubmissionIn):
    idempotency_key: str = Field(min_length=1, max_length=128)


class BatchIn(BaseModel):
    items: list[BatchItem]


class BatchResult(BaseModel):
    idempotency_key: str
    status: int = Field(description="What a single POST would have answered: 201, 409, 422")
    body: dict[str, Any]


class BatchOut(BaseModel):
    results: list[BatchResult]


class TimelineEntry(BaseModel):
    status: str
    at: str
    note: Text


class BookingOut(BaseModel):
    """The counter and time a booking holds (hall-local times, as booked)."""

    department_id: str | None = None
    slot_start: str | None = None
    slot_end: str | None = None


class StatusOut(BaseModel):
    tracking_number: str
    kind: str
    service_id: str | None
    status: str = Field(
        description="An application: received, accepted, in_review, completed, rejected."
        " A booking (kind appointment): booked, expired (its time has passed)."
        " A complaint (kind complaint): received, followed_up (staff recorded a follow-up)"
    )
    final: bool
    timeline: list[TimelineEntry]
    booking: BookingOut | None = Field(default=None, description="Only for a booking")
    due: str | None = Field(
        default=None, description="Only for a complaint: the date it is followed up by"
    )
    answers: dict[str, str] = Field(
        default_factory=dict,
        description="An application: its answers to the questions the service's pickup "
        "depends on (领取方式), and nothing else, so 查询 says how the result comes",
    )


class StatusLookupIn(BaseModel):
    """``POST /v1/status/lookup``: a tracking number and one proof of possession."""

    model_config = ConfigDict(extra="forbid")

    tracking_number: str = Field(min_length=1, max_length=64)
    receipt_code: str | None = Field(
        default=None, max_length=256, description="The signed receipt code (ZWR1...)"
    )
    id_last4: str | None = Field(
        default=None,
        pattern=r"^[0-9A-Za-z]{4}$",
        description="Last 4 characters of the applicant's ID number",
    )


class AdvanceIn(BaseModel):
    status: Literal["accepted", "in_review", "completed", "rejected"] | None = Field(
        default=None, description="Target status; omitted → the next one on the normal road"
    )
    note: Text | None = None


class ServiceIn(BaseModel):
    """Whether a kiosk serves citizens: a technician may put it out of service (暂停服务)
    from its maintenance panel, since when (the kiosk's hall time, ISO 8601) and why if
    they said (try-out 11, K2: the console's 终端 page could not tell)."""

    state: Literal["in_service", "out_of_service"]
    since: str | None = Field(default=None, max_length=40)
    reason: str | None = Field(default=None, max_length=200)


class CallUpdateIn(BaseModel):
    """What became of a staff call after it was made, as its kiosk saw (try-out 17): the
    citizen asked again (how often in all, the latest when), the printer's state since a
    call made while it could not print ("ok" or a device state code, and when), and when
    the receipt the call asked to reprint printed. Times are the kiosk's clock, ISO."""

    asked: int | None = Field(default=None, ge=1, le=1000)
    asked_at: str | None = Field(default=None, max_length=40)
    printer: str | None = Field(default=None, max_length=64, pattern=r"^(ok|[a-z]+\.[a-z_]+)$")
    printer_at: str | None = Field(default=None, max_length=40)
    receipt_printed_at: str | None = Field(default=None, max_length=40)
    # True when what printed was a copy (a paper may have come out before): 补打. Absent
    # (also from a kiosk before try-out 20) reads 回执已打印, true of a copy too.
    receipt_copy: bool | None = None


class HeartbeatIn(BaseModel):
    kiosk_id: str = Field(max_length=64)
    version: str
    sent_at: str | None = None
    devices: dict[str, str] = Field(default_factory=dict)
    queue: dict[str, int] = Field(default_factory=dict)
    oldest_pending_age_s: float | None = None
    uptime_s: float | None = None  # since the kiosk process started
    # Platform time minus the kiosk's, as the kiosk measured it from our Date headers.
    clock_offset_s: float | None = None
    # Where the kiosk stands ([kiosk] location_zh): the fleet page names it by its place,
    # not only by a code an operator must know by heart (try-out 9, K6).
    location: str | None = Field(default=None, max_length=200)
    # The same place in English: the English console names the hall by it (try-out 15, K5).
    location_en: str | None = Field(default=None, max_length=200)
    # The catalog the kiosk offers a new citizen: its own version (what the console
    # shows) and the ETag it was served under (how the console tells it is behind the
    # one published, exactly). Absent from a kiosk older than try-out 10's K2.
    catalog_version: str | None = Field(default=None, max_length=64)
    catalog_etag: str | None = Field(default=None, max_length=80)
    # Absent from a kiosk older than try-out 11's K2: shown as nothing said.
    service: ServiceIn | None = None
    # Staff calls (their ids) whose citizen's journey has ended on the kiosk, and when
    # (the kiosk's clock, ISO): the hall page says so on their rows (try-out 15, K4).
    calls_ended: dict[
        Annotated[str, Field(max_length=64)], Annotated[str, Field(max_length=40)]
    ] = Field(default_factory=dict, max_length=50)
    # Staff calls' follow-ups by call id (CallUpdateIn): one row per citizen's call says
    # it was asked again, and follows the printer and the receipt (try-out 17, C1/K1).
    call_updates: dict[Annotated[str, Field(max_length=64)], CallUpdateIn] = Field(
        default_factory=dict, max_length=50
    )


class StaffCallOut(BaseModel):
    """Where a kiosk's staff call stands on the platform (the console acknowledges it)."""

    id: str
    state: Literal["delivered", "acknowledged"]
    acknowledged_at: str | None = None
    # How far the hall got after 确认收到 (try-out 9, K1): "coming" (正在前往, the
    # kiosk says 工作人员正在赶来) or "done" (已处理, the kiosk's chip goes). ``state``
    # keeps its two words, so a kiosk that knows only those still reads it.
    step: Literal["acknowledged", "coming", "done"] | None = None


class QueueTicketOut(BaseModel):
    """Where a walk-in ticket stands in its hall's queue (the kiosk shows and prints it)."""

    id: str
    number: str
    state: Literal["waiting", "called"]
    people_ahead: int  # tickets of the same hall and queue issued before it, not yet called
    # Minutes, from the recent pace of calls; absent when there is no basis for a guess.
    expected_wait_min: int | None = None
    counter: str | None = None  # where to go once called
    issued_at: str | None = None  # the held ticket's issue time (POST /v1/queue-tickets/held)


class HeldTicketIn(BaseModel):
    """Which person's number to look for: in the body, never in a URL (logs keep URLs)."""

    hall: str = Field("", max_length=200)
    department_id: str = Field(max_length=200)
    date: dt.date
    document_number: str = Field(min_length=1, max_length=64)


class HeartbeatOut(BaseModel):
    server_time: str
    next_heartbeat_s: int
    # The ETag of the catalog served now: a kiosk holding another fetches it at once,
    # so a published fee reaches the fleet within a heartbeat, not an hour (K2).
    catalog_etag: str | None = None


class BatchCapability(BaseModel):
    path: str
    max_items: int


class Capabilities(BaseModel):
    api: str
    batch: BatchCapability | None
    attachments: dict[str, Any]
    heartbeat_interval_s: int
    eid_jwks: str


class AttachmentOut(BaseModel):
    sha256: str
    size: int
    created: bool


class Slot(BaseModel):
    start: str
    end: str
    capacity: int
    remaining: int


class SlotsOut(BaseModel):
    department_id: str
    date: str
    slots: list[Slot]


class EidIssueIn(BaseModel):
    """Identity to put into a demo e-ID credential (full data: the token is the credential).

    Field names are the token's claim names (docs/payloads.md).
    """

    surname: str
    given_names: str = ""
    doc_number: str
    doc_type: Literal["resident_id", "id_card", "passport", "travel_document", "e_id"] = (
        "resident_id"
    )
    birth_date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    sex: Literal["M", "F", "X"]
    nationality: str = Field(default="CHN", pattern=r"^[A-Z]{3}$")
    doc_expiry: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    ttl_s: int = Field(default=300, ge=10, le=86_400 * 365)


class EidIssueOut(BaseModel):
    token: str
    kid: str
    exp: int


class Jwk(BaseModel):
    kty: str
    crv: str
    x: str
    kid: str
    alg: str
    use: str


class Jwks(BaseModel):
    keys: list[Jwk]


class FaultsIn(BaseModel):
    rules: list[dict[str, Any]]
    seed: int | None = None
