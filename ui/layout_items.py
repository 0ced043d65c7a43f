"""A Qt layout's widgets and nested layouts, read without leaving stale wrappers.

``QLayout.itemAt`` gives a Python wrapper of the C++ item that PySide keeps alive
with the layout; when Qt later deletes that item itself (its widget destroyed or
taken out by a rebuild), PySide is not told and keeps the wrapper under the freed
address. The next C++ object built there comes back to Python as that dead item:
the clipping tour's form step crashed with ``'QWidgetItem' object has no attribute
'unpolish'`` on a new keypad button's ``style()`` (1 run in a few, any panel).
Each item read here is let go of at once (Python-made items, such as those our own
layouts keep, and nested layouts, which are QObjects PySide follows, are left be).
PySide makes such wrappers unasked too: ``addLayout`` of a layout that already holds
items, and ``itemAt`` handing out a nested layout, wrap every item in it (recursively)
and keep them with the outer layout; :func:`add_layout` and :func:`entries` let them go.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLayout, QLayoutItem, QStyle, QWidget


def _release(item: QLayoutItem) -> None:
    if isinstance(item, QObject) or shiboken6.createdByPython(item):
        return
    shiboken6.invalidate(item)


def entries(layout: QLayout) -> list[QWidget | QLayout | None]:
    """Each item of ``layout`` in order: its widget, its nested layout, else None
    (a spacer or stretch)."""
    out: list[QWidget | QLayout | None] = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            out.append(None)
            continue
        w, inner = item.widget(), item.layout()
        out.append(w if w is not None else inner)
        _release(item)
        if inner is not None:
            # Handing out a nested layout, PySide wraps every item in it too (and in the
            # layouts nested in it) and keeps them with ``layout``: let those go as well.
            entries(inner)
    return out


def add_layout(outer: QLayout, inner: QLayout, stretch: int = 0) -> None:
    """``outer.addLayout(inner, stretch)`` (a box layout's), keeping no item wrapper.

    On a layout already set on a widget, PySide's addLayout wraps every item ``inner``
    holds by then (its widgets' items, its stretches, those of layouts nested in it)
    and keeps the wrappers alive with ``outer``; Qt deletes such an item when its widget
    is destroyed or taken out (a screen's lines made anew), and the wrapper stays under
    the freed address (see the module's doc). The kiosk's screens left 60-odd of them
    (tests/ui/test_layout_items.py). Each is let go of here, as :func:`entries` does."""
    outer.addLayout(inner, stretch)  # type: ignore[attr-defined]
    entries(inner)  # reading the items lets their wrappers go


def widgets(layout: QLayout) -> list[QWidget]:
    """The widgets placed directly in ``layout``, in order."""
    return [e for e in entries(layout) if isinstance(e, QWidget)]


def repolish(w: QWidget) -> None:
    """Style ``w`` again after a property its style sheet reads (``role``) changed.

    PySide makes wrappers of layout items it never hears are deleted (addLayout's
    ownership, ``itemAt``), so ``w.style()`` may come back as such a dead item where
    a new style sheet style took its address (see the module's doc); that wrapper is
    let go of and the style asked for again."""
    style = w.style()
    if not isinstance(style, QStyle):
        shiboken6.invalidate(style)
        style = w.style()
    style.unpolish(w)
    style.polish(w)
