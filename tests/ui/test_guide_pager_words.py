"""Try-out 6, item 13: the guide's words do not contradict themselves.

- A guide in pages: its page button says it turns a page (下一页 / "Next page"), stands
  apart from 开始办理, and a tap on it turns the page (the screen stays the guide).
- A counter-only service does not say it can be done "here".

Taps go through the real window; both languages, in 长辈模式 at the largest text, at
1920x1080 and 1280x800 (where the guide takes pages; in portrait it is one page).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from ui.theme import TEXT_STEPS

PAGED = "minzheng.dibao_application"  # the most materials in the catalog


def _guide(r: ApplyRig, service: str, size: tuple[int, int], lang: str) -> None:
    r.window.resize(*size)
    if lang == "en":
        r.click("btn_lang")
    r.click("btn_assisted")
    while r.window.display_prefs()[0] != len(TEXT_STEPS) - 1:
        r.click("btn_text_size")
    r.click("tile_apply")
    r.core.sessions.current.service_id = service  # the catalog's tiles have their own tests
    r.window.show_screen(r.core.next())
    r.window.resize(*size)
    r.settle()
    r.at(Screen.GUIDE)


def _x(w: QWidget) -> int:
    return w.mapTo(w.window(), QPoint(0, 0)).x()


@pytest.mark.parametrize("lang", ["zh", "en"])
# Portrait has the height for the whole guide on one page (no page buttons to say).
@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_page_button_says_it_turns_a_page_and_stands_apart(
    rig: ApplyRig,  # noqa: F811
    size: tuple[int, int],
    lang: str,
) -> None:
    r = rig
    _guide(r, PAGED, size, lang)
    nxt = r.button("materials_next")
    # 开始办理 on every page (try-out 9, C2), beside the page buttons and apart from them.
    start = r.window.current_page().findChild(QWidget, "btn_start")
    assert start is not None and start.isVisible()
    words = {"zh": "下一页", "en": "Next page"}[lang]
    # Its words where they fit beside 开始办理, else the arrow alone: never a bare "Next".
    assert nxt.text() in (f"{words} ▶", "▶"), nxt.text()
    gap = _x(start) - (_x(nxt) + nxt.width())
    assert gap >= r.window.tokens().mm(8), f"下一页 right beside 开始办理 ({gap} px)"
    first = r.window.findChild(QLabel, "material_1")
    assert first is not None and first.isVisible()
    r.click("materials_next")
    r.at(Screen.GUIDE)  # it turned the page, it did not start the application
    assert not first.isVisible()
    assert r.button("materials_prev").isEnabled()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_counter_service_does_not_say_here(rig: ApplyRig, lang: str) -> None:  # noqa: F811
    r = rig
    _guide(r, "gongan.id_card_renewal", (1920, 1080), lang)
    texts = [w.text() for w in r.window.findChildren(QLabel) if w.isVisible()]
    said = " ".join(texts)
    assert r.button("btn_guide_appointment").isVisible()
    assert ("窗口办理" if lang == "zh" else "handled at a counter") in said
    assert "to do it here" not in said
