"""The raw APDU channel the ICAO layer talks through.

A transport signals the loss of its card, reader or service with the exceptions
below; the ICAO layer turns them into :class:`ReadOutcome` values, so none reaches
the caller of ``read``.
"""

from __future__ import annotations

from typing import Protocol


class TransportError(Exception):
    """The APDU could not be exchanged (and the card is, as far as we know, present)."""


class CardGone(TransportError):
    """The card left the reader."""


class ReaderGone(TransportError):
    """The reader itself disappeared."""


class ServiceGone(TransportError):
    """The PC/SC service stopped answering."""


class CommandTimeout(TransportError):
    """The chip did not answer one command within its time limit (a mute chip).

    The transport has given up on the exchange; nothing more can be sent in this session.
    """


class Transport(Protocol):
    """Sends one command APDU and returns the response (data followed by SW1 SW2)."""

    def transmit(self, apdu: bytes) -> bytes:
        """Exchange one APDU; raises a :class:`TransportError` subclass on failure."""
        ...
