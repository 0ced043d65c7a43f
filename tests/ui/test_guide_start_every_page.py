"""Try-out 9, C2: at 1280x800 in English the guide for 住房公积金提取（租房） was two pages,
page 2 holding one line ("Where: Provident fund counters"), and Start was only on page 2:
on page 1 the citizen saw no way to begin, only "Next page ▶". (It had been held back
until the last page was shown, try-out 7, 13.) Now Start is on every page, the page
buttons a plain pair beside it and apart from it, and every page still reachable: what a
citizen who starts early did not turn to is said again later (the fee on the review and
the receipt, the time limit as the receipt's expected date)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401

CASES = [
    ("gongjijin.rent_withdrawal", (1280, 800), "en", 0),  # the try-out's guide
    ("renshe.ss_card_replace", (1280, 800), "en", 0),
    ("renshe.ss_card_replace", (1280, 800), "zh", 2),
    ("renshe.ss_card_replace", (1080, 1920), "en", 3),
    ("renshe.ss_card_replace", (1920, 1080), "en", 3),
]


def _shown(r: ApplyRig, name: str) -> QWidget | None:
    r.settle()
    return next((w for w in r.window.findChildren(QWidget, name) if w.isVisible()), None)


def _in_window(r: ApplyRig, w: QWidget) -> bool:
    top_left = w.mapTo(r.window, QPoint(0, 0))
    return r.window.rect().contains(QRect(top_left, w.size()))


@pytest.mark.parametrize(("service", "size", "lang", "step"), CASES, ids=str)
def test_start_is_offered_on_every_page(
    rig: ApplyRig,  # noqa: F811
    service: str,
    size: tuple[int, int],
    lang: str,
    step: int,
) -> None:
    r = rig
    r.window.resize(*size)
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
    for _ in range(10):
        pages += 1
        start = _shown(r, "btn_start")
        assert start is not None, f"no way to begin on page {pages}"
        assert start.isEnabled() and _in_window(r, start), pages
        assert start.property("role") == "primary"  # the way on
        nxt = _shown(r, "materials_next")
        if nxt is not None:
            assert nxt.property("role") != "primary"  # one way on, not two
        seen |= {
            w.objectName()
            for w in r.window.findChildren(QLabel)
            if w.isVisible() and w.objectName().startswith(("guide_", "material_"))
        }
        if nxt is None or not nxt.isEnabled():
            break
        r.click("materials_next")
        r.at(Screen.GUIDE)  # it turned the page, it did not start
    # Every fact is still there to read, a page away at most.
    assert {"guide_fee", "guide_where", "guide_time"} <= seen, seen
    if pages > 1:
        r.click("materials_prev")  # back to the first page: still a way to begin from it
    r.click("btn_start")
    assert r.core.screen() == Screen.IDENTIFY
