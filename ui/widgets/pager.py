"""A list of tiles shown as pages, never as a scroll area.

Scrolling is the gesture elderly citizens most often miss, so a list too long for
the window (services, appointment times, reasons) is cut into pages that fit:

    pager = PagedGrid(tokens, "services", columns=2)
    layout.addWidget(pager, 1)            # it takes the height left on the screen
    pager.set_items([tile1, tile2, ...])  # it owns them from now on
    pager.set_language("en")              # in the screen's retranslate()

How many tiles a page holds is worked out from the room the pager is given and the
tallest tile at the column width, so every page has the same rows and nothing
moves when the citizen turns a page. Under the tiles: big 上一页 / 下一页 buttons
and "第 2/3 页"; their row keeps its room when everything fits on one page (the
buttons are then hidden), so the tiles do not jump when a search or a filter
changes how many there are.

Object names, for taps in tests and the tour: ``{name}_prev``, ``{name}_next`` and
``{name}_page`` (the page text).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.i18n import tr
from ui.theme import Tokens


class _Area(QWidget):
    """Where the current page's tiles are placed by hand (no layout to grow the window)."""

    def __init__(self, on_resize: Callable[[], None]) -> None:
        super().__init__()
        self._on_resize = on_resize
        # The room left on the screen decides the page size, never the tiles' total height.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A new size may change how many tiles fit on a page."""
        super().resizeEvent(event)
        self._on_resize()


def _keep_room(w: QWidget) -> None:
    policy = w.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    w.setSizePolicy(policy)


