"""Every status byte has a clear outcome; unknown bytes never read as success."""

from __future__ import annotations

from drivers.idcard.status import STATUS, status_of
from drivers.idcard.types import ReadOutcome


def test_documented_codes() -> None:
    expected = {
        0x90: ReadOutcome.OK,
        0x9F: ReadOutcome.OK,
        0x80: ReadOutcome.NO_CARD,
        0x81: ReadOutcome.NO_CARD,
        0x41: ReadOutcome.CARD_LIFTED,
        0x60: ReadOutcome.SAM_BUSY,
        0x66: ReadOutcome.SAM_FAULT,
        0x31: ReadOutcome.AUTH_FAILED,
        0x32: ReadOutcome.AUTH_FAILED,
        0x40: ReadOutcome.UNKNOWN_CARD,
        0x10: ReadOutcome.REJECTED,
        0x21: ReadOutcome.REJECTED,
    }
    for code, outcome in expected.items():
        assert status_of(code).outcome is outcome, hex(code)


def test_every_code_has_a_meaning() -> None:
    assert all(s.meaning for s in STATUS.values())


def test_unknown_code_is_a_refusal_with_the_byte_named() -> None:
    s = status_of(0xEE)
    assert s.outcome is ReadOutcome.REJECTED
    assert "0xEE" in s.meaning
