"""Every QObject the application can reach, counted by class (the soak's object census).

A C++ object parented to a long-lived one (a timer on the window, an animation on
the application, a layout item) is not a widget and has no Python wrapper once
Python lets go of it, so neither ``allWidgets()`` nor the wrapper count sees it
pile up. Walking the children of the application and of every top-level widget
does. Used by tests/ui/test_qobjects_flat.py and bench/_soak_probe.py.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication


def qobject_census() -> Counter[str]:
    """QObjects reachable from the application and its top-level widgets, by class name."""
    app = QApplication.instance()
    seen: Counter[str] = Counter()
    if not isinstance(app, QApplication):
        return seen
    roots: list[QObject] = [app, *app.topLevelWidgets()]
    ids: set[int] = set()
    for root in roots:
        for o in [root, *root.findChildren(QObject)]:
            key = id(o)
            if key in ids:
                continue
            ids.add(key)
            seen[o.metaObject().className()] += 1
    return seen
