"""From a card read through the SAM reader to the app's identity, and the checks on it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from drivers.idcard.text_block import parse_text
from drivers.idcard.types import PhotoStatus, ReadOutcome, ReadResult
from kiosk.bundled_catalog import load_bundled_catalog
from kiosk.identity import DocumentType, Sex
from kiosk.payloads import VerificationKeys
from kiosk.resident_identity import identity_from_card, read_by_sam_reader
from kiosk.services.form_rules import suggestions
from kiosk.services.identify import IdentifyOutcome, IdentifyService, check_document
from tests.support.idcard_blocks import (
    foreign_2017_block,
    foreign_2023_block,
    hmt_block,
    resident_block,
)

NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


def _svc() -> IdentifyService:
    return IdentifyService(None, VerificationKeys(), lambda: NOW)


def _ok(block: bytes) -> ReadResult:
    return ReadResult(ReadOutcome.OK, parse_text(block), photo_status=PhotoStatus.NOT_AVAILABLE)


def test_resident_card_identity() -> None:
    i = identity_from_card(parse_text(resident_block(valid_until="长期")))
    assert i.document_type is DocumentType.RESIDENT_ID and i.nationality == "CHN"
    assert (i.surname, i.given_names, i.full_name) == ("张", "三", "张三")
    assert i.sex is Sex.MALE and i.birth_date == dt.date(1980, 1, 1)
    assert i.expiry_date is None  # 长期
    assert i.address == "北京市东城区正义路1号" and i.ethnicity == "汉"
    assert read_by_sam_reader(i)
    assert "张三" not in repr(i)


def test_newest_endorsed_address_wins() -> None:
    card = replace(parse_text(resident_block()), additional_address="北京市西城区新街口1号")
    assert identity_from_card(card).address == "北京市西城区新街口1号"


def test_other_layouts() -> None:
    hmt = identity_from_card(parse_text(hmt_block()))
    assert hmt.document_type is DocumentType.RESIDENCE_PERMIT and hmt.nationality == "HKG"
    f17 = identity_from_card(parse_text(foreign_2017_block()))
    assert f17.document_type is DocumentType.PERMANENT_RESIDENCE
    assert (f17.surname, f17.given_names, f17.nationality) == ("MUELLER", "ANNA", "DEU")
    assert f17.sex is Sex.FEMALE and f17.full_name == "MUELLER ANNA"  # surname first
    f23 = identity_from_card(parse_text(foreign_2023_block()))
    assert (f23.surname, f23.nationality, f23.document_number) == (
        "SMITH",
        "USA",
        "911840198001010013",
    )


def test_service_outcomes() -> None:
    svc = _svc()
    ok = svc.from_resident_read(_ok(resident_block()))
    assert ok.ok and ok.identity is not None and ok.identity.photo is None
    expired = svc.from_resident_read(_ok(resident_block(valid_until="20201231")))
    assert expired.outcome is IdentifyOutcome.EXPIRED and expired.identity is None
    assert svc.from_resident_read(object()).outcome is IdentifyOutcome.UNREADABLE


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        (ReadOutcome.CARD_LIFTED, IdentifyOutcome.CARD_REMOVED),
        (ReadOutcome.UNKNOWN_CARD, IdentifyOutcome.NOT_SUPPORTED),
        (ReadOutcome.AUTH_FAILED, IdentifyOutcome.UNREADABLE),
        (ReadOutcome.SAM_BUSY, IdentifyOutcome.UNREADABLE),
        (ReadOutcome.SAM_FAULT, IdentifyOutcome.READER_UNAVAILABLE),
        (ReadOutcome.NO_READER, IdentifyOutcome.READER_UNAVAILABLE),
        (ReadOutcome.NO_CARD, IdentifyOutcome.NO_CARD),
    ],
)
def test_failures_map_to_calm_outcomes(outcome: ReadOutcome, expected: IdentifyOutcome) -> None:
    assert _svc().from_resident_read(ReadResult(outcome)).outcome is expected


def test_wrong_document_for_a_service() -> None:
    catalog = load_bundled_catalog()
    hukou = catalog.by_id("gongan.hukou_certificate")
    other = catalog.by_id("renshe.unemployment_registration")
    assert hukou is not None and other is not None
    foreign = _svc().from_resident_read(_ok(foreign_2023_block()))
    resident = _svc().from_resident_read(_ok(resident_block()))
    assert check_document(foreign, hukou).outcome is IdentifyOutcome.WRONG_DOCUMENT
    assert check_document(resident, hukou) is resident
    assert check_document(foreign, other) is foreign  # any document will do there
    assert check_document(foreign, None) is foreign


def test_address_is_suggested_not_locked() -> None:
    service = load_bundled_catalog().by_id("renshe.unemployment_registration")
    assert service is not None
    ident = identity_from_card(parse_text(resident_block()))
    assert suggestions(service.form, ident) == {"address": "北京市东城区正义路1号"}
    assert suggestions(service.form, None) == {}
