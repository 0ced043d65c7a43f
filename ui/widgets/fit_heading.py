"""A one-line title or question that scales its type down to the room a keyboard page leaves.

On a docked-keyboard page (ui/screens/entry_page.py) the keys, the field and the strip
for messages must all be on screen. At the largest text step on a small panel there is
not room for them and a full-size title too, so the words above the field give way
first: the type shrinks, down to the mode's floor (never below what the accessibility
limits call readable), and a page title that is not needed (the field's question and
the hint say what to do) makes way altogether rather than pushing the keys off the
screen. The text is never clipped: it is whole at some size, elided only where even
the floor is too wide (a question never is, on the panels the kiosk supports).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy

from ui.theme import FONT_FAMILIES


class FitHeading(QLabel):
    """One line of text between ``floor_px`` and ``max_px``, as large as its room allows.

    ``vanish``: with less height than one line at the floor, show nothing (a page
    title); otherwise the floor line is its least height (a question). Bold unless
    ``bold`` is False (a question's progress beside it). :meth:`set_texts` gives
    shorter forms, shown only when the whole text does not fit even at the floor.
    """

    def __init__(
        self, max_px: int, floor_px: int, *, vanish: bool = False, bold: bool = True
    ) -> None:
        super().__init__()
        self._max = max_px
        self._floor = min(floor_px, max_px)
        self._vanish = vanish
        self._bold = bold
        self._texts: list[str] = [""]
        self._px = 0
        self._comfort = 0  # see set_comfort
        self._group: SizeGroup | None = None
        self._cap = max_px  # the group's size, when it is in one
        if vanish:
            # A title that makes way is no clipping (ui/clipping.py): the field's
            # question and hint below it say what to do.
            self.setProperty("may_clip", "a page title that makes way for the keys")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        # Its full width when there is room; none is its minimum (it never widens a window).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        if vanish:
            # A title asks for no height and grows into the room left over, up to its
            # full size: the page's questions take their own full size first. At 字号
            # 4/4 on 1280x800 the page's shortfall was shared alike, and "ID number" and
            # "Name" stayed at 31 px (the old floor) under a 46 px title.
            self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
            self.setMaximumHeight(self._metrics(self._max).height() + self._extra())
        self._fit()

    # --- what the layout sees: room for the full size, giving way to the floor or nothing ---

    def _metrics(self, px: int) -> QFontMetrics:
        font = QFont(FONT_FAMILIES[0])
        font.setPixelSize(px)
        font.setBold(self._bold)
        return QFontMetrics(font)

    def _extra(self) -> int:
        m = self.contentsMargins()
        return m.top() + m.bottom()

    def sizeHint(self) -> QSize:
        """One line at the full size (a title: its width at the full size, its height at
        the floor's; it grows into room left over, see ``__init__``)."""
        fm = self._metrics(self._max)
        if self._vanish:
            return QSize(fm.horizontalAdvance(self._texts[0]), 0)
        return QSize(fm.horizontalAdvance(self._texts[0]), fm.height() + self._extra())

    def minimumSizeHint(self) -> QSize:
        """One line at the floor, or nothing for a title that may make way."""
        return QSize(0, 0 if self._vanish else self._metrics(self._floor).height() + self._extra())

    # --- text -------------------------------------------------------------------------------

    def setText(self, text: str) -> None:  # type: ignore[override]
        """The whole text, shown at the largest size that fits."""
        self.set_texts(text)

    def set_texts(self, text: str, *shorter: str) -> None:
        """``text``, or where even the floor's size cannot hold it, the first of the
        ``shorter`` forms that fits (e.g. a tracking number without its label)."""
        self._texts = [text, *(t for t in shorter if t)]
        self.updateGeometry()
        self._fit()

    def text(self) -> str:  # type: ignore[override]
        """The text asked for (what it says), whether or not there is room to show it now."""
        return self._texts[0]

    def full_text(self) -> str:
        """The text asked for (same as :meth:`text`)."""
        return self._texts[0]

    def shown_text(self) -> str:
        """What is drawn now: the text, elided at the floor, or nothing (a title made way)."""
        return super().text()

    def shown_px(self) -> int:
        """The type size in use now (0: the title has made way)."""
        return self._px if self.shown_text() else 0

    def _largest(self, text: str, top: int | None = None) -> int | None:
        """The largest size from the full one (or ``top``) down to the floor at which
        ``text`` fits."""
        room = self.contentsRect()
        for px in range(self._max if top is None else top, self._floor - 1, -1):
            fm = self._metrics(px)
            if fm.height() <= room.height() and fm.horizontalAdvance(text) <= room.width():
                return px
        return None

    def set_comfort(self, px: int) -> None:
        """A shorter form (:meth:`set_texts`) is shown, in larger type, where the whole
        text would be smaller than ``px``: "Date of birth" in 45 px rather than "Date of
        birth (YYYYMMDD)" in 21 px beside two other questions at 字号 4/4 on 1280x800
        (the hint under the field says the format)."""
        self._comfort = px
        self._fit()

    def _pick(self, top: int | None = None) -> tuple[str, int] | None:
        """The first text that fits at the comfort size (or ``top``, if smaller) or more;
        else the one that fits in the largest type (the earlier on a tie); None where
        none fits the floor."""
        best: tuple[str, int] | None = None
        enough = min(self._comfort, self._max if top is None else top)
        for text in self._texts:
            px = self._largest(text, top)
            if px is None:
                continue
            if px >= enough:
                return text, px
            if best is None or px > best[1]:
                best = (text, px)
        return best

    def own_px(self) -> int:
        """The size it would take alone: the largest at which its text (or a shorter
        form, :meth:`_pick`) fits its room, else the floor."""
        picked = self._pick()
        return picked[1] if picked is not None else self._floor

    def _fit(self) -> None:
        if self._group is not None and not self._group.busy:
            self._group.fit()  # all of the group at one size (its members call _fit_alone)
            return
        self._fit_alone()

    def _fit_alone(self) -> None:
        room = self.contentsRect()
        picked = self._pick(max(self._floor, min(self._max, self._cap)))
        if picked is not None:
            shown, px = picked
        else:
            px = self._floor
            fm = self._metrics(px)
            if self._vanish and fm.height() > room.height():
                shown = ""
            else:
                last = self._texts[-1]
                shown = fm.elidedText(last, Qt.TextElideMode.ElideRight, max(0, room.width()))
        if px != self._px:
            self._px = px
            # Its own rule: the application stylesheet's role sizes would override a font.
            weight = "bold" if self._bold else "normal"
            self.setStyleSheet(f"font-size: {px}px; font-weight: {weight};")
        if shown != super().text():
            super().setText(shown)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Pick the size again for the new room."""
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        """A new language's text is measured again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()


class SizeGroup:
    """Headings side by side in one size: the size the tightest of those shown can take
    (try-out 9, C5: over the passport keypad "Document number" stood in larger bold type
    than "Date of birth (YYYYMMDD)" beside it, shrunk to its narrower room, and read as
    an emphasis on the first field). A heading hidden (长辈模式 shows one question a
    page) takes its own size."""

    def __init__(self, heads: list[FitHeading]) -> None:
        self._heads = heads
        self.busy = False
        for h in heads:
            h._group = self

    def fit(self) -> None:
        """Each heading at the group's size (call when which of them show changes)."""
        if self.busy:
            return
        self.busy = True
        try:
            shown = [h for h in self._heads if h.isVisibleTo(h.window()) and h.width() > 0]
            size = min((h.own_px() for h in shown), default=None)
            for h in self._heads:
                h._cap = size if size is not None and h in shown else h._max
                h._fit_alone()
        finally:
            self.busy = False
