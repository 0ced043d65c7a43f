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
    from PySide6.QtWidgets import QAbstractButton

    for _ in range(20):
        start = [b for b in window.findChildren(QAbstractButton, "btn_start") if b.isVisible()]
        if start and start[0].isEnabled():
            return
        tap("materials_next")
    raise AssertionError("开始办理 never came on the guide")
