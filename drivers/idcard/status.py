"""Every SW3 status byte a GA 467-style reader returns, mapped to a clear outcome.

Values are as given in vendors' published protocol documents (see
docs/resident-id.md); an unknown byte is reported as a refusal with the byte kept
for diagnostics, never as success.
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.idcard.types import ReadOutcome


@dataclass(frozen=True, slots=True)
class Status:
    """What one status byte means."""

    code: int
    outcome: ReadOutcome
    meaning: str


_TABLE = (
    Status(0x90, ReadOutcome.OK, "operation succeeded"),
    Status(0x9F, ReadOutcome.OK, "card found"),
    Status(0x91, ReadOutcome.OK, "the card holds nothing for this item"),
    Status(0x10, ReadOutcome.REJECTED, "reader received a bad check byte"),
    Status(0x11, ReadOutcome.REJECTED, "reader received a bad length"),
    Status(0x21, ReadOutcome.REJECTED, "reader did not accept the command"),
    Status(0x23, ReadOutcome.REJECTED, "operation not permitted"),
    Status(0x24, ReadOutcome.REJECTED, "unrecognised error"),
    Status(0x31, ReadOutcome.AUTH_FAILED, "card failed to authenticate the SAM"),
    Status(0x32, ReadOutcome.AUTH_FAILED, "SAM failed to authenticate the card"),
    Status(0x33, ReadOutcome.AUTH_FAILED, "information verification failed"),
    Status(0x37, ReadOutcome.AUTH_FAILED, "fingerprint information verification failed"),
    Status(0x3F, ReadOutcome.BAD_FRAME, "information length error"),
    Status(0x40, ReadOutcome.UNKNOWN_CARD, "unknown card type"),
    Status(0x41, ReadOutcome.CARD_LIFTED, "reading the card failed (card moved away)"),
    Status(0x47, ReadOutcome.SAM_BUSY, "taking a random number failed"),
    Status(0x60, ReadOutcome.SAM_BUSY, "SAM self-test failed, cannot take commands now"),
    Status(0x66, ReadOutcome.SAM_FAULT, "SAM not authorised"),
    Status(0x80, ReadOutcome.NO_CARD, "finding a card failed"),
    Status(0x81, ReadOutcome.NO_CARD, "selecting the card failed"),
)

STATUS: dict[int, Status] = {s.code: s for s in _TABLE}
SUCCESS = 0x90
CARD_FOUND = 0x9F
NO_CONTENT = 0x91


def status_of(code: int) -> Status:
    """The meaning of ``code``; unknown bytes are refusals."""
    return STATUS.get(code, Status(code, ReadOutcome.REJECTED, f"unknown status 0x{code:02X}"))
