"""The Scanner Protocol the core programs against (real driver and simulator)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from drivers.scanner.types import DocumentCapture, Frame, ScannerStatus, ScanResult

OnCode = Callable[[ScanResult], None]
OnPreview = Callable[[Frame], None]


class Scanner(Protocol):
    """A QR scanner with a viewfinder and a document camera.

    Callbacks run on the scanner's own thread; they must return quickly (the UI
    layer marshals to its thread). An exception in a callback is logged and
    swallowed so one bad consumer cannot kill the capture loop.
    """

    def start(self, on_code: OnCode, on_preview: OnPreview | None = None) -> None:
        """Start capturing; ``on_code`` gets each code once per appearance."""
        ...

    def stop(self) -> None:
        """Stop capturing and release the camera; safe to call twice."""
        ...

    def status(self) -> ScannerStatus:
        """A snapshot of the current state and counters."""
        ...

    def capture_document(
        self, *, max_bytes: int = 300_000, timeout_s: float = 2.0
    ) -> DocumentCapture:
        """Photograph the document in view: outline, perspective, enhance, JPEG ≤ ``max_bytes``."""
        ...
