"""A stream URL as the camera: read over real HTTP, lost when unplugged, reconnected."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator

import pytest

from drivers.scanner.camera import OpenCVScanner, ScannerConfig
from drivers.scanner.types import ScannerState, ScanResult
from tests.integration.scanner.mjpeg_server import MjpegCamera
from tests.support.qr_corpus import render

pytestmark = pytest.mark.integration


@pytest.fixture
def cameras() -> Iterator[list[MjpegCamera]]:
    started: list[MjpegCamera] = []
    yield started
    for cam in started:
        cam.stop()


def _until(predicate: Callable[[], bool], timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_ip_camera_unplugged_and_back_is_reconnected(cameras: list[MjpegCamera]) -> None:
    first = "网络摄像头".encode()
    second = "重新连接以后".encode()
    cam = MjpegCamera().start()
    cameras.append(cam)
    cam.show(render(first, (640, 480), random.Random(1), module_px=5.0)[0])
    got: list[ScanResult] = []
    url = cam.url.replace("http://", "http://kiosk:secret@")
    scanner = OpenCVScanner(
        ScannerConfig(source=url, reconnect_initial_s=0.05, reconnect_max_s=0.2)
    )
    scanner.start(got.append)
    try:
        assert _until(lambda: len(got) == 1)
        assert "secret" not in scanner.status().source

        cam.stop()  # the camera disappears
        assert _until(lambda: scanner.status().state is ScannerState.RECONNECTING)
        assert scanner.status().message_key in ("scanner.reconnecting", "scanner.no_camera")

        back = MjpegCamera(cam.port).start()  # ... and comes back on the same address
        cameras.append(back)
        back.show(render(second, (640, 480), random.Random(2), module_px=5.0)[0])
        assert _until(lambda: len(got) == 2)
        status = scanner.status()
    finally:
        scanner.stop()
    assert [r.payload for r in got] == [first, second]
    assert status.state is ScannerState.RUNNING and status.reconnects >= 1
