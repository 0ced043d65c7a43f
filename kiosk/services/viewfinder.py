"""The document camera's live picture (取景) on the materials screen.

Before 拍照 the citizen sees what the camera sees, to lay the paper inside the
picture. The camera runs only while that screen is on display: the screen asks
for it on arrival and lets go when it leaves (privacy: nothing films the hall
from the home screen).

Threads: :func:`view_ticket` and :func:`release_view` only record the wish (the
camera's :class:`~drivers.scanner.gate.ScanGate`, shared with the QR screens, so
the camera follows the order screens come and go); :func:`start_view` and
:func:`stop_view` open and close the camera and must run on a worker. Frames come
on the scanner's own thread, already reduced by the driver to its preview size
(``preview_width``, 640 px) and rate (``[scanner] preview_fps``, 10 a second: a
hand placing a sheet sees it follow smoothly, and each frame costs the GUI thread
only a paint; more would spend the kiosk's two cores on pictures nobody needs,
fewer than ~5 and the picture lags the hand).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from drivers.scanner.gate import gate_for
from drivers.scanner.protocol import Scanner
from drivers.scanner.types import Frame, ScannerState, ScanResult

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ViewFrame:
    """One picture for the viewfinder: packed BGR888 rows (stride = 3 × width), the
    camera's own byte order (Qt shows it as is; reordering to RGB cost ~4.5 ms a frame)."""

    bgr: bytes = field(repr=False)
    width: int
    height: int


class ViewState(StrEnum):
    """What the viewfinder can show."""

    LIVE = "live"  # the camera runs: frames are coming
    FAULT = "fault"  # no camera, or it is reconnecting: say so, offer the counter
    GONE = "gone"  # the screen left before the camera opened: nothing to show


OnFrame = Callable[[ViewFrame], None]


def _scanner(core: Any) -> Scanner | None:
    backend = getattr(core, "backend", None)
    scanner: Scanner | None = getattr(backend, "scanner", None) if backend is not None else None
    return scanner


def view_ticket(core: Any) -> int | None:
    """The screen appeared: its place in the camera's queue (GUI thread, no I/O)."""
    scanner = _scanner(core)
    return None if scanner is None else gate_for(scanner).request()


def release_view(core: Any, ticket: int | None) -> None:
    """The screen left (GUI thread, no I/O); :func:`stop_view` then closes the camera."""
    scanner = _scanner(core)
    if scanner is not None and ticket is not None:
        gate_for(scanner).release(ticket)


def start_view(core: Any, ticket: int | None, on_frame: OnFrame) -> ViewState:
    """Worker: open the camera for the viewfinder; ``on_frame`` runs on the scanner's thread.

    Codes in view are ignored here (this screen reads none).
    """
    scanner = _scanner(core)
    if scanner is None or ticket is None:
        return ViewState.FAULT

    def on_preview(frame: Frame) -> None:
        on_frame(ViewFrame(_packed(frame.image), frame.width, frame.height))

    if not gate_for(scanner).start(ticket, _ignore_code, on_preview):
        return ViewState.GONE
    return view_state(core)


def view_state(core: Any) -> ViewState:
    """Worker: whether the camera gives pictures now (a status read, no I/O wait)."""
    scanner = _scanner(core)
    if scanner is None:
        return ViewState.FAULT
    live = scanner.status().state in (ScannerState.RUNNING, ScannerState.STARTING)
    return ViewState.LIVE if live else ViewState.FAULT


def stop_view(core: Any, ticket: int | None) -> None:
    """Worker: close the camera unless another screen wants it now (safe when stopped)."""
    scanner = _scanner(core)
    if scanner is None:
        return
    gate = gate_for(scanner)
    if ticket is not None:
        gate.release(ticket)
    try:
        gate.settle()
    except Exception:
        log.exception("camera did not stop cleanly")


def _packed(image: Any) -> bytes:
    """The image's rows without padding (the driver's preview is already contiguous)."""
    import numpy as np

    return bytes(np.ascontiguousarray(image).data)


def _ignore_code(_result: ScanResult) -> None:
    """The materials screen reads no codes."""
