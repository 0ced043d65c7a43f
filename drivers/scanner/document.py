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
    # The page as the camera saw it must be at least this long (px): below it small print
    # stops being legible (a 446×586 page was not), so the citizen is asked to move it closer.
    min_long_side: int = 800
    min_page_fraction: float = 0.15  # a "page" smaller than this share of the frame is noise
    # Plausibility of an outline: corner angles, how far perspective may shrink an edge,
    # the page's shape, and how much of the outline is backed by real edges in the image.
    min_corner_deg: float = 55.0
    min_edge_ratio: float = 0.55
    max_aspect: float = 2.2  # long side / short side of the flattened page
    min_edge_support: float = 0.6
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
    """The outline of the largest *plausible* quadrilateral page in view, or None.

    Two detectors, because each fails where the other works: edges (Canny) find a
    page on a busy desk, brightness (Otsu) finds a white page whose edges are soft.
    A light desk makes both "succeed" on the wrong shape, so every candidate must
    pass :func:`plausible`: sane corner angles, bounded perspective, a document-like
    aspect, and an outline that real edges in the photo actually follow.
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
    canny = cv2.Canny(gray, 40, 120)
    edges = cv2.dilate(canny, np.ones((3, 3), np.uint8))
    _, bright = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8))
    support_map = cv2.dilate(canny, np.ones((5, 5), np.uint8))
    opts = DocumentOptions()
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
            quad = order_corners(approx.astype(np.float32))
            if not plausible(quad, gray.shape[:2], support_map, opts):
                continue
            best, best_area = quad / scale, area
    return best


def plausible(
    quad: Quad, shape: tuple[int, ...], edge_map: BgrImage, opts: DocumentOptions
) -> bool:
    """Could ``quad`` be a sheet of paper photographed from above?"""
    pts = quad.astype(np.float64)
    sides = [float(np.linalg.norm(pts[(i + 1) % 4] - pts[i])) for i in range(4)]
    if min(sides) < 1:
        return False
    for i in range(4):
        a, b, c = pts[i - 1], pts[i], pts[(i + 1) % 4]
        u, v = a - b, c - b
        cos = float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v)))
        angle = float(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0))))
        if not opts.min_corner_deg <= angle <= 180.0 - opts.min_corner_deg:
            return False
    # Opposite edges: perspective from a fixed overhead camera shrinks one by far less.
    if min(sides[0], sides[2]) / max(sides[0], sides[2]) < opts.min_edge_ratio:
        return False
    if min(sides[1], sides[3]) / max(sides[1], sides[3]) < opts.min_edge_ratio:
        return False
    aspect = page_aspect(quad, shape)
    if max(aspect, 1 / aspect) > opts.max_aspect:
        return False
    return edge_support(quad, edge_map) >= opts.min_edge_support


def edge_support(quad: Quad, edge_map: BgrImage) -> float:
    """Share of points along the outline that lie on an edge of the photo."""
    h, w = edge_map.shape[:2]
    hits = total = 0
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        n = max(8, int(np.linalg.norm(b - a) / 3))
        for t in np.linspace(0.05, 0.95, n):
            x, y = (a + (b - a) * t).astype(int)
            if 0 <= x < w and 0 <= y < h:
                total += 1
                hits += edge_map[y, x] > 0
    return hits / total if total else 0.0


def page_aspect(quad: Quad, shape: tuple[int, ...], focal_ratio: float = 0.8) -> float:
    """Width / height of the real page, recovered from its four corners.

    Zhang & He ("Whiteboard scanning and image enhancement", 2007): with the principal
    point at the image centre, the corners fix the focal length, and with it the
    true aspect ratio. When a pair of edges is parallel in the photo (a page tilted
    about one axis only) the focal length is undetermined; a typical document
    camera's (``focal_ratio`` × image width, ~65° field of view) is used instead.
    The ratio of mean edge lengths, which this replaces, was 10 % off at 25° tilt.
    """
    h, w = shape[:2]
    u0, v0 = w / 2.0, h / 2.0
    tl, tr, br, bl = (np.array([p[0] - u0, p[1] - v0, 1.0]) for p in quad.astype(np.float64))
    m1, m2, m3, m4 = tl, tr, bl, br
    k2 = np.dot(np.cross(m1, m4), m3) / np.dot(np.cross(m2, m4), m3)
    k3 = np.dot(np.cross(m1, m4), m2) / np.dot(np.cross(m3, m4), m2)
    n2 = k2 * m2 - m1
    n3 = k3 * m3 - m1
    f2 = (focal_ratio * w) ** 2
    denom = float(n2[2] * n3[2])
    if abs(denom) > 1e-12:
        estimate = -(n2[0] * n3[0] + n2[1] * n3[1]) / denom
        # Trust the estimate only within what real cameras have (~15° to ~120° FOV).
        if np.isfinite(estimate) and (0.3 * w) ** 2 <= estimate <= (4.0 * w) ** 2:
            f2 = float(estimate)
    num = (n2[0] ** 2 + n2[1] ** 2) / f2 + n2[2] ** 2
    den = (n3[0] ** 2 + n3[1] ** 2) / f2 + n3[2] ** 2
    if den <= 0 or num <= 0:
        return 1.0
    return float(np.sqrt(num / den))


def flatten(
    image: BgrImage, quad: Quad, max_long_side: int, aspect: float | None = None
) -> BgrImage:
    """Perspective-correct the page inside ``quad`` to its true ``aspect`` (width / height).

    The output keeps the resolution the camera gave the page (the longer of the
    mean edge lengths), capped at ``max_long_side``.
    """
    tl, tr, br, bl = quad
    width = float(np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = float(np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    if aspect is not None and aspect > 0:
        long_side = max(width, height)
        if aspect >= 1:
            width, height = long_side, long_side / aspect
        else:
            width, height = long_side * aspect, long_side
    f = min(1.0, max_long_side / max(width, height, 1.0))
    out_w, out_h = max(1, int(width * f)), max(1, int(height * f))
    dst = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(quad.astype(np.float32), dst)
    return cv2.warpPerspective(image, m, (out_w, out_h), flags=cv2.INTER_CUBIC)  # type: ignore[no-any-return]


def seen_long_side(quad: Quad) -> float:
    """How many pixels the camera gave the page's longer dimension."""
    tl, tr, br, bl = quad
    width = float(np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = float(np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    return max(width, height)


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
    """Full pipeline on one frame, with quality gates.

    No plausible outline → NO_PAGE ("page not found, try again"; nothing to send).
    An outline too small to be legible → TOO_SMALL ("move it closer"). Otherwise
    the page is flattened to the aspect its corners imply, evened out and encoded;
    the JPEG returned is exactly what will be sent.
    """
    opts = options or DocumentOptions()
    if image is None or image.size == 0:
        return DocumentCapture(DocumentStatus.NO_FRAME)
    quad = find_page(image, opts.min_page_fraction)
    if quad is None:
        return DocumentCapture(DocumentStatus.NO_PAGE)
    corners = tuple((int(x), int(y)) for x, y in quad)
    if seen_long_side(quad) < opts.min_long_side:
        return DocumentCapture(DocumentStatus.TOO_SMALL, page_found=True, corners=corners)
    page = flatten(image, quad, opts.max_long_side, page_aspect(quad, image.shape))
    page = enhance(page, opts.grayscale)
    encoded = encode_within(page, opts.max_bytes, opts)
    if encoded is None:
        return DocumentCapture(DocumentStatus.TOO_LARGE, page_found=True, corners=corners)
    jpeg, quality, final = encoded
    return DocumentCapture(
        DocumentStatus.OK,
        jpeg=jpeg,
        width=int(final.shape[1]),
        height=int(final.shape[0]),
        quality=quality,
        page_found=True,
        corners=corners,
    )
