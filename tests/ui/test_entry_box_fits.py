"""The boxes typed into on 查询 and 补打回执 (ui/widgets/entry_box.py) hold their example
whole at the largest text step on the narrowest panel (the clipping sweep, 长辈模式 at
字号 4/4 on 1080x1920 in English: "e.g. 002X" elided to "e.g. 0…" beside "Last 4 of ID
number:", and "The ID number you type shows here" 731 px wide in a 539 px box), and the
row's 查询 is never cut for it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from ui.clipping import clipped_texts
from ui.theme import TEXT_STEPS
from ui.tour import SCENES, stage

NAMES = ("track_", "reprint_", "btn_track_lookup")


@pytest.mark.parametrize("scene", ["track_last4", "reprint"])
@pytest.mark.parametrize("step", [len(TEXT_STEPS) - 1, len(TEXT_STEPS) - 2])
def test_the_example_fits_its_box_at_large_text(window, scene: str, step: int) -> None:  # type: ignore[no-untyped-def]
    window.resize(1080, 1920)
    stage(window, next(s for s in SCENES if s.name == scene), "en", True, text_step=step)
    window.resize(1080, 1920)
    for _ in range(3):
        QApplication.processEvents()
    cut = [p for p in clipped_texts(window) if any(f"('{n}" in p for n in NAMES)]
    assert cut == []
