"""How a screen that types on a docked keyboard lays itself out to fit any panel.

The question and its field sit at the top, the keyboard (ui/widgets/fit_keys.py)
at the bottom of the page, outside any scrolling content. The keys take the room
left over, up to their largest size; what remains after that stays between the
question and the keys, so the keys always rest on the bottom edge.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLayout,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from ui.layout_items import add_layout
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


# The keys' share of the room in the layout they lie in. The blank that takes what they
# leave has none: in a Qt box layout an item of stretch 0 grows only once every item
# with a stretch is at its largest, so the keys reach their cap (fit_keys.key_max) first.
KEYS_STRETCH = 1


def room_after_keys() -> QSpacerItem:
    """The blank that lies by a keyboard laid to take the room first (stretch 0, see
    KEYS_STRETCH): it grows only with what the keys at their largest leave."""
    return QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)


def keys_then_room(lay: QVBoxLayout, keys: QLayout) -> QSpacerItem:
    """Lay ``keys`` into ``lay`` to grow first, up to their largest size, and under them
    the blank that takes the room they leave (returned: the room it has is the page's
    spare room). For keys a page lays under its own field (长辈模式's questions in
    portrait), sized by the one rule :func:`dock_at_bottom` sizes a docked keyboard by:
    with the blank at an equal stretch they had half the room, ~70 px keys at 字号 4/4
    over 400 px left empty, where 手工输入's pad just before had 101 px (try-out 21, E5)."""
    add_layout(lay, keys, KEYS_STRETCH)
    blank = room_after_keys()
    lay.addSpacerItem(blank)
    return blank


def dock_at_bottom(screen: BaseScreen, room_elsewhere: Callable[[], int] | None = None) -> None:
    """The keyboard grows first; then the room left lies above it (call after ``build``).

    On a portrait panel the room left lies below it instead: a pad at the foot of a
    1920 px screen sat ~1000 px from the field it types into (try-out 4, item 12g).
    ``room_elsewhere``: the room a page leaves unused in a place of its own (keys it lays
    out itself), which the strips over its keys may take as they take the spacers'.
    """
    above = room_after_keys()
    below = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
    screen.root.insertSpacerItem(screen.root.indexOf(screen.dock), above)
    screen.root.insertSpacerItem(screen.root.indexOf(screen.dock) + 1, below)
    screen.root.setStretchFactor(screen.dock, KEYS_STRETCH)
    screen.installEventFilter(_RoomBelowInPortrait(screen, above, below, room_elsewhere))


class _RoomBelowInPortrait(QObject):
    """Moves the spare room under the keyboard while the screen is taller than wide."""

    def __init__(
        self,
        screen: BaseScreen,
        above: QSpacerItem,
        below: QSpacerItem,
        room_elsewhere: Callable[[], int] | None,
    ) -> None:
        super().__init__(screen)
        self._spacers = (above, below)
        self._room_elsewhere = room_elsewhere
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
        spare = (below if self._portrait else above).geometry().height()
        if self._room_elsewhere is not None:
            spare = max(spare, self._room_elsewhere())
        fit_strips(page, spare)


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


# An answer button's padding in the field's row: as tall as the field, no taller.
_AS_TALL_AS_THE_FIELD = "padding-top: 0px; padding-bottom: 0px;"


def answer_button(b: QPushButton) -> QPushButton:
    """A button in the field's row (Next, Confirm): as tall as the field, no taller."""
    b.setProperty("answer", True)
    b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    b.setStyleSheet(_AS_TALL_AS_THE_FIELD)
    return b


# --- 长辈模式's one question a page: 上一步 and the way on, in one place ---------------


def step_foot(screen: BaseScreen) -> QHBoxLayout:
    """The row at the foot of a one-question page for 上一步 and the way on (下一步,
    确认), placed by :func:`place_step_buttons`; empty (landscape), it takes no room."""
    row = QHBoxLayout()
    row.setSpacing(screen.ctx.tokens().gap())
    row.addStretch(1)
    return row


def buttons_at_foot(page: QWidget) -> bool:
    """Whether ``page`` has a row to spare under every question's answers for 上一步 /
    下一步, in one place for all of them, at its foot.

    A portrait panel has (its room lies under the keys). A landscape one has not:
    at 1280x800 the keys are at their 16 mm floor with a dozen px to spare even at
    字号 1/4, and at 1920x1080 字号 4/4 a row under the tallest question (two rows
    of answers) pushed the keys off the panel (try-out 12, N5). There the buttons
    stand at the two ends of the field's or the answers' row, after the answer as
    the eye reads it, in one place on every question."""
    return page.height() > page.width()


