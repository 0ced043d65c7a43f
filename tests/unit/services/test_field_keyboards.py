"""Which keyboard a form field gets: the one its catalog entry names, else its type's
(a catalog from an older platform), never one guessed from its pattern. A catalog
field whose keyboard cannot type its example (a value its pattern accepts) is refused:
the service is not offered, and the log says why."""

from __future__ import annotations

import copy
import logging
from pathlib import Path
from typing import Any

import pytest

from kiosk.bundled_catalog import load_bundled_catalog
from kiosk.catalog import FieldType, FormField, Text, keyboard_of, parse_catalog
from kiosk.keyboards import Keyboard, cannot_type
from kiosk.services.form_rules import display_value

KIOSK = Path(__file__).parents[3] / "kiosk"


def _field(t: FieldType, **kw: Any) -> FormField:
    return FormField("f", t, Text("字段", "Field"), **kw)


@pytest.mark.parametrize(
    ("field", "keys"),
    [
        # Named by the catalog: taken as named, whatever the type or pattern.
        (_field(FieldType.TEXT, keyboard=Keyboard.DIGITS), Keyboard.DIGITS),
        (_field(FieldType.TEXT, pattern=r"^\d+$", keyboard=Keyboard.ALNUM), Keyboard.ALNUM),
        (_field(FieldType.NUMBER, integer=True, keyboard=Keyboard.NUMBER), Keyboard.NUMBER),
        # Not named (an older platform's catalog): the type's, not read from the pattern.
        (_field(FieldType.TEXT, pattern=r"^\d{12,19}$"), Keyboard.TEXT),
        (_field(FieldType.TEXT, pattern=r"^C[0-9A-Z]{8}$"), Keyboard.TEXT),
        (_field(FieldType.ADDRESS), Keyboard.TEXT),
        (_field(FieldType.NUMBER), Keyboard.NUMBER),
        (_field(FieldType.NUMBER, integer=True), Keyboard.DIGITS),
        (_field(FieldType.DATE), Keyboard.DATE),
        (_field(FieldType.MONTH), Keyboard.DATE),
        (_field(FieldType.PHONE), Keyboard.DIGITS),
        (_field(FieldType.ID_NUMBER), Keyboard.ID),
        (_field(FieldType.CHOICE), None),
    ],
)
def test_keyboard_named_or_the_types(field: FormField, keys: Keyboard | None) -> None:
    assert keyboard_of(field) is keys


def test_every_catalog_field_names_a_keyboard_that_types_what_it_takes() -> None:
    fields = {f"{s.id}.{f.id}": f for s in load_bundled_catalog().services for f in s.form}
    assert keyboard_of(fields["gongjijin.rent_withdrawal.bank_account"]) is Keyboard.DIGITS
    assert keyboard_of(fields["gongan.hk_macau_endorsement.permit_number"]) is Keyboard.ALNUM
    assert keyboard_of(fields["gongan.id_card_renewal.applicant_name"]) is Keyboard.TEXT
    # The lengths the pad stops at are the catalog's, not read from the patterns.
    assert fields["gongjijin.rent_withdrawal.bank_account"].max_length == 19
    assert fields["gongan.hk_macau_endorsement.permit_number"].max_length == 9
    for name, f in fields.items():
        if f.type is not FieldType.CHOICE:
            assert f.keyboard is not None, f"{name}: the shipped catalog names every keyboard"
        if f.pattern:
            assert f.example, f"{name}: a pattern comes with its example"


