"""A strip across the foot of a scroll area that says its content goes on below.

On the technicians' panel at 1280x800 a page taller than its room (the 设备 list in
English with faults, whose words wrap) ended at a row cut through the middle, with
only a scroll bar's handle to hint at more (try-out 10, T4). While there is more below,
this strip says so in words over the last few pixels of the view (already cut there),
and goes once the view reaches the end. It takes no tap: a tap on it does not reach a
half-hidden button under it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QScrollArea


class MoreBelow(QLabel):
    """The strip for ``area``; ``wanted`` False keeps it hidden (a page read from its end)."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.setObjectName("more_below")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.wanted = True
        self._area = area
        bar = area.verticalScrollBar()
        bar.rangeChanged.connect(lambda _lo, _hi: self.place())
        bar.valueChanged.connect(lambda _v: self.place())
        area.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The area resized: the strip follows its foot."""
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.place()
        return False

    def place(self) -> None:
        """Show the strip at the view's foot while there is more below, else hide it."""
        more = self.wanted and bool(self.text()) and self._cut_below()
        if more:
            view = self._area.viewport().geometry()
            h = self.sizeHint().height()
            self.setGeometry(view.left(), view.bottom() + 1 - h, view.width(), h)
            self.raise_()
        self.setVisible(more)

    def _cut_below(self) -> bool:
        """Whether words or a button of the content end below the view (a few pixels
        of spacing past the last row are not "more")."""
        bar = self._area.verticalScrollBar()
        content = self._area.widget()
        if content is None or bar.value() >= bar.maximum():
            return False
        end = bar.value() + self._area.viewport().height()
        for kind in (QLabel, QAbstractButton):
            for w in content.findChildren(kind):
                if w.isVisible() and w.mapTo(content, QPoint(0, w.height())).y() > end:
                    return True
        return False
