"""A button with a shorter way of saying itself, shown where the long one does not fit.

The top bar's buttons at 字号 4/4 in 长辈模式 on a 1280x800 panel are wider than the
panel, and a second row there would push a keyboard's last row off the screen. They
say it shorter instead (标准模式 → 标准, Standard mode → Standard), words from the
string tables in both languages, never a word cut in half.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QPushButton, QStyle, QStyleOptionButton

from ui.widgets.refit import Refits


class FitButton(Refits, QPushButton):
    """Given texts longest first, shows the first whose button fits its width."""

    def __init__(self) -> None:
        super().__init__()
        self._texts: list[str] = [""]
        # Each text's width, until the font or style changes: a bar's layout asks for
        # its buttons' sizes hundreds of times per screen change (the top bar's rows,
        # its height for a width), and each measure is a style sheet query, ~20 µs.
        self._widths: dict[str, int] = {}

    def set_texts(self, *texts: str) -> None:
        """The ways of saying it, preferred first."""
        wanted = [t for t in texts if t] or [""]
        if wanted != self._texts:
            self._texts = wanted
            self.updateGeometry()
        self._fit()

    def setText(self, text: str) -> None:  # type: ignore[override]
        """One way of saying it."""
        self.set_texts(text)

    def texts(self) -> list[str]:
        """The ways of saying it (tests)."""
        return list(self._texts)

    def width_for(self, text: str) -> int:
        """The width this button needs to show ``text`` whole (its style's padding too)."""
        self.ensurePolished()  # its polish may change its font (and so empty the cache)
        known = self._widths.get(text)
        if known is None:
            known = self._widths[text] = self._measure(text)
        return known

    def _measure(self, text: str) -> int:
        opt = QStyleOptionButton()
        self.initStyleOption(opt)
        opt.text = text
        fm = self.fontMetrics()
        inner = QSize(fm.horizontalAdvance(text), fm.height())
        size = self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, opt, inner, self)
        return size.width()

    def least_width(self) -> int:
        """The width of its shortest way of saying it."""
        return self.width_for(self._texts[-1])

    def sizeHint(self) -> QSize:
        """Room for the preferred text."""
        return QSize(self.width_for(self._texts[0]), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        """Room for the shortest text."""
        return QSize(self.least_width(), super().minimumSizeHint().height())

    def changeEvent(self, event: QEvent) -> None:
        """A new font or style: measure again (before the refit that follows)."""
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._widths.clear()
        super().changeEvent(event)

    def _fit(self) -> None:
        room = self.width()
        shown = next((t for t in self._texts if self.width_for(t) <= room), self._texts[-1])
        if shown != super().text():
            super().setText(shown)
