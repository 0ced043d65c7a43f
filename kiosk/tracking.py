"""Tracking numbers minted on the kiosk: unique across the fleet without coordination.

Format ``KKKK-YYMMDD-SSSSC``, e.g. ``A7H3-261123-0042X``:

- ``KKKK``   the kiosk's code (4 symbols, assigned once per kiosk by the fleet);
- ``YYMMDD`` the kiosk's local date of issue;
- ``SSSS``   the per-kiosk, per-day sequence (durable, never reused after a
  restart); it grows to 5 or 6 digits past 9999, so a number never has to wrap;
- ``C``      a check character.

That string (``str()``) is the number's identity: stored with the record, sent to the
platform, looked up. A citizen reads another form, :func:`shown_tracking_number`
(``A7H3-261123-0042-X``): the check character glued to the sequence made
``M001-261207-00010`` read as "the tenth" (try-out 7, C-f), so it stands apart on the
screen and on paper. Both forms hold the same symbols, so a number typed from a receipt
of either kind, or scanned, is the same number.

Two kiosks never share a code and one kiosk never repeats (date, sequence), so
numbers are unique without talking to anyone — which is what lets a receipt
print while the network is down.

Alphabet: the ten digits and nine letters ``ACFHMRWXY``. Letters that look like
digits (I L O Q S Z B G D) and letters that sound alike when read out (the
B/C/D/E/G/P/T/V/Z rhyme, A/K, M/N, F/S) are left out; that keeps it to 19
symbols, a prime, which the check character needs. Parsing is forgiving: case,
spaces, dashes, full-width forms (from a Chinese IME) and the look-alikes
O→0, I/L→1 are accepted.

Check character: with values v₁…vₙ (position 1 is the first symbol) and the
check symbol at position n+1, Σ i·vᵢ ≡ 0 (mod 19). Because 19 is prime and the
weights are distinct and non-zero, every single wrong symbol and every swap of
two neighbours (or of symbols two apart) is detected.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

ALPHABET = "0123456789ACFHMRWXY"
_MOD = len(ALPHABET)  # 19, prime
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
KIOSK_CODE_LEN = 4
_SEQ_MIN_DIGITS = 4
_SEQ_MAX_DIGITS = 6
MAX_SEQUENCE = 10**_SEQ_MAX_DIGITS - 1
# Dashes a person (or an IME) may type between groups; NFKC folds the full-width forms.
_SEPARATORS = re.compile(r"[\s\-_.·‐‑‒–—―−]+")
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


class SequenceSource(Protocol):
    """Durable per-kiosk, per-day counter (offline_cache provides the SQLite one)."""

    def next_sequence(self, kiosk_code: str, day: dt.date) -> int:
        """The next number for (kiosk, day), starting at 1; never returns one twice."""
        ...


@dataclass(frozen=True, slots=True)
class TrackingNumber:
    """A valid tracking number; ``str()`` gives the grouped form printed on receipts."""

    kiosk_code: str
    day: dt.date
    sequence: int

    def __post_init__(self) -> None:
        if not is_valid_kiosk_code(self.kiosk_code):
            raise ValueError(f"invalid kiosk code {self.kiosk_code!r}")
        if not 1 <= self.sequence <= MAX_SEQUENCE:
            raise ValueError(f"sequence out of range: {self.sequence}")
        if not 2000 <= self.day.year <= 2099:
            raise ValueError("year outside 2000-2099")

    @property
    def check(self) -> str:
        """The check character."""
        return _check_char(self._body)

    @property
    def groups(self) -> tuple[str, str, str]:
        """The three groups as printed and read aloud: kiosk, date, sequence + check."""
        return (self.kiosk_code, self.day.strftime("%y%m%d"), self._seq + self.check)

    @property
    def compact(self) -> str:
        """Without separators, e.g. for a QR payload or a URL."""
        return "".join(self.groups)

    def __str__(self) -> str:
        return "-".join(self.groups)

    @property
    def shown(self) -> str:
        """The form a citizen reads, on screen and paper: the check character a group of
        its own (``A7H3-261123-0042-X``), so the sequence reads as what it is."""
        return "-".join((self.kiosk_code, self.day.strftime("%y%m%d"), self._seq, self.check))

    @property
    def _seq(self) -> str:
        return str(self.sequence).zfill(_SEQ_MIN_DIGITS)

    @property
    def _body(self) -> str:
        return self.kiosk_code + self.day.strftime("%y%m%d") + self._seq


def is_valid_kiosk_code(code: str) -> bool:
    """Whether ``code`` is a canonical kiosk code (4 symbols of :data:`ALPHABET`)."""
    return len(code) == KIOSK_CODE_LEN and all(c in _VALUE for c in code)


def normalize_kiosk_code(code: str) -> str | None:
    """The canonical form of a configured kiosk code, or None if it cannot be one."""
    cleaned = _clean(code)
    return cleaned if is_valid_kiosk_code(cleaned) else None


def parse_tracking_number(text: str) -> TrackingNumber | None:
    """Read a tracking number as typed, scanned or spoken into a form; None if invalid.

    Tolerates lowercase, spaces, dashes, full-width characters and O/I/L for 0/1;
    rejects a wrong check character, an impossible date or a bad length.
    """
    s = _clean(text)
    body_min = KIOSK_CODE_LEN + 6 + _SEQ_MIN_DIGITS
    if not body_min + 1 <= len(s) <= KIOSK_CODE_LEN + 6 + _SEQ_MAX_DIGITS + 1:
        return None
    kiosk, date_part, seq_part, check = s[:4], s[4:10], s[10:-1], s[-1]
    if not (is_valid_kiosk_code(kiosk) and date_part.isdigit() and seq_part.isdigit()):
        return None
    if not date_part.isascii() or not seq_part.isascii():
        return None
    if len(seq_part) > _SEQ_MIN_DIGITS and seq_part[0] == "0":
        return None  # not the canonical rendering, so the check would not mean the same
    try:
        day = dt.date(2000 + int(date_part[:2]), int(date_part[2:4]), int(date_part[4:]))
        number = TrackingNumber(kiosk, day, int(seq_part))
    except ValueError:
        return None
    return number if number.check == check else None


class NumberFault(StrEnum):
    """What is wrong with a typed number, in words a citizen can act on (try-out 11, C7:
    "编号有误…共 15 位左右" said neither what nor where)."""

    SHORT = "short"  # fewer symbols than the shortest number has
    LONG = "long"  # more than the longest has
    DATE = "date"  # the six after the kiosk's code are not a day
    SHAPE = "shape"  # a letter where the digits go, a serial not as printed
    CHECK = "check"  # well formed, but the last character does not match the rest


def number_fault(text: str) -> NumberFault | None:
    """Why ``text`` is not a tracking number (None: it is one), checked in the order a
    citizen would look: length, the date, the groups' shape, then the check character —
    which, all else being right, means one symbol (any) was mistyped."""
    s = _clean(text)
    body_min = KIOSK_CODE_LEN + 6 + _SEQ_MIN_DIGITS
    if len(s) < body_min + 1:
        return NumberFault.SHORT
    if len(s) > KIOSK_CODE_LEN + 6 + _SEQ_MAX_DIGITS + 1:
        return NumberFault.LONG
    kiosk, date_part, seq_part = s[:4], s[4:10], s[10:-1]
    if not (date_part.isascii() and date_part.isdigit()):
        return NumberFault.SHAPE
    try:
        dt.date(2000 + int(date_part[:2]), int(date_part[2:4]), int(date_part[4:]))
    except ValueError:
        return NumberFault.DATE
    if not is_valid_kiosk_code(kiosk) or s[-1] not in _VALUE:
        return NumberFault.SHAPE
    if not (seq_part.isascii() and seq_part.isdigit()) or int(seq_part) == 0:
        return NumberFault.SHAPE
    if len(seq_part) > _SEQ_MIN_DIGITS and seq_part[0] == "0":
        return NumberFault.SHAPE
    return None if parse_tracking_number(s) is not None else NumberFault.CHECK


def shown_tracking_number(text: str) -> str:
    """``text`` (a tracking number as stored, sent or typed) in the form a citizen reads
    (:attr:`TrackingNumber.shown`); anything that is not a valid number, unchanged (a
    queue ticket's A012, an empty field). The one formatting function for every screen
    and slip that shows a tracking number."""
    number = parse_tracking_number(text) if text else None
    return text if number is None else number.shown


class TrackingNumberMinter:
    """Issues tracking numbers for one kiosk from a durable :class:`SequenceSource`."""

    def __init__(self, kiosk_code: str, sequences: SequenceSource) -> None:
        code = normalize_kiosk_code(kiosk_code)
        if code is None:
            raise ValueError(
                f"kiosk code must be {KIOSK_CODE_LEN} symbols from {ALPHABET!r}, got {kiosk_code!r}"
            )
        self.kiosk_code = code
        self._sequences = sequences

    def mint(self, day: dt.date) -> TrackingNumber:
        """A fresh number for ``day`` (the kiosk's local date); durable before it returns."""
        return TrackingNumber(
            self.kiosk_code, day, self._sequences.next_sequence(self.kiosk_code, day)
        )


def _clean(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).upper()
    return _SEPARATORS.sub("", s).translate(_LOOKALIKES)


def _check_char(body: str) -> str:
    total = sum(i * _VALUE[c] for i, c in enumerate(body, start=1))
    weight = len(body) + 1  # < 19 for every allowed length, so it has an inverse
    return ALPHABET[(-total * pow(weight, -1, _MOD)) % _MOD]
