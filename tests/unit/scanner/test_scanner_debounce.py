"""A code held in view is one event; it is reported again only after it left."""

from __future__ import annotations

from drivers.scanner.debounce import Debouncer


def test_code_held_in_view_is_reported_once() -> None:
    d = Debouncer(forget_after_s=1.0)
    reports = [d.feed(i / 25, [b"A"]) for i in range(100)]
    assert reports[0] == [b"A"]
    assert all(r == [] for r in reports[1:])


def test_short_decode_gaps_do_not_repeat_the_event() -> None:
    d = Debouncer(forget_after_s=1.0)
    seen = []
    for i in range(50):
        payloads = [] if i % 3 == 1 else [b"A"]  # every third frame misses the code
        seen += d.feed(i / 25, payloads)
    assert seen == [b"A"]


def test_code_shown_again_after_leaving_is_a_new_event() -> None:
    d = Debouncer(forget_after_s=1.0)
    assert d.feed(0.0, [b"A"]) == [b"A"]
    assert d.feed(0.5, []) == []
    assert d.feed(2.0, [b"A"]) == [b"A"]


def test_two_codes_in_one_frame_are_two_events_and_duplicates_one() -> None:
    d = Debouncer()
    assert d.feed(0.0, [b"A", b"B", b"A"]) == [b"A", b"B"]
    assert d.feed(0.04, [b"B", b"A"]) == []


def test_time_going_backwards_starts_afresh() -> None:
    d = Debouncer(forget_after_s=1.0)
    d.feed(10.0, [b"A"])
    assert d.feed(0.0, [b"A"]) == [b"A"]


def test_reset_forgets_codes_in_view() -> None:
    d = Debouncer()
    d.feed(0.0, [b"A"])
    d.reset()
    assert d.feed(0.04, [b"A"]) == [b"A"]
