"""Accessibility measured on the rendered screen: contrast, text size, touch targets.

The check works on what a citizen actually sees: the window is grabbed to an
image, and for each visible text its background and glyph colours are read from
the pixels (WCAG 2 contrast formula); text size comes from the font actually
used; touch targets and the gaps between them are measured in millimetres on
the configured panel.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QFontInfo, QImage
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget


@dataclass(frozen=True)
class Limits:
    """The numbers a mode must meet."""

    text_contrast: float
    min_text_px: int
    target_mm: float
    gap_mm: float


NORMAL_LIMITS = Limits(text_contrast=4.5, min_text_px=16, target_mm=11.0, gap_mm=2.0)
# 长辈模式: body text ≥ 30 px at 1080p, contrast ≥ 7:1, targets ≥ 15 mm, ≥ 3 mm apart.
ASSISTED_LIMITS = Limits(text_contrast=7.0, min_text_px=30, target_mm=15.0, gap_mm=3.0)


@dataclass(frozen=True)
class Breach:
    """One measured failure, with enough to find the widget."""

    kind: str
    widget: str
    measured: float
    required: float

    def __str__(self) -> str:
        return f"{self.kind} {self.widget}: {self.measured:.2f} < {self.required}"


def relative_luminance(c: QColor) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def chan(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * chan(c.red()) + 0.7152 * chan(c.green()) + 0.0722 * chan(c.blue())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 to 21."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def _name(w: QWidget) -> str:
    text = w.text() if isinstance(w, QLabel | QAbstractButton) else ""
    return f"{type(w).__name__}({w.objectName() or text[:20]!r})"


def image_array(image: QImage) -> np.ndarray:
    """The image as an (h, w) array of 0xRRGGBB integers."""
    img = image.convertToFormat(QImage.Format.Format_RGB32)
    arr = np.frombuffer(img.constBits(), dtype=np.uint32, count=img.sizeInBytes() // 4)
    return arr.reshape(img.height(), img.bytesPerLine() // 4)[:, : img.width()] & 0xFFFFFF


def _luminance_array(rgb: np.ndarray) -> np.ndarray:
    chans = [((rgb >> shift) & 0xFF) / 255.0 for shift in (16, 8, 0)]
    lin = [np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4) for c in chans]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def text_contrast(pixels: np.ndarray, rect: QRect) -> float | None:
    """Contrast of the glyphs in ``rect`` against its most common (background) colour."""
    area = pixels[rect.top() : rect.bottom() + 1, rect.left() : rect.right() + 1]
    colours, counts = np.unique(area, return_counts=True)
    if len(colours) < 2:
        return None  # nothing drawn here
    lum = _luminance_array(colours)
    bg = lum[int(np.argmax(counts))]
    # Glyph cores carry the true text colour; anti-aliased edges only lower the ratio.
    hi = np.maximum(lum, bg)
    lo = np.minimum(lum, bg)
    return float(np.max((hi + 0.05) / (lo + 0.05)))


def _text_rect(w: QWidget, window: QWidget) -> QRect:
    """The part of ``w`` where its text is drawn, in window coordinates, inside borders."""
    r = w.contentsRect()
    if isinstance(w, QAbstractButton):
        r = r.adjusted(6, 6, -6, -6)
    top_left = w.mapTo(window, r.topLeft())
    return QRect(top_left, r.size()).intersected(window.rect())


def visible_rect(w: QWidget, window: QWidget) -> QRect:
    """The part of ``w`` on screen now (inside every ancestor, e.g. a scroll viewport)."""
    if not w.isVisible() or w.width() <= 0 or w.height() <= 0:
        return QRect()
    r = QRect(w.mapTo(window, QPoint(0, 0)), w.size())
    p = w.parentWidget()
    while p is not None and p is not window and not r.isEmpty():
        r = r.intersected(QRect(p.mapTo(window, QPoint(0, 0)), p.size()))
        p = p.parentWidget()
    return r


def _visible(w: QWidget, window: QWidget) -> bool:
    # Scrolled out of view: not on screen now, measured when scrolled to.
    r = visible_rect(w, window)
    return r.width() > 4 and r.height() > 4


def check_window(window: QWidget, limits: Limits, px_per_mm: float) -> list[Breach]:
    """Every breach of ``limits`` on what ``window`` shows now."""
    pixels = image_array(window.grab().toImage())
    breaches: list[Breach] = []
    # Under a modal layer (idle warning, notices) only the layer can be read or touched.
    modal = window.findChild(QWidget, "overlay")
    scope = modal if modal is not None and modal.isVisible() else window
    texts = [
        w
        for w in scope.findChildren(QWidget)
        if isinstance(w, QLabel | QAbstractButton) and w.text().strip() and _visible(w, window)
    ]
    for w in texts:
        px = QFontInfo(w.font()).pixelSize()
        if px < limits.min_text_px:
            breaches.append(Breach("text-size", _name(w), px, limits.min_text_px))
        ratio = text_contrast(pixels, _text_rect(w, window))
        if ratio is not None and ratio < limits.text_contrast:
            breaches.append(Breach("contrast", _name(w), ratio, limits.text_contrast))
    targets = [
        w
        for w in scope.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QLineEdit) and w.isEnabled() and _visible(w, window)
    ]
    for w in targets:
        # A target's size is its whole face, even if a scroll area shows part of it now.
        size_mm = min(w.width(), w.height()) / px_per_mm
        if size_mm < limits.target_mm - 0.05:
            breaches.append(Breach("target-size", _name(w), size_mm, limits.target_mm))
    # Gaps are between what is on screen: a key half scrolled away ends at the viewport.
    rects = {w: visible_rect(w, window) for w in targets}
    for (a, ra), (b, rb) in combinations(rects.items(), 2):
        if a.isAncestorOf(b) or b.isAncestorOf(a) or ra.intersects(rb):
            continue
        dx = max(rb.left() - ra.right() - 1, ra.left() - rb.right() - 1, 0)
        dy = max(rb.top() - ra.bottom() - 1, ra.top() - rb.bottom() - 1, 0)
        if (dx == 0 or dy == 0) and max(dx, dy) / px_per_mm < limits.gap_mm - 0.05:
            pair = f"{_name(a)}|{_name(b)}"
            breaches.append(Breach("target-gap", pair, max(dx, dy) / px_per_mm, limits.gap_mm))
    return breaches


def _full_rect(w: QWidget, window: QWidget) -> QRect:
    return QRect(w.mapTo(window, QPoint(0, 0)), w.size())


def _controls(scope: QWidget) -> list[QWidget]:
    """What a citizen must be able to reach: buttons, fields and pictures (QR codes),
    and text a screen marks ``must_see`` (the guide's materials: read, not tapped)."""
    out: list[QWidget] = []
    for w in scope.findChildren(QWidget):
        picture = isinstance(w, QLabel) and not w.pixmap().isNull()
        must_see = w.property("must_see") is True
        if w.isVisible() and (isinstance(w, QAbstractButton | QLineEdit) or picture or must_see):
            out.append(w)
    return out


def out_of_reach(window: QWidget) -> list[str]:
    """Controls not wholly on screen now (below the fold, clipped or off the window).

    Measured without scrolling: a control inside a scroll area counts only where
    the viewport shows it, and "scroll to see it" is exactly what is refused.
    """
    modal = window.findChild(QWidget, "overlay")
    scope = modal if modal is not None and modal.isVisible() else window
    bad = []
    for w in _controls(scope):
        full = _full_rect(w, window)
        if full.isEmpty():
            continue
        if visible_rect(w, window) != full or not window.rect().contains(full):
            bad.append(f"{_name(w)} at {full.getRect()}")
    return bad
