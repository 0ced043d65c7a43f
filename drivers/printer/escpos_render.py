"""Render a document to ESC/POS bytes.

We build the bytes ourselves rather than through python-escpos's text encoder:
it sends a string as GB18030 only when it contains a CJK ideograph, so ￥ or
full-width punctuation alone print as ``?``. Here every non-ASCII run goes out
as GBK/GB18030 between ``FS &`` and ``FS .`` (Chinese character mode on/off),
and ASCII stays single-byte outside it. The python-escpos transports carry the
result unchanged.
"""

from __future__ import annotations

from .document import Align, Document, QrErrorLevel
from .layout import (
    BarcodeItem,
    CutItem,
    FeedLines,
    ImageItem,
    LayoutItem,
    QrItem,
    TextLine,
    layout,
)
from .types import PaperProfile

ESC = b"\x1b"
GS = b"\x1d"
FS = b"\x1c"
DLE = b"\x10"
LF = b"\n"

INIT = ESC + b"@"
CJK_ON = FS + b"&"
CJK_OFF = FS + b"."
_ALIGN = {Align.LEFT: 0, Align.CENTER: 1, Align.RIGHT: 2}
_QR_EC = {QrErrorLevel.L: 48, QrErrorLevel.M: 49, QrErrorLevel.Q: 50, QrErrorLevel.H: 51}
_RASTER_BAND_ROWS = 128  # small bands: some printers have tiny receive buffers for GS v 0


def encode_text(text: str) -> bytes:
    """Encode a normalised line: ASCII as is, every other run inside FS & … FS ."""
    out = bytearray()
    run: list[str] = []

    def flush() -> None:
        if run:
            out.extend(CJK_ON + "".join(run).encode("gb18030") + CJK_OFF)
            run.clear()

    for ch in text:
        if ch.isascii():
            flush()
            out.append(ord(ch))
        else:
            run.append(ch)
    flush()
    return bytes(out)


def _gs_k(fn: int, params: bytes) -> bytes:
    """A ``GS ( k`` 2D-code function for QR (cn = 49)."""
    body = bytes([49, fn]) + params
    return GS + b"(k" + len(body).to_bytes(2, "little") + body


def _text(item: TextLine) -> bytes:
    w, h = item.size.factors
    return (
        ESC
        + b"a"
        + bytes([_ALIGN[item.align]])
        + GS
        + b"!"
        + bytes([((w - 1) << 4) | (h - 1)])
        + ESC
        + b"E"
        + bytes([int(item.bold)])
        + ESC
        + b"-"
        + bytes([int(item.underline)])
        + encode_text(item.text)
        + LF
    )


def _qr(item: QrItem) -> bytes:
    return (
        ESC
        + b"a"
        + bytes([_ALIGN[item.align]])
        + _gs_k(65, b"\x32\x00")  # model 2
        + _gs_k(67, bytes([item.module_dots]))
        + _gs_k(69, bytes([_QR_EC[item.error_level]]))
        + _gs_k(80, b"0" + item.data)  # store
        + _gs_k(81, b"0")  # print
        + LF
    )


def _barcode(item: BarcodeItem) -> bytes:
    data = b"{B" + item.data.encode("ascii")
    return (
        ESC
        + b"a"
        + bytes([_ALIGN[item.align]])
        + GS
        + b"h"
        + bytes([item.height_dots])
        + GS
        + b"w"
        + bytes([item.module_dots])
        + GS
        + b"H"
        + bytes([2 if item.show_text else 0])
        + GS
        + b"f"
        + b"\x00"
        + GS
        + b"k"
        + bytes([73, len(data)])
        + data
        + LF
    )


def _image(item: ImageItem) -> bytes:
    img = item.image
    width_bytes = (img.width + 7) // 8
    # PIL "1" mode: 0 is black; ESC/POS raster: 1 is a printed dot.
    packed = img.point(lambda v: 255 - v).tobytes("raw", "1")
    out = bytearray(ESC + b"a" + bytes([_ALIGN[item.align]]))
    for top in range(0, img.height, _RASTER_BAND_ROWS):
        rows = min(_RASTER_BAND_ROWS, img.height - top)
        band = packed[top * width_bytes : (top + rows) * width_bytes]
        out += GS + b"v0\x00" + width_bytes.to_bytes(2, "little") + rows.to_bytes(2, "little")
        out += band
    return bytes(out)


def render_item(item: LayoutItem) -> bytes:
    """ESC/POS bytes for one layout item."""
    match item:
        case TextLine():
            return _text(item)
        case FeedLines():
            return ESC + b"d" + bytes([min(item.lines, 255)]) if item.lines else b""
        case QrItem():
            return _qr(item)
        case BarcodeItem():
            return _barcode(item)
        case ImageItem():
            return _image(item)
        case CutItem():
            # GS V 66/65 n: feed to the cutter, then partial/full cut.
            return GS + b"V" + bytes([66 if item.partial else 65, 0])
    raise TypeError(f"not a layout item: {item!r}")


def render_escpos(doc: Document, profile: PaperProfile) -> bytes:
    """The complete job: initialise, every block, and a feed if the document does not cut."""
    items = layout(doc, profile)
    out = bytearray(INIT + CJK_OFF)
    for item in items:
        out += render_item(item)
    if not items or not isinstance(items[-1], CutItem):
        out += ESC + b"d\x04"
    # Leave the printer in its power-on text state for whoever prints next.
    out += ESC + b"a\x00" + GS + b"!\x00" + ESC + b"E\x00" + ESC + b"-\x00"
    return bytes(out)
