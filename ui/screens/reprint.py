"""Reprint a receipt: the citizen proves it is theirs with the ID number it was printed for.

Reached from the track result. Only a keyed hash of the ID number is stored with
the print job, so the kiosk can check the number without keeping it; after three
wrong numbers the screen stops trying for this session (no guessing at a kiosk).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from kiosk.identity import mask_number
from kiosk.printing import PrintOutcome, PrintResult
from ui.screens.base import BaseScreen
from ui.widgets.text_pad import TextPad

MAX_TRIES = 3
MAX_LENGTH = 20  # an 18-character resident ID, or a passport or permit number


class ReprintScreen(BaseScreen):
    """ID number on a keypad, then print; calm words for every outcome."""

    screen_id = Screen.REPRINT
    title_key = "reprint.title"
    prompt_key = "reprint.prompt"

    def build(self) -> None:
        """Prompt, the typed number, keypad, result line, print button."""
        self.root.addWidget(self.label("reprint.title", role="title"))
        body = self.scroll_body()
        self.number = QLabel()
        self.number.setObjectName("reprint_number")
        self.number.setProperty("role", "heading")
        body.addWidget(self.number)
        body.addWidget(self.label("reprint.prompt"))
        # A visible box from the start (the framed display, as the text composer's); it shows
        # what is typed (a typo must be seeable) and masks the number once submitted.
        self.echo = QLabel()
        self.echo.setObjectName("reprint_echo")
        self.echo.setProperty("role", "warning")
        self.echo.setTextFormat(Qt.TextFormat.PlainText)
        self.echo.setMinimumHeight(self.ctx.tokens().px(72))
        body.addWidget(self.echo)
        # Letters and digits: a passport or permit number (E12345678) must be typeable too.
        self.pad = TextPad(self.ctx.tokens(), self.lang, pinyin=False, digits_row=True)
        self.pad.typed.connect(lambda text: self._set(self._text + text))
        self.pad.erased.connect(lambda: self._set(self._text[:-1]))
        self.dock.addWidget(self.pad)  # docked: every key on screen
        self._text = ""
        self.result = QLabel()
        self.result.setObjectName("reprint_result")
        self.result.setProperty("role", "warning")
        self.result.setWordWrap(True)
        self.result.hide()
        self.root.addWidget(self.result)
        self.print_btn = self.button("reprint.print", self._print, role="primary")
        self.print_btn.setObjectName("btn_reprint_receipt")
        self.root.addWidget(self.print_btn)
        self._tries = 0

    def enter(self) -> None:
        """Show which receipt; start with an empty number."""
        tn = self.core.sessions.current.tracking_number or ""
        self.number.setText(self.t("reprint.number", n=tn))
        self._set("")
        self.pad.set_mode("abc")
        self.result.hide()
        self.print_btn.setEnabled(self._tries < MAX_TRIES)

    def retranslate(self) -> None:
        """Texts (and the keyboard's labels) in the current language."""
        super().retranslate()
        if hasattr(self, "pad"):
            self.pad.retranslate(self.lang)

    def _set(self, text: str) -> None:
        self._text = text.upper().replace(" ", "")[:MAX_LENGTH]
        self.echo.setText(self._text)

    def _print(self) -> None:
        number = self._text
        tn = self.core.sessions.current.tracking_number
        if len(number) < 6 or not tn:
            self._say("reprint.need_number")
            return
        self.print_btn.setEnabled(False)
        # Submitted: from here on the screen shows it as the receipt does, masked.
        self.echo.setText(mask_number(number))
        self._say("maint.printing")
        printing = self.core.backend.printing
        self.work(lambda: printing.reprint_by_tracking_number(tn, number), self._done)

    def _done(self, result: PrintResult) -> None:
        self._text = ""  # the next key starts a fresh number; the masked one stays until then
        if result.outcome is PrintOutcome.NOT_ALLOWED:
            self._tries += 1
            left = MAX_TRIES - self._tries
            self._say("reprint.mismatch" if left > 0 else "reprint.locked")
            self.print_btn.setEnabled(left > 0)
            return
        self.print_btn.setEnabled(True)
        key = {
            PrintOutcome.PRINTED: "reprint.done",
            PrintOutcome.NOT_FOUND: "reprint.not_found",
            PrintOutcome.UNCONFIRMED: "reprint.unconfirmed",
        }.get(result.outcome, "reprint.printer_problem")
        self._say(key)

    def _say(self, key: str) -> None:
        self.result.setText(self.t(key))
        self.result.show()
