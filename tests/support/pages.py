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
