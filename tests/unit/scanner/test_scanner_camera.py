"""The capture driver: reconnects a vanished camera, fails cleanly on a missing file."""

from __future__ import annotations

import threading
import time

import cv2
import numpy as np

from drivers.scanner.camera import OpenCVScanner, ScannerConfig
from drivers.scanner.types import ScannerState, ScanResult
from tests.unit.scanner.conftest import code_frame


class FlakyCamera:
    """A live source that delivers a few frames, then vanishes, like an unplugged USB camera."""

    opened = 0

    def __init__(self, sessions: list[list[np.ndarray]], fail_opens: int = 0) -> None:
        self._sessions = sessions
        self._frames: list[np.ndarray] = []
        self.fps = 25.0
        self._fail_opens = fail_opens

    def open(self) -> bool:
        FlakyCamera.opened += 1
        if FlakyCamera.opened <= self._fail_opens:
            return False  # not plugged in yet
        self._frames = list(self._sessions.pop(0)) if self._sessions else []
        return True

    def read(self) -> np.ndarray | None:
        time.sleep(0.005)
        return self._frames.pop(0) if self._frames else None

    def release(self) -> None:
        pass


def _wait_for(predicate, timeout: float = 10.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return False


def test_camera_that_vanishes_is_reconnected_and_keeps_reading() -> None:
    FlakyCamera.opened = 0
    sessions = [
        [code_frame(b"before unplug")] * 3,
        [code_frame("拔插之后".encode())] * 3,
    ]

    def factory() -> FlakyCamera:
        return FlakyCamera(sessions, fail_opens=1)

    got: list[ScanResult] = []
    done = threading.Event()

    def on_code(r: ScanResult) -> None:
        got.append(r)
        if len(got) == 2:
            done.set()

    cfg = ScannerConfig(source=0, reconnect_initial_s=0.01, reconnect_max_s=0.05)
    scanner = OpenCVScanner(cfg, source_factory=factory)
    scanner.start(on_code)
    try:
        assert done.wait(10)
        assert _wait_for(lambda: scanner.status().reconnects >= 2)
    finally:
        scanner.stop()
    assert [r.payload for r in got] == [b"before unplug", "拔插之后".encode()]
    assert scanner.status().state is ScannerState.STOPPED


def test_missing_video_file_fails_with_a_message_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    scanner = OpenCVScanner(ScannerConfig(source=str(tmp_path / "missing.avi")))
    scanner.start(lambda r: None)
    try:
        assert _wait_for(lambda: scanner.status().state is ScannerState.FAILED)
        assert scanner.status().message_key == "scanner.no_camera"
    finally:
        scanner.stop()


def test_callback_exceptions_do_not_stop_the_scanner() -> None:
    FlakyCamera.opened = 0
    frames = (
        [code_frame(b"one")] * 2
        + [code_frame(b"x")[300:, 300:].copy()] * 30
        + [code_frame(b"two")] * 2
    )
    calls: list[bytes] = []

    def on_code(r: ScanResult) -> None:
        calls.append(r.payload)
        raise RuntimeError("bad consumer")

    scanner = OpenCVScanner(
        ScannerConfig(source=0, pipeline=ScannerConfig().pipeline),
        source_factory=lambda: FlakyCamera([frames]),
    )
    scanner.start(on_code)
    try:
        assert _wait_for(lambda: len(calls) == 2)
    finally:
        scanner.stop()
    assert calls == [b"one", b"two"]


def test_scanner_can_start_again_after_its_file_ended(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cv2.imwrite(str(tmp_path / "0.png"), code_frame(b"again"))
    got: list[ScanResult] = []
    scanner = OpenCVScanner(ScannerConfig(source=str(tmp_path), fps=50))
    for _ in range(2):
        scanner.start(got.append)
        assert scanner.wait_until_idle(10)
        assert scanner.status().state is ScannerState.ENDED
    scanner.stop()
    assert [r.payload for r in got] == [b"again", b"again"]


class HangingCamera:
    """A live camera whose driver read hangs (a wedged UVC device) until ``unhang`` is set.

    Counts opens, and how many are open at once: a restart must never open it twice.
    """

    def __init__(self, frame: np.ndarray) -> None:
        self.frame = frame
        self.fps = 25.0
        self.hang = threading.Event()
        self.unhang = threading.Event()
        self.hanging = threading.Event()
        self.lock = threading.Lock()
        self.opens = 0
        self.open_now = 0
        self.max_open = 0

    def factory(self) -> HangingCamera:
        return self

    def open(self) -> bool:
        with self.lock:
            self.opens += 1
            self.open_now += 1
            self.max_open = max(self.max_open, self.open_now)
        return True

    def read(self) -> np.ndarray | None:
        if self.hang.is_set() and not self.unhang.is_set():
            self.hanging.set()
            self.unhang.wait()
        time.sleep(0.005)
        return self.frame

    def release(self) -> None:
        with self.lock:
            self.open_now -= 1


def _capture_threads() -> int:
    return sum(1 for t in threading.enumerate() if t.name == "scanner-capture" and t.is_alive())


def test_a_hung_camera_restarts_with_exactly_one_capture_thread() -> None:
    before = _capture_threads()
    cam = HangingCamera(code_frame(b"hung camera"))
    scanner = OpenCVScanner(ScannerConfig(source=0), source_factory=cam.factory)
    first: list[ScanResult] = []
    second: list[ScanResult] = []
    scanner.start(first.append)
    assert _wait_for(lambda: bool(first))
    cam.hang.set()
    assert cam.hanging.wait(5)
    scanner.stop()
    # stop() came back while the read is still hung (it did not wait the hang out).
    assert not cam.unhang.is_set() and scanner.status().state is ScannerState.STOPPED
    scanner.start(second.append)
    assert _capture_threads() - before == 1 and scanner.capture_threads() == 1
    cam.unhang.set()
    assert _wait_for(lambda: bool(second))
    assert _capture_threads() - before == 1 and scanner.capture_threads() == 1
    assert cam.max_open == 1  # never opened twice at once
    assert scanner.status().state is ScannerState.RUNNING
    scanner.stop()
    assert _wait_for(lambda: _capture_threads() == before)
    assert cam.open_now == 0


def test_stop_then_start_of_a_healthy_camera_keeps_one_thread() -> None:
    before = _capture_threads()
    cam = HangingCamera(code_frame(b"healthy"))
    scanner = OpenCVScanner(ScannerConfig(source=0), source_factory=cam.factory)
    for _ in range(5):
        got: list[ScanResult] = []
        scanner.start(got.append)
        assert _wait_for(lambda: bool(got))  # noqa: B023
        assert scanner.capture_threads() == 1 and _capture_threads() - before == 1
        scanner.stop()
    assert _wait_for(lambda: _capture_threads() == before)
    assert cam.max_open == 1 and cam.open_now == 0
