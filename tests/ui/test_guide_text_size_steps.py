"""字号 and language stepped on a paged 一次性告知 (长辈模式): the guide was refilled for the new size,
and emptying its pager turned it to page 1, whose page change asked how many pages were
left about lines no longer in the pager — a ValueError in the Qt event loop (met by
fix12g staging the guide twice). Each step now shows the guide again with 开始办理 held
exactly while pages are left. Real window: taps on the top bar's 字号 and 中文/English."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from ui.theme import TEXT_STEPS

SERVICE = "renshe.ss_card_replace"


@pytest.mark.parametrize("size", [(1280, 800), (1080, 1920)], ids=str)
def test_text_size_steps_on_the_guide(rig: ApplyRig, size: tuple[int, int]) -> None:  # noqa: F811
    r = rig
    r.window.resize(*size)
    r.click("btn_assisted")
    r.click("tile_apply")
    r.core.sessions.current.service_id = SERVICE  # the catalog's tiles: own tests
    r.window.show_screen(r.core.next())
    r.window.resize(*size)
    r.settle()
    r.at(Screen.GUIDE)
    for tap in ["btn_text_size"] * len(TEXT_STEPS) + ["btn_lang", "btn_text_size"]:
        r.click(tap)
        r.settle()
        r.at(Screen.GUIDE)
        page = r.window.current_page()
        assert page.findChild(QLabel, "guide_facts") is not None
        left = page.pages_left()
        assert r.button("btn_start").isEnabled() == (left == 0), left
