"""Which keyboard a form field gets, read from what its catalog pattern accepts."""

from __future__ import annotations

import pytest

from kiosk.bundled_catalog import load_bundled_catalog
from kiosk.catalog import FieldType, FormField, Text
from kiosk.services.form_rules import KEYS_ALNUM, KEYS_DIGITS, KEYS_TEXT, keyboard, longest


def _text(pattern: str | None) -> FormField:
    return FormField("f", FieldType.TEXT, Text("字段", "Field"), pattern=pattern)


@pytest.mark.parametrize(
    ("pattern", "keys"),
    [
        (r"^\d{12,19}$", KEYS_DIGITS),
        (r"^[0-9]{6}$", KEYS_DIGITS),
        (r"^(\d{4}-?)?\d{8}$", KEYS_TEXT),  # a dash: not on the number pad
        (r"^C[0-9A-Z]{8}$", KEYS_ALNUM),
        (r"^[A-Za-z]+\d*$", KEYS_ALNUM),
        (r"^\w+$", KEYS_TEXT),
        (r"^.{2,}$", KEYS_TEXT),
        (r"^[^x]+$", KEYS_TEXT),
        (r"^[一-龥]+$", KEYS_TEXT),
        (r"(unclosed", KEYS_TEXT),  # a broken pattern: any keyboard, no crash
        (None, KEYS_TEXT),
    ],
)
def test_keyboard_from_pattern(pattern: str | None, keys: str) -> None:
    assert keyboard(_text(pattern)) == keys


def test_longest_from_pattern() -> None:
    assert longest(_text(r"^\d{12,19}$")) == 19
    assert longest(_text(r"^\d+$")) is None  # unbounded
    assert longest(_text(None)) is None


def test_every_catalog_field_gets_a_keyboard_that_types_what_it_takes() -> None:
    seen = {}
    for service in load_bundled_catalog().services:
        for f in service.form:
            seen[f"{service.id}.{f.id}"] = keyboard(f)
    assert seen["gongjijin.rent_withdrawal.bank_account"] == KEYS_DIGITS
    assert seen["gongan.hk_macau_endorsement.permit_number"] == KEYS_ALNUM
    assert seen["gongan.id_card_renewal.applicant_name"] == KEYS_TEXT
