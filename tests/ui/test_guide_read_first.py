"""The 一次性告知 is read before 开始办理 (try-out 7, 13): at 1280x800 in English the
guide for 社保卡补换 is two pages, and 开始办理 ("Start") stood beside 下一页 on the
first, with the fees and the place on the second. Now 下一页 leads on and 开始办理
comes once the last page was on screen (and stays if the citizen turns back)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401

SERVICE = "renshe.ss_card_replace"


def _shown(r: ApplyRig, name: str) -> bool:
    return any(w.isVisible() for w in r.window.findChildren(QWidget, name))


@pytest.mark.parametrize(("size", "lang"), [((1280, 800), "en"), ((1280, 800), "zh")])
def test_start_comes_after_the_last_page(rig: ApplyRig, size: tuple[int, int], lang: str) -> None:  # noqa: F811
    r = rig
    r.window.resize(*size)
    if lang == "en":
        r.click("btn_lang")
    while lang == "zh" and r.window.display_prefs()[0] != 2:  # paged in Chinese too
        r.click("btn_text_size")
    r.click("tile_apply")
    r.core.sessions.current.service_id = SERVICE  # the catalog's tiles have their own tests
    r.window.show_screen(r.core.next())
    r.window.resize(*size)
    r.settle()
    r.at(Screen.GUIDE)
    assert _shown(r, "materials_next"), "the guide fits one page: nothing to check here"
    seen: set[str] = set()
    for _ in range(10):
        seen |= {
            w.objectName()
            for w in r.window.findChildren(QLabel)
            if w.isVisible() and w.objectName().startswith("guide_")
        }
        if not r.button("materials_next").isEnabled():
            break
        assert not _shown(r, "btn_start"), f"开始办理 before {seen} were all read"
        assert r.button("materials_next").property("role") == "primary"  # the way on
        r.click("materials_next")
        r.at(Screen.GUIDE)
    assert {"guide_fee", "guide_where", "guide_time"} <= seen, seen
    assert _shown(r, "btn_start")
    r.click("materials_prev")  # back to check a material: 开始办理 stays
    assert _shown(r, "btn_start")
    r.click("btn_start")
    assert r.core.screen() == Screen.IDENTIFY
