"""Tracking numbers: readable, self-checking, tolerant to how people type them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.tracking import (
    ALPHABET,
    MAX_SEQUENCE,
    TrackingNumber,
    TrackingNumberMinter,
    parse_tracking_number,
    shown_tracking_number,
)

DAY = dt.date(2026, 11, 23)

kiosk_codes = st.text(alphabet=ALPHABET, min_size=4, max_size=4)
days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))
sequences = st.integers(min_value=1, max_value=MAX_SEQUENCE)
numbers = st.builds(TrackingNumber, kiosk_codes, days, sequences)


class _Counter:
    def __init__(self) -> None:
        self.values: dict[tuple[str, dt.date], int] = {}

    def next_sequence(self, kiosk_code: str, day: dt.date) -> int:
        key = (kiosk_code, day)
        self.values[key] = self.values.get(key, 0) + 1
        return self.values[key]


def test_printed_form_is_grouped_kiosk_date_sequence() -> None:
    tn = TrackingNumber("A7H3", DAY, 42)
    kiosk, date, seq_check = str(tn).split("-")
    assert (kiosk, date, seq_check[:-1]) == ("A7H3", "261123", "0042")
    assert seq_check[-1] == tn.check
    assert tn.compact == str(tn).replace("-", "")


def test_only_unambiguous_symbols_are_used() -> None:
    assert not set(ALPHABET) & set("IOLQSZBGDEKNPTUV")


@given(numbers)
def test_round_trip(tn: TrackingNumber) -> None:
    assert parse_tracking_number(str(tn)) == tn
    assert parse_tracking_number(tn.compact) == tn
    assert set(tn.compact) <= set(ALPHABET)


@given(numbers)
def test_tolerates_case_spaces_dashes_fullwidth_and_lookalikes(tn: TrackingNumber) -> None:
    spaced = " ".join(tn.groups).lower()
    assert parse_tracking_number(spaced) == tn
    fullwidth = "".join(chr(ord(c) + 0xFEE0) for c in tn.compact)  # as a Chinese IME types it
    assert parse_tracking_number(fullwidth) == tn
    assert parse_tracking_number(str(tn).replace("-", " — ")) == tn
    assert parse_tracking_number(str(tn).replace("0", "O").replace("1", "l")) == tn


@given(numbers, st.data())
def test_any_single_wrong_symbol_is_rejected(tn: TrackingNumber, data: st.DataObject) -> None:
    s = tn.compact
    i = data.draw(st.integers(0, len(s) - 1))
    wrong = data.draw(st.sampled_from([c for c in ALPHABET if c != s[i]]))
    assert parse_tracking_number(s[:i] + wrong + s[i + 1 :]) is None


@given(numbers, st.data())
def test_swapping_neighbours_is_rejected(tn: TrackingNumber, data: st.DataObject) -> None:
    s = tn.compact
    i = data.draw(st.integers(0, len(s) - 2))
    swapped = s[:i] + s[i + 1] + s[i] + s[i + 2 :]
    if swapped != s:
        assert parse_tracking_number(swapped) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "A7H3-261123",
        "A7H3-261123-0042",  # check character missing
        "A7H3-261323-0042X",  # month 13
        "A7H3-260230-0042X",  # 30 February
        "K7H3-261123-0042X",  # K is not in the alphabet
        "A7H3-261123-00042X",  # non-canonical zero padding
        "A7H3-261123-1234567X",  # sequence too long
        "A7H3-２61123-0042X-extra",
    ],
)
def test_rejects_malformed(text: str) -> None:
    assert parse_tracking_number(text) is None


def test_long_sequences_grow_instead_of_wrapping() -> None:
    tn = TrackingNumber("A7H3", DAY, 123456)
    assert str(tn).startswith("A7H3-261123-123456")
    assert parse_tracking_number(str(tn)) == tn
    with pytest.raises(ValueError):
        TrackingNumber("A7H3", DAY, MAX_SEQUENCE + 1)


def test_minter_uses_the_durable_sequence_per_day() -> None:
    counter = _Counter()
    minter = TrackingNumberMinter("a7h3", counter)
    first, second = minter.mint(DAY), minter.mint(DAY)
    next_day = minter.mint(DAY + dt.timedelta(days=1))
    assert (first.sequence, second.sequence, next_day.sequence) == (1, 2, 1)
    assert first.kiosk_code == "A7H3"
    assert len({str(first), str(second), str(next_day)}) == 3


def test_minter_rejects_an_invalid_kiosk_code() -> None:
    with pytest.raises(ValueError):
        TrackingNumberMinter("KIOSK-1", _Counter())


def test_shown_form_sets_the_check_character_apart_and_reads_back() -> None:
    """Try-out 7, C-f: "…-00010" read as the tenth; shown, the check stands apart."""
    tn = TrackingNumber("M001", dt.date(2026, 12, 7), 1)
    assert str(tn) == f"M001-261207-0001{tn.check}"  # the number's identity: unchanged
    assert tn.shown == f"M001-261207-0001-{tn.check}"
    assert shown_tracking_number(str(tn)) == tn.shown
    # Either printed form, typed back, is the same number.
    assert parse_tracking_number(tn.shown) == tn == parse_tracking_number(str(tn))
    assert shown_tracking_number("A012") == "A012"  # a queue ticket's number: as it is
    assert shown_tracking_number("") == ""
