"""A wrapped question over a docked keyboard: the room of its tallest text, in type that
shrinks to what the keys leave.

A screen that asks two things in turn on one keypad (the track screen: the number, then
the ID's last 4) showed each question at the heading size. At 字号 4/4 on 1280x800 the
second question wrapped to three lines where the first took two: the keypad, whose keys
cannot shrink below their touch size, was pushed under the bottom bar (X and ⌫ cut in
half) and sat ~45 px lower than on the step before, so a citizen's taps at the same
spots landed on nothing (try-out 10, C8).

Here the label asks for the height of the tallest of the texts it may show (so the keys
stay put whichever it shows) and, where the page has less room than that, takes the
largest type, down to a floor, at which the tallest one fits the room it was given
(so the keys keep theirs). Never a height-for-width item: a box layout gives such an
item its whole height at the width whatever the keys need.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy

from ui.theme import FONT_FAMILIES

_FLAGS = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)


class FitPrompt(QLabel):
    """Word-wrapped text between ``floor_px`` and ``max_px``; room kept for every text of
    :meth:`set_alternatives` at the size in use."""

    def __init__(self, max_px: int, floor_px: int, *, bold: bool = True) -> None:
        super().__init__()
        self._max = max_px
        self._floor = min(floor_px, max_px)
        self._bold = bold
        self._alternatives: tuple[str, ...] = ()
        self._px = 0
        self._cache: dict[tuple[int, int], int] = {}
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Shrinks from the full size to the floor's when the page is short of room.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._apply(max_px)

    # --- measuring ----------------------------------------------------------------------

    def _metrics(self, px: int) -> QFontMetrics:
        font = QFont(FONT_FAMILIES[0])
        font.setPixelSize(px)
        font.setBold(self._bold)
        return QFontMetrics(font)

    def _texts(self) -> list[str]:
        return [t for t in (super().text(), *self._alternatives) if t]

    def _tallest(self, px: int, width: int) -> int:
        """The height of the tallest text wrapped at ``width`` in ``px`` type."""
        key = (px, width)
        if key not in self._cache:
            fm = self._metrics(px)
            room = QRect(0, 0, max(1, width), 100_000)
            heights = [fm.boundingRect(room, _FLAGS, t).height() for t in self._texts()]
            self._cache[key] = max(heights, default=fm.height())
        return self._cache[key]

    def _text_width(self) -> int:
        m = self.contentsMargins()
        return max(1, self.width() - m.left() - m.right())

    def _extra(self) -> int:
        m = self.contentsMargins()
        return m.top() + m.bottom()

    # --- what the layout sees -----------------------------------------------------------

    def hasHeightForWidth(self) -> bool:
        """No: its height gives way to the keys' (see the module's note)."""
        return False

    def sizeHint(self) -> QSize:
        """The tallest text at the full size, at the width it has."""
        fm = self._metrics(self._max)
        width = self._text_width()
        wide = max((fm.horizontalAdvance(t) for t in self._texts()), default=0)
        return QSize(wide, self._tallest(self._max, width) + self._extra())

    def minimumSizeHint(self) -> QSize:
        """The tallest text at the floor's size (it never widens a window)."""
        return QSize(0, self._tallest(self._floor, self._text_width()) + self._extra())

    # --- text ---------------------------------------------------------------------------

    def setText(self, text: str) -> None:  # type: ignore[override]
        """Show ``text`` (its room is kept with the alternatives')."""
        if text == super().text():
            return
        super().setText(text)
        self._changed()

    def set_alternatives(self, texts: Iterable[str]) -> None:
        """The texts it may show besides the current one (their room is kept)."""
        alternatives = tuple(texts)
        if alternatives != self._alternatives:
            self._alternatives = alternatives
            self._changed()

    def shown_px(self) -> int:
        """The type size in use now."""
        return self._px

    def _changed(self) -> None:
        self._cache.clear()
        self.updateGeometry()
        self._fit()

    def _fit(self) -> None:
        """The largest size, full to floor, at which the tallest text fits the room."""
        room = self.contentsRect().height()
        width = self._text_width()
        px = self._floor
        for size in range(self._max, self._floor - 1, -1):
            if self._tallest(size, width) <= room:
                px = size
                break
        self._apply(px)

    def _apply(self, px: int) -> None:
        if px != self._px:
            self._px = px
            # Its own rule: the application stylesheet's role sizes would override a font.
            weight = "bold" if self._bold else "normal"
            self.setStyleSheet(f"font-size: {px}px; font-weight: {weight};")

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A new width wraps anew (the hints change); a new height picks the size again."""
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._cache.clear()
            self.updateGeometry()
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        """A new language's text is measured again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()
