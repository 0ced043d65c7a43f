"""Fixtures for the card integration tests: the real pcscd with vpcd, and a chip on it.

pcscd runs once per module as our child process (``pcscd -f``) and is stopped and
reaped afterwards; a test that restarts it leaves it running again for the next.
On a machine without pcscd or vsmartcard-vpcd the fixtures fail with the apt package
to install, instead of skipping silently.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from drivers.card.pcsc import PyscardCardReader
from drivers.card.types import CardEvent, CardEventKind, ReaderStatus
from tests.support.icao_chip import ChipConfig, IcaoChip, tiny_jpeg
from tests.support.pcscd import PcscdService, PcscSetupError
from tests.support.vpcd_card import VirtualCard

pytestmark = pytest.mark.integration


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


class EventLog:
    """Collects driver events (from the watcher thread) and waits for them."""

    def __init__(self) -> None:
        self.events: list[CardEvent] = []
        self._cond = threading.Condition()

    def __call__(self, event: CardEvent) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def wait_for(
        self,
        kind: CardEventKind,
        where: Callable[[CardEvent], bool] = lambda e: True,
        timeout: float = 5.0,
        after: int = 0,
    ) -> CardEvent:
        """The first event of ``kind`` (from index ``after``) matching ``where``."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for event in self.events[after:]:
                    if event.kind is kind and where(event):
                        return event
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(e.kind.value, e.status.value) for e in self.events[after:]]
                    raise AssertionError(f"no {kind.value} within {timeout} s; saw {seen}")
                self._cond.wait(left)

    def mark(self) -> int:
        """Index to pass as ``after`` to only see later events."""
        with self._cond:
            return len(self.events)


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


def wait_status(driver: PyscardCardReader, status: ReaderStatus, timeout: float = 5.0) -> None:
    """Poll the driver's status (what a UI would show) until it is ``status``."""
    deadline = time.monotonic() + timeout
    while driver.status() is not status:
        if time.monotonic() > deadline:
            raise AssertionError(f"status {driver.status().value}, wanted {status.value}")
        time.sleep(0.01)
