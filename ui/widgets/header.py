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
    ) -> None:
        super().__init__()
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
        for w in (self.centre, self.clock):
            w.setParent(self)
        # Never widens the window: the texts give way (FitLabel) to the buttons.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def reserve_names(self, names: list[str]) -> None:
        """The centre's short name in every language: the room the bar leaves is the
        same whichever is shown (its buttons keep their places across the switch)."""
        if names != self._names:
            self._names = list(names)
            self.updateGeometry()

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

    def _dated_px(self, width: int) -> int:
        """The largest type (px) in which the full location (一楼大厅 too), else the
        centre's name, and the time with its date stack within ``width`` and the
        buttons' height; 0 below
        :data:`DATED_FLOOR_PX`. Where the one line cannot hold them, two lines in that
        type say where and when in full: try-out 6 saw 长辈模式 at 1280x800 drop the
        date and the hall's name (政务服务中心 10:05)."""
        names, clocks = self.centre.texts(), self.clock.texts()
        if not names or not clocks:
            return 0
        dated = clocks[-2] if len(clocks) > 1 else clocks[-1]  # the time alone has no date
        for name in dict.fromkeys((names[0], names[-1])):  # the full location first
            px = self.small_px()
            while px >= DATED_FLOOR_PX:
                name_w = self._widths_at(self.centre, px, [name])[0]
                if name_w <= width and self._widths_at(self.clock, px, [dated])[0] <= width:
                    return px
                px -= 1
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
        """Both texts whole: stacked, or side by side on one line."""
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
        return min(self._one_line_least(), self._stacked_least())

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
        sheet = f"font-size: {px}px;" if px else ""
        for w in (self.centre, self.clock):
            w.setStyleSheet(sheet)

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
            dated = self._dated_px(w) if whole > w else 0
            if dated:
                stacked = dated
            elif one > w and px and max(self._name_least(px), self._clock_least(px)) <= w:
                stacked = px
        self._set_compact(stacked)
        if stacked or not self.one_line():
            if stacked:
                ch, kh = self._line_at(self.centre, stacked), self._line_at(self.clock, stacked)
            top = max(0, (h - ch - kh) // 2)
            self.centre.setGeometry(0, top, w, ch)
            self.clock.setGeometry(0, top + ch, w, kh)
            return
        # One line: the clock takes what it needs first, the name what is left; where
        # that is not even the name's short form, the clock gives up its long forms
        # first (both read, try-out 3 saw the name vanish); the name goes only when
        # the two short forms cannot share the line.
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
        used = clock_w + (centre_w + gap if centre_w > 0 else 0)
        left = max(0, (w - used) // 2)
        self.centre.setGeometry(left, max(0, (h - ch) // 2), max(0, centre_w), ch)
        self.clock.setGeometry(w - left - clock_w, max(0, (h - kh) // 2), clock_w, kh)
