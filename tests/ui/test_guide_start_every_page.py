"""The 一次性告知's way to begin, on a guide that turns pages.

Try-out 9, C2: at 1280x800 in English the guide for 住房公积金提取（租房） was two pages and
Start was only on page 2 (held back until the last page was shown, try-out 7, 13): on
page 1 the citizen saw no way to begin, only "Next page ▶". So 开始办理 came onto every
page, tappable at once.

Try-out 10, E7: at 1280x800 in 长辈模式 at 字号 4/4 the guide of 户籍证明开具 was split
over pages with 开始办理 tappable on page 1, so the pages with the fee and the time limit
could be skipped unseen. Now 开始办理 is on every page and says what is left ("再看 1 页
可开始"), held until every page was shown, in one place and size. Once every page
was seen it says 开始办理 and can be tapped from any page. Taps on the real window.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_tap_guard import _centre, _touch
from ui.i18n import tr
from ui.screens.guide import GuideScreen

CASES = [
    ("gongan.hukou_certificate", (1280, 800), "zh", 3, True),  # try-out 10, E7
    ("gongan.hukou_certificate", (1280, 800), "en", 3, True),
    ("gongjijin.rent_withdrawal", (1280, 800), "en", 0, False),  # try-out 9, C2
    ("renshe.ss_card_replace", (1280, 800), "en", 0, False),
    ("renshe.ss_card_replace", (1280, 800), "zh", 2, False),
    ("renshe.ss_card_replace", (1080, 1920), "en", 3, False),
    ("renshe.ss_card_replace", (1920, 1080), "en", 3, False),
    ("renshe.ss_card_replace", (1080, 1920), "en", 3, True),
    ("renshe.ss_card_replace", (1920, 1080), "zh", 3, True),
]


def _shown(r: ApplyRig, name: str) -> QWidget | None:
    r.settle()
    return next((w for w in r.window.findChildren(QWidget, name) if w.isVisible()), None)


def _in_window(r: ApplyRig, w: QWidget) -> bool:
    top_left = w.mapTo(r.window, QPoint(0, 0))
    return r.window.rect().contains(QRect(top_left, w.size()))


def _where(w: QWidget) -> QRect:
    return QRect(w.mapToGlobal(QPoint(0, 0)), w.size())


@pytest.mark.parametrize(("service", "size", "lang", "step", "assisted"), CASES, ids=str)
def test_start_is_on_every_page_and_waits_for_the_last(
    rig: ApplyRig,  # noqa: F811
    service: str,
    size: tuple[int, int],
    lang: str,
    step: int,
    assisted: bool,
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
    r.core.sessions.current.service_id = service  # the catalog's tiles have their own tests
    r.window.show_screen(r.core.next())
    r.window.resize(*size)
    r.settle()
    r.at(Screen.GUIDE)
    seen: set[str] = set()
    pages = 0
    where: QRect | None = None
    while True:
        pages += 1
        start = _shown(r, "btn_start")
        assert start is not None, f"no way to begin on page {pages}"
        assert _in_window(r, start) and start.property("role") == "primary", pages
        where = where or _where(start)
        assert _where(start) == where, f"开始办理 moved on page {pages}"  # one place, one size
        seen |= {
            w.objectName()
            for w in r.window.findChildren(QLabel)
            if w.isVisible() and w.objectName().startswith(("guide_", "material_"))
        }
        nxt = _shown(r, "materials_next")
        last = nxt is None or not nxt.isEnabled()
        if last:
            break
        # Pages left: held, and it says how many.
        assert not start.isEnabled(), f"开始办理 tappable on page {pages}, pages unseen"
        assert start.text() != tr("guide.start", lang), start.text()
        # A finger on it does not start: it turns to the next page not yet seen, as
        # 下一页 would (try-out 15, C1: it changed nothing, as if frozen).
        pager = next(g for g in r.window.findChildren(GuideScreen) if g.isVisible()).materials
        turned = pager.page() + 1
        wait_until_tappable(start)  # a tap, not the second half of a double tap
        _touch(r.window, _centre(start))
        r.qtbot.wait(20)
        r.settle()
        r.at(Screen.GUIDE)  # it turned the page, it did not start
        assert pager.page() == turned, (pager.page(), turned)
    # The last page: every fact seen, 开始办理 says itself and can be tapped.
    assert {"guide_fee", "guide_where", "guide_time"} <= seen, seen
    start = _shown(r, "btn_start")
    assert start is not None and start.isEnabled(), "开始办理 still held on the last page"
    assert start.text() == tr("guide.start", lang)
    if (size, assisted, step, lang) == ((1280, 800), True, 3, "zh"):
        assert pages > 1  # the try-out's guide turns pages here (else this proves nothing)
    if pages > 1:
        assert _shown(r, "materials_next") is None or not r.button("materials_next").isEnabled()
        r.click("materials_prev")  # back to the first page: every page seen, still tappable
        start = _shown(r, "btn_start")
        assert start is not None and start.isEnabled()
        assert start.text() == tr("guide.start", lang)
    r.click("btn_start")
    assert r.core.screen() == Screen.IDENTIFY
