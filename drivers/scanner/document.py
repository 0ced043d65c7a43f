"""Document capture: find the page, flatten it, make it legible, fit a JPEG budget.

Pure image processing on one BGR frame (no threads, no kiosk imports), so the
same code runs in the driver, the tests and any offline tool.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from drivers.scanner.types import BgrImage, DocumentCapture, DocumentStatus

Quad = npt.NDArray[np.float32]  # 4×2, ordered top-left, top-right, bottom-right, bottom-left


@dataclass(frozen=True, slots=True)
class DocumentOptions:
    """Knobs for :func:`process_document`."""

    max_bytes: int = 300_000
    max_long_side: int = 2000  # ~200 dpi for A4: enough to read 5-pt print
    min_long_side: int = 800  # below this small print stops being legible; fail instead
    min_page_fraction: float = 0.15  # a "page" smaller than this share of the frame is noise
    quality_start: int = 90
    quality_floor: int = 45
    grayscale: bool = False  # colour keeps red seals (公章) recognisable


def order_corners(pts: npt.NDArray[np.float32]) -> Quad:
    """Order four points as top-left, top-right, bottom-right, bottom-left."""
    pts = pts.reshape(4, 2).astype(np.float32)
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    return np.array(
        [pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]],
        dtype=np.float32,
    )


def find_page(image: BgrImage, min_fraction: float = 0.15) -> Quad | None:
    """The outline of the largest quadrilateral page in view, or None.

    Two detectors, because each fails where the other works: edges (Canny) find a
    page on a busy desk, brightness (Otsu) finds a white page whose edges are soft.
    """
    h, w = image.shape[:2]
    scale = 640.0 / max(h, w) if max(h, w) > 640 else 1.0
    small = (
        cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        if scale < 1
        else image
    )
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY) if small.ndim == 3 else small
    gray = cv2.GaussianBlur(gray, (5, 5), 0)
    min_area = min_fraction * gray.shape[0] * gray.shape[1]
    edges = cv2.dilate(cv2.Canny(gray, 40, 120), np.ones((3, 3), np.uint8))
    _, bright = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8))
    best: Quad | None = None
    best_area = 0.0
    for mask in (edges, bright):
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for c in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
            area = cv2.contourArea(c)
            if area < min_area or area <= best_area:
                continue
            peri = cv2.arcLength(c, True)
            approx = cv2.approxPolyDP(c, 0.02 * peri, True)
            if len(approx) != 4 or not cv2.isContourConvex(approx):
                continue
            # A quad hugging the whole frame border is the frame, not a page.
            if area > 0.98 * gray.shape[0] * gray.shape[1]:
                continue
            best, best_area = order_corners(approx.astype(np.float32) / scale), area
    return best


def flatten(image: BgrImage, quad: Quad, max_long_side: int) -> BgrImage:
    """Perspective-correct the page inside ``quad``."""
    tl, tr, br, bl = quad
    # Mean of opposite edges: under the mild tilt of a hand-held page it tracks the
    # true aspect better than the max (exact recovery would need the camera intrinsics).
    width = float(np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = float(np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    f = min(1.0, max_long_side / max(width, height, 1.0))
    out_w, out_h = max(1, int(width * f)), max(1, int(height * f))
    dst = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(quad.astype(np.float32), dst)
    return cv2.warpPerspective(image, m, (out_w, out_h), flags=cv2.INTER_CUBIC)  # type: ignore[no-any-return]


def enhance(image: BgrImage, grayscale: bool = False) -> BgrImage:
    """Even out lighting (shadows, lamp gradients) and sharpen print for reading.

    Each channel is divided by its own background (a large closing removes the
    text, leaving paper brightness), which whitens the paper without crushing
    coloured seals, then a mild unsharp mask crisps the strokes.
    """
    img = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if grayscale and image.ndim == 3 else image
    k = max(15, (min(img.shape[:2]) // 40) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    background = cv2.morphologyEx(img, cv2.MORPH_CLOSE, kernel)
    background = cv2.GaussianBlur(background, (0, 0), k / 3)
    flat = cv2.divide(img, np.maximum(background, 1), scale=255)
    soft = cv2.GaussianBlur(flat, (0, 0), 1.2)
    return cv2.addWeighted(flat, 1.5, soft, -0.5, 0)  # type: ignore[no-any-return]


def encode_within(
    image: BgrImage, max_bytes: int, options: DocumentOptions
) -> tuple[bytes, int, BgrImage] | None:
    """JPEG at the best quality that fits; shrink the image only when quality cannot."""
    current = image
    while True:
        lo, hi = options.quality_floor, options.quality_start
        best: bytes | None = None
        best_q = 0
        while lo <= hi:
            q = (lo + hi) // 2
            ok, buf = cv2.imencode(
                ".jpg", current, [cv2.IMWRITE_JPEG_QUALITY, q, cv2.IMWRITE_JPEG_OPTIMIZE, 1]
            )
            if ok and len(buf) <= max_bytes:
                best, best_q = buf.tobytes(), q
                lo = q + 1
            else:
                hi = q - 1
        if best is not None:
            return best, best_q, current
        long_side = max(current.shape[:2])
        if long_side * 0.8 < options.min_long_side:
            return None
        current = cv2.resize(current, None, fx=0.8, fy=0.8, interpolation=cv2.INTER_AREA)


def process_document(
    image: BgrImage | None, options: DocumentOptions | None = None
) -> DocumentCapture:
    """Full pipeline on one frame. No page found → the whole frame is enhanced and kept."""
    opts = options or DocumentOptions()
    if image is None or image.size == 0:
        return DocumentCapture(DocumentStatus.NO_FRAME)
    quad = find_page(image, opts.min_page_fraction)
    if quad is not None:
        page = flatten(image, quad, opts.max_long_side)
    else:
        page = image
        f = opts.max_long_side / max(page.shape[:2])
        if f < 1:
            page = cv2.resize(page, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    page = enhance(page, opts.grayscale)
    encoded = encode_within(page, opts.max_bytes, opts)
    corners = tuple((int(x), int(y)) for x, y in quad) if quad is not None else ()
    if encoded is None:
        return DocumentCapture(
            DocumentStatus.TOO_LARGE, page_found=quad is not None, corners=corners
        )
    jpeg, quality, final = encoded
    return DocumentCapture(
        DocumentStatus.OK if quad is not None else DocumentStatus.NO_PAGE,
        jpeg=jpeg,
        width=int(final.shape[1]),
        height=int(final.shape[0]),
        quality=quality,
        page_found=quad is not None,
        corners=corners,
    )
