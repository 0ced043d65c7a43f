"""PNG previews of every template, both languages, both paper widths, against references.

Regenerate after an intended change with ``UPDATE_PRINTER_SNAPSHOTS=1`` and look at
the diff of tests/unit/printer/snapshots/ before committing it.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from drivers.printer.png_render import render_png
from drivers.printer.types import PAPER_58MM, PAPER_80MM, PaperProfile
from kiosk.receipts.samples import SAMPLES

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("UPDATE_PRINTER_SNAPSHOTS") == "1"
# Share of pixels allowed to differ by more than a grey level of 64: absorbs
# FreeType hinting/antialiasing changes, catches a moved line or a missing glyph.
MAX_DIFF_SHARE = 0.003


@pytest.mark.parametrize("name", sorted(SAMPLES))
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("profile", [PAPER_58MM, PAPER_80MM], ids=lambda p: p.name)
def test_png_matches_snapshot(name: str, lang: str, profile: PaperProfile) -> None:
    png = render_png(SAMPLES[name](lang), profile)
    path = SNAPSHOTS / f"{name}-{lang}-{profile.name}.png"
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"missing snapshot {path.name}; run with UPDATE_PRINTER_SNAPSHOTS=1")
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_bytes(png)
        return
    got = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=np.int16)
    want = np.asarray(Image.open(path).convert("L"), dtype=np.int16)
    assert got.shape == want.shape, f"size changed: {got.shape} vs {want.shape}"
    assert got.shape[1] == profile.dots
    share = float((np.abs(got - want) > 64).mean())
    assert share <= MAX_DIFF_SHARE, f"{share:.4%} of pixels differ from {path.name}"
