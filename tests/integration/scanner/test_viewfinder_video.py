"""The materials screen's live picture from the real OpenCV driver, a video file as the
camera: through the core's viewfinder service and the camera gate, frames arrive
reduced in size and rate, in the camera's BGR order, a photo can be taken while they flow, and
they stop when the screen lets go."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from types import SimpleNamespace

import cv2
import numpy as np

from drivers.scanner.camera import OpenCVScanner, ScannerConfig
from drivers.scanner.types import DocumentStatus, ScannerState
from kiosk.services.viewfinder import (
    ViewFrame,
    ViewState,
    start_view,
    stop_view,
    view_state,
    view_ticket,
)

FPS = 25.0
SIZE = (1920, 1080)  # a photo needs the page ≥ 800 px long (drivers/scanner/document.py)
PREVIEW_FPS = 8.0


def _desk_clip(path: Path, frames: int = 50) -> Path:
    """A sheet of printed paper on a dark desk, nudged by a hand, with a red mark (BGR)."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), FPS, SIZE)
    assert writer.isOpened(), "OpenCV cannot write MJPG here"
    try:
        for k in range(frames):
            image = np.full((SIZE[1], SIZE[0], 3), 50, np.uint8)
            dx = (k % 7) - 3
            x, y, w, h = 660 + dx, 30, 600, 1000
            cv2.rectangle(image, (x, y), (x + w, y + h), (245, 245, 245), -1)
            for line in range(y + 60, y + h - 60, 30):
                cv2.line(image, (x + 50, line), (x + w - 50, line), (40, 40, 40), 3)
            cv2.rectangle(image, (60, 60), (210, 210), (0, 0, 255), -1)  # red in BGR
            writer.write(image)
    finally:
        writer.release()
    return path


def _core(source: str) -> SimpleNamespace:
    scanner = OpenCVScanner(ScannerConfig(source=source, loop=True, preview_fps=PREVIEW_FPS))
    return SimpleNamespace(backend=SimpleNamespace(scanner=scanner))


def test_live_frames_are_small_slow_rgb_and_stop_with_the_screen(tmp_path: Path) -> None:
    core = _core(str(_desk_clip(tmp_path / "desk.avi")))
    frames: list[tuple[float, ViewFrame]] = []
    lock = threading.Lock()

    def on_frame(frame: ViewFrame) -> None:
        with lock:
            frames.append((time.monotonic(), frame))

    ticket = view_ticket(core)
    try:
        assert start_view(core, ticket, on_frame) is ViewState.LIVE
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and len(frames) < 12:
            time.sleep(0.05)
        assert view_state(core) is ViewState.LIVE
        # A photo while the picture is live: from the same running camera.
        shot = core.backend.scanner.capture_document()
        assert shot.status is DocumentStatus.OK and shot.jpeg
    finally:
        stop_view(core, ticket)
    assert core.backend.scanner.status().state is ScannerState.STOPPED
    with lock:
        got = list(frames)
    after = len(got)
    time.sleep(0.5)
    assert len(frames) == after  # nothing after the screen let go

    assert len(got) >= 12
    first = got[0][1]
    assert (first.width, first.height) == (640, 360)  # the driver's preview size
    assert len(first.bgr) == first.width * first.height * 3
    red = np.frombuffer(first.bgr, np.uint8).reshape(first.height, first.width, 3)[40, 40]
    assert red[2] > 200 and red[0] < 60  # BGR, as QImage.Format_BGR888 reads it
    # The rate is the configured one (the file plays at 25 fps): never faster.
    span = got[-1][0] - got[0][0]
    assert (len(got) - 1) / span <= PREVIEW_FPS * 1.25, (len(got), span)
    # And the picture moves: the sheet is nudged between frames.
    assert any(f.bgr != first.bgr for _, f in got[1:])


def test_a_camera_that_does_not_open_is_a_fault(tmp_path: Path) -> None:
    core = _core(str(tmp_path / "missing.avi"))
    ticket = view_ticket(core)
    try:
        state = start_view(core, ticket, lambda _f: None)
        deadline = time.monotonic() + 5
        while state is ViewState.LIVE and time.monotonic() < deadline:
            time.sleep(0.05)
            state = view_state(core)
        assert state is ViewState.FAULT
    finally:
        stop_view(core, ticket)


def _pictures_held(root: object, depth: int = 4) -> int:
    """Images (arrays of a frame's size) still reachable from ``root``'s own data."""
    import gc
    import types

    seen: set[int] = set()
    found = 0
    level = [root]
    for _ in range(depth):
        nxt = []
        for obj in level:
            for ref in gc.get_referents(obj):
                if id(ref) in seen or isinstance(
                    ref, type | types.ModuleType | types.FunctionType | threading.Thread
                ):
                    continue
                seen.add(id(ref))
                if isinstance(ref, np.ndarray) and ref.size >= 100_000:
                    found += 1
                else:
                    nxt.append(ref)
        level = nxt
    return found


def test_no_picture_of_the_paper_stays_in_the_driver_after_the_screen_let_go(
    tmp_path: Path,
) -> None:
    """Privacy: once the camera stops (the citizen moved on, or the idle reset), the
    driver keeps no frame of what lay under it: the next citizen's session, a crash dump
    or a technician's memory probe finds no picture of the last citizen's papers."""
    core = _core(str(_desk_clip(tmp_path / "desk.avi")))
    scanner = core.backend.scanner
    got: list[ViewFrame] = []
    ticket = view_ticket(core)
    try:
        assert start_view(core, ticket, got.append) is ViewState.LIVE
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and len(got) < 3:
            time.sleep(0.05)
        assert len(got) >= 3
        assert _pictures_held(scanner) > 0  # while live, frames are held (the test can see them)
    finally:
        stop_view(core, ticket)
    assert scanner.status().state is ScannerState.STOPPED
    assert _pictures_held(scanner) == 0
