"""Waiting for card driver events and status in tests and the benchmark."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol

from drivers.card.protocol import CardReader
from drivers.card.types import CardEvent, CardEventKind, ReaderStatus


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


def wait_status(driver: CardReader, status: ReaderStatus, timeout: float = 5.0) -> None:
    """Poll the driver's status (what a UI would show) until it is ``status``."""
    deadline = time.monotonic() + timeout
    while driver.status() is not status:
        if time.monotonic() > deadline:
            raise AssertionError(f"status {driver.status().value}, wanted {status.value}")
        time.sleep(0.01)


class Insertable(Protocol):
    """A card a test can put in a reader (e.g. :class:`tests.support.vpcd_card.VirtualCard`)."""

    def insert(self) -> None: ...


def insert_card(card: Insertable, events: EventLog, driver: CardReader) -> int:
    """Put ``card`` in and wait until the driver reports it; its card serial."""
    mark = events.mark()
    card.insert()
    inserted = events.wait_for(CardEventKind.CARD_INSERTED, after=mark)
    wait_status(driver, ReaderStatus.CARD_PRESENT)
    return inserted.card_serial
