"""The one identity model for the whole app, and the one masking helper.

An :class:`Identity` lives in memory for one citizen session only. Anything that
shows or prints a document number or name goes through :func:`mask_number` /
:func:`mask_name`, so there is exactly one place that decides what a stranger
looking over the citizen's shoulder (or at a dropped receipt) can read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class DocumentType(StrEnum):
    """Kinds of identity document the kiosk accepts."""

    RESIDENT_ID = "resident_id"  # 居民身份证 (typed in, or via a certified SAM reader)
    ID_CARD = "id_card"  # ICAO 9303 TD1 identity card
    PASSPORT = "passport"  # ICAO 9303 TD3
    TRAVEL_DOCUMENT = "travel_document"  # ICAO 9303 TD2 (e.g. 往来港澳通行证)
    E_ID = "e_id"  # platform-issued e-ID credential shown as a QR code
    RESIDENCE_PERMIT = "residence_permit"  # 港澳台居民居住证 (SAM reader)
    PERMANENT_RESIDENCE = "permanent_residence"  # 外国人永久居留身份证 (SAM reader)


class IdentitySource(StrEnum):
    """How the identity was proven; the platform weighs these differently."""

    CHIP = "chip"
    E_ID_QR = "e_id_qr"
    MANUAL = "manual"


class Sex(StrEnum):
    """Sex as printed in the document (ICAO: M, F or X for unspecified)."""

    MALE = "M"
    FEMALE = "F"
    UNSPECIFIED = "X"


@dataclass(frozen=True, slots=True)
class Identity:
    """A proven (or typed-in) identity, held for the session only."""

    document_type: DocumentType
    document_number: str
    surname: str
    given_names: str
    birth_date: dt.date | None
    sex: Sex
    nationality: str  # ICAO three-letter code, e.g. CHN
    expiry_date: dt.date | None
    source: IdentitySource
    photo: bytes | None = field(default=None, repr=False)
    photo_mime: str | None = None
    # From cards read through a SAM reader (empty otherwise): the registered (or
    # newest endorsed) address, the nation as printed, and the issuing authority.
    address: str = ""
    ethnicity: str = ""
    issuing_authority: str = ""
    # Chip reads only: the passive-authentication verdict ("verified" or
    # "not_verifiable"; a "failed" chip never becomes an Identity).
    chip_authenticity: str | None = None

    def __repr__(self) -> str:  # never let a stray repr() carry personal data into a log
        return f"Identity({self.document_type.value}, {mask_number(self.document_number)})"

    __str__ = __repr__

    @property
    def full_name(self) -> str:
        """The name surname first, as the document has it: 王晓明, and WANG XIAOMING as a
        passport's machine-readable zone writes it (a typed Latin name keeps its order)."""
        if _is_cjk(self.surname + self.given_names):
            return f"{self.surname}{self.given_names}"
        return " ".join(p for p in (self.surname, self.given_names) if p)

    def age_on(self, day: dt.date) -> int | None:
        """Age in whole years on ``day``, or None when the birth date is unknown."""
        if self.birth_date is None:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))

    def masked_number(self) -> str:
        """The document number as it may appear on screen or on paper."""
        return mask_number(self.document_number)

    def masked_name(self) -> str:
        """The name as it may appear on screen or on paper."""
        return mask_name(self.full_name)


def _is_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def mask_number(number: str) -> str:
    """Mask a document number, keeping enough to recognise it by.

    Resident ID numbers keep the 6-digit region code and the last 4
    (``110101********1234``), as public-service practice in China does;
    shorter numbers keep the first 2 and last 2.
    """
    n = number.strip()
    if len(n) >= 15:
        return n[:6] + "*" * (len(n) - 10) + n[-4:]
    if len(n) >= 6:
        return n[:2] + "*" * (len(n) - 4) + n[-2:]
    return "*" * len(n)


def mask_name(name: str) -> str:
    """Mask a personal name so its holder knows it and the queue behind cannot read it:
    张三丰 → 张*丰, 李四 → *四, WANG XIAOMING → WANG X*******, ERIKSSON ANNA MARIA →
    ERIKSSON A*** M****. A Latin name keeps its first word (the surname, which documents
    put first) and the initials of the others; a one-word name keeps only its initial."""
    name = name.strip()
    if not name:
        return ""
    if _is_cjk(name):
        if len(name) == 1:
            return name
        if len(name) == 2:
            return "*" + name[1]
        return name[0] + "*" * (len(name) - 2) + name[-1]
    first, *rest = name.split()
    if not rest:  # one word (a mononym): it alone would be the whole name
        return first[0] + "*" * (len(first) - 1)
    return " ".join([first, *(w[0] + "*" * (len(w) - 1) for w in rest)])


# --- Chinese resident ID numbers (GB 11643-1999) ------------------------------

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


class ResidentIdError(StrEnum):
    """Why a typed resident ID number was refused (values are message keys)."""

    LENGTH = "id.err.length"
    CHARACTERS = "id.err.characters"
    BIRTH_DATE = "id.err.birth_date"
    CHECK_DIGIT = "id.err.check_digit"


def resident_id_check_char(first17: str) -> str:
    """The GB 11643-1999 ISO 7064 MOD 11-2 check character for 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def validate_resident_id(number: str, today: dt.date) -> ResidentIdError | None:
    """Check a typed 18-character resident ID number; None means valid."""
    n = number.strip().upper()
    if len(n) != 18:
        return ResidentIdError.LENGTH
    if not n[:17].isdigit() or not (n[17].isdigit() or n[17] == "X"):
        return ResidentIdError.CHARACTERS
    birth = resident_id_birth_date(n)
    if birth is None or birth > today or birth.year < 1900:
        return ResidentIdError.BIRTH_DATE
    if resident_id_check_char(n[:17]) != n[17]:
        return ResidentIdError.CHECK_DIGIT
    return None


def resident_id_birth_date(number: str) -> dt.date | None:
    """The birth date encoded in positions 7-14, or None if it is not a real date."""
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def resident_id_sex(number: str) -> Sex:
    """Sex from the 17th digit (odd = male), per GB 11643-1999."""
    return Sex.MALE if int(number[16]) % 2 else Sex.FEMALE
