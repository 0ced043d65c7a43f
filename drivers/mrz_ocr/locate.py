"""Find the MRZ in a camera frame and cut it out as an upright, rectified band.

The MRZ is two or three lines of dark, evenly spaced characters on a light page:
a black-hat filter brings dark text out of any background, a horizontal closing
joins each line's characters into a bar, and the bars that are long, thin and
stacked at the same pitch are the zone. The zone's four corners undo rotation and
perspective, so every character cell has the same width in the band returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

# OpenCV's stubs type images loosely; a gray image is a 2-D uint8 array.
Gray = Any

WORK_WIDTH = 960  # frames are searched at this width (1080p halves exactly)


@dataclass(frozen=True, slots=True)
class Band:
    """The zone, rectified: ``image`` (gray, upright) and its text ``lines`` (row spans)."""

    image: Gray
    lines: tuple[tuple[int, int], ...]


def to_gray(frame: Any) -> Gray:
    """A frame (BGR or gray) as gray."""
    if frame.ndim == 3:
        return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    return frame


def find_bands(frame: Any, max_bands: int = 3) -> list[Band]:
    """Candidate MRZ zones, most likely first (usually one)."""
    gray = to_gray(frame)
    scale = WORK_WIDTH / gray.shape[1] if gray.shape[1] > WORK_WIDTH else 1.0
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    if small.std() < 40:  # low light: stretch the contrast, but calm the sensor noise first
        small = cv2.GaussianBlur(small, (3, 3), 0)
        small = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(small)
    rect = cv2.getStructuringElement(cv2.MORPH_RECT, (15, 5))
    black = cv2.morphologyEx(small, cv2.MORPH_BLACKHAT, rect)
    grad = cv2.Sobel(black, cv2.CV_32F, 1, 0, ksize=-1)
    grad = np.absolute(grad)
    lo, hi = float(grad.min()), float(grad.max())
    grad8: Any = ((grad - lo) / (hi - lo + 1e-6) * 255).astype(np.uint8)
    grad8 = cv2.morphologyEx(
        grad8, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (21, 3))
    )
    _, bw = cv2.threshold(grad8, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    w_img = small.shape[1]
    found: list[tuple[float, Band]] = []
    centres: list[tuple[float, float]] = []
    # Lines join into one zone with a vertical closing as tall as their spacing; the
    # spacing depends on how far the document is, so try a few.
    for close_h in (9, 17, 27):
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (25, close_h))
        closed = cv2.morphologyEx(bw, cv2.MORPH_CLOSE, kernel)
        zone = cv2.erode(closed, np.ones((3, 3), np.uint8), iterations=2)
        contours, _ = cv2.findContours(zone, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for c in contours:
            (cx, cy), (w, h), angle = cv2.minAreaRect(c)
            if w < h:
                w, h = h, w
                angle += 90
            if w < 0.3 * w_img or h < 8 or w / h < 3.0 or w / h > 30:
                continue
            if any(abs(cx - x) < 20 and abs(cy - y) < 20 for x, y in centres):
                continue  # the same zone found with another closing
            band = _rectify(gray, c, 1.0 / scale)
            if band is not None:
                centres.append((cx, cy))
                found.append((w * (1 if abs(angle) < 30 or abs(angle - 180) < 30 else 0.5), band))
    if len(found) < max_bands:
        # Text just above the zone can join it at every closing: take the single line
        # bars instead and stack the ones that line up as an MRZ's lines do.
        for group in _stacked_bars(bw, w_img):
            band = _rectify(gray, group, 1.0 / scale)
            if band is not None:
                found.append((float(cv2.minAreaRect(group)[1][0]), band))
    found.sort(key=lambda t: -t[0])
    return [b for _, b in found[:max_bands]]


def _stacked_bars(bw: Any, w_img: int) -> list[Any]:
    """Point sets of 2 or 3 long, parallel, left-aligned line bars at an even pitch."""
    closed = cv2.morphologyEx(
        bw, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (25, 3))
    )
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    bars = []
    for c in contours:
        (cx, cy), (w, h), angle = cv2.minAreaRect(c)
        if w < h:
            w, h = h, w
            angle += 90
        if w >= 0.3 * w_img and h >= 3 and w / h >= 10:
            bars.append((cy, cx, w, h, angle % 180, c))
    bars.sort(key=lambda b: b[0])
    groups: list[Any] = []
    for i in range(len(bars)):
        run = [bars[i]]
        for b in bars[i + 1 :]:
            prev = run[-1]
            gap = b[0] - prev[0]
            if (
                abs(b[2] - prev[2]) < 0.15 * prev[2]
                and abs(b[1] - prev[1]) < 0.1 * prev[2]
                and min(abs(b[4] - prev[4]), 180 - abs(b[4] - prev[4])) < 4
                and 1.5 * prev[3] < gap < 5 * prev[3]
                and (len(run) < 2 or abs(gap - (run[1][0] - run[0][0])) < 0.25 * gap)
            ):
                run.append(b)
                if len(run) == 3:
                    break
        if len(run) >= 2:
            groups.append(np.vstack([r[5] for r in run]))
    return groups


def _rectify(gray: Gray, contour: Any, up: float) -> Band | None:
    """Warp the zone to an upright band; find its text lines."""
    hull = cv2.convexHull(contour)
    peri = cv2.arcLength(hull, True)
    quad = None
    for eps in (0.02, 0.04, 0.06):
        approx = cv2.approxPolyDP(hull, eps * peri, True)
        if len(approx) == 4:
            quad = approx.reshape(4, 2).astype(np.float32)
            break
    if quad is None:
        quad = cv2.boxPoints(cv2.minAreaRect(contour)).astype(np.float32)
    quad = _order(quad) * up
    tl, tr, br, bl = quad
    width = float(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = float(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    if width < 40 or height < 10:
        return None
    # Pad: the closing and erosion trim the zone's edges.
    pad_x, pad_y = width * 0.03, height * 0.35
    ux = (tr - tl) / (np.linalg.norm(tr - tl) + 1e-6)
    uy = (bl - tl) / (np.linalg.norm(bl - tl) + 1e-6)
    src = np.array(
        [
            tl - ux * pad_x - uy * pad_y,
            tr + ux * pad_x - uy * pad_y,
            br + ux * pad_x + uy * pad_y,
            bl - ux * pad_x + uy * pad_y,
        ],
        dtype=np.float32,
    )
    out_h = 120  # about 30-40 px per line: enough for the matcher and for tesseract
    out_w = int(out_h * (width + 2 * pad_x) / (height + 2 * pad_y))
    if out_w < 200:
        return None
    dst = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    band = cv2.warpPerspective(
        gray, m, (out_w, out_h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )
    band = deshear(band)
    lines = text_lines(band)
    if not 2 <= len(lines) <= 3:
        return None
    return Band(band, tuple(lines))


def deshear(band: Gray) -> Gray:
    """Undo the slant a perspective quad leaves: the shear giving the sharpest column gaps."""
    ink = binarize(band).astype(np.float32)
    h, w = ink.shape

    def sharpness(k: float) -> float:
        m = np.array([[1, k, -k * h / 2], [0, 1, 0]], np.float32)
        cols = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST).sum(axis=0)
        return float((cols * cols).sum())

    best = max(np.arange(-0.4, 0.41, 0.05), key=sharpness)
    best = max(np.arange(best - 0.04, best + 0.041, 0.01), key=sharpness)
    if abs(best) < 0.005:
        return band
    m = np.array([[1, best, -best * h / 2], [0, 1, 0]], np.float32)
    return cv2.warpAffine(
        band,
        m,
        (w, h),
        flags=cv2.INTER_CUBIC,
        borderMode=cv2.BORDER_REPLICATE,
    )


def _order(pts: Any) -> Any:
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    return np.array(
        [pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]],
        dtype=np.float32,
    )


def binarize(band: Gray) -> Gray:
    """Ink as 255 on 0, robust to glare and uneven light (local threshold)."""
    blur = cv2.GaussianBlur(band, (3, 3), 0)
    block = max(15, (band.shape[0] // 3) | 1)
    return cv2.adaptiveThreshold(
        blur, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 12
    )


def text_lines(band: Gray) -> list[tuple[int, int]]:
    """Row spans of the text lines in a band (by horizontal ink projection)."""
    ink = binarize(band)
    prof = (ink > 0).sum(axis=1).astype(np.float32)
    if prof.max() <= 0:
        return []
    on = prof > 0.25 * float(prof.max())
    spans: list[tuple[int, int]] = []
    start = None
    for y, v in enumerate(on):
        if v and start is None:
            start = y
        elif not v and start is not None:
            spans.append((start, y))
            start = None
    if start is not None:
        spans.append((start, len(on)))
    tall = max((b - a for a, b in spans), default=0)
    spans = [(a, b) for a, b in spans if b - a >= 0.4 * tall]
    # Blur can join two lines into one span twice as tall: split it at its thinnest row.
    if 1 <= len(spans) <= 2:
        heights = sorted(b - a for a, b in spans)
        a, b = max(spans, key=lambda s: s[1] - s[0])
        if len(spans) == 1 or (b - a) > 1.6 * heights[0]:
            inner = prof[a + (b - a) // 4 : b - (b - a) // 4]
            if len(inner):
                cut = a + (b - a) // 4 + int(np.argmin(inner))
                spans = sorted([s for s in spans if s != (a, b)] + [(a, cut), (cut + 1, b)])
    return spans
