"""The top bar's centre name, date and time: two lines where they fit, else one, else
two lines in smaller type.

On a small panel at a large text size the two lines (centre over clock) were taller
than the bar's buttons, and the whole bar grew by that difference: every screen lost
that height (tiles cut at 1280x800 in 长辈模式). The header never makes the bar taller
than its buttons: when two lines would, it puts the clock and the centre's name side
by side on one line, the clock first to get its room. Where even that line is wider
than the bar leaves (长辈模式 at 字号 3/4-4/4 on a 1280x800 panel, once every button
keeps its slot in both languages), it stacks the two again in smaller type that fits
the buttons' height: the name stays on screen with the time (try-out 4 saw it vanish).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.widgets.fit_label import FitLabel

# The smallest type the stacked header may take (px): below it the name gives way.
FLOOR_PX = 16
# The smallest type the full location and date may take, stacked (px): below it the
# header says less in larger type rather than everything in small print.
DATED_FLOOR_PX = 18
# The name over the date may make the bar this much taller than its buttons (px): at
# 30 px type in 长辈模式 the two lines need 88 px beside 87 px buttons on 1280x800.
SPARE_PX = 2


def _split_gap(px: int) -> int:
    """Between the two-line location and the time beside it: half the type's size (an
    en space) parts two texts; the bar's gap parts targets, and was the pixel that
    kept 一楼大厅 off a 1280x800 panel in 长辈模式."""
    return px // 2


class Header(QWidget):
    """The centre's name (``centre``) and the date and time (``clock``), both FitLabels.

    ``room`` gives the height the bar's buttons take: two lines only when both fit in it.
    ``gap`` is the space between the two texts on one line. ``keep_name``: portrait,
    where the bar may take a second row, leaves room for the name beside the time
    (see :meth:`least_width`). ``sizes`` gives the texts' own type sizes (px) in the
    current style: (name, clock).
    """

    def __init__(
        self,
        room: Callable[[], int],
        gap: Callable[[], int],
        keep_name: Callable[[], bool],
        sizes: Callable[[], tuple[int, int]],
        floor: Callable[[], int] = lambda: DATED_FLOOR_PX,
        beside_buttons: Callable[[], bool] = lambda: True,
        grown: Callable[[], int] = lambda: 0,
    ) -> None:
        super().__init__()
        # The page's small type at the citizen's 字号 (px; 0: none asked): the texts
        # never stack smaller than it where two lines of it fit the buttons' height, nor
        # smaller than the largest type that does where not (see :meth:`grown_px`).
        self._grown = grown
        # Whether the bar shows buttons beside the header now (not on the technicians'
        # panel): only they need the bar's height kept the same on every screen.
        self._beside_buttons = beside_buttons
        # The smallest type the mode allows its texts (px): the date stacks no smaller.
        self._floor = floor
        self._dated: list[str] = []  # the date and time in every language (reserve_dated)
        self._keep_name = keep_name
        self.setObjectName("header")
        self._room = room
        self._gap = gap
        self._sizes = sizes
        self._names: list[str] = []  # every language's short name (room for each)
        self._compact_px = 0  # the stacked small type in force, 0 when none
        self.centre = FitLabel()
        self.centre.setObjectName("header_centre")
        self.centre.setProperty("role", "body")
        self.clock = FitLabel()
        self.clock.setObjectName("header_clock")
        self.clock.setProperty("role", "muted")
        # The hall's part of the location on a line of its own, under the centre's name,
        # where only that keeps it on screen (see _full_name_plan).
        self.hall = FitLabel()
        self.hall.setObjectName("header_hall")
        self.hall.setProperty("role", "body")
        for w in (self.centre, self.clock, self.hall):
            w.setParent(self)
        self.hall.hide()
        # Never widens the window: the texts give way (FitLabel) to the buttons.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def reserve_names(self, names: list[str]) -> None:
        """The centre's short name in every language: the room the bar leaves is the
        same whichever is shown (its buttons keep their places across the switch)."""
        if names != self._names:
            self._names = list(names)
            self.updateGeometry()

    def reserve_dated(self, texts: list[str]) -> None:
        """The date and time (short form) in every language: in landscape the bar
        leaves room for it stacked under the centre's name in the mode's smallest type,
        the same in both languages (see :meth:`least_width`)."""
        if texts != self._dated:
            self._dated = list(texts)
            self.updateGeometry()

    def _bare_line(self, px: int) -> int:
        """A line's height in type of ``px``, without the labels' padding (the stacked
        date and name drop it: a pixel of it kept 30 px type off a 1280x800 panel)."""
        fm = QFontMetrics(self._font(self.centre, px))
        return fm.ascent() + fm.descent()  # the glyphs' own extent, no leading

    def _floor_px(self) -> int:
        return max(DATED_FLOOR_PX, self._floor())

    def _dated_least(self) -> int:
        """The width the centre's name over the date and time needs in the mode's
        smallest type; 0 where the two lines are taller than the buttons."""
        px = self._floor_px()
        if not self._dated or 2 * self._bare_line(px) > self._room() + SPARE_PX:
            return 0
        return max(self._name_least(px), *self._widths_at(self.clock, px, self._dated))

    # --- measuring (in the texts' own type, whatever is shown now) --------------------

    def _font(self, w: FitLabel, px: int) -> QFont:
        w.ensurePolished()
        font = QFont(w.font())
        font.setPixelSize(px)
        return font

    def _own_px(self) -> tuple[int, int]:
        # From the style, not the labels: they may be showing the smaller type now.
        return self._sizes()

    def _line_at(self, w: FitLabel, px: int) -> int:
        m = w.contentsMargins()
        return QFontMetrics(self._font(w, px)).height() + m.top() + m.bottom()

    def _widths_at(self, w: FitLabel, px: int, texts: list[str] | None = None) -> list[int]:
        fm = QFontMetrics(self._font(w, px))
        m = w.contentsMargins()
        return [fm.horizontalAdvance(t) + m.left() + m.right() for t in texts or w.texts()]

    def _name_least(self, px: int) -> int:
        """The widest short name of every language (the one shown at least)."""
        names = self._names or self.centre.texts()[-1:]
        return max(self._widths_at(self.centre, px, names), default=0)

    def _clock_least(self, px: int) -> int:
        return min(self._widths_at(self.clock, px), default=0)

    def _lines(self) -> tuple[int, int]:
        c, k = self._own_px()
        return self._line_at(self.centre, c), self._line_at(self.clock, k)

    def one_line(self) -> bool:
        """Whether the texts' own type is too tall for two lines (then they share one
        line, or stack in smaller type: :meth:`compact`)."""
        return sum(self._lines()) > self._room()

    def compact(self) -> bool:
        """Whether the two texts are stacked in smaller type now."""
        return self._compact_px > 0

    def small_px(self) -> int:
        """The largest type (px) in which the two stack within the buttons' height,
        never above their own; 0 below :data:`FLOOR_PX`."""
        c, k = self._own_px()
        px = max(c, k)
        while px >= FLOOR_PX:
            if self._line_at(self.centre, px) + self._line_at(self.clock, px) <= self._room():
                return px
            px -= 1
        return 0

    def _dated_text(self) -> str:
        """The clock's shortest form that still has the date (the time alone has none)."""
        clocks = self.clock.texts()
        return clocks[-2] if len(clocks) > 1 else (clocks[-1] if clocks else "")

    def _full_floor(self) -> int:
        """The smallest type the full location may take, stacked: the mode's own least
        (ui/a11y.py), below :data:`DATED_FLOOR_PX` too, before the hall's part goes."""
        return max(FLOOR_PX, self._floor())

    def _dated_px(self, width: int, full_only: bool = False) -> int:
        """The largest type (px) in which the full location (一楼大厅 too), else the
        centre's name (not with ``full_only``), and the time with its date stack within
        ``width`` and the buttons' height; 0 below the floor (:meth:`_full_floor` for
        the full location, :data:`DATED_FLOOR_PX` for the name alone). Where the one
        line cannot hold them, two lines in that type say where and when in full:
        try-out 6 saw 长辈模式 at 1280x800 drop the date and the hall's name
        (政务服务中心 10:05)."""
        names, dated = self.centre.texts(), self._dated_text()
        if not names or not dated:
            return 0
        c, k = self._own_px()
        top = max(c, k)
        while top > 0 and 2 * self._bare_line(top) > self._room():
            top -= 1
        floors = {names[0]: self._full_floor()}
        if not full_only:
            floors.setdefault(names[-1], self._floor_px())
        least = min(floors.values())
        if top < least:  # the buttons' height less a pixel or two: a bit over
            top = least
            if 2 * self._bare_line(top) > self._room() + SPARE_PX:
                return 0
        for name, floor in floors.items():  # the full location first
            px = top
            while px >= floor:
                name_w = self._widths_at(self.centre, px, [name])[0]
                if name_w <= width and self._widths_at(self.clock, px, [dated])[0] <= width:
                    return px
                px -= 1
        return 0

    def _full_name_plan(self, width: int, stacked: int) -> tuple[int, str] | None:
        """Where the layout chosen (``stacked``: its small type, 0 for the texts' own)
        would drop the hall's part (一楼大厅) of the full location: another that keeps
        it, or None (it is kept, or it cannot be).

        In order: the full location beside the date on one line in their own type (the
        clock gives up its year first: ``"beside"``); the two stacked in smaller type,
        down to the mode's least (30 px in 长辈模式: ``"stacked"``); and where the date
        cannot stay with it, the location on two lines (centre over hall) beside the
        time alone (``"split"``: the clock's shortest form gives way before the hall
        does, #14). Returns (small type or 0, which)."""
        names = self.centre.texts()
        if len(names) < 2 or not self._dated_text():
            return None
        full = names[0]
        c, k = self._own_px()
        if stacked:
            if self._widths_at(self.centre, stacked, [full])[0] <= width:
                return None
        elif not self.one_line():
            if self._widths_at(self.centre, c, [full])[0] <= width:
                return None
        elif self._one_line_widths(width)[0] >= self._widths_at(self.centre, c, [full])[0]:
            return None
        if self.one_line():
            beside = self._widths_at(self.centre, c, [full])[0] + self._gap()
            if beside + self._widths_at(self.clock, k, [self._dated_text()])[0] <= width:
                return 0, "beside"
        px = self._dated_px(width, full_only=True)
        if px:
            return px, "stacked"
        px = self._three_px(width)
        if px:
            return px, "three"
        px = self._split_px(width)
        return (px, "split") if px else None

    def _three_px(self, width: int) -> int:
        """The largest type (px), down to the mode's least, in which the full location
        on two lines (:meth:`_split`) over the date and time, three lines, fit ``width``
        and the buttons' height (never taller: the bar keeps its height); 0 where none
        does. English at 字号 4/4 on 1280x800 said "Service centre" over a date without
        its year, where README promises the name and the date in smaller type
        (try-out 8, C17)."""
        parts, dated = self._split(), self._dated_text()
        clocks = self.clock.texts()
        if parts is None or not dated or not clocks:
            return 0
        c, k = self._own_px()
        for px in range(max(c, k), self._full_floor() - 1, -1):
            if 3 * self._bare_line(px) > self._room():
                continue
            column = max(self._widths_at(self.centre, px, list(parts)))
            if column <= width and self._widths_at(self.clock, px, [dated])[0] <= width:
                return px
        return 0

    def _split(self) -> tuple[str, str] | None:
        """The full location as the centre's name and the hall's part after it
        (政务服务中心 | 一楼大厅; "Service centre" | "ground floor lobby"), or None where
        the location does not begin with the centre's name."""
        names = self.centre.texts()
        if len(names) < 2 or not names[0].startswith(names[-1]):
            return None
        rest = names[0][len(names[-1]) :].strip().lstrip(",，、").strip()
        return (names[-1], rest) if rest else None

    def _split_px(self, width: int) -> int:
        """The largest type (px), down to the mode's least, in which the full location
        on two lines (:meth:`_split`) and the time beside it fit ``width`` and the
        buttons' height; 0 where none does."""
        parts, clocks = self._split(), self.clock.texts()
        if parts is None or not clocks:
            return 0
        c, k = self._own_px()
        top = max(c, k)
        while top > 0 and 2 * self._bare_line(top) > self._room():
            top -= 1
        floor = self._full_floor()
        if top < floor:
            top = floor
            if 2 * self._bare_line(top) > self._room() + SPARE_PX:
                return 0
        for px in range(top, floor - 1, -1):
            column = max(self._widths_at(self.centre, px, list(parts)))
            if column + _split_gap(px) + self._widths_at(self.clock, px, clocks[-1:])[0] <= width:
                return px
        return 0

    def grown_floor(self) -> int:
        """The least type (px) the stacked texts may take: the page's small type at
        this 字号, or where two lines of it are taller than the buttons, the largest type
        in which two are not; 0 where none is asked. Standard mode at 字号 4/4 on a
        1280x800 panel stacked the full location over the date in 16 px beside 33 px
        buttons, the smallest text on the screen (try-out 12, N7): the bar's words grow
        with 字号 and say less (the centre's short name, the date without its year or
        the time alone) rather than shrink below the page's."""
        want = self._grown()
        if want <= 0:
            return 0
        px = want
        while px > 0 and 2 * self._bare_line(px) > self._room():
            px -= 1
        return max(px, 0)

    def grown_px(self, width: int) -> int:
        """The largest type (px), from the texts' own down to :meth:`grown_floor`, in
        which the full location, else the centre's short name, and the clock's shortest
        form stack in ``width`` and the buttons' height; 0 where none is asked or none
        fits (the layout chosen without it stands)."""
        floor = self.grown_floor()
        names, clocks = self.centre.texts(), self.clock.texts()
        if not floor or not names or not clocks:
            return 0
        top = max(self._own_px())
        while top > floor and 2 * self._bare_line(top) > self._room():
            top -= 1
        for name in (names[0], names[-1]):
            for px in range(top, floor - 1, -1):
                name_w = self._widths_at(self.centre, px, [name])[0]
                if name_w <= width and self._widths_at(self.clock, px, clocks[-1:])[0] <= width:
                    return px
        return 0

    def _one_line_least(self) -> int:
        c, k = self._own_px()
        return self._name_least(c) + self._gap() + self._clock_least(k)

    def _stacked_least(self) -> int:
        px = self.small_px()
        if not px:
            return self._one_line_least()
        return max(self._name_least(px), self._clock_least(px))

    def sizeHint(self) -> QSize:
        """Both texts whole: stacked, or side by side on one line (the name over the
        date in small type: their two lines)."""
        hint = self._hint()
        height = hint.height()
        if self._compact_px:
            height = max(height, 2 * self._bare_line(self._compact_px))
        # The two stacked lines' height wherever they may come (the full location over
        # the date at the mode's least type: a pixel over the buttons in 长辈模式): the
        # bar is that tall on every screen and in both languages, so its buttons do not
        # move by a pixel when one screen stacks the two and another does not (#14).
        # Not where no buttons share the bar (the technicians' sign-in): the 24 px kept
        # there made its page scroll at 1280x800 in 长辈模式 at 字号 4/4.
        stacked = 2 * self._bare_line(self._full_floor())
        if self._beside_buttons() and stacked <= self._room() + SPARE_PX:
            height = max(height, stacked)
        return QSize(hint.width(), height)

    def _hint(self) -> QSize:
        c, k = self._own_px()
        cw = max(self._widths_at(self.centre, c), default=0)
        kw = max(self._widths_at(self.clock, k), default=0)
        ch, kh = self._lines()
        if self.one_line():
            return QSize(cw + self._gap() + kw, max(ch, kh))
        return QSize(max(cw, kw), ch + kh)

    def least_width(self) -> int:
        """The room the bar leaves: the name (the widest of every language's short
        name) and the time (its shortest form). Stacked where two lines fit the buttons'
        height; else side by side in portrait, where the bar may take a second row;
        else the narrower of side by side and stacked in smaller type."""
        c, k = self._own_px()
        if not self.one_line():
            return max(self._name_least(c), self._clock_least(k))
        if self._keep_name():
            return self._one_line_least()
        # In landscape room for the date too (try-out 6: 长辈模式 at 1280x800 showed
        # the time alone): the buttons take smaller type to leave it.
        return max(min(self._one_line_least(), self._stacked_least()), self._dated_least())

    def minimumSizeHint(self) -> QSize:
        """No width of its own (it gives way); the height of its lines."""
        return QSize(0, self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Place the two texts in the new size."""
        super().resizeEvent(event)
        self._place()

    def event(self, event: QEvent) -> bool:
        """A text or font changed in a label (Qt posts this to a parent without a layout)."""
        if event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
            self._place()
        return super().event(event)

    def _set_compact(self, px: int) -> None:
        if px == self._compact_px:
            return
        self._compact_px = px
        # The labels' own role type comes from the window's style sheet; smaller type
        # for both is theirs alone, and goes when the room comes back.
        sheet = f"font-size: {px}px; padding: 0px;" if px else ""
        for w in (self.centre, self.clock, self.hall):
            w.setStyleSheet(sheet)
        self.updateGeometry()  # its lines' height (sizeHint)

    def _place(self) -> None:
        # The name never goes at the three panel sizes (ui/clipping.py counts a vanished
        # text as cut: no ``may_clip`` here); it only may where not even the smallest
        # stacked type fits, on a panel narrower than those.
        w, h = self.width(), self.height()
        gap = self._gap()
        c_px, k_px = self._own_px()
        ch, kh = self._lines()
        stacked = 0
        if self.one_line():
            one = self._name_least(c_px) + gap + self._clock_least(k_px)
            whole = max(self._widths_at(self.centre, c_px), default=0)
            whole += gap + max(self._widths_at(self.clock, k_px), default=0)
            px = self.small_px()
            # Portrait keeps the name beside the time on a row of its own instead.
            dated = self._dated_px(w) if whole > w and not self._keep_name() else 0
            if dated:
                stacked = dated
            elif one > w and px and max(self._name_least(px), self._clock_least(px)) <= w:
                stacked = px
        # Where the citizen is, in full (#14: 长辈模式 dropped 一楼大厅 wherever the
        # layout above had no room for it): another layout where one keeps it.
        which = ""
        plan = self._full_name_plan(w, stacked)
        if plan is not None:
            stacked, which = plan
        grown = self.grown_px(w)
        if stacked and grown > stacked:
            # The small type would say more, but below the page's own type: said in the
            # larger type, with the shorter name and date that fit it (N7).
            stacked, which = grown, ""
        self._set_compact(stacked)
        parts = self._split() if which in ("split", "three") else None
        self.hall.set_texts(parts[1] if parts else "")
        self.hall.setVisible(parts is not None)
        if parts is not None and which == "three":
            # The centre's name, the hall's part, then the date and time (its year too
            # where it fits): three lines in the small type, as wide as the header.
            line = self._bare_line(stacked)
            top = max(0, (h - 3 * line) // 2)
            # The centre's line as wide as the two parts: its short name (the full one
            # is the two lines together).
            column = max(self._widths_at(self.centre, stacked, list(parts)))
            left = max(0, (w - column) // 2)
            self.centre.setGeometry(left, top, column, line)
            self.hall.setGeometry(left, top + line, column, line)
            self.clock.setGeometry(0, top + 2 * line, w, line)
            return
        if parts is not None:
            # The centre's name over the hall's part, the clock beside them in what is
            # left (the time alone, or more where it fits).
            line = self._bare_line(stacked)
            column = max(self._widths_at(self.centre, stacked, list(parts)))
            apart = _split_gap(stacked)
            room = w - column - apart
            fits = [x for x in self._widths_at(self.clock, stacked) if x <= room]
            clock_w = max(fits, default=room)
            left = max(0, (w - column - apart - clock_w) // 2)
            top = max(0, (h - 2 * line) // 2)
            self.centre.setGeometry(left, top, column, line)
            self.hall.setGeometry(left, top + line, column, line)
            self.clock.setGeometry(left + column + apart, max(0, (h - line) // 2), clock_w, line)
            return
        if stacked or not self.one_line():
            if stacked:
                ch = kh = self._bare_line(stacked)  # no padding in the small type
            top = max(0, (h - ch - kh) // 2)
            self.centre.setGeometry(0, top, w, ch)
            self.clock.setGeometry(0, top + ch, w, kh)
            return
        if which == "beside":
            # The full location first, the clock the rest (its date without the year).
            centre_w = max(self._widths_at(self.centre, c_px), default=0)
            clock_w = min(w - gap - centre_w, max(self._widths_at(self.clock, k_px), default=0))
        else:
            centre_w, clock_w = self._one_line_widths(w)
        used = clock_w + (centre_w + gap if centre_w > 0 else 0)
        left = max(0, (w - used) // 2)
        self.centre.setGeometry(left, max(0, (h - ch) // 2), max(0, centre_w), ch)
        self.clock.setGeometry(w - left - clock_w, max(0, (h - kh) // 2), clock_w, kh)

    def _one_line_widths(self, w: int) -> tuple[int, int]:
        """The name's and the clock's widths on one line of ``w`` in their own type.

        The clock takes what it needs first, the name what is left; where that is not
        even the name's short form, the clock gives up its long forms first (both read,
        try-out 3 saw the name vanish); the name goes (0) only when the two short forms
        cannot share the line."""
        gap = self._gap()
        c_px, k_px = self._own_px()
        clock_hint = max(self._widths_at(self.clock, k_px), default=0)
        centre_hint = max(self._widths_at(self.centre, c_px), default=0)
        centre_least = min(self._widths_at(self.centre, c_px), default=0)
        clock_w = min(w, clock_hint)
        if w - clock_w - gap < centre_least:
            clock_w = max(self._clock_least(k_px), w - gap - centre_least)
        centre_w = min(w - clock_w - gap, centre_hint)
        if centre_w < centre_least:
            centre_w = 0  # not even its short form fits: the clock has the line
            clock_w = min(w, clock_hint)
        return centre_w, clock_w
