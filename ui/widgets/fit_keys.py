"""Docked keyboards that fit the window: keys as big as the room allows, within limits.

A keyboard docked at the bottom of a screen gets the height its question leaves.
Its keys grow into that room up to a comfortable maximum and never shrink below
the floor: 16 mm, outline included (65 px on the reference panel), which is
长辈模式's touch target (ui/theme.py ``ASSISTED.target_mm``), over the 15 mm the
accessibility checks hold it to, and over normal mode's 13 mm target. Normal
mode's keys stay there; 长辈模式's grow to 25 mm. The floor is the application
stylesheet's ``keys="fit"`` rule (ui/theme.py); the growth is the keys' size
policy here, so a 1280x800 panel and a portrait 1080x1920 one use the same
keyboard, sized by Qt's layout.

Above the keys sits the :class:`PadStrip`: the row for the field's hint or error
and, while pinyin is composed, the candidates. Its room is kept whatever it
shows, so keys never move under a finger when a message comes or goes. In
长辈模式 its text starts at the mode's floor (the first step's small type, 30 px,
the design's floor for body text): at the largest step on a 1280x800 panel two
lines of larger text and four rows of keys do not both fit under the question. Where
the keys already have their largest size and room is left (a portrait panel), the
page gives the strip that room (:meth:`PadStrip.fit_room`) and its words grow with
字号 up to the page's body type (try-out 7, E-c: half the size of everything else).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

from ui.theme import ASSISTED, FONT_FAMILIES, NORMAL, Tokens
from ui.widgets.dialog_fit import label_height

# The least a key is (outline included): 长辈模式's touch target, ui/theme.py ASSISTED.
KEY_MIN_MM = ASSISTED.target_mm
# How tall a key may grow where the window has room (its face, in mm on the panel).
# Normal mode's keys stay at 16 mm (65 px): 长辈模式's are larger on every panel.
KEY_MAX_MM = {"normal": 16.0, "assisted": 25.0}
# Space between rows of keys: the 3 mm the design keeps between assisted targets
# (more than normal mode's 2 mm), so five rows fit a 1280x800 panel in 长辈模式.
ROW_GAP_MM = 3.0
# The strip keeps room for two lines of its text.
STRIP_LINES = 2


def assisted_tokens(tokens: Tokens) -> bool:
    """Whether ``tokens`` are one of the 长辈模式 sets."""
    return tokens.name.startswith("assisted")


def key_min(tokens: Tokens) -> int:
    """The least height of a key in px, outline included (the stylesheet's floor)."""
    return tokens.mm(KEY_MIN_MM)


def key_max(tokens: Tokens) -> int:
    """The most a key grows to, in px."""
    return tokens.mm(KEY_MAX_MM["assisted" if assisted_tokens(tokens) else "normal"])


def row_gap(tokens: Tokens) -> int:
    """Space between key rows, in px."""
    return tokens.mm(ROW_GAP_MM)


def cap_rows(pad: QWidget, tokens: Tokens, rows: int) -> None:
    """``pad`` grows no taller than ``rows`` of the largest keys: the rest stays above it."""
    pad.setMaximumHeight(rows * key_max(tokens) + (rows - 1) * row_gap(tokens))


def fit_key(b: QPushButton, tokens: Tokens) -> QPushButton:
    """Let ``b`` grow with the room the page leaves (up to :func:`key_max`)."""
    b.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
    b.setMaximumHeight(key_max(tokens))
    return b


def heading_floor_px(tokens: Tokens) -> int:
    """The least type size a keyboard page's title or question shrinks to: the mode's
    smallest text at the first step (30 px in 长辈模式, its accessibility floor; 18 px in
    the standard mode, over its 16 px floor: three questions side by side in portrait)."""
    return tokens.px(ASSISTED.small_px if assisted_tokens(tokens) else NORMAL.small_px)


def strip_font_px(tokens: Tokens) -> int:
    """The strip's text size: body text; in 长辈模式 its smallest at the first step (30 px)."""
    return tokens.px(ASSISTED.small_px if assisted_tokens(tokens) else tokens.body_px)


class PadStrip(QWidget):
    """The row above a docked keyboard: one message, or the pinyin being composed.

    Messages are labels added with :meth:`add_message`; they lie over one another
    and the one shown last is the one shown (a new message replaces the old one).
    With none shown, the hint (:meth:`set_hint`: what the field wants) is. A text
    pad's candidate bar, added with :meth:`add_bar`, covers them while the citizen
    composes pinyin. The strip's height never changes.
    """

    def __init__(self, tokens: Tokens) -> None:
        super().__init__()
        self.setObjectName("pad_strip")
        self._tokens = tokens
        self._messages: list[QLabel] = []
        self._bars: list[QWidget] = []
        self._floor_px = strip_font_px(tokens)
        # As large as the page's body text at most (it grows into spare room only).
        self._top_px = max(self._floor_px, tokens.px(tokens.body_px))
        self._heights: dict[int, int] = {}
        self._px = self._floor_px
        self._height = self._height_at(self._px)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self._height)
        self.hint = QLabel()
        self.hint.setObjectName("pad_hint")
        self.hint.setProperty("role", "muted")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.hide()
        self.add_message(self.hint)

    def _height_at(self, px: int) -> int:
        """The strip's height with its text at ``px``: room for its two lines."""
        if px not in self._heights:
            font = QFont(FONT_FAMILIES[0])
            font.setPixelSize(px)
            fm = QFontMetrics(font)
            # Two lines as a wrapped QLabel lays them out (its last line's full height, not
            # a line spacing: two spacings left the second line's descenders cut by 2 px).
            sample = "\n".join(["中Xg"] * STRIP_LINES)
            flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
            lines = fm.boundingRect(QRect(0, 0, 10_000, 10_000), flags, sample).height()
            if px > self._floor_px:
                # Grown into spare room, room for a message's frame too (the error role's
                # top and bottom borders): without it two lines at the body size were 6 px
                # short, and a message took a size smaller (try-out 20, E2: 42 px of 44).
                # At the floor the strip keeps its height: the tight pages are laid to it.
                lines += 2 * self._tokens.outline_px
            self._heights[px] = max(key_min(self._tokens), lines)
        return self._heights[px]

    def sizeHint(self) -> QSize:
        """Its fixed height, any width."""
        return QSize(0, self._height)

    def text_px(self) -> int:
        """The size of its words now."""
        return self._px

    def extra(self) -> int:
        """How much taller than at its floor type it is now (room the page gave it)."""
        return self._height - self._height_at(self._floor_px)

    def fit_room(self, budget: int) -> None:
        """Words as large as ``budget`` px more than the floor's height allows, from the
        floor up to the page's body size (the page says what room is spare)."""
        floor = self._height_at(self._floor_px)
        px = next(
            (
                p
                for p in range(self._top_px, self._floor_px, -1)
                if self._height_at(p) - floor <= budget
            ),
            self._floor_px,
        )
        if px == self._px:
            return
        self._px = px
        self._height = self._height_at(px)
        self.setFixedHeight(self._height)
        self.updateGeometry()
        self._fit_texts()

    def _fit_texts(self) -> None:
        for label in self._messages:
            self._fit_text(label)

    def _fit_text(self, label: QLabel) -> None:
        """``label`` as large as the strip's height holds it, up to the page's body size
        (its kept room is two lines of the strip's size: words on one line take it in
        larger type), down to the floor; a longer message never moves the keys.

        At 字号 4/4 on 1280x800 the keys leave the strip its floor's size, and the whole
        of a pre-filled address over them, one line, was the smallest text on the
        screen (try-out 12, E3)."""
        px = max(self._px, self._top_px)
        width = self.width()
        if px > self._floor_px and width > 0 and label.text():
            self._style(label, px)
            label.ensurePolished()  # measured with its role's frame and padding
            px = next(
                (
                    p
                    for p in range(px, self._floor_px, -1)
                    if label_height(label, p, width) <= self._height
                ),
                self._floor_px,
            )
        self._style(label, px)

    def _style(self, label: QLabel, px: int) -> None:
        # Tighter padding than a free-standing message: two lines fit the strip.
        sheet = f"font-size: {px}px; padding: 0px {self._tokens.px(12)}px;"
        if label.styleSheet() != sheet:
            label.setStyleSheet(sheet)

    def add_message(self, label: QLabel) -> QLabel:
        """Lay ``label`` into the strip (it keeps its object name, role and visibility)."""
        label.setParent(self)
        self._style(label, self._floor_px)
        label.setWordWrap(True)
        label.installEventFilter(self)
        label.setGeometry(self.rect())
        self._messages.append(label)
        return label

    def add_bar(self, bar: QWidget) -> None:
        """A text pad's candidate bar: over the messages whenever it is shown."""
        bar.setParent(self)
        bar.setGeometry(self.rect())
        self._bars.append(bar)
        bar.raise_()

    def set_hint(self, text: str) -> None:
        """What the active field wants, shown while no message is."""
        self.hint.setText(text)
        self._fit_text(self.hint)
        others = any(not m.isHidden() for m in self._messages if m is not self.hint)
        self.hint.setHidden(others or not text)

    def shown_message(self) -> QLabel | None:
        """The message on display, if any (tests)."""
        return next((m for m in self._messages if not m.isHidden()), None)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """One message at a time: the newest; the hint when there is none."""
        if obj in self._messages:
            if event.type() == QEvent.Type.ShowToParent and isinstance(obj, QLabel):
                self._fit_text(obj)  # its words as they are now
                for m in self._messages:
                    if m is not obj and not m.isHidden():
                        m.hide()
                for bar in self._bars:
                    bar.raise_()
            elif (
                event.type() == QEvent.Type.HideToParent
                and obj is not self.hint
                and all(m.isHidden() for m in self._messages)
                and self.hint.text()
            ):
                self.hint.show()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Every message and bar fills the strip."""
        super().resizeEvent(event)
        for w in (*self._messages, *self._bars):
            w.setGeometry(self.rect())
        if event.size().width() != event.oldSize().width():
            self._fit_texts()

    def event(self, event: QEvent) -> bool:
        """A message shown whose words changed asks for room: its size is fitted again."""
        if event.type() == QEvent.Type.LayoutRequest and self._px > self._floor_px:
            for label in self._messages:
                if label.isVisible():
                    self._fit_text(label)
        return super().event(event)
