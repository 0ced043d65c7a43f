"""Accessibility measured on every toured screen: both modes, languages and themes.

Normal mode: text contrast >= 4.5:1, targets >= 11 mm. Assisted mode (长辈模式):
text >= 30 px at 1080p, contrast >= 7:1, targets >= 15 mm at least 3 mm apart.
The panel is the configured 21.5-inch 1920x1080 display.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from ui.a11y import ASSISTED_LIMITS, NORMAL_LIMITS, check_window, contrast_ratio, out_of_reach
from ui.theme import ASSISTED, ASSISTED_DARK, ASSISTED_SOFT_DARK, NORMAL, NORMAL_DARK
from ui.tour import SCENES, stage


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_screen_meets_the_numbers(window, assisted: bool, dark: bool, lang: str) -> None:  # type: ignore[no-untyped-def]
    display = window.core.settings.display
    object.__setattr__(display, "theme", "dark" if dark else "light")
    limits = ASSISTED_LIMITS if assisted else NORMAL_LIMITS
    failures: dict[str, list[str]] = {}
    window._apply_theme()  # the theme setting changed under the window
    window._drop_screens()
    for scene in SCENES:
        stage(window, scene, lang, assisted)
        breaches = check_window(window, limits, display.px_per_mm)
        if breaches:
            failures[scene.name] = [str(b) for b in breaches[:8]]
    assert not failures, failures


@pytest.mark.parametrize(
    "tokens",
    [ASSISTED, ASSISTED_DARK, ASSISTED_SOFT_DARK],
    ids=["assisted", "assisted_dark", "assisted_soft_dark"],
)
def test_assisted_control_outlines_have_3_to_1_contrast(tokens) -> None:  # type: ignore[no-untyped-def]
    outline = QColor(tokens.outline)
    for bg in (tokens.bg, tokens.surface, tokens.secondary):
        assert contrast_ratio(outline, QColor(bg)) >= 3.0
    assert tokens.line_height >= 1.3


@pytest.mark.parametrize(
    "tokens",
    [NORMAL, NORMAL_DARK, ASSISTED, ASSISTED_DARK, ASSISTED_SOFT_DARK],
    ids=lambda t: t.name,
)
def test_token_text_pairs_meet_contrast(tokens) -> None:  # type: ignore[no-untyped-def]
    need = 7.0 if tokens.name.startswith("assisted") else 4.5
    pairs = [
        (tokens.text, tokens.bg),
        (tokens.text, tokens.surface),
        (tokens.text_muted, tokens.bg),
        (tokens.text_muted, tokens.surface),
        (tokens.primary_text, tokens.primary),
        (tokens.secondary_text, tokens.secondary),
        (tokens.danger_text, tokens.danger),
        (tokens.warning_text, tokens.warning_bg),
    ]
    for fg, bg in pairs:
        assert contrast_ratio(QColor(fg), QColor(bg)) >= need, (tokens.name, fg, bg)


def test_checker_catches_low_contrast_and_small_targets(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel, QPushButton

    label = QLabel("灰色小字 faint", window.centralWidget())
    label.setStyleSheet("color: #C8C8C8; background: #FFFFFF; font-size: 12px;")
    label.move(400, 400)
    label.show()
    tiny = QPushButton("x", window.centralWidget())
    tiny.setStyleSheet("min-height: 10px; min-width: 10px; max-height: 10px; max-width: 10px;")
    tiny.move(600, 400)
    tiny.show()
    _settle()
    kinds = {b.kind for b in check_window(window, NORMAL_LIMITS, 4.03)}
    assert {"contrast", "text-size", "target-size"} <= kinds


SIZES = [(1920, 1080), (1080, 1920), (1280, 800)]
# Screens where a control is still below the fold or clipped (scene, mode, size), in
# either language. A ratchet: a new gap fails, and so does a gap fixed but still listed.
KNOWN_GAPS: set[tuple[str, str, str]] = set()


@pytest.mark.long(95)
@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
def test_every_control_is_on_screen_without_scrolling(window, assisted: bool) -> None:  # type: ignore[no-untyped-def]
    """At each size, on every staged scene: no control below the fold, the window not grown."""
    mode = "assisted" if assisted else "normal"
    gaps: dict[tuple[str, str, str], list[str]] = {}
    for w, h in SIZES:
        for lang in ("zh", "en"):
            window.resize(w, h)
            for scene in SCENES:
                if scene.name.startswith("maintenance"):
                    continue  # the technicians' panel: lists that scroll by design
                stage(window, scene, lang, assisted)  # raises unless the scene was reached
                # The panel does not grow: undo what an earlier scene's screen claimed,
                # so only this scene's own screen can keep the window larger.
                window.resize(w, h)
                _settle()
                bad = out_of_reach(window)
                if (window.width(), window.height()) != (w, h):  # pushed off a real screen
                    bad.append(f"window grew to {window.width()}x{window.height()}")
                    window.resize(w, h)
                if bad:
                    gaps.setdefault((scene.name, mode, f"{w}x{h}"), []).extend(bad[:3])
    known = {k for k in KNOWN_GAPS if k[1] == mode}
    new = {k: v for k, v in gaps.items() if k not in known}
    assert not new, new
    fixed = known - set(gaps)
    assert not fixed, f"fixed, take off KNOWN_GAPS: {sorted(fixed)}"
