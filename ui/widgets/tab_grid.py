"""Page buttons (tabs) in a grid of equal cells that takes fewer columns, not narrower
cells, when a tab's words do not fit.

The technicians' panel had its seven page buttons in two rows of four. In portrait
(1080 px wide) in 长辈模式 four English tabs a row were squeezed below their words
("Out of service", "Diagnostics" lost letters at both ends, #14). Portrait has height to
spare: here each row holds as many tabs as fit whole (at most ``columns``), so 1080 px
takes three a row; a landscape panel takes them all in one row where they fit (the
page under them got the height of a second row: try-out 10, T3/T4). A tab is measured
as the page on show is drawn (bold, ui/theme.py's ``primary`` role): marking another
page never changes the columns, so no tab moves under the technician's finger.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QLayout, QWidget

from ui.widgets.bar_layout import BarLayout


def whole_width(w: QWidget) -> int:
    """The width ``w`` needs to show its words whole, also when drawn bold, and also
    when it says the other words it may say (the property ``also_says``: 暂停服务 /
    已暂停服务), so that a change of words never changes the columns."""
    hint = w.sizeHint().width()
    if not isinstance(w, QAbstractButton):
        return hint
    bold = QFont(w.font())
    bold.setBold(True)
    texts = [w.text(), *[str(x) for x in (w.property("also_says") or ())]]
    need = max(QFontMetrics(bold).horizontalAdvance(x) for x in texts)
    return hint + max(0, need - QFontMetrics(w.font()).horizontalAdvance(w.text()))


class TabGrid(BarLayout):
    """Widgets in rows of equal cells: up to ``columns`` a row, fewer where they would
    be squeezed below :func:`whole_width`. (A :class:`BarLayout` for its items, each
    in one group: the rows here are a grid's, not groups wrapped.)"""

    def __init__(self, columns: int, spacing: int) -> None:
        super().__init__()
        self._most = max(1, columns)
        self.setSpacing(spacing)

    def addWidget(self, w: QWidget) -> None:  # type: ignore[override]
        """Append ``w`` in the next cell."""
        super().addWidget(w)

    def heightForWidth(self, width: int) -> int:
        """The rows' heights for ``width``."""
        m = self.contentsMargins()
        columns = self.columns_for(width - m.left() - m.right())
        return self._grid_height(columns) + m.top() + m.bottom()

    def sizeHint(self) -> QSize:
        """Every row full."""
        m = self.contentsMargins()
        n = min(self._most, max(1, len(self._shown())))
        width = n * self._cell() + (n - 1) * self.spacing()
        return QSize(width + m.left() + m.right(), self._grid_height(n) + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """One column at its least: the window never widens for the tabs."""
        m = self.contentsMargins()
        return QSize(self._cell() + m.left() + m.right(), self._grid_height(self._most))

    def setGeometry(self, rect: QRect) -> None:
        """Place the cells in ``rect`` (not as a bar's rows: QLayout's own bookkeeping only)."""
        QLayout.setGeometry(self, rect)
        m = self.contentsMargins()
        inner = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        n = self.columns_for(inner.width())
        gap = self.spacing()
        cell = max(0, (inner.width() - (n - 1) * gap) // n)
        h = self._cell_height()
        for k, i in enumerate(self._shown()):
            row, col = divmod(k, n)
            x = inner.left() + col * (cell + gap)
            self._items[i].setGeometry(QRect(x, inner.top() + row * (h + gap), cell, h))

    # --- measuring ----------------------------------------------------------------------

    def columns_for(self, width: int) -> int:
        """How many cells a row of ``width`` takes (at least one)."""
        need = self._cell()
        n = self._most
        while n > 1 and n * need + (n - 1) * self.spacing() > width:
            n -= 1
        shown = len(self._shown())
        if shown > n:
            # Rows as even as they can be: seven tabs in rows of four and three, not six
            # and one (the same rows, each as full as the others).
            rows = -(-shown // n)
            n = -(-shown // rows)
        return n

    def _cell(self) -> int:
        widths = [self._items[i].widget() for i in self._shown()]
        return max((whole_width(w) for w in widths if w is not None), default=0)

    def _cell_height(self) -> int:
        return max((self._items[i].sizeHint().height() for i in self._shown()), default=0)

    def _grid_height(self, columns: int) -> int:
        shown = len(self._shown())
        rows = (shown + columns - 1) // columns
        return rows * self._cell_height() + max(0, rows - 1) * self.spacing()
