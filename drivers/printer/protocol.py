"""The receipt printer interface the kiosk core depends on."""

from __future__ import annotations

from typing import Protocol

from .document import Document
from .types import PaperProfile, PrinterStatus, SendResult


class Printer(Protocol):
    """A receipt printer. Every method blocks and belongs on a worker thread.

    Implementations serialise their own calls, so a status poll from the device
    supervisor and a print job from the print service may come from two threads.
    """

    @property
    def profile(self) -> PaperProfile:
        """Paper width and character grid this printer is set up for."""
        ...

    def status(self) -> PrinterStatus:
        """Ask the printer now (bounded by a short timeout; silence means OFFLINE)."""
        ...

    def print_document(self, doc: Document) -> SendResult:
        """Print one receipt: check status, send it, and confirm it came out."""
        ...

    def warm_up(self) -> None:
        """Load what rendering a receipt needs (libraries, fonts), printing nothing.

        The first render costs a few hundred milliseconds of Python; the kiosk calls
        this on a worker at start-up so the first citizen's receipt costs what any
        other does, and does not hold the interpreter while the screen is painting.
        """
        ...

    def close(self) -> None:
        """Release the device."""
        ...
