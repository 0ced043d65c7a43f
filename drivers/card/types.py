"""Status, event and result types of the card reader.

Expected conditions (no reader, wrong keys, card pulled, hostile data) are values of
these types, never exceptions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from drivers.card.mrz import MrzData


class ReaderStatus(StrEnum):
    """What the reader hardware is doing right now."""

    NO_READER = "no_reader"
    NO_CARD = "no_card"
    CARD_PRESENT = "card_present"
    READING = "reading"
    ERROR = "error"  # the PC/SC service is unreachable; the driver keeps retrying


class CardEventKind(StrEnum):
    """Changes the driver reports to its listener."""

    READER_ADDED = "reader_added"
    READER_REMOVED = "reader_removed"
    CARD_INSERTED = "card_inserted"
    CARD_REMOVED = "card_removed"
    SERVICE_LOST = "service_lost"
    SERVICE_RESTORED = "service_restored"
    STATUS_CHANGED = "status_changed"


@dataclass(frozen=True, slots=True)
class CardEvent:
    """One change. ``card_serial`` counts insertions, so data read from a card can be
    dropped exactly when that card goes away (compare with :attr:`ReadResult.card_serial`)."""

    kind: CardEventKind
    status: ReaderStatus
    reader: str | None = None
    card_serial: int = 0


CardListener = Callable[[CardEvent], None]


class ReadOutcome(StrEnum):
    """How a read ended. The UI picks its message from this value."""

    OK = "ok"
    INVALID_KEYS = "invalid_keys"  # typed details are not well-formed; card not touched
    WRONG_KEYS = "wrong_keys"  # "the details do not match the document, please check them"
    PACE_ONLY = "pace_only"  # "this card needs a newer reader function"
    NOT_ICAO = "not_icao"  # no travel-document application on the chip
    UNREADABLE = "unreadable"  # mute card or a transport failure that is not a removal
    MALFORMED = "malformed"  # bad MAC, TLV, length or check digit: data not trusted
    CARD_REMOVED = "card_removed"  # pulled during the read; nothing kept
    NO_CARD = "no_card"
    NO_READER = "no_reader"
    SERVICE_UNAVAILABLE = "service_unavailable"  # pcscd not reachable
    TIMEOUT = "timeout"  # the chip answered too slowly for the read deadline
    BUSY = "busy"  # another read is running


@dataclass(frozen=True, slots=True)
class BacKeys:
    """What BAC needs from the document (typed on the keypad or read from the MRZ).

    Dates are YYMMDD; the document number is given without its check digit.
    """

    document_number: str
    birth_date: str
    expiry_date: str

    def __repr__(self) -> str:
        return "BacKeys(***)"

    __str__ = __repr__

    def is_well_formed(self) -> bool:
        """True when the fields can form an MRZ (checked before touching the card)."""
        number = "".join(self.document_number.upper().split())
        return (
            bool(re.fullmatch(r"[A-Z0-9<]{1,22}", number))
            and bool(re.fullmatch(r"\d{6}", self.birth_date))
            and bool(re.fullmatch(r"\d{6}", self.expiry_date))
        )


class FaceFormat(StrEnum):
    """Encodings of the DG2 face image, as MIME types."""

    JPEG = "image/jpeg"
    JPEG2000 = "image/jp2"


@dataclass(frozen=True, slots=True)
class FaceImage:
    """The face image from DG2, shown during the session only."""

    format: FaceFormat
    data: bytes = field(repr=False)
    width: int = 0
    height: int = 0


class PassiveAuthStatus(StrEnum):
    """Whether the chip's data is what its issuing state signed (ICAO 9303-11 section 5.1)."""

    VERIFIED = "verified"  # SOD signature, DSC -> CSCA chain and data-group hashes all good
    NOT_VERIFIABLE = "not_verifiable"  # no trust list, or the DSC's CSCA is not in it
    FAILED = "failed"  # a signature or hash does not match: altered or cloned; refuse it


@dataclass(frozen=True, slots=True)
class PassiveAuthResult:
    """The passive-authentication verdict; ``detail`` is technical and free of personal data."""

    status: PassiveAuthStatus
    detail: str = ""
    data_groups: tuple[int, ...] = ()  # groups whose hashes were checked

    @property
    def failed(self) -> bool:
        """True when the chip must be refused."""
        return self.status is PassiveAuthStatus.FAILED


NOT_CHECKED = PassiveAuthResult(PassiveAuthStatus.NOT_VERIFIABLE, "not checked")


@dataclass(frozen=True, slots=True)
class IcaoDocument:
    """Everything read from the chip. Held in memory for one session only.

    ``face_problem`` says why DG2 was left out (too large, corrupt, timed out) when
    DG1 was good: the identity stays usable without the photo.
    """

    mrz: MrzData
    data_groups: tuple[int, ...]  # from EF.COM, e.g. (1, 2, 14)
    face: FaceImage | None = field(default=None, repr=False)
    pace_supported: bool = False
    passive_auth: PassiveAuthResult = NOT_CHECKED
    face_problem: str = ""

    def __repr__(self) -> str:
        return f"IcaoDocument({self.mrz!r}, dgs={self.data_groups})"


@dataclass(frozen=True, slots=True)
class ReadResult:
    """The result of :meth:`CardReader.read`. ``detail`` is technical and free of
    personal data (safe to log); ``document`` is set only when ``outcome`` is OK."""

    outcome: ReadOutcome
    document: IcaoDocument | None = None
    detail: str = ""
    card_serial: int = 0
    apdus: int = 0

    @property
    def ok(self) -> bool:
        """True when a document was read and every check passed."""
        return self.outcome is ReadOutcome.OK and self.document is not None
