"""A bar of buttons and texts that takes a second row rather than cut its words.

The top and bottom bars were QHBoxLayouts: in portrait (1080 px wide) at 字号 4/4 in
长辈模式 their buttons wanted more than the width, Qt squeezed each below its text,
and citizens read "听一" for 再听一遍 and lost characters of 呼叫工作人员 (try-out 3).
Portrait has height to spare, so the bar wraps instead: its items come in groups
(a break is allowed only between groups), a group that does not fit on the row goes
to the next one, and the bar asks its parent for the height of the rows it uses.
Within a row it lays out as an HBox: buttons at their size, texts that give way
(stretch > 0) share what is left, but only after their ``least_width()`` (their
shortest form, a FitLabel's last text) is counted as needed on the row: the time, the
network status and the step numbers keep a place where they can be read. In landscape
the rows stay one wherever the buttons fit: a second row there would take a keyboard's
bottom row off a 1280x800 panel.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QLabel, QLayout, QLayoutItem, QSizePolicy, QWidget, QWidgetItem


def least_width(w: QWidget) -> int:
    """The narrowest ``w`` is still of use at: its own ``least_width()`` where it has one,
    none for a text allowed to give way (``may_clip``, the kiosk's own name)."""
    own = getattr(w, "least_width", None)
    if callable(own) and not w.property("may_clip"):
        return int(own())
    return w.minimumSizeHint().width()


class BarLayout(QLayout):
    """Items in groups (:meth:`new_group`), wrapped onto rows at group boundaries."""

    def __init__(
        self,
        parent: QWidget | None = None,
        rows_first: Callable[[], bool] = bool,
        upward: bool = False,
    ) -> None:
        super().__init__(parent)
        # Where a row is short: True takes a second row before a button says itself
        # shorter (portrait has height to spare), False says it shorter first.
        self._rows_first = rows_first
        # The first row at the bottom edge and the next ones above it (the bottom bar):
        # a row more on some screens (the steps of an application) leaves the buttons
        # of the first row where they are on every other screen, under the finger (#14).
        self._upward = upward
        # Texts that stand in one place by turns (see share_room), and whether they
        # keep it in every way of laying out the rows.
        self._turns: list[tuple[list[QWidget], bool]] = []
        self._items: list[QLayoutItem] = []
        self._stretch: list[int] = []
        self._group: list[int] = []
        self._next_group = 0
        # Groups that start a row of their own while their rule holds (see new_group).
        self._own_row: dict[int, Callable[[], bool]] = {}
        self._cache: dict[int, list[list[int]]] = {}
        # The items' hints and the bar's heights, until Qt invalidates the layout (an
        # item's updateGeometry, shown or hidden, a new font): Qt's own layouts keep
        # their widgets' hints the same way (QWidgetItemV2). Uncached, one screen change
        # asked the bar's buttons and texts for their sizes ~800 times, 20-40 ms.
        self._hints: dict[int, QSize] = {}
        self._leasts: dict[int, int] = {}
        # Likewise each item's maximum size. QWidgetItem works it out from the widget's
        # sizeHint and minimumSizeHint (Python overrides, asked twice each), and its
        # setGeometry works it out again: placing the bars asked their texts and buttons
        # ~1,500 times in five journeys, the header's fitting each time (issue 14).
        self._maxes: dict[int, QSize] = {}
        self._heights: dict[int, int] = {}
        self._shown_cache: list[int] | None = None
        # While a plan is worked out (see plan): least widths it assumes, and the
        # widgets it takes for hidden; none otherwise.
        self._plan_least: dict[int, int] = {}
        self._plan_hidden: set[QWidget] | None = None
        # Called once the items are placed: texts that say themselves one way for every
        # screen (worked out from :meth:`plan`) are fitted again whenever the bar is.
        self.on_placed: Callable[[], None] = lambda: None
        self._placing = False

    # --- building -------------------------------------------------------------------

    def addWidget(self, w: QWidget, stretch: int = 0) -> None:  # type: ignore[override]
        """Append ``w`` to the current group; ``stretch`` > 0: it takes the room left."""
        self.addChildWidget(w)
        self._items.append(QWidgetItem(w))
        self._stretch.append(stretch)
        self._group.append(self._next_group)
        self.invalidate()

    def new_group(self, own_row: Callable[[], bool] | None = None) -> None:
        """Items added from here on may go to a row of their own; with ``own_row``, they
        always do while it says so, however much room the row before has left: rows
        that never depend on the type's size (try-out 14, E6: in portrait 长辈模式 the
        voice buttons shared 字号's row at 1/4 and took a row of their own at 4/4, and
        再听一遍 left the place the citizen had just found it in)."""
        self._next_group += 1
        if own_row is not None:
            self._own_row[self._next_group] = own_row

    def share_room(self, *widgets: QWidget, rows_too: bool = False) -> None:
        """``widgets`` (stretching texts) are shown by turns in one place: the kiosk's
        name on the home screen, an application's steps on its screens. Where a row
        says its buttons shorter to make room (landscape), whichever is shown counts
        the room the widest of them needs, so the buttons beside them take one width on
        every screen (#14: 标准色 and 再听一遍 narrowed by 9-14 px as the steps came,
        and moved). ``rows_too``: where a row takes a second row first (portrait) as
        well, so the bar has the same rows whichever is shown, and what stands beside
        them the same place (try-out 10, E6: the staff-call chip sat on the buttons' row
        on the rating page, on the steps' row on an application's)."""
        self._turns.append((list(widgets), rows_too))
        self.invalidate()

    def setStretchFactor(self, w: QWidget, stretch: int) -> bool:  # type: ignore[override]
        """As QBoxLayout's."""
        for i, item in enumerate(self._items):
            if item.widget() is w:
                if self._stretch[i] != stretch:
                    self._stretch[i] = stretch
                    self.invalidate()
                return True
        return False

    # --- QLayout ------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        """Items come through :meth:`addWidget` (a stretch and a group each)."""
        self._items.append(item)
        self._stretch.append(0)
        self._group.append(self._next_group)

    def count(self) -> int:
        """How many items."""
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        """The item at ``index``, or None."""
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        """Remove and return the item at ``index``."""
        if not 0 <= index < len(self._items):
            return None
        del self._stretch[index], self._group[index]
        self.invalidate()
        return self._items.pop(index)

    def invalidate(self) -> None:
        """Sizes changed: measure the rows again."""
        self._cache.clear()
        self._hints.clear()
        self._leasts.clear()
        self._maxes.clear()
        self._heights.clear()
        self._shown_cache = None
        super().invalidate()

    def expandingDirections(self) -> Qt.Orientation:
        """Wide as its parent lets it be."""
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        """Its height depends on how many rows the width needs."""
        return True

    def heightForWidth(self, width: int) -> int:
        """The rows' heights for ``width``."""
        known = self._heights.get(width)
        if known is None:
            m = self.contentsMargins()
            rows = self._rows(width - m.left() - m.right())
            known = self._heights[width] = self._height(rows) + m.top() + m.bottom()
        return known

    def sizeHint(self) -> QSize:
        """Everything on one row."""
        m = self.contentsMargins()
        shown = self._shown()
        width = sum(self._hint_size(i).width() for i in shown)
        width += self.spacing() * max(0, len(shown) - 1)
        return QSize(width + m.left() + m.right(), self._height([shown]) + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """Never wider than its widest group at its least (the window never widens)."""
        m = self.contentsMargins()
        groups: dict[int, int] = {}
        for i in self._shown():
            least = self._least(i) if self._stretch[i] else self._items[i].minimumSize().width()
            groups[self._group[i]] = groups.get(self._group[i], 0) + least + self.spacing()
        width = max(groups.values(), default=0)
        return QSize(width + m.left() + m.right(), self._height([self._shown()]))

    def setGeometry(self, rect: QRect) -> None:
        """Place the rows in ``rect``, then tell :attr:`on_placed`."""
        self._place(rect)
        if not self._placing:
            self._placing = True  # what it changes lays the bar out again, later
            try:
                self.on_placed()
            finally:
                self._placing = False

    def _place(self, rect: QRect) -> None:
        super().setGeometry(rect)
        m = self.contentsMargins()
        inner = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        rows = self._rows(inner.width())
        placed = {i for r in rows for i in r}
        for i, item in enumerate(self._items):
            if i not in placed and not item.isEmpty():
                item.setGeometry(QRect(inner.right(), inner.top(), 0, 0))  # nothing to say
        heights = [self._row_height(r) for r in rows]
        spare = max(0, inner.height() - self._height(rows))
        if self._upward:
            y = inner.bottom() + 1 - spare // 2
            for row, h in zip(rows, heights, strict=True):
                y -= h
                self._place_row(row, QRect(inner.left(), y, inner.width(), h))
                y -= self.spacing()
            return
        y = inner.top() + spare // 2
        for row, h in zip(rows, heights, strict=True):
            self._place_row(row, QRect(inner.left(), y, inner.width(), h))
            y += h + self.spacing()

    def plan(
        self,
        width: int | None = None,
        swap: tuple[QWidget, QWidget] | None = None,
        least: dict[QWidget, int] | None = None,
    ) -> tuple[list[list[QWidget]], dict[QWidget, int]]:
        """The rows and each item's width the bar would lay out, worked out without
        placing anything: in ``width`` (its contents; by default as it is now), with
        ``swap``'s first widget shown in place of its second (a text that takes the
        other's place by turns, see :meth:`share_room`), and the given least widths.
        What a screen not on display would leave each item, so a text can be said one
        way on every screen (the network's word) and a room be tried before it is
        taken (the step chip's names)."""
        if width is None:
            # Its widget's, not its own geometry: that is cleared each time it is
            # invalidated, until it is placed again.
            host = self.parentWidget()
            m = self.contentsMargins()
            inner = host.contentsRect().width() if host is not None else 0
            width = inner - m.left() - m.right()
        index: dict[QWidget, int] = {}
        for i, it in enumerate(self._items):
            w = it.widget()
            if w is not None:
                index[w] = i
        shown = set(self._shown())
        hidden = {w for w in index if w.isHidden()}
        if swap is not None:
            there, gone = swap
            shown = (shown | {index[there]}) - {index[gone]}
            hidden = (hidden - {there}) | {gone}
        self._plan_least = {index[w]: v for w, v in (least or {}).items()}
        self._plan_hidden = hidden
        try:
            rows = self._rows_of(sorted(shown), width)
            widths: dict[int, int] = {}
            for row in rows:
                if row:
                    widths.update(self._row_widths(row, width)[0])
        finally:
            self._plan_least = {}
            self._plan_hidden = None
        widget = {i: w for w, i in index.items()}
        return (
            [[widget[i] for i in r if i in widget] for r in rows],
            {widget[i]: v for i, v in widths.items() if i in widget},
        )

    # --- measuring ----------------------------------------------------------------------

    def _hidden(self, w: QWidget) -> bool:
        """Hidden, or (a plan) taken for hidden."""
        return w.isHidden() if self._plan_hidden is None else w in self._plan_hidden

    def _least_of(self, w: QWidget) -> int:
        """``w``'s least width, or the one a plan assumes for it."""
        for i, v in self._plan_least.items():
            if self._items[i].widget() is w:
                return v
        return least_width(w)

    def _shown(self) -> list[int]:
        # A text with nothing to say (the network status before the first answer)
        # takes no place, nor a gap beside it.
        if self._shown_cache is None:
            self._shown_cache = [
                i
                for i, item in enumerate(self._items)
                if not item.isEmpty() and (self._hint_size(i).width() > 0 or self._least(i) > 0)
            ]
        return self._shown_cache

    def _hint_size(self, i: int) -> QSize:
        known = self._hints.get(i)
        if known is None:
            known = self._hints[i] = self._items[i].sizeHint()
        return known

    def _max_size(self, i: int) -> QSize:
        known = self._maxes.get(i)
        if known is None:
            known = self._maxes[i] = self._items[i].maximumSize()
        return known

    def _put(self, i: int, rect: QRect) -> None:
        """What ``QWidgetItem.setGeometry`` does for an item without alignment (ours: a
        bar's item is never aligned, and Fusion gives widgets no layout margins): the
        widget in ``rect``, no larger than its maximum size, which is kept here."""
        item = self._items[i]
        w = item.widget()
        if w is None or item.alignment():
            item.setGeometry(rect)
            return
        size = rect.size().boundedTo(self._max_size(i))
        w.setGeometry(QRect(rect.topLeft(), size))

    def _least(self, i: int) -> int:
        if i in self._plan_least:
            return self._plan_least[i]
        known = self._leasts.get(i)
        if known is None:
            w = self._items[i].widget()
            known = self._leasts[i] = least_width(w) if w is not None else 0
        return known

    def _room(self, i: int, full: bool) -> int:
        """A stretching text's least, or (``full`` False, see :meth:`share_room`) the
        widest least of the texts that take its place by turns."""
        own = self._least(i)
        w = self._items[i].widget()
        if w is None:
            return own
        for turns, rows_too in self._turns:
            if w in turns and (rows_too or not full):
                # Measured now, not cached: a hidden text's changes reach no layout.
                others = [self._least_of(t) for t in turns if t is not w and self._hidden(t)]
                own = max([own, *others])  # none hidden: its own
        return own

    def _need(self, i: int, full: bool) -> int:
        """What item ``i`` needs on a row: a text its least; a button its size, or
        (``full`` False) its shortest way of saying itself."""
        if self._stretch[i]:
            return self._room(i, full)
        if self._is_text(i) or not full:
            return self._least(i) if self._has_least(i) else self._hint(i)
        return self._hint(i)

    def _is_text(self, i: int) -> bool:
        """A label (the network status): it says less before a button does."""
        return isinstance(self._items[i].widget(), QLabel) and self._has_least(i)

    def _hint(self, i: int) -> int:
        return self._hint_size(i).width()

    def _has_least(self, i: int) -> bool:
        w = self._items[i].widget()
        return w is not None and callable(getattr(w, "least_width", None))

    def _rows(self, width: int) -> list[list[int]]:
        if width in self._cache:
            return self._cache[width]
        self._cache[width] = self._rows_of(self._shown(), width)
        return self._cache[width]

    def _rows_of(self, shown: list[int], width: int) -> list[list[int]]:
        full = self._rows_first()
        groups: list[list[int]] = []
        for i in shown:
            if groups and self._group[groups[-1][-1]] == self._group[i]:
                groups[-1].append(i)
            else:
                groups.append([i])
        rows: list[list[int]] = []
        used = 0
        for g in groups:
            need = sum(self._need(i, full) for i in g) + self.spacing() * (len(g) - 1)
            rule = self._own_row.get(self._group[g[0]])
            alone = rule is not None and rule()
            if rows and not alone and used + self.spacing() + need <= width:
                rows[-1].extend(g)
                used += self.spacing() + need
            else:
                rows.append(list(g))
                used = need
        return rows or [[]]

    def _row_height(self, row: list[int]) -> int:
        return max((self._hint_size(i).height() for i in row), default=0)

    def _height(self, rows: list[list[int]]) -> int:
        filled = [r for r in rows if r]
        heights = sum(self._row_height(r) for r in filled)
        return heights + self.spacing() * max(0, len(filled) - 1)

    def _place_row(self, row: list[int], rect: QRect) -> None:
        if not row:
            return
        widths, lead = self._row_widths(row, rect.width())
        x = rect.left() + lead
        hole = None  # where a kept slot of a hidden button began (see below)
        for i in row:
            item = self._items[i]
            w = item.widget()
            if w is not None and w.isHidden():
                # Hidden but keeping its slot (retainSizeWhenHidden: 返回 and 首页 on the
                # home screen), so every other item has the place it has on every screen
                # (try-out 6: the top bar's buttons moved between home and the catalog).
                # The text after it may spread over the empty slot.
                hole = x if hole is None else hole
                x += widths[i] + self.spacing()
                continue
            start = hole if hole is not None and self._stretch[i] else x
            hole = None
            h = min(rect.height(), self._max_size(i).height())
            if w is not None and w.sizePolicy().verticalPolicy() == QSizePolicy.Policy.Fixed:
                h = min(h, self._hint_size(i).height())
            y = rect.top() + (rect.height() - h) // 2
            self._put(i, QRect(start, y, max(0, widths[i] + x - start), h))
            x += widths[i] + self.spacing()

    def _row_widths(self, row: list[int], room: int) -> tuple[dict[int, int], int]:
        """Each item's width on ``row`` in a bar ``room`` wide, and the room left before
        the first (see :meth:`_leftover_first`)."""
        gaps = self.spacing() * (len(row) - 1)
        widths = {i: self._hint(i) for i in row if not self._stretch[i]}
        stretchy = [i for i in row if self._stretch[i]]
        # Short of room: texts say less first (most slack first), then the buttons give
        # up width, each in proportion to what it can give, until the stretching texts
        # have their least; those share the rest. In proportion: a bar button gives way
        # in smaller type (_ChromeButton), and one button in tiny type beside others in
        # full read as a different kind of button (try-out 6).
        full = self._rows_first()
        need = sum(self._room(i, full) for i in stretchy)
        short = sum(widths.values()) + gaps + need - room
        slack = {j: max(0, widths[j] - self._need(j, False)) for j in widths}
        texts = sorted((j for j in widths if self._is_text(j)), key=lambda j: slack[j])
        for i in reversed(texts):
            if short <= 0:
                break
            cut = min(short, slack[i])
            widths[i] -= cut
            short -= cut
        buttons = [j for j in widths if not self._is_text(j) and slack[j] > 0]
        total = sum(slack[j] for j in buttons)
        if short > 0 and total > 0:
            take = min(short, total)
            cuts = {j: take * slack[j] // total for j in buttons}
            spare = take - sum(cuts.values())  # the rounding's pixels, most slack first
            for j in sorted(buttons, key=lambda j: -slack[j]):
                extra = min(spare, slack[j] - cuts[j])
                cuts[j] += extra
                spare -= extra
            for j in buttons:
                widths[j] -= cuts[j]
            short -= take
        left = room - gaps - sum(widths.values())
        lead = 0
        if stretchy:
            total = sum(self._stretch[i] for i in stretchy)
            share = max(0, left)
            for n, i in enumerate(stretchy):
                widths[i] = share * self._stretch[i] // total
                if n == len(stretchy) - 1:  # the rounding's pixels to the last
                    widths[i] = share - sum(widths[j] for j in stretchy[:-1])
        elif left < 0:
            # Too narrow even for one group: shrink the buttons evenly, to their least.
            over = -left
            for i in row:
                cut = min(over // len(row) + 1, widths[i] - self._items[i].minimumSize().width())
                widths[i] -= max(0, cut)
        elif self._leftover_first(row):
            lead = left  # the stretch these buttons sat after is on the row above
        return widths, lead

    def _leftover_first(self, row: list[int]) -> bool:
        """A row without a stretching item keeps the side it had on one row: buttons
        that came after the stretch (呼叫工作人员 at the right) stay right."""
        first_stretch = next((i for i, s in enumerate(self._stretch) if s), None)
        return first_stretch is not None and first_stretch < row[0]
