"""The watch for a card to be taken (drivers/idcard/polling.py): "taken" only on two
clean "no card" answers in a row; a check without a clean answer (or one that raises)
starts the count over; once reported, or once stopped, the watch asks nothing more."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest

from drivers.idcard.polling import Poller
from drivers.idcard.types import Presence, ReadOutcome, ReadResult

A, P, U = Presence.ABSENT, Presence.PRESENT, Presence.UNKNOWN
WAIT_S = 10.0  # only keeps a broken test from hanging


class _Script:
    """Answers the checks from a list, then UNKNOWN for ever; counts what it was asked."""

    def __init__(self, answers: list[Presence | None], hold_at: int = 0) -> None:
        self._answers = list(answers)  # None: the check raises (a driver bug)
        self.asked = 0
        # The check numbered ``hold_at`` waits for ``release``: one under way.
        self._hold_at = hold_at
        self.release = threading.Event()

    def __call__(self) -> Presence:
        self.asked += 1
        answer = self._answers.pop(0) if self._answers else U
        if self.asked == self._hold_at:
            self.release.wait(WAIT_S)
        if answer is None:
            raise RuntimeError("a bug in the check")
        return answer


class _Polls:
    """The watch for new cards: finds nothing, counts its rounds."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> ReadResult:
        self.count += 1
        return ReadResult(ReadOutcome.NO_CARD)


@pytest.fixture
def polls() -> _Polls:
    return _Polls()


@pytest.fixture
def poller(polls: _Polls) -> Iterator[Poller]:
    p = Poller(polls, 0.001, "test-idcard-poller")
    p.start(lambda _r: None)
    yield p
    p.stop()


def _rounds(polls: _Polls, n: int) -> None:
    """Let the polling thread go ``n`` more rounds."""
    until = polls.count + n
    _wait(lambda: polls.count >= until)


def _wait(cond: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT_S
    while not cond():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.002)


def _watch(
    poller: Poller, answers: list[Presence | None], hold_at: int = 0
) -> tuple[_Script, list[int]]:
    script, gone = _Script(answers, hold_at), []
    poller.watch(script, lambda: gone.append(1), interval_s=0.0)
    return script, gone


@pytest.mark.parametrize(
    "answers",
    [
        [A, U, A, U, A, P, A],  # a failing reader between clean answers
        [A, P, A, P],  # seen again: a hand over the card, not a taken card
        [A, None, A, None, A],  # a check that raises is no answer
        [U, U, U, U],
    ],
)
def test_no_two_clean_absent_in_a_row_is_not_taken(
    poller: Poller, answers: list[Presence | None]
) -> None:
    script, gone = _watch(poller, answers)
    _wait(lambda: script.asked >= len(answers) + 3)
    assert gone == []
    assert poller.watching


def test_two_clean_absent_in_a_row_are_reported_once_and_end_the_watch(
    poller: Poller, polls: _Polls
) -> None:
    script, gone = _watch(poller, [P, A, U, A, A, A, A])
    _wait(lambda: bool(gone))
    assert script.asked == 5  # reported on the second clean "absent" in a row
    assert not poller.watching
    _rounds(polls, 5)  # the watch for new cards goes on; the presence checks do not
    assert script.asked == 5 and gone == [1]


def test_a_stopped_watch_asks_nothing_more_and_reports_nothing(
    poller: Poller, polls: _Polls
) -> None:
    # Stopped while its second check is under way: that check's "absent", the second
    # in a row, is no longer anyone's news.
    script, gone = _watch(poller, [A, A, A, A], hold_at=2)
    _wait(lambda: script.asked == 2)
    poller.unwatch()
    script.release.set()
    _rounds(polls, 5)
    assert script.asked == 2
    assert gone == [] and not poller.watching


def test_a_first_clean_absent_is_confirmed_at_the_next_round(poller: Poller, polls: _Polls) -> None:
    # Checks half a minute apart, as far as the answer "present" goes: the "absent" that
    # would end the reminder is asked again at once, so a lift is news within two polling
    # rounds, not a whole interval later (stop 28: lift -> 证件已取走 took ~0.9 s).
    script, gone = _Script([P, A, A]), []
    poller.watch(script, lambda: gone.append(1), interval_s=30.0)
    _wait(lambda: script.asked == 1)
    _rounds(polls, 5)
    assert script.asked == 1  # "present": the next check waits its interval
    poller.unwatch()
    script, gone = _Script([A, A]), []
    poller.watch(script, lambda: gone.append(1), interval_s=30.0)
    _wait(lambda: script.asked >= 1)
    _rounds(polls, 5)
    assert gone == [1] and script.asked == 2
