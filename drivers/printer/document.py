"""The receipt document model: what a receipt says, independent of paper width.

A :class:`Document` is an immutable sequence of blocks. It renders to ESC/POS
bytes (:mod:`.escpos_render`) and to a PNG preview (:mod:`.png_render`) through
one shared layout (:mod:`.layout`), so the screen shows what the paper gets. It
serialises to JSON so a print job can be stored and reprinted byte-identically
after a restart.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Align(StrEnum):
    """Horizontal placement of a block."""

    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


class Size(StrEnum):
    """Character magnification (width x height), as the printer's GS ! command does it."""

    NORMAL = "normal"  # 1x1
    TALL = "tall"  # 1x2
    WIDE = "wide"  # 2x1
    DOUBLE = "double"  # 2x2
    BIG = "big"  # 3x3, for a queue number
    HUGE = "huge"  # 4x4

    @property
    def factors(self) -> tuple[int, int]:
        """(width, height) multipliers."""
        return _SIZE_FACTORS[self]


_SIZE_FACTORS: dict[Size, tuple[int, int]] = {
    Size.NORMAL: (1, 1),
    Size.TALL: (1, 2),
    Size.WIDE: (2, 1),
    Size.DOUBLE: (2, 2),
    Size.BIG: (3, 3),
    Size.HUGE: (4, 4),
}


class Rule(StrEnum):
    """Separator styles."""

    DASHED = "-"
    DOUBLE = "="
    STARS = "*"
    BLANK = " "


class QrErrorLevel(StrEnum):
    """QR error correction level."""

    L = "L"
    M = "M"
    Q = "Q"
    H = "H"


@dataclass(frozen=True, slots=True)
class Text:
    """A paragraph; wrapped to the paper width (CJK counts double)."""

    text: str
    align: Align = Align.LEFT
    bold: bool = False
    underline: bool = False
    size: Size = Size.NORMAL


@dataclass(frozen=True, slots=True)
class Title:
    """A centred, bold, double-size heading."""

    text: str


@dataclass(frozen=True, slots=True)
class KeyValue:
    """``key ........ value`` on one line when it fits, else the value on the lines below."""

    key: str
    value: str
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Separator:
    """A full-width rule."""

    rule: Rule = Rule.DASHED


@dataclass(frozen=True, slots=True)
class Feed:
    """Blank lines."""

    lines: int = 1


@dataclass(frozen=True, slots=True)
class QrCode:
    """A QR code (model 2, never Micro QR: zbar and OpenCV cannot read Micro QR).

    ``data`` is stored in the symbol as UTF-8 bytes.
    """

    data: str
    error_level: QrErrorLevel = QrErrorLevel.M
    align: Align = Align.CENTER


@dataclass(frozen=True, slots=True)
class Barcode:
    """A CODE128 barcode (code set B: printable ASCII) with its text below."""

    data: str
    height_dots: int = 64
    align: Align = Align.CENTER
    show_text: bool = True


@dataclass(frozen=True, slots=True)
class Image:
    """A raster image (PNG bytes), dithered to black and white and scaled to fit."""

    png: bytes
    align: Align = Align.CENTER


@dataclass(frozen=True, slots=True)
class Cut:
    """Feed to the cutter and cut (partial cut leaves a hinge so the slip does not drop)."""

    partial: bool = True


Block = Text | Title | KeyValue | Separator | Feed | QrCode | Barcode | Image | Cut

_BLOCK_TYPES: dict[str, type[Any]] = {
    "text": Text,
    "title": Title,
    "kv": KeyValue,
    "sep": Separator,
    "feed": Feed,
    "qr": QrCode,
    "barcode": Barcode,
    "image": Image,
    "cut": Cut,
}
_TYPE_NAMES: dict[type[Any], str] = {v: k for k, v in _BLOCK_TYPES.items()}
_ENUM_FIELDS: dict[str, type[StrEnum]] = {
    "align": Align,
    "size": Size,
    "rule": Rule,
    "error_level": QrErrorLevel,
}


@dataclass(frozen=True, slots=True)
class Document:
    """A receipt: blocks in print order."""

    blocks: tuple[Block, ...]
    # What slip it is ("submission_receipt", "queue_ticket" …), set by the kiosk's print
    # service for the printer: the demo's simulated printer names its pictures by it.
    # Not part of the document's content: not stored, not compared, not printed.
    kind: str = field(default="", compare=False)

    def qr_payloads(self) -> list[str]:
        """Contents of every QR code, in order (the first is the receipt code)."""
        return [b.data for b in self.blocks if isinstance(b, QrCode)]

    def to_json(self) -> bytes:
        """Serialise for storage (stable: the same document gives the same bytes)."""
        out: list[dict[str, Any]] = []
        for block in self.blocks:
            item: dict[str, Any] = {"t": _TYPE_NAMES[type(block)]}
            for name in block.__slots__:
                value = getattr(block, name)
                if isinstance(value, bytes):
                    value = base64.b64encode(value).decode("ascii")
                item[name] = value
            out.append(item)
        return json.dumps({"v": 1, "blocks": out}, ensure_ascii=False, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Document:
        """Inverse of :meth:`to_json` (ValueError on anything unexpected)."""
        try:
            raw = json.loads(data)
            if raw.get("v") != 1:
                raise ValueError(f"unknown document version {raw.get('v')!r}")
            blocks: list[Block] = []
            for item in raw["blocks"]:
                kind = _BLOCK_TYPES[item.pop("t")]
                kwargs: dict[str, Any] = {}
                for name, value in item.items():
                    if name == "png":
                        value = base64.b64decode(value)
                    elif name in _ENUM_FIELDS:
                        value = _ENUM_FIELDS[name](value)
                    kwargs[name] = value
                blocks.append(kind(**kwargs))
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"malformed document: {exc}") from exc
        return cls(tuple(blocks))


# Every kind of block a receipt has, bold and plain CJK included: rendering it once
# loads everything a renderer needs (see Printer.warm_up).
WARM_UP_DOCUMENT = Document(
    (
        Title("受理回执 Receipt"),
        Text("受理编号 1234567890", bold=True),
        KeyValue("预计办结 Ready on", "2026-01-01"),
        Separator(),
        QrCode("https://example.invalid/r/WARMUP"),
        Barcode("WARMUP-0001"),
        Cut(),
    )
)
