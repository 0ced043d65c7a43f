"""Three looks that never meet, in every theme (standard, 深色, 高对比) and both modes:
an action is filled (下一步), a chosen answer has a fill of its own and a ✓, and an
information chip (the step, a staff call's state) has no fill and no edge (try-out 14,
C17/E5: in 高对比 the step chip was filled yellow like 下一步 and a chosen answer only
outlined; in standard mode a chosen answer was filled like 下一步; try-out 13, E2: a
disabled button kept the white bold label of an enabled one). Measured on the real
window's pixels after tapping the answer and the contrast button, in both modes.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.flow import Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import ApplyRig, manual_identity, rig  # noqa: F401
from tests.ui.test_rate_callback_step import click
from tests.ui.test_rate_fair_page import _screen, _to_rating
from tests.ui.test_services_flow import _button
from ui import theme
from ui.a11y import image_array, text_contrast
from ui.widgets.chosen_mark import mark_rect

HUKOU = "gongan.hukou_certificate"  # 户籍证明: 用途 (入学 / 就业 / 其他) is a choice


def _pixels(w: QWidget) -> np.ndarray:
    """``w`` as the window shows it (a label without a fill of its own over the bar)."""
    top = w.window()
    return image_array(top.grab(QRect(w.mapTo(top, QPoint(0, 0)), w.size())).toImage())


def _fill(b: QWidget) -> int:
    """The widget's fill: the most common colour inside its edge."""
    px = _pixels(b)
    h, w = px.shape
    inner = px[h // 5 : h - h // 5, w // 10 : w - w // 10]
    colours, counts = np.unique(inner, return_counts=True)
    return int(colours[np.argmax(counts)])


def _contrast(b: QWidget) -> float:
    px = _pixels(b)
    c = text_contrast(px, QRect(6, 6, px.shape[1] - 12, px.shape[0] - 12))
    assert c is not None, b.objectName()
    return c


def _chip(r: ApplyRig) -> QLabel:
    [chip] = [
        lab
        for lab in r.window.step_labels
        if lab.isVisible() and lab.property("role") == "step_now"
    ]
    return chip


@pytest.mark.parametrize("assisted", [False, True], ids=["standard", "assisted"])
@pytest.mark.parametrize("taps", [0, 1, 2], ids=["light", "dark", "high"])
def test_chosen_answer_is_not_the_next_button(rig: ApplyRig, assisted: bool, taps: int) -> None:  # noqa: F811
    r = rig
    r.window.resize(1280, 800)
    r.to_identify(HUKOU)
    if assisted:
        r.click("btn_big_mode")
    r.core.sessions.current.set_identity(manual_identity())
    r.window.show_screen(r.core.next())
    r.at(Screen.FORM)
    for _ in range(taps):
        r.click("btn_contrast")
    t = r.window.tokens()
    assert t.name.endswith("dark") == (taps > 0), t.name
    answers = [r.button(f"choice_purpose_{v}") for v in ("school", "employment", "other")]
    before = [b.geometry() for b in answers]
    r.click("choice_purpose_employment")
    assert [b.geometry() for b in answers] == before  # choosing moves nothing
    nxt = r.button("btn_step_next" if assisted else "btn_next")
    chosen = r.button("choice_purpose_employment")
    assert chosen.property("role") == "primary"  # marked as chosen
    # Not the fill of the button still to press, nor of the answers not chosen.
    assert _fill(chosen) != _fill(nxt), f"#{_fill(chosen):06X}"
    assert _fill(chosen) != _fill(r.button("choice_purpose_school"))
    assert f"#{_fill(chosen):06X}" == theme.chosen_colours(t)[0].upper()
    assert _fill(nxt) == int(t.primary[1:], 16)  # the action filled with the primary colour
    assert _contrast(chosen) >= 7.0  # the text floor of 长辈模式, in both modes
    # Its edge in the label's colour, not the unchosen answers' outline.
    edge = image_array(chosen.grab().toImage())[chosen.height() // 2, t.outline_px + 1]
    assert f"#{int(edge):06X}" == theme.chosen_colours(t)[1].upper()
    # A ✓ on the chosen answer only, drawn inside it in its label's colour.
    label = int(theme.chosen_colours(t)[1][1:], 16)
    for b in answers:
        where = mark_rect(b)
        assert b.rect().contains(where)
        ink = set(_pixels(b)[where.top() : where.bottom(), where.left() : where.right()].ravel())
        assert (label in ink) == (b is chosen), (b.objectName(), sorted(ink)[:5])
    # The step chip is information, not a button: no fill of its own (the bar's), no
    # edge but its underline, text at 7:1 over it.
    chip = _chip(r)
    assert f"#{_fill(chip):06X}" == t.surface.upper(), f"#{_fill(chip):06X}"
    px = _pixels(chip)
    assert f"#{int(px[2, chip.width() // 2]):06X}" == t.surface.upper()  # no top edge
    assert f"#{int(px[chip.height() // 2, 0]):06X}" == t.surface.upper()  # no side edge
    assert _contrast(chip) >= 7.0


@pytest.mark.parametrize("assisted", [False, True], ids=["standard", "assisted"])
@pytest.mark.parametrize("contrast", ["dark", "high"])
def test_disabled_label_is_not_the_enabled_label(assisted: bool, contrast: str) -> None:
    """The colours: a disabled label greyed from the enabled one, still over 7:1."""
    t = theme.personalise(theme.ASSISTED if assisted else theme.NORMAL, 3, contrast)
    fill, label, _edge = theme.disabled_colours(t)
    assert theme.contrast(label, fill) >= 7.0, (t.name, label)
    for enabled in (t.text, t.secondary_text):
        assert theme.contrast(label, enabled) >= 1.4, (t.name, label, enabled)
    chosen_fill, chosen_label = theme.chosen_colours(t)
    assert theme.contrast(chosen_fill, chosen_label) >= 7.0
    # Not 下一步's fill, told apart by lightness, not by hue alone.
    assert theme.contrast(chosen_fill, t.primary) >= 3.0, (t.name, chosen_fill)


def test_rating_answers_are_chosen_not_actions(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    """The rating's level, its reason and the call-back toggle, chosen, have the chosen
    look (its fill, a ✓), not 下一步's fill; at the tightest size (English 长辈模式 字号
    4/4 on 1280x800, 高对比) the ✓'s room keeps the five levels on one page."""
    _to_rating(window, qtbot, (1280, 800), True, "en", 4)
    for _ in range(2):
        click(qtbot, window, "btn_contrast")
    t = window.tokens()
    assert t.name == "assisted_dark", t.name
    fill, label = (int(c[1:], 16) for c in theme.chosen_colours(t))
    screen = _screen(window)
    assert screen.levels_host.page_count() == 1  # all five levels side by side

    def chosen_look(name: str) -> None:
        b = _button(window, name)
        assert b is not None, name
        assert _fill(b) == fill != int(t.primary[1:], 16), (name, f"#{_fill(b):06X}")
        where = mark_rect(b)
        ink = set(_pixels(b)[where.top() : where.bottom(), where.left() : where.right()].ravel())
        assert label in ink, name  # the ✓

    click(qtbot, window, "rate_satisfied")  # a good level: the levels stay
    chosen_look("rate_satisfied")
    # The ✓ drawn once: not again in its words (was "★★★★☆  ✓ 已选择").
    tile = _button(window, "rate_satisfied")
    assert "✓" not in tile.sub.text() and "Selected" in tile.sub.text(), tile.sub.text()
    assert _title_whole(screen)
    click(qtbot, window, "rate_very_dissatisfied")
    click(qtbot, window, "reason_waited_long")
    chosen_look("reason_waited_long")
    click(qtbot, window, "btn_rate_next")
    click(qtbot, window, "btn_callback_want")
    click(qtbot, window, "btn_rate_back")  # back to the toggle, on
    chosen_look("btn_callback_want")


def _title_whole(screen) -> bool:  # type: ignore[no-untyped-def]
    """Every level's title on one line, clear of the ✓'s room."""
    return all(
        tile.title.fontMetrics().horizontalAdvance(tile.title.text()) <= tile.title.width()
        for tile in screen.levels.values()
    )
