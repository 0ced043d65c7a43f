"""What the kiosk needs from a resident-ID (SAM) reader, whatever its connection."""

from __future__ import annotations

from typing import Protocol

from drivers.idcard.types import IdCardListener, Presence, ReaderState, ReadResult, RemovalListener


class IdCardReader(Protocol):
    """A certified reader of 居民身份证 and the cards built on its technology.

    ``read_once`` never raises for anything a card, a reader or a cable can do;
    ``start`` polls for cards on a thread of its own and calls the listener (on
    that thread) for every card read and every failure a citizen should hear about.
    A card stays unread after it has been read once, until it is lifted and laid again.
    """

    def start(self, listener: IdCardListener) -> None:
        """Watch for cards; ``listener`` gets each read's result."""
        ...

    def stop(self) -> None:
        """Stop watching and release the port (idempotent)."""
        ...

    def read_once(self) -> ReadResult:
        """One find-select-read cycle (blocks for up to about a second)."""
        ...

    def card_present(self) -> Presence:
        """One presence check (blocks for up to about a second; never on the GUI thread).

        ABSENT only on the reader's clean word; a fault, silence or a reader that cannot
        tell is UNKNOWN, never "taken".
        """
        ...

    def watch_removal(self, on_gone: RemovalListener) -> None:
        """While the watch for cards runs, check gently whether the card read is still
        there; call ``on_gone`` (on the watch's thread) once it is seen gone, then stop.
        Returns at once."""
        ...

    def stop_watch(self) -> None:
        """Stop checking for the card's presence (returns at once; idempotent)."""
        ...

    def status(self) -> ReaderState:
        """Current health, without touching the device."""
        ...

    def sam_id(self) -> str | None:
        """The security module's id as printed by vendors' tools, or None if unknown."""
        ...

    def photo_available(self) -> bool:
        """Whether card photos can be decoded (the vendor's WLT library is loaded)."""
        ...
