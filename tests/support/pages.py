"""Turning a list's pages (ui/widgets/pager.py) to reach a tile, with real taps."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget


def turn_pages_to(window: QWidget, name: str, tap: Callable[[QWidget], None]) -> None:
    """If ``name`` is a tile on another page of a visible list, tap 下一页/上一页 to it.

    ``tap`` taps a button as the caller does (Qt events, the X server) and settles.
    Nothing happens when ``name`` is on the page already or in no list.
    """
    from ui.widgets.pager import PagedGrid

    for pager in window.findChildren(PagedGrid):
        tiles = [t for t in pager.items() if t.objectName() == name]
        if not tiles or not pager.isVisible():
            continue
        for _ in range(pager.page_count()):
            if tiles[0].isVisible():
                return
            later = pager.page_of(tiles[0]) > pager.page()
            if later and pager.next is None:
                # The screen's own way forward turns these pages (the form's 下一步 checks
                # each page first): the caller answers this page and taps it.
                return
            tap(pager.next if later else pager.prev)
    if name == "btn_start":  # on every page, tappable once every page was seen (E7)
        for pager in window.findChildren(PagedGrid, "materials"):
            for _ in range(pager.page_count()):
                nxt = pager.next
                if nxt is None or not pager.isVisible() or not nxt.isVisible():
                    break
                if not nxt.isEnabled():
                    break
                tap(nxt)


def read_the_guide(window: QWidget, tap: Callable[[str], None]) -> None:
    """On the guide, tap 下一页 until 开始办理 can be tapped (on every page since try-out 9,
    C2, held until every page was seen since try-out 10, E7); ``tap`` taps a control by
    name."""
    from PySide6.QtCore import QDeadlineTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractButton

    from ui.screens.guide import GuideScreen

    def page_seen() -> bool:
        return all(g.page_seen() for g in window.findChildren(GuideScreen) if g.isVisible())

    for _ in range(20):
        # A page counts as seen once painted, and a line laid onto it after its first paint
        # at the next paint: read as a person does, the page painted whole before 下一页
        # (a tap faster than any hand left a line unseen and 开始办理 held on the last page).
        deadline = QDeadlineTimer(10_000)
        while not page_seen() and not deadline.hasExpired():
            QTest.qWait(10)
        if not page_seen():
            raise AssertionError("a page of the guide was never painted whole")
        start = [b for b in window.findChildren(QAbstractButton, "btn_start") if b.isVisible()]
        if start and start[0].isEnabled():
            return
        QTest.qWait(0)  # 开始办理's words change just after the paint (see GuideScreen)
        start = [b for b in window.findChildren(QAbstractButton, "btn_start") if b.isVisible()]
        if start and start[0].isEnabled():
            return
        tap("materials_next")
    raise AssertionError("开始办理 never came on the guide")
