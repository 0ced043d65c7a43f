"""A word-wrapped label that keeps the room of the tallest text it may show.

A field whose text changes as the citizen types (联系电话：（未填写） → 13800138000) wraps
to a different number of lines; the controls under it then moved under the finger
(#14). Given the texts it may show, it asks its layout for the height of the tallest.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel


class RoomLabel(QLabel):
    """A wrapped label as tall as the tallest of :meth:`set_alternatives`' texts."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self._alternatives: tuple[str, ...] = ()
        self._cache: tuple[object, int] = (None, 0)  # (what was measured, the height)
        # Made when there is something to measure: a tile's explanation is one of these
        # (try-out 10, C5), and most never keep any room.
        self._probe: QLabel | None = None

    def set_alternatives(self, texts: Iterable[str]) -> None:
        """The texts it may show besides the current one (their room is kept)."""
        alternatives = tuple(texts)
        if alternatives != self._alternatives:
            self._alternatives = alternatives
            self.updateGeometry()

    def alternatives(self) -> tuple[str, ...]:
        """The texts whose room is kept (:meth:`set_alternatives`)."""
        return self._alternatives

    def _make_probe(self) -> QLabel:
        probe = QLabel()  # unparented: no style sheet of its own
        probe.setTextFormat(Qt.TextFormat.PlainText)
        probe.setWordWrap(True)
        probe.hide()
        # A window of its own (no parent), so it must go with the label: one was left
        # behind per rating screen (tests/ui/test_screens_freed.py).
        self.destroyed.connect(probe.deleteLater)
        self._probe = probe
        return probe

    def _room(self, width: int) -> int:
        if not self._alternatives:
            return 0
        self.ensurePolished()  # hidden labels are not styled yet: their font would be wrong
        m = self.contentsMargins()
        key = (width, self.font().key(), m.left(), m.top(), self.frameWidth(), self._alternatives)
        if self._cache[0] != key:
            # Measured by an unstyled twin with this label's font, margins and indent, so
            # with QLabel's own wrapping: font metrics alone disagreed with QLabel by a
            # line at a boundary (a styled frame indents the text by an "x": qlabel.cpp).
            probe = self._probe or self._make_probe()
            probe.setFont(self.font())
            probe.setContentsMargins(m)
            probe.setMargin(self.margin())
            indent = self.indent()
            if indent < 0 and self.frameWidth():
                indent = self.fontMetrics().horizontalAdvance("x") - 2 * self.margin()
            probe.setIndent(max(0, indent))
            heights = [0]
            for text in self._alternatives:
                probe.setText(text)
                heights.append(probe.heightForWidth(width))
            self._cache = (key, max(heights))
        return self._cache[1]

    def hasHeightForWidth(self) -> bool:
        """Its height follows its width while it keeps room, shown or hidden: a hidden
        label keeping its room was laid out by its size hint, measured at its first
        width (640 px, before any layout), three lines' room where one was needed; the
        keys under a call-back number then moved up 64 px as its message came (try-out
        10, E5). Otherwise as a QLabel (a home tile's words fit by its rules)."""
        return bool(self._alternatives) or super().hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        """The current text's height, or the tallest alternative's at ``width``."""
        return max(super().heightForWidth(width), self._room(width))

    def sizeHint(self) -> QSize:
        """As QLabel's, as tall as the tallest alternative at the label's width."""
        hint = super().sizeHint()
        return hint.expandedTo(QSize(0, self._room(self.width() or hint.width())))
