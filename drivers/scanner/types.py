"""Values the scanner hands to the core: results, frames, status.

Expected conditions (no camera, source ended, nothing readable) are values here,
never exceptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    import numpy.typing as npt

    # Any dtype: OpenCV's stubs type every returned image as a generic MatLike.
    BgrImage: TypeAlias = npt.NDArray[Any]
else:
    # NumPy costs ~0.2 s to import; the kiosk's start-up path only needs the name.
    BgrImage = Any
"""An OpenCV-style image: ``(height, width, 3)`` BGR, or ``(height, width)`` gray."""


class Backend(StrEnum):
    """Which decoder read (or should read) a code."""

    ZXING = "zxing"
    ZBAR = "zbar"
    COMBINED = "combined"  # zxing-cpp first, zbar on frames where a code was seen but not read


@dataclass(frozen=True, slots=True)
class ScanResult:
    """One QR code, reported once per appearance (see the debounce in docs/scanner.md).

    ``payload`` is exactly the bytes in the symbol; ``text`` is those bytes decoded
    by the symbol's ECI, else as UTF-8, else as GB18030 or Shift-JIS by detection
    (:mod:`drivers.scanner.text`), else None (binary payload).
    """

    payload: bytes = field(repr=False)
    text: str | None = field(repr=False)
    encoding: str | None
    backend: Backend
    frame_index: int
    timestamp: float  # source time in seconds: media time for files, monotonic for cameras
    polygon: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Frame:
    """A preview frame for the viewfinder (BGR, already downscaled for display)."""

    image: BgrImage = field(repr=False)
    index: int
    timestamp: float

    @property
    def width(self) -> int:
        """Width in pixels."""
        return int(self.image.shape[1])

    @property
    def height(self) -> int:
        """Height in pixels."""
        return int(self.image.shape[0])

    def to_rgb_bytes(self) -> bytes:
        """Packed RGB888 rows (what ``QImage.Format_RGB888`` expects, stride = 3 × width)."""
        import numpy as np

        return bytes(np.ascontiguousarray(self.image[:, :, ::-1]).tobytes())


class ScannerState(StrEnum):
    """What the capture thread is doing."""

    STOPPED = "stopped"
    STARTING = "starting"
    RUNNING = "running"
    RECONNECTING = "reconnecting"  # camera vanished or stream broke; retrying with backoff
    ENDED = "ended"  # a file or folder source played to the end (not looping)
    FAILED = "failed"  # the source never opened and reconnect is off


@dataclass(frozen=True, slots=True)
class ScannerStatus:
    """A snapshot for the device supervisor and the maintenance panel."""

    state: ScannerState
    source: str
    backend: Backend
    frames_captured: int = 0
    frames_decoded: int = 0
    frames_dropped: int = 0
    codes_reported: int = 0
    reconnects: int = 0
    last_decode_ms: float | None = None
    message_key: str | None = None  # e.g. "scanner.no_camera"; the UI translates it
    # No picture from the source since it was lost (or since it first failed to open),
    # until a frame really comes again. Kept across stop() and start(): stopping a camera
    # whose cable is out does not mend it, and a supervisor that read "stopped" as
    # healthy declared a pulled camera recovered five seconds after the fault (try-out 9, T1).
    picture_lost: bool = False


class DocumentStatus(StrEnum):
    """Outcome of a document capture."""

    OK = "ok"
    NO_PAGE = "no_page"  # no plausible page outline: "page not found, try again" (no photo)
    NO_FRAME = "no_frame"  # the camera gave nothing to work with
    TOO_LARGE = "too_large"  # could not get under the size budget even at the floor quality
    TOO_SMALL = "too_small"  # the page is too small in the frame to be legible: move it closer


@dataclass(frozen=True, slots=True)
class DocumentCapture:
    """A processed photo of a paper document, ready to attach to a submission."""

    status: DocumentStatus
    jpeg: bytes = field(default=b"", repr=False)
    width: int = 0
    height: int = 0
    quality: int = 0
    page_found: bool = False
    corners: tuple[tuple[int, int], ...] = ()

    @property
    def message_key(self) -> str:
        """Translation key for the UI."""
        return f"scanner.document.{self.status.value}"
