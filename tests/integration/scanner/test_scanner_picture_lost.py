"""A camera with no picture is not recovered (try-out 9, T1), with the real OpenCV driver
and a video file as the camera: the cable pulled (the file taken away) is a fault for
the device supervisor whether a screen runs the camera or has stopped it, and "back to
normal" is logged only once frames really come again, whether a screen runs it then or
the supervisor looks for itself."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from drivers.scanner.camera import OpenCVScanner, ScannerConfig
from drivers.scanner.sources import SourceSpec, VideoCaptureSource
from drivers.scanner.types import ScannerState
from kiosk.events import Device, DeviceStatusChanged, Event, EventBus, Health
from kiosk.supervisor import DeviceSupervisor, scanner_probe


def _until(check: Callable[[], bool], timeout_s: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.02)
    return check()


class _FileCamera:
    """A camera whose picture is a video file, at the file's pace, played over and over
    while the file is there (the cable in); taken away, the picture stops and the camera
    cannot be opened (the cable pulled)."""

    def __init__(self, clip: Path) -> None:
        self._spec = SourceSpec.parse(str(clip))
        self._clip = clip
        self._source = VideoCaptureSource(self._spec)
        self.fps: float | None = 25.0

    def open(self) -> bool:
        return self._source.open()

    def read(self) -> Any:
        time.sleep(0.04)
        image = self._source.read()
        if image is None and self._clip.is_file() and self._source.open():
            image = self._source.read()  # a camera has no end: play the file again
        return image

    def release(self) -> None:
        self._source.release()


def _camera(clip: Path) -> OpenCVScanner:
    """Camera 0 (a live source, reconnected when lost), its picture the clip."""
    return OpenCVScanner(
        ScannerConfig(source=0, reconnect_initial_s=0.05, reconnect_max_s=0.2),
        source_factory=lambda: _FileCamera(clip),
    )


def test_a_pulled_camera_stays_faulty_until_frames_come_again(clip_writer, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.INFO, logger="kiosk.supervisor")
    clip = clip_writer([(None, 10)])
    pulled = clip.path.with_name("pulled.avi")
    scanner = _camera(clip.path)
    bus = EventBus()
    seen: list[Event] = []
    bus.subscribe(seen.append)
    sup = DeviceSupervisor(bus, {Device.SCANNER: scanner_probe(scanner)})

    def reading() -> DeviceStatusChanged:
        sup.poll_once()
        last = [e for e in seen if isinstance(e, DeviceStatusChanged)][-1]
        return last

    scanner.start(lambda _r: None)
    try:
        assert _until(lambda: scanner.status().frames_captured > 0)
        assert reading().health is Health.OK

        clip.path.rename(pulled)  # the cable pulled
        assert _until(lambda: reading().health is Health.FAULT)
        assert reading().detail == "scanner.no_picture"
    finally:
        scanner.stop()  # the citizen's screen lets the camera go
    # Stopped, it is still without a picture: not healthy, nothing "back to normal".
    assert scanner.status().state is ScannerState.STOPPED
    assert reading() == DeviceStatusChanged(Device.SCANNER, Health.FAULT, "scanner.no_picture")
    # The next screen opens it: still no picture, still the fault.
    scanner.start(lambda _r: None)
    try:
        time.sleep(0.5)  # several reconnect tries (0.05 s … 0.2 s apart)
        assert reading().health is Health.FAULT
        pulled.rename(clip.path)  # plugged back in: frames come again
        assert _until(lambda: reading().health is Health.OK)
    finally:
        scanner.stop()
    assert reading().health is Health.OK
    lines = [r.getMessage() for r in caplog.records if r.name == "kiosk.supervisor"]
    assert lines == [
        "device scanner: fault (scanner.no_picture)",
        "device scanner: back to normal",
    ], lines


def test_a_camera_plugged_back_while_stopped_is_seen_by_the_supervisor(clip_writer) -> None:  # type: ignore[no-untyped-def]
    clip = clip_writer([(None, 10)])
    pulled = clip.path.with_name("pulled.avi")
    scanner = _camera(clip.path)
    probe = scanner_probe(scanner)
    clip.path.rename(pulled)
    scanner.start(lambda _r: None)
    try:
        assert _until(lambda: scanner.status().picture_lost)
        # Open but reconnecting is no picture either (it read 部分可用, never recorded).
        assert probe() == (Health.FAULT, "scanner.no_picture")
    finally:
        scanner.stop()
    assert probe() == (Health.FAULT, "scanner.no_picture")  # looked: still nothing
    pulled.rename(clip.path)
    # No screen runs the camera; the supervisor's look finds the picture back.
    assert probe() == (Health.OK, "scanner.stopped")
    assert not scanner.status().picture_lost
