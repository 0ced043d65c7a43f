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
