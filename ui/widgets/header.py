"""The top bar's centre name, date and time: two lines where they fit, else one.

On a small panel at a large text size the two lines (centre over clock) were taller
than the bar's buttons, and the whole bar grew by that difference: every screen lost
that height (tiles cut at 1280x800 in 长辈模式). The header never makes the bar taller
than its buttons: when two lines would, it puts the clock and the centre's name side
by side on one line, the clock first to get its room (the name gives way).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.widgets.fit_label import FitLabel


class Header(QWidget):
    """The centre's name (``centre``) and the date and time (``clock``), both FitLabels.

    ``room`` gives the height the bar's buttons take: two lines only when both fit in it.
    ``gap`` is the space between the two texts on one line. ``keep_name``: the bar
    must leave room for the centre's name as well as the time (see :meth:`least_width`).
    """

    def __init__(
        self, room: Callable[[], int], gap: Callable[[], int], keep_name: Callable[[], bool] = bool
    ) -> None:
        super().__init__()
        self._keep_name = keep_name
        self.setObjectName("header")
        self._room = room
        self._gap = gap
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

    def one_line(self) -> bool:
        """Whether the texts share one line (two would be taller than the buttons)."""
        return self._line(self.centre) + self._line(self.clock) > self._room()

    @staticmethod
    def _line(w: FitLabel) -> int:
        w.ensurePolished()  # the role's font, even before the first show
        return w.sizeHint().height()

    def sizeHint(self) -> QSize:
        """Both texts whole: stacked, or side by side on one line."""
        c, k = self.centre.sizeHint(), self.clock.sizeHint()
        if self.one_line():
            return QSize(c.width() + self._gap() + k.width(), max(c.height(), k.height()))
        return QSize(max(c.width(), k.width()), c.height() + k.height())

    def least_width(self) -> int:
        """The time at least (its shortest form); with ``keep_name`` (portrait, where the
        bar may take a second row) the centre's short name beside it too."""
        if not self._keep_name():
            return self.clock.least_width()
        return self.centre.least_width() + self._gap() + self.clock.least_width()

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

    def _place(self) -> None:
        # Where the bar leaves no room for it (landscape), the name may give way to the
        # buttons: said to ui/clipping.py, which otherwise counts a vanished text as cut.
        reason = None if self._keep_name() else "the centre's name gives way to the buttons"
        if self.centre.property("may_clip") != reason:
            self.centre.setProperty("may_clip", reason)
        w, h = self.width(), self.height()
        ch, kh = self._line(self.centre), self._line(self.clock)
        if not self.one_line():
            top = max(0, (h - ch - kh) // 2)
            self.centre.setGeometry(0, top, w, ch)
            self.clock.setGeometry(0, top + ch, w, kh)
            return
        # One line: the clock takes what it needs first, the name what is left; where
        # that is not even the name's short form, the clock gives up its long forms
        # first (both read, try-out 3 saw the name vanish); the name goes only when
        # the two short forms cannot share the line.
        gap = self._gap()
        clock_w = min(w, self.clock.sizeHint().width())
        centre_least = self.centre.least_width()
        if w - clock_w - gap < centre_least:
            clock_w = max(self.clock.least_width(), w - gap - centre_least)
        centre_w = min(w - clock_w - gap, self.centre.sizeHint().width())
        if centre_w < centre_least:
            centre_w = 0  # not even its short form fits: the clock has the line
            clock_w = min(w, self.clock.sizeHint().width())
        used = clock_w + (centre_w + gap if centre_w > 0 else 0)
        left = max(0, (w - used) // 2)
        self.centre.setGeometry(left, max(0, (h - ch) // 2), max(0, centre_w), ch)
        self.clock.setGeometry(w - left - clock_w, max(0, (h - kh) // 2), clock_w, kh)
