"""One layout for both renderers: wrapping, alignment and code sizes per paper profile.

The printer's font A is a grid of 12x24-dot cells; ASCII takes one cell and
anything printed from the Chinese font (CJK, full-width forms, the yuan sign)
takes two. Both the ESC/POS and the PNG renderer draw exactly these lines, so
the preview wraps where the paper does.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import zxingcpp
from PIL import Image as PILImage

from .document import (
    Align,
    Barcode,
    Block,
    Cut,
    Document,
    Feed,
    Image,
    KeyValue,
    QrCode,
    QrErrorLevel,
    Separator,
    Size,
    Text,
    Title,
)
from .types import PaperProfile

FULLWIDTH_YUAN = "\uffe5"  # ￥, GBK A3A4: every Chinese printer has it
_NO_LINE_START = frozenset("，。、：；！？）】》」』”’…—,.;:!?)]}%")
_REPLACEMENT = "\uff1f"  # ？ full-width, keeps the two-cell width of what it replaces


@dataclass(frozen=True, slots=True)
class TextLine:
    """One printed line of text, already fitted to the paper."""

    text: str
    align: Align
    bold: bool
    underline: bool
    size: Size

    @property
    def cells(self) -> int:
        """Width in half-width cells before magnification."""
        return text_cells(self.text)


@dataclass(frozen=True, slots=True)
class FeedLines:
    """Blank lines."""

    lines: int


@dataclass(frozen=True, slots=True)
class QrItem:
    """A QR symbol with its module size chosen for this paper."""

    data: bytes
    error_level: QrErrorLevel
    align: Align
    modules: int  # symbol width in modules, without quiet zone
    module_dots: int


@dataclass(frozen=True, slots=True)
class BarcodeItem:
    """A CODE128-B barcode at a module width that fits the paper."""

    data: str
    height_dots: int
    module_dots: int
    align: Align
    show_text: bool


@dataclass(frozen=True, slots=True)
class ImageItem:
    """A 1-bit image already scaled to fit the paper."""

    image: PILImage.Image
    align: Align


@dataclass(frozen=True, slots=True)
class CutItem:
    """Cut the paper."""

    partial: bool


LayoutItem = TextLine | FeedLines | QrItem | BarcodeItem | ImageItem | CutItem


def normalize_text(text: str, four_byte_ok: bool = False) -> str:
    """Map text to what the printer can print: the yuan sign, tabs, unprintables.

    Half-width ¥ (U+00A5) is a four-byte GB18030 sequence that GBK printers
    cannot print, so it becomes full-width ￥. Characters outside GBK become ？
    unless the profile says the printer has the GB18030 four-byte planes.
    """
    out: list[str] = []
    for ch in text:
        if ch == "\u00a5":
            out.append(FULLWIDTH_YUAN)
        elif ch == "\t":
            out.append(" ")
        elif ch.isascii():
            if ch.isprintable():
                out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            continue
        elif not four_byte_ok and len(ch.encode("gb18030")) > 2:
            out.append(_REPLACEMENT)
        else:
            out.append(ch)
    return "".join(out)


def char_cells(ch: str) -> int:
    """Half-width cells a (normalised) character takes on the printer."""
    return 1 if ch.isascii() else 2


def text_cells(text: str) -> int:
    """Half-width cells a (normalised) string takes."""
    return sum(char_cells(c) for c in text)


def wrap(text: str, width: int) -> list[str]:
    """Wrap to ``width`` cells: Latin at spaces where possible, CJK anywhere."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        while para:
            if text_cells(line + para) <= width:
                line += para
                para = ""
                break
            # Take as many characters as fit, then back up to a space if the cut is mid-word.
            take, used = 0, text_cells(line)
            while take < len(para) and used + char_cells(para[take]) <= width:
                used += char_cells(para[take])
                take += 1
            cut = take
            if take < len(para) and para[take] != " " and para[take].isascii():
                space = para.rfind(" ", 0, take)
                if space > 0:
                    cut = space
                elif line == "" and take > 0 and para[take - 1].isascii():
                    cut = take  # one long word: break it
                elif line:
                    cut = 0
            if cut == 0 and not line:
                cut = max(take, 1)
            # Chinese line breaking: never start a line with closing punctuation.
            while 1 < cut < len(para) and para[cut] in _NO_LINE_START:
                cut -= 1
            line += para[:cut]
            lines.append(line.rstrip())
            line = ""
            para = para[cut:].lstrip(" ")
        lines.append(line)
    return lines


def columns_for(profile: PaperProfile, size: Size) -> int:
    """Cells per line at a magnification."""
    return profile.columns // size.factors[0]


