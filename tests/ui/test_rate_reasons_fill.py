"""Try-out 13, E11: 长辈模式, 字号 4/4, 1280x800: the rating's reasons two a page over four
pages, an empty band under them where another row would fit. The band was the room kept
over the foot for "请至少选择一个原因". That word is now said in the question's place (the
question says 至少选一项 itself; the two share one cell, its room the taller's): the
reasons have the band, four a page, and when the word comes nothing moves and it reads
whole. Taps on the real window.

Try-out 17, P3: in the demo's window, 1280x800 under its strip (1280x773), English, they
were two a page over four again, a second row ~23 px short; measured there now (the
tighter of the two: what fits it fits 1280x800)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_rate_callback_room import _reads_whole
from tests.ui.test_rate_callback_step import click
from tests.ui.test_rate_fair_page import _clipped, _placed, _screen, _to_rating, _where
from tests.ui.test_services_flow import _button
from ui.i18n import tr

SIZES = [(1280, 773), (1920, 1080), (1080, 1920)]  # 1280x773: the demo's 1280x800


def _reasons_shown(window) -> list[QAbstractButton]:  # type: ignore[no-untyped-def]
    return [
        b
        for b in window.findChildren(QAbstractButton)
        if b.objectName().startswith("reason_") and b.isVisible()
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
# 字号 4/4, the tightest: the other steps are staged by the clipping sweep (every scene
# at every step), and CI keeps under its 30 minutes.
@pytest.mark.parametrize("text_size", [4])
@pytest.mark.parametrize("size", SIZES, ids=str)
def test_the_reasons_fill_the_page_and_their_word_moves_nothing(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, size, text_size, lang
) -> None:
    _to_rating(window, qtbot, size, True, lang, text_size)
    click(qtbot, window, "rate_very_dissatisfied")
    qtbot.waitUntil(lambda: _button(window, "reason_waited_long") is not None, timeout=10_000)
    qtbot.wait(50)
    shown = _reasons_shown(window)
    if (size, text_size) == ((1280, 773), 4):
        # The try-out's page: two rows of two, two pages for the seven reasons (was four).
        assert len(shown) >= 4, [b.text() for b in shown]
        assert _screen(window).reasons.page_count() <= 2
    before = _placed(window)
    click(qtbot, window, "btn_rate_next")  # no reason chosen
    qtbot.wait(50)
    said = tr("feedback.problem.reason_required", lang)
    screen = _screen(window)
    problem = screen.why_problem
    assert problem.isVisible() and problem.text() == said
    assert _reads_whole(problem), (problem.size(), said)
    assert window.rect().contains(_where(problem, window))
    after = _placed(window)
    moved = {
        k: (before[k], after.get(k))
        for k in before
        if before[k] != after.get(k) and k != "rate_reason_problem"
    }
    # The question gives its place to the word (its room kept): nothing else moves.
    moved.pop(screen.why.objectName(), None)
    assert not moved, f"moved as the word came: {moved}"
    assert window.size().toTuple() == size
    assert not _clipped(window), _clipped(window)
    click(qtbot, window, "reason_waited_long")  # a reason chosen: the question again
    qtbot.wait(50)
    assert not problem.isVisible() and screen.why.isVisible()
    click(qtbot, window, "btn_rate_next")
    assert _button(window, "btn_callback_want") is not None
