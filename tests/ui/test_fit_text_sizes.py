"""Every step fits at the citizen's largest text size (字号 4/4), in both modes.

The fit check in test_accessibility.py runs at text step 1/4; a citizen who picks the
largest step must not get controls below the fold, content that has to be scrolled to
be read, or entry fields too short to show their own digits (a field shorter than its
font's line is clipped through the characters). The clipping sweep checks every toured
scene so at 字号 4/4, at each panel size, in both modes and languages
(tests/ui/fit_clip_child.py, run by test_fit_clipping.py): here, that the steps grow and
that the field check sees a clipped field.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.ui.fit_clip_child import clipped_fields, needs_scrolling
from ui.theme import ASSISTED, NORMAL, TEXT_STEPS, personalise, tokens_for

__all__ = ["LARGEST", "SIZES", "clipped_fields", "needs_scrolling"]  # other tests' helpers

LARGEST = len(TEXT_STEPS) - 1
SIZES = [(1920, 1080), (1080, 1920), (1280, 800)]


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
def test_each_text_step_is_larger_than_the_last(assisted: bool) -> None:
    base = tokens_for(assisted, False, 4.03)
    for field in ("body_px", "small_px", "heading_px", "title_px", "tile_px", "button_px"):
        sizes = [getattr(personalise(base, s, "standard"), field) for s in range(len(TEXT_STEPS))]
        assert all(b > a for a, b in pairwise(sizes)), (field, sizes)


def test_checker_catches_a_clipped_field(window) -> None:  # type: ignore[no-untyped-def]
    f = QLineEdit("12", window.centralWidget())
    f.setStyleSheet("font-size: 40px; min-height: 4px; max-height: 8px;")
    f.move(300, 300)
    f.show()
    _settle()
    assert any("< line" in b for b in clipped_fields(window))
    assert ASSISTED.body_px > NORMAL.body_px
