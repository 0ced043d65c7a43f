"""Try-out 13, C1: on a 一次性告知 of two pages, 1280x800, English, the held 开始办理 said
only "1 page to see" (dashed): a citizen read it as a label, not as Start waiting for
page 2 to be read. Held, it now names itself in both languages ("Start: read 1 more
page", 再看 1 页可开始办理), and every wording it may take fits its one width at every
panel, mode and 字号 (its room is the widest's: nothing moves when it changes). Taps on
the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from ui.i18n import tr
from ui.screens.guide import GuideScreen

SERVICE = "renshe.ss_card_replace"  # the longest guide: pages at the larger 字号
# The two narrowest panels at 字号 4/4, where the words are longest for their room: the
# other sizes and steps are the clipping sweep's (every scene at every step), and CI
# keeps under its 30 minutes.
CASES = [
    (size, assisted, step)
    for size in ((1280, 800), (1080, 1920))
    for assisted in (False, True)
    for step in (3,)
]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("size", "assisted", "step"), CASES, ids=str)
def test_the_held_start_names_itself_and_every_wording_fits(
    rig: ApplyRig,  # noqa: F811
    size: tuple[int, int],
    assisted: bool,
    step: int,
    lang: str,
) -> None:
    r = rig
    r.window.resize(*size)
    if assisted:
        r.click("btn_assisted")
    if lang == "en":
        r.click("btn_lang")
    while r.window.display_prefs()[0] != step:
        r.click("btn_text_size")
    r.click("tile_apply")
    r.core.sessions.current.service_id = SERVICE
    r.window.show_screen(r.core.next())
    r.window.resize(*size)
    r.settle()
    r.at(Screen.GUIDE)
    r.qtbot.wait(50)
    start = r.button("btn_start")
    name = tr("guide.start", lang)
    held = [tr("guide.pages_left.one", lang)] + [
        tr("guide.pages_left.many", lang, n=n) for n in range(2, 10)
    ]
    # Held, it says it is the way to start, and what it waits for.
    assert all(name in words for words in held), held
    pages = r.window.findChild(QAbstractButton, "materials_next")
    if pages is not None and pages.isVisible() and pages.isEnabled():
        assert not start.isEnabled()
        assert name in start.text() and start.text() in held, start.text()
    # Whichever it says, the words fit its one width, inside the window, which keeps its size.
    fm = start.fontMetrics()
    guide = next(g for g in r.window.findChildren(GuideScreen) if g.isVisible())
    many = max(2, guide.materials.page_count() - 1)
    for words in (
        name,
        tr("guide.pages_left.one", lang),
        tr("guide.pages_left.many", lang, n=many),
    ):
        # Within its face, a little room to spare either side (no word touching the edge).
        assert fm.horizontalAdvance(words) + 8 <= start.contentsRect().width(), (
            words,
            start.width(),
        )
    where = QRect(start.mapTo(r.window, QPoint(0, 0)), start.size())
    assert r.window.rect().contains(where), where
    assert r.window.size().toTuple() == size