def test_no_kiosk_module_reads_pythons_private_regex_parser() -> None:
    for path in [*KIOSK.rglob("*.py"), *(KIOSK.parent / "ui").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        # re._parser, or sre_parse (its name before Python 3.11): private, may change.
        assert "re._parser" not in text and "sre_parse" not in text, path


def test_the_keyboards_characters() -> None:
    assert cannot_type(Keyboard.DIGITS, "6222C0") == "C"
    assert cannot_type(Keyboard.ALNUM, "C1234X") == ""
    assert cannot_type(Keyboard.ALNUM, "c12") == "c"  # letter keys type capitals
    assert cannot_type(Keyboard.ID, "11010519491231002X") == ""
    assert cannot_type(Keyboard.NUMBER, "1.5") == ""
    assert cannot_type(Keyboard.TEXT, "北京市 1号楼#3") == ""
    assert cannot_type(Keyboard.TEXT, "a@b") == "a@b"


def _catalog(field: dict[str, Any]) -> dict[str, Any]:
    """The shipped catalog's JSON with ``field`` added to the bank account's service."""
    from central.catalog_seed import catalog_document

    doc = copy.deepcopy(catalog_document())
    rent = next(s for s in doc["services"] if s["id"] == "gongjijin.rent_withdrawal")
    rent["form"]["fields"].append(field)
    return doc


PERMIT = {
    "name": "permit",
    "type": "text",
    "label": {"zh": "通行证号码", "en": "Permit number"},
    "required": True,
    "prefill": None,
    "validation": {"pattern": r"^C[0-9A-Z]{8}$", "example": "C12345678", "max_length": 9},
}


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"keyboard": "digits"}, "the digits keyboard cannot type 'C'"),
        (
            {"keyboard": "alnum", "validation": {**PERMIT["validation"], "example": "c12345678"}},
            "does not match its pattern",
        ),
        (
            {"keyboard": "alnum", "validation": {**PERMIT["validation"], "max_length": 8}},
            "longer than max_length 8",
        ),
        # No keyboard named, and the type's (text) cannot type a lowercase example either.
        ({"validation": {"pattern": "^[a-z]+$", "example": "abc"}}, "text keyboard cannot type"),
    ],
)
def test_a_field_its_keyboard_cannot_fill_is_refused(
    change: dict[str, Any], why: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="kiosk.catalog"):
        catalog = parse_catalog(_catalog({**PERMIT, **change}))
    assert catalog.by_id("gongjijin.rent_withdrawal") is None, "offered with a field nobody fills"
    assert catalog.by_id("gongan.hk_macau_endorsement") is not None  # the others stay
    assert any(
        "gongjijin.rent_withdrawal" in r.getMessage() and why in r.getMessage()
        for r in caplog.records
    ), [r.getMessage() for r in caplog.records]


def test_a_field_that_can_be_filled_or_cannot_be_checked_is_taken() -> None:
    ok = parse_catalog(_catalog({**PERMIT, "keyboard": "alnum"}))
    service = ok.by_id("gongjijin.rent_withdrawal")
    assert service is not None and keyboard_of(service.form[-1]) is Keyboard.ALNUM
    # An older platform's field: no keyboard, no example: the type's keyboard, offered.
    old = {**PERMIT, "validation": {"pattern": r"^C[0-9A-Z]{8}$"}}
    service = parse_catalog(_catalog(old)).by_id("gongjijin.rent_withdrawal")
    assert service is not None and keyboard_of(service.form[-1]) is Keyboard.TEXT
    # A keyboard this kiosk does not know (a newer platform's): the type's.
    newer = {**PERMIT, "keyboard": "hexadecimal"}
    service = parse_catalog(_catalog(newer)).by_id("gongjijin.rent_withdrawal")
    assert service is not None and keyboard_of(service.form[-1]) is Keyboard.TEXT


def test_an_account_number_is_masked_with_or_without_a_named_keyboard() -> None:
    named = _field(FieldType.TEXT, keyboard=Keyboard.DIGITS)
    older = _field(FieldType.TEXT)
    for f in (named, older):
        assert display_value(f, "6222020200112233445", "zh", masked=True) == (
            "6222 **** **** **** 3445"
        )
    assert display_value(older, "北京某公司", "zh", masked=True) == "北京某公司"