class PagedGrid(QWidget):
    """Tiles in ``columns`` columns, as many rows a page as the height allows.

    ``fill`` stretches the rows to share the whole height (a home screen's few big
    tiles); otherwise tiles keep the tallest tile's natural height (lists).
    ``min_row_mm`` is the least height of a row, in millimetres on the panel.
    """

    page_changed = Signal(int)  # the page now shown, from 0

    def __init__(
        self,
        tokens: Tokens,
        name: str = "pager",
        columns: int = 1,
        fill: bool = False,
        lang: str = "zh",
        min_row_mm: float | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName(name)
        self._tokens = tokens
        self._columns = max(1, columns)
        self._fill = fill
        self._lang = lang
        self._min_row = tokens.mm(min_row_mm if min_row_mm is not None else tokens.target_mm)
        self._items: list[QWidget] = []
        self._page = 0
        self._per_page = 1
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(tokens.gap())
        self.area = _Area(self._relayout)
        self.area.setObjectName(f"{name}_area")
        lay.addWidget(self.area, 1)
        nav = QHBoxLayout()
        nav.setSpacing(tokens.gap())
        self.prev = self._nav_button(f"{name}_prev", lambda: self.show_page(self._page - 1))
        self.next = self._nav_button(f"{name}_next", lambda: self.show_page(self._page + 1))
        self.label = QLabel()
        self.label.setObjectName(f"{name}_page")
        self.label.setProperty("role", "body")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for w in (self.prev, self.label, self.next):
            _keep_room(w)
        nav.addWidget(self.prev)
        nav.addWidget(self.label, 1)
        nav.addWidget(self.next)
        lay.addLayout(nav)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.set_language(lang)

    def _nav_button(self, name: str, slot: Callable[[], None]) -> QPushButton:
        b = QPushButton()
        b.setObjectName(name)
        b.setProperty("role", "secondary")
        # Wide as well as tall: the two buttons a hand looks for under the list.
        b.setMinimumWidth(self._tokens.mm(self._tokens.target_mm * 3))
        b.setMinimumHeight(self._tokens.mm(self._tokens.target_mm))
        b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        b.clicked.connect(lambda _=False: slot())
        return b

    # --- what a screen uses ---------------------------------------------------------

    def set_items(self, widgets: Sequence[QWidget], keep_page: bool = False) -> None:
        """Show ``widgets`` (in order) from the first page; the pager owns them now.

        Earlier items not in ``widgets`` are destroyed. ``keep_page`` stays on the
        page shown, when it still exists.
        """
        keep = set(map(id, widgets))
        for old in self._items:
            if id(old) not in keep:
                old.hide()
                old.setParent(None)
                old.deleteLater()
        self._items = list(widgets)
        for w in self._items:
            if w.parentWidget() is not self.area:
                w.setParent(self.area)
        if not keep_page:
            self._page = 0
        self._relayout()

    def items(self) -> list[QWidget]:
        """Every item, on whatever page."""
        return list(self._items)

    def set_columns(self, columns: int) -> None:
        """Lay the tiles out in ``columns`` columns (e.g. fewer in portrait)."""
        columns = max(1, columns)
        if columns != self._columns:
            first = self._page * self._per_page  # the first tile shown stays in view
            self._columns = columns
            self._relayout()
            self.show_page(first // self._per_page)

    def set_language(self, lang: str) -> None:
        """Button and page texts in ``lang``."""
        self._lang = lang
        self.prev.setText(tr("pager.prev", lang))
        self.next.setText(tr("pager.next", lang))
        self._update_nav()

    def page(self) -> int:
        """The page shown, from 0."""
        return self._page

    def page_count(self) -> int:
        """How many pages the items take at the present size (at least 1)."""
        return max(1, math.ceil(len(self._items) / self._per_page))

    def page_of(self, widget: QWidget) -> int:
        """The page ``widget`` is on."""
        return self._items.index(widget) // self._per_page

    def show_page(self, page: int) -> None:
        """Turn to ``page`` (clamped to the pages there are)."""
        page = min(max(0, page), self.page_count() - 1)
        if page == self._page:
            return
        self._page = page
        self._relayout()
        self.page_changed.emit(page)

    # --- sizes ----------------------------------------------------------------------

    def minimumSizeHint(self) -> QSize:
        """One row and the buttons: the pager never makes the window grow."""
        nav = max(self.prev.minimumSizeHint().height(), self.prev.sizeHint().height())
        width = self.prev.minimumWidth() * 2 + self._tokens.gap() * 2
        return QSize(width, self._min_row + self._tokens.gap() + nav)

    # --- internals ------------------------------------------------------------------

    def _natural_height(self, w: QWidget, width: int) -> int:
        w.ensurePolished()
        h = w.heightForWidth(width) if w.hasHeightForWidth() else -1
        if h <= 0:
            h = w.sizeHint().height()
        return max(h, w.minimumSizeHint().height(), w.minimumHeight())

    def _relayout(self) -> None:
        width, height = self.area.width(), self.area.height()
        items = self._items
        if not items or width <= 0 or height <= 0:
            for w in items:
                w.hide()
            self._update_nav()
            return
        gap = self._tokens.gap()
        cols = self._columns
        col_w = max(1, (width - gap * (cols - 1)) // cols)
        row_h = max(self._min_row, max(self._natural_height(w, col_w) for w in items))
        rows = max(1, (height + gap) // (row_h + gap))
        self._per_page = rows * cols
        self._page = min(self._page, self.page_count() - 1)
        if self._fill:
            # Few big tiles: the rows a page uses share the whole height.
            used = min(rows, math.ceil(len(items) / cols))
            row_h = max(row_h, (height - gap * (used - 1)) // used)
        for i, w in enumerate(items):
            page, k = divmod(i, self._per_page)
            if page != self._page:
                w.hide()
                continue
            r, c = divmod(k, cols)
            w.setGeometry(c * (col_w + gap), r * (row_h + gap), col_w, row_h)
            w.show()
        self._update_nav()

    def _update_nav(self) -> None:
        pages = self.page_count()
        paged = pages > 1
        for w in (self.prev, self.label, self.next):
            w.setVisible(paged)
        self.prev.setEnabled(self._page > 0)
        self.next.setEnabled(self._page < pages - 1)
        self.label.setText(tr("pager.page", self._lang, n=self._page + 1, total=pages))