@lru_cache(maxsize=64)
def qr_matrix(data: bytes, error_level: QrErrorLevel) -> npt.NDArray[np.uint8]:
    """The QR symbol (no quiet zone) as a module matrix, 0 = dark, 255 = light.

    zxing-cpp's encoder (C++) picks the smallest model-2 version and mixes
    numeric/alphanumeric/byte segments, as ESC/POS printers do with GS ( k in
    automatic mode, so the preview and the paper get the same symbol size. It
    is also ~10x faster than a pure-Python encoder, which matters for previews.
    """
    code = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode, ec_level=error_level.value)
    # A copy: a view would keep zxing-cpp's image alive in the cache until exit,
    # where nanobind reports every such survivor as a leak in the journal.
    matrix = np.array(code.to_image(scale=1, add_quiet_zones=False), dtype=np.uint8)
    matrix.setflags(write=False)
    return matrix


def qr_modules(data: bytes, error_level: QrErrorLevel) -> int:
    """Symbol width in modules of the smallest QR for ``data``."""
    return int(qr_matrix(data, error_level).shape[1])


def _qr_item(block: QrCode, profile: PaperProfile) -> QrItem:
    data = block.data.encode("utf-8")
    modules = qr_modules(data, block.error_level)
    # Leave a quiet zone of 4 modules each side inside the printable width.
    fit = profile.dots // (modules + 8)
    module = max(1, min(profile.qr_module_dots, fit, 16))
    return QrItem(data, block.error_level, block.align, modules, module)


def code128_modules(data: str) -> int:
    """Modules of a CODE128-B symbol: start, data, check (11 each) and stop (13)."""
    return 11 * (len(data) + 2) + 13


def _barcode_item(block: Barcode, profile: PaperProfile) -> BarcodeItem:
    if not block.data or not all(32 <= ord(c) < 127 for c in block.data):
        raise ValueError("CODE128-B takes printable ASCII only")
    modules = code128_modules(block.data) + 20  # quiet zones
    module = 3 if modules * 3 <= profile.dots else 2
    if modules * module > profile.dots:
        raise ValueError(f"barcode of {len(block.data)} characters does not fit {profile.name}")
    height = max(16, min(block.height_dots, 255))
    return BarcodeItem(block.data, height, module, block.align, block.show_text)


def _image_item(block: Image, profile: PaperProfile) -> ImageItem:
    img: PILImage.Image = PILImage.open(io.BytesIO(block.png))
    img.load()
    if img.mode in ("RGBA", "LA", "P"):
        img = img.convert("RGBA")
        bg = PILImage.new("RGBA", img.size, (255, 255, 255, 255))
        img = PILImage.alpha_composite(bg, img)
    img = img.convert("L")
    if img.width > profile.dots:
        h = max(1, round(img.height * profile.dots / img.width))
        img = img.resize((profile.dots, h), PILImage.Resampling.LANCZOS)
    return ImageItem(img.convert("1"), block.align)


def layout(doc: Document, profile: PaperProfile) -> list[LayoutItem]:
    """Lay a document out for one paper profile."""
    items: list[LayoutItem] = []
    for block in doc.blocks:
        items.extend(_layout_block(block, profile))
    return items


def _text_lines(
    text: str, profile: PaperProfile, align: Align, bold: bool, underline: bool, size: Size
) -> list[LayoutItem]:
    norm = normalize_text(text.replace("\r", ""), profile.gb18030_four_byte)
    return [
        TextLine(line, align, bold, underline, size)
        for line in wrap(norm, columns_for(profile, size))
    ]


def _layout_block(block: Block, profile: PaperProfile) -> list[LayoutItem]:
    four = profile.gb18030_four_byte
    match block:
        case Text():
            return _text_lines(
                block.text, profile, block.align, block.bold, block.underline, block.size
            )
        case Title():
            size = Size.DOUBLE
            # A title too wide for one double-size line drops to tall (full width) before wrapping.
            norm = normalize_text(block.text, four)
            if text_cells(norm) > columns_for(profile, size):
                size = Size.TALL
            return _text_lines(block.text, profile, Align.CENTER, True, False, size)
        case KeyValue():
            key = normalize_text(block.key, four)
            value = normalize_text(block.value, four)
            width = profile.columns
            gap = width - text_cells(key) - text_cells(value)
            if gap >= 1 and "\n" not in value:
                line = key + " " * gap + value
                return [TextLine(line, Align.LEFT, block.bold, False, Size.NORMAL)]
            out: list[LayoutItem] = [
                TextLine(line, Align.LEFT, False, False, Size.NORMAL) for line in wrap(key, width)
            ]
            out.extend(
                TextLine(line, Align.RIGHT, block.bold, False, Size.NORMAL)
                for line in wrap(value, width)
            )
            return out
        case Separator():
            return [
                TextLine(block.rule.value * profile.columns, Align.LEFT, False, False, Size.NORMAL)
            ]
        case Feed():
            return [FeedLines(max(0, block.lines))]
        case QrCode():
            return [_qr_item(block, profile)]
        case Barcode():
            return [_barcode_item(block, profile)]
        case Image():
            return [_image_item(block, profile)]
        case Cut():
            return [CutItem(block.partial)]
    raise TypeError(f"not a block: {block!r}")
