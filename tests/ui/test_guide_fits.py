"""The service guide shows what the service needs without scrolling: in 长辈模式 on a
1280x800 panel at the largest text size, the materials' heading, their first page and
开始办理 are in the window, every material is reached by the page buttons, and 开始办理 is
there once the last page was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from ui.theme import TEXT_STEPS

SERVICE = "minzheng.dibao_application"  # the most materials in the catalog (4)


def _in_window(r: ApplyRig, w: QWidget) -> bool:
    """Wholly inside the window and not cut by its parent (the pager's area)."""
    top_left = w.mapTo(r.window, QPoint(0, 0))
    rect = QRect(top_left, w.size())
    parent = w.parentWidget()
    assert parent is not None
    p_rect = QRect(parent.mapTo(r.window, QPoint(0, 0)), parent.size())
    return r.window.rect().contains(rect) and p_rect.contains(rect)


@pytest.mark.parametrize("step", [0, len(TEXT_STEPS) - 1], ids=["normal_text", "largest_text"])
def test_every_material_is_reached_by_pages_and_start_is_in_view(rig: ApplyRig, step: int) -> None:  # noqa: F811
    r = rig
    r.window.resize(1280, 800)
    r.click("tile_apply")
    r.core.sessions.current.service_id = SERVICE  # the catalog's tiles have their own tests
    r.window.show_screen(r.core.next())
    r.at(Screen.GUIDE)
    r.click("btn_assisted")  # 长辈模式
    while r.window.display_prefs()[0] != step:
        r.click("btn_text_size")
    r.window.resize(1280, 800)
    r.settle()
    assert (r.window.width(), r.window.height()) == (1280, 800)
    r.at(Screen.GUIDE)
    heading = r.window.findChild(QLabel, "guide_materials")
    assert heading is not None and heading.isVisible() and _in_window(r, heading)
    assert "所需材料" in heading.text() or "材料" in heading.text()
    total = len(r.core.catalog.by_id(SERVICE).materials)
    seen: set[str] = set()
    facts: set[str] = set()
    first = r.window.findChild(QLabel, "material_1")
    assert first is not None and first.isVisible() and _in_window(r, first)  # no tap needed
    for _ in range(20):  # the materials, then the facts
        shown = [
            w
            for w in r.window.findChildren(QLabel)
            if w.objectName().startswith(("material_", "guide_")) and w.isVisible()
        ]
        for w in shown:
            assert _in_window(r, w), w.objectName()
        seen |= {w.objectName() for w in shown if w.objectName().startswith("material_")}
        facts |= {w.objectName() for w in shown if w.objectName().startswith("guide_")}
        nxt = r.window.findChild(QWidget, "materials_next")
        if nxt is None or not nxt.isVisible() or not nxt.isEnabled():
            break
        assert _in_window(r, nxt)
        assert _in_window(r, r.button("btn_start"))  # a way to begin on every page (try-out 9, C2)
        r.click("materials_next")
        QApplication.processEvents()
    # The last page: 开始办理 in the window too.
    assert _in_window(r, r.button("btn_start"))
    assert seen == {f"material_{i}" for i in range(1, total + 1)}, seen
    assert {"guide_dept", "guide_time", "guide_fee", "guide_where"} <= facts, facts


def test_the_fit_check_sees_the_materials(rig: ApplyRig) -> None:  # noqa: F811
    from ui.a11y import out_of_reach

    r = rig
    r.click("tile_apply")
    r.core.sessions.current.service_id = SERVICE
    r.window.show_screen(r.core.next())
    r.at(Screen.GUIDE)
    assert not out_of_reach(r.window)
    line = r.window.findChild(QLabel, "material_1")
    assert line is not None
    line.move(line.x(), r.window.height() * 2)  # pushed below the fold
    assert any("material_1" in b for b in out_of_reach(r.window))
