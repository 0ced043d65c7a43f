"""Parsing of the printer's status bytes (ESC/POS ``DLE EOT n`` and ``GS r 1``).

python-escpos's ``paper_status()`` reads an empty reply as "paper OK" and waits
for the transport timeout (60 s by default) when the printer is silent, so the
kiosk asks and parses itself, with a short timeout per question.

``DLE EOT`` is a real-time command: the printer answers at once, even with a job
still in its buffer. ``GS r 1`` is an ordinary command: the answer comes only
after everything sent before it has been processed, which is how we learn that
a receipt has actually gone through. The two replies are told apart by bit 4
(always 1 for DLE EOT, always 0 for GS r).
"""

from __future__ import annotations

from dataclasses import dataclass

from .types import PrinterState, PrinterStatus

DLE_EOT_PRINTER = b"\x10\x04\x01"
DLE_EOT_OFFLINE_CAUSE = b"\x10\x04\x02"
DLE_EOT_ERROR_CAUSE = b"\x10\x04\x03"
DLE_EOT_PAPER = b"\x10\x04\x04"
GS_R_PAPER = b"\x1dr\x01"


def is_dle_eot_reply(b: int) -> bool:
    """Fixed bits of every DLE EOT reply: bits 1 and 4 set, bits 0 and 7 clear."""
    return b & 0x93 == 0x12


def is_gs_r_reply(b: int) -> bool:
    """Fixed bits of a GS r reply: bits 4 and 7 clear."""
    return b & 0x90 == 0


@dataclass(frozen=True, slots=True)
class StatusBytes:
    """Replies to DLE EOT 1, 2, 3, 4; None where the printer did not answer."""

    printer: int | None
    offline_cause: int | None = None
    error_cause: int | None = None
    paper: int | None = None


def interpret(replies: StatusBytes) -> PrinterStatus:
    """Turn DLE EOT replies into one status, most urgent condition first."""
    if replies.printer is None:
        return PrinterStatus(PrinterState.OFFLINE, "no answer to status request")
    offline = bool(replies.printer & 0x08)
    cause = replies.offline_cause or 0
    paper = replies.paper or 0
    hex_all = " ".join(
        f"{b:02x}" if b is not None else "--"
        for b in (replies.printer, replies.offline_cause, replies.error_cause, replies.paper)
    )
    if cause & 0x04:
        return PrinterStatus(PrinterState.COVER_OPEN, f"cover open [{hex_all}]")
    if paper & 0x60 or cause & 0x20:
        return PrinterStatus(PrinterState.PAPER_OUT, f"paper end [{hex_all}]")
    if cause & 0x40:
        err = replies.error_cause or 0
        what = "cutter" if err & 0x08 else "unrecoverable" if err & 0x20 else "error"
        return PrinterStatus(PrinterState.ERROR, f"{what} [{hex_all}]")
    if offline:
        return PrinterStatus(PrinterState.OFFLINE, f"printer offline [{hex_all}]")
    if paper & 0x0C:
        return PrinterStatus(PrinterState.PAPER_NEAR_END, f"paper near end [{hex_all}]")
    return PrinterStatus(PrinterState.READY, f"ready [{hex_all}]")


def interpret_gs_r(b: int) -> PrinterStatus:
    """A GS r 1 (paper sensor) reply: it also proves the preceding job was processed."""
    if b & 0x0C:
        return PrinterStatus(PrinterState.PAPER_OUT, f"paper end [gs r {b:02x}]")
    if b & 0x03:
        return PrinterStatus(PrinterState.PAPER_NEAR_END, f"paper near end [gs r {b:02x}]")
    return PrinterStatus(PrinterState.READY, f"ready [gs r {b:02x}]")
