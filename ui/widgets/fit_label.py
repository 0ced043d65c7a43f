"""A one-line label that shows the longest of its texts that fits, never a clipped one."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel

from ui.layout_items import repolish


class FitLabel(QLabel):
    """Given texts longest first, shows the first that fits its width (or nothing).

    For the bars at the top and bottom: on a narrow panel in 长辈模式 the centre's name
    or the step's name gives way to the buttons, rather than being cut in half or
    widening the window.
    """

    def __init__(self, keep_least: bool = False) -> None:
        super().__init__()
        self._texts: list[str] = []
        # Never narrower than its shortest form (a step's number): it may say less,
        # not nothing, when its row is squeezed.
        self._keep_least = keep_least
        # QLabel indents its text by half an "x" when it has a frame, and a role's
        # padding gives it one (the step bar): the text then ran that far past the
        # room measured here ("Choos", "Receip"). No indent: the text is where measured.
        self.setIndent(0)
        # Its texts may be the platform's (the centre's name): shown as typed, never markup.
        self.setTextFormat(Qt.TextFormat.PlainText)

    def set_texts(self, *texts: str) -> None:
        """The candidates, preferred first."""
        wanted = [t for t in texts if t]
        if wanted == self._texts:
            # The chrome sets its labels at every screen change: asking for room again
            # with nothing new re-ran the window's layout (a font change refits by itself).
            self._fit()
            return
        self._texts = wanted
        self.updateGeometry()
        self._fit()

    def texts(self) -> list[str]:
        """The candidates (tests)."""
        return list(self._texts)

    def text_widths(self) -> list[int]:
        """Each candidate's width in the current font, with the label's margins."""
        fm = self.fontMetrics()
        m = self.contentsMargins()
        return [fm.horizontalAdvance(t) + m.left() + m.right() for t in self._texts]

    def least_width(self) -> int:
        """The width of its shortest form (what a bar must leave it to be read at all)."""
        return min(self.text_widths(), default=0)

    def _fit(self) -> None:
        fm = self.fontMetrics()
        room = self.contentsRect().width()
        shown = next((t for t in self._texts if fm.horizontalAdvance(t) <= room), "")
        if shown != self.text():
            super().setText(shown)
        # Nothing fits: no empty coloured box either (the step bar's current step).
        empty = not shown
        if self.property("empty") is not empty:
            self.setProperty("empty", empty)
            repolish(self)

    def sizeHint(self) -> QSize:
        """Room for the preferred text."""
        fm = self.fontMetrics()
        m = self.contentsMargins()
        width = max((fm.horizontalAdvance(t) for t in self._texts), default=0)
        return QSize(width + m.left() + m.right(), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        """No minimum width (it gives way), or its shortest form's with ``keep_least``."""
        least = self.least_width() if self._keep_least else 0
        return QSize(least, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Pick again for the new width."""
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        """Pick again when a style changes the font: a role's bold face (the step bar's
        current step) is wider than the text measured before it was polished."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()


def reads_whole(label: QLabel, text: str) -> bool:
    """Whether ``text``, wrapped at ``label``'s width inside its padding, fits the height
    the layout gave it (a message said in room kept for it: said there only if whole)."""
    if label.width() <= 0 or label.height() <= 0:
        return False
    label.ensurePolished()  # measured with its role's font, padding and border
    m = label.contentsMargins()
    box = QRect(0, 0, max(1, label.width() - m.left() - m.right()), 100_000)
    flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
    needs = label.fontMetrics().boundingRect(box, flags, text).height()
    return needs + m.top() + m.bottom() <= label.height()
