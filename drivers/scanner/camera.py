"""The real scanner: OpenCV capture on its own thread, decoding on another.

Capture thread: reads the source (paced at the source's fps for files and
folders, as a camera would deliver them), pushes into a bounded queue that
drops the oldest frame when full (stale frames are latency, not information),
and emits preview frames at a reduced rate. Decode thread: runs
:class:`FramePipeline` on each queued frame and calls ``on_code`` for each
code that just came into view. A live source that fails is reopened with
exponential backoff; a file or folder ends (or loops).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import cv2

from drivers.scanner.document import DocumentOptions, process_document
from drivers.scanner.pipeline import FramePipeline, PipelineConfig
from drivers.scanner.protocol import OnCode, OnPreview
from drivers.scanner.sources import FrameSource, SourceSpec, open_source
from drivers.scanner.types import (
    BgrImage,
    DocumentCapture,
    DocumentStatus,
    Frame,
    ScannerState,
    ScannerStatus,
)

log = logging.getLogger(__name__)

_CAMERA_WARMUP_FRAMES = 8
# How long stop() waits for each thread. A healthy capture thread notices the stop
# within one frame period; one stuck in a hung driver read is left to finish alone.
_STOP_JOIN_S = 0.5


@dataclass(frozen=True, slots=True)
class ScannerConfig:
    """Options of the OpenCV scanner (config TOML ``[scanner]`` maps onto these)."""

    source: str | int = 0
    pipeline: PipelineConfig = field(default_factory=PipelineConfig)
    fps: float | None = None  # folder frame rate (default 10); overrides a file's own fps
    pace: bool = True  # files/folders at their fps; False = as fast as decoding allows, lossless
    loop: bool = False  # replay a file or folder when it ends (demo)
    width: int | None = None  # resolution requested from a camera
    height: int | None = None
    queue_size: int = 2
    preview_fps: float = 10.0
    preview_width: int = 640
    reconnect: bool = True
    reconnect_initial_s: float = 0.5
    reconnect_max_s: float = 5.0


@dataclass
class _Counters:
    captured: int = 0
    decoded: int = 0
    dropped: int = 0
    reported: int = 0
    reconnects: int = 0


@dataclass(frozen=True, slots=True)
class _Queued:
    image: BgrImage
    index: int
    timestamp: float


class OpenCVScanner:
    """Implements :class:`drivers.scanner.protocol.Scanner` over OpenCV."""

    def __init__(
        self,
        config: ScannerConfig | None = None,
        *,
        source_factory: Callable[[], FrameSource] | None = None,
    ) -> None:
        """``source_factory`` replaces the OpenCV source (a vendor camera SDK, or a test
        double that vanishes and comes back); it is called again on every reconnect."""
        self.config = config or ScannerConfig()
        self._spec = SourceSpec.parse(self.config.source)
        self._source_factory = source_factory
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._queue: deque[_Queued] = deque()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._state = ScannerState.STOPPED
        self._counters = _Counters()
        self._capture_done = False
        self._latest: _Queued | None = None
        self._pipeline: FramePipeline | None = None
        self._message_key: str | None = None
        self._capture: threading.Thread | None = None
        self._capture_exiting = False
        self._on_preview: OnPreview | None = None
        self._gen = 0  # run number: bumped by every start()
        self._picture_lost = False  # see ScannerStatus.picture_lost

    # -- Protocol ---------------------------------------------------------------------------

    def start(self, on_code: OnCode, on_preview: OnPreview | None = None) -> None:
        """Start the capture and decode threads (no-op when already running).

        Also restarts a scanner whose file or folder ended, or whose source failed.
        A capture thread that a previous :meth:`stop` left stuck inside a hung
        camera read is adopted, not duplicated: when the read returns, that same
        thread carries on for this run, so there is only ever one capture thread
        and the camera is never opened twice.
        """
        with self._cond:
            running = any(t.is_alive() for t in self._threads)
            if running and not self._stop.is_set() and not self._capture_done:
                return
        for t in self._threads:
            if t is not self._capture:
                t.join(timeout=5.0)  # decode threads never block on the device
        with self._cond:
            adopt = (
                self._capture is not None and self._capture.is_alive() and not self._capture_exiting
            )
            self._gen += 1
            self._stop.clear()
            self._queue.clear()
            self._capture_done = False
            self._counters = _Counters()
            self._on_preview = on_preview
            # Built here, not in __init__: a backend that cannot load fails at start.
            self._pipeline = FramePipeline(self.config.pipeline)
            self._state = ScannerState.STARTING
            self._message_key = None
        capture = self._capture
        if adopt and capture is not None:
            log.warning("scanner: previous capture is still stuck in a read; reusing its thread")
        else:
            if capture is not None:
                capture.join(timeout=5.0)  # it decided to exit: let it release the source
            self._capture_exiting = False
            capture = threading.Thread(
                target=self._capture_loop, name="scanner-capture", daemon=True
            )
            self._capture = capture
            capture.start()
        decode = threading.Thread(
            target=self._decode_loop, args=(on_code,), name="scanner-decode", daemon=True
        )
        self._threads = [capture, decode]
        decode.start()

    def stop(self) -> None:
        """Stop both threads and release the source.

        Returns promptly even when the camera hangs inside a read: the capture
        thread then releases the source itself as soon as the read returns (or is
        adopted by the next :meth:`start`).
        """
        self._stop.set()
        with self._cond:
            self._cond.notify_all()
        for t in self._threads:
            if t is not threading.current_thread():
                t.join(timeout=_STOP_JOIN_S)
        if self._capture is not None and self._capture.is_alive():
            log.warning("scanner: capture thread is stuck in a camera read; not waiting for it")
        self._threads = []
        with self._cond:
            # Privacy: the last frames show whatever lay under the camera (a citizen's
            # papers); nothing keeps them once it stops. A read that returns after this
            # belongs to no run and is dropped (_pump).
            self._queue.clear()
            self._latest = None
            self._on_preview = None
        self._set_state(ScannerState.STOPPED, None)

    def capture_threads(self) -> int:
        """Capture threads of this scanner still alive (0 or 1; the maintenance panel shows it)."""
        return sum(
            1
            for t in threading.enumerate()
            if t.name == "scanner-capture" and t is self._capture and t.is_alive()
        )

    def check_picture(self, timeout_s: float = 2.0) -> bool:
        """While stopped with its picture lost: open the source, read one frame, release it.

        Returns whether the picture is there now. A camera plugged back in while no screen
        used it is seen working again (the device supervisor asks, off the GUI thread):
        without it, a camera reported faulty was never offered to a citizen again, and so
        never opened, and so stayed faulty. Blocking, bounded by the source's own timeouts.
        """
        with self._lock:
            if not self._picture_lost:
                return True
            busy = bool(self._threads) or (self._capture is not None and self._capture.is_alive())
        if busy:
            return False  # the running capture finds out itself; never open the camera twice
        if self._grab_standalone(timeout_s) is None:
            return False
        with self._lock:
            if not self._threads:
                self._picture_lost = False
            return not self._picture_lost

    def status(self) -> ScannerStatus:
        """Snapshot of state and counters."""
        with self._lock:
            c = self._counters
            return ScannerStatus(
                state=self._state,
                source=str(self._spec),
                backend=self.config.pipeline.backend,
                frames_captured=c.captured,
                frames_decoded=c.decoded,
                frames_dropped=c.dropped,
                codes_reported=c.reported,
                reconnects=c.reconnects,
                last_decode_ms=self._pipeline.last_decode_ms if self._pipeline else None,
                message_key=self._message_key,
                picture_lost=self._picture_lost,
            )

    def capture_document(
        self, *, max_bytes: int = 300_000, timeout_s: float = 2.0
    ) -> DocumentCapture:
        """Process the next full-size frame; blocks ≤ ``timeout_s`` (call off the GUI thread).

        Works whether or not scanning is running: when stopped, the camera is opened
        for this one photo and released again.
        """
        if not self._threads:
            # Not scanning: open the camera just for this photo.
            image = self._grab_standalone(timeout_s)
            if image is None:
                return DocumentCapture(DocumentStatus.NO_FRAME)
            return process_document(image, DocumentOptions(max_bytes=max_bytes))
        deadline = time.monotonic() + timeout_s
        with self._cond:
            seen = self._latest.index if self._latest else -1
            while not self._stop.is_set():
                if self._latest is not None and self._latest.index > seen:
                    break
                if self._capture_done and self._latest is not None:
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            latest = self._latest
        if latest is None:
            return DocumentCapture(DocumentStatus.NO_FRAME)
        return process_document(latest.image, DocumentOptions(max_bytes=max_bytes))

    def _grab_standalone(self, timeout_s: float) -> BgrImage | None:
        cfg = self.config
        source = (
            self._source_factory()
            if self._source_factory is not None
            else open_source(self._spec, fps=cfg.fps, width=cfg.width, height=cfg.height)
        )
        if not source.open():
            return None
        try:
            deadline = time.monotonic() + timeout_s
            # A camera that just woke up needs a few frames of auto-exposure.
            warmup = _CAMERA_WARMUP_FRAMES if self._spec.live else 1
            image: BgrImage | None = None
            for _ in range(warmup):
                frame = source.read()
                if frame is None:
                    break
                image = frame
                if time.monotonic() > deadline:
                    break
            return image
        finally:
            source.release()

    def reset(self) -> None:
        """Forget codes in view (a new citizen session begins)."""
        if self._pipeline is not None:
            self._pipeline.reset()

    def wait_until_idle(self, timeout_s: float = 10.0) -> bool:
        """File/folder sources: wait until the source ended and every queued frame is decoded."""
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while not (self._capture_done and not self._queue and self._decode_idle):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(remaining)
        return True

    # -- threads ----------------------------------------------------------------------------

    _decode_idle = True

    def _set_state(self, state: ScannerState, message_key: str | None) -> None:
        with self._lock:
            self._state = state
            self._message_key = message_key

    def _lose_picture(self) -> None:
        with self._lock:
            self._picture_lost = True

    def _see_picture(self) -> None:
        """A frame came: the source gives a picture (again)."""
        with self._lock:
            self._picture_lost = False
            self._state = ScannerState.RUNNING
            self._message_key = None

    def _current(self, run: int) -> bool:
        """True while run ``run`` is the one wanted (not stopped, not superseded)."""
        return not self._stop.is_set() and self._gen == run

    def _capture_loop(self) -> None:
        """Run the capture for the current run; carry on for a newer run that adopted us."""
        with self._cond:
            run = self._gen
        try:
            while True:
                self._capture_run(run)
                with self._cond:
                    # Decided under the lock start() adopts under: either start() sees
                    # us exiting and spawns a fresh thread, or we see its new run.
                    if self._stop.is_set() or self._gen == run:
                        self._capture_exiting = True
                        return
                    run = self._gen
        except Exception:
            log.exception("scanner: capture thread crashed")
            self._set_state(ScannerState.FAILED, "scanner.error")
        finally:
            with self._cond:
                self._capture_exiting = True
                self._capture_done = True
                self._cond.notify_all()

    def _capture_run(self, run: int) -> None:
        cfg = self.config
        backoff = cfg.reconnect_initial_s
        index = 0
        while self._current(run):
            source = (
                self._source_factory()
                if self._source_factory is not None
                else open_source(self._spec, fps=cfg.fps, width=cfg.width, height=cfg.height)
            )
            if not source.open():
                self._lose_picture()
                if not (self._spec.live and cfg.reconnect):
                    self._set_state(ScannerState.FAILED, "scanner.no_camera")
                    return
                self._set_state(ScannerState.RECONNECTING, "scanner.no_camera")
                self._stop.wait(backoff)
                backoff = min(cfg.reconnect_max_s, backoff * 2)
                with self._lock:
                    self._counters.reconnects += 1
                continue
            backoff = cfg.reconnect_initial_s
            # Opened is not seeing: RUNNING (and the picture back) once a frame has come
            # (_pump). A camera that opens but gives nothing is not recovered.
            try:
                index, ended = self._pump(source, index, run)
            finally:
                source.release()
            if not self._current(run):
                return
            if ended and not self._spec.live:
                if cfg.loop:
                    continue
                self._set_state(ScannerState.ENDED, "scanner.source_ended")
                return
            self._lose_picture()
            if not cfg.reconnect:
                self._set_state(ScannerState.FAILED, "scanner.no_camera")
                return
            log.warning("scanner: source lost, reconnecting")
            self._set_state(ScannerState.RECONNECTING, "scanner.reconnecting")
            with self._lock:
                self._counters.reconnects += 1
            self._stop.wait(backoff)

    def _pump(self, source: FrameSource, index: int, run: int) -> tuple[int, bool]:
        """Read frames until the source stops; returns (next index, ended)."""
        cfg = self.config
        fps = cfg.fps or source.fps or 25.0
        period = 1.0 / fps
        live = self._spec.live
        started = time.monotonic()
        first_index = index
        preview_period = 1.0 / cfg.preview_fps if cfg.preview_fps > 0 else None
        next_preview = 0.0
        while self._current(run):
            if not live and cfg.pace:
                due = started + (index - first_index) * period
                delay = due - time.monotonic()
                if delay > 0 and self._stop.wait(delay):
                    break
            image = source.read()
            if not self._current(run):
                break  # a frame that arrives after stop() belongs to nobody
            if image is None:
                return index, True
            if index == first_index or self._picture_lost:
                self._see_picture()
            now = time.monotonic()
            ts = now if live else index * period
            item = _Queued(image, index, ts)
            with self._cond:
                if not cfg.pace and not live:
                    while len(self._queue) >= cfg.queue_size and not self._stop.is_set():
                        self._cond.wait(0.1)
                if len(self._queue) >= cfg.queue_size:
                    self._queue.popleft()
                    self._counters.dropped += 1
                self._queue.append(item)
                self._latest = item
                self._counters.captured += 1
                self._cond.notify_all()
            on_preview = self._on_preview
            if on_preview is not None and preview_period is not None and now >= next_preview:
                next_preview = now + preview_period
                self._emit_preview(on_preview, item)
            index += 1
        return index, False

    def _emit_preview(self, on_preview: OnPreview, item: _Queued) -> None:
        image = item.image
        w = image.shape[1]
        if w > self.config.preview_width:
            f = self.config.preview_width / w
            image = cv2.resize(image, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        else:
            image = image.copy()  # the UI may hold it while we reuse buffers
        try:
            on_preview(Frame(image, item.index, item.timestamp))
        except Exception:
            log.exception("scanner: on_preview callback raised")

    def _decode_loop(self, on_code: OnCode) -> None:
        pipeline = self._pipeline
        assert pipeline is not None
        while True:
            with self._cond:
                self._decode_idle = True
                self._cond.notify_all()
                while not self._queue and not self._stop.is_set() and not self._capture_done:
                    self._cond.wait(0.2)
                if self._stop.is_set() or (not self._queue and self._capture_done):
                    return
                item = self._queue.popleft()
                self._decode_idle = False
                self._cond.notify_all()
            try:
                results = pipeline.process(item.image, item.index, item.timestamp)
            except Exception:
                log.exception("scanner: decoding a frame failed")
                results = []
            with self._lock:
                self._counters.decoded += 1
                self._counters.reported += len(results)
            for r in results:
                try:
                    on_code(r)
                except Exception:
                    log.exception("scanner: on_code callback raised")


def scanner_from_settings(
    source: str | int, *, backend: str = "zxing", **options: object
) -> OpenCVScanner:
    """Build from settings: ``backend`` by name, other ScannerConfig fields by keyword."""
    from drivers.scanner.types import Backend

    pipeline_keys = {"roi", "max_decode_width", "forget_after_s"}
    pipe_opts = {k: v for k, v in options.items() if k in pipeline_keys}
    rest = {k: v for k, v in options.items() if k not in pipeline_keys}
    pipeline = replace(PipelineConfig(backend=Backend(backend)), **pipe_opts)  # type: ignore[arg-type]
    return OpenCVScanner(ScannerConfig(source=source, pipeline=pipeline, **rest))  # type: ignore[arg-type]
