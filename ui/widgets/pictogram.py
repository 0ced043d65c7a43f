"""Pictograms (one per department, plus "more"), drawn in the theme's text colour.

Shapes carry meaning together with words, never instead of them and never by
colour alone; SVG keeps them sharp at the assisted mode's sizes.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer


@cache
def _svg(name: str) -> bytes | None:
    f = resources.files("ui").joinpath(f"pictograms/{name}.svg")
    return f.read_bytes() if f.is_file() else None


def pictogram(name: str, size_px: int, colour: str) -> QPixmap | None:
    """The pictogram ``name`` at ``size_px`` in ``colour``, or None if there is none."""
    raw = _svg(name)
    if raw is None:
        return None
    renderer = QSvgRenderer(QByteArray(raw.replace(b"#000", colour.encode())))
    pix = QPixmap(size_px, size_px)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    renderer.render(painter)
    painter.end()
    return pix
