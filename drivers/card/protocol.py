"""The interface every card reader driver (real, simulated, SAM-based) implements."""

from __future__ import annotations

from typing import Protocol

from drivers.card.types import BacKeys, CardListener, ReaderStatus, ReadResult


class CardReader(Protocol):
    """A reader of ICAO 9303 identity documents.

    ``start`` begins watching readers and cards on the driver's own thread; events go to
    ``listener`` on that thread (the UI bridges them to its own thread). ``read`` blocks
    and belongs on a worker thread; it never raises for anything a card or reader can do.
    """

    def start(self, listener: CardListener) -> None:
        """Begin watching; ``listener`` receives every :class:`CardEvent`."""
        ...

    def stop(self) -> None:
        """Stop watching and release the PC/SC resources; safe to call twice."""
        ...

    def status(self) -> ReaderStatus:
        """The current status, without blocking."""
        ...

    def read(self, keys: BacKeys, *, include_photo: bool = True) -> ReadResult:
        """Authenticate with ``keys`` and read EF.COM, DG1 and (optionally) DG2."""
        ...
