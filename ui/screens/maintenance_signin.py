"""The maintenance panel's sign-in: technician number, then PIN, on one keypad.

The PIN is checked on a worker (Argon2 takes tens of milliseconds and the lockout
file is written before the answer); the pad shows only dots, never the digits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget
from shiboken6 import isValid

from kiosk.technicians.signin import SignInOutcome, SignInResult
from ui.layout_items import add_layout
from ui.widgets.entry_field import EntryField
from ui.widgets.keypad import Keypad

if TYPE_CHECKING:
    from ui.screens.maintenance import MaintenanceScreen


class SignInView(QWidget):
    """Number → PIN → the panel (``on_signed_in``)."""

    def __init__(self, screen: MaintenanceScreen, on_signed_in: Callable[[str], None]) -> None:
        super().__init__()
        self._screen = screen
        self._on_signed_in = on_signed_in
        self._number = ""
        self._card = False  # the number came from a technician card: its PIN goes to the card
        t = screen.ctx.tokens()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = screen.scroll_body(into=outer)
        # Prompt, field and message in one block, the keypad in another, the buttons in
        # a third: on a landscape panel the keypad stands beside the rest. Stacked, the
        # page was taller than 1280x800 in 长辈模式 and its 0 and ⌫ sat under the
        # status bar: a technician could not type 0 (#14).
        self._info = QWidget()
        lay = QVBoxLayout(self._info)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(t.gap())
        self.prompt = QLabel()
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setObjectName("signin_prompt")
        # A technician's prompt, not a citizen's question: the type 长辈模式 gives its
        # facts (the headings' size before they grew for the elderly, #14), so the
        # keypad beside it still fits 1280x800 at 字号 4/4 without scrolling.
        self.prompt.setProperty("role", "fact")
        self.prompt.setWordWrap(True)
        lay.addWidget(self.prompt)
        # A framed field, outlined as the one the keypad types into: the typed number
        # once showed as bare text with no field (try-out 4).
        self.echo = EntryField("pin_echo")
        self.echo.set_active(True)
        lay.addWidget(self.echo)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setObjectName("pin_error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        # Its room is kept while it is hidden, so the keypad below does not move
        # under the technician's finger when a wrong PIN's message appears (#14).
        keep = self.error.sizePolicy()
        keep.setRetainSizeWhenHidden(True)
        self.error.setSizePolicy(keep)
        self.error.ensurePolished()
        self.error.setMinimumHeight(2 * self.error.fontMetrics().lineSpacing())
        self.error.hide()
        lay.addWidget(self.error)
        self.keypad = Keypad(t, max_length=12)
        # No frame of Qt's default 9 px round the keys: the grid's gap separates the
        # blocks. With it, the page was 2 px taller than 1280x800 leaves in 长辈模式 at
        # 字号 4/4 and scrolled (#14).
        pad_grid = self.keypad.layout()
        if pad_grid is not None:
            pad_grid.setContentsMargins(0, 0, 0, 0)
        self.keypad.changed.connect(self._echo)
        self._actions = QWidget()
        self._row = QHBoxLayout(self._actions)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(t.gap())
        leave = screen.button("maint.exit", screen.exit_panel)
        leave.setObjectName("btn_exit")  # the panel's own is hidden while this one shows
        self._row.addWidget(leave)
        # On the PIN step: back to the number (a wrong try keeps the PIN step, and the
        # number may have been the wrong one).
        self.change_btn = screen.button("maint.change_number", self.reset)
        self.change_btn.setObjectName("btn_change_number")
        keep = self.change_btn.sizePolicy()
        keep.setRetainSizeWhenHidden(True)  # its place kept: 进入 stays where 下一步 was
        self.change_btn.setSizePolicy(keep)
        self._row.addWidget(self.change_btn)
        self.next_btn = screen.button("maint.next", self._next, role="primary")
        self.next_btn.setObjectName("btn_next")
        self._row.addWidget(self.next_btn)
        self.unlock_btn = screen.button("maint.unlock", self._unlock, role="primary")
        self.unlock_btn.setObjectName("btn_unlock")
        self._row.addWidget(self.unlock_btn)
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(t.gap())
        add_layout(body, self._grid)
        self._wide: bool | None = None
        self._arrange(wide=False)
        self.reset()

    def _arrange(self, *, wide: bool) -> None:
        """Keypad beside the prompt (``wide``) or below it; the buttons last, in a row."""
        if wide == self._wide:
            return
        self._wide = wide
        for w in (self._info, self.keypad, self._actions):
            self._grid.removeWidget(w)
        self._grid.addWidget(self._info, 0, 0)
        if wide:
            self._grid.addWidget(self.keypad, 0, 1)
            self._grid.addWidget(self._actions, 1, 0, 1, 2)
            self._grid.setColumnStretch(1, 1)
        else:
            self._grid.addWidget(self.keypad, 1, 0)
            self._grid.addWidget(self._actions, 2, 0)
            self._grid.setColumnStretch(1, 0)
        self._grid.setColumnStretch(0, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Landscape panels put the keypad beside the rest (see ``__init__``)."""
        size = event.size()
        self._arrange(wide=size.width() > size.height())
        super().resizeEvent(event)

    def reset(self, notice: str = "") -> None:
        """Back to the first step; ``notice`` (a string key) explains why, if given."""
        self._number = ""
        self._card = False
        self.keypad.set_text("")
        self.unlock_btn.hide()
        self.change_btn.hide()
        self.next_btn.show()
        self.next_btn.setEnabled(True)
        self.prompt.setText(self._screen.t("maint.number_prompt"))
        if notice:
            self.error.setText(self._screen.t(notice))
            self.error.show()
        else:
            self.error.hide()

    def notice(self, text: str) -> None:
        """Say ``text`` where a wrong PIN's message goes, nothing else changed."""
        self.error.setText(text)
        self.error.show()

    def retranslate(self) -> None:
        """Prompts in the current language."""
        if self._card:
            self.prompt.setText(self._screen.t("maint.card_prompt", number=self._number))
            return
        if self._number:
            self.prompt.setText(self._screen.t("maint.pin_prompt_for", number=self._number))
        else:
            self.prompt.setText(self._screen.t("maint.number_prompt"))

    def card_inserted(self, number: str) -> None:
        """A technician card is in its reader: straight to its PIN."""
        self.reset()
        self._number, self._card = number, True
        self.next_btn.hide()
        self.unlock_btn.show()
        self.retranslate()

    def has_card(self) -> bool:
        """Whether the pad is asking for a card's PIN."""
        return self._card

    def card_removed(self) -> None:
        """The card left before its PIN was given: start again."""
        if self._card:
            self.reset()

    def _echo(self, text: str) -> None:
        self.echo.setText(("●" * len(text)) if self._number else text)

    def _next(self) -> None:
        number = self.keypad.text()
        if not number:
            return
        self._number = number
        self.keypad.set_text("")
        self.next_btn.hide()
        self.unlock_btn.show()
        self.change_btn.show()
        self.error.hide()
        self.retranslate()

    def _unlock(self) -> None:
        pin = self.keypad.text()
        self.keypad.set_text("")
        if not pin:
            return
        self.unlock_btn.setEnabled(False)
        ops = self._screen.core.maintenance_ops()
        number, card = self._number, self._card
        job = (
            (lambda: ops.sign_in_with_card(number, pin))
            if card
            else (lambda: ops.sign_in(number, pin))
        )
        self._screen.work(job, self._answer, self._failed)

    def _answer(self, result: SignInResult) -> None:
        if not isValid(self):  # the screen was rebuilt meanwhile (a session ended)
            return
        self.unlock_btn.setEnabled(True)
        if result.outcome == SignInOutcome.OK and result.technician_id is not None:
            self.error.hide()
            self._on_signed_in(result.technician_id)
            return
        t = self._screen.t
        card_number = self._number if self._card else None
        if result.outcome != SignInOutcome.WRONG:
            self.reset()  # locked, refused, no register: start again from the number
        elif card_number is not None:
            self.card_inserted(card_number)  # the card is still there: its PIN again
        # A wrong number or PIN stays on the PIN step, the number named in its prompt:
        # it went back to the number step, and the technician typed the PIN into the
        # number field (try-out 6). 更改编号 is beside 进入 when the number was wrong.
        if result.outcome == SignInOutcome.LOCKED:
            self.error.setText(t("maint.locked", seconds=int(result.wait_s + 0.999)))
        elif result.outcome == SignInOutcome.NO_REGISTER:
            self.error.setText(t("maint.no_register"))
        elif result.outcome == SignInOutcome.CARD_REFUSED:
            self.error.setText(t("maint.card_refused"))
        elif result.outcome == SignInOutcome.CARD_BLOCKED:
            self.error.setText(t("maint.card_blocked"))
        else:
            self.error.setText(_wrong_text(t, result, card=card_number is not None))
        self.error.show()

    def _failed(self, _exc: BaseException) -> None:
        if not isValid(self):
            return
        self.unlock_btn.setEnabled(True)
        self.error.setText(self._screen.t("common.error"))
        self.error.show()


def _wrong_text(t: Callable[..., str], result: SignInResult, *, card: bool) -> str:
    """A wrong number or PIN (with a ``card``: its PIN, the only thing typed), with the
    tries left before whichever limit comes first: the kiosk's wait, or the card's own
    block when a card said its count. Never which of number and PIN was wrong.

    One count only (try-out 19, T1): both ran into one sentence, and the card's 3 tries
    run out before the kiosk's 5, so the kiosk's count was never the one that mattered.
    The card blocks itself on the try that empties its counter, and a blocked card's
    answer never reaches the kiosk's count: at equal counts the card comes first."""
    prefix = "maint.card_pin_wrong" if card else "maint.pin_wrong"
    if result.tries_left is None or result.tries_left < 1:
        return t(prefix)
    blocks = result.card_tries_left
    if card and blocks is not None and 0 < blocks <= result.tries_left:
        if blocks == 1:
            return t("maint.card_pin_wrong_block_last")
        return t("maint.card_pin_wrong_block", n=blocks)
    wait = int(result.next_wait_s + 0.999)
    if result.tries_left == 1:
        return t(f"{prefix}_last", wait=wait)
    return t(f"{prefix}_left", n=result.tries_left, wait=wait)
