"""Try-out 11, C7: a typed number that is not one says what is wrong with it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.tracking import ALPHABET, MAX_SEQUENCE, NumberFault, TrackingNumber, number_fault
from tests.unit.tracking.test_tracking import days, kiosk_codes

numbers = st.builds(TrackingNumber, kiosk_codes, days, st.integers(1, MAX_SEQUENCE))


@given(numbers, st.sampled_from(ALPHABET))
def test_a_wrong_last_character_is_named(number: TrackingNumber, other: str) -> None:
    typed = number.shown[:-1] + other
    assert number_fault(typed) is (None if other == number.check else NumberFault.CHECK)


@given(numbers)
def test_a_valid_number_has_no_fault(number: TrackingNumber) -> None:
    assert number_fault(number.shown) is None and number_fault(str(number)) is None


def test_each_fault_by_its_name() -> None:
    assert number_fault("M001-261207-0001-1") is NumberFault.CHECK  # the try-out's number
    assert number_fault("M001-261207") is NumberFault.SHORT
    assert number_fault("M001-261207-100011-11") is NumberFault.LONG
    assert number_fault("M001-261347-0001-1") is NumberFault.DATE  # month 13
    assert number_fault("M001-2612A7-0001-1") is NumberFault.SHAPE  # a letter in the date
    assert number_fault("M001-261207-0A01-1") is NumberFault.SHAPE  # a letter in the serial
    assert number_fault("M001-261207-00001-1") is NumberFault.SHAPE  # not as printed
