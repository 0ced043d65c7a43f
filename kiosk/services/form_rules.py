"""Form fields: pre-fill from the identity, validation, and the value shown when masked.

Pure functions (no I/O), used by the form and review screens and by the apply
service, so the screen and the submission agree on what is valid.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping

from kiosk.catalog import FieldType, FormField, keyboard_of
from kiosk.identity import Identity, mask_name, mask_number, validate_resident_id
from kiosk.keyboards import Keyboard

DEFAULT_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
DEFAULT_MAX_TEXT = 200

# Fields whose value comes from the proven identity: shown masked and not editable.
_IDENTITY_ATTRS = {
    "identity.full_name",
    "identity.document_number",
    "identity.birth_date",
    "identity.sex",
    "identity.nationality",
    "identity.surname",
    "identity.given_names",
    "identity.expiry_date",
}


# Fields the identity only suggests: the contact address starts as the address on a
# card read by the SAM reader, and stays editable (people move).
_SUGGESTED_ATTRS = {"identity.address"}


def suggestions(fields: tuple[FormField, ...], identity: Identity | None) -> dict[str, str]:
    """Starting values, by field id, for editable fields the identity can suggest."""
    if identity is None:
        return {}
    out: dict[str, str] = {}
    for f in fields:
        if f.prefill in _SUGGESTED_ATTRS:
            value = getattr(identity, f.prefill.split(".", 1)[1], "")
            if isinstance(value, str) and value:
                out[f.id] = value
    return out


def prefill(field: FormField, identity: Identity | None) -> str | None:
    """The value ``field`` takes from the identity, or None (not an identity field / unknown)."""
    if identity is None or field.prefill not in _IDENTITY_ATTRS:
        return None
    attr = field.prefill.split(".", 1)[1]
    value = getattr(identity, attr, None)
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = getattr(value, "value", value)  # enums (Sex) carry their code
    return str(text) or None


def identity_backed(field: FormField) -> bool:
    """True when ``field`` takes its value from the identity (whoever is identified)."""
    return field.prefill in _IDENTITY_ATTRS


def is_locked(field: FormField, identity: Identity | None) -> bool:
    """True when the value comes from the identity document and must not be retyped."""
    return prefill(field, identity) is not None


def prefill_all(fields: tuple[FormField, ...], identity: Identity | None) -> dict[str, str]:
    """Values for every identity-backed field."""
    out: dict[str, str] = {}
    for f in fields:
        v = prefill(f, identity)
        if v is not None:
            out[f.id] = v
    return out


def parse_date(text: str) -> dt.date | None:
    """A date typed on the keypad: YYYY-MM-DD or YYYYMMDD."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) != 8:
        return None
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def parse_month(text: str) -> dt.date | None:
    """A month typed on the keypad: YYYY-MM or YYYYMM (the first of that month)."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) != 6:
        return None
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), 1)
    except ValueError:
        return None


def format_date_entry(text: str) -> str:
    """Keypad digits shown as YYYY-MM-DD while typing."""
    d = "".join(ch for ch in text if ch.isdigit())[:8]
    parts = [d[:4], d[4:6], d[6:8]]
    return "-".join(p for p in parts if p)


def validate(
    field: FormField,
    value: str,
    today: dt.date,
    identity: Identity | None,
    others: Mapping[str, str] | None = None,
) -> str | None:
    """A message key describing what is wrong with ``value``, or None when it is fine.

    ``others``: the form's other values, for a check between fields (截止月份 not before
    起始月份); without them only the field itself is checked.
    """
    v = value.strip()
    if not v:
        return "form.err.required" if field.required else None
    if is_locked(field, identity):
        return None
    if field.min_length is not None and len(v) < field.min_length:
        return _address_error(field) or "form.err.too_short"
    limit = field.max_length or DEFAULT_MAX_TEXT
    if len(v) > limit:
        return "form.err.too_long"
    match field.type:
        case FieldType.NUMBER:
            if (err := _number_error(field, v)) is not None:
                return err
        case FieldType.DATE:
            day = parse_date(v)
            if day is None:
                # Eight digits that name no day (a month 13, a 31 November) say so, not
                # the format again (try-out 6: 202513 was told to type 6 digits).
                return "form.err.date_number" if len(_digits(v)) == 8 else "form.err.date"
            if field.not_future and day > today:
                return "form.err.future_date"
            if _before(field, day, others, parse_date):
                return "form.err.before"
        case FieldType.MONTH:
            month = parse_month(v)
            if month is None:
                return "form.err.month_number" if len(_digits(v)) == 6 else "form.err.month"
            if field.not_future and month > today.replace(day=1):
                return "form.err.future_month"
            if _before(field, month, others, parse_month):
                return "form.err.before"
        case FieldType.PHONE:
            if not DEFAULT_PHONE.fullmatch(v):
                return "form.err.phone"
        case FieldType.ID_NUMBER:
            if validate_resident_id(v.upper(), today) is not None:
                return "form.err.id_number"
        case FieldType.CHOICE:
            if field.choices and v not in {c.value for c in field.choices}:
                return "form.err.choice"
        case _:
            pass
    if field.pattern:
        try:
            if re.fullmatch(field.pattern, v) is None:
                return _pattern_error(field)
        except re.error:
            pass  # a broken pattern in the catalog must not block the citizen
    return None


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _before(
    field: FormField,
    when: dt.date,
    others: Mapping[str, str] | None,
    parse: Callable[[str], dt.date | None],
) -> bool:
    """Whether ``when`` is earlier than the field it must not precede (when both are known)."""
    if field.not_before is None or others is None:
        return False
    start = parse(others.get(field.not_before, ""))
    return start is not None and when < start


def _number_error(field: FormField, v: str) -> str | None:
    if field.integer and not v.isdigit():
        return "form.err.integer"  # "1.5 copies": the keypad offers no point, a paste would
    try:
        n = float(v)
    except ValueError:
        return "form.err.number"
    if not math.isfinite(n):
        return "form.err.number"
    too_small = field.min_value is not None and n < field.min_value
    if too_small or (field.max_value is not None and n > field.max_value):
        # The message states the range (份数 1-5): one key per kind of bound.
        if field.min_value is None:
            return "form.err.range_max"
        if field.max_value is None:
            return "form.err.range_min"
        return "form.err.range"
    return None


def _bound(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def error_params(field: FormField) -> dict[str, str]:
    """What a field's messages name: its allowed range (``lo``, ``hi``), when it has one."""
    params: dict[str, str] = {}
    if field.min_value is not None:
        params["lo"] = _bound(field.min_value)
    if field.max_value is not None:
        params["hi"] = _bound(field.max_value)
    return params


