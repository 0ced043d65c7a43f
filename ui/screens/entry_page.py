"""How a screen that types on a docked keyboard lays itself out to fit any panel.

The question and its field sit at the top, the keyboard (ui/widgets/fit_keys.py)
at the bottom of the page, outside any scrolling content. The keys take the room
left over, up to their largest size; what remains after that stays between the
question and the keys, so the keys always rest on the bottom edge.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

from ui.screens.base import BaseScreen
from ui.theme import Tokens
from ui.widgets.fit_heading import FitHeading
from ui.widgets.fit_keys import PadStrip, heading_floor_px, row_gap


def fit_page(screen: BaseScreen) -> None:
    """Tighter page margins for a keyboard page (call first thing in ``build``)."""
    tokens = screen.ctx.tokens()
    m = tokens.px(32)
    screen.root.setContentsMargins(m, tokens.px(4), m, tokens.px(4))
    screen.root.setSpacing(row_gap(tokens))
    # The candidate bar's buttons in the strip keep the keys' distance from the keys.
    screen.dock.setSpacing(row_gap(tokens))


def fit_heading(screen: BaseScreen, key: str, *, title: bool = False) -> FitHeading:
    """The page's title (``title``: it makes way when the keys need the room) or a
    question, in one line whose type shrinks to the room left (ui/widgets/fit_heading.py)."""
    w = heading_line(screen.ctx.tokens(), "title" if title else "heading")
    screen.translate(w, key)
    return w


# The room left over goes to the page's title first (up to its full size), then to the
# keyboard (stretch 1, dock_at_bottom): shared alike, the title made way at 字号 2/4 on
# 1280x800 where it had fitted whole.
TITLE_STRETCH = 1000


def title_takes_spare_room(screen: BaseScreen) -> None:
    """The title (``screen.title``, added to ``screen.root``) grows first into room left."""
    screen.root.setStretchFactor(screen.title, TITLE_STRETCH)  # type: ignore[attr-defined]


def heading_line(tokens: Tokens, role: str = "heading") -> FitHeading:
    """An untranslated :class:`FitHeading` at ``role``'s size ("title", "heading" or
    "body"; a title makes way altogether when the keys need its room)."""
    size = {"title": tokens.title_px, "heading": tokens.heading_px}.get(role, tokens.body_px)
    w = FitHeading(
        tokens.px(size), heading_floor_px(tokens), vanish=role == "title", bold=role != "body"
    )
    if role == "heading":
        # A question's shorter words in larger type before its whole words in type
        # smaller than the page's body text.
        w.set_comfort(tokens.px(tokens.body_px))
    w.setProperty("role", role)
    return w


def question_box(screen: BaseScreen) -> tuple[QWidget, QVBoxLayout]:
    """A column for a question: its heading just over its field."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    # The words sit close over their field (they belong to it); key-row gaps are for targets.
    lay.setSpacing(screen.ctx.tokens().px(4))
    return box, lay


def dock_at_bottom(screen: BaseScreen) -> None:
    """The keyboard grows first; then the room left lies above it (call after ``build``).

    On a portrait panel the room left lies below it instead: a pad at the foot of a
    1920 px screen sat ~1000 px from the field it types into (try-out 4, item 12g).
    """
    above = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
    below = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
    screen.root.insertSpacerItem(screen.root.indexOf(screen.dock), above)
    screen.root.insertSpacerItem(screen.root.indexOf(screen.dock) + 1, below)
    screen.root.setStretchFactor(screen.dock, 1)
    screen.installEventFilter(_RoomBelowInPortrait(screen, above, below))


class _RoomBelowInPortrait(QObject):
    """Moves the spare room under the keyboard while the screen is taller than wide."""

    def __init__(self, screen: BaseScreen, above: QSpacerItem, below: QSpacerItem) -> None:
        super().__init__(screen)
        self._spacers = (above, below)
        self._portrait: bool | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On a resize, give the room to the spacer above (landscape) or below (portrait);
        once laid out, the words over the keys take what room is spare."""
        if not isinstance(watched, QWidget):
            return False
        if event.type() == QEvent.Type.Resize:
            portrait = watched.height() > watched.width()
            if portrait != self._portrait:
                self._portrait = portrait
                grow, fixed = QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed
                above, below = self._spacers
                above.changeSize(0, 0, QSizePolicy.Policy.Minimum, fixed if portrait else grow)
                below.changeSize(0, 0, QSizePolicy.Policy.Minimum, grow if portrait else fixed)
                layout = watched.layout()
                if layout is not None:
                    layout.invalidate()
                    return False  # laid out again: the strips are fitted then
        # The page's layout has placed everything before its filters see these events.
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self._fit_strips(watched)
        return False

    def _fit_strips(self, page: QWidget) -> None:
        """The strip over the keys grows into the room left once the keys are at their
        largest (the spacer's), and gives it back when the keys are short of it."""
        above, below = self._spacers
        fit_strips(page, (below if self._portrait else above).geometry().height())


def fit_strips(page: QWidget, spare: int) -> None:
    """The strips over ``page``'s keys take ``spare`` px of room the page does not use
    (plus what they took already): their words grow with 字号 up to the page's body size.
    Keys under their largest size with no room to spare keep it: the words go back to
    the floor's size (a smaller window, a longer question)."""
    strips = [s for s in page.findChildren(PadStrip) if s.isVisibleTo(page)]
    if not strips:
        return
    keys = [
        k
        for k in page.findChildren(QPushButton)
        if k.isVisibleTo(page) and k.objectName().startswith("key_")
    ]
    squeezed = spare <= 0 and any(k.height() < k.maximumHeight() - 1 for k in keys)
    for strip in strips:
        strip.fit_room(0 if squeezed else spare + strip.extra())


def give_strips_room(screen: BaseScreen, spare: Callable[[], int]) -> None:
    """For a page that docks its keyboard its own way (a composer's, under the text it
    types): the strip over the keys takes the room ``spare`` says the page leaves
    unused, as on a :func:`dock_at_bottom` page (the rating's and feedback's keyboards
    kept 长辈模式's floor type at every 字号)."""
    screen.installEventFilter(_StripRoom(screen, spare))


class _StripRoom(QObject):
    """Fits the strips of its page to the room left once the page is laid out."""

    def __init__(self, screen: BaseScreen, spare: Callable[[], int]) -> None:
        super().__init__(screen)
        self._spare = spare

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The page's layout has placed everything before its filters see these events."""
        if isinstance(watched, QWidget) and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.LayoutRequest,
        ):
            fit_strips(watched, self._spare())
        return False


def answer_button(b: QPushButton) -> QPushButton:
    """A button in the field's row (Next, Confirm): as tall as the field, no taller."""
    b.setProperty("answer", True)
    b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    b.setStyleSheet("padding-top: 0px; padding-bottom: 0px;")
    return b
