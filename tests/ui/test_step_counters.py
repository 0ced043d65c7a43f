"""Try-out 6, item 15, by taps in the real window.

长辈模式's one-question form said "Step 1 of 4" while the bar at the foot said "3/6": two
step counters at once. The form now counts questions (第 1 题，共 5 题 / Question 1 of
5); the bar alone counts the application's steps. And the step chip's pill had no room
around its words ("选择事项" filled it edge to edge, read as cut at the screen's edge in
portrait): its words sit inside the pill with a margin, at every size.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401
from tests.ui.test_dialogs_whole import assisted_at
from tests.ui.test_services_flow import click

STEPS = re.compile(r"^(Step \d|第 ?\d+ ?步)")
SIZES = [(1920, 1080), (1080, 1920), (1280, 800)]


def _shown_texts(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [w.text() for w in window.findChildren(QLabel) if w.isVisible() and w.text()]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_assisted_form_counts_questions_the_bar_counts_steps(rig: ApplyRig, lang: str) -> None:  # noqa: F811
    r = rig
    assisted_at(r, (1280, 800), lang, step=0)
    put_on(r.window, Screen.FORM, latin=lang == "en")
    r.at(Screen.FORM)
    progress = r.label("form_progress")
    want = "第 1 题，共 5 题" if lang == "zh" else "Question 1 of 5"
    assert progress == want
    texts = _shown_texts(r.window)
    chips = [
        w.text()
        for w in r.window.findChildren(QLabel)
        if w.isVisible() and w.objectName().startswith("step_")
    ]
    others = [t for t in texts if t not in chips]
    assert not [t for t in others if STEPS.match(t)], texts  # one counter of steps: the bar
    # The bar says where the application stands, as the journey's step (第3步, "Step 3":
    # a bare "3/6" read as a page count, try-out 12 N1).
    assert [t for t in chips if STEPS.match(t) and "3" in t], texts
    r.type("13800138000")
    r.click("btn_step_next")
    assert r.label("form_progress") == want.replace("1", "2", 1)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
def test_the_step_chip_has_room_around_its_words(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, size: tuple[int, int], assisted: bool
) -> None:
    window.resize(*size)
    if assisted:
        click(qtbot, window, "btn_assisted")
    for lang in ("zh", "en"):
        if window.core.sessions.current.language != lang:
            click(qtbot, window, "btn_lang")
        click(qtbot, window, "tile_apply")
        assert window.core.screen() == Screen.CATALOG
        chip = next(w for w in window.findChildren(QLabel, "step_0") if w.isVisible())
        area = chip.contentsRect()
        assert area.left() > 0 and area.right() < chip.width() - 1, (lang, area, chip.size())
        assert chip.fontMetrics().horizontalAdvance(chip.text()) <= area.width() + 1
        left = chip.mapTo(window, chip.rect().topLeft()).x()
        assert left >= 0 and left + chip.width() <= window.width()
        click(qtbot, window, "btn_home")
