"""Turn a card read through a SAM reader into the app's one identity model."""

from __future__ import annotations

from drivers.idcard.types import CardKind, ReadResult, ResidentCard
from kiosk.identity import DocumentType, Identity, IdentitySource, Sex

_SEX = {"1": Sex.MALE, "2": Sex.FEMALE}
_DOCUMENT = {
    CardKind.RESIDENT: DocumentType.RESIDENT_ID,
    CardKind.HMT_RESIDENCE: DocumentType.RESIDENCE_PERMIT,
    CardKind.FOREIGN_2017: DocumentType.PERMANENT_RESIDENCE,
    CardKind.FOREIGN_2023: DocumentType.PERMANENT_RESIDENCE,
}
# 港澳台居民居住证 numbers start with the region's address code (GB 11643 rules).
_HMT_REGION = {"81": "HKG", "82": "MAC", "83": "TWN"}


def _split_cjk(name: str) -> tuple[str, str]:
    # The card holds the whole name; the one-character surname is the usual case
    # (欧阳 and other compound surnames come out split after the first character,
    # which only matters to a form that asks for the surname alone).
    return name[:1], name[1:]


def _split_latin(name: str) -> tuple[str, str]:
    if "," in name:
        surname, given = name.split(",", 1)
        return surname.strip(), " ".join(given.split())
    return name.strip(), ""


def read_by_sam_reader(identity: Identity | None) -> bool:
    """True when ``identity`` came from a card on the SAM reader (the card may still lie there)."""
    return (
        identity is not None
        and identity.source is IdentitySource.CHIP
        and identity.document_type in _DOCUMENT.values()
    )


def identity_from_card(card: ResidentCard, result: ReadResult | None = None) -> Identity:
    """The :class:`Identity` for a card read through a SAM reader."""
    if card.kind in (CardKind.FOREIGN_2017, CardKind.FOREIGN_2023) and card.english_name:
        surname, given = _split_latin(card.english_name)
    else:
        surname, given = _split_cjk(card.name)
    if card.kind is CardKind.HMT_RESIDENCE:
        nationality = _HMT_REGION.get(card.number[:2], "CHN")
    elif card.kind is CardKind.RESIDENT:
        nationality = "CHN"
    else:
        nationality = card.nationality or "XXX"
    return Identity(
        document_type=_DOCUMENT[card.kind],
        document_number=card.number,
        surname=surname,
        given_names=given,
        birth_date=card.birth,
        sex=_SEX.get(card.sex_code, Sex.UNSPECIFIED),
        nationality=nationality,
        expiry_date=None if card.long_term else card.valid_until,
        source=IdentitySource.CHIP,
        photo=result.photo if result is not None else None,
        photo_mime=result.photo_mime if result is not None else None,
        address=card.additional_address or card.address,
        ethnicity=card.nation,
        issuing_authority=card.authority,
    )
