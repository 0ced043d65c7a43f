"""Reprint a receipt: the citizen proves it is theirs with the ID number it was printed for.

Reached from the track result. Only a keyed hash of the ID number is stored with
the print job, so the kiosk can check the number without keeping it; after three
wrong numbers the screen stops trying for this session (no guessing at a kiosk).
A citizen who gave the number's last four characters to see the status is asked only
for the rest (the number is asked once). Once printed (or refused for good) Print
becomes 完成, which ends the task.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel

from kiosk.flow import Screen
from kiosk.identity import mask_number
from kiosk.printing import PrintOutcome, PrintResult
from kiosk.session import EndReason
from kiosk.tracking import shown_tracking_number
from ui.layout_items import add_layout
from ui.screens.base import BaseScreen
from ui.screens.entry_page import (
    answer_button,
    dock_at_bottom,
    fit_heading,
    fit_page,
    heading_line,
)
from ui.widgets.entry_box import box_rule, placeholder_in
from ui.widgets.fit_keys import PadStrip
from ui.widgets.text_pad import TextPad

MAX_TRIES = 3
MAX_LENGTH = 20  # an 18-character resident ID, or a passport or permit number
# Print turns into 完成 in the same place: held disabled this long, so the second tap of
# a double tap on Print does not end the task at once.
DONE_GRACE_MS = 600


# Messages about the number typed: gone with the next key (the locked, printed and
# printer messages stay: typing changes none of them).
_STALE_ON_TYPING = frozenset(
    {"reprint.need_rest", "reprint.need_number", "reprint.mismatch", "reprint.not_found"}
)


class ReprintScreen(BaseScreen):
    """ID number on a keypad, then print; calm words for every outcome."""

    screen_id = Screen.REPRINT
    title_key = "reprint.title"
    prompt_key = "reprint.prompt"

    def build(self) -> None:
        """Title and receipt; the typed number beside Print; a strip; the docked keyboard.

        Laid out as the ID-entry pages are (ui/screens/entry_page.py): the keyboard at
        the bottom, four rows with backspace beside M; above the keys a strip with the
        prompt, replaced by the outcome once printing was tried; no scrolling part.
        """
        fit_page(self)
        tokens = self.ctx.tokens()
        top = QHBoxLayout()
        top.setSpacing(tokens.gap())
        self.heading = fit_heading(self, "reprint.title")
        self.heading.setObjectName("reprint_title")
        top.addWidget(self.heading, 1)
        # Which receipt, in one line that gives way with the title to the docked keys.
        self.number = heading_line(tokens, "body")
        self.number.setObjectName("reprint_number")
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.number, 1, Qt.AlignmentFlag.AlignVCenter)
        add_layout(self.root, top)
        row = QHBoxLayout()
        row.setSpacing(tokens.gap())
        # A visible box from the start (the framed display, as the text composer's); it shows
        # what is typed (a typo must be seeable) and masks the number once submitted.
        self.echo = QLabel()
        self.echo.setObjectName("reprint_echo")
        self.echo.setTextFormat(Qt.TextFormat.PlainText)
        # Drawn as a field typed into, not a message's yellow bar (try-out 13, C6), as
        # tight round its line as an entry field (the keys need the room at large text).
        pad = tokens.px(12)
        tight = f"#reprint_echo {{ padding: {tokens.px(2)}px {pad}px; }}"
        self.echo.setStyleSheet(f"{box_rule(tokens, 'reprint_echo')} {tight}")
        # Its example inside it while nothing is typed (the echo's text stays the typed).
        self.example = placeholder_in(tokens, self.echo, "reprint_example")
        row.addWidget(self.echo, 1)
        self.print_btn = answer_button(self.button("reprint.print", self._print, role="primary"))
        self.print_btn.setObjectName("btn_reprint_receipt")
        row.addWidget(self.print_btn)
        # 完成 in Print's place once there is nothing more to do here.
        self.done_btn = answer_button(self.button("svc.done", self._finish, role="primary"))
        self.done_btn.setObjectName("btn_done")
        self.done_btn.hide()
        row.addWidget(self.done_btn)
        add_layout(self.root, row)
        # The prompt, or the outcome in its place: the keys never move.
        self.strip = PadStrip(tokens)
        self.strip.set_hint(self.t("reprint.prompt"))
        self.result = QLabel()
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setObjectName("reprint_result")
        self.result.setProperty("role", "warning")
        self.result.hide()
        self.strip.add_message(self.result)
        self.dock.addWidget(self.strip)
        # Letters and digits: a passport or permit number (E12345678) must be typeable too.
        self.pad = TextPad(tokens, self.lang, pinyin=False, digits_row=True, fit=True)
        self.pad.typed.connect(lambda text: self._key(self._text + text))
        self.pad.erased.connect(lambda: self._key(self._text[:-1]))
        self._result_key = ""
        self.dock.addWidget(self.pad, 1)  # docked: every key on screen
        self._text = ""
        self._tries = 0
        self._last4 = ""  # the end of the number, already given on the track screen
        dock_at_bottom(self)

    def enter(self) -> None:
        """Show which receipt; start with an empty number."""
        session = self.core.sessions.current
        # 补打 only for a copy: a receipt that never came out prints here its first paper
        # (查询 found which: TrackResultScreen; try-out 20, T1 follow-up).
        first = not session.tracking_receipt_copy
        self.title_key = "reprint.title_first" if first else "reprint.title"
        self.rekey(self.heading, self.title_key)
        self.rekey(self.print_btn, "reprint.print_first" if first else "reprint.print")
        tn = shown_tracking_number(session.tracking_number or "")
        # The number alone where its label does not fit (a portrait panel at large text).
        self.number.set_texts(self.t("reprint.number", n=tn), tn)
        # Given already (to see the status): only the rest of the number is asked for.
        self._last4 = (session.tracking_id_last4 or "").upper()
        self.strip.set_hint(self._prompt())
        self._set("")
        self.pad.set_mode("abc")
        self.result.hide()
        self._show_done(False)
        self.print_btn.setEnabled(self._tries < MAX_TRIES)

    def carry(self) -> object | None:
        """The number typed, the tries used (a new text size must not give more), the
        message shown and whether the receipt is done."""
        shown = self._result_key if self.result.isVisible() else ""
        return (self._text, self._tries, shown, self.done_btn.isVisible())

    def restore(self, state: object) -> None:
        """The same number, tries, message and buttons after a rebuild."""
        if not isinstance(state, tuple):
            return
        text, tries, shown, done = state
        self._tries = tries
        self._set(text)
        if shown:
            self._say(shown)
        self.print_btn.setEnabled(self._tries < MAX_TRIES)
        if done:
            self._show_done(True)

    def retranslate(self) -> None:
        """Texts (and the keyboard's labels) in the current language."""
        super().retranslate()
        if hasattr(self, "pad"):
            self.pad.retranslate(self.lang)
            self.strip.set_hint(self._prompt())
            self.example.set_texts(self.t("reprint.example"), self.t("reprint.example.short"))

    def _prompt(self) -> str:
        last4 = getattr(self, "_last4", "")
        return self.t("reprint.prompt_rest", d=last4) if last4 else self.t("reprint.prompt")

    def _key(self, text: str) -> None:
        """A key tapped: a message about the last try is stale once the citizen types
        again (try-out 5 typed a number under an error about the one before)."""
        if self._result_key in _STALE_ON_TYPING:
            self._result_key = ""
            self.result.hide()
        self._set(text)

    def _set(self, text: str) -> None:
        self._text = text.upper().replace(" ", "")[: MAX_LENGTH - len(self._last4)]
        # The part already given stands after what is typed, set apart: one number.
        self.echo.setText(f"{self._text}…{self._last4}" if self._last4 else self._text)
        self.example.set_texts(self.t("reprint.example"), self.t("reprint.example.short"))
        self.example.setVisible(not self.echo.text())

    def _show_done(self, done: bool) -> None:
        if done and self.print_btn.isVisible():
            # Exactly where Print was, as wide: the echo beside it does not move.
            self.done_btn.setMinimumWidth(self.print_btn.width())
        self.print_btn.setVisible(not done)
        self.done_btn.setVisible(done)
        if done:
            self.done_btn.setEnabled(False)
            QTimer.singleShot(DONE_GRACE_MS, self, lambda: self.done_btn.setEnabled(True))

    def _finish(self) -> None:
        # The task is over (the receipt is in the tray): home, the citizen's display kept.
        self.goto(self.core.home(EndReason.FINISHED))

    def _print(self) -> None:
        number = self._text + self._last4
        tn = self.core.sessions.current.tracking_number
        if len(number) < 6 or not tn or (self._last4 and not self._text):
            self._say("reprint.need_rest" if self._last4 else "reprint.need_number")
            return
        self.print_btn.setEnabled(False)
        # Submitted: from here on the screen shows it as the receipt does, masked.
        self.echo.setText(mask_number(number))
        self._say("maint.printing")
        printing, lang = self.core.backend.printing, self.lang
        # In the language the citizen is using now, whatever the receipt was first
        # printed in (try-out 10, C9).
        self.work(lambda: printing.reprint_by_tracking_number(tn, number, lang), self._done)

    def _done(self, result: PrintResult) -> None:
        self._text = ""  # the next key starts a fresh number; the masked one stays until then
        if result.outcome is PrintOutcome.NOT_ALLOWED:
            self._tries += 1
            left = MAX_TRIES - self._tries
            self._say("reprint.mismatch" if left > 0 else "reprint.locked")
            self.print_btn.setEnabled(left > 0)
            if left <= 0:
                self._show_done(True)  # nothing more to try here: the desk reprints it
            return
        self.print_btn.setEnabled(True)
        # 补打 only for a copy: a receipt that never came out (缺纸) prints here for the
        # first time, and 回执已补打 was untrue (try-out 20, T1 follow-up).
        done = "reprint.done" if result.copy else "reprint.done_first"
        key = {
            PrintOutcome.PRINTED: done,
            PrintOutcome.NOT_FOUND: "reprint.not_found",
            PrintOutcome.UNCONFIRMED: "reprint.unconfirmed",
        }.get(result.outcome, "reprint.printer_problem")
        self._say(key)
        if result.outcome is PrintOutcome.PRINTED:
            self._show_done(True)
            self.core.say(self.t("end.take.receipt"))  # 请取走您的回执, as at every end

    def _say(self, key: str) -> None:
        self._result_key = key
        self.result.setText(self.t(key))
        self.result.show()
