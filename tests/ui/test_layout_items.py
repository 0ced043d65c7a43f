"""Layout items read from Python leave no wrapper behind that outlives them.

The clipping tour crashed 1 run in a few (``'QWidgetItem' object has no attribute
'unpolish'``): PySide kept a wrapper of a layout item Qt had deleted, and a new
keypad button's style, built at the freed address, came back to Python as that item
(ui/layout_items.py)."""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayoutItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ui.layout_items import add_layout, entries, repolish, widgets


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


def test_nesting_a_filled_layout_keeps_no_item_wrapper(qtbot) -> None:  # type: ignore[no-untyped-def]
    """PySide's addLayout, on a layout already on a widget, wraps each item of the nested
    layout and keeps the wrappers with the outer one ("PySide addLayout leaves item
    handles"); handing out a nested layout (itemAt) does the same. add_layout and
    entries let them go."""
    host = QWidget()
    qtbot.addWidget(host)
    lay = QVBoxLayout(host)

    def filled() -> tuple[QHBoxLayout, QLabel]:
        row, deeper = QHBoxLayout(), QVBoxLayout()
        label = QLabel("b")
        row.addWidget(label)
        row.addStretch(1)
        deeper.addWidget(QLabel("c"))
        row.addLayout(deeper)  # not on a widget yet: nothing wrapped
        return row, label

    before = {id(o) for o in _live_cpp_items()}
    raw, _label = filled()
    lay.addLayout(raw)
    assert len([o for o in _live_cpp_items() if id(o) not in before]) == 3  # the cause
    before = {id(o) for o in _live_cpp_items()}
    row, label = filled()
    add_layout(lay, row, 1)
    assert lay.stretch(1) == 1
    assert entries(lay)[1] is row and entries(row)[0] is label
    shiboken6.delete(label)  # Qt deletes its item itself, unseen by PySide
    assert [o for o in _live_cpp_items() if id(o) not in before] == []


def test_the_kiosks_screens_keep_no_item_wrapper(window) -> None:  # type: ignore[no-untyped-def]
    """The real screens, staged as the tour stages them in both modes, leave no wrapper of
    a layout item Qt made (they left 60-odd, each under an address Qt frees when the
    item's widget goes: the review's, the receipt's, the rating's lines made anew)."""
    from ui.tour import SCENES, stage

    names = ("catalog", "form", "documents", "review", "submitted", "track_result", "ticket")
    scenes = [s for s in SCENES if s.name in (*names, "rate")]
    before = {id(o) for o in _live_cpp_items()}
    for assisted in (False, True):
        for scene in scenes:
            stage(window, scene, "zh", assisted)
    left = [o for o in _live_cpp_items() if id(o) not in before]
    assert left == [], f"{len(left)} layout items' wrappers kept"
