"""The OCR-B glyph matcher: the 37 MRZ characters rendered from the OCR-B font as templates.

MRZ characters are printed in OCR-B at a fixed pitch, so a rectified line splits
into equal cells; each cell's ink is scaled to the template size and compared with
the templates of the characters its position allows (normalised correlation).
The font comes from Debian's fonts-ocr-b; nothing is downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from drivers.mrz_ocr.layout import ALPHABET, CLASSES

OCRB_FONT = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")
PATCH_W, PATCH_H = 16, 24
GLYPH_FRACTION = 0.72  # an OCR-B glyph's ink width as a share of the character pitch


@dataclass(frozen=True, slots=True)
class Template:
    """One character's normalised patch and its ink height relative to a capital."""

    char: str
    patch: Any
    rel_height: float
    rel_width: float


def _normalise(ink: Any) -> Any:
    patch = cv2.resize(ink, (PATCH_W, PATCH_H), interpolation=cv2.INTER_AREA).astype(np.float32)
    patch -= patch.mean()
    n = float(np.linalg.norm(patch))
    return patch / n if n > 0 else patch


def _bbox(ink: Any) -> tuple[int, int, int, int] | None:
    ys, xs = np.nonzero(ink)
    if len(xs) == 0:
        return None
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


def render_templates(font_path: Path = OCRB_FONT, size: int = 64) -> dict[str, Template]:
    """Templates for the 37 characters, rendered with Pillow from the OCR-B font."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(font_path), size)
    cap_h = None
    out: dict[str, Template] = {}
    for ch in ALPHABET:
        img = Image.new("L", (size * 2, size * 2), 0)
        ImageDraw.Draw(img).text((size // 2, size // 4), ch, fill=255, font=font)
        ink = (np.asarray(img) > 127).astype(np.uint8) * 255
        box = _bbox(ink)
        assert box is not None, ch
        x0, y0, x1, y1 = box
        if cap_h is None:
            cap_h = float(y1 - y0)  # "A": the capital height
        out[ch] = Template(
            ch,
            _normalise(ink[y0:y1, x0:x1]),
            (y1 - y0) / cap_h,
            (x1 - x0) / cap_h,
        )
    return out


Cell = list[tuple[str, float]]  # the candidates for one character position, best first


class GlyphMatcher:
    """Reads a binarised, rectified MRZ line of ``n`` characters."""

    def __init__(self, templates: dict[str, Template] | None = None) -> None:
        self._t = templates if templates is not None else render_templates()

    def read_line(self, ink: Any, n: int, classes: str) -> list[Cell]:
        """Candidates for each of the line's ``n`` characters (empty when not a line).

        Two passes: shapes alone first, which gives the line's capital height from
        the glyphs it is sure of; then shapes and sizes (OCR-B digits stand 9 %
        taller than letters: the one thing that tells 0 from O).
        """
        cols = np.nonzero((ink > 0).sum(axis=0) > 0)[0]
        if len(cols) < n:
            return []
        h = ink.shape[0]
        # Extents from glyph-sized ink only (specks at the edge would stretch the pitch).
        _n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
        boxes = [s for s in stats[1:] if s[cv2.CC_STAT_HEIGHT] >= 0.3 * h]
        if not boxes:
            return []
        left = min(int(s[cv2.CC_STAT_LEFT]) for s in boxes)
        right = max(int(s[cv2.CC_STAT_LEFT] + s[cv2.CC_STAT_WIDTH]) for s in boxes)
        pitch = (right - left) / (n - 1 + GLYPH_FRACTION)
        spans = _glyph_spans(boxes, pitch)
        first = self._read(ink, n, spans, left, right, pitch, None, classes)
        sizes = [
            hgt / self._t[c[0][0]].rel_height
            for c, hgt in first
            if c[0][0] != "<" and c[0][1] > 0.5 and hgt > 0
        ]
        if not sizes:
            return [c for c, _ in first]
        cap = float(np.median(sizes))
        return [c for c, _ in self._read(ink, n, spans, left, right, pitch, cap, classes)]

    def _read(
        self,
        ink: Any,
        n: int,
        spans: list[tuple[int, int]],
        left: int,
        right: int,
        pitch: float,
        cap: float | None,
        classes: str,
    ) -> list[tuple[Cell, int]]:
        out: list[tuple[Cell, int]] = []
        if len(spans) == n:  # one component per character: the usual case
            for i, (x0, x1) in enumerate(spans):
                cell, _centre, hgt = self._match(ink[:, x0:x1], cap, _cls(classes, i))
                out.append((cell, hgt))
            return out
        last = right - pitch * GLYPH_FRACTION / 2
        cx = left + pitch * GLYPH_FRACTION / 2
        for i in range(n):
            x0 = max(0, round(cx - pitch / 2))
            x1 = min(ink.shape[1], round(cx + pitch / 2))
            cell, centre, hgt = self._match(ink[:, x0:x1], cap, _cls(classes, i))
            out.append((cell, hgt))
            # Follow the glyphs: a perspective the rectification missed stretches the
            # pitch along the line, so each step aims from this glyph at the last one.
            actual = x0 + centre if centre is not None else cx
            if i < n - 1:
                cx = actual + (last - actual) / (n - 1 - i)
        return out

    def _match(self, cell: Any, cap: float | None, cls: str) -> tuple[Cell, float | None, int]:
        box = _bbox(_main_ink(cell))
        allowed = CLASSES[cls]
        if box is None:
            return [("<", 0.0)], None, 0
        x0, y0, x1, y1 = box
        w = cell.shape[1]
        centre = (x0 + x1) / 2 if x0 > 0 and x1 < w else None
        patch = _normalise(cell[y0:y1, x0:x1])
        scored = []
        for ch in allowed:
            t = self._t[ch]
            score = float((patch * t.patch).sum())
            if cap is not None:
                score -= 3.0 * abs((y1 - y0) / cap - t.rel_height)
                score -= 0.5 * abs((x1 - x0) / cap - t.rel_width)
            scored.append((ch, score))
        scored.sort(key=lambda cs: -cs[1])
        return scored[:3], centre, y1 - y0


def _cls(classes: str, i: int) -> str:
    return classes[i] if i < len(classes) else "X"


def _glyph_spans(boxes: list[Any], pitch: float) -> list[tuple[int, int]]:
    """Column spans of the characters: components merged when they overlap, split when wide."""
    raw = sorted(
        (int(b[cv2.CC_STAT_LEFT]), int(b[cv2.CC_STAT_LEFT] + b[cv2.CC_STAT_WIDTH])) for b in boxes
    )
    merged: list[list[int]] = []
    for x0, x1 in raw:
        if merged and x0 < merged[-1][1] - 1:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    out: list[tuple[int, int]] = []
    for x0, x1 in merged:
        k = max(1, round((x1 - x0 + pitch * (1 - GLYPH_FRACTION)) / pitch))
        step = (x1 - x0) / k
        out.extend((int(x0 + j * step), int(x0 + (j + 1) * step)) for j in range(k))
    return out


def _main_ink(cell: Any) -> Any:
    """The cell's ink without specks and without a neighbour's edge touching the border."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(cell, connectivity=8)
    if n <= 1:
        return cell
    w = cell.shape[1]
    keep = np.zeros(n, dtype=bool)
    for i in range(1, n):
        x, _, cw, _ch, area = stats[i]
        if area < 4:
            continue
        touches = x == 0 or x + cw >= w
        if touches and cw < 0.25 * w:
            continue  # a sliver of the next character
        keep[i] = True
    if not keep.any():
        return np.zeros_like(cell)
    return (keep[labels] * 255).astype(np.uint8)
