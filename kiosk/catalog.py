"""Service catalog domain model (一次性告知: materials, time limit, fees, where to go).

The platform publishes the catalog as JSON; :func:`parse_catalog` turns it into
these frozen types and skips (with a log line) any entry it cannot understand,
so one bad service never takes the whole kiosk down.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kiosk.keyboards import Keyboard, cannot_type, parse_keyboard

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Text:
    """A string in both interface languages."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        """The text in ``lang``, falling back to Chinese."""
        return self.en if lang == "en" and self.en else self.zh


class FieldType(StrEnum):
    """Form field kinds the kiosk can render and validate."""

    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    MONTH = "month"  # a year and month (起始月份): YYYYMM, no day asked for
    CHOICE = "choice"
    PHONE = "phone"
    ADDRESS = "address"
    ID_NUMBER = "id_number"


@dataclass(frozen=True, slots=True)
class Pickup:
    """How a service's result comes: collected at a counter (``at_counter``: said as
    still to do there) or sent to the citizen; ``when`` (field, value): only for that
    answer."""

    text: Text
    short: Text | None = None  # the same in a few words, for a short panel
    when: tuple[str, str] | None = None
    at_counter: bool = True
    # The same for a citizen who holds no receipt (it did not print): what the counter
    # takes instead, where ``text`` says 凭回执 (try-out 17, C3). The platform's words, as
    # only the department knows what its counter accepts.
    without_receipt: Text | None = None

    def applies(self, values: Mapping[str, str]) -> bool:
        """Whether it is how the result comes for these answers."""
        return self.when is None or values.get(self.when[0]) == self.when[1]

    def words(self, short: bool = False, receipt: bool = True) -> Text:
        """Its words (a few, on a short panel; without a receipt in hand, those)."""
        if short and self.short is not None:
            return self.short
        if not receipt and self.without_receipt is not None:
            return self.without_receipt
        return self.text


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of a choice field."""

    value: str
    label: Text


@dataclass(frozen=True, slots=True)
class FormField:
    """One field of a service's application form."""

    id: str
    type: FieldType
    label: Text
    required: bool = True
    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    choices: tuple[Choice, ...] = ()
    # Where to pre-fill from: "identity.full_name", "identity.document_number", ...
    prefill: str | None = None
    hint: Text | None = None
    # Numbers: whole numbers only (copies, people, years) and the allowed range.
    integer: bool = False
    min_value: float | None = None
    max_value: float | None = None
    # Dates of past events (离职日期, months already paid): not after today.
    not_future: bool = False
    # The id of a date or month field this one must not be earlier than (截止月份 after
    # 起始月份): a range that runs backwards is refused.
    not_before: str | None = None
    # The keyboard the catalog names for it (None: its type's, see keyboard_of).
    keyboard: Keyboard | None = None
    # A value the pattern accepts, as the platform checked it: the keyboard must type it.
    example: str | None = None


class CatalogRefused(ValueError):
    """A service the kiosk will not offer: a field a citizen could not fill in."""


# A typed field's keyboard when the catalog names none (a catalog from an older
# platform): its type's. Choices are tapped, not typed: no keyboard.
_TYPE_KEYBOARDS = {
    FieldType.TEXT: Keyboard.TEXT,
    FieldType.ADDRESS: Keyboard.TEXT,
    FieldType.NUMBER: Keyboard.NUMBER,
    FieldType.DATE: Keyboard.DATE,
    FieldType.MONTH: Keyboard.DATE,
    FieldType.PHONE: Keyboard.DIGITS,
    FieldType.ID_NUMBER: Keyboard.ID,
}


def keyboard_of(f: FormField) -> Keyboard | None:
    """The keyboard ``f`` is typed on: the catalog's, else its type's (None: a choice)."""
    if f.keyboard is not None:
        return f.keyboard
    if f.type is FieldType.NUMBER and f.integer:
        return Keyboard.DIGITS  # whole numbers (copies, years): no decimal point to press
    return _TYPE_KEYBOARDS.get(f.type)


