"""Try-out 12, N15/N1: the 一次性告知's page text beside 开始办理 was crushed to "1   f"
(长辈模式, 1280x800, 字号 4/4, English) or hidden under 下一页 (中文): the page text's
Ignored size policy made the row give its width to 开始办理's stretch. Now, on the apply
path and (since 开始办理 is there too, N8) on 办事指南's, in every size, mode, language and
text size where the guide turns pages, "第 N/M 页" (or "N/M" where the words do not fit)
is whole and overlaps no button. Real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.flow import Screen
from tests.support.pages import turn_pages_to
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from ui.i18n import tr
from ui.theme import TEXT_STEPS

SERVICE = "renshe.ss_card_replace"


def _rect(w: QWidget) -> QRect:
    return QRect(w.mapToGlobal(QPoint(0, 0)), w.size())


LARGEST = len(TEXT_STEPS) - 1
# The largest 字号 at each size, mode and language (the row is tightest there: the other
# steps are the clipping sweep's, which stages the guide at every step), and 办事指南's
# path at the tightest of them (CI's time: 96 cases took 3 minutes).
CASES = [
    pytest.param(size, assisted, lang, LARGEST, "apply", id=f"{size}-{mode}-{lang}-apply")
    for size in [(1280, 800), (1080, 1920), (1920, 1080)]
    for assisted, mode in ((True, "elder"), (False, "standard"))
    for lang in ("zh", "en")
] + [
    pytest.param((1280, 800), True, lang, LARGEST, "guides", id=f"1280x800-elder-{lang}-guides")
    for lang in ("zh", "en")
]


@pytest.mark.parametrize(("size", "assisted", "lang", "step", "path"), CASES)
def test_page_count_is_whole_beside_start(
    rig: ApplyRig,  # noqa: F811
    size: tuple[int, int],
    assisted: bool,
    lang: str,
    step: int,
    path: str,
) -> None:
    r = rig
    r.window.resize(*size)
    if assisted:
        r.click("btn_assisted")
    if lang == "en":
        r.click("btn_lang")
    while r.window.display_prefs()[0] != step:
        r.click("btn_text_size")
    if path == "apply":
        r.click("tile_apply")
        r.core.sessions.current.service_id = SERVICE  # the catalog's tiles: own tests
        r.window.show_screen(r.core.next())
    else:
        # 办事指南's guide offers 开始办理 too (try-out 12, N8): the same row, the same count.
        r.click("tile_guides")
        turn_pages_to(r.window, f"service_{SERVICE}", lambda b: r.click(b.objectName()))
        r.click(f"service_{SERVICE}")
        assert r.button("btn_start").isVisible()
    r.window.resize(*size)
    r.settle()
    r.at(Screen.GUIDE)
    page = r.window.current_page()
    pages = page.materials.page_count()
    if size == (1280, 800) and assisted and step == len(TEXT_STEPS) - 1:
        assert pages > 1, "the try-out's case is paged"
    if pages == 1:
        return
    count = page.findChild(QLabel, "materials_page")
    assert count is not None and count.isVisible(), "no page count"
    said = (tr("pager.page", lang, n=1, total=pages), f"1/{pages}")
    assert count.text() in said, count.text()
    need = count.fontMetrics().horizontalAdvance(count.text())
    assert need <= count.contentsRect().width(), (count.text(), count.width())
    for other in ("materials_prev", "materials_next", "btn_start"):
        b = r.button(other)
        assert not _rect(b).intersects(_rect(count)), (other, count.text())
