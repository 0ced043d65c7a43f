"""An image folder as the camera, and a document photographed through the driver."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import cv2
import numpy as np
import pytest

from drivers.scanner.camera import OpenCVScanner, ScannerConfig
from drivers.scanner.types import DocumentStatus, ScannerState, ScanResult
from tests.support.qr_corpus import blank_frame, render

pytestmark = pytest.mark.integration


def test_folder_frames_are_scanned_in_order(tmp_path: Path) -> None:
    payloads = ["预约取号".encode(), b"https://zwfw.example.cn/t/1", "出入境".encode("gb18030")]
    n = 0
    for i, p in enumerate(payloads):
        img, _, _ = render(p, (640, 480), random.Random(i), module_px=5.0)
        for _ in range(3):
            cv2.imwrite(str(tmp_path / f"{n:03d}.png"), img)
            n += 1
        cv2.imwrite(str(tmp_path / f"{n:03d}.png"), blank_frame((640, 480), i))
        n += 1
    got: list[ScanResult] = []
    scanner = OpenCVScanner(ScannerConfig(source=str(tmp_path), fps=50))
    scanner.start(got.append)
    try:
        assert scanner.wait_until_idle(30)
    finally:
        scanner.stop()
    assert [r.payload for r in got] == payloads
    assert [r.frame_index for r in got] == [0, 4, 8]


def test_document_capture_through_the_driver(tmp_path: Path) -> None:
    # A 1080p document camera: at 720p a page is too small to be legible (TOO_SMALL).
    desk = np.full((1080, 1920, 3), (70, 90, 110), np.uint8)
    page = np.full((990, 700, 3), 240, np.uint8)
    for y in range(80, 940, 40):
        cv2.putText(page, "APPLICATION FORM", (40, y), cv2.FONT_HERSHEY_SIMPLEX, 1, (20, 20, 20), 2)
    src = np.float32([[0, 0], [700, 0], [700, 990], [0, 990]])
    dst = np.float32([[480, 60], [880, 80], [900, 650], [460, 640]]) * 1.5
    m = cv2.getPerspectiveTransform(src, dst)
    mask = cv2.warpPerspective(np.full((990, 700), 255, np.uint8), m, (1920, 1080))
    photo = np.where(mask[:, :, None] > 127, cv2.warpPerspective(page, m, (1920, 1080)), desk)
    for i in range(5):
        cv2.imwrite(str(tmp_path / f"{i}.png"), photo)
    scanner = OpenCVScanner(ScannerConfig(source=str(tmp_path), fps=10, loop=True))
    started = threading.Event()
    scanner.start(lambda r: None, lambda f: started.set())
    try:
        assert started.wait(10)
        doc = scanner.capture_document(max_bytes=120_000, timeout_s=5)
        assert scanner.status().state is ScannerState.RUNNING
    finally:
        scanner.stop()
    assert doc.status is DocumentStatus.OK and 0 < len(doc.jpeg) <= 120_000
    assert doc.height > doc.width  # portrait page came out portrait


def test_document_capture_without_scanning_opens_the_camera_once(tmp_path: Path) -> None:
    page = np.full((1080, 1920, 3), 60, np.uint8)
    cv2.rectangle(page, (500, 90), (1220, 1000), (235, 235, 235), -1)
    cv2.imwrite(str(tmp_path / "0.png"), page)
    scanner = OpenCVScanner(ScannerConfig(source=str(tmp_path)))
    doc = scanner.capture_document(max_bytes=200_000)
    assert doc.status is DocumentStatus.OK and doc.page_found
    assert scanner.status().state is ScannerState.STOPPED
    missing = OpenCVScanner(ScannerConfig(source=str(tmp_path / "none.avi")))
    assert missing.capture_document(timeout_s=0.5).status is DocumentStatus.NO_FRAME