def keyboard_problem(f: FormField) -> str | None:
    """Why a citizen could not type what ``f`` requires, or None.

    Told by the field's example (a value its pattern accepts): every character of it
    must be on the field's keyboard, and it must fit the field's length. A field
    without an example (an older platform's catalog) cannot be checked and is taken.
    """
    keys = keyboard_of(f)
    if keys is None or f.example is None:
        return None
    if f.pattern:
        try:
            if re.fullmatch(f.pattern, f.example) is None:
                return f"field {f.id}: the example does not match its pattern"
        except re.error:
            pass  # a broken pattern blocks nobody (form_rules.validate)
    if f.max_length is not None and len(f.example) > f.max_length:
        return f"field {f.id}: the example is longer than max_length {f.max_length}"
    missing = cannot_type(keys, f.example)
    if missing:
        return f"field {f.id}: the {keys.value} keyboard cannot type {missing!r} of its example"
    return None


@dataclass(frozen=True, slots=True)
class Material:
    """A document the citizen must provide."""

    name: Text
    # True when the kiosk takes this from the identity document itself (no copy needed).
    from_identity: bool = False
    # True when the kiosk can photograph it with the document camera.
    capturable: bool = True
    required: bool = True
    # How many pages (photos) a paper of this kind has, None where the catalog does not
    # say (it varies): the kiosk's default answer to "another page?" follows it (try-out
    # 8, E9: after a one-page ID photo the highlighted answer was 还有，拍下一页), and
    # 长辈模式 asks no more once that many are in (try-out 9, E7).
    pages: int | None = None


@dataclass(frozen=True, slots=True)
class Service:
    """A government service a citizen can apply for or read about."""

    id: str
    department: Text
    name: Text
    summary: Text
    materials: tuple[Material, ...]
    time_limit_days: int  # legal time limit (承诺时限)
    time_limit: Text  # as the platform words it ("5个工作日", "即时办结")
    fee: Text
    where: Text
    at_kiosk: bool  # can be completed here end to end
    popular: bool
    pinyin_initials: str
    pinyin: str = ""  # the name in full pinyin (no tones, no spaces)
    form: tuple[FormField, ...] = field(default=())
    appointment: bool = False
    department_id: str = ""  # stable key (also names the department's pictogram)
    # Identity documents (kiosk.identity.DocumentType values) the service accepts; empty = any.
    documents: tuple[str, ...] = ()
    # The fee in yuan and how/where it is paid: the review and the receipt say both, as the
    # kiosk takes no money (try-out 8, C4). No fee: both empty, nothing is said.
    fee_cny: float = 0.0
    fee_pay: Text | None = None
    # The same for a citizen whose receipt did not print, where fee_pay says 凭回执.
    fee_pay_without_receipt: Text | None = None
    # The hall's counter (an appointment department id) for its counter work: the one a
    # citizen sent to a window can book or queue for here (try-out 8, C14).
    counter: str = ""
    # How the result comes (a certificate, a card): collected at a counter, said with what
    # is still to do there (try-out 15, C3), or posted; the first whose answer is given
    # applies (try-out 17, E6: 社保卡 collected or posted, by the form's 领取方式).
    pickups: tuple[Pickup, ...] = ()

    def pickup_for(self, values: Mapping[str, str]) -> Pickup | None:
        """How the result comes for an application with these answers, or None (none
        said, or it depends on an answer not known)."""
        return next((p for p in self.pickups if p.applies(values)), None)

    @property
    def pickup_depends(self) -> bool:
        """Whether how the result comes depends on a form answer."""
        return any(p.when is not None for p in self.pickups)

    def matches(self, query: str, lang: str) -> bool:
        """Keyword, pinyin initials or full pinyin, anywhere in the name (大小写不敏感):
        SFZ and shenfenzheng both find 居民身份证换领."""
        q = query.strip().lower()
        if not q:
            return True
        hay = (self.name.zh, self.name.en.lower(), self.department.zh, self.department.en.lower())
        if any(q in h for h in hay):
            return True
        letters = "".join(q.split())
        return bool(letters) and (
            letters in self.pinyin_initials.lower() or letters in self.pinyin.lower()
        )


@dataclass(frozen=True, slots=True)
class Catalog:
    """All services, with the version tag the platform gave them."""

    services: tuple[Service, ...]
    version: str = ""
    # 整改回访: the platform's term for following up a complaint (its own rule, sent with
    # the catalog so the kiosk never states another number); None when not sent.
    follow_up_working_days: int | None = None

    def by_id(self, service_id: str) -> Service | None:
        """One service, or None."""
        return next((s for s in self.services if s.id == service_id), None)

    def departments(self) -> list[Text]:
        """Departments in catalog order, each once."""
        seen: dict[str, Text] = {}
        for s in self.services:
            seen.setdefault(s.department.zh, s.department)
        return list(seen.values())

    def popular(self) -> list[Service]:
        """Services marked popular, in catalog order."""
        return [s for s in self.services if s.popular]

    def search(self, query: str, lang: str) -> list[Service]:
        """Services matching a keyword or pinyin initials."""
        return [s for s in self.services if s.matches(query, lang)]


