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
            tap(pager.next if pager.page_of(tiles[0]) > pager.page() else pager.prev)
    if name == "btn_start":  # it comes once the guide's last page was on screen
        for pager in window.findChildren(PagedGrid, "materials"):
            for _ in range(pager.page_count()):
                if not pager.isVisible() or not pager.next.isVisible():
                    break
                if not pager.next.isEnabled():
                    break
                tap(pager.next)


def read_the_guide(window: QWidget, tap: Callable[[str], None]) -> None:
    """On the guide, tap 下一页 until 开始办理 is offered (it comes once the last page of
    the 一次性告知 was on screen, try-out 7, 13); ``tap`` taps a control by name."""
    from PySide6.QtWidgets import QAbstractButton

    for _ in range(20):
        if any(b.isVisible() for b in window.findChildren(QAbstractButton, "btn_start")):
            return
        tap("materials_next")
    raise AssertionError("开始办理 never came on the guide")
