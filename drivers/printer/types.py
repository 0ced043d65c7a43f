"""Status, result and paper-profile types for receipt printers.

Expected printer conditions (paper out, cover open, offline) are values here,
never exceptions: the print service turns them into something the citizen sees.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal

ClearHeld = Literal["dle_dc4", "esc_at", "none"]
StatusSupport = Literal["full", "dle_eot", "none"]


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

    # An UNCONFIRMED job whose status is PAPER_OUT / COVER_OPEN did not print (the
    # driver discarded what the printer held); with any other status it may have.


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

    @property
    def maybe_printed(self) -> bool:
        """Every byte went out and no fault was reported: it may well be in the tray."""
        return self.outcome is SendOutcome.UNCONFIRMED and self.status.state not in (
            PrinterState.PAPER_OUT,
            PrinterState.COVER_OPEN,
        )


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
    # How this model discards data it holds after paper out (see data/profiles.json).
    clear_held: ClearHeld = "dle_dc4"
    # full: DLE EOT + GS r; dle_eot: no GS r; none: a write-only printer.
    status: StatusSupport = "full"
    presenter: bool = False  # can present the receipt and retract it if not taken
    # ESC/POS ejector commands (hex) for presenter models: present after the cut (with the
    # printer's own retract-on-timeout where it has one), and retract on demand.
    present_hex: str = ""
    retract_hex: str = ""

    @property
    def cell_dots(self) -> int:
        """Width of one half-width cell in dots."""
        return self.dots // self.columns


def _load_profiles() -> dict[str, PaperProfile]:
    path = Path(__file__).resolve().parent / "data" / "profiles.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {
        name: PaperProfile(name=name, **fields)
        for name, fields in raw.items()
        if not name.startswith("_")
    }


PROFILES: dict[str, PaperProfile] = _load_profiles()
PAPER_58MM = PROFILES["58mm"]
PAPER_80MM = PROFILES["80mm"]


def profile_named(name: str) -> PaperProfile:
    """The profile called ``name`` in data/profiles.json (KeyError otherwise)."""
    return PROFILES[name]