def _text(v: Any, default: str = "") -> Text:
    if isinstance(v, Mapping):
        zh = str(v.get("zh", default))
        return Text(zh=zh, en=str(v.get("en", zh)))
    if isinstance(v, str):
        return Text(v, v)
    return Text(default, default)


def _field(d: Mapping[str, Any]) -> FormField:
    validation = d.get("validation") or {}
    choices = tuple(
        Choice(value=str(c["value"]), label=_text(c.get("label", c["value"])))
        for c in d.get("options", ()) or ()
    )
    return FormField(
        id=str(d.get("name", d.get("id"))),
        type=FieldType(d.get("type", "text")),
        label=_text(d.get("label", d.get("name"))),
        required=bool(d.get("required", True)),
        pattern=validation.get("pattern"),
        min_length=validation.get("min_length"),
        max_length=validation.get("max_length"),
        choices=choices,
        prefill=d.get("prefill"),
        hint=_text(d["hint"]) if d.get("hint") else None,
        integer=bool(validation.get("integer", False)),
        min_value=_number(validation.get("min")),
        max_value=_number(validation.get("max")),
        not_future=bool(validation.get("not_future", False)),
        not_before=_name(validation.get("not_before")),
        keyboard=parse_keyboard(d.get("keyboard")),
        example=_name(validation.get("example")),
    )


def _name(v: Any) -> str | None:
    return v if isinstance(v, str) and v else None


def _number(v: Any) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def _material(d: Mapping[str, Any]) -> Material:
    from_id = bool(d.get("from_id_document", False))
    return Material(
        name=_text(d.get("name")),
        from_identity=from_id,
        capturable=not from_id,
        required=bool(d.get("required", True)),
        pages=_pages(d.get("pages")),
    )


def _pages(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) and v >= 1 else None


def parse_service(d: Mapping[str, Any], departments: Mapping[str, Text]) -> Service:
    """One service from the platform's JSON; raises KeyError/ValueError/TypeError when malformed."""
    limit = d.get("time_limit") or {}
    fees = d.get("fees") or {}
    pickup = d.get("pickup") or {}
    dept_id = str(d["department_id"])
    return Service(
        id=str(d["id"]),
        department=departments.get(dept_id, Text(dept_id, dept_id)),
        name=_text(d["name"]),
        summary=_text(d.get("summary", "")),
        materials=tuple(_material(m) for m in d.get("materials", ())),
        time_limit_days=int(limit.get("days", 0)),
        time_limit=_text(limit.get("text", "")),
        fee=_text(fees.get("text", "")),
        where=_text(d.get("where", "")),
        at_kiosk=bool(d.get("kiosk_completable", True)),
        popular=bool(d.get("popular", False)),
        pinyin_initials=str(d.get("pinyin_initials", "")),
        pinyin=str(d.get("pinyin", "")),
        form=_form(d.get("form") or {}),
        appointment=bool(d.get("appointment", False)),
        department_id=dept_id,
        documents=tuple(str(x) for x in d.get("documents", ()) or ()),
        fee_cny=float(fees.get("amount_cny", 0) or 0),
        fee_pay=_text(fees["pay"]) if fees.get("pay") else None,
        fee_pay_without_receipt=(
            _text(fees["pay_without_receipt"]) if fees.get("pay_without_receipt") else None
        ),
        counter=str(d.get("counter") or ""),
        pickups=_pickups(pickup),
    )


def _pickups(d: Mapping[str, Any]) -> tuple[Pickup, ...]:
    """One way (text, short, when), or one per answer of the field ``by``."""
    if d.get("text"):
        when = d.get("when")
        return (
            Pickup(
                _text(d["text"]),
                _text(d["short"]) if d.get("short") else None,
                (str(when["field"]), str(when["value"])) if isinstance(when, Mapping) else None,
                without_receipt=_text(d["without_receipt"]) if d.get("without_receipt") else None,
            ),
        )
    by, answers = d.get("by"), d.get("answers")
    if not isinstance(by, str) or not isinstance(answers, Mapping):
        return ()
    return tuple(
        Pickup(
            _text(a["text"]),
            _text(a["short"]) if a.get("short") else None,
            (by, str(value)),
            bool(a.get("at_counter", True)),
            _text(a["without_receipt"]) if a.get("without_receipt") else None,
        )
        for value, a in answers.items()
        if isinstance(a, Mapping) and a.get("text")
    )


