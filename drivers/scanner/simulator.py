"""SimulatedScanner: the Scanner Protocol for the demo and UI tests, no camera needed.

The demo (or a test) calls :meth:`SimulatedScanner.present` with the payload a
citizen "holds up"; the code is delivered on the simulator's own thread, like
the real driver, after ``latency_s``. Preview frames are synthetic: a sheet of
paper on a desk that sways by a few pixels, as a hand placing it does (so a
viewfinder visibly lives), with the code drawn in when one is presented. A faulted
camera sends no frames.
"""

from __future__ import annotations

import importlib
import logging
import math
import queue
import threading
import time
from typing import TYPE_CHECKING

from drivers.scanner.protocol import OnCode, OnPreview

if TYPE_CHECKING:
    import numpy as np
from drivers.scanner.text import decode_text
from drivers.scanner.types import (
    Backend,
    DocumentCapture,
    DocumentStatus,
    Frame,
    ScannerState,
    ScannerStatus,
    ScanResult,
)

log = logging.getLogger(__name__)


class SimulatedScanner:
    """Emits chosen payloads; implements :class:`drivers.scanner.protocol.Scanner`."""

    def __init__(
        self,
        *,
        latency_s: float = 0.05,
        preview_fps: float = 0.0,
        preview_size: tuple[int, int] = (640, 480),
        document_jpeg: bytes | None = None,
    ) -> None:
        self.latency_s = latency_s
        self.preview_fps = preview_fps
        self.preview_size = preview_size
        self.document_jpeg = document_jpeg
        self._inbox: queue.Queue[bytes | None] = queue.Queue()
        # Screens start and stop the camera from different workers; without the lock a
        # stop could meet a thread created but not yet started (RuntimeError), and the
        # camera then stayed dead for every later citizen (found by the soak).
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._state = ScannerState.STOPPED
        self._fault: str | None = None
        self._reported = 0
        self._index = 0
        self._shown: tuple[bytes, float] | None = None
        self._desk: np.ndarray | None = None  # the still scene, drawn once
        if preview_fps > 0:
            _load_preview_libraries()

    def start(self, on_code: OnCode, on_preview: OnPreview | None = None) -> None:
        """Start the delivery thread."""
        with self._lock:
            if self._thread is not None:
                return
            self._state = ScannerState.RUNNING if self._fault is None else ScannerState.RECONNECTING
            self._thread = threading.Thread(
                target=self._run, args=(on_code, on_preview), name="scanner-sim", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        """Stop the thread; pending payloads are discarded."""
        with self._lock:
            if self._thread is not None:
                self._inbox.put(None)
                if self._thread is not threading.current_thread():  # stopped from a callback
                    self._thread.join(timeout=5.0)
                self._thread = None
            self._state = ScannerState.STOPPED

    def status(self) -> ScannerStatus:
        """Current simulated state."""
        return ScannerStatus(
            state=self._state,
            source="simulator",
            backend=Backend.ZXING,
            codes_reported=self._reported,
            message_key=self._fault,
            # A faulted camera has no picture whether or not a screen runs it (try-out 9,
            # T1: stopped, it read as healthy, and the panel said 正常 while it was out).
            picture_lost=self._fault is not None,
        )

    def check_picture(self, timeout_s: float = 2.0) -> bool:
        """Whether the (simulated) camera gives a picture now."""
        return self._fault is None

    def capture_document(
        self, *, max_bytes: int = 300_000, timeout_s: float = 2.0
    ) -> DocumentCapture:
        """A configured JPEG (or a plain synthetic page) as a successful capture."""
        jpeg = self.document_jpeg or _synthetic_page_jpeg()
        if len(jpeg) > max_bytes:
            return DocumentCapture(DocumentStatus.TOO_LARGE)
        return DocumentCapture(
            DocumentStatus.OK, jpeg=jpeg, width=1240, height=1754, quality=85, page_found=True
        )

    # -- controls for the demo and tests ---------------------------------------------------

    def present(self, payload: bytes | str) -> None:
        """Simulate a code coming into view (str is sent as UTF-8, as our receipts are)."""
        data = payload.encode("utf-8") if isinstance(payload, str) else bytes(payload)
        self._inbox.put(data)

    def set_fault(self, message_key: str | None) -> None:
        """Simulate a lost camera (e.g. ``"scanner.no_camera"``) or clear it with None."""
        self._fault = message_key
        if self._thread is not None:
            self._state = ScannerState.RUNNING if message_key is None else ScannerState.RECONNECTING

    def _run(self, on_code: OnCode, on_preview: OnPreview | None) -> None:
        period = 1.0 / self.preview_fps if self.preview_fps > 0 and on_preview else None
        due = time.monotonic()  # the next preview frame, kept to its pace like a camera's
        while True:
            wait = 0.5 if period is None else max(0.0, due - time.monotonic())
            try:
                item, idle = self._inbox.get(timeout=wait), False
            except queue.Empty:
                item, idle = None, True
            if not idle and item is None:
                return
            if period is not None and on_preview is not None and time.monotonic() >= due:
                # Codes held up one after another must not starve the picture (they
                # did when frames were made only while no code came: ~2 a second).
                now = time.monotonic()
                due = due + period if due + period > now else now + period
                self._preview(on_preview)
            if item is None:
                continue
            if self._fault is not None:
                continue  # a broken camera sees nothing
            self._shown = (item, time.monotonic())
            time.sleep(self.latency_s)
            text, encoding = decode_text(item)
            self._index += 1
            result = ScanResult(item, text, encoding, Backend.ZXING, self._index, time.monotonic())
            self._reported += 1
            try:
                on_code(result)
            except Exception:
                log.exception("scanner-sim: on_code callback raised")

    def _preview(self, on_preview: OnPreview) -> None:
        import numpy as np

        if self._fault is not None:
            return  # a broken camera shows nothing
        self._index += 1
        if self._desk is None:
            self._desk = _desk(*self.preview_size)
        # The sheet sways a few pixels from frame to frame (np.roll: a copy, ~0.3 ms).
        sway = round(4 * math.sin(self._index / 2))
        image = np.roll(self._desk, (sway, -sway), axis=(0, 1))
        shown = self._shown
        if shown is not None and time.monotonic() - shown[1] < _SHOW_CODE_S:
            _draw_code(image, shown[0])
        try:
            on_preview(Frame(image, self._index, time.monotonic()))
        except Exception:
            log.exception("scanner-sim: on_preview callback raised")


_SHOW_CODE_S = 2.0  # how long a presented code stays in the simulated viewfinder


def _load_preview_libraries() -> None:
    """Import what the preview frames are drawn with, when the scanner is built (as the
    camera driver imports OpenCV with the devices), not on the first frame.

    OpenCV's start-up is C code that keeps the interpreter lock: imported on the first
    frame, on this thread as the materials screen opened, it held the GUI thread up for
    40-120 ms (measured with bench/ui.py's BENCH_UI_WATCH=1, issue 14), in the demo
    mid-journey for the first citizen with a paper to photograph."""
    for name in ("numpy", "cv2", "segno"):
        importlib.import_module(name)


def _desk(w: int, h: int) -> np.ndarray:
    """A grey desk with a sheet of printed paper in the middle (BGR)."""
    import cv2
    import numpy as np

    image = np.full((h, w, 3), 64, np.uint8)
    pw, ph = w * 2 // 5, h * 4 // 5
    x, y = (w - pw) // 2, (h - ph) // 2
    cv2.rectangle(image, (x, y), (x + pw, y + ph), (245, 245, 245), -1)
    for line in range(y + ph // 10, y + ph - ph // 10, max(6, ph // 16)):
        cv2.line(image, (x + pw // 8, line), (x + pw - pw // 8, line), (60, 60, 60), 2)
    return image


def _draw_code(image: np.ndarray, payload: bytes) -> None:
    import numpy as np
    import segno

    try:
        matrix = np.array(segno.make(payload, micro=False).matrix, dtype=np.uint8)
    except Exception:  # payload too long for a QR code: nothing to draw
        return
    matrix = np.pad(matrix, 4)
    h, w = image.shape[:2]
    scale = max(1, min(h, w) * 2 // 3 // matrix.shape[0])
    code = np.where(np.kron(matrix, np.ones((scale, scale), np.uint8)) > 0, 0, 255)
    ch, cw = code.shape
    y, x = (h - ch) // 2, (w - cw) // 2
    image[y : y + ch, x : x + cw] = code[:, :, None].astype(np.uint8)


def _synthetic_page_jpeg() -> bytes:
    import cv2
    import numpy as np

    page = np.full((1754, 1240, 3), 250, np.uint8)
    for y in range(150, 1600, 60):
        cv2.line(page, (120, y), (1120, y), (40, 40, 40), 3)
    ok, buf = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return buf.tobytes() if ok else b""
