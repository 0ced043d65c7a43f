"""Document capture finds the page, flattens it, evens the light and fits the budget."""

from __future__ import annotations

import cv2
import numpy as np

from drivers.scanner.document import DocumentOptions, find_page, process_document
from drivers.scanner.types import DocumentStatus

A4_RATIO = 297 / 210


def _page_photo(shadow: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """A 1280×720 desk photo of an A4 page held at an angle; returns (image, true corners)."""
    page = np.full((1188, 840, 3), 235, np.uint8)
    for y in range(120, 1100, 45):
        cv2.putText(
            page, "ZHENGWU FORM 0123456789", (60, y), cv2.FONT_HERSHEY_SIMPLEX, 1.0, (30, 30, 30), 2
        )
    cv2.circle(page, (650, 1000), 90, (40, 40, 200), 6)  # a red seal
    corners = np.float32([[450, 70], [840, 85], [860, 650], [440, 640]])
    src = np.float32([[0, 0], [840, 0], [840, 1188], [0, 1188]])
    m = cv2.getPerspectiveTransform(src, corners)
    desk = np.full((720, 1280, 3), (60, 80, 100), np.uint8)
    rng = np.random.default_rng(1)
    desk = np.clip(desk + rng.normal(0, 8, desk.shape), 0, 255).astype(np.uint8)
    warped = cv2.warpPerspective(page, m, (1280, 720))
    mask = cv2.warpPerspective(np.full(page.shape[:2], 255, np.uint8), m, (1280, 720))
    img = np.where(mask[:, :, None] > 127, warped, desk)
    if shadow:
        ramp = np.linspace(0.55, 1.0, 1280, dtype=np.float32)[None, :, None]
        img = np.clip(img * ramp, 0, 255).astype(np.uint8)
    return img, corners


def test_page_outline_is_found() -> None:
    img, truth = _page_photo()
    quad = find_page(img)
    assert quad is not None
    assert np.abs(quad - truth).max() < 12


def test_page_is_flattened_to_its_aspect_and_fits_the_budget() -> None:
    img, _ = _page_photo()
    result = process_document(img, DocumentOptions(max_bytes=150_000))
    assert result.status is DocumentStatus.OK and result.page_found
    assert 0 < len(result.jpeg) <= 150_000
    decoded = cv2.imdecode(np.frombuffer(result.jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert decoded.shape[:2] == (result.height, result.width)
    assert abs(result.height / result.width - A4_RATIO) < 0.08


def test_enhancement_evens_out_the_shadow() -> None:
    img, _ = _page_photo(shadow=True)
    result = process_document(img, DocumentOptions(max_bytes=400_000))
    out = cv2.imdecode(np.frombuffer(result.jpeg, np.uint8), cv2.IMREAD_GRAYSCALE)
    h, w = out.shape
    # Blank paper margins on the dark and the bright side end up nearly equally white.
    left = float(np.median(out[h // 3 : 2 * h // 3, 5 : w // 25]))
    right = float(np.median(out[h // 3 : 2 * h // 3, w - w // 25 : w - 5]))
    assert min(left, right) > 200 and abs(left - right) < 20


def test_red_seal_keeps_its_colour() -> None:
    img, _ = _page_photo(shadow=False)
    result = process_document(img)
    out = cv2.imdecode(np.frombuffer(result.jpeg, np.uint8), cv2.IMREAD_COLOR)
    b, g, r = (out[..., i].astype(int) for i in range(3))
    assert int(((r - g > 60) & (r - b > 60)).sum()) > 500


def test_small_budget_is_met_by_shrinking_or_reported() -> None:
    img, _ = _page_photo()
    big = cv2.resize(img, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)  # a 2560×1440 camera
    roomy = process_document(big, DocumentOptions(max_bytes=2_000_000))
    ok = process_document(big, DocumentOptions(max_bytes=60_000))
    assert ok.status is DocumentStatus.OK and len(ok.jpeg) <= 60_000
    assert ok.width * ok.height <= roomy.width * roomy.height
    impossible = process_document(img, DocumentOptions(max_bytes=2_000))
    assert impossible.status is DocumentStatus.TOO_LARGE and impossible.jpeg == b""


def test_no_page_keeps_whole_frame_and_no_frame_is_reported() -> None:
    blank = np.full((480, 640, 3), 90, np.uint8)
    r = process_document(blank)
    assert r.status is DocumentStatus.NO_PAGE and not r.page_found and r.jpeg
    assert r.message_key == "scanner.document.no_page"
    assert process_document(None).status is DocumentStatus.NO_FRAME
