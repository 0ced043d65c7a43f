"""Frame in, verified MRZ (or nothing) out.

Each candidate zone is read by the chosen engine, look-alikes are mapped into
the class each position allows, and the result must pass every check digit
(drivers.card.mrz.parse_mrz). Anything else is rejected: a wrong MRZ is never
accepted, and the citizen can always type the details instead.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

from drivers.card.mrz import MrzData, MrzFormat, parse_mrz
from drivers.card.types import BacKeys
from drivers.mrz_ocr.glyphs import Cell, GlyphMatcher
from drivers.mrz_ocr.layout import CLASSES, COVERED, LAYOUTS, LINE_LENGTH, constrain
from drivers.mrz_ocr.locate import Band, binarize, find_bands

# Characters OCR confuses with each other. A position showing one of them is read
# both ways; a zone is accepted only if exactly one reading passes the checks.
_LOOKALIKES = ("O0",)  # in OCR-B only O and 0 are near twins; others show up as close scores
MARGIN = 0.12  # a runner-up this close to the best is a second reading of the cell
MAX_DOUBT = 10  # at most 2**10 readings are checked per zone


class Engine(StrEnum):
    """Which engine reads the characters."""

    GLYPHS = "glyphs"  # OCR-B template matcher (default: faster and more reads, measured)
    TESSERACT = "tesseract"


@dataclass(frozen=True, slots=True)
class MrzRead:
    """A verified MRZ: every check digit passed. ``repr`` carries nothing personal."""

    data: MrzData
    text: str
    elapsed_ms: float

    def __repr__(self) -> str:
        return f"MrzRead({self.data.format.value})"

    @property
    def bac_keys(self) -> BacKeys:
        """The keys BAC needs, straight from the verified zone."""
        return BacKeys(self.data.document_number, self.data.birth_date, self.data.expiry_date)


class MrzReader:
    """Reads MRZs from camera frames with one engine."""

    def __init__(self, engine: Engine = Engine.GLYPHS) -> None:
        self.engine = engine
        self._glyphs = GlyphMatcher() if engine is Engine.GLYPHS else None

    def read(self, frame: Any) -> MrzRead | None:
        """The verified MRZ in ``frame``, or None (no zone, or a read that fails its checks)."""
        t0 = time.perf_counter()
        for band in find_bands(frame):
            lines = self._cells(band)
            if lines:
                found = unique_reading(lines, LAYOUTS[_format(band)], COVERED[_format(band)])
                if found is not None:
                    data, text = found
                    return MrzRead(data, text, (time.perf_counter() - t0) * 1000.0)
        return None

    def _cells(self, band: Band) -> list[list[Cell]]:
        """Per line, per position, the candidate characters (empty when unreadable)."""
        fmt = _format(band)
        layout = LAYOUTS[fmt]
        n = LINE_LENGTH[fmt]
        if self.engine is Engine.TESSERACT:
            text = self._tesseract(band)
            if not text:
                return []
            return [[[(ch, 1.0)] for ch in line] for line in text[0].split("\n")]
        assert self._glyphs is not None
        ink = binarize(band.image)
        out: list[list[Cell]] = []
        for (a, b), cls in zip(band.lines, layout, strict=False):
            pad = max(1, (b - a) // 6)
            cells = self._glyphs.read_line(ink[max(0, a - pad) : b + pad], n, cls)
            if len(cells) != n:
                return []
            out.append(cells)
        return out

    def _tesseract(self, band: Band) -> list[str]:
        from drivers.mrz_ocr.tesseract import read_band

        fmt = _format(band)
        layout = LAYOUTS[fmt]
        n = LINE_LENGTH[fmt]
        lines = [ln for ln in read_band(band.image) if len(ln) >= n - 4]
        if len(lines) != len(layout):
            return []
        fixed = [
            constrain(ln[:n].ljust(n, "<"), cls) for ln, cls in zip(lines, layout, strict=True)
        ]
        return ["\n".join(fixed)]


def _format(band: Band) -> MrzFormat:
    return MrzFormat.TD1 if len(band.lines) == 3 else MrzFormat.TD3


def unique_reading(
    lines: list[list[Cell]], layout: tuple[str, ...], covered: tuple[str, ...]
) -> tuple[MrzData, str] | None:
    """The best reading if it passes every check digit and no other reading does.

    Doubtful positions (a close runner-up, or O/0 where both are allowed) are read
    every way; a second reading that also passes its checks but gives other BAC
    keys means the zone cannot be trusted, and nothing is accepted.
    """
    doubts: list[tuple[int, int, list[str], float]] = []
    for li, (cells, classes) in enumerate(zip(lines, layout, strict=True)):
        for pi, cell in enumerate(cells):
            if covered[li][pi] != "c":
                continue  # no check digit could tell the readings apart
            best = cell[0]
            options = [best[0]]
            margin = 1.0
            if len(cell) > 1:
                margin = best[1] - cell[1][1]
                if margin < MARGIN:
                    options.append(cell[1][0])
            for group in _LOOKALIKES:
                if best[0] in group:
                    allowed = CLASSES[classes[pi]] if pi < len(classes) else ""
                    options.extend(c for c in group if c in allowed and c not in options)
                    margin = min(margin, 0.0)
            if len(options) > 1:
                doubts.append((li, pi, options, margin))
    if len(doubts) > MAX_DOUBT:
        return None  # too much doubt to be sure of anything
    base = [[c[0][0] for c in cells] for cells in lines]
    primary = "\n".join("".join(r) for r in base)
    data = parse_mrz(primary)
    if not isinstance(data, MrzData):
        return None
    # Second readings only ever refuse, never correct: a correction could pair one
    # misread with a compensating one that the check digits cannot see.
    keys = (data.document_number, data.birth_date, data.expiry_date)
    for choice in itertools.product(*(d[2] for d in doubts)):
        rows = [list(r) for r in base]
        for (li, pi, _opts, _m), ch in zip(doubts, choice, strict=True):
            rows[li][pi] = ch
        other = parse_mrz("\n".join("".join(r) for r in rows))
        if (
            isinstance(other, MrzData)
            and (
                other.document_number,
                other.birth_date,
                other.expiry_date,
            )
            != keys
        ):
            return None
    return data, primary


def read_jpeg(reader: MrzReader, jpeg: bytes) -> MrzRead | None:
    """Decode a camera JPEG and read its MRZ (None when it does not decode or has none)."""
    import cv2

    img = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_GRAYSCALE)
    if img is None:
        return None
    return reader.read(img)
