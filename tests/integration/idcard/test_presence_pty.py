"""The SAM reader's presence check through the real serial path (try-out 8, C1).

The real driver talks to the pty simulator. A card that has been read is halted: a
find ("寻卡") answers 0x80 "no card found" while it still lies there, so the check
must not take that for "taken". A reader that fails, garbles or falls silent says
nothing about the card: never "taken" on its word.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest

from drivers.idcard.frames import Command
from drivers.idcard.serial_reader import SerialSamReader
from drivers.idcard.simulator import Fault, PtySamReader, sample_card
from drivers.idcard.types import Presence, ReaderState, ReadOutcome, ReadResult

pytestmark = pytest.mark.integration

WAIT_S = 15.0  # a bound that only keeps a broken test from hanging


@pytest.fixture
def sim() -> Iterator[PtySamReader]:
    s = PtySamReader()
    yield s
    s.close()


@pytest.fixture
def reader(sim: PtySamReader) -> Iterator[SerialSamReader]:
    r = SerialSamReader(sim.port)
    yield r
    r.stop()


def _read_and_leave(sim: PtySamReader, reader: SerialSamReader) -> None:
    """Lay the sample card and read it: the reader halts it, and it stays there."""
    sim.lay(sample_card("elder"))  # it carries an additional address
    assert reader.read_once().ok
    assert reader.read_once().outcome is ReadOutcome.NO_CARD  # halted: a find misses it
    assert sim.card_present


def _asked(sim: PtySamReader, command: Command) -> int:
    return sum(1 for c in list(sim.commands) if c is command)


def _wait(cond: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def test_a_card_read_and_left_on_the_reader_is_present(
    sim: PtySamReader, reader: SerialSamReader
) -> None:
    _read_and_leave(sim, reader)
    sim.commands.clear()
    assert reader.card_present() is Presence.PRESENT
    # The find missed it (halted), so the card itself was asked.
    assert list(sim.commands) == [Command.FIND_CARD, Command.READ_ADDITIONAL_ADDRESS]
    assert reader.status() is ReaderState.READY


def test_a_card_on_the_reader_without_an_additional_address_is_present(
    sim: PtySamReader, reader: SerialSamReader
) -> None:
    sim.lay(sample_card("resident"))  # none endorsed: the card answers 0x91
    assert reader.read_once().ok
    assert reader.card_present() is Presence.PRESENT


def test_a_lifted_card_is_absent_and_one_laid_again_present(
    sim: PtySamReader, reader: SerialSamReader
) -> None:
    _read_and_leave(sim, reader)
    sim.lift()
    assert reader.card_present() is Presence.ABSENT
    assert reader.card_present() is Presence.ABSENT
    sim.lay(sample_card("elder"))  # laid again, not read yet: found by a find alone
    sim.commands.clear()
    assert reader.card_present() is Presence.PRESENT
    assert list(sim.commands) == [Command.FIND_CARD]


def test_an_empty_reader_is_absent(sim: PtySamReader, reader: SerialSamReader) -> None:
    assert reader.card_present() is Presence.ABSENT


@pytest.mark.parametrize(
    ("fault", "command"),
    [
        (Fault.SILENCE, None),
        (Fault.GARBAGE, None),
        (Fault.BAD_CHECK, None),
        (Fault.SAM_BUSY, None),
        # The find answers cleanly; the reader fails on the card's own question.
        (Fault.SILENCE, Command.READ_ADDITIONAL_ADDRESS),
        (Fault.BAD_CHECK, Command.READ_ADDITIONAL_ADDRESS),
        (Fault.SAM_BUSY, Command.READ_ADDITIONAL_ADDRESS),
    ],
)
def test_a_faulty_reader_never_says_the_card_is_gone(
    sim: PtySamReader, reader: SerialSamReader, fault: Fault, command: Command | None
) -> None:
    _read_and_leave(sim, reader)
    sim.fault(fault, times=None, command=command)
    assert reader.card_present() is Presence.UNKNOWN  # still there, reader failing
    sim.lift()
    assert reader.card_present() is Presence.UNKNOWN  # gone, reader failing: not known
    sim.clear_faults()
    assert reader.card_present() is Presence.ABSENT  # it answers again: now it is known


def test_a_reader_gone_from_its_port_never_says_the_card_is_gone(
    sim: PtySamReader, reader: SerialSamReader
) -> None:
    _read_and_leave(sim, reader)
    sim.close()  # unplugged: the port's other end is gone
    assert reader.card_present() is Presence.UNKNOWN
    assert reader.status() in (ReaderState.DISCONNECTED, ReaderState.FAULT)


class _Gone:
    """Counts the removal reports (called on the reader's polling thread)."""

    def __init__(self) -> None:
        self.count = 0
        self.event = threading.Event()

    def __call__(self) -> None:
        self.count += 1
        self.event.set()


def _start_with_card(sim: PtySamReader, reader: SerialSamReader) -> list[ReadResult]:
    reads: list[ReadResult] = []
    reader.start(reads.append)
    sim.lay(sample_card("elder"))
    _wait(lambda: any(r.ok for r in reads), "the card to be read")
    return reads


def test_the_watch_reports_the_card_taken_once_then_stops_asking(
    sim: PtySamReader, reader: SerialSamReader
) -> None:
    _start_with_card(sim, reader)
    gone = _Gone()
    sim.commands.clear()
    reader.watch_removal(gone)
    # Several checks with the card lying there: not taken.
    _wait(lambda: _asked(sim, Command.READ_ADDITIONAL_ADDRESS) >= 3, "three presence checks")
    assert gone.count == 0
    sim.lift()
    assert gone.event.wait(WAIT_S), "the lifted card was never reported"
    sim.commands.clear()
    _wait(lambda: _asked(sim, Command.FIND_CARD) >= 8, "the watch for new cards to go on")
    assert _asked(sim, Command.READ_ADDITIONAL_ADDRESS) == 0  # the watch ended with the news
    assert gone.count == 1


def test_the_watch_says_nothing_while_the_reader_is_silent(
    sim: PtySamReader, reader: SerialSamReader
) -> None:
    _start_with_card(sim, reader)
    gone = _Gone()
    reader.watch_removal(gone)
    _wait(lambda: _asked(sim, Command.READ_ADDITIONAL_ADDRESS) >= 1, "a presence check")
    sim.fault(Fault.SILENCE, times=None)
    sim.lift()  # taken while the reader cannot answer
    sim.commands.clear()
    _wait(lambda: _asked(sim, Command.FIND_CARD) >= 6, "finds unanswered")
    assert gone.count == 0
    assert reader.status() is ReaderState.FAULT
    sim.clear_faults()  # it answers again: the card is seen gone
    assert gone.event.wait(WAIT_S), "the card was never reported once the reader answered"


def test_a_stopped_watch_asks_nothing_and_reports_nothing(
    sim: PtySamReader, reader: SerialSamReader
) -> None:
    _start_with_card(sim, reader)
    gone = _Gone()
    reader.watch_removal(gone)
    _wait(lambda: _asked(sim, Command.READ_ADDITIONAL_ADDRESS) >= 1, "a presence check")
    reader.stop_watch()
    sim.lift()
    sim.commands.clear()  # a check under way when stopped ends before the next round
    _wait(lambda: _asked(sim, Command.FIND_CARD) >= 2, "the next round of polling")
    sim.commands.clear()
    _wait(lambda: _asked(sim, Command.FIND_CARD) >= 8, "the watch for new cards to go on")
    assert _asked(sim, Command.READ_ADDITIONAL_ADDRESS) == 0
    assert gone.count == 0
