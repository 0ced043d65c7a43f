"""A plain-words question with two big answers, shown in place of a screen's content.

Used for the assisted mode's confirmations (submit, leave without a printed
receipt) and for calm offers (assisted mode for a citizen of 65 or more). The
screen's own widgets are hidden while the question is up, so there is one
decision on screen and nothing behind it to tap by mistake; the question is
spoken in assisted mode like any prompt.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ui.layout_items import add_layout, entries
from ui.screens.base import BaseScreen
from ui.screens.entry_page import buttons_at_foot
from ui.widgets.dialog_fit import FLOOR_PX, fit_dialog
from ui.widgets.room_label import RoomLabel


class ChoicePanel(QWidget):
    """Title, question, and two full-width answers (the safe one first)."""

    def __init__(self, screen: BaseScreen) -> None:
        super().__init__()
        self.setObjectName("choice_panel")
        self._screen = screen
        tokens = screen.ctx.tokens()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(tokens.mm(tokens.gap_mm + 3))
        lay.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = self._label("choice_title", "title")
        # As tall as the longest note it may carry (ask_words' ``note_room``): a note that
        # comes while the question is up (the printer runs out of paper) is said in it
        # without moving the answers under the finger (try-out 10, E1: the review's note
        # over the question pushed 确认提交 from y≈530 to y≈1390 in 长辈模式).
        self.body = RoomLabel()
        self.body.setObjectName("choice_body")
        self.body.setProperty("role", "body")
        self.yes = self._button("btn_choice_yes", "primary")
        self.no = self._button("btn_choice_no", "secondary")
        for w in (self.title, self.body):
            lay.addWidget(w)
        # One above the other while there is room; side by side (and then smaller
        # type) when the whole question would not fit with them (ui/widgets/dialog_fit.py).
        self._answers = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._answers.setSpacing(lay.spacing())
        self._answers.addWidget(self.yes)
        self._answers.addWidget(self.no)
        # The room above the answers (when they stand at the foot, see _place) or under them.
        lay.addStretch(0)
        self._above = lay.count() - 1
        add_layout(lay, self._answers)
        lay.addStretch(1)
        self._under = lay.count() - 1
        # ask_words' ``at_foot``: the answers where a one-question page has 上一步 / 下一步.
        self._foot_asked = False
        self._at_foot = False
        self._hidden: list[QWidget] = []
        self._kept: set[QWidget] = set()
        self._stretch: dict[int, int] = {}  # the page's stretches, while a question is up
        # What :meth:`ask_words` asked (to ask it again in another language).
        self._words: (
            tuple[str, Callable[[], None], Callable[[], None], Callable[[], str] | None] | None
        ) = None
        self._note_room: Callable[[], list[str]] | None = None
        # ask_words' ``instead``: the second answer's words and action while it applies.
        self._instead: tuple[Callable[[], str], Callable[[], None]] | None = None
        # The answers re-lay this screen rather than leave it: its content comes back
        # before an answer runs, for the answer to show what it needs (ask_words).
        self._relays = False
        self._on_yes: Callable[[], None] = lambda: None
        self._on_no: Callable[[], None] = lambda: None
        self.yes.clicked.connect(lambda _=False: self._answer(self._on_yes))
        self.no.clicked.connect(lambda _=False: self._answer(self._on_no))
        self.hide()

    @staticmethod
    def _label(name: str, role: str) -> QLabel:
        w = QLabel()
        w.setObjectName(name)
        w.setProperty("role", role)
        w.setWordWrap(True)
        w.setTextFormat(Qt.TextFormat.PlainText)
        return w

    @staticmethod
    def _button(name: str, role: str) -> QPushButton:
        b = QPushButton()
        b.setObjectName(name)
        b.setProperty("role", role)
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return b

    def ask(
        self,
        title: str,
        body: str,
        yes: str,
        no: str,
        on_yes: Callable[[], None],
        on_no: Callable[[], None],
    ) -> None:
        """Replace the screen's content with the question until one answer is tapped."""
        if self._words is not None and (on_yes, on_no) != self._words[1:3]:
            self._words = None  # another question, in words given (not asked again)
            self._relays = False
            self._foot_asked = False
            self._note_room = None
            self._instead = None
            self.body.set_alternatives(())
        self.title.setText(title)
        self.body.setText(body)
        self.yes.setText(yes)
        self.no.setText(no)
        self._fit()
        self._on_yes, self._on_no = on_yes, on_no
        if not self.isVisible():
            # A question may come without a tap (the 65+ offer after a document is read):
            # the tap guard hears of it, as of a notice (ui/tap_guard.py).
            self._screen.ctx.before_change()
            self._restore()  # content an answer left hidden (see _answer) comes back first
            # Nested rows and the keyboard dock too: a docked keypad left under the
            # question would be one more thing to tap, and would not fit beside it.
            content = [w for w in _layout_widgets(self._screen.root) if w is not self]
            # Room kept for a hidden message would crowd the question: freed while it is up.
            self._kept = {w for w in content if w.sizePolicy().retainSizeWhenHidden()}
            for w in self._kept:
                _keep_room(w, False)
            self._hidden = [w for w in content if w.isVisibleTo(self._screen)]
            for w in self._hidden:
                w.hide()
            # A row of the page's that stretches (its widgets hidden) would share the room
            # with the question: it would sit under an empty band (try-out 6, item 2).
            root = self._screen.root
            self._stretch = {i: root.stretch(i) for i in range(root.count()) if root.stretch(i)}
            mine = root.indexOf(self)
            for i in self._stretch:
                if i != mine:
                    root.setStretch(i, 0)
            self.show()
        else:
            self.keep_alone()  # asked again over content the screen re-laid meanwhile
        self._screen.core.say(
            f"{title}。{body}" if self._screen.lang == "zh" else f"{title}. {body}"
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the question to its new room (a text step, a rotation)."""
        super().resizeEvent(event)
        self._fit()

    def _place(self) -> None:
        """The answers one above the other under the question; or, asked ``at_foot`` in
        长辈模式 on a portrait panel, in the page's foot row in halves, 不是我 where 上一步
        stands and 是我，继续 where 下一步 / 确认 do (entry_page.buttons_at_foot): after
        typing the name with 确认 at the foot, the check's 是我，继续 stood mid-page
        (try-out 20, E6)."""
        screen = self._screen
        at_foot = self._foot_asked and screen.core.sessions.current.assisted
        at_foot = at_foot and buttons_at_foot(screen)
        if at_foot == self._at_foot:
            return
        self._at_foot = at_foot
        lay = self.layout()
        assert isinstance(lay, QVBoxLayout)
        lay.setStretch(self._above, 1 if at_foot else 0)
        lay.setStretch(self._under, 0 if at_foot else 1)
        # Top-aligned, the panel would keep to its content's height: no foot to stand at.
        lay.setAlignment(Qt.AlignmentFlag(0) if at_foot else Qt.AlignmentFlag.AlignTop)
        for i in range(self._answers.count()):
            self._answers.setStretch(i, 1 if at_foot else 0)  # halves
        # The foot row's gap (entry_page.step_foot): the halves as wide as 上一步 / 下一步.
        self._answers.setSpacing(screen.ctx.tokens().gap() if at_foot else lay.spacing())
        # Right to left: the first answer (the way on) at the right, as 下一步.
        side = QBoxLayout.Direction.RightToLeft
        self._answers.setDirection(side if at_foot else QBoxLayout.Direction.TopToBottom)

    def _fit(self) -> None:
        """The whole question and both answers within the room the panel is shown in."""
        self._place()
        t = self._screen.ctx.tokens()
        parent = self.parentWidget()
        height = self.height() if parent is None else min(self.height(), parent.height() - self.y())
        if self.width() <= 0 or height <= 0:
            return
        fit_dialog(
            [(self.title, t.px(t.title_px)), (self.body, t.px(t.body_px))],
            self._answers,
            self._answers.direction() if self._at_foot else QBoxLayout.Direction.TopToBottom,
            QRect(0, 0, self.width(), height),
            2 * self.layout().spacing(),
            t.px(FLOOR_PX),
        )

    def ask_words(
        self,
        key: str,
        on_yes: Callable[[], None],
        on_no: Callable[[], None],
        note: Callable[[], str] | None = None,
        *,
        relays: bool = False,
        note_room: Callable[[], list[str]] | None = None,
        instead: tuple[Callable[[], str], Callable[[], None]] | None = None,
        at_foot: bool = False,
    ) -> None:
        """:meth:`ask` the question of string keys ``key``.title/.body/.yes/.no (and
        ``note()`` under the body), in the citizen's language, and again in the new one
        when they switch with it up (:meth:`retranslate`): it stayed in the language it
        was asked in, over a page in the other. ``relays``: the answers re-lay this
        screen in place (its content is back before they run), not leave it.
        ``note_room``: every note ``note()`` may say while the question is up; the body
        keeps the room of the longest, and :meth:`renote` says a new one in place.
        ``instead``: the second answer's words while it applies ("" when it does not)
        and what it does then, in place of ``.no`` and ``on_no`` (:meth:`renote` puts
        them back in place when it no longer applies). ``at_foot``: a step of a one-question
        journey, its answers where 上一步 / 下一步 stand (see :meth:`_place`)."""
        self._words = (key, on_yes, on_no, note)
        self._foot_asked = at_foot
        self._instead = instead
        self._relays = relays
        self._note_room = note_room
        t = self._screen.t
        body, extra = t(f"{key}.body"), note() if note is not None else ""
        kept = note_room() if note_room is not None else []
        self.body.set_alternatives(f"{body}\n{n}" for n in kept if n)
        self.ask(
            t(f"{key}.title"),
            f"{body}\n{extra}" if extra else body,
            t(f"{key}.yes"),
            t(f"{key}.no"),
            on_yes,
            on_no,
        )
        self._second()

    def _second(self) -> None:
        """The second answer as ``instead`` says while it applies, else as asked."""
        if self._words is None:
            return
        key, _yes, on_no, _note = self._words
        words = self._instead[0]() if self._instead is not None else ""
        text = words or self._screen.t(f"{key}.no")
        if self.no.text() != text:
            self.no.setText(text)
        self._on_no = self._instead[1] if words and self._instead is not None else on_no

    def renote(self) -> None:
        """The open question's note says what is true now (the printer ran out of paper
        or came back), in the room its body keeps for it: nothing under it moves."""
        if not self.isVisible() or self._words is None:
            return
        key, _yes, _no, note = self._words
        body, extra = self._screen.t(f"{key}.body"), note() if note is not None else ""
        text = f"{body}\n{extra}" if extra else body
        if text != self.body.text():
            self.body.setText(text)
        self._second()

    def hold(self, w: QWidget, shown: bool) -> None:
        """While the question is up, ``w`` (the screen's content) stays hidden and comes
        back with the content when the question goes, if ``shown``."""
        if not self.isVisible():
            w.setVisible(shown)
            return
        w.hide()
        if shown and w not in self._hidden:
            self._hidden.append(w)
        elif not shown and w in self._hidden:
            self._hidden.remove(w)

    def retranslate(self) -> None:
        """The open question in the language now chosen (the screen was re-laid in it:
        whatever of it showed itself again is hidden, see :meth:`keep_alone`)."""
        if self.isVisible() and self._words is not None:
            self.ask_words(
                *self._words,
                relays=self._relays,
                note_room=self._note_room,
                instead=self._instead,
                at_foot=self._foot_asked,
            )

    def keep_alone(self) -> None:
        """While the question is up, hide again what the screen's content showed of itself
        since it was asked: a language switch re-lays the review's pages, and their page
        buttons show themselves (beside the question they were one more thing to tap, and
        took its room until its words were cut: 长辈模式, 1280x800, 字号 4/4). They come
        back with the rest of the content when the question goes."""
        if not self.isVisible():
            return
        for w in _layout_widgets(self._screen.root):
            if w is not self and w.isVisibleTo(self._screen):
                w.hide()
                if w not in self._hidden:
                    self._hidden.append(w)

    def asking(self) -> bool:
        """Whether a question is on screen."""
        return self.isVisible()

    def dismiss(self) -> None:
        """Put the screen's content back without answering (the screen was left)."""
        if not self.isVisible():
            return
        self._screen.ctx.before_change()  # the content comes back under a finger
        self.hide()
        self._restore()

    def _restore(self) -> None:
        for i, stretch in self._stretch.items():
            if i < self._screen.root.count():
                self._screen.root.setStretch(i, stretch)
        self._stretch = {}
        for w in self._kept:
            _keep_room(w, True)
        for w in self._hidden:
            w.show()
        self._hidden = []
        self._kept = set()

    def _answer(self, then: Callable[[], None]) -> None:
        # The question goes at once (asking() is False for ``then``), the content comes
        # back after it: most answers leave the screen, and showing its widgets on a
        # page about to be hidden cost the GUI thread their polish and layout (~1-3 ms
        # a screen change); on a hidden page show() only marks them shown.
        self._screen.ctx.before_change()
        self.hide()
        if self._relays:
            self._restore()  # the answer shows what it needs of the content
            then()
            return
        then()
        if isValid(self) and not self.isVisible():  # not asked again meanwhile
            self._restore()


def _layout_widgets(layout: QLayout) -> list[QWidget]:
    """The widgets placed in ``layout`` and the layouts nested in it."""
    out: list[QWidget] = []
    for e in entries(layout):
        if isinstance(e, QWidget):
            out.append(e)
        elif e is not None:
            out += _layout_widgets(e)
    return out


def _keep_room(w: QWidget, keep: bool) -> None:
    policy = w.sizePolicy()
    policy.setRetainSizeWhenHidden(keep)
    w.setSizePolicy(policy)


def choice_for(screen: BaseScreen) -> ChoicePanel:
    """The screen's question panel, added to its layout on first use."""
    panel = getattr(screen, "_choice_panel", None)
    if not isinstance(panel, ChoicePanel):
        panel = ChoicePanel(screen)
        screen.root.addWidget(panel, 1)
        screen._choice_panel = panel  # type: ignore[attr-defined]
    return panel


def dismiss_choice(screen: BaseScreen) -> None:
    """Drop the screen's open question, if it ever had one (without building a panel)."""
    panel = getattr(screen, "_choice_panel", None)
    if isinstance(panel, ChoicePanel):
        panel.dismiss()
