"""Document capture finds the page, flattens it, evens the light and fits the budget."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from drivers.scanner.document import (
    DocumentOptions,
    find_page,
    page_aspect,
    plausible,
    process_document,
)
from drivers.scanner.types import DocumentStatus

A4_RATIO = 297 / 210


def _page_photo(shadow: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """A 1920×1080 desk photo of an A4 page held at an angle; returns (image, true corners)."""
    page = np.full((1188, 840, 3), 235, np.uint8)
    for y in range(120, 1100, 45):
        cv2.putText(
            page, "ZHENGWU FORM 0123456789", (60, y), cv2.FONT_HERSHEY_SIMPLEX, 1.0, (30, 30, 30), 2
        )
    cv2.circle(page, (650, 1000), 90, (40, 40, 200), 6)  # a red seal
    corners = np.float32([[450, 70], [840, 85], [860, 650], [440, 640]]) * 1.5
    src = np.float32([[0, 0], [840, 0], [840, 1188], [0, 1188]])
    m = cv2.getPerspectiveTransform(src, corners)
    desk = np.full((1080, 1920, 3), (60, 80, 100), np.uint8)
    rng = np.random.default_rng(1)
    desk = np.clip(desk + rng.normal(0, 8, desk.shape), 0, 255).astype(np.uint8)
    warped = cv2.warpPerspective(page, m, (1920, 1080))
    mask = cv2.warpPerspective(np.full(page.shape[:2], 255, np.uint8), m, (1920, 1080))
    img = np.where(mask[:, :, None] > 127, warped, desk)
    if shadow:
        ramp = np.linspace(0.55, 1.0, 1920, dtype=np.float32)[None, :, None]
        img = np.clip(img * ramp, 0, 255).astype(np.uint8)
    return img, corners


def test_page_outline_is_found() -> None:
    img, truth = _page_photo()
    quad = find_page(img)
    assert quad is not None
    assert np.abs(quad - truth).max() < 18


def _project(tilt_deg: float, yaw_deg: float, f: float = 1400, dist: float = 450) -> np.ndarray:
    """Corners of an A4 page (mm) seen by a pinhole camera: tilted, turned, 1080p."""
    pts = np.array([[-105, -148.5, 0], [105, -148.5, 0], [105, 148.5, 0], [-105, 148.5, 0]])
    t, y = np.radians(tilt_deg), np.radians(yaw_deg)
    rx = np.array([[1, 0, 0], [0, np.cos(t), -np.sin(t)], [0, np.sin(t), np.cos(t)]])
    ry = np.array([[np.cos(y), 0, np.sin(y)], [0, 1, 0], [-np.sin(y), 0, np.cos(y)]])
    cam = (ry @ rx @ pts.T).T + np.array([0, 0, dist])
    return np.float32([[f * x / z + 960, f * yy / z + 540] for x, yy, z in cam])


def _photo_of(
    corners: np.ndarray, desk_level: int = 70, size: tuple[int, int] = (1920, 1080)
) -> np.ndarray:
    page = np.full((1188, 840, 3), 235, np.uint8)
    for y in range(120, 1100, 45):
        cv2.putText(page, "ZHENGWU FORM 0123", (60, y), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (30,) * 3, 2)
    src = np.float32([[0, 0], [840, 0], [840, 1188], [0, 1188]])
    m = cv2.getPerspectiveTransform(src, corners)
    desk = np.full((size[1], size[0], 3), desk_level, np.uint8)
    warped = cv2.warpPerspective(page, m, size)
    mask = cv2.warpPerspective(np.full(page.shape[:2], 255, np.uint8), m, size)
    return np.where(mask[:, :, None] > 127, warped, desk)


def _mean_edge_ratio(q: np.ndarray) -> float:
    tl, tr, br, bl = q
    w = np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)
    h = np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)
    return float(h / w)


def test_page_is_flattened_to_its_aspect_and_fits_the_budget() -> None:
    img, _ = _page_photo()
    result = process_document(img, DocumentOptions(max_bytes=150_000))
    assert result.status is DocumentStatus.OK and result.page_found
    assert 0 < len(result.jpeg) <= 150_000
    decoded = cv2.imdecode(np.frombuffer(result.jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert decoded.shape[:2] == (result.height, result.width)
    assert result.height > result.width


@pytest.mark.parametrize(("tilt", "yaw"), [(30, 15), (35, -20), (15, 25)])
def test_aspect_ratio_comes_from_the_detected_corners(tilt: float, yaw: float) -> None:
    corners = _project(tilt, yaw)
    result = process_document(_photo_of(corners), DocumentOptions(max_bytes=400_000))
    assert result.status is DocumentStatus.OK
    assert abs(result.height / result.width - A4_RATIO) < 0.04
    # The old mean-of-edges rule was visibly wrong on these: the gate has teeth.
    assert abs(_mean_edge_ratio(corners) - A4_RATIO) > 0.08
    assert abs(1 / page_aspect(corners, (1080, 1920)) - A4_RATIO) < 0.04


def test_a_page_too_small_to_read_is_refused_not_sent() -> None:
    # The 446×586 page that was accepted before: the citizen is asked to move it closer.
    c = np.float32([[400, 60], [846, 60], [846, 646], [400, 646]])
    result = process_document(_photo_of(c, size=(1280, 720)))
    assert result.status is DocumentStatus.TOO_SMALL and result.page_found
    assert result.jpeg == b"" and result.message_key == "scanner.document.too_small"


def test_an_implausible_outline_is_page_not_found() -> None:
    # A long thin strip with a sharply slanted end: a shadow or a ruler, not a page.
    c = np.float32([[300, 300], [1700, 380], [1650, 640], [260, 420]])
    result = process_document(_photo_of(c, desk_level=200))
    assert result.status is DocumentStatus.NO_PAGE and result.jpeg == b""


def test_an_outline_no_edge_follows_is_rejected() -> None:
    quad = np.float32([[100, 80], [500, 90], [510, 560], [90, 550]])
    shape = (640, 640)
    blank = np.zeros(shape, np.uint8)
    drawn = blank.copy()
    cv2.polylines(drawn, [quad.astype(np.int32)], True, 255, 3)
    opts = DocumentOptions()
    assert plausible(quad, shape, drawn, opts)
    assert not plausible(quad, shape, blank, opts)


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
    big = cv2.resize(img, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)  # a 4K camera
    roomy = process_document(big, DocumentOptions(max_bytes=2_000_000))
    ok = process_document(big, DocumentOptions(max_bytes=60_000))
    assert ok.status is DocumentStatus.OK and len(ok.jpeg) <= 60_000
    assert ok.width * ok.height <= roomy.width * roomy.height
    impossible = process_document(img, DocumentOptions(max_bytes=2_000))
    assert impossible.status is DocumentStatus.TOO_LARGE and impossible.jpeg == b""


def test_no_page_is_page_not_found_and_no_frame_is_reported() -> None:
    blank = np.full((480, 640, 3), 90, np.uint8)
    r = process_document(blank)
    # "Page not found, try again": nothing that could be sent by mistake.
    assert r.status is DocumentStatus.NO_PAGE and not r.page_found and r.jpeg == b""
    assert r.message_key == "scanner.document.no_page"
    assert process_document(None).status is DocumentStatus.NO_FRAME
