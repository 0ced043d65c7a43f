"""Issue #14: the bottom bar's buttons stay under the finger from the home screen to every
step of an application.

字号, 标准色 and (长辈模式) 再听一遍, 小声, 大声 moved as the step chip came: in landscape
the buttons gave the steps room in smaller width (标准色 and 再听一遍 narrowed by 9-14 px
at 1280x800, 长辈模式 字号 4/4, and everything right of them moved), and in portrait the
steps took a second row that pushed the buttons' row up by 50-71 px. Recorded on home and
on each step (catalog, identify, form, documents, review, submitted), in both modes at
1920x1080, 1280x800 and 1080x1920, at 字号 1/4 and 4/4: the same global geometry, and a
finger at a button's place on home still lands on that button.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect

from kiosk.flow import Screen
from tests.ui.test_bar_slots import BOTTOM, _settle, _shown, _tap
from tests.ui.test_tap_guard import _centre, _control_at
from ui.theme import TEXT_STEPS
from ui.tour import SCENES, stage

SIZES = [(1920, 1080), (1280, 800), (1080, 1920)]
# The apply journey's screens after the catalog, staged as a citizen reaches them.
STEPS = ["identify", "form", "documents", "review", "submitted"]


def _bottom(window) -> dict[str, QRect]:  # type: ignore[no-untyped-def]
    """Each bottom-bar button on screen and its place on the screen (global)."""
    out = {}
    for name in BOTTOM:
        b = _shown(window, name)
        if b is not None:
            out[name] = QRect(b.mapToGlobal(QPoint(0, 0)), b.size())
    return out


@pytest.mark.parametrize("step", [0, len(TEXT_STEPS) - 1], ids=["text1", "text4"])
@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_bottom_bar_buttons_stay_from_home_to_every_step(
    window,
    qtbot,
    size,
    assisted,
    step,  # type: ignore[no-untyped-def]
) -> None:
    window.resize(*size)
    _settle()
    if assisted:
        _tap(window, "btn_assisted")
    while window.display_prefs()[0] != step:
        _tap(window, "btn_text_size")
    window.resize(*size)
    _settle()
    assert window.core.screen() == Screen.HOME
    home = _bottom(window)
    wanted = set(BOTTOM) if assisted else {"btn_text_size", "btn_contrast"}
    assert set(home) == wanted, f"bottom bar on home: {sorted(home)}"
    at = {name: _centre(_shown(window, name)) for name in home}  # type: ignore[arg-type]
    scenes = {s.name: s for s in SCENES}

    def same_as_home(where: str) -> None:
        assert window.steps_bar.isVisible(), f"no steps on {where}"
        assert _bottom(window) == home, f"bottom bar moved on {where}: {_bottom(window)}"
        for name, point in at.items():
            assert _control_at(window, point) is _shown(window, name), f"{name} on {where}"

    _tap(window, "tile_apply")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.CATALOG, timeout=5000)
    _settle()
    same_as_home("catalog")
    for name in STEPS:
        stage(window, scenes[name], "zh", assisted, text_step=step)
        window.resize(*size)
        _settle()
        same_as_home(name)
