"""Rate (好差评): five big choices in words, a reason required for the two lowest."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QSizePolicy, QWidget
from shiboken6 import isValid

from kiosk.events import Event
from kiosk.flow import Screen
from kiosk.printing import PrintResult
from kiosk.services.contact import mask_phone
from kiosk.services.feedback import (
    Problem,
    Rating,
    RatingLevel,
    RatingReason,
    SendResult,
    make_rating,
)
from ui.screens.apply_common import message_label
from ui.screens.service_base import ServiceScreen, print_message_key, printer_is_back
from ui.widgets.contact_consent import ContactConsent
from ui.widgets.text_composer import TextComposer
from ui.widgets.tile import Tile

PHRASES = ["feedback.phrase.wait", "feedback.phrase.guide", "feedback.phrase.machine",
           "feedback.phrase.callback"]  # fmt: skip


class RateScreen(ServiceScreen):
    """Pick a level; for a poor rating, say why; send; optionally print a slip."""

    screen_id = Screen.RATE
    title_key = "rate.title"
    prompt_key = "rate.prompt"

    def build(self) -> None:
        """Prompt, the five levels, reasons, optional comment, send."""
        tokens = self.ctx.tokens()
        assisted = tokens.name.startswith("assisted")
        self._assisted = assisted
        self.prompt = self.label("rate.prompt", role="heading")
        self.root.addWidget(self.prompt)
        self.linked = self.text_label("muted", "rate_linked")
        self.root.addWidget(self.linked)
        body = self.scroll_body()
        self.levels: dict[RatingLevel, Tile] = {}
        self.levels_host = QWidget()
        self.levels_grid = QGridLayout(self.levels_host)
        self.levels_grid.setContentsMargins(0, 0, 0, 0)
        self.levels_grid.setSpacing(tokens.gap())
        body.addWidget(self.levels_host)
        self._columns = 0
        for level in RatingLevel:
            tile = Tile(compact=False)
            tile.sub.show()
            tile.setObjectName(f"rate_{level.code}")
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            tile.clicked.connect(lambda _=False, lv=level: self._choose(lv))
            self.levels[level] = tile
        self._reflow(1)
        self.reasons_box = QWidget()
        reasons = QGridLayout(self.reasons_box)
        reasons.setContentsMargins(0, 0, 0, 0)
        reasons.setSpacing(tokens.gap())
        self.why = self.label("rate.why", role="heading")
        reasons.addWidget(self.why, 0, 0, 1, 2)
        self.reason_buttons: dict[RatingReason, QPushButton] = {}
        cols = 1 if assisted else 2
        self.reasons_grid = reasons
        self._reason_columns = cols
        for i, reason in enumerate(RatingReason):
            b = QPushButton()
            b.setObjectName(f"reason_{reason.value}")
            b.setCheckable(True)
            b.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            b.toggled.connect(lambda _on, r=reason: self._reason_toggled(r))
            self.reason_buttons[reason] = b
            reasons.addWidget(b, 1 + i // cols, i % cols)
        body.addWidget(self.reasons_box)
        # 整改回访: a poor rating may ask for a call-back, with a number and consent.
        self.callback = ContactConsent(tokens, "callback")
        self.callback.changed.connect(self._callback_changed)
        body.addWidget(self.callback)
        self.comment_btn = self.button("rate.add_text", self._toggle_comment)
        self.comment_btn.setObjectName("btn_add_comment")
        body.addWidget(self.comment_btn)
        self.composer = TextComposer(tokens, PHRASES, self.lang, columns=cols, dock=self.dock)
        body.addWidget(self.composer)
        self.thanks = self.text_label("title", "rate_thanks")
        body.addWidget(self.thanks)
        self.print_state = self.text_label("warning", "rate_print_state")
        body.addWidget(self.print_state)
        self.message = message_label("rate_message", lines=1)  # keeps its room: nothing jumps
        self.root.addWidget(self.message)
        row = QHBoxLayout()
        self.print_btn = self.button("rate.print_thanks", self._print)
        self.print_btn.setObjectName("btn_print_thanks")
        self.submit_btn = self.button("rate.submit", self._submit, role="primary")
        self.submit_btn.setObjectName("btn_submit_rating")
        self.done_btn = self.button("svc.done", self._done, role="primary")
        self.done_btn.setObjectName("btn_done")
        row.addWidget(self.print_btn)
        row.addStretch(1)
        row.addWidget(self.submit_btn)
        row.addWidget(self.done_btn)
        self.root.addLayout(row)
        self._entered_session: object = None
        self._reset()
        # Texts and roles now, so pre-building styles and paints the screen as shown.
        self._render()

    def _sent(self) -> bool:
        return bool(self.sent)

    def _reflow(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for i, tile in enumerate(self.levels.values()):
            self.levels_grid.addWidget(tile, i // columns, i % columns)

    def resizeEvent(self, event: object) -> None:
        """Five side by side on a wide landscape panel, one under another otherwise."""
        wide = self.width() > self.height() and self.width() >= self.ctx.tokens().px(1500)
        self._reflow(5 if wide else 1)
        self._reflow_reasons(2 if wide or not self._assisted else 1)
        super().resizeEvent(event)  # type: ignore[arg-type]

    def _reflow_reasons(self, columns: int) -> None:
        if columns == self._reason_columns:
            return
        self._reason_columns = columns
        for i, b in enumerate(self.reason_buttons.values()):
            self.reasons_grid.addWidget(b, 1 + i // columns, i % columns)

    def _reset(self) -> None:
        self.level: RatingLevel | None = None
        self.sent: SendResult | None = None
        self._message_key = ""
        self._print_key = ""
        self._busy = False
        for b in self.reason_buttons.values():
            b.blockSignals(True)
            b.setChecked(False)
            b.blockSignals(False)
        self.composer.set_text("")
        self.composer.hide()
        self.callback.reset()

    # --- lifecycle ------------------------------------------------------------------

    def enter(self) -> None:
        """A fresh rating, linked to this session's application if there is one."""
        # A fresh screen per session; re-entering it (call staff, language) keeps the choices.
        if self._entered_session != self.core.sessions.current.id or self._sent():
            self._entered_session = self.core.sessions.current.id
            self._reset()
        self._render()
        self.prepare_pinyin(self.composer)

    def retranslate(self) -> None:
        """Texts in the current language."""
        super().retranslate()
        if hasattr(self, "done_btn"):
            self._render()

    def _tracking(self) -> str | None:
        return self.core.sessions.current.tracking_number

    def _render(self) -> None:
        sent = self.sent is not None and self.sent.ok
        tn = self._tracking()
        self.linked.setText(self.t("rate.for_number", n=tn) if tn else "")
        self.linked.setVisible(bool(tn) and not sent)
        self.prompt.setVisible(not sent)
        stars = {lv: "★" * int(lv) + "☆" * (5 - int(lv)) for lv in RatingLevel}
        # Assisted mode, one decision at a time: once a poor rating is chosen only it
        # stays (tap it again to choose another), and the reasons take the screen.
        narrow = self._assisted and self.level is not None and self.level.needs_reason
        for level, tile in self.levels.items():
            chosen = level == self.level
            sub = f"{stars[level]}  {self.t('rate.selected')}" if chosen else stars[level]
            if chosen and narrow:
                sub += f"  {self.t('rate.change')}"
            tile.set_texts(self.t(f"rate.level.{level.code}"), sub)
            self.set_role(tile, "primary" if chosen else "tile")
            tile.setAccessibleDescription("selected" if chosen else "")
            tile.setVisible(not sent and (chosen or not narrow))
        needs_reason = self.level is not None and self.level.needs_reason
        self.reasons_box.setVisible(needs_reason and not sent)
        for reason, b in self.reason_buttons.items():
            mark = "✓ " if b.isChecked() else ""
            b.setText(mark + self.t(f"rate.reason.{reason.value}"))
            self.set_role(b, "primary" if b.isChecked() else "secondary")
        self.comment_btn.setVisible(needs_reason and not sent and not self.composer.isVisible())
        self.callback.set_texts(
            self.t("rate.callback.want"),
            self.t("contact.phone_label"),
            self.t("contact.phone_empty"),
            self.t("rate.callback.consent"),
        )
        self.callback.setVisible(needs_reason and not sent)
        self.composer.set_texts(
            {k: self.t(k) for k in PHRASES},
            self.t("feedback.text_empty"),
            self.t("feedback.phrases"),
            self.t("feedback.keyboard"),
            self.t("feedback.clear"),
        )
        self.composer.set_language(self.lang)
        if sent:
            self.composer.hide()
        low = self.level is not None and self.level.needs_reason
        thanks = [self.t("rate.thanks_low" if low else "rate.thanks")]
        if sent and self.sent is not None and not self.sent.online:
            thanks.append(self.t("svc.saved_offline"))  # stored here, not yet with anyone
        callback = self.callback.request() if low else None
        if sent and callback is not None:
            thanks.append(self.t("rate.callback.saved", p=mask_phone(callback.phone)))
        self.thanks.setText("\n".join(thanks) if sent else "")
        self.thanks.setVisible(sent)
        self.print_state.setText(self.t(self._print_key) if self._print_key else "")
        self.print_state.setVisible(bool(self._print_key))
        self.message.setText(self.t(self._message_key) if self._message_key else "")
        self.message.setVisible(bool(self._message_key))
        self.submit_btn.setVisible(not sent)
        self.done_btn.setVisible(sent)
        self.print_btn.setVisible(
            sent and self._print_key in ("", "svc.print.failed", "svc.print.printer_back")
        )

    # --- choices --------------------------------------------------------------------

    def _choose(self, level: RatingLevel) -> None:
        if self._assisted and level == self.level and level.needs_reason:
            self.level = None  # "tap again to change": all five come back
            self._message_key = ""
            self._render()
            return
        self.level = level
        self._message_key = ""
        self._render()
        if level.needs_reason:
            # The reasons appear below the choices: bring them into view once laid out.
            QTimer.singleShot(0, self._show_reasons)

    def _show_reasons(self) -> None:
        if isValid(self) and self.reasons_box.isVisible():
            # Top of the reasons at the top of the view (the box may be taller than the view).
            self.scroll.verticalScrollBar().setValue(self.reasons_box.y())

    def _reason_toggled(self, _reason: RatingReason) -> None:
        self._message_key = ""
        self._render()

    def _callback_changed(self) -> None:
        if self._message_key.startswith("feedback.problem.") and hasattr(self, "done_btn"):
            self._message_key = ""
            self._render()

    def _toggle_comment(self) -> None:
        self.composer.show()
        self._render()

    def _rating(self) -> Rating:
        level = self.level or RatingLevel.BASICALLY_SATISFIED
        reasons = [r for r, b in self.reason_buttons.items() if b.isChecked()]
        if not level.needs_reason:
            reasons = []
        comment = self.composer.text() if level.needs_reason else ""
        session = self.core.sessions.current
        callback = self.callback.request() if level.needs_reason else None
        return make_rating(level, reasons, comment, self._tracking(), session.service_id, callback)

    # --- sending --------------------------------------------------------------------

    def _submit(self) -> None:
        # Never greyed out (a disabled button is hard to read): a tap says what is missing.
        services = self.services
        if self._busy:
            return
        if self.level is None:
            self._message_key = "rate.choose_first"
            self._render()
            return
        rating = self._rating()
        problem = rating.problem()
        if problem is not Problem.NONE:
            self._message_key = f"feedback.problem.{problem.value}"
            self._render()
            return
        if services is None:
            self._message_key = "svc.unavailable"
            self._render()
            return
        lang = self.lang
        fb = services.feedback
        self._busy = True
        self._render()
        self.run(lambda: fb.submit_rating(rating, lang), self._submitted, self._failed)

    def _submitted(self, result: SendResult) -> None:
        self._busy = False
        if result.ok or result.problem is Problem.ALREADY_RATED:
            # The submitted screen stops offering a rating it would refuse.
            self.core.sessions.current.rated_tracking_number = self._tracking()
        if not result.ok:
            self._message_key = f"feedback.problem.{result.problem.value}"
        else:
            self.sent = result
            self._message_key = ""
        self._render()
        if result.ok:
            self.speak(self.thanks.text())

    def _failed(self) -> None:
        self._busy = False
        self._message_key = "common.error"
        self._render()

    def _print(self) -> None:
        services = self.services
        if services is None or self.level is None:
            return
        rating, lang, fb = self._rating(), self.lang, services.feedback
        self._print_key = "svc.print.printing"
        self._render()
        self.run(lambda: fb.print_thanks(rating, lang), self._printed, lambda: self._printed(None))

    def _printed(self, result: PrintResult | None) -> None:
        self._print_key = "svc.print.failed" if result is None else print_message_key(result)
        self._render()

    def on_core_event(self, event: Event) -> None:
        """The printer is back after the slip failed: say so and offer it again."""
        if printer_is_back(event, self._print_key):
            self._print_key = "svc.print.printer_back"
            self._render()

    def _done(self) -> None:
        self.goto(self.core.next())
