"""The pyscard driver's watcher thread against a scripted PC/SC API.

The integration tests run the same code against the real pcscd; this one covers
what vpcd cannot do (readers really vanishing, a context that goes stale once the
last reader left, a listener that raises) and runs in milliseconds.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable

from smartcard import scard

from drivers.card.pcsc import PyscardCardReader
from drivers.card.types import BacKeys, CardEvent, CardEventKind, ReaderStatus, ReadOutcome


class FakePcsc:
    """Just enough of smartcard.scard, with pcsc-lite's stale-context quirk."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.up = True
        self.generation = 0
        self.readers: list[str] = []
        self.cards: set[str] = set()
        self.contexts: dict[int, int] = {}
        self.stale: set[int] = set()
        self.established = 0
        self._ids = itertools.count(1)

    def __getattr__(self, name: str) -> object:
        return getattr(scard, name)  # constants

    def restart_service(self) -> None:
        with self.lock:
            self.generation += 1

    def _valid(self, ctx: int) -> bool:
        return self.up and self.contexts.get(ctx) == self.generation

    def SCardEstablishContext(self, scope: int) -> tuple[int, int]:
        with self.lock:
            if not self.up:
                return scard.SCARD_E_NO_SERVICE, 0
            ctx = next(self._ids)
            self.contexts[ctx] = self.generation
            self.established += 1
            return 0, ctx

    def SCardReleaseContext(self, ctx: int) -> int:
        return 0

    def SCardCancel(self, ctx: int) -> int:
        return 0

    def SCardListReaders(self, ctx: int, groups: list[str]) -> tuple[int, list[str]]:
        with self.lock:
            if not self._valid(ctx):
                return scard.SCARD_E_NO_SERVICE, []
            if ctx in self.stale or not self.readers:
                self.stale.add(ctx)  # the quirk: this context never sees readers again
                return scard.SCARD_E_NO_READERS_AVAILABLE, []
            return 0, list(self.readers)

    def SCardGetStatusChange(
        self, ctx: int, timeout: int, states: list[tuple[str, int]]
    ) -> tuple[int, list[tuple[str, int, list[int]]]]:
        deadline = time.monotonic() + timeout / 1000
        while True:
            with self.lock:
                if not self._valid(ctx):
                    return scard.SCARD_E_NO_SERVICE, []
                out = []
                changed = False
                for name, current in states:
                    if name not in self.readers:
                        now = scard.SCARD_STATE_UNKNOWN
                    elif name in self.cards:
                        now = scard.SCARD_STATE_PRESENT
                    else:
                        now = scard.SCARD_STATE_EMPTY
                    changed |= now != (current & ~scard.SCARD_STATE_CHANGED)
                    out.append((name, now | scard.SCARD_STATE_CHANGED, []))
                if changed or time.monotonic() >= deadline:
                    return (0 if changed else scard.SCARD_E_TIMEOUT), out
            time.sleep(0.002)


class Log:
    def __init__(self) -> None:
        self.events: list[CardEvent] = []
        self.cond = threading.Condition()

    def __call__(self, event: CardEvent) -> None:
        with self.cond:
            self.events.append(event)
            self.cond.notify_all()

    def wait(self, kind: CardEventKind, after: int = 0, timeout: float = 3.0) -> CardEvent:
        def found() -> CardEvent | None:
            return next((e for e in self.events[after:] if e.kind is kind), None)

        with self.cond:
            assert self.cond.wait_for(lambda: found() is not None, timeout), (
                kind,
                [e.kind.value for e in self.events[after:]],
            )
            event = found()
            assert event is not None
            return event

    def mark(self) -> int:
        with self.cond:
            return len(self.events)


def _driver(fake: FakePcsc, log: Callable[[CardEvent], None]) -> PyscardCardReader:
    driver = PyscardCardReader(poll_timeout_s=0.02, retry_interval_s=0.01, scard_api=fake)
    driver.start(log)
    return driver


def _until(check: Callable[[], bool], timeout: float = 3.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.005)


def test_readers_and_cards_come_and_go() -> None:
    fake, log = FakePcsc(), Log()
    driver = _driver(fake, log)
    try:
        _until(lambda: driver.status() is ReaderStatus.NO_READER)
        fake.readers.append("R1")
        log.wait(CardEventKind.READER_ADDED)
        _until(lambda: driver.status() is ReaderStatus.NO_CARD)
        fake.cards.add("R1")
        first = log.wait(CardEventKind.CARD_INSERTED)
        assert driver.status() is ReaderStatus.CARD_PRESENT
        mark = log.mark()
        fake.cards.clear()
        removed = log.wait(CardEventKind.CARD_REMOVED, mark)
        assert removed.card_serial == first.card_serial
        mark = log.mark()
        fake.cards.add("R1")
        assert log.wait(CardEventKind.CARD_INSERTED, mark).card_serial > first.card_serial
    finally:
        driver.stop()


def test_context_is_rebuilt_after_the_last_reader_left() -> None:
    fake, log = FakePcsc(), Log()
    fake.readers.append("R1")
    fake.cards.add("R1")
    driver = _driver(fake, log)
    try:
        log.wait(CardEventKind.CARD_INSERTED)
        mark = log.mark()
        fake.readers.clear()
        fake.cards.clear()
        log.wait(CardEventKind.CARD_REMOVED, mark)
        log.wait(CardEventKind.READER_REMOVED, mark)
        _until(lambda: driver.status() is ReaderStatus.NO_READER)
        time.sleep(0.05)  # a few polls on the old (now stale) context
        mark = log.mark()
        fake.readers.append("R1")
        log.wait(CardEventKind.READER_ADDED, mark)  # only visible on a fresh context
    finally:
        driver.stop()


def test_service_restart_drops_cards_and_recovers() -> None:
    fake, log = FakePcsc(), Log()
    fake.readers.append("R1")
    fake.cards.add("R1")
    driver = _driver(fake, log)
    try:
        first = log.wait(CardEventKind.CARD_INSERTED)
        mark = log.mark()
        fake.up = False
        fake.restart_service()
        assert log.wait(CardEventKind.SERVICE_LOST, mark).status is ReaderStatus.ERROR
        assert log.wait(CardEventKind.CARD_REMOVED, mark).card_serial == first.card_serial
        assert driver.status() is ReaderStatus.ERROR
        assert driver.read(BacKeys("L898902C3", "740812", "320415")).outcome is (
            ReadOutcome.SERVICE_UNAVAILABLE
        )
        mark = log.mark()
        fake.up = True
        log.wait(CardEventKind.SERVICE_RESTORED, mark)
        again = log.wait(CardEventKind.CARD_INSERTED, mark)
        assert again.card_serial != first.card_serial
        _until(lambda: driver.status() is ReaderStatus.CARD_PRESENT)
    finally:
        driver.stop()


def test_a_failing_listener_does_not_stop_the_watcher() -> None:
    fake = FakePcsc()
    seen: list[CardEventKind] = []

    def listener(event: CardEvent) -> None:
        seen.append(event.kind)
        raise RuntimeError("bug in the UI bridge")

    driver = _driver(fake, listener)
    try:
        fake.readers.append("R1")
        fake.cards.add("R1")
        _until(lambda: CardEventKind.CARD_INSERTED in seen)
        fake.cards.clear()
        _until(lambda: CardEventKind.CARD_REMOVED in seen)
    finally:
        driver.stop()


def test_stop_ends_the_thread() -> None:
    fake = FakePcsc()
    driver = _driver(fake, lambda e: None)
    driver.stop()
    assert not any(t.name == "card-watch" for t in threading.enumerate())
