"""深色 and 高对比 are two different themes, not two names for one: high contrast is pure
black, white and yellow (at least 7:1 everywhere), dark is a softer dark grey (WCAG AA,
4.5:1, or 7:1 in 长辈模式). Checked on the palettes and on the real window's pixels after
tapping the contrast button."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication

from tests.ui.helpers import wait_until_tappable
from ui import theme

BLACK_WHITE_YELLOW = {"#000000", "#FFFFFF", "#FFFF00"}
PAIRS = [
    ("text", "bg"),
    ("text", "surface"),
    ("text_muted", "bg"),
    ("text_muted", "surface"),
    ("primary_text", "primary"),
    ("secondary_text", "secondary"),
    ("danger_text", "danger"),
    ("warning_text", "warning_bg"),
]


def _least(t: theme.Tokens) -> float:
    return min(theme.contrast(getattr(t, a), getattr(t, b)) for a, b in PAIRS)


@pytest.mark.parametrize("base", [theme.NORMAL, theme.ASSISTED], ids=["normal", "assisted"])
def test_dark_and_high_contrast_palettes_differ(base: theme.Tokens) -> None:
    dark = theme.personalise(base, 0, "dark")
    high = theme.personalise(base, 0, "high")
    assisted = base is theme.ASSISTED
    assert _least(dark) >= (7.0 if assisted else 4.5), dark.name  # WCAG AA (AAA in 长辈模式)
    assert _least(high) >= 7.0, high.name
    # High contrast: only black, white and yellow on the surfaces and text.
    for c in ("bg", "surface", "text", "text_muted", "primary", "primary_text", "outline"):
        assert getattr(high, c).upper() in BLACK_WHITE_YELLOW, (c, getattr(high, c))
    assert high.bg == "#000000" and high.primary.upper() == "#FFFF00"
    # Dark: a grey page, not black, with tinted (not yellow) controls and softer text.
    assert theme.luminance(dark.bg) > 0.015 and theme.contrast(dark.bg, high.bg) >= 1.4
    assert dark.primary.upper() not in BLACK_WHITE_YELLOW
    assert theme.contrast(dark.text, dark.bg) < theme.contrast(high.text, high.bg) - 3
    assert dark.name != high.name


@pytest.mark.parametrize("contrast", theme.CONTRASTS)
@pytest.mark.parametrize("base", [theme.NORMAL, theme.ASSISTED], ids=["normal", "assisted"])
def test_action_chosen_and_chip_have_three_looks(base: theme.Tokens, contrast: str) -> None:
    """An action (下一步) filled with the primary colour, a chosen answer with a fill of
    its own (told from the action by lightness, not hue alone, and from the answers not
    chosen), an information chip with none: its text on the bar itself (try-out 14,
    C17/E5). Text on each at 7:1 in 高对比 and in 长辈模式, 4.5:1 elsewhere."""
    t = theme.personalise(base, 0, contrast)
    floor = 7.0 if contrast == "high" or base is theme.ASSISTED else 4.5
    fill, label = theme.chosen_colours(t)
    assert theme.contrast(label, fill) >= floor, (t.name, fill, label)
    assert theme.contrast(fill, t.primary) >= 3.0, (t.name, fill, t.primary)
    assert fill.upper() not in {t.secondary.upper(), t.bg.upper(), t.surface.upper()}
    text, line = theme.chip_colours(t)
    assert theme.contrast(text, t.surface) >= floor and theme.contrast(line, t.surface) >= 3.0
    sheet = theme.stylesheet(t)
    chip = sheet[sheet.index('QLabel[role="step_now"] {') :].split("}", 1)[0]
    assert "background: transparent" in chip and "border: none" in chip, chip
    assert t.primary not in chip, chip  # nothing of an action's colour on a chip


def _tap(qtbot, window, name: str) -> None:  # type: ignore[no-untyped-def]
    (b,) = [b for b in window.findChildren(QAbstractButton, name) if b.isVisible()]
    wait_until_tappable(b)
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
    for _ in range(3):
        QApplication.processEvents()


def _commonest(window) -> str:  # type: ignore[no-untyped-def]
    """The colour covering most of the window (the page or its tiles)."""
    img = window.grab().toImage()
    seen: Counter[str] = Counter()
    for y in range(0, img.height(), 9):
        for x in range(0, img.width(), 9):
            seen[img.pixelColor(x, y).name().upper()] += 1
    return seen.most_common(1)[0][0]


@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
def test_tapping_through_the_themes_shows_two_different_looks(
    window, qtbot, assisted: bool
) -> None:  # type: ignore[no-untyped-def]
    if assisted:
        _tap(qtbot, window, "tile_assisted")
    button = window.findChild(QAbstractButton, "btn_contrast")
    _tap(qtbot, window, "btn_contrast")
    assert button.text() == "深色"
    dark = _commonest(window)
    t = window.tokens()
    assert dark in (t.bg.upper(), t.surface.upper()) and dark != "#000000", dark
    _tap(qtbot, window, "btn_contrast")
    assert button.text() == "高对比"
    high = _commonest(window)
    assert high == "#000000", high
    assert theme.contrast(dark, high) >= 1.4
