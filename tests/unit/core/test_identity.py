"""Masking and resident-ID validation: what a citizen sees on screen and paper."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.identity import (
    DocumentType,
    Identity,
    IdentitySource,
    ResidentIdError,
    Sex,
    mask_name,
    mask_number,
    resident_id_check_char,
    validate_resident_id,
)

TODAY = dt.date(2026, 11, 23)
# GB 11643-1999 example number (check character computed by the standard's algorithm).
VALID = "11010519491231002X"


def test_mask_resident_id_keeps_region_and_last_four() -> None:
    assert mask_number("110101199003071234") == "110101********1234"


def test_mask_short_document_number() -> None:
    assert mask_number("L898902C3") == "L8*****C3"
    assert mask_number("E12") == "***"


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三丰", "张*丰"),
        ("李四", "*四"),
        ("欧阳娜娜", "欧**娜"),
        ("ERIKSSON ANNA MARIA", "ERIKSSON A*** M****"),
        ("WANG XIAOMING", "WANG X*******"),
        ("MADONNA", "M******"),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_check_character_of_standard_example() -> None:
    assert resident_id_check_char(VALID[:17]) == "X"
    assert validate_resident_id(VALID, TODAY) is None
    assert validate_resident_id(VALID.lower(), TODAY) is None


@pytest.mark.parametrize(
    ("number", "error"),
    [
        ("1101051949123100", ResidentIdError.LENGTH),
        ("11010519491231002Y", ResidentIdError.CHARACTERS),
        ("11010519491331002X", ResidentIdError.BIRTH_DATE),  # month 13
        ("110105203012310021", ResidentIdError.BIRTH_DATE),  # born in the future
        ("110105194912310021", ResidentIdError.CHECK_DIGIT),
    ],
)
def test_invalid_resident_ids(number: str, error: ResidentIdError) -> None:
    assert validate_resident_id(number, TODAY) == error


def _identity(**kw: object) -> Identity:
    base: dict[str, object] = dict(
        document_type=DocumentType.RESIDENT_ID,
        document_number=VALID,
        surname="张",
        given_names="三丰",
        birth_date=dt.date(1949, 12, 31),
        sex=Sex.MALE,
        nationality="CHN",
        expiry_date=None,
        source=IdentitySource.MANUAL,
    )
    base.update(kw)
    return Identity(**base)  # type: ignore[arg-type]


def test_identity_repr_never_shows_name_or_full_number() -> None:
    ident = _identity()
    for text in (repr(ident), str(ident), f"{ident}"):
        assert "张" not in text and "三丰" not in text
        assert VALID not in text


def test_age_and_names() -> None:
    ident = _identity()
    assert ident.full_name == "张三丰"
    assert ident.masked_name() == "张*丰"
    assert ident.age_on(TODAY) == 76
    assert ident.age_on(dt.date(2026, 12, 30)) == 76
    latin = _identity(surname="ERIKSSON", given_names="ANNA MARIA")
    assert latin.full_name == "ERIKSSON ANNA MARIA"  # surname first, as the MRZ has it
    assert latin.masked_name() == "ERIKSSON A*** M****"
