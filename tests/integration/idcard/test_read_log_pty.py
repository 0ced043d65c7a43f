"""A silent reader leaves two lines in the log, not one a poll (try-out 10, T5): with
the SAM reader faulted, "ID card read: timeout" came every 0.7 s for as long as the
fault lasted and buried the rest of the file a technician exports. The reader's state
still says faulty for as long as it is, and ready once it answers again."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from drivers.idcard.serial_reader import SerialSamReader
from drivers.idcard.simulator import Fault, PtySamReader, sample_card
from drivers.idcard.types import ReaderState, ReadOutcome

pytestmark = pytest.mark.integration

LOGGER = "drivers.idcard.serial_reader"


@pytest.fixture
def sim() -> Iterator[PtySamReader]:
    s = PtySamReader()
    yield s
    s.close()


def _lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER]


def test_a_silent_reader_is_logged_when_it_falls_silent_and_when_it_answers_again(
    sim: PtySamReader, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    reader = SerialSamReader(sim.port, reply_timeout_s=0.1)
    try:
        assert reader.read_once().outcome is ReadOutcome.NO_CARD  # port open, SAM id read
        sim.fault(Fault.SILENCE, times=None)
        for _ in range(6):  # six polls of a reader that does not answer
            assert reader.read_once().outcome is ReadOutcome.TIMEOUT
            assert reader.status() is ReaderState.FAULT  # the state tells it at every poll
        assert _lines(caplog) == ["ID card read: timeout"]
        sim.clear_faults()
        assert reader.read_once().outcome is ReadOutcome.NO_CARD
        assert reader.status() is ReaderState.READY
        lines = _lines(caplog)
        assert len(lines) == 2, lines
        assert lines[1].startswith("ID card read: timeout ended after 6 attempts in a row")
        # A card read is still news each time.
        sim.lay(sample_card("resident"))
        assert reader.read_once().ok
        assert _lines(caplog)[2:] == ["ID card read: ok"]
    finally:
        reader.stop()
