"""Load the CJK font at every size and weight the theme uses before a citizen needs it.

Noto Sans CJK is a large font: the first text drawn at a new size or weight costs
3-11 ms to set the face up (FreeType, HarfBuzz), and one screen can need several
(a chosen tile turns bold, a thank-you appears in title size). Drawn once into a
scrap image between citizens, those costs leave the citizen's taps.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFont, QImage, QPainter

from ui.theme import FONT_FAMILIES, Tokens

# Common characters in both scripts, and the stars of the rating tiles.
SAMPLE = "办事查询预约评价已选择谢谢您 ABC 123 ★☆"


def warm_font_steps(tokens: Tokens) -> list[Callable[[], None]]:
    """One step per (size, weight) of the type scale, each drawing a sample once."""
    sizes = sorted(
        {
            tokens.px(px)
            for px in (
                tokens.small_px,
                tokens.body_px,
                tokens.button_px,
                tokens.heading_px,
                tokens.tile_px,
                tokens.title_px,
                tokens.title_px * 2,
            )
        }
    )
    return [lambda s=size, b=bold: _draw(s, b) for size in sizes for bold in (False, True)]


def _draw(pixel_size: int, bold: bool) -> None:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(pixel_size)
    font.setBold(bold)
    image = QImage(8, 8, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    painter.setFont(font)
    painter.drawText(0, pixel_size, SAMPLE)
    painter.end()