def _form(d: Mapping[str, Any]) -> tuple[FormField, ...]:
    fields = tuple(_field(f) for f in d.get("fields", ()))
    for f in fields:
        if (problem := keyboard_problem(f)) is not None:
            raise CatalogRefused(problem)
    return fields


def parse_catalog(data: Any) -> Catalog:
    """A catalog from the platform's JSON; malformed services are skipped and logged."""
    if not isinstance(data, Mapping):
        return Catalog(services=())
    departments = {
        str(d.get("id")): _text(d.get("name"))
        for d in data.get("departments", ())
        if isinstance(d, Mapping)
    }
    services: list[Service] = []
    for item in data.get("services", ()) or ():
        try:
            services.append(parse_service(item, departments))
        except CatalogRefused as exc:
            # Catalog words, no citizen's data: the reason is logged for the technician.
            sid = item.get("id") if isinstance(item, Mapping) else None
            log.warning("catalog service %s not offered: %s", sid, exc)
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            log.warning("skipping malformed catalog entry: %s", type(exc).__name__)
    policies = data.get("policies")
    days = (
        policies.get("complaint_follow_up_working_days") if isinstance(policies, Mapping) else None
    )
    return Catalog(
        services=tuple(services),
        version=str(data.get("version", "")),
        follow_up_working_days=days if isinstance(days, int) and days > 0 else None,
    )


# --- appointment departments (counters that take bookings and queue tickets) ---------


@dataclass(frozen=True, slots=True)
class AppointmentSlot:
    """One bookable period at a counter (local, naive times: the kiosk's own day)."""

    start: dt.datetime
    end: dt.datetime
    capacity: int

    def label(self) -> str:
        """``09:00-09:30``: how the slot is shown and printed."""
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True, slots=True)
class AppointmentDepartment:
    """Counters that take appointments, with their opening hours (local time)."""

    id: str
    department_id: str
    name: Text
    opens: dt.time
    closes: dt.time
    slot_minutes: int
    capacity: int
    weekdays: frozenset[int]  # Monday = 0

    def open_on(self, day: dt.date) -> bool:
        """Whether the counters work on ``day``."""
        return day.weekday() in self.weekdays

    def slots(self, day: dt.date) -> tuple[AppointmentSlot, ...]:
        """Every slot of ``day`` (none on a closed day)."""
        if not self.open_on(day) or self.slot_minutes <= 0:
            return ()
        step = dt.timedelta(minutes=self.slot_minutes)
        t = dt.datetime.combine(day, self.opens)
        end = dt.datetime.combine(day, self.closes)
        out: list[AppointmentSlot] = []
        while t + step <= end:
            out.append(AppointmentSlot(t, t + step, self.capacity))
            t += step
        return tuple(out)

    def serving_at(self, moment: dt.datetime) -> bool:
        """Whether a walk-in queue ticket makes sense at local time ``moment``."""
        return self.open_on(moment.date()) and self.opens <= moment.time() < self.closes


def _appointment_department(d: Mapping[str, Any]) -> AppointmentDepartment:
    hours = d.get("hours") or {}
    return AppointmentDepartment(
        id=str(d["id"]),
        department_id=str(d.get("department_id", "")),
        name=_text(d.get("name", d["id"])),
        opens=dt.time.fromisoformat(str(hours["start"])),
        closes=dt.time.fromisoformat(str(hours["end"])),
        slot_minutes=int(hours.get("slot_minutes", 30)),
        capacity=int(hours.get("capacity", 1)),
        weekdays=frozenset(int(w) for w in d.get("weekdays", range(5))),
    )


def parse_appointment_departments(data: Any) -> tuple[AppointmentDepartment, ...]:
    """The catalog JSON's ``appointment_departments``; malformed entries are skipped and logged."""
    if not isinstance(data, Mapping):
        return ()
    out: list[AppointmentDepartment] = []
    for item in data.get("appointment_departments", ()) or ():
        try:
            out.append(_appointment_department(item))
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            log.warning("skipping malformed appointment department: %s", type(exc).__name__)
    return tuple(out)
