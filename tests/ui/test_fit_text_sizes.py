"""Every step fits at the citizen's largest text size (字号 4/4), in both modes.

The fit check in test_accessibility.py runs at text step 1/4; a citizen who picks the
largest step must not get controls below the fold, a window that grows, content that
has to be scrolled to be read, or entry fields too short to show their own digits (a
field shorter than its font's line is clipped through the characters).
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLineEdit, QWidget

from ui.a11y import out_of_reach
from ui.theme import ASSISTED, NORMAL, TEXT_STEPS, personalise, tokens_for
from ui.tour import SCENES, stage

LARGEST = len(TEXT_STEPS) - 1
SIZES = [(1920, 1080), (1080, 1920), (1280, 800)]
MODES = ("normal", "assisted")
# (scene, mode, size) still failing at the largest step, in either language. A
# ratchet: a new gap fails, and so does a gap fixed but still listed.
SMALL_NORMAL: list[str] = []
SMALL_ASSISTED: list[str] = []
KNOWN_GAPS: set[tuple[str, str, str]] = {
    # 1280x800 at the largest step: keypads' bottom rows below the fold, tiles cut,
    # windows taller than the panel, content that scrolls (measured 2026-12-04).
    *{(s, "normal", "1280x800") for s in SMALL_NORMAL},
    *{(s, "assisted", "1280x800") for s in SMALL_ASSISTED},
}


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def clipped_fields(window: QWidget) -> list[str]:
    """Visible entry fields whose inside is shorter than one line of their own font."""
    bad = []
    for f in window.findChildren(QLineEdit):
        if not f.isVisible():
            continue
        line = QFontMetrics(f.font()).height()
        inner = f.contentsRect().height()
        if inner < line:
            bad.append(f"{f.objectName() or type(f).__name__} {inner}px < line {line}px")
    return bad


def needs_scrolling(window: QWidget) -> list[str]:
    """Visible scrolling areas whose content is taller than what they show."""
    bad = []
    for a in window.findChildren(QAbstractScrollArea):
        hidden = a.verticalScrollBar().maximum()
        if a.isVisible() and hidden > 0:
            bad.append(f"{type(a.parent()).__name__} scrolls {hidden}px")
    return bad


def _use_step(window, step: int) -> None:  # type: ignore[no-untyped-def]
    if window.display_prefs() != (step, "standard"):
        window._set_display(step, "standard")  # what tapping 字号 does, without the taps


@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
def test_every_control_fits_at_the_largest_text_size(window, assisted: bool) -> None:  # type: ignore[no-untyped-def]
    mode = "assisted" if assisted else "normal"
    gaps: dict[tuple[str, str, str], list[str]] = {}
    for w, h in SIZES:
        for lang in ("zh", "en"):
            window.resize(w, h)
            for scene in SCENES:
                if scene.name.startswith("maintenance"):
                    continue  # the technicians' panel ignores citizens' settings
                # The size chosen first: an overlay the scene opens stays up to be measured.
                stage(window, scene, lang, assisted, text_step=LARGEST)
                _use_step(window, LARGEST)
                window.resize(w, h)
                _settle()
                assert window.display_prefs()[0] == LARGEST
                bad = out_of_reach(window) + clipped_fields(window) + needs_scrolling(window)
                if (window.width(), window.height()) != (w, h):
                    bad.append(f"window grew to {window.width()}x{window.height()}")
                    window.resize(w, h)
                if bad:
                    gaps.setdefault((scene.name, mode, f"{w}x{h}"), []).extend(bad[:3])
    known = {k for k in KNOWN_GAPS if k[1] == mode}
    new = {k: v for k, v in gaps.items() if k not in known}
    assert not new, "\n".join(f"{k}: {v}" for k, v in sorted(new.items()))
    fixed = known - set(gaps)
    assert not fixed, f"fixed, take off KNOWN_GAPS: {sorted(fixed)}"


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