def _pattern_error(field: FormField) -> str:
    if field.type is FieldType.PHONE:
        return "form.err.phone"
    return _address_error(field) or "form.err.format"


def _address_error(field: FormField) -> str | None:
    # An address the catalog wants fuller is told what is missing, not "too short"
    # or "not in the expected form" (try-out 8, E10: a bare "北京" for a mailed card).
    return "form.err.address" if field.type is FieldType.ADDRESS else None


def validate_all(
    fields: tuple[FormField, ...], values: dict[str, str], today: dt.date, identity: Identity | None
) -> dict[str, str]:
    """Every field's error key, by field id (empty when the form can be submitted)."""
    errors: dict[str, str] = {}
    for f in fields:
        err = validate(f, values.get(f.id, ""), today, identity, values)
        if err is not None:
            errors[f.id] = err
    return errors


ACCOUNT_MIN = 8  # a digits-only answer this long is an account number: shown masked


def mask_account(number: str) -> str:
    """An account number as 6222 **** **** 3445: the bank's first 4 and the last 4 to
    check against the card, the rest hidden in groups of four."""
    n = number.strip()
    hidden = max(1, -(-(len(n) - 8) // 4))
    return " ".join([n[:4], *["****"] * hidden, n[-4:]])


# What the masking hides, by kind: the review's heading names only the kinds its form
# shows masked (try-out 7, C-g: it named a bank account on forms without one).
HIDDEN_NAME = "name"
HIDDEN_ID_NUMBER = "id_number"
HIDDEN_PHONE = "phone"
HIDDEN_ACCOUNT = "account"
HIDDEN_BIRTH_DATE = "birth_date"  # only its year shows, not its ends
HIDDEN_ORDER = (HIDDEN_NAME, HIDDEN_ID_NUMBER, HIDDEN_PHONE, HIDDEN_ACCOUNT, HIDDEN_BIRTH_DATE)


def hidden_kind(field: FormField, value: str) -> str | None:
    """How :func:`display_value` masks ``value`` of ``field`` (one of ``HIDDEN_*``), or
    None when it is shown whole (a choice, an address, an empty answer)."""
    if not value or field.type is FieldType.CHOICE:
        return None
    if field.type is FieldType.ID_NUMBER or field.prefill == "identity.document_number":
        return HIDDEN_ID_NUMBER
    if field.prefill in ("identity.full_name", "identity.surname", "identity.given_names"):
        return HIDDEN_NAME
    if field.type is FieldType.PHONE and len(value) >= 7:
        return HIDDEN_PHONE
    if field.prefill == "identity.birth_date":
        return HIDDEN_BIRTH_DATE
    # An account number: a text field typed on the number pad, or (a catalog from an
    # older platform names no keyboard) a text answer that is digits only.
    digits = keyboard_of(field) is Keyboard.DIGITS or value.strip().isdigit()
    if field.type is FieldType.TEXT and digits and len(value.strip()) >= ACCOUNT_MIN:
        return HIDDEN_ACCOUNT
    return None


def hidden_kinds(
    fields: tuple[FormField, ...], values: dict[str, str], identity: Identity | None
) -> list[str]:
    """The kinds of answer the review shows masked (in :data:`HIDDEN_ORDER`): the
    proven identity's name and number, and each answer :func:`hidden_kind` masks."""
    kinds = {HIDDEN_NAME, HIDDEN_ID_NUMBER} if identity is not None else set()
    kinds |= {k for f in fields if (k := hidden_kind(f, values.get(f.id, ""))) is not None}
    return [k for k in HIDDEN_ORDER if k in kinds]


def display_value(field: FormField, value: str, lang: str, *, masked: bool) -> str:
    """The value as the screen shows it; personal fields masked when ``masked``.

    One rule against a reader over the shoulder that still lets the citizen check what
    they typed: identifiers (names, ID numbers, phone and account numbers, the birth
    date) keep only their first and last characters; an address is shown whole, as it
    is checked by reading all of it and says nothing alone, next to a masked name
    (try-out 6: a bank account shown whole, an address cut to "BEIJIN*").
    """
    if not value:
        return ""
    if field.type is FieldType.CHOICE:
        for c in field.choices:
            if c.value == value:
                return c.label.get(lang)
        return value
    if not masked:
        return value
    kind = hidden_kind(field, value)
    if kind == HIDDEN_ID_NUMBER:
        return mask_number(value)
    if kind == HIDDEN_NAME:
        return mask_name(value)
    if kind == HIDDEN_PHONE:
        return value[:3] + "*" * (len(value) - 7) + value[-4:]
    if kind == HIDDEN_BIRTH_DATE:
        return value[:4] + "-**-**"
    if kind == HIDDEN_ACCOUNT:
        return mask_account(value)
    return value
