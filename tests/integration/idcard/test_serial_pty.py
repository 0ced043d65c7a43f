"""The real serial driver against the pty simulator: every card layout, every fault.

After each fault: no exception escaped, the same reader reads the next card, and
nothing a card holds appears in the logs.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

import pytest

from drivers.idcard.frames import Command
from drivers.idcard.serial_reader import SerialSamReader
from drivers.idcard.simulator import Fault, PtySamReader, sample_card, sample_keys
from drivers.idcard.types import CardKind, PhotoStatus, ReaderState, ReadOutcome, ReadResult

pytestmark = pytest.mark.integration

# Every string a sample card carries that must never reach a log line.
_PERSONAL = [
    v
    for key in sample_keys()
    for name, v in sample_card(key).values.items()
    if name not in ("sex", "nation", "version", "renewal_count", "issue_count") and len(v) >= 2
]


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


def _no_personal_data(caplog: pytest.LogCaptureFixture) -> None:
    text = "\n".join(r.getMessage() for r in caplog.records)
    for value in _PERSONAL:
        assert value not in text


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("resident", CardKind.RESIDENT),
        ("elder", CardKind.RESIDENT),
        ("hmt", CardKind.HMT_RESIDENCE),
        ("foreign_2017", CardKind.FOREIGN_2017),
        ("foreign_2023", CardKind.FOREIGN_2023),
    ],
)
def test_every_layout_through_the_wire(
    sim: PtySamReader,
    reader: SerialSamReader,
    key: str,
    kind: CardKind,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    card = sample_card(key)
    sim.lay(card)
    r = reader.read_once()
    assert r.ok and r.card is not None
    assert r.card.kind is kind
    assert r.card.number == card.values["number"]
    assert r.card.name == card.values["name"]
    assert r.photo_status is PhotoStatus.NOT_AVAILABLE  # no vendor decoder here: go on without
    assert len(r.card.wlt) == 1024
    assert reader.sam_id() == "05.01-20158553-0005991630-2146482361"
    assert reader.status() is ReaderState.READY
    if key == "elder":
        assert r.card.long_term and r.card.nation == "回"
        assert r.card.additional_address == card.additional_address
    _no_personal_data(caplog)


def test_a_card_left_on_the_reader_is_not_read_again(
    sim: PtySamReader, reader: SerialSamReader
) -> None:
    sim.lay(sample_card("resident"))
    assert reader.read_once().ok
    for _ in range(3):
        assert reader.read_once().outcome is ReadOutcome.NO_CARD
    assert sim.card_present
    sim.lift()
    sim.lay(sample_card("resident"))  # lifted and laid again: a deliberate new read
    assert reader.read_once().ok


@pytest.mark.parametrize(
    ("fault", "outcome"),
    [
        (Fault.CARD_LIFTED, ReadOutcome.CARD_LIFTED),
        (Fault.SAM_BUSY, ReadOutcome.SAM_BUSY),
        (Fault.BAD_CHECK, ReadOutcome.BAD_FRAME),
        (Fault.GARBAGE, ReadOutcome.BAD_FRAME),
        (Fault.SILENCE, ReadOutcome.TIMEOUT),
    ],
)
def test_faults_end_cleanly_and_the_reader_is_free_after(
    sim: PtySamReader,
    reader: SerialSamReader,
    fault: Fault,
    outcome: ReadOutcome,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    assert reader.read_once().outcome is ReadOutcome.NO_CARD  # the port is open, SAM id read
    card = sample_card("resident")
    sim.lay(card)
    sim.fault(fault)
    r = reader.read_once()  # must return, not raise
    assert r.outcome is outcome and r.card is None
    if fault is Fault.CARD_LIFTED:
        assert not sim.card_present
        assert sim.commands[-1] is Command.READ_TEXT_PHOTO
    sim.lift()
    sim.lay(card)
    after = reader.read_once()
    assert after.ok and after.card is not None and after.card.number == card.values["number"]
    assert reader.status() is ReaderState.READY
    _no_personal_data(caplog)


def test_persistent_silence_marks_the_reader_faulty_until_it_answers(
    sim: PtySamReader, reader: SerialSamReader
) -> None:
    sim.fault(Fault.SILENCE, times=None)
    assert reader.read_once().outcome is ReadOutcome.TIMEOUT
    assert reader.status() is ReaderState.FAULT
    sim.clear_faults()
    assert reader.read_once().outcome is ReadOutcome.NO_CARD
    assert reader.status() is ReaderState.READY


def test_missing_port_is_no_reader() -> None:
    r = SerialSamReader("/dev/does-not-exist-sam")
    assert r.read_once().outcome is ReadOutcome.NO_READER
    assert r.status() is ReaderState.DISCONNECTED


def test_polling_delivers_each_card_once(sim: PtySamReader) -> None:
    got: list[ReadResult] = []
    done = threading.Event()

    def listener(result: ReadResult) -> None:
        got.append(result)
        done.set()

    reader = SerialSamReader(sim.port, poll_interval_s=0.05)
    reader.start(listener)
    try:
        sim.lay(sample_card("hmt"))
        assert done.wait(5.0)
        done.clear()
        assert not done.wait(1.0)  # left on the reader: no second delivery
        assert len(got) == 1 and got[0].ok
        sim.lift()
        sim.fault(Fault.CARD_LIFTED)
        sim.lay(sample_card("hmt"))
        assert done.wait(5.0)  # the citizen hears about a card lifted mid-read
        assert got[1].outcome is ReadOutcome.CARD_LIFTED
    finally:
        reader.stop()
