"""Chip data becomes the app's Identity."""

from __future__ import annotations

import datetime as dt

from drivers.card.mrz import MrzData, build_td1, parse_mrz
from drivers.card.types import FaceFormat, FaceImage, IcaoDocument, ReadOutcome, ReadResult
from kiosk.card_identity import identity_from_document, identity_from_result
from kiosk.identity import DocumentType, IdentitySource, Sex

TODAY = dt.date(2026, 11, 23)
TD2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6"


def _doc(mrz_text: str, face: FaceImage | None = None) -> IcaoDocument:
    mrz = parse_mrz(mrz_text)
    assert isinstance(mrz, MrzData)
    return IcaoDocument(mrz=mrz, data_groups=(1, 2), face=face)


def test_passport_with_photo() -> None:
    text = (
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
    )
    face = FaceImage(FaceFormat.JPEG2000, b"\x00\x00\x00\x0cjP  ")
    ident = identity_from_document(_doc(text, face), today=TODAY)
    assert ident.document_type is DocumentType.PASSPORT
    assert ident.document_number == "L898902C3"
    assert (ident.surname, ident.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert ident.birth_date == dt.date(1974, 8, 12)
    assert ident.expiry_date == dt.date(2012, 4, 15)
    assert ident.sex is Sex.FEMALE
    assert ident.nationality == "UTO"
    assert ident.source is IdentitySource.CHIP
    assert ident.photo == face.data and ident.photo_mime == "image/jp2"
    assert ident.masked_number() == "L8*****C3"


def test_id_card_and_travel_document() -> None:
    td1 = build_td1(
        code="ID",
        state="UTO",
        number="D23145890734",
        surname="LI",
        given="SI",
        nationality="UTO",
        birth="050704",
        sex="<",
        expiry="330101",
    )
    ident = identity_from_document(_doc(td1), today=TODAY)
    assert ident.document_type is DocumentType.ID_CARD
    assert ident.document_number == "D23145890734"
    assert ident.birth_date == dt.date(2005, 7, 4)
    assert ident.sex is Sex.UNSPECIFIED
    assert ident.photo is None and ident.photo_mime is None
    assert identity_from_document(_doc(TD2), today=TODAY).document_type is (
        DocumentType.TRAVEL_DOCUMENT
    )


def test_only_successful_reads_become_identities() -> None:
    doc = _doc(TD2)
    assert identity_from_result(ReadResult(ReadOutcome.OK, document=doc), today=TODAY)
    assert identity_from_result(ReadResult(ReadOutcome.WRONG_KEYS), today=TODAY) is None
