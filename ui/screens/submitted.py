"""Submitted: the tracking number, the printing state, and the receipt QR code on screen."""

from __future__ import annotations

import uuid
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from kiosk.events import Device, DeviceStatusChanged, Event, Health
from kiosk.flow import Screen
from kiosk.identity import IdentitySource
from kiosk.printing import PrintResult
from kiosk.receipts.strings import fmt_date
from kiosk.resident_identity import read_by_sam_reader
from kiosk.services.apply import ApplicationDraft, ApplyOutcome, ApplyResult, apply_service
from kiosk.session import EndReason
from kiosk.voice_summary import ReceiptSummary
from ui.screens.apply_common import current_service, message_label, set_role
from ui.screens.base import BaseScreen
from ui.screens.choice import choice_for, dismiss_choice
from ui.widgets.qr_image import qr_image

QR_MM = 45

# The review screen hands its saved application over here, keyed by session, so a
# later citizen can never see it. The draft (personal data) is dropped once printed.
_HANDOVER: dict[uuid.UUID, tuple[ApplicationDraft | None, ApplyResult]] = {}


def hand_over(session_id: uuid.UUID, draft: ApplicationDraft, result: ApplyResult) -> None:
    """Called by the review screen once the application is saved."""
    _HANDOVER.clear()
    _HANDOVER[session_id] = (draft, result)


def handed_over(session_id: uuid.UUID) -> ApplyResult | None:
    """The saved result for this session, if any."""
    entry = _HANDOVER.get(session_id)
    return entry[1] if entry else None


