"""The technicians' corner sequence: exact order, within the time window, nothing else."""

from __future__ import annotations

from ui.widgets.corner_taps import ORDER, CornerSequence, corner_of


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_corners_are_found_only_in_the_small_squares() -> None:
    assert corner_of(1, 1, 1000, 800, 40) == "top_left"
    assert corner_of(999, 1, 1000, 800, 40) == "top_right"
    assert corner_of(999, 799, 1000, 800, 40) == "bottom_right"
    assert corner_of(1, 799, 1000, 800, 40) == "bottom_left"
    assert corner_of(500, 1, 1000, 800, 40) is None
    assert corner_of(41, 41, 1000, 800, 40) is None


def test_clockwise_sequence_opens_once() -> None:
    seq = CornerSequence(Clock())
    assert [seq.tap(c) for c in ORDER] == [False, False, False, True]
    assert [seq.tap(c) for c in ORDER[:3]] == [False, False, False]


def test_wrong_order_a_stray_tap_or_a_slow_hand_start_over() -> None:
    clock = Clock()
    seq = CornerSequence(clock)
    assert not any(seq.tap(c) for c in reversed(ORDER))
    seq = CornerSequence(clock)
    assert not any(seq.tap(c) for c in (ORDER[0], ORDER[1], None, ORDER[2], ORDER[3]))
    seq = CornerSequence(clock)
    seq.tap(ORDER[0])
    seq.tap(ORDER[1])
    clock.t += 7
    assert not seq.tap(ORDER[2]) and not seq.tap(ORDER[3])


def test_the_same_tap_reported_twice_counts_once() -> None:
    seq = CornerSequence(Clock())
    taps = [ORDER[0], ORDER[0], ORDER[1], ORDER[1], ORDER[2], ORDER[3]]
    assert [seq.tap(c) for c in taps][-1] is True
