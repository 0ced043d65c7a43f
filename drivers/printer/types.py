"""Status, result and paper-profile types for receipt printers.

Expected printer conditions (paper out, cover open, offline) are values here,
never exceptions: the print service turns them into something the citizen sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PrinterState(StrEnum):
    """What the printer reported the last time it was asked."""

    READY = "ready"
    PAPER_NEAR_END = "paper_near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    ERROR = "error"

    @property
    def can_print(self) -> bool:
        """True when a job sent now is expected to come out of the printer."""
        return self in (PrinterState.READY, PrinterState.PAPER_NEAR_END)


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    """A status reading; ``detail`` is a short technical note for the maintenance panel."""

    state: PrinterState
    detail: str = ""

    @property
    def can_print(self) -> bool:
        """True when the printer can take a job."""
        return self.state.can_print


class SendOutcome(StrEnum):
    """How sending one document's bytes to the printer went."""

    PRINTED = "printed"  # all bytes sent and the printer reported ready after processing them
    NOT_SENT = "not_sent"  # refused before the first byte (printer not ready / unreachable)
    INTERRUPTED = "interrupted"  # the connection broke part-way through
    UNCONFIRMED = "unconfirmed"  # all bytes sent, but the printer did not report ready after


@dataclass(frozen=True, slots=True)
class SendResult:
    """Result of :meth:`Printer.print_document`; ``status`` is the last status seen."""

    outcome: SendOutcome
    status: PrinterStatus
    bytes_sent: int = 0

    @property
    def ok(self) -> bool:
        """True only when the printer confirmed the receipt came out."""
        return self.outcome is SendOutcome.PRINTED


@dataclass(frozen=True, slots=True)
class PaperProfile:
    """Paper width and the printer's font-A grid on it.

    ``columns`` counts half-width cells (one ASCII character); a CJK character,
    printed from the printer's 24x24 Chinese font, takes two.
    """

    name: str
    width_mm: int
    dots: int  # printable width in dots
    columns: int  # font A (12x24) characters per line
    dpi: int = 203
    qr_module_dots: int = 6  # preferred QR module size; shrunk when a code would not fit
    # Most Chinese thermal printers hold GBK (2-byte) glyphs only; GB18030 four-byte
    # sequences print as garbage there, so they are replaced unless the model has them.
    gb18030_four_byte: bool = False

    @property
    def cell_dots(self) -> int:
        """Width of one half-width cell in dots."""
        return self.dots // self.columns


PAPER_58MM = PaperProfile(name="58mm", width_mm=58, dots=384, columns=32, qr_module_dots=6)
PAPER_80MM = PaperProfile(name="80mm", width_mm=80, dots=576, columns=48, qr_module_dots=8)

PROFILES: dict[str, PaperProfile] = {p.name: p for p in (PAPER_58MM, PAPER_80MM)}


def profile_named(name: str) -> PaperProfile:
    """The built-in profile for ``"58mm"`` or ``"80mm"`` (KeyError otherwise)."""
    return PROFILES[name]
