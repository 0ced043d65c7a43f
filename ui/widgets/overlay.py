"""A modal layer over the whole window: the idle warning and short messages."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.i18n import tr
from ui.idle_words import Held, idle_body
from ui.layout_items import add_layout
from ui.theme import Tokens, stylesheet
from ui.widgets.dialog_fit import FLOOR_PX, fit_dialog, label_height


class Overlay(QWidget):
    """Covers its parent; holds one card with a title, a body and up to two buttons."""

    def __init__(self, parent: QWidget, tokens: Callable[[], Tokens]) -> None:
        super().__init__(parent)
        self.setObjectName("overlay")
        self._tokens = tokens
        self._idle = False
        # A notice in another citizen's type (show_message ``tokens``) until it closes.
        self._own_tokens: Tokens | None = None
        self._seconds = 0
        self._staff_called = False  # the idle countdown says staff were called
        self._held: Held = "entered"  # what the countdown says it will clear
        self._home: tuple[str, ...] | None = None  # on 首页: what the reset puts back
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet("QWidget#overlay { background: rgba(0, 0, 0, 150); }")
        outer = QVBoxLayout(self)
        outer.setSpacing(tokens().gap())
        self.card = QFrame()
        self.card.setProperty("role", "card")
        self.card.setMaximumWidth(tokens().px(900))
        # Texts the card may change to while shown (a staff call's states): their room is
        # kept from the start, so the card and its buttons never move (try-out: 好的
        # moved 16 px when staff acknowledged).
        self._reserve: tuple[tuple[str, str], ...] = ()
        lay = QVBoxLayout(self.card)
        lay.setSpacing(tokens().mm(4))
        self._pad(tokens())
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.body = QLabel()
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setProperty("role", "body")
        self.body.setWordWrap(True)
        self.body.setObjectName("overlay_body")
        # The reserved texts are fitted with the one shown (dialog_fit.room_height): the
        # type chosen for one text holds for the others, so a change of words cannot
        # change the type and the card's height with it (try-out 14, C8).
        self.title.alternatives = lambda: [r[0] for r in self._reserve]  # type: ignore[attr-defined]
        self.body.alternatives = lambda: [r[1] for r in self._reserve]  # type: ignore[attr-defined]
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._row = row
        row.setSpacing(tokens().mm(tokens().gap_mm + 2))
        self.primary = QPushButton()
        self.primary.setObjectName("overlay_primary")
        self.primary.setProperty("role", "primary")
        self.secondary = QPushButton()
        self.secondary.setObjectName("overlay_secondary")
        row.addWidget(self.secondary)
        row.addWidget(self.primary)
        for w in (self.title, self.body):
            # Top-aligned in any room kept for longer texts: the words start where they did.
            w.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            lay.addWidget(w)
        add_layout(lay, row)
        # Centred as an item, not by the layout's own alignment: an item's alignment
        # sizes the card by its height for its width, so a wrapped body gets all its
        # lines (it was given its unwrapped height and sliced at 字号 4/4).
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignCenter)
        self._on_primary: Callable[[], None] = self.hide
        self._on_secondary: Callable[[], None] = self.hide
        self.primary.clicked.connect(lambda _=False: self._on_primary())
        self.secondary.clicked.connect(lambda _=False: self._on_secondary())
        # Told before the notice opens or closes (the window's tap guard).
        self.before_change: Callable[[], None] = lambda: None
        # Run once when the layer next closes, whatever closed it (its button, another
        # notice in its place then closed, the idle warning's 继续): the page under it
        # says at once what it could not while covered (the review's printer note, #14).
        self._when_closed: list[Callable[[], None]] = []
        parent.installEventFilter(self)
        self.hide()

    def setVisible(self, visible: bool) -> None:
        """Show or hide, telling :attr:`before_change` first when that changes anything."""
        closing = not visible and self.isVisible()
        if visible != self.isVisible():
            self.before_change()
        super().setVisible(visible)
        if closing:
            pending, self._when_closed = self._when_closed, []
            for run in pending:
                run()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Follow the parent's size."""
        if event.type() == QEvent.Type.Resize and isinstance(obj, QWidget):
            self.setGeometry(obj.rect())
            self._keep_room()
        return False

    def _present(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self._keep_room()
        self.raise_()
        self.show()

    def _set_own_tokens(self, tokens: Tokens | None) -> None:
        """The notice's sizes: ``tokens``' (set on its card and button), or the window's."""
        self._own_tokens = tokens
        t = tokens or self._tokens()
        self.card.setMaximumWidth(t.px(900))
        sheet = ""
        if tokens is not None:
            # The button as large as in that citizen's mode: its words and its height.
            sheet = f"font-size: {t.px(t.button_px)}px; min-height: {t.mm(t.target_mm)}px;"
        for b in (self.primary, self.secondary):
            if b.styleSheet() != sheet:
                b.setStyleSheet(sheet)
        # And in that mode's look, not only its sizes: the card's outline, 好的's colours
        # and their pressed states, as that citizen's pages had them. Once the window had
        # gone back to the standard style, 长辈模式's notice at the visit's end came in it,
        # thin and pale (try-out 18, E1). Scoped to the card, only while it is up.
        card_sheet = stylesheet(t) if tokens is not None else ""
        if self.card.styleSheet() != card_sheet:
            self.card.setStyleSheet(card_sheet)

    def _pad(self, t: Tokens) -> None:
        """The card's words as far in from its border as a page's are from the window's
        edge (ui/screens/base.py): with the style's default margin the 长辈模式 staff-call
        notice's heading and body began ~12 px inside the border (try-out 12, N12)."""
        m = t.px(32)
        lay = self.card.layout()
        if lay.contentsMargins().left() != m:
            lay.setContentsMargins(m, m // 2, m, m // 2)

    def _fit(self) -> None:
        """The whole notice and its answers within the window: in smaller type, down to
        a floor, when it would not fit at the citizen's size (try-out 6, item 2)."""
        own = self._own_tokens
        t = own or self._tokens()
        self._pad(t)
        outer = self.layout().contentsMargins()
        lay = self.card.layout()
        inner, frame = lay.contentsMargins(), self.card.contentsMargins()
        width = min(self.card.maximumWidth(), self.width() - outer.left() - outer.right())
        text_width = width - inner.left() - inner.right() - frame.left() - frame.right()
        ends = outer.top() + outer.bottom() + inner.top() + inner.bottom()
        room = QRect(0, 0, text_width, self.height() - ends - frame.top() - frame.bottom())
        if room.width() <= 0 or room.height() <= 0:
            return
        fit_dialog(
            [(self.title, t.px(t.title_px)), (self.body, t.px(t.body_px))],
            self._row,
            QBoxLayout.Direction.LeftToRight,
            room,
            2 * lay.spacing(),
            t.px(FLOOR_PX),
        )
        if own is not None:
            # The style sheet's sizes are the window's: the words that fit as they are
            # take that citizen's size explicitly (try-out 9, E10: 请取走您的证件 in the
            # standard mode's small type to an elderly citizen at 字号 4/4).
            for label, px in ((self.title, t.px(t.title_px)), (self.body, t.px(t.body_px))):
                if not label.styleSheet():
                    label.setStyleSheet(f"font-size: {px}px;")
        if self.title.styleSheet() or self.body.styleSheet():
            # Measured at the card's full width: it takes it, so the lines wrap as measured.
            self.card.setMinimumWidth(width)

    def _keep_room(self) -> None:
        """Room for the longest title and body among the reserved texts, at the card's width.

        With texts reserved the card takes its widest (900 px, or the window's width less
        a margin), so a shorter text cannot narrow it either.
        """
        t = self._tokens()
        if not self._reserve:
            self.card.setMinimumWidth(0)
            self.title.setMinimumHeight(0)
            self.body.setMinimumHeight(0)
            self._fit()
            return
        self._fit()
        width = min(t.px(900), self.width() - 2 * t.px(32))
        self.card.setMinimumWidth(width)
        lay = self.card.layout()
        outer, inner = lay.contentsMargins(), self.card.contentsMargins()
        room = width - outer.left() - outer.right() - inner.left() - inner.right()
        own = self._own_tokens or t
        for label, texts, styled in (
            (self.title, [r[0] for r in self._reserve], own.px(own.title_px)),
            (self.body, [r[1] for r in self._reserve], own.px(own.body_px)),
        ):
            # Measured at the size the words take (set by _fit, else the style's), not
            # the label's font of the moment: just after a visit's end the window's new
            # style is not yet applied to it, and the room measured in the leaver's
            # larger type shrank on the next change of words: 好的 jumped up to 109 px
            # when the card was taken (try-out 14, C8).
            px = _sheet_px(label) or styled
            label.setMinimumHeight(max(label_height(label, px, room, s) for s in texts))

    def is_idle_warning(self) -> bool:
        """Whether the idle countdown is on screen."""
        return self.isVisible() and self._idle

    def show_message(
        self,
        title: str,
        body: str,
        ok: str,
        reserve: Sequence[tuple[str, str]] = (),
        closed: Callable[[], None] | None = None,
        tokens: Tokens | None = None,
    ) -> None:
        """A notice with one button that closes it.

        ``reserve``: the (title, body) pairs it may be changed to while shown; the card
        keeps room for the longest, so nothing in it moves when the text changes.
        ``closed``: run once when the layer closes (see :attr:`_when_closed`).
        ``tokens``: its type and button in these sizes rather than the window's (a
        notice to the citizen who just left, in their 长辈模式 at their 字号).
        """
        self._set_own_tokens(tokens)
        if closed is not None and closed not in self._when_closed:
            self._when_closed.append(closed)
        self._idle = False
        self._reserve = tuple(reserve)
        self.title.setText(title)
        self.body.setText(body)
        self.primary.setText(ok)
        self._on_primary = self.hide
        self.secondary.hide()
        self._present()

    def ask(self, title: str, body: str, yes: str, no: str, on_yes: Callable[[], None]) -> None:
        """A plain-words question with two large answers; "no" just closes it."""
        self._set_own_tokens(None)
        self._idle = False
        self._reserve = ()
        self.title.setText(title)
        self.body.setText(body)
        self.primary.setText(yes)
        self.secondary.setText(no)
        self.secondary.show()

        def yes_then_close() -> None:
            self.hide()
            on_yes()

        self._on_primary, self._on_secondary = yes_then_close, self.hide
        self._present()

    def set_body(self, body: str) -> None:
        """Update the body text of the notice on display."""
        self.body.setText(body)
        self._keep_room()

    def show_idle(
        self,
        lang: str,
        seconds: int,
        more: Callable[[], None],
        end: Callable[[], None],
        staff_called: bool = False,
        held: Held = "entered",
        home: tuple[str, ...] | None = None,
    ) -> None:
        """The 'are you still there?' countdown (``staff_called``: it says the wait for
        staff has run long, so a citizen still waiting knows to keep their work;
        ``held``: what the reset would clear, ui/idle_words.py)."""
        if not self._idle:
            self._reserve = ()
            self._set_own_tokens(None)
        self._idle = True
        self._staff_called = staff_called
        self._held = held
        self._home = home
        self._seconds = seconds
        self._on_primary, self._on_secondary = more, end
        self.secondary.show()
        self.retranslate(lang)
        if not self.isVisible():
            self._present()

    def retranslate(self, lang: str) -> None:
        """Refresh the idle texts after a language switch or a tick."""
        if not self._idle:
            return
        self.title.setText(tr("idle.title", lang))
        self.body.setText(
            idle_body(lang, self._held, self._seconds, self._staff_called, self._home)
        )
        self.primary.setText(tr("idle.more", lang))
        # On 首页 nothing is under way to end: the button resets now, and says so.
        self.secondary.setText(tr("idle.end" if self._home is None else "idle.end.home", lang))
        if self.isVisible():
            self._fit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A touch on the dimmed page around the idle warning says the citizen is here:
        the warning closes as with 我需要更多时间 (it stayed and counted on, the touch lost:
        try-out 14, C14). The touch does not reach the control under the dimming: the
        citizen could not see for sure what lay there, and a tile opened by it, or a
        form's button pressed, would be a step they did not choose. Any other notice
        keeps its answers as the only way out."""
        if self._idle and not self.card.geometry().contains(event.position().toPoint()):
            event.accept()
            self._on_primary()
            return
        super().mousePressEvent(event)

    def hideEvent(self, event: object) -> None:
        """Forget the idle state (and another citizen's sizes) once hidden."""
        self._idle = False
        if self._own_tokens is not None:
            self._set_own_tokens(None)
        super().hideEvent(event)  # type: ignore[arg-type]


def _sheet_px(label: QLabel) -> int | None:
    """The type size ``label``'s own style sheet sets (the fitted size), if any."""
    sheet = label.styleSheet()
    if not sheet.startswith("font-size:"):
        return None
    return int(sheet.removeprefix("font-size:").strip().removesuffix("px;"))
