"""Try-out 11, E4: 长辈模式 at 1280x800, 字号 4/4, 社会保障卡补换's 一次性告知 was five
pages with no page count (the page text had no width beside 开始办理), the heading
办理须知 alone at the foot of page 2 with nothing under it, and the fee only on page 5.
Now every page says "第 N/M 页" as the catalog does, a heading never ends a page (it goes
over with its first line), and the time limit and the fee come first under 办理须知,
before the department and the place. Turned by taps on the real window, with and
without the demo's folded strip (the try-out's window was 772 px tall), both languages."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable
from ui.i18n import tr
from ui.theme import TEXT_STEPS

SERVICE = "renshe.ss_card_replace"


def _guide(r: ApplyRig, size: tuple[int, int], lang: str) -> None:
    r.window.resize(*size)
    if lang == "en":
        r.click("btn_lang")
    r.core.sessions.set_assisted(True)
    while r.window.display_prefs()[0] != len(TEXT_STEPS) - 1:
        r.click("btn_text_size")
    r.click("tile_apply")
    r.core.sessions.current.service_id = SERVICE  # the catalog's tiles have their own tests
    r.window.show_screen(r.core.next())
    r.settle()
    r.at(Screen.GUIDE)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(1280, 800), (1280, 772)], ids=["1280x800", "demo-strip"])
def test_guide_pages_are_counted_and_no_heading_ends_a_page(
    rig: ApplyRig,  # noqa: F811
    size: tuple[int, int],
    lang: str,
) -> None:
    r = rig
    _guide(r, size, lang)
    page = r.window.current_page()
    pages = page.materials.page_count()
    assert pages > 1, "the try-out's case is paged"
    count = page.findChild(QLabel, "materials_page")
    order: list[str] = []
    for n in range(pages):
        r.settle()
        assert count is not None and count.isVisible(), f"no page count on page {n + 1}"
        said = (tr("pager.page", lang, n=n + 1, total=pages), f"{n + 1}/{pages}")
        assert count.text() in said, (n, count.text())
        assert count.fontMetrics().horizontalAdvance(count.text()) <= count.width()
        lines = [w.objectName() for w in page.materials.items() if w.isVisible()]
        assert lines, f"page {n + 1} is empty"
        if page.materials_heading.text() == tr("guide.facts", lang):
            # 办理须知 opening a page is the heading over the list (try-out 12, N2).
            assert "guide_facts" not in lines
            lines.insert(0, "guide_facts")
        assert lines[-1] != "guide_facts", f"办理须知 alone at the foot of page {n + 1}"
        order += [x for x in lines if x]
        if n < pages - 1:
            wait_until_tappable(r.button("materials_next"))
            r.click("materials_next")
    facts = order.index("guide_facts")
    assert order[facts + 1 : facts + 3] == ["guide_time", "guide_fee"], order
