"""What a technician card says: its number, its PIN check, its signature."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# Proprietary application identifier (RID F0…: not registered, for closed systems).
AID = bytes.fromhex("F05A574B54454348")  # F0 "ZWKTECH"
CHALLENGE_BYTES = 32
INS_SELECT, INS_VERIFY, INS_INTERNAL_AUTH = 0xA4, 0x20, 0x88
PIN_REF = 0x80


class CardAnswer(StrEnum):
    """Outcome of the PIN check and challenge on the card."""

    SIGNED = "signed"  # PIN right, challenge signed
    WRONG_PIN = "wrong_pin"  # the card counted a wrong PIN (``retries_left`` says how many)
    BLOCKED = "blocked"  # the card's counter ran out: it refuses every PIN
    NO_CARD = "no_card"  # nothing in the reader, or not a technician card
    ERROR = "error"  # the reader or the card failed mid-way


@dataclass(frozen=True, slots=True)
class CardResult:
    """The answer, the card's retry counter when it told us, and the signature (DER)."""

    answer: CardAnswer
    retries_left: int | None = None
    signature: bytes = b""


class TechCardEventKind(StrEnum):
    """Changes in the technician card reader."""

    INSERTED = "inserted"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class TechCardEvent:
    """A card came (with its technician number) or went."""

    kind: TechCardEventKind
    number: str | None = None


def verify_apdu(pin: str) -> bytes:
    """VERIFY (ISO 7816-4) of the technician PIN, ASCII digits."""
    data = pin.encode("ascii")
    return bytes([0x00, INS_VERIFY, 0x00, PIN_REF, len(data)]) + data


def select_apdu() -> bytes:
    """SELECT the technician application by AID (its number comes back)."""
    return bytes([0x00, INS_SELECT, 0x04, 0x00, len(AID)]) + AID + b"\x00"


def internal_auth_apdu(challenge: bytes) -> bytes:
    """INTERNAL AUTHENTICATE: the card signs the challenge (ECDSA P-256, SHA-256)."""
    return bytes([0x00, INS_INTERNAL_AUTH, 0x00, 0x00, len(challenge)]) + challenge + b"\x00"


def read_answer(sw: int, data: bytes) -> CardResult:
    """Map the VERIFY/INTERNAL AUTHENTICATE status word to a result."""
    if sw == 0x9000:
        return CardResult(CardAnswer.SIGNED, signature=data)
    if sw & 0xFFF0 == 0x63C0:
        left = sw & 0x0F
        return CardResult(CardAnswer.BLOCKED if left == 0 else CardAnswer.WRONG_PIN, left)
    if sw == 0x6983:
        return CardResult(CardAnswer.BLOCKED, 0)
    return CardResult(CardAnswer.ERROR)
