"""A list of tiles shown as pages, never as a scroll area.

Scrolling is the gesture elderly citizens most often miss, so a list too long for
the window (services, appointment times, reasons) is cut into pages that fit:

    pager = PagedGrid(tokens, "services", columns=2)
    layout.addWidget(pager, 1)            # it takes the height left on the screen
    pager.set_items([tile1, tile2, ...])  # it owns them from now on
    pager.set_language("en")              # in the screen's retranslate()

How many tiles a page holds is worked out from the room the pager is given and the
tiles' heights at the column width (a row is as tall as its tallest tile), so no
tile is ever cut, and the buttons stay put when the citizen turns a page. Under the
tiles: big 上一页 / 下一页 buttons and "第 2/3 页"; their row keeps its room when
everything fits on one page (the buttons are then hidden), so the tiles do not jump
when a search or a filter changes how many there are.

Object names, for taps in tests and the tour: ``{name}_prev``, ``{name}_next`` and
``{name}_page`` (the page text). A screen whose own way forward turns the pages (the
form's 下一步, which checks each page first) asks for no 下一页 (``forward=False``):
two buttons going forward, one checking and one not, confused citizens (#14).
On a screen with two paged areas, ``what`` (a string key) names the area in the page
text: "部门 第 1/2 页" (``label_above``: on a row of its own over the buttons, for a
narrow column). ``laid_out`` fires after each layout (a new size, new texts, a page
turned).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import tr
from ui.layout_items import add_layout
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

    def event(self, event: QEvent) -> bool:
        """A tile whose text or style changed asks for room again (Qt posts this here)."""
        if event.type() == QEvent.Type.LayoutRequest:
            self._on_resize()
        return super().event(event)


def _keep_room(w: QWidget) -> None:
    policy = w.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    w.setSizePolicy(policy)


class PagedGrid(QWidget):
    """Tiles in ``columns`` columns, as many rows a page as the height allows.

    A row is as tall as its tallest tile (titles that wrap get their lines); pages
    are filled in order. ``fill`` stretches a page's rows to share the height (a home
    screen's few big tiles), up to two and a half times their natural height; with
    ``fill_mm``, every row as tall as that many millimetres instead (or as its items
    need, if more), so rows keep their places when the text size changes.
    ``min_row_mm`` is the least height of a row, in millimetres on the panel.
    ``keep_nav_room`` keeps the buttons' row even when one page is enough, so a list
    that gets shorter or longer (a filter, a search) moves nothing; a fixed set of
    tiles (a home screen) may give that row to the tiles instead. ``nav_width``, for a
    screen that moves the buttons into a row of its own, tells the room they have there
    (default: the pager's width), so they give way to arrows before a neighbour is cut.
    ``row_gap_mm``: the space between rows (default: the touch targets' gap).
    ``tight_gap_mm``: a smaller space between rows, taken only where it spares a last
    page of a single row (lines of text that are read, not tapped).
    ``widen_last``: the last item, alone in its row, takes the row's whole width (a
    form's last question's answers in one line, not wrapped in half the page).
    """

    page_changed = Signal(int)  # the page now shown, from 0
    # The pages were laid out again (a new size, new texts, a page turned): which items
    # the citizen has before them may have changed (a review counts the pages seen).
    laid_out = Signal()

    def __init__(
        self,
        tokens: Tokens,
        name: str = "pager",
        columns: int = 1,
        fill: bool = False,
        lang: str = "zh",
        min_row_mm: float | None = None,
        keep_nav_room: bool = True,
        what: str = "",
        nav_width: Callable[[], int] | None = None,
        label_above: bool = False,
        fill_mm: float | None = None,
        turn_keys: tuple[str, str] = ("pager.prev", "pager.next"),
        row_gap_mm: float | None = None,
        fill_by_item: bool = False,
        forward: bool = True,
        arrows: tuple[str, str] = ("◀", "▶"),
        opening_extra: Callable[[QWidget, int], int] | None = None,
        tight_gap_mm: float | None = None,
        widen_last: bool = False,
    ) -> None:
        super().__init__()
        # How much taller an item is (at a column width) where it opens a page after the
        # first: the review's line that goes on with a section shows the section's
        # heading there, 续 (try-out 8, C6). Counted as the pages are packed, in one pass.
        self._opening_extra = opening_extra
        self._extras: list[int] = []
        # The buttons' glyphs when their words do not fit: a vertical list beside another
        # pager turns with ▲/▼, so the two pairs are not the same arrows (try-out 8, C3).
        self._arrows = arrows
        # A row that does not fit under the last leaves as many of its items as fit on
        # the page (in order) and the rest start the next: a form's short question is not
        # sent over with the tall one beside it (try-out 7, C-i: half a page left empty).
        self._fill_by_item = fill_by_item
        # The buttons' words (string keys): a screen whose pager sits beside its own
        # way forward says what they turn (the guide's 下一页 beside 开始办理).
        self._turn_keys = turn_keys
        self._fill_mm = fill_mm
        self._nav_width = nav_width
        self.setObjectName(name)
        self._tokens = tokens
        self._columns = max(1, columns)
        self._laying_out = False  # a layout under way (see _relayout)
        self._again = False  # one more asked for meanwhile
        self._fill = fill
        self._keep_nav_room = keep_nav_room
        self._what = what  # a string key naming the area paged, on a screen with two
        self._lang = lang
        self._min_row = tokens.mm(min_row_mm if min_row_mm is not None else tokens.target_mm)
        # Between rows: the touch targets' gap, or less between lines of text (the review's
        # answers are read, not tapped: more of them to a page).
        self._row_gap = tokens.gap() if row_gap_mm is None else tokens.mm(row_gap_mm)
        # The review's last line alone on a page of its own, ~25 px short on page one,
        # and 确认提交 held until it was turned to (try-out 10, C4): the lines close up
        # rather than a page of one row. The gap of the layout under way is _row_gap.
        self._full_gap = self._row_gap
        # A form's last question alone in its row, measured and placed across the row:
        # in one column of two its answers wrapped (香港二次 alone on a second line, and in
        # English so tall that the whole form fell back to one question a page: try-out
        # 10, C3). Its height across the row, for the packing (see _paginate).
        self._widen_last = widen_last
        self._last_wide_h = 0
        self._tight_gap = None if tight_gap_mm is None else tokens.mm(tight_gap_mm)
        self._items: list[QWidget] = []
        self._page = 0
        # Each page's rows: (first item, item after the last, row height).
        self._pages: list[list[tuple[int, int, int]]] = [[]]
        self._overflow = False  # a row taller than the room (it is shown, cut)
        self._cols_used = self._columns
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(tokens.gap())
        self.area = _Area(self._relayout)
        self.area.setObjectName(f"{name}_area")
        lay.addWidget(self.area, 1)
        nav = QHBoxLayout()
        nav.setSpacing(tokens.gap())
        self.prev = self._nav_button(f"{name}_prev", lambda: self.show_page(self._page - 1))
        # No 下一页 where the screen's own way forward turns the pages (see the module).
        self.next: QPushButton | None = (
            self._nav_button(f"{name}_next", lambda: self.show_page(self._page + 1))
            if forward
            else None
        )
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setObjectName(f"{name}_page")
        self.label.setProperty("role", "body")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # It gives way in a narrow column (the numbers alone), never the buttons.
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        if keep_nav_room:
            for w in self._nav_widgets():
                _keep_room(w)
        nav.addWidget(self.prev)
        if label_above:
            # A narrow column: its buttons leave the page text no room between them, and
            # without it two pagers side by side did not say which area each turns
            # (try-out 5). The text gets a row of its own over the buttons.
            lay.addWidget(self.label)
            nav.addStretch(1)
        else:
            nav.addWidget(self.label, 1)
        if self.next is not None:
            nav.addWidget(self.next)
        add_layout(lay, nav)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.set_language(lang)

    def _nav_widgets(self) -> list[QWidget]:
        """The buttons' row: 上一页, the page text and (where there is one) 下一页."""
        return [w for w in (self.prev, self.label, self.next) if w is not None]

    def _nav_button(self, name: str, slot: Callable[[], None]) -> QPushButton:
        b = QPushButton()
        b.setObjectName(name)
        b.setProperty("role", "secondary")
        # Wide as well as tall: the two buttons a hand looks for under the list.
        b.setMinimumWidth(self._tokens.mm(self._tokens.target_mm * 2.5))
        b.setMinimumHeight(self._tokens.mm(self._tokens.target_mm))
        b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        b.clicked.connect(lambda _=False: slot())
        return b

    # --- what a screen uses ---------------------------------------------------------

    def set_items(
        self, widgets: Sequence[QWidget], keep_page: bool = False, park: QWidget | None = None
    ) -> None:
        """Show ``widgets`` (in order) from the first page; the pager owns them now.

        Earlier items not in ``widgets`` are destroyed, or, given ``park``, hidden and
        handed to it (a fixed set shown in part: phrases for one kind of feedback).
        ``keep_page`` stays on the page shown, when it still exists.
        """
        keep = set(map(id, widgets))
        for old in self._items:
            if id(old) not in keep:
                old.hide()
                if park is not None:
                    old.setParent(park)
                    continue
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
            rows = self._pages[self._page]
            first = self._items[rows[0][0]] if rows else None  # it stays in view
            self._columns = columns
            self._relayout()
            if first is not None:
                self.show_page(self.page_of(first))

    def set_language(self, lang: str) -> None:
        """Button and page texts in ``lang``; pages laid out again for the items' new texts.

        Call it after the items' own texts changed (a longer wrapped title takes more room).
        """
        self._lang = lang
        self._relayout()  # the buttons' texts too

    def relayout(self) -> None:
        """Lay the pages out again now (after the items' sizes changed)."""
        self._relayout()

    def fits(self) -> bool:
        """Whether every item is on one page, whole (else a screen may give up extras)."""
        return len(self._pages) == 1 and not self._overflow

    def overflows(self) -> bool:
        """Whether a row is taller than the room (shown cut): its items should be smaller."""
        return self._overflow

    def page(self) -> int:
        """The page shown, from 0."""
        return self._page

    def per_page(self) -> int:
        """How many items the fullest page holds at the present size."""
        return max((sum(end - first for first, end, _h in rows) for rows in self._pages), default=0)

    def page_count(self) -> int:
        """How many pages the items take at the present size (at least 1)."""
        return max(1, len(self._pages))

    def page_of(self, widget: QWidget) -> int:
        """The page ``widget`` is on."""
        i = self._items.index(widget)
        return next((p for p, rows in enumerate(self._pages) if rows and i < rows[-1][1]), 0)

    def show_page(self, page: int) -> None:
        """Turn to ``page`` (clamped to the pages there are)."""
        page = min(max(0, page), self.page_count() - 1)
        if page == self._page:
            return
        self._page = page
        self._relayout()
        self.page_changed.emit(page)

    # --- sizes ----------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The page text may need its short form at a new width."""
        super().resizeEvent(event)
        self._update_nav()

    def minimumSizeHint(self) -> QSize:
        """One row and the buttons: the pager never makes the window grow."""
        width = self.prev.minimumWidth() * 2 + self._tokens.gap() * 2
        return QSize(width, self._min_row + self._tokens.gap() + self._nav_height())

    def _nav_height(self) -> int:
        return max(self.prev.minimumHeight(), self.prev.sizeHint().height())

    # --- internals ------------------------------------------------------------------

    @staticmethod
    def _narrowest(w: QWidget) -> int:
        # A tile's own layout knows its longest word; a button's hints are its one line.
        inner = w.layout()
        hint = inner.minimumSize().width() if inner is not None else w.minimumSizeHint().width()
        return max(hint, w.minimumWidth())

    def _natural_height(self, w: QWidget, width: int) -> int:
        w.ensurePolished()
        if w.isHidden():
            # Qt keeps a hidden widget's measures (in each nested layout) while its
            # labels change or hide: measure it afresh.
            for inner in w.findChildren(QLayout):
                inner.invalidate()
        h = w.heightForWidth(width) if w.hasHeightForWidth() else -1
        if h <= 0:  # no wrapping text: its own preferred height
            h = max(w.sizeHint().height(), w.minimumSizeHint().height())
        # (A wrapping widget's size hints are for some narrower width: not used.)
        return max(h, w.minimumHeight())

    def _relayout(self) -> None:
        # Never one inside another: showing the buttons' row resizes the area, and a
        # listener of laid_out may change the items (the rating's stars go): each asks
        # for a layout while one is under way. Nested, the outer one then finished with
        # its own, stale pages (its row of buttons shown over one page, a tile hidden:
        # try-out 6, item 8). Asked meanwhile, it is done again once this one ends.
        if self._laying_out:
            self._again = True
            return
        self._laying_out = True
        try:
            for _ in range(8):  # bounded: a listener that always asks again cannot hang
                self._again = False
                self._relayout_once()
                if not self._again:
                    break
        finally:
            self._laying_out = False

    def _relayout_once(self) -> None:
        width, full_height = self.area.width(), self.area.height()
        items = self._items
        if not self._keep_nav_room:
            # The buttons' row is there only when there is more than one page.
            full_height = self.contentsRect().height()
        if not items or width <= 0 or full_height <= 0:
            for w in items:
                w.hide()
            self._pages, self._overflow = [[]], False
            self._update_nav()
            self.laid_out.emit()
            return
        gap = self._tokens.gap()
        # Columns give way before a tile is squeezed below its narrowest (a long word).
        narrowest = max(self._narrowest(w) for w in items)
        cols = self._columns
        while cols > 1 and (width - gap * (cols - 1)) // cols < narrowest:
            cols -= 1
        # And before a row is cut: a row taller than the room (long titles wrapped in a
        # narrow column at a large text size) gets wider, shorter tiles, fewer a page.
        first = cols
        col_w, height = self._paginate(cols, width, full_height)
        while self._overflow and cols > 1:
            cols -= 1
            col_w, height = self._paginate(cols, width, full_height)
        if self._overflow and cols != first:
            # No fewer columns help (the page buttons' row takes the room): as asked.
            col_w, height = self._paginate(first, width, full_height)
        self._page = min(self._page, len(self._pages) - 1)
        for p, rows in enumerate(self._pages):
            extra = 0
            rows_h = [h for _a, _b, h in rows]
            if self._fill and p == self._page and self._fill_mm is not None:
                rows_h = self._even_rows(rows_h, height)
            elif self._fill and p == self._page:
                # Few big tiles: the rows of the page share the whole height.
                extra = max(0, (height - self._used(rows)) // len(rows))
                # Up to two and a half times their height: big, not hollow.
                extra = min(extra, max(h for _a, _b, h in rows) * 3 // 2)
            y = 0
            for (first, end, _h), h in zip(rows, rows_h, strict=True):
                for i in range(first, end):
                    w = items[i]
                    if p != self._page or h + extra <= 0:
                        # (A row of no height: an item said elsewhere where it opens a
                        # page, the guide's 办理须知 by the heading over the list.)
                        w.hide()
                        continue
                    wide = self._alone(first, end, len(items))
                    x, w_px = (0, width) if wide else ((i - first) * (col_w + gap), col_w)
                    w.setGeometry(x, y, w_px, h + extra)
                    w.show()
                y += h + extra + (self._row_gap if h + extra > 0 else 0)
        self._update_nav()
        self.laid_out.emit()

    def _paginate(self, cols: int, width: int, height: int) -> tuple[int, int]:
        """Pages of ``cols`` columns in ``width`` x ``height``: (column width, room a page)."""
        gap = self._tokens.gap()
        self._cols_used = cols
        col_w = max(1, (width - gap * (cols - 1)) // cols)
        heights = [self._natural_height(w, col_w) for w in self._items]
        if self._widen_last and cols > 1 and self._items:
            self._last_wide_h = self._natural_height(self._items[-1], width)
        extra = self._opening_extra
        self._extras = [extra(w, col_w) if extra else 0 for w in self._items]
        self._row_gap = self._full_gap
        self._pages = self._pack(heights, height)
        if not self._keep_nav_room and len(self._pages) > 1:
            height -= self._nav_height() + gap
            self._pages = self._pack(heights, height)
        if self._tight_gap is not None and len(self._pages) > 1 and len(self._pages[-1]) == 1:
            pages = len(self._pages)
            self._row_gap = self._tight_gap
            self._pages = self._pack(heights, height)
            if len(self._pages) >= pages:  # no page spared: as they were
                self._row_gap = self._full_gap
                self._pages = self._pack(heights, height)
        self._overflow = any(self._used(rows) > height for rows in self._pages)
        return col_w, height

    def _even_rows(self, heights: list[int], room: int) -> list[int]:
        """Rows as tall as ``fill_mm`` (less when the room is less), or as they need.

        A row that needs more keeps its height; the others share what is left.
        """
        assert self._fill_mm is not None
        if not heights:
            return heights
        free = room - self._row_gap * (len(heights) - 1)
        cap = self._tokens.mm(self._fill_mm)
        tall: set[int] = set()
        even = cap
        while len(tall) < len(heights):
            rest = [i for i in range(len(heights)) if i not in tall]
            even = min(cap, (free - sum(heights[i] for i in tall)) // len(rest))
            taller = {i for i in rest if heights[i] > even}
            if not taller:
                break
            tall |= taller
        return [h if i in tall else even for i, h in enumerate(heights)]

    def _used(self, rows: list[tuple[int, int, int]]) -> int:
        tall = [h for _a, _b, h in rows if h > 0]  # (a row of no height has no gap)
        return sum(tall) + self._row_gap * max(0, len(tall) - 1)

    def _pack(self, heights: list[int], height: int) -> list[list[tuple[int, int, int]]]:
        """Rows of ``columns`` items, as tall as their tallest, filled into pages in order."""
        gap, cols = self._row_gap, self._cols_used
        pages: list[list[tuple[int, int, int]]] = []
        page: list[tuple[int, int, int]] = []
        used = 0
        first = 0
        extras = self._extras if len(self._extras) == len(heights) else [0] * len(heights)
        while first < len(heights):
            end = min(first + cols, len(heights))
            h = max(self._min_row, *heights[first:end])
            alone = self._alone(first, end, len(heights))
            if alone:
                h = max(self._min_row, self._last_wide_h)
            if page and used + gap + h > height and self._fill_by_item:
                # The row's first items that fit here stay (the rest start the next page).
                fits = [
                    e
                    for e in range(end - 1, first, -1)
                    if used + gap + max(self._min_row, *heights[first:e]) <= height
                ]
                if fits:
                    end = fits[0]
                    h = max(self._min_row, *heights[first:end])
            if page and used + gap + h > height:
                held = page[-1]
                if len(page) > 1 and self._keeps_with_next(held):
                    # A heading never ends a page: it goes over with its first line
                    # (try-out 11, E4: 办理须知 alone at a page's foot, nothing under it).
                    page.pop()
                    pages.append(page)
                    page, used, first = [], 0, held[0]
                    continue
                pages.append(page)
                page, used = [], 0
            if not page and pages:
                # Opening a page after the first: as tall as the item is there.
                tall = max(heights[i] + extras[i] for i in range(first, end))
                # None at all where the items are said elsewhere there (see _relayout_once).
                h = 0 if tall <= 0 else max(self._min_row, tall)
                if alone:
                    h = max(self._min_row, self._last_wide_h + extras[first])
            used += h + (gap if page else 0)
            if not page and h == 0:
                used = -gap  # the next row's gap is not there either
            page.append((first, end, h))
            first = end
        pages.append(page)
        return pages

    def _keeps_with_next(self, row: tuple[int, int, int]) -> bool:
        """A row of one item marked ``keep_with_next`` (a section's heading)."""
        first, end, _h = row
        return end - first == 1 and bool(self._items[first].property("keep_with_next"))

    def _alone(self, first: int, end: int, count: int) -> bool:
        """The row [first, end) is the last item alone, to be laid across the row."""
        return self._widen_last and self._cols_used > 1 and end - first == 1 and end == count

    def _update_nav(self) -> None:
        # A narrow column (a filter list) gets the arrows alone, never cut words.
        prev_key, next_key = self._turn_keys
        nxt = self.next
        self.prev.setText(tr(prev_key, self._lang))
        need = self.prev.sizeHint().width()
        if nxt is not None:
            nxt.setText(tr(next_key, self._lang))
            need += nxt.sizeHint().width()
        room = self._nav_width() if self._nav_width is not None else self.width()
        if self.width() > 0 and need + 2 * self._tokens.gap() > room:
            self.prev.setText(self._arrows[0])
            if nxt is not None:
                nxt.setText(self._arrows[1])
        what = f"{tr(self._what, self._lang)} " if self._what else ""
        self.prev.setAccessibleName(what + tr(prev_key, self._lang))
        if nxt is not None:
            nxt.setAccessibleName(what + tr(next_key, self._lang))
        pages = self.page_count()
        paged = pages > 1
        for w in self._nav_widgets():
            w.setVisible(paged)
        self.prev.setEnabled(self._page > 0)
        if nxt is not None:
            nxt.setEnabled(self._page < pages - 1)
        n, lang = self._page + 1, self._lang
        if self._what:
            what = tr(self._what, lang)
            texts = [
                tr("pager.page_of", lang, what=what, n=n, total=pages),
                tr("pager.short_of", lang, what=what, n=n, total=pages),
            ]
        else:
            texts = [tr("pager.page", lang, n=n, total=pages)]
        texts.append(f"{n}/{pages}")  # a narrow column: the numbers alone
        room, fm = self.label.width(), self.label.fontMetrics()
        # The longest that fits; else nothing (the buttons' enabled state still tells
        # first and last).
        self.label.setText(next((t for t in texts if fm.horizontalAdvance(t) <= room), ""))
