"""The demo's simulated reader behaves like the real driver from the UI's point of view."""

from __future__ import annotations

import threading
import time

from drivers.card.protocol import CardReader
from drivers.card.simulator import SimulatedCardReader, sample_id_card, sample_passport
from drivers.card.types import BacKeys, CardEvent, CardEventKind, ReaderStatus, ReadOutcome


def _reader() -> tuple[SimulatedCardReader, list[CardEvent]]:
    events: list[CardEvent] = []
    sim = SimulatedCardReader(read_delay_s=0.0)
    sim.start(events.append)
    return sim, events


def test_is_a_card_reader() -> None:
    reader: CardReader = SimulatedCardReader()
    assert reader.status() is ReaderStatus.NO_CARD


def test_insert_read_remove() -> None:
    sim, events = _reader()
    doc = sample_passport()
    sim.insert_document(doc)
    assert sim.status() is ReaderStatus.CARD_PRESENT
    inserted = [e for e in events if e.kind is CardEventKind.CARD_INSERTED]
    result = sim.read(doc.keys())
    assert result.ok and result.document is not None
    assert result.document.mrz.surname == "ZHANG"
    assert result.document.face is not None and result.document.face.data == doc.photo
    assert result.card_serial == inserted[-1].card_serial
    sim.remove_card()
    assert events[-2].kind is CardEventKind.CARD_REMOVED
    assert sim.status() is ReaderStatus.NO_CARD
    assert sim.read(doc.keys()).outcome is ReadOutcome.NO_CARD


def test_wrong_keys_and_bad_cards() -> None:
    sim, _ = _reader()
    sim.insert_document(sample_id_card())
    assert sim.read(BacKeys("D23145890734", "920704", "330102")).outcome is ReadOutcome.WRONG_KEYS
    assert sim.read(sample_id_card().keys()).ok
    sim.insert_unreadable_card()
    assert sim.read(sample_id_card().keys()).outcome is ReadOutcome.UNREADABLE
    sim.insert_pace_only_card()
    assert sim.read(sample_id_card().keys()).outcome is ReadOutcome.PACE_ONLY


def test_unplugged_reader() -> None:
    sim, events = _reader()
    sim.insert_document()
    sim.unplug_reader()
    assert sim.status() is ReaderStatus.NO_READER
    kinds = [e.kind for e in events]
    assert CardEventKind.CARD_REMOVED in kinds and CardEventKind.READER_REMOVED in kinds
    assert sim.read(sample_passport().keys()).outcome is ReadOutcome.NO_READER
    sim.plug_reader()
    assert sim.status() is ReaderStatus.NO_CARD


def test_card_pulled_during_read() -> None:
    sim = SimulatedCardReader(read_delay_s=0.2)
    sim.start(lambda e: None)
    sim.insert_document()
    results = []
    worker = threading.Thread(target=lambda: results.append(sim.read(sample_passport().keys())))
    worker.start()
    while sim.status() is not ReaderStatus.READING:
        time.sleep(0.001)
    sim.remove_card()
    worker.join()
    assert results[0].outcome is ReadOutcome.CARD_REMOVED
    assert results[0].document is None
