"""Render a document to a PNG preview, one pixel per printer dot.

Uses the same layout as the ESC/POS renderer and draws text on the printer's
cell grid with Noto Sans Mono CJK SC (half-width Latin, full-width CJK, exactly
the 12/24-dot cells of font A). The face is selected by name inside the .ttc:
without a zh locale the default face is the Japanese one, whose forms of shared
characters differ.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from barcode.charsets import code128 as c128  # type: ignore[import-untyped]
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from .document import Align, Document
from .layout import (
    BarcodeItem,
    CutItem,
    FeedLines,
    ImageItem,
    LayoutItem,
    QrItem,
    TextLine,
    layout,
    qr_matrix,
)
from .types import PaperProfile

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
FONT_FACE = "Noto Sans Mono CJK SC"
CELL_H = 24  # font A glyph height in dots
LINE_H = 30  # glyph plus the printer's default line spacing
BASELINE = 21  # 0.88 em: where a 24-dot CJK glyph's baseline sits in its cell
MARGIN_Y = 16


class FontNotFoundError(RuntimeError):
    """fonts-noto-cjk is missing or has no Simplified Chinese face."""


@lru_cache(maxsize=8)
def cjk_font(bold: bool = False, size: int = CELL_H) -> ImageFont.FreeTypeFont:
    """The SC face of Noto Sans Mono CJK, looked up by name in the collection."""
    path = FONT_DIR / ("NotoSansCJK-Bold.ttc" if bold else "NotoSansCJK-Regular.ttc")
    for index in range(16):
        try:
            font = ImageFont.truetype(str(path), size, index=index)
        except OSError:
            break
        if font.getname()[0] == FONT_FACE:
            return font
    raise FontNotFoundError(f"{FONT_FACE} not found in {path} (install fonts-noto-cjk)")


@lru_cache(maxsize=8192)
def _advance(ch: str, bold: bool) -> float:
    return float(cjk_font(bold).getlength(ch))


def _x_for(align: Align, width: int, paper: int) -> int:
    if align is Align.CENTER:
        return max(0, (paper - width) // 2)
    if align is Align.RIGHT:
        return max(0, paper - width)
    return 0


def _text_image(item: TextLine, profile: PaperProfile) -> PILImage.Image:
    cell = profile.cell_dots
    w, h = item.size.factors
    base = PILImage.new("L", (max(1, item.cells * cell), LINE_H), 255)
    draw = ImageDraw.Draw(base)
    font = cjk_font(item.bold)
    # Glyphs sit on the baseline of a 24-dot CJK cell, leaving room for descenders.
    # Runs of characters whose advance in the monospaced face is exactly their cell
    # width are drawn in one call (per-character calls cost ~5x more); the rest
    # (curly quotes, dashes, Greek: narrower in the font, full cells on the
    # printer) are centred in their cells one by one.
    x = 0
    run_x, run = 0, ""
    for ch in item.text:
        span = cell if ch.isascii() else 2 * cell
        if _advance(ch, item.bold) == span:
            if not run:
                run_x = x
            run += ch
        else:
            if run:
                draw.text((run_x, BASELINE), run, font=font, fill=0, anchor="ls")
                run = ""
            gx = x + (span - _advance(ch, item.bold)) / 2
            draw.text((gx, BASELINE), ch, font=font, fill=0, anchor="ls")
        x += span
    if run.strip():
        draw.text((run_x, BASELINE), run, font=font, fill=0, anchor="ls")
    if item.underline:
        draw.line([(0, CELL_H + 1), (base.width, CELL_H + 1)], fill=0, width=2)
    if (w, h) != (1, 1):
        base = base.resize((base.width * w, base.height * h), PILImage.Resampling.NEAREST)
    return base


def _qr_image(item: QrItem) -> PILImage.Image:
    matrix = qr_matrix(item.data, item.error_level)
    size = matrix.shape[1] * item.module_dots
    return PILImage.fromarray(matrix, mode="L").resize((size, size), PILImage.Resampling.NEAREST)


def code128b_pattern(data: str) -> str:
    """Bar/space pattern ("1" = bar) of a CODE128 code set B symbol."""
    values = [104] + [ord(c) - 32 for c in data]
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], start=1))) % 103
    codes: tuple[str, ...] = c128.CODES
    stop: str = c128.STOP
    return "".join(codes[v] for v in [*values, check]) + stop


def _barcode_image(item: BarcodeItem) -> PILImage.Image:
    pattern = code128b_pattern(item.data)
    text_h = LINE_H if item.show_text else 0
    img = PILImage.new("L", (len(pattern) * item.module_dots, item.height_dots + text_h), 255)
    draw = ImageDraw.Draw(img)
    for i, bit in enumerate(pattern):
        if bit == "1":
            x = i * item.module_dots
            draw.rectangle([x, 0, x + item.module_dots - 1, item.height_dots - 1], fill=0)
    if item.show_text:
        font = cjk_font(False)
        tw = 12 * len(item.data)
        x = (img.width - tw) // 2
        draw.text((x, item.height_dots + 2 + BASELINE), item.data, font=font, fill=0, anchor="ls")
    return img


def _cut_image(profile: PaperProfile) -> PILImage.Image:
    img = PILImage.new("L", (profile.dots, 3 * LINE_H), 255)
    draw = ImageDraw.Draw(img)
    y = 2 * LINE_H
    for x in range(0, profile.dots, 12):
        draw.line([(x, y), (x + 6, y)], fill=128, width=2)
    return img


def _with_feed(img: PILImage.Image) -> PILImage.Image:
    # The ESC/POS renderer ends codes with LF, which feeds one line below the symbol.
    out = PILImage.new("L", (img.width, img.height + LINE_H), 255)
    out.paste(img, (0, 0))
    return out


def _render_item(
    item: LayoutItem, profile: PaperProfile
) -> tuple[PILImage.Image | None, Align, int]:
    """(image, alignment, blank height) for one layout item."""
    match item:
        case TextLine():
            return _text_image(item, profile), item.align, 0
        case FeedLines():
            return None, Align.LEFT, item.lines * LINE_H
        case QrItem():
            return _with_feed(_qr_image(item)), item.align, 0
        case BarcodeItem():
            return _with_feed(_barcode_image(item)), item.align, 0
        case ImageItem():
            return item.image.convert("L"), item.align, 0
        case CutItem():
            return _cut_image(profile), Align.LEFT, 0
    raise TypeError(f"not a layout item: {item!r}")


def render_image(doc: Document, profile: PaperProfile) -> PILImage.Image:
    """The receipt as a grayscale image, ``profile.dots`` wide."""
    parts: list[tuple[PILImage.Image | None, Align, int]] = [
        _render_item(item, profile) for item in layout(doc, profile)
    ]
    height = MARGIN_Y * 2 + sum(p[0].height if p[0] is not None else p[2] for p in parts)
    page = PILImage.new("L", (profile.dots, height), 255)
    y = MARGIN_Y
    for img, align, blank in parts:
        if img is None:
            y += blank
            continue
        page.paste(img, (_x_for(align, img.width, profile.dots), y))
        y += img.height
    return page


def render_png(doc: Document, profile: PaperProfile) -> bytes:
    """The receipt preview as PNG bytes."""
    buf = io.BytesIO()
    render_image(doc, profile).save(buf, format="PNG", compress_level=1)
    return buf.getvalue()