class SubmittedScreen(BaseScreen):
    """The end of the application: keep the number, take the receipt (or photograph the QR)."""

    screen_id = Screen.SUBMITTED
    title_key = "submitted.title"
    prompt_key = "submitted.title"

    def build(self) -> None:
        """Headline, tracking number, printing state, QR, what next."""
        self.title = self.label("submitted.title", role="title")
        self.title.setObjectName("submitted_title")
        self.root.addWidget(self.title)
        # The QR code beside the text, outside the scrolling part: always on screen.
        columns = QHBoxLayout()
        self.root.addLayout(columns, 1)
        body = self.scroll_body(into=columns)
        qr_column = QVBoxLayout()
        columns.addLayout(qr_column)
        self.headline = QLabel()
        self.headline.setObjectName("submitted_headline")
        self.headline.setProperty("role", "body")
        self.headline.setWordWrap(True)
        body.addWidget(self.headline)
        body.addWidget(self.label("submitted.tracking", role="heading"))
        self.number = QLabel()
        self.number.setObjectName("tracking_number")
        self.number.setProperty("role", "big")
        self.number.setWordWrap(True)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        body.addWidget(self.number)
        # Assisted mode: the receipt's gist spoken on request (the voice guard keeps
        # names and ID numbers off the loudspeaker).
        self.read_btn = self.button("submitted.read_aloud", self._read_aloud, role="primary")
        self.read_btn.setObjectName("btn_read_aloud")
        self.read_btn.hide()
        body.addWidget(self.read_btn)
        self.print_state = message_label("print_state", role="warning")
        body.addWidget(self.print_state)
        self.qr = QLabel()
        self.qr.setObjectName("receipt_qr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignLeft)
        qr_column.addWidget(self.qr)
        hint = self.label("submitted.qr_hint", role="muted")
        hint.setMaximumWidth(self.ctx.tokens().mm(60))
        qr_column.addWidget(hint)
        # What to take away, shown and spoken once the printer has answered.
        self.take = QLabel()
        self.take.setObjectName("take_items")
        self.take.setProperty("role", "warning")
        self.take.setWordWrap(True)
        self.take.setMaximumWidth(self.ctx.tokens().mm(60))
        self.take.hide()
        qr_column.addWidget(self.take)
        self._take_said = ""
        qr_column.addStretch(1)
        self.details = QLabel()
        self.details.setObjectName("submitted_details")
        self.details.setProperty("role", "body")
        self.details.setWordWrap(True)
        body.addWidget(self.details)
        # The ID card laid on the SAM reader is still there: say so, on screen and aloud.
        self.take_card = message_label("take_card", role="warning")
        body.insertWidget(0, self.take_card)
        # Offered once the printer is back after a failed receipt (paper refilled).
        self.reprint_btn = self.button("submitted.reprint", self._reprint, role="primary")
        self.reprint_btn.setObjectName("btn_reprint_receipt_now")
        self.reprint_btn.hide()
        body.addWidget(self.reprint_btn)
        self.rate_btn = self.button("submitted.rate", self._rate, role="primary")
        self.rate_btn.setObjectName("btn_rate")
        self.root.addWidget(self.rate_btn)
        # Once rated (a receipt is rated once), the way on says so instead of offering it again.
        self.rated_btn = self.button("submitted.rated", self._rate, role="primary")
        self.rated_btn.setObjectName("btn_rated_done")
        self.rated_btn.hide()
        self.root.addWidget(self.rated_btn)
        self._printing = False
        self._printer_back = False
        self._rated = False

    def result(self) -> ApplyResult | None:
        """The result shown (tests)."""
        return handed_over(self.core.sessions.current.id)

    def enter(self) -> None:
        """Show the saved application and print its receipt once."""
        self._remind_take_card()
        entry = _HANDOVER.get(self.core.sessions.current.id)
        can_speak = self.core.sessions.current.assisted and self.core.voice is not None
        self.read_btn.setVisible(entry is not None and can_speak)
        if entry is None:
            self.headline.setText(self.t("submitted.none"))
            for w in (self.number, self.qr, self.print_state, self.details):
                w.hide()
            return
        draft, result = entry
        if result.offline:
            self.prompt_key = (
                "submitted.title_offline_take_card"
                if self.prompt_key == "submitted.title_take_card"
                else "submitted.title_offline"
            )
        session = self.core.sessions.current
        rated = bool(result.tracking_number) and (
            session.rated_tracking_number == result.tracking_number
        )
        self._rated = rated
        self.rate_btn.setVisible(not rated)
        self.rated_btn.setVisible(rated)
        self._printer_back = False
        self._render(result)
        if result.outcome is ApplyOutcome.SAVED and draft is not None and not self._printing:
            self._print(draft, result)

    def _remind_take_card(self) -> None:
        session = self.core.sessions.current
        on_reader = read_by_sam_reader(session.identity) or read_by_sam_reader(session.agent)
        self.take_card.setVisible(on_reader)
        self.prompt_key = SubmittedScreen.prompt_key
        if not on_reader:
            return
        self.take_card.setText(self.t("idcard.take_back"))
        if session.assisted:
            self.prompt_key = "submitted.title_take_card"  # spoken by the window on showing
        elif self.core.voice is not None:
            self.core.voice.say(self.t("idcard.take_back"), self.lang)

    def leave(self) -> None:
        """An open question is dropped unanswered when the screen is left."""
        dismiss_choice(self)

    def retranslate(self) -> None:
        """Texts in the current language."""
        super().retranslate()
        if hasattr(self, "number"):
            result = handed_over(self.core.sessions.current.id)
            if result is not None:
                self._render(result)

    def _render(self, r: ApplyResult) -> None:
        # Offline the application is in this kiosk, not yet with the platform: say so, in
        # the title too, and promise no date the platform has not started counting from.
        self.title.setText(self.t("submitted.title_offline" if r.offline else "submitted.title"))
        self.headline.setText(self.t("submitted.offline" if r.offline else "submitted.online"))
        self.number.setText(r.tracking_number or "")
        self.number.show()
        self._fit_number()
        if r.receipt_code:
            self._show_qr(r.receipt_code)
        if r.outcome is ApplyOutcome.SAVED:
            state, role = "submitted.printing", "warning"
        elif r.outcome is ApplyOutcome.PRINTED:
            state, role = "submitted.printed", "warning"
        else:
            state, role = "submitted.printer_problem", "error"
        unconfirmed = r.print_message_key == "print.unconfirmed"
        if unconfirmed:
            # Sent whole, never confirmed: it may be in the tray. Not "could not be printed",
            # and no reprint offered (that could be a second copy).
            state, role = "submitted.unconfirmed", "warning"
        text = self.t(state)
        if r.outcome is ApplyOutcome.PRINTER_PROBLEM and r.print_message_key:
            text = self.t("apply." + r.print_message_key) + " " + text
        offer = r.outcome is ApplyOutcome.PRINTER_PROBLEM and self._printer_back and not unconfirmed
        if offer:
            text = self.t("submitted.reprinting" if self._printing else "submitted.printer_back")
        self.reprint_btn.setVisible(offer and not self._printing)
        set_role(self.print_state, role)
        self.print_state.setText(text)
        self.print_state.show()
        details: list[str] = []
        service = current_service(self.core)
        if r.offline and service is not None and service.time_limit.get(self.lang):
            details.append(self.t("submitted.usual", v=service.time_limit.get(self.lang)))
        if r.expected_completion is not None:
            details.append(
                self.t("submitted.expected", v=fmt_date(r.expected_completion, self.lang))
            )
        if r.materials_to_bring:
            details.append(self.t("submitted.bring"))
            details += [f"• {m.name.get(self.lang)}" for m in r.materials_to_bring]
        self.details.setText("\n".join(details))
        self.details.setVisible(bool(details))
        self._show_take(r)

    def _show_take(self, r: ApplyResult) -> None:
        """请取走您的证件/回执: only what is really there to take (no paper, no receipt)."""
        if r.outcome is ApplyOutcome.SAVED:
            self.take.hide()  # still printing: nothing to say yet
            return
        ident = self.core.sessions.current.identity
        card = ident is not None and ident.source is IdentitySource.CHIP
        receipt = r.outcome is ApplyOutcome.PRINTED
        key = {
            (True, True): "end.take.card_receipt",
            (True, False): "end.take.card",
            (False, True): "end.take.receipt",
            (False, False): "end.take.belongings",
        }[(card, receipt)]
        self.take.setText(self.t(key))
        self.take.show()
        if self._take_said != key:
            self._take_said = key
            self.core.say(self.t(key))

    def _show_qr(self, code: str) -> None:
        side = self.ctx.tokens().mm(QR_MM)
        self.qr.setMinimumSize(side, side)  # the same room whatever the symbol's size
        self.qr.setPixmap(QPixmap.fromImage(qr_image(code, side)))
        self.qr.show()

    def _fit_number(self) -> None:
        """As large as the panel allows: the 'big' size, or title size on a narrow panel."""
        viewport = self.number.parentWidget().parentWidget()
        avail = (viewport or self).width()
        tokens = self.ctx.tokens()
        font = QFont(self.number.font())
        font.setPixelSize(tokens.px(tokens.title_px * 2))
        fits = QFontMetrics(font).horizontalAdvance(self.number.text()) <= avail
        role = "big" if fits else "title"
        if self.number.property("role") != role:
            set_role(self.number, role)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-check the tracking number's size when the window changes."""
        super().resizeEvent(event)
        if self.number.text():
            self._fit_number()

    def _print(self, draft: ApplicationDraft, saved: ApplyResult) -> None:
        not_printed = replace(saved, outcome=ApplyOutcome.PRINTER_PROBLEM)
        svc = apply_service(self.core)
        if svc is None:
            self._printed(not_printed)
            return
        self._printing = True
        self.work(
            lambda: svc.print_receipt(draft, saved),
            self._printed,
            lambda _exc: self._printed(not_printed),
        )

    def _printed(self, result: ApplyResult) -> None:
        self._printing = False
        # Printed (or not): the personal data in the draft can go, whoever's it was.
        for k, (_draft, r) in list(_HANDOVER.items()):
            _HANDOVER[k] = (None, result if r.tracking_number == result.tracking_number else r)
        if self.core.sessions.current.id not in _HANDOVER:
            return  # the session ended while printing; show nothing of it
        if self.core.screen() == Screen.SUBMITTED:
            self._render(result)

    def on_core_event(self, event: Event) -> None:
        """The printer is healthy again after the receipt failed: print it now.

        The citizen is still on this screen, so the receipt is printed for them at once
        (the driver cleared what the printer held when the paper ran out, so this is
        the only copy). If that fails too, the QR code stays, and a later recovery tries
        again; the button remains for a retry.
        """
        if not (
            isinstance(event, DeviceStatusChanged)
            and event.device == Device.PRINTER
            and event.health is Health.OK
        ):
            return
        result = handed_over(self.core.sessions.current.id)
        if result is None or result.outcome is not ApplyOutcome.PRINTER_PROBLEM:
            return
        self._printer_back = True
        if result.print_message_key == "print.unconfirmed" or self._printing:
            self._render(result)  # it may be in the tray: never a second copy unasked
            return
        self._reprint()

    def _reprint(self) -> None:
        result = handed_over(self.core.sessions.current.id)
        identity = self.core.sessions.current.identity
        if result is None or result.tracking_number is None or identity is None:
            return
        tn, owner = result.tracking_number, identity.document_number
        printing = self.core.backend.printing
        self._printing = True
        self._render(result)
        self.work(
            lambda: printing.reprint_by_tracking_number(tn, owner),
            lambda printed: self._reprinted(result, printed),
            lambda _exc: self._reprinted(result, None),
        )

    def _reprinted(self, result: ApplyResult, printed: PrintResult | None) -> None:
        self._printing = False
        if printed is not None and printed.printed:
            result = replace(result, outcome=ApplyOutcome.PRINTED, print_message_key="")
            for k, (draft, r) in list(_HANDOVER.items()):
                if r.tracking_number == result.tracking_number:
                    _HANDOVER[k] = (draft, result)
        else:
            self._printer_back = False  # failed again: back to "photograph the QR code"
        if self.core.screen() == Screen.SUBMITTED:
            self._render(result)

    def summary(self) -> ReceiptSummary | None:
        """What the printed receipt says, in words that may be read aloud."""
        result = handed_over(self.core.sessions.current.id)
        service = current_service(self.core)
        if result is None or result.tracking_number is None or service is None:
            return None
        return ReceiptSummary(
            service_name=service.name.get(self.lang),
            tracking_number=result.tracking_number,
            bring=tuple(m.name.get(self.lang) for m in result.materials_to_bring),
            ready_on=result.expected_completion,
        )

    def _read_aloud(self) -> None:
        voice = self.core.voice
        summary = self.summary()
        if voice is not None and summary is not None:
            voice.say_receipt(summary, self.lang)

    def _rate(self) -> None:
        result = handed_over(self.core.sessions.current.id)
        unprinted = result is not None and result.outcome is ApplyOutcome.PRINTER_PROBLEM
        if unprinted and self.core.sessions.current.assisted:
            # The QR code on screen is the only receipt: leaving loses it for good.
            choice_for(self).ask(
                self.t("confirm.leave.title"),
                self.t("confirm.leave.body"),
                self.t("confirm.leave.yes"),
                self.t("confirm.leave.no"),
                lambda: self._on(),
                lambda: None,
            )
            return
        self._on()

    def _on(self) -> None:
        if self._rated:
            self.goto(self.core.home(EndReason.FINISHED))  # rated already: the journey is done
            return
        self.goto(self.core.next())
