"""MRZ parsing of the ICAO specimens (9303 parts 4, 5, 6) and their check digits."""

from __future__ import annotations

import datetime as dt

import pytest

from drivers.card.mrz import (
    MrzData,
    MrzError,
    MrzFormat,
    birth_date_value,
    build_td1,
    check_digit,
    expiry_date_value,
    parse_mrz,
)

TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6"
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
)
TD1_LONG = (
    "I<UTOD23145890<7349<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
)


def _ok(text: str) -> MrzData:
    result = parse_mrz(text)
    assert isinstance(result, MrzData), result
    return result


def test_check_digits_of_the_standard() -> None:
    assert check_digit("L898902C<") == "3"
    assert check_digit("690806") == "1"
    assert check_digit("940623") == "6"
    assert check_digit("l898") is None


def test_td3_specimen() -> None:
    m = _ok(TD3)
    assert m.format is MrzFormat.TD3
    assert (m.document_code, m.issuing_state, m.nationality) == ("P", "UTO", "UTO")
    assert m.document_number == "L898902C3"
    assert (m.surname, m.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert (m.birth_date, m.sex, m.expiry_date) == ("740812", "F", "120415")
    assert m.optional_data == "ZE184226B"


def test_td2_specimen() -> None:
    m = _ok(TD2)
    assert m.format is MrzFormat.TD2
    assert (m.document_code, m.document_number) == ("I", "D23145890")
    assert (m.surname, m.given_names, m.sex) == ("ERIKSSON", "ANNA MARIA", "F")


def test_td1_specimen() -> None:
    m = _ok(TD1)
    assert m.format is MrzFormat.TD1
    assert m.document_number == "D23145890"
    assert (m.birth_date, m.expiry_date, m.nationality) == ("740812", "120415", "UTO")
    assert (m.surname, m.given_names) == ("ERIKSSON", "ANNA MARIA")


def test_td1_long_document_number() -> None:
    m = _ok(TD1_LONG)
    assert m.document_number == "D23145890734"
    assert m.optional_data == ""


def test_td1_builder_round_trips_long_numbers() -> None:
    text = build_td1(
        code="ID",
        state="CHN",
        number="AB1234567890",
        surname="ZHANG",
        given="SAN",
        nationality="CHN",
        birth="900101",
        sex="M",
        expiry="300101",
    )
    m = _ok(text)
    assert m.document_number == "AB1234567890"
    assert m.document_code == "ID"


@pytest.mark.parametrize(
    ("text", "pos", "error"),
    [
        (TD3, 54, MrzError.DOCUMENT_NUMBER_CHECK),  # number check digit
        (TD3, 64, MrzError.BIRTH_DATE_CHECK),
        (TD3, 72, MrzError.EXPIRY_DATE_CHECK),
        (TD3, 87, MrzError.OPTIONAL_DATA_CHECK),
        (TD3, 88, MrzError.COMPOSITE_CHECK),
        (TD2, 56, MrzError.BIRTH_DATE_CHECK),
        (TD2, 72, MrzError.COMPOSITE_CHECK),
        (TD1, 14, MrzError.DOCUMENT_NUMBER_CHECK),
        (TD1, 37, MrzError.BIRTH_DATE_CHECK),
        (TD1, 45, MrzError.EXPIRY_DATE_CHECK),
        (TD1, 60, MrzError.COMPOSITE_CHECK),
        (TD1_LONG, 18, MrzError.DOCUMENT_NUMBER_CHECK),
    ],
)
def test_every_check_digit_is_verified(text: str, pos: int, error: MrzError) -> None:
    # ``pos`` indexes the text including newlines; bump the digit there by one.
    assert text[pos].isdigit(), text[pos]
    broken = text[:pos] + str((int(text[pos]) + 1) % 10) + text[pos + 1 :]
    assert parse_mrz(broken) == error


def test_garbage_is_a_value_not_an_exception() -> None:
    assert parse_mrz("P<UTO") == MrzError.LENGTH
    assert parse_mrz("p" * 88) == MrzError.CHARACTERS
    assert parse_mrz(TD3.replace("F", "Q", 1)) == MrzError.SEX


def test_dates() -> None:
    today = dt.date(2026, 11, 23)
    assert birth_date_value("740812", today) == dt.date(1974, 8, 12)
    assert birth_date_value("200229", today) == dt.date(2020, 2, 29)
    assert birth_date_value("991301", today) is None
    assert expiry_date_value("320415") == dt.date(2032, 4, 15)


def test_repr_carries_no_personal_data() -> None:
    assert "ERIKSSON" not in repr(_ok(TD3))
    assert "L898902C3" not in repr(_ok(TD3))
