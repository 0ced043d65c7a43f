"""The technician card reader interface (PC/SC driver and simulator implement it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from drivers.techcard.types import CardResult, TechCardEvent

TechCardListener = Callable[[TechCardEvent], None]


class TechCardReader(Protocol):
    """Watches one reader for technician cards; checks a PIN and a challenge on the card."""

    def start(self, listener: TechCardListener) -> None:
        """Begin watching; ``listener`` gets INSERTED (with the number) and REMOVED."""

    def stop(self) -> None:
        """Stop watching."""

    def present(self) -> str | None:
        """The number of the technician card in the reader, if one is there."""

    def verify_and_sign(self, pin: str, challenge: bytes) -> CardResult:
        """VERIFY the PIN on the card, then have it sign ``challenge`` (blocking)."""
