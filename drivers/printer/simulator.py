"""A simulated receipt printer for the demo and UI tests.

It renders each receipt to PNG (the same renderer as the on-screen preview) and
saves it in a directory, so a demo shows what would have been printed. The
maintenance panel or a test drives its condition: paper out, cover open,
offline, paper near end, back to ready. It is not a stand-in for the driver's
integration tests, which run the real ESC/POS driver against a loopback printer.
"""

from __future__ import annotations

import re
import threading
from collections import deque
from pathlib import Path

from .document import WARM_UP_DOCUMENT, Document
from .types import PAPER_80MM, PaperProfile, PrinterState, PrinterStatus, SendOutcome, SendResult

PRINTED_KEPT = 100
# The picture's name by the slip's kind (a tester looking for "the ticket" opened each
# receipt-NNNN.png in turn: try-out 8, R5). One sequence number across all kinds, so
# the order they came out in still shows.
FILE_STEMS = {
    "submission_receipt": "receipt",
    "receipt": "receipt",
    "queue_ticket": "ticket",
    "appointment": "booking",
    "rating_thanks": "rating",
    "status_slip": "status",
    "test_page": "testpage",
    "daily_summary": "summary",
}
FILE_NAME = re.compile(r"[a-z]+-(\d{4,})\.png")


class SimulatedPrinter:
    """Implements :class:`~drivers.printer.protocol.Printer`; receipts become PNG files."""

    def __init__(self, out_dir: Path, profile: PaperProfile = PAPER_80MM) -> None:
        self._dir = Path(out_dir)
        self._dir.mkdir(parents=True, exist_ok=True)
        self._profile = profile
        self._state = PrinterState.READY
        self._lock = threading.Lock()
        numbers = (FILE_NAME.fullmatch(p.name) for p in self._dir.glob("*-*.png"))
        self._count = max((int(m.group(1)) for m in numbers if m), default=0)
        # The latest receipts (tests and the demo look at these); bounded, as a kiosk
        # left running in demo mode would otherwise keep a path per citizen forever.
        self.printed: deque[Path] = deque(maxlen=PRINTED_KEPT)

    @property
    def profile(self) -> PaperProfile:
        """Paper profile used for the PNGs."""
        return self._profile

    # -- controls (maintenance panel / tests) ----------------------------------

    def silent_after_job(self, silent: bool = True) -> None:
        """Print, then never confirm (like a printer that goes quiet once the job is in)."""
        with self._lock:
            self._silent_after_job = silent

    _silent_after_job = False

    def set_state(self, state: PrinterState) -> None:
        """Put the simulated printer in any state."""
        with self._lock:
            self._state = state

    def paper_out(self) -> None:
        """Simulate an empty roll."""
        self.set_state(PrinterState.PAPER_OUT)

    def paper_near_end(self) -> None:
        """Simulate the near-end sensor (still prints)."""
        self.set_state(PrinterState.PAPER_NEAR_END)

    def cover_open(self) -> None:
        """Simulate an open cover."""
        self.set_state(PrinterState.COVER_OPEN)

    def offline(self) -> None:
        """Simulate a printer that is switched off or unplugged."""
        self.set_state(PrinterState.OFFLINE)

    def ready(self) -> None:
        """Back to normal (paper loaded, cover shut, online)."""
        self.set_state(PrinterState.READY)

    # -- Printer protocol ------------------------------------------------------

    def status(self) -> PrinterStatus:
        """The simulated condition."""
        with self._lock:
            return PrinterStatus(self._state, "simulated")

    def print_document(self, doc: Document) -> SendResult:
        """Save the slip as ``KIND-NNNN.png`` (receipt-, ticket-, booking-, rating- …; see
        FILE_STEMS) when the simulated printer can print."""
        with self._lock:
            status = PrinterStatus(self._state, "simulated")
            if not status.can_print:
                return SendResult(SendOutcome.NOT_SENT, status)
            from .png_render import render_png  # Pillow is loaded on the first receipt

            png = render_png(doc, self._profile)
            self._count += 1
            stem = FILE_STEMS.get(doc.kind, "receipt" if not doc.kind else "slip")
            path = self._dir / f"{stem}-{self._count:04d}.png"
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(png)
            tmp.replace(path)
            self.printed.append(path)
            if self._silent_after_job:
                # Printed, but the printer never answered afterwards (a real fault).
                silent = PrinterStatus(PrinterState.OFFLINE, "not confirmed: silent after the job")
                return SendResult(SendOutcome.UNCONFIRMED, silent, len(png))
            return SendResult(SendOutcome.PRINTED, status, len(png))

    def warm_up(self) -> None:
        """Render a sample receipt to PNG (loads Pillow and the CJK font); saves nothing."""
        from .png_render import render_png

        render_png(WARM_UP_DOCUMENT, self._profile)

    def close(self) -> None:
        """Nothing to release."""
