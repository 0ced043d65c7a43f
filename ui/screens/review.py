"""Review: everything the citizen is about to submit, with personal data masked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from kiosk.services.apply import (
    ApplyOutcome,
    ApplyResult,
    apply_service,
    capturable_materials,
    draft_from_session,
    platform_offline,
)
from kiosk.services.form_rules import display_value, prefill_all
from ui.screens.apply_common import current_service, message_label, set_role
from ui.screens.base import BaseScreen
from ui.screens.choice import choice_for, dismiss_choice
from ui.screens.submitted import hand_over

# Form fields that carry the identity's name: shown as the applicant line shows it.
_NAME_PREFILLS = ("identity.full_name", "identity.surname", "identity.given_names")


class ReviewScreen(BaseScreen):
    """A masked summary and one Submit button (guarded against double taps)."""

    screen_id = Screen.REVIEW
    title_key = "review.title"
    prompt_key = "review.prompt"

    def build(self) -> None:
        """Summary column, status line and the submit button."""
        self.root.addWidget(self.label("review.prompt", role="heading"))
        self.body = self.scroll_body()
        self.status = message_label("review_status")
        self.root.addWidget(self.status)
        self.submit_btn = self.button("review.submit", self._submit, role="primary")
        self.submit_btn.setObjectName("btn_submit")
        self.root.addWidget(self.submit_btn)
        self._busy = False
        self._status_key = ""
        self._status_fmt: dict[str, str] = {}

    def enter(self) -> None:
        """Fill the summary from the session."""
        self._render()
        tracking = self.core.sessions.current.tracking_number
        if tracking:
            self._say("review.already", role="warning", v=tracking)
            self.submit_btn.setEnabled(False)
        elif not self._busy:
            self.status.hide()
            self.submit_btn.setEnabled(True)

    def leave(self) -> None:
        """An open question is dropped unanswered when the screen is left."""
        dismiss_choice(self)

    def retranslate(self) -> None:
        """Texts in the current language."""
        super().retranslate()
        if hasattr(self, "body"):
            self._render()
            if self.status.isVisible() and self._status_key:
                self.status.setText(self.t(self._status_key, **self._status_fmt))

    def _add(self, text: str, role: str = "body", name: str = "") -> None:
        w = QLabel(text)
        w.setProperty("role", role)
        w.setWordWrap(True)
        w.setTextFormat(Qt.TextFormat.PlainText)
        if name:
            w.setObjectName(name)
        self.body.addWidget(w)

    def _render(self) -> None:
        self.clear_layout(self.body)
        session = self.core.sessions.current
        service = current_service(self.core)
        if service is None:
            return
        lang = self.lang
        self._add(self.t("review.service", v=service.name.get(lang)), role="heading")
        ident = session.identity
        if ident is not None:
            source = self.t(f"review.source.{ident.source.value}")
            # The holder is here to check it: a Latin name in full (kiosk.identity).
            self._add(self.t("review.applicant", v=ident.name_to_check()), name="review_name")
            self._add(
                self.t("review.id_number", v=ident.masked_number()) + " " + source,
                name="review_id",
            )
        agent = session.agent
        if agent is not None:
            self._add(self.t("review.agent", v=agent.name_to_check()), name="review_agent")
            self._add(
                self.t("review.agent_id", v=agent.masked_number())
                + " "
                + self.t(f"review.source.{agent.source.value}"),
                name="review_agent_id",
            )
        if service.form:
            self._add(self.t("review.form"), role="heading")
            # As submitted: identity fields always come from the identity (draft_from_session).
            values = {**session.form_values, **prefill_all(service.form, ident)}
            for f in service.form:
                value = values.get(f.id, "")
                shown = display_value(f, value, lang, masked=True)
                if (
                    ident is not None
                    and f.prefill in _NAME_PREFILLS
                    and ident.name_to_check() == ident.full_name
                ):
                    # As the applicant line above: a Latin name in full (kiosk.identity).
                    shown = value
                self._add(
                    f"{f.label.get(lang)}：{shown}"
                    if lang == "zh"
                    else f"{f.label.get(lang)}: {shown}",
                    name=f"review_{f.id}",
                )
        self._add(self.t("review.materials"), role="heading")
        capturable = {i for i, _m in capturable_materials(service)}
        for i, m in enumerate(service.materials):
            name = m.name.get(lang)
            if m.from_identity:
                key = f"review.material_id.{ident.source.value if ident else 'manual'}"
            elif i in session.pages:
                key = "review.material_done"
            elif m.required:
                key = "review.material_bring"
            elif i in capturable:
                key = "review.material_optional_skipped"
            else:
                continue
            self._add(self.t(key, name=name), name=f"review_material_{i}")

    def _say(self, key: str, role: str = "error", **fmt: str) -> None:
        self._status_key, self._status_fmt = key, fmt
        set_role(self.status, role)
        self.status.setText(self.t(key, **fmt))
        self.status.show()

    def _submit(self) -> None:
        if self._busy or self.core.sessions.current.tracking_number:
            return
        if self.core.sessions.current.assisted:
            # Submitting cannot be undone: in assisted mode ask first, in plain words.
            choice_for(self).ask(
                self.t("confirm.submit.title"),
                self.t("confirm.submit.body"),
                self.t("confirm.submit.yes"),
                self.t("confirm.submit.no"),
                self._submit_now,
                lambda: None,
            )
            return
        self._submit_now()

    def _submit_now(self) -> None:
        if self._busy or self.core.sessions.current.tracking_number:
            return
        session = self.core.sessions.current
        service = current_service(self.core)
        svc = apply_service(self.core)
        draft = draft_from_session(session, service, self.core.catalog.version) if service else None
        if svc is None or draft is None:
            self._say("apply.unavailable" if svc is None else "review.incomplete")
            return
        self._busy = True
        self.submit_btn.setEnabled(False)
        self._say("review.submitting", role="warning")
        offline = platform_offline(self.core)
        session_id = session.id
        self.work(
            lambda: svc.save(draft, offline=offline),
            lambda r: self._saved(session_id, draft, r),
            lambda _exc: self._saved(session_id, draft, ApplyResult(ApplyOutcome.NOT_SAVED)),
        )

    def _saved(self, session_id, draft, result: ApplyResult) -> None:  # type: ignore[no-untyped-def]
        self._busy = False
        session = self.core.sessions.current
        if session.id != session_id:
            return  # the citizen left; the application is safe in the outbox anyway
        if result.outcome is ApplyOutcome.SAVED:
            session.tracking_number = result.tracking_number
            hand_over(session_id, draft, result)
            self.status.hide()
            self.goto(self.core.next())
            return
        self.submit_btn.setEnabled(True)
        self._say(
            {
                ApplyOutcome.INCOMPLETE: "review.incomplete",
                ApplyOutcome.STORAGE_FULL: "review.storage_full",
            }.get(result.outcome, "review.not_saved")
        )
