"""Turn what the card driver read into the app's one identity model."""

from __future__ import annotations

import datetime as dt

from drivers.card.mrz import MrzFormat, birth_date_value, expiry_date_value
from drivers.card.types import IcaoDocument, ReadResult
from kiosk.identity import DocumentType, Identity, IdentitySource, Sex

_SEX = {"M": Sex.MALE, "F": Sex.FEMALE}


def document_type(document: IcaoDocument) -> DocumentType:
    """Passport for 'P' codes, identity card for TD1, travel document otherwise."""
    if document.mrz.document_code.startswith("P"):
        return DocumentType.PASSPORT
    if document.mrz.format is MrzFormat.TD1:
        return DocumentType.ID_CARD
    return DocumentType.TRAVEL_DOCUMENT


def identity_from_document(document: IcaoDocument, *, today: dt.date | None = None) -> Identity:
    """The :class:`Identity` for a chip-read document (``today`` resolves 2-digit years)."""
    mrz = document.mrz
    face = document.face
    return Identity(
        document_type=document_type(document),
        document_number=mrz.document_number,
        surname=mrz.surname,
        given_names=mrz.given_names,
        birth_date=birth_date_value(mrz.birth_date, today or dt.date.today()),
        sex=_SEX.get(mrz.sex, Sex.UNSPECIFIED),
        nationality=mrz.nationality,
        expiry_date=expiry_date_value(mrz.expiry_date),
        source=IdentitySource.CHIP,
        photo=face.data if face is not None else None,
        photo_mime=face.format.value if face is not None else None,
        chip_authenticity=document.passive_auth.status.value,
    )


def identity_from_result(result: ReadResult, *, today: dt.date | None = None) -> Identity | None:
    """The identity when the read succeeded and the chip passed passive authentication
    (or could not be checked), else None: an altered or cloned chip proves nobody."""
    if not result.ok or result.document is None or result.document.passive_auth.failed:
        return None
    return identity_from_document(result.document, today=today)
