"""Pinyin candidates for the on-screen keyboard, and form field rules."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.catalog import Choice, FieldType, FormField, Text
from kiosk.identity import DocumentType, Identity, IdentitySource, Sex
from kiosk.services.form_rules import (
    display_value,
    format_date_entry,
    is_locked,
    prefill,
    validate,
)
from kiosk.services.pinyin import load_index, toneless

TODAY = dt.date(2026, 11, 23)
IDENT = Identity(
    DocumentType.PASSPORT,
    "E12345678",
    "ZHANG",
    "SAN",
    dt.date(1985, 3, 15),
    Sex.MALE,
    "CHN",
    None,
    IdentitySource.CHIP,
)


def _field(t: FieldType, **kw: object) -> FormField:
    return FormField(id="f", type=t, label=Text("字段", "Field"), **kw)  # type: ignore[arg-type]


def test_toneless_keeps_v_for_u_umlaut() -> None:
    assert toneless("zhāng") == "zhang"
    assert toneless("lǜ") == "lv"
    assert toneless("nǚ") == "nv"


@pytest.mark.parametrize(
    ("letters", "expected"),
    [("zhang", "张"), ("san", "三"), ("wang", "王"), ("lv", "绿"), ("li", "李")],
)
def test_common_characters_are_offered_early(letters: str, expected: str) -> None:
    texts = [c.text for c in load_index().candidates(letters)]
    assert expected in texts[:6]


@pytest.mark.parametrize(
    ("letters", "first"), [("jing", "京"), ("bei", "北"), ("shi", "市"), ("lu", "路")]
)
def test_address_characters_come_first_for_their_syllable(letters: str, first: str) -> None:
    """An address typed a syllable at a time (try-out 20, C2: 京 was on page 2 for jing,
    behind 经 景 精 惊 井)."""
    assert load_index().candidates(letters)[0].text == first


def test_phrases_then_leading_syllable() -> None:
    cands = load_index().candidates("beijing")
    texts = [c.text for c in cands]
    assert "北京" in texts
    single = next(c for c in cands if c.text == "北")
    assert single.consumed == len("bei")  # picking 北 leaves "jing" to type on


def test_unfinished_syllable_still_offers_characters() -> None:
    assert load_index().candidates("zh")
    assert load_index().candidates("") == []


def test_identity_fields_are_prefilled_and_locked() -> None:
    name = _field(FieldType.TEXT, prefill="identity.full_name")
    birth = _field(FieldType.DATE, prefill="identity.birth_date")
    sex = _field(FieldType.CHOICE, prefill="identity.sex")
    assert prefill(name, IDENT) == "ZHANG SAN"  # surname first, as the passport has it
    assert prefill(birth, IDENT) == "1985-03-15"
    assert prefill(sex, IDENT) == "M"
    assert is_locked(name, IDENT) and not is_locked(name, None)
    # A passport number in an ID-number field came from the chip: not re-validated.
    number = _field(FieldType.ID_NUMBER, prefill="identity.document_number")
    assert validate(number, "E12345678", TODAY, IDENT) is None


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        (_field(FieldType.PHONE), "", "form.err.required"),
        (_field(FieldType.PHONE, required=False), "", None),
        (_field(FieldType.PHONE), "12345", "form.err.phone"),
        (_field(FieldType.PHONE, pattern=r"^1[3-9]\d{9}$"), "13800138000", None),
        (_field(FieldType.NUMBER), "1.5", None),
        (_field(FieldType.NUMBER), "1..5", "form.err.number"),
        (_field(FieldType.DATE), "2026-02-30", "form.err.date_number"),
        (_field(FieldType.DATE), "20260228", None),
        (_field(FieldType.ID_NUMBER), "11010519491231002X", None),
        (_field(FieldType.ID_NUMBER), "110105194912310021", "form.err.id_number"),
        (_field(FieldType.TEXT, max_length=3), "abcd", "form.err.too_long"),
        (_field(FieldType.TEXT, pattern=r"^C[0-9A-Z]{8}$"), "X1", "form.err.format"),
        (_field(FieldType.TEXT, pattern=r"("), "anything", None),  # broken pattern: not blocking
        (
            _field(FieldType.CHOICE, choices=(Choice("a", Text("甲", "A")),)),
            "b",
            "form.err.choice",
        ),
    ],
)
def test_validation(field: FormField, value: str, error: str | None) -> None:
    assert validate(field, value, TODAY, None) == error


def test_masked_display_hides_personal_values() -> None:
    assert display_value(_field(FieldType.PHONE), "13800138000", "zh", masked=True) == "138****8000"
    number = _field(FieldType.ID_NUMBER)
    assert display_value(number, "11010519491231002X", "zh", masked=True) == "110105********002X"
    name = _field(FieldType.TEXT, prefill="identity.full_name")
    assert display_value(name, "张三丰", "zh", masked=True) == "张*丰"
    # Shown whole, to be checked (try-out 6): beside a masked name it tells nobody who.
    addr = _field(FieldType.ADDRESS)
    where = "北京市东城区建国门内大街1号"
    assert display_value(addr, where, "zh", masked=True) == where
    account = _field(FieldType.TEXT, pattern=r"^\d{12,19}$")
    assert display_value(account, "6222020200112233445", "zh", masked=True) == (
        "6222 **** **** **** 3445"
    )
    assert display_value(account, "6222020200112233", "zh", masked=True) == "6222 **** **** 2233"
    choice = _field(FieldType.CHOICE, choices=(Choice("a", Text("甲", "A")),))
    assert display_value(choice, "a", "en", masked=True) == "A"


def test_date_entry_is_shown_as_typed() -> None:
    assert format_date_entry("2026") == "2026"
    assert format_date_entry("202611") == "2026-11"
    assert format_date_entry("20261123") == "2026-11-23"


def test_whole_numbers_ranges_and_past_dates() -> None:
    import datetime as dt

    from kiosk.catalog import FieldType
    from kiosk.services.form_rules import validate

    today = dt.date(2026, 11, 23)
    copies = _field(FieldType.NUMBER, integer=True, min_value=1, max_value=5)
    assert validate(copies, "1.5", today, None) == "form.err.integer"
    assert validate(copies, "0", today, None) == "form.err.range"
    assert validate(copies, "6", today, None) == "form.err.range"
    assert validate(copies, "2", today, None) is None
    amount = _field(FieldType.NUMBER, min_value=0.01)
    assert validate(amount, "12.5", today, None) is None
    assert validate(amount, "nan", today, None) == "form.err.number"
    # A range message names its bounds (try-out 5: "outside the allowed range" said not which).
    from kiosk.services.form_rules import error_params
    from ui.i18n import tr

    assert validate(amount, "0", today, None) == "form.err.range_min"
    assert error_params(copies) == {"lo": "1", "hi": "5"}
    assert error_params(amount) == {"lo": "0.01"}
    assert "1" in tr("form.err.range", "zh", **error_params(copies))
    assert "from 1 to 5" in tr("form.err.range", "en", **error_params(copies))
    assert "0.01 or more" in tr("form.err.range_min", "en", **error_params(amount))
    year = _field(FieldType.NUMBER, integer=True, max_value=2100)
    assert validate(year, "2101", today, None) == "form.err.range_max"
    left = _field(FieldType.DATE, not_future=True)
    assert validate(left, "2027-11-15", today, None) == "form.err.future_date"
    assert validate(left, "2026-11-23", today, None) is None
    assert validate(_field(FieldType.DATE), "2027-11-15", today, None) is None