def place_step_buttons(
    back: QPushButton,
    onward: Sequence[QPushButton],
    foot: QHBoxLayout,
    row: QHBoxLayout,
    *,
    at_foot: bool,
    align: Qt.AlignmentFlag,
) -> None:
    """上一步 (``back``) and the way on (``onward``: 下一步, 确认) of a one-question page,
    the form's questions, 手工输入's number and name and the passport's three pages
    alike, so they stand in one place and at one size from the first question to the
    last (try-out 19, E1: on 手工输入, then the passport's pages, they were small buttons
    at the field's row's ends in portrait, where the form's questions just before had
    them large at the page's foot). ``onward`` may hold more than one button sharing
    the way on's slot, one shown at a time (the passport's 下一步, then 读取证件 on its
    last page): a hidden one takes no room, so the one shown has the right half.

    ``at_foot`` (:func:`buttons_at_foot`): at the two ends of ``foot`` (:func:`step_foot`,
    the page's last row), sharing it in halves at a primary button's height, as 确认提交
    and the review's pager do at the foot: a small 下一步 at the row's right end, 185x70
    px on a 1080-px panel, floated over the keys (try-out 14, E3). Otherwise at the two
    ends of the field's ``row`` (``align``-ed to the field), as tall as the field, no
    taller, at their words' width."""
    if at_foot:
        foot.insertWidget(0, back)
        for b in onward:
            foot.addWidget(b)
    else:
        row.insertWidget(0, back, 0, align)
        for b in onward:
            row.addWidget(b, 0, align)
    buttons = (back, *onward)
    for i in range(foot.count()):
        item = foot.itemAt(i)
        w = item.widget() if item is not None else None
        if w in buttons:
            foot.setStretch(i, 1 if at_foot else 0)
        elif item is not None and item.spacerItem() is not None:
            foot.setStretch(i, 0 if at_foot else 1)
    flat = "" if at_foot else _AS_TALL_AS_THE_FIELD
    for b in buttons:
        if b.styleSheet() != flat:
            b.setStyleSheet(flat)


def keep_step_buttons_placed(
    screen: BaseScreen,
    back: QPushButton,
    onward: Sequence[QPushButton],
    row: QHBoxLayout,
) -> Callable[[], None]:
    """For a typed page of the identity (手工输入, the passport's details), whose 长辈模式
    asks one question a page with 上一步 / the way on (``onward``) at the two ends of
    the field's ``row``: a foot row under the keys (call after :func:`dock_at_bottom`)
    and the function that puts them where the form's questions have theirs, by
    :func:`place_step_buttons` (长辈模式 on a portrait panel: the foot's halves; else
    the field's row, where they were built). Call it when 长辈模式 may have changed
    (each page shown); a turned panel calls it itself."""
    placer = _StepButtonsPlaced(screen, back, tuple(onward), row)
    return placer.place


class _StepButtonsPlaced(QObject):
    """Moves a page's 上一步 / way on between the field's row and the page's foot."""

    def __init__(
        self,
        screen: BaseScreen,
        back: QPushButton,
        onward: tuple[QPushButton, ...],
        row: QHBoxLayout,
    ) -> None:
        super().__init__(screen)
        self._screen = screen
        self._buttons = (back, onward)
        self._row = row
        self._foot = step_foot(screen)
        add_layout(screen.root, self._foot)
        self._at_foot = False  # built in the field's row
        screen.installEventFilter(self)

    def place(self) -> None:
        """The buttons where the page's mode and shape give them room (see above)."""
        screen = self._screen
        at_foot = screen.core.sessions.current.assisted and buttons_at_foot(screen)
        if at_foot != self._at_foot:
            self._at_foot = at_foot
            back, onward = self._buttons
            place_step_buttons(
                back,
                onward,
                self._foot,
                self._row,
                at_foot=at_foot,
                align=Qt.AlignmentFlag.AlignBottom,
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A panel turned (portrait or landscape): the buttons go where it has room for."""
        if event.type() == QEvent.Type.Resize:
            self.place()
        return False
