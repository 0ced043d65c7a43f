"""Layout items read from Python leave no wrapper behind that outlives them.

The clipping tour crashed 1 run in a few (``'QWidgetItem' object has no attribute
'unpolish'``): PySide kept a wrapper of a layout item Qt had deleted, and a new
keypad button's style, built at the freed address, came back to Python as that item
(ui/layout_items.py)."""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtWidgets import QLabel, QLayoutItem, QPushButton, QStyle, QVBoxLayout, QWidget

from ui.layout_items import entries, repolish, widgets


def _live_cpp_items() -> list[QLayoutItem]:
    gc.collect()
    return [
        o
        for o in gc.get_objects()
        if isinstance(o, QLayoutItem)
        and not hasattr(o, "metaObject")  # a nested layout: a QObject PySide follows
        and not shiboken6.createdByPython(o)
        and shiboken6.isValid(o)
    ]


def test_reading_a_layout_keeps_no_item_that_qt_deletes(qtbot) -> None:  # type: ignore[no-untyped-def]
    host = QWidget()
    qtbot.addWidget(host)
    lay = QVBoxLayout(host)
    inner = QVBoxLayout()
    a = QLabel("a")
    lay.addWidget(a)
    lay.addLayout(inner)
    before = {id(o) for o in _live_cpp_items()}
    assert entries(lay) == [a, inner]
    assert widgets(lay) == [a]
    shiboken6.delete(a)  # Qt deletes its item itself, unseen by PySide
    assert [o for o in _live_cpp_items() if id(o) not in before] == []


class _Stale(QPushButton):
    """A button whose first ``style()`` is a dead layout item, as PySide gave."""

    def __init__(self) -> None:
        super().__init__("x")
        self.dead: QLayoutItem | None = None

    def style(self) -> QStyle:  # type: ignore[override]
        if self.dead is not None:
            dead, self.dead = self.dead, None
            return dead  # type: ignore[return-value]
        return super().style()


def test_repolish_asks_again_when_style_comes_back_as_a_dead_item(qtbot) -> None:  # type: ignore[no-untyped-def]
    host = QWidget()
    qtbot.addWidget(host)
    host.setStyleSheet('QPushButton[role="primary"] { font-weight: bold; }')
    lay = QVBoxLayout(host)
    w = _Stale()
    lay.addWidget(w)
    host.show()
    w.dead = lay.itemAt(0)  # a layout item's wrapper where a style was asked for
    w.setProperty("role", "primary")
    repolish(w)
    assert w.dead is None  # asked for, let go of, and the real style used: no AttributeError
