"""An optional "please contact me" block: a toggle, a phone keypad and a consent toggle.

Used for the call-back after a poor rating (整改回访) and for a reply to a
complaint. The number is personal data: it shows in full only in this box while
it is being typed (so a typo can be seen), masked everywhere else, and it is never
logged. A number the citizen already gave (the application's 联系电话) can be offered
(:meth:`ContactConsent.prefill`): it is shown masked with no keys beside it (its
改用其他号码 button opens them, the field empty), and consent is still asked. The
screen passes every visible text in (already translated) through
:meth:`ContactConsent.set_texts`.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QBoxLayout,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.contact import MAX_PHONE_DIGITS, ContactRequest, mask_phone, valid_phone
from ui.layout_items import add_layout, repolish
from ui.theme import Tokens
from ui.widgets.chosen_mark import AnswerButton, keep_answer_width
from ui.widgets.fit_label import reads_whole
from ui.widgets.keypad import Keypad
from ui.widgets.room_label import RoomLabel

# Beside the number and consent on a landscape panel, the keypad takes this share of the
# width: enough for thumb-sized keys, and the consent's words stay whole at 字号 4/4 in
# 长辈模式 on 1280x800 (they need about 850 px there).
KEYPAD_SHARE = (3, 1)


# The consent's box: this share of its words' type size (a box as tall as the capitals
# and more, so it reads as the thing to tick), and never under this many mm.
BOX_OF_TYPE = 1.5
BOX_MIN_MM = 8.0


class ConsentBox(QPushButton):
    """A consent to tick: a box drawn left of its words (empty, then filled with a tick),
    the whole row one target. Not a button's filled face: "我同意…" drawn as every other
    button did not look like something to tick (try-out 14, C2)."""

    def __init__(self, tokens: Tokens) -> None:
        super().__init__()
        self.setCheckable(True)
        self._tokens = tokens
        t = tokens
        self._box = max(round(t.px(t.button_px) * BOX_OF_TYPE), t.mm(BOX_MIN_MM))
        self._left = t.px(20)
        # Only what a box and words beside it need (the application's sheet keeps the
        # touch target's least height): the words after the box, on the page's ground,
        # no button face, no outline. The row is still the target, pressed shaded.
        pad = t.px(8)
        self.setStyleSheet(
            f"QPushButton {{ background: transparent; border: none; text-align: left; "
            f"padding: {pad}px {self._left}px {pad}px "
            f"{self._left + self._box + t.px(16)}px; }}"
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        """The words (the style's), then the box beside them, ticked when agreed."""
        super().paintEvent(event)
        t = self._tokens
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.isDown():
            shade = QColor(t.text)
            shade.setAlpha(40)
            p.fillRect(self.rect(), shade)
        edge = max(2, t.outline_px + 1)
        side = self._box
        box = QRectF(self._left, (self.height() - side) / 2, side, side)
        box = box.adjusted(edge / 2, edge / 2, -edge / 2, -edge / 2)
        ticked = self.isChecked()
        p.setPen(QPen(QColor(t.text), edge))
        p.setBrush(QColor(t.primary if ticked else t.surface))
        p.drawRoundedRect(box, t.px(4), t.px(4))
        if ticked:
            pen = QPen(QColor(t.primary_text), max(3.0, side / 8))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            p.setPen(pen)
            x, y, w, h = box.x(), box.y(), box.width(), box.height()
            p.drawPolyline(
                [
                    QPointF(x + w * 0.22, y + h * 0.52),
                    QPointF(x + w * 0.42, y + h * 0.72),
                    QPointF(x + w * 0.78, y + h * 0.30),
                ]
            )
        p.end()


class ContactConsent(QWidget):
    """Hidden keypad until "contact me" is tapped; :meth:`request` gives what was agreed."""

    changed = Signal()

    def __init__(
        self,
        tokens: Tokens,
        prefix: str,
        *,
        details_apart: bool = False,
        keys_beside_toggle: bool = False,
    ) -> None:
        """``details_apart``: the number, consent and keypad go in :attr:`details`, a
        widget the screen places itself (the toggle stays where it was tapped, the
        keypad docks at the page's foot), instead of beside or under the toggle.
        ``keys_beside_toggle``: one block whose keys grow with the room it is given,
        beside the toggle, number and consent on a wide panel (from the toggle's top) and
        under them on a narrow one; the keys' room is kept while they are closed, so the
        toggle keeps its width and place whether they are open or not."""
        super().__init__()
        self._keys_beside = keys_beside_toggle and not details_apart
        self._tokens = tokens
        self.setObjectName(f"{prefix}_contact")
        # Toggle, number and consent in one column, the keypad beside them on a wide
        # panel (set_wide) or under them: the whole block fits 800 px in 长辈模式.
        self._lay = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._lay.setContentsMargins(0, 0, 0, 0)
        self._lay.setSpacing(tokens.gap())
        column = QVBoxLayout()
        column.setSpacing(tokens.gap())
        add_layout(self._lay, column, 1)
        # An answer (reply to me / call me back): on, its own look and a drawn ✓, not an
        # action's fill like 下一步's (try-out 14, C17/E5); its words stay (nothing moves).
        self.want = AnswerButton()
        keep_answer_width(self.want, tokens)
        self.want.setObjectName(f"btn_{prefix}_want")
        self.want.setCheckable(True)
        self.want.toggled.connect(lambda _on: self._edited())
        column.addWidget(self.want)
        # As tall empty as with a whole number or an offered one: the consent and keys
        # under it stay put while the number is typed (#14).
        self.phone = RoomLabel()
        self.phone.setObjectName(f"{prefix}_phone")
        # Drawn as the field the keypad types into (outlined as the active one): a bare
        # line of text left the keypad with nowhere to type (try-out 4, item 12c).
        self.phone.setProperty("role", "field")
        column.addWidget(self.phone)
        # An offered number is kept as it stands, or another typed: said by a button of
        # its own (try-out 8, C11: it was not clear whether typing replaced the number).
        self.other = QPushButton()
        self.other.setObjectName(f"btn_{prefix}_other")
        self.other.clicked.connect(lambda _=False: self._use_other())
        column.addWidget(self.other)
        self.consent = ConsentBox(tokens)
        self.consent.setObjectName(f"btn_{prefix}_consent")
        self.consent.toggled.connect(lambda _on: self._edited())
        column.addWidget(self.consent)
        # 长辈模式 (set_one_question): what is wrong with the number, under it, in room
        # kept for the longest such message, so nothing moves when it shows (try-out 9,
        # E8: a message in the foot pushed the keypad up ~190 px, and back on the next tap).
        self.problem = RoomLabel()
        self.problem.setObjectName(f"{prefix}_problem")
        self.problem.setProperty("role", "error")
        column.addWidget(self.problem)
        column.addStretch(1)
        fit = details_apart or self._keys_beside
        self.keypad = Keypad(tokens, max_length=MAX_PHONE_DIGITS, fit=fit)
        self.keypad.setObjectName(f"{prefix}_keypad")
        self.keypad.changed.connect(self._typed)
        # Apart: one column the screen places; the keypad at its foot, keys as large
        # as the room allows (ui/widgets/fit_keys.py), three keys wide, not the page's
        # width (try-out 5: a 55 px keypad top-right, and the toggle jumped to the top).
        # On a landscape panel the number and consent sit left of the keypad (at 字号 4/4
        # on 1280x800 they do not fit above four rows of full-size keys).
        self.details: QWidget | None = None
        self._apart: QBoxLayout | None = None
        self._fields: QVBoxLayout | None = None
        if details_apart:
            self.details = QWidget()
            self.details.setObjectName(f"{prefix}_details")
            self._apart = QBoxLayout(QBoxLayout.Direction.TopToBottom, self.details)
            self._apart.setContentsMargins(0, 0, 0, 0)
            self._apart.setSpacing(tokens.gap())
            fields = QVBoxLayout()
            fields.setSpacing(tokens.gap())
            # Beside the keys, the number and consent sit at their foot (a toggle under
            # them) or their head (a toggle over them): near the toggle that opened
            # them, and level with the keys (try-out 8, C11: the field top-left, the keys
            # bottom-right, ~600 px apart at 1920x1080).
            self._fields = fields
            fields.addStretch(0)
            for w in (self.phone, self.other, self.consent, self.problem):
                column.removeWidget(w)
                fields.addWidget(w)
            fields.addStretch(1)
            # One above the other (a portrait panel) the room the number and keys leave
            # lies over them (the toggle is under them) or under them (the toggle is
            # over them), never between: the keys right under the number they type, as
            # on a form (try-out 10, E5: ~450 px of black between them in 长辈模式).
            self._lead = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
            self._tail = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
            self._apart.addSpacerItem(self._lead)
            add_layout(self._apart, fields, 1)
            self._apart.addWidget(self.keypad, 1, Qt.AlignmentFlag.AlignBottom)
            self._apart.addSpacerItem(self._tail)
        elif self._keys_beside:
            # Beside the toggle (the page's heading over both): the toggle, the number
            # and the consent do not fit above four rows of keys at their 16 mm floor
            # with a heading on 1280x800 in 长辈模式, so its heading had made way (#14).
            self._lay.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
            policy = self.keypad.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            self.keypad.setSizePolicy(policy)
        else:
            self._lay.addWidget(self.keypad)
        self._collapsed = False
        self._wide = False
        self._foot = False  # apart: the number and keys at the foot of their room
        # Apart and side by side: the keys at the foot of their column (until
        # set_details_at_foot says where the number is).
        self._wide_align = Qt.AlignmentFlag.AlignBottom
        self._one_question = False
        self._problem_room = False  # the problem's line has its room kept (say)
        self._prefilled = ""  # the number offered, while it stands untouched
        self._set_aside = False  # the citizen chose another number: not offered again
        self._texts = {
            "want": "",
            "label": "",
            "empty": "",
            "consent": "",
            "given": "",
            "other": "",
        }
        self._render()

    def set_wide(self, wide: bool) -> None:
        """The keypad beside the toggles (a landscape panel) or under them."""
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        self._lay.setDirection(direction)
        if self._keys_beside:
            # Side by side: the toggle's column and the keys share the width as the
            # details apart do; one above the other, each its own height.
            fields, keys = KEYPAD_SHARE if wide else (0, 0)
            self._lay.setStretch(0, fields)
            self._lay.setStretch(1, keys)
        self._wide = wide
        if self._apart is not None:
            self._apart.setDirection(direction)
            self._place_apart()

    def _place_apart(self) -> None:
        """Side by side: the fields' share of the width and the keypad's, the keys level
        with the number. One above the other: the keys grow first (to their largest),
        right under the number, and the room left lies over both or under both."""
        apart, fields = self._apart, self._fields
        if apart is None or fields is None:
            return
        foot = self._foot
        if self._wide:
            share, keys = KEYPAD_SHARE
            lead = tail = 0
            align = self._wide_align
        else:
            # The keys' stretch far over the spare room's: they take what they can use.
            share, keys = 0, 1000
            lead, tail = (1, 0) if foot else (0, 1)
            align = Qt.AlignmentFlag(0)
        for i, stretch in enumerate((lead, share, keys, tail)):
            apart.setStretch(i, stretch)
        apart.setAlignment(self.keypad, align)

    def open_height(self, width: int, wide: bool) -> int:
        """The least height of the block ``width`` px wide with its number and keys open
        (keys beside the toggle): the toggle, number and consent column, beside
        (``wide``) or over the keys at their floor. The screen decides what else fits
        its page with it, for the page and not the toggle's state, so nothing comes or
        goes under a finger."""
        gap = self._lay.spacing()
        if wide:
            fields, keys_share = KEYPAD_SHARE
            width = (width - gap) * fields // (fields + keys_share)
        shown: list[QWidget] = [self.want, self.phone, self.consent]
        if self._problem_room:
            shown.append(self.problem)
        column = sum(
            w.heightForWidth(width) if w.hasHeightForWidth() else w.sizeHint().height()
            for w in shown
        ) + gap * (len(shown) - 1)
        keys = self.keypad.minimumSizeHint().height()
        return max(column, keys) if wide else column + gap + keys

    def set_details_at_foot(self, foot: bool) -> None:
        """Apart: the number and consent at the foot of their room, level with the keys'
        last rows (the toggle is under them), or at its head (the toggle is over them)."""
        if self._apart is None or self._fields is None:
            return
        self._foot = foot
        self._wide_align = Qt.AlignmentFlag.AlignBottom if foot else Qt.AlignmentFlag.AlignTop
        self._fields.setStretch(0, 1 if foot else 0)
        self._fields.setStretch(self._fields.count() - 1, 0 if foot else 1)
        self._place_apart()

    def set_one_question(self, on: bool, problems: Iterable[str] = ()) -> None:
        """长辈模式: the number alone. The consent is asked apart (a question of its own),
        the keys show only while a number is to be typed (not under an offered one), and
        :meth:`say` puts a problem with the number under it, in room kept for the
        longest of ``problems``."""
        self._one_question = on
        self._keep_problem(on, problems)

    def keep_problem_room(self, problems: Iterable[str]) -> None:
        """Apart from 长辈模式: :meth:`say` puts a problem with the number or the consent
        by them, in room kept for the longest of ``problems`` (the rating's call-back: in
        the foot's row it took two lines and moved the keypad up, try-out 12, N13)."""
        if not self._one_question:
            # Its room where the page has it, never taken from the number's and keys'
            # (the toggle under them moved 4 px at 1280x800): problem_fits then says
            # whether the words go here.
            self.problem.setMinimumHeight(1)
            # Read, not tapped: less padding over and under its words than a form's
            # message, as the rating's own line (the consent's words need three lines at
            # 字号 4/4 in English on 1280x800 and were 12 px short there).
            t = self._tokens
            tight = f"padding: {t.px(4)}px {t.px(12)}px;"
            if self.problem.styleSheet() != tight:
                self.problem.setStyleSheet(tight)
            self._keep_problem(True, problems)

    def _keep_problem(self, on: bool, problems: Iterable[str]) -> None:
        self._problem_room = on
        self.problem.set_alternatives(problems if on else ())
        # Its room kept while it has nothing to say (an empty error line would still
        # draw its coloured edge); none kept where it is never shown.
        policy = self.problem.sizePolicy()
        if policy.retainSizeWhenHidden() != on:
            policy.setRetainSizeWhenHidden(on)
            self.problem.setSizePolicy(policy)
        self._render()

    def problem_fits(self, problem: str) -> bool:
        """Whether ``problem`` would be read whole in the room the layout gave its line
        (kept by :meth:`keep_problem_room`; at a large 字号 on a small panel the keys
        leave it less than the longest needs)."""
        return bool(self._problem_room) and reads_whole(self.problem, problem)

    def say(self, problem: str) -> None:
        """What is wrong with the number ("" for nothing), under it (长辈模式, or where
        :meth:`keep_problem_room` kept its room)."""
        self.problem.setText(problem)
        self._render()

    def set_collapsed(self, collapsed: bool) -> None:
        """Only the "contact me" toggle, whatever its state (the number is asked elsewhere)."""
        self._collapsed = collapsed
        self._render()

    def details_shown(self) -> bool:
        """The number, keypad and consent are on display."""
        return self.want.isChecked() and not self._collapsed

    def set_texts(
        self, want: str, label: str, empty: str, consent: str, given: str = "", other: str = ""
    ) -> None:
        """Visible texts in the current language (``given`` follows an offered number,
        ``other`` is the button that sets it aside for another)."""
        self._texts = {
            "want": want,
            "label": label,
            "empty": empty,
            "consent": consent,
            "given": given,
            "other": other,
        }
        self._render()

    def prefill(self, phone: str) -> None:
        """Offer ``phone`` (digits; one the citizen already gave) when nothing is typed yet."""
        digits = "".join(ch for ch in phone if ch.isdigit())
        if self.keypad.text() or self._set_aside or not valid_phone(digits):
            return
        self._prefilled = digits
        self.keypad.blockSignals(True)
        self.keypad.set_text(digits)
        self.keypad.blockSignals(False)
        # Its room kept once a number was offered: the consent under it stays put when
        # the button goes (a second tap must not land on the consent).
        policy = self.other.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.other.setSizePolicy(policy)
        self._render()

    def _use_other(self) -> None:
        """Set the offered number aside: the field is empty, for the keys to fill."""
        if not self._prefilled:
            return
        self._prefilled = ""
        self._set_aside = True
        self.keypad.blockSignals(True)
        self.keypad.set_text("")
        self.keypad.blockSignals(False)
        self._edited()

    def _typed(self, text: str) -> None:
        given = self._prefilled
        if given and text != given:
            # Touching an offered number starts a new one: a key replaces it, ⌫ clears it.
            self._prefilled = ""
            fresh = text[len(given) :] if len(text) > len(given) else ""
            self.keypad.blockSignals(True)
            self.keypad.set_text(fresh)
            self.keypad.blockSignals(False)
        self._edited()

    def reset(self) -> None:
        """Nothing asked, nothing typed, nothing agreed (a new citizen)."""
        for b in (self.want, self.consent):
            b.blockSignals(True)
            b.setChecked(False)
            b.blockSignals(False)
        self.keypad.blockSignals(True)
        self.keypad.set_text("")
        self.keypad.blockSignals(False)
        self._prefilled = ""
        self._set_aside = False
        self.problem.setText("")
        self._render()

    def state(self) -> tuple[bool, bool, str, str, bool, str]:
        """(asked for a reply, consent given, number typed, number offered, offer set
        aside, the problem said with the number)."""
        return (
            self.want.isChecked(),
            self.consent.isChecked(),
            self.keypad.text(),
            self._prefilled,
            self._set_aside,
            self.problem.text(),
        )

    def restore(self, state: tuple[bool, bool, str, str, bool, str]) -> None:
        """Put back what :meth:`state` took (the screen was rebuilt in a new text size),
        the problem said with the number too: it went with the old screen, the digits
        stayed, and 12345 stood with nothing said against it (try-out 20, E3)."""
        want, consent, typed, prefilled, self._set_aside, problem = state
        self.problem.setText(problem)
        for b, on in ((self.want, want), (self.consent, consent)):
            b.blockSignals(True)
            b.setChecked(on)
            b.blockSignals(False)
        self.keypad.blockSignals(True)
        self.keypad.set_text(typed)
        self.keypad.blockSignals(False)
        self._prefilled = prefilled
        self._render()

    def _offered_room(self) -> bool:
        """A number was offered this time (it stands, or was set aside for another)."""
        return bool(self._prefilled) or self._set_aside

    def request(self) -> ContactRequest | None:
        """The contact to send, or None when the citizen did not ask to be contacted."""
        if not self.want.isChecked():
            return None
        return ContactRequest(self.keypad.text(), self.consent.isChecked())

    def _edited(self) -> None:
        # Only the citizen's own taps announce a change (a screen clears its message then).
        self.problem.setText("")  # (hidden by _render; its room stays)
        self._render()
        self.changed.emit()

    def _render(self) -> None:
        t = self._texts
        self.want.setText(t["want"])
        self.want.setProperty("role", "primary" if self.want.isChecked() else "secondary")
        open_ = self.want.isChecked() and not self._collapsed
        offered = bool(self._prefilled) and self.keypad.text() == self._prefilled
        one = self._one_question
        self.phone.setVisible(open_)
        # No keys beside a number that stands (try-out 9, E8 in 长辈模式; try-out 10, C2
        # on every panel: "a full keypad, for what? the number is already there"): the
        # offered number is the default, 改用其他号码 opens the keys. Beside the fields
        # their room is kept, so the number and consent stay put when they come.
        self.keypad.setVisible(open_ and not offered)
        if self._apart is not None:
            policy = self.keypad.sizePolicy()
            if policy.retainSizeWhenHidden() != (not one):
                policy.setRetainSizeWhenHidden(not one)
                self.keypad.setSizePolicy(policy)
        # One question a screen: no consent beside the number (asked on its own).
        self.consent.setVisible(open_ and not one)
        self.problem.setVisible(open_ and self._problem_room and bool(self.problem.text()))
        self.other.setText(t["other"])
        self.other.setVisible(open_ and offered and bool(t["other"]))
        if self.details is not None:
            self.details.setVisible(open_)
        typed = self.keypad.text()
        # Every digit shown while typing: a masked entry hides the typo it should catch.
        # The thanks message and everything after it show the number masked, and so is
        # an offered number (nobody is typing it: there is no typo to catch).
        if self._prefilled and typed == self._prefilled:
            shown = f"{mask_phone(typed)}{t['given']}"
        else:
            shown = typed or t["empty"]
        self.phone.setText(f"{t['label']}{shown}")
        longest = "8" * MAX_PHONE_DIGITS
        shown_as = [t["empty"], longest]
        if self._offered_room():
            # An offered number's words are longer (two lines at 字号 4/4): their room only
            # where one was offered, so the number's problem keeps its line by it where
            # none was (at 1280x800 the keys leave the column little more).
            shown_as.append(f"{mask_phone(longest)}{t['given']}")
        self.phone.set_alternatives(f"{t['label']}{x}" for x in shown_as)
        # Its box says whether it is given (ConsentBox): the words stay as they are.
        self.consent.setText(t["consent"])
        repolish(self.want)
