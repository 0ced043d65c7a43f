"""QR scanner and document camera: Protocol, types, OpenCV driver, simulator.

Import the real driver lazily (``from drivers.scanner.camera import OpenCVScanner``):
it pulls in OpenCV and the decoders, which the UI does not need at start-up.
"""

from drivers.scanner.protocol import OnCode, OnPreview, Scanner
from drivers.scanner.types import (
    Backend,
    DocumentCapture,
    DocumentStatus,
    Frame,
    ScannerState,
    ScannerStatus,
    ScanResult,
)

__all__ = [
    "Backend",
    "DocumentCapture",
    "DocumentStatus",
    "Frame",
    "OnCode",
    "OnPreview",
    "ScanResult",
    "Scanner",
    "ScannerState",
    "ScannerStatus",
]
