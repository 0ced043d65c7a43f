"""Fixtures for the card integration tests: the real pcscd with vpcd, and a chip on it.

pcscd runs once per module as our child process (``pcscd -f``) and is stopped and
reaped afterwards; a test that restarts it leaves it running again for the next.
On a machine without pcscd or vsmartcard-vpcd the fixtures fail with the apt package
to install, instead of skipping silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.card.pcsc import PyscardCardReader
from drivers.card.types import CardEventKind
from tests.support.card_events import EventLog
from tests.support.icao_chip import ChipConfig, IcaoChip, tiny_jpeg
from tests.support.pcscd import PcscdService, PcscSetupError
from tests.support.vpcd_card import VirtualCard


@pytest.fixture(scope="module")
def pcscd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PcscdService]:
    """The real pcscd with a vpcd reader on private ports."""
    try:
        service = PcscdService(Path(tmp_path_factory.mktemp("pcscd")))
        service.start()
    except PcscSetupError as exc:
        pytest.fail(f"PC/SC test setup: {exc}", pytrace=False)
    try:
        yield service
    finally:
        proc = service.proc
        service.stop()
        # Left behind nothing: our child is reaped and no daemon answers any more.
        assert proc is None or proc.returncode is not None
        assert service.running is False


@pytest.fixture
def service(pcscd: PcscdService) -> Iterator[PcscdService]:
    """pcscd, guaranteed running with its reader at the start and end of the test."""
    if not pcscd.running:
        pcscd.start()
    yield pcscd
    if not pcscd.running:
        pcscd.start()


@pytest.fixture
def events() -> EventLog:
    return EventLog()


@pytest.fixture
def reader(service: PcscdService, events: EventLog) -> Iterator[PyscardCardReader]:
    """The real driver, watching the vpcd readers."""
    driver = PyscardCardReader(reader_filter=service.reader, read_timeout_s=10.0)
    driver.start(events)
    events.wait_for(CardEventKind.READER_ADDED)
    yield driver
    driver.stop()


@pytest.fixture
def photo() -> bytes:
    return tiny_jpeg()


@pytest.fixture
def chip(photo: bytes) -> IcaoChip:
    return IcaoChip(ChipConfig(photo=photo))


@pytest.fixture
def card(service: PcscdService, chip: IcaoChip) -> Iterator[VirtualCard]:
    """The emulated passport, not yet inserted."""
    virtual = VirtualCard(chip, service.port)
    yield virtual
    virtual.remove()
    if service.running:
        service.wait_card(present=False)
