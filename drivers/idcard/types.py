"""What an ID-card reader gives back: outcomes, card kinds and the card's contents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


class ReadOutcome(StrEnum):
    """How one read attempt ended. Nothing a card, a reader or a cable can do raises."""

    OK = "ok"
    NO_CARD = "no_card"  # nothing on the reader (or the card there was already read)
    CARD_LIFTED = "card_lifted"  # the card left the field during the read: lay it again
    SAM_BUSY = "sam_busy"  # the security module cannot take a command now: retry shortly
    AUTH_FAILED = "auth_failed"  # card and SAM did not authenticate each other: not genuine
    UNKNOWN_CARD = "unknown_card"  # a card these readers cannot read, or a layout we lack
    BAD_FRAME = "bad_frame"  # garbled reply (check byte, length, noise)
    TIMEOUT = "timeout"  # the reader did not answer in time
    SAM_FAULT = "sam_fault"  # SAM unauthorised or failed its self-test: call a technician
    REJECTED = "rejected"  # the reader refused the command (checksum, length, command)
    NO_READER = "no_reader"  # port missing, library missing, device unplugged


class ReaderState(StrEnum):
    """Coarse reader health for the supervisor and the maintenance panel."""

    READY = "ready"
    BUSY = "busy"
    FAULT = "fault"
    DISCONNECTED = "disconnected"
    # Before the first exchange: not known yet. Counting it as disconnected recorded a
    # reader fault at every start (try-out 3).
    STARTING = "starting"


class Presence(StrEnum):
    """Whether a card lies on the reader, as one presence check saw it.

    Only a clean answer from the reader is ABSENT: a reader that is silent, garbled,
    busy or gone says nothing about the card, so the kiosk must not tell a citizen
    their card was taken on its word (UNKNOWN).
    """

    PRESENT = "present"
    ABSENT = "absent"
    UNKNOWN = "unknown"


class CardKind(StrEnum):
    """Card layouts, told apart by the card-type character of the text block."""

    RESIDENT = "resident"  # 居民身份证 (二代证)
    HMT_RESIDENCE = "hmt_residence"  # 港澳台居民居住证 ("J")
    FOREIGN_2017 = "foreign_2017"  # 外国人永久居留身份证, 2017 edition ("I")
    FOREIGN_2023 = "foreign_2023"  # 外国人永久居留身份证, 2023 edition ("Y")


class PhotoStatus(StrEnum):
    """Whether the WLT photo could be turned into an image."""

    DECODED = "decoded"
    NOT_AVAILABLE = "not_available"  # no vendor decoder configured or it failed
    NONE = "none"  # the card gave no photo


@dataclass(frozen=True, slots=True)
class ResidentCard:
    """The text (and raw photo) of a card read through a SAM reader.

    Fields a layout lacks are empty strings. ``valid_until`` is None with
    ``long_term`` set for 长期 cards. Never logged: ``repr`` shows the kind only.
    """

    kind: CardKind
    name: str  # Chinese name (may be empty on a 2017 foreign card)
    sex_code: str  # GB/T 2261.1: 0 unknown, 1 male, 2 female, 9 unspecified
    number: str
    birth: dt.date | None
    valid_from: dt.date | None
    valid_until: dt.date | None
    long_term: bool = False
    nation_code: str = ""  # GB/T 3304, resident cards only
    nation: str = ""  # as printed on the card (汉, 蒙古 …)
    address: str = ""
    authority: str = ""
    english_name: str = ""
    nationality: str = ""  # ISO 3166 alpha-3 on foreign permanent residence cards
    pass_number: str = ""  # 港澳台居民出入境证件号码 (J)
    issue_count: str = ""  # 签发次数 (J) / 换证次数 (Y)
    version: str = ""
    authority_code: str = ""
    additional_address: str = ""  # the newest address endorsed after issue, if any
    wlt: bytes = field(default=b"", repr=False)
    fingerprint: bytes = field(default=b"", repr=False)

    def __repr__(self) -> str:
        return f"ResidentCard({self.kind.value})"

    __str__ = __repr__

    def expired_on(self, day: dt.date) -> bool:
        """True when the card's validity ended before ``day`` (长期 never expires)."""
        return not self.long_term and self.valid_until is not None and self.valid_until < day


@dataclass(frozen=True, slots=True)
class ReadResult:
    """One read attempt: outcome, the card when OK, the decoded photo when available."""

    outcome: ReadOutcome
    card: ResidentCard | None = None
    photo: bytes | None = field(default=None, repr=False)
    photo_mime: str | None = None
    photo_status: PhotoStatus = PhotoStatus.NONE
    status_byte: int | None = None  # SW3 of the reply that ended the attempt, for diagnostics
    elapsed_ms: float = 0.0

    @property
    def ok(self) -> bool:
        """True when a card was read."""
        return self.outcome is ReadOutcome.OK and self.card is not None


IdCardListener = Callable[[ReadResult], None]
RemovalListener = Callable[[], None]
