"""Events the core publishes; ``ui/`` turns them into queued Qt signals.

Publishing happens on whichever thread noticed the change (a device monitor, the
sync agent); subscribers must not block and must not assume the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

log = logging.getLogger(__name__)


class Device(StrEnum):
    """The devices whose health the kiosk tracks."""

    CARD = "card"
    SCANNER = "scanner"
    PRINTER = "printer"
    SPEECH = "speech"
    PLATFORM = "platform"
    STORAGE = "storage"  # free space on the data disk (kiosk.storage_guard)
    IDCARD = "idcard"  # resident ID (SAM) reader; its detail carries the SAM id


class Health(StrEnum):
    """Coarse device health, enough to choose screens and messages."""

    OK = "ok"
    DEGRADED = "degraded"  # works, but tell someone (paper near end, platform offline)
    FAULT = "fault"  # cannot be used now
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class DeviceStatusChanged:
    """A device's health changed; ``detail`` is a message key for the UI."""

    device: Device
    health: Health
    detail: str


@dataclass(frozen=True, slots=True)
class CardPresence:
    """An identity document was put on or taken off the reader."""

    present: bool


@dataclass(frozen=True, slots=True)
class TechnicianCardPresence:
    """A technician card came to its reader (with its number) or left it (None)."""

    number: str | None


@dataclass(frozen=True, slots=True)
class ResidentCardRead:
    """A SAM reader read a card (or failed to); ``read`` is the driver's result.

    Carried as it came: only the identify screen turns it into an identity, so a
    read that arrives while no one is identifying is dropped with the event.
    """

    read: object


@dataclass(frozen=True, slots=True)
class ResidentCardLifted:
    """The card read on the SAM reader is no longer there (its presence check saw it go).

    Published while the card is watched (from its read to the end of the session:
    kiosk/card_watch.py, which has set the session's ``document_taken`` by then; and by
    an idle reset's reminder), and only on the reader's clean word: a reader that fails
    or falls silent meanwhile says nothing.
    """


@dataclass(frozen=True, slots=True)
class CodeScanned:
    """The camera read a code; ``payload`` is the parsed, classified result."""

    payload: object


@dataclass(frozen=True, slots=True)
class OutboxChanged:
    """Queue depth changed (for the status bar and maintenance panel)."""

    pending: int
    dead: int


Event = (
    DeviceStatusChanged
    | CardPresence
    | CodeScanned
    | OutboxChanged
    | ResidentCardRead
    | ResidentCardLifted
    | TechnicianCardPresence
)
Listener = Callable[[Event], None]


class EventBus:
    """Fan-out of core events to subscribers; thread-safe, never raises to publishers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Add a listener; returns a function that removes it."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def publish(self, event: Event) -> None:
        """Deliver ``event`` to every listener; a failing listener is logged, not fatal."""
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:
                log.exception("event listener failed for %s", type(event).__name__)
