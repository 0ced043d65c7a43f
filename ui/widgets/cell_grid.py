"""Rows of a list laid out in as many columns as fit whole (at most ``most``).

The technicians' device list was one device a row: at 1920x1080 the seven rows and the
restart button did not fit under the panel's tabs, the last device was cut at the
bottom edge until scrolled, with most of each row empty between the device's words and
its test button (try-out 7). A landscape panel holds two such rows side by side; a
portrait one keeps one a row (it has the height). Columns are chosen by width alone,
so a redraw with the same width never moves a row.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem


class CellGrid(QLayout):
    """Widgets in cells of equal width, row by row: ``most`` columns where each cell is
    at least ``least`` wide, fewer where not; each row as tall as its tallest cell."""

    def __init__(self, least: int, spacing: int, most: int = 2, between_rows: int = -1) -> None:
        super().__init__()
        self._items: list[QLayoutItem] = []
        self._least = max(1, least)
        self._most = max(1, most)
        # Rows may sit closer than columns: a row's own button already keeps its room.
        self._between = spacing if between_rows < 0 else between_rows
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def set_least(self, least: int) -> None:
        """A cell's least width (known once the cells' words and buttons are made)."""
        self._least = max(1, least)
        self.invalidate()

    # --- QLayout's bookkeeping ------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        """Append ``item`` in the next cell."""
        self._items.append(item)

    def addWidget(self, w: QWidget) -> None:  # type: ignore[override]
        """Append ``w`` in the next cell."""
        self.addChildWidget(w)
        self.addItem(QWidgetItem(w))
        self.invalidate()

    def count(self) -> int:
        """How many cells."""
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        """The item in cell ``index``."""
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        """Remove and return the item in cell ``index``."""
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    # --- measuring --------------------------------------------------------------------

    def columns_for(self, width: int) -> int:
        """As many columns as fit ``width`` with each cell at least ``least`` wide."""
        gap = self.spacing()
        n = self._most
        while n > 1 and n * self._least + (n - 1) * gap > width:
            n -= 1
        return n

    def _rows(self, width: int) -> tuple[int, int, list[int]]:
        """Columns, cell width and each row's height at ``width``."""
        n = self.columns_for(width)
        gap = self.spacing()
        cell = max(0, (width - (n - 1) * gap) // n)
        heights: list[int] = []
        for k, item in enumerate(self._items):
            h = item.heightForWidth(cell) if item.hasHeightForWidth() else -1
            if h < 0:
                h = item.sizeHint().height()
            h = max(h, item.minimumSize().height())
            if k % n == 0:
                heights.append(h)
            else:
                heights[-1] = max(heights[-1], h)
        return n, cell, heights

    def hasHeightForWidth(self) -> bool:
        """Taller when narrower (fewer columns, wrapped words)."""
        return True

    def heightForWidth(self, width: int) -> int:
        """The rows' heights for ``width``."""
        _n, _cell, heights = self._rows(width)
        return sum(heights) + self._between * max(0, len(heights) - 1)

    def _widest(self) -> int:
        """The width at which every column is used, each cell at its least."""
        return self._most * self._least + (self._most - 1) * self.spacing()

    def sizeHint(self) -> QSize:
        """One cell wide, as tall as the rows are in every column: the height it takes
        comes from :meth:`heightForWidth` (a scroll area's page asked for the height of
        one column once scrolled a list that fitted in two)."""
        return QSize(self._least, self.heightForWidth(self._widest()))

    def minimumSize(self) -> QSize:
        """One cell wide (the window never widens for the list)."""
        return self.sizeHint()

    def setGeometry(self, rect: QRect) -> None:
        """Place the cells in ``rect``, row by row."""
        super().setGeometry(rect)
        n, cell, heights = self._rows(rect.width())
        gap = self.spacing()
        y = rect.top()
        for row, h in enumerate(heights):
            for col in range(n):
                k = row * n + col
                if k >= len(self._items):
                    break
                x = rect.left() + col * (cell + gap)
                self._items[k].setGeometry(QRect(x, y, cell, h))
            y += h + self._between
