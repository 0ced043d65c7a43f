"""Try-out 12, N1: at 1280x800 in 长辈模式 at 字号 4/4, 社会保障卡补换's 一次性告知 took six
pages of one or two lines each, and as 开始办理 is held until every page was seen (the
fee and the time limit cannot be skipped), an elder tapped 下一页 five times. The name,
the heading, a touch target's gap between lines that are only read, and the margins
left the list ~220 px. Now the lines are parted by the type's own spacing and, on a
short panel, the service's name is in the body's type (bold): at most three pages, in
both languages. In the standard mode at 字号 1/4, English, no second page for one line
(b67-b68). Taps on the real window: 下一页 until 开始办理 can be tapped."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from ui.theme import TEXT_STEPS

SERVICE = "renshe.ss_card_replace"
LARGEST = len(TEXT_STEPS) - 1


def _taps_to_start(r: ApplyRig) -> int:
    """下一页 taps until 开始办理 can be tapped (each page painted first, as a person reads)."""
    from tests.support.pages import read_the_guide

    taps: list[str] = []

    def tap(name: str) -> None:
        taps.append(name)
        r.click(name)

    read_the_guide(r.window, tap)
    return len(taps)


@pytest.mark.parametrize(
    ("assisted", "step", "lang", "most"),
    [
        (True, LARGEST, "zh", 3),  # the try-out's case (b25-b30)
        (True, LARGEST, "en", 3),  # b122-b127
        (False, 0, "en", 1),  # b67-b68: a second page for one line
    ],
    ids=["elder-4-zh", "elder-4-en", "standard-1-en"],
)
def test_guide_pages_on_a_short_panel(
    rig: ApplyRig,  # noqa: F811
    assisted: bool,
    step: int,
    lang: str,
    most: int,
) -> None:
    r = rig
    r.window.resize(1280, 800)
    if assisted:
        r.click("btn_assisted")
    if lang == "en":
        r.click("btn_lang")
    while r.window.display_prefs()[0] != step:
        r.click("btn_text_size")
    r.click("tile_apply")
    r.core.sessions.current.service_id = SERVICE  # the catalog's tiles: own tests
    r.window.show_screen(r.core.next())
    r.window.resize(1280, 800)
    r.at(Screen.GUIDE)
    page = r.window.current_page()
    pages = page.materials.page_count()
    assert pages <= most, f"{pages} pages of 一次性告知 (at most {most})"
    assert _taps_to_start(r) <= most - 1
    # Every fact was on a page, and no line is below the mode's least type.
    least = 30 if assisted else 16
    for lab in page.findChildren(QLabel):
        if lab.text() and lab.objectName().startswith(("guide_", "material_")):
            assert lab.font().pixelSize() >= least, (lab.objectName(), lab.font().pixelSize())
    start = [b for b in r.window.findChildren(QAbstractButton, "btn_start") if b.isVisible()]
    assert start and start[0].isEnabled()
    r.click("btn_start")
    r.at(Screen.IDENTIFY)
