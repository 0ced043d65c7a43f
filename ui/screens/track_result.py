"""Track result: the status timeline, fresh from the platform or the last one known here."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from kiosk.catalog import AppointmentDepartment
from kiosk.events import Device, DeviceStatusChanged, Event, Health
from kiosk.flow import Screen
from kiosk.printing import PrintResult
from kiosk.receipts.strings import fmt_date
from kiosk.services.apply import add_working_days
from kiosk.services.citizen import CitizenServices
from kiosk.services.track import StatusSource, StatusView
from kiosk.tracking import TrackingNumber, parse_tracking_number, shown_tracking_number
from ui.layout_items import add_layout, entries
from ui.screens.apply_common import message_label
from ui.screens.service_base import ServiceScreen, print_message_key, printer_is_back
from ui.widgets.pager import PagedGrid

# Where a long note may be cut into pages: after a full stop (in Chinese the mark
# itself ends the sentence; in English the space after it).
SENTENCE_END = re.compile(r"(?<=。)|(?<=[.!?])\s+")

STALE_POLL_MS = 2000  # how often such an answer is asked again once online

# Answers given without the platform (offline, or still in this kiosk's outbox): asked
# again by themselves when the link comes back or the outbox moves (try-out 6, 6).
NOT_FROM_PLATFORM = (
    StatusSource.LOCAL,
    StatusSource.CACHE,
    StatusSource.SUBMITTED,
    StatusSource.UNAVAILABLE,
)
# Answers that are what the kiosk last heard, not what the platform says now.
LAST_KNOWN = (StatusSource.CACHE, StatusSource.SUBMITTED)
# Answers that proved nothing about the number's owner: no receipt of it is offered.
UNPROVED = (StatusSource.NOT_FOUND, StatusSource.THROTTLED)


# Every outcome the print line may say (its room is kept for the longest).
PRINT_KEYS = (
    "svc.print.printing",
    "svc.print.ok",
    "svc.print.failed",
    "svc.print.paper_out",
    "svc.print.unconfirmed",
    "svc.print.printer_back",
)


# A booking (kind appointment) in the words of its state: what the citizen does next.
BOOKING_NOTES = {
    "expired": "result.booking.expired",
    "pending": "result.booking.pending",
    "refused": "result.booking.refused",
}

# A complaint's own number (try-out 8, C19): where it stands, as this kiosk knows it
# when the platform cannot be asked.
COMPLAINT_NOTES = {
    "queued": "result.complaint.local",
    "undelivered": "result.complaint.undelivered",
}

# What the page is, once the answer says what the number is (spoken, and the window's
# title): until then result.title, true of all three.
KIND_TITLES = {"appointment": "result.title.booking", "complaint": "result.title.complaint"}

Found = tuple[StatusView, AppointmentDepartment | None]


def look_up(
    services: CitizenServices,
    tracking: TrackingNumber,
    receipt: str | None,
    last4: str | None,
) -> Found:
    """The status, and for a booking its counter (blocking: network, disk)."""
    view = services.track.fetch_status(tracking, receipt_code=receipt, id_last4=last4)
    booking = view.booking
    if booking is None:
        return view, None
    deps = services.appointments.departments()
    return view, next((d for d in deps if d.id == booking.department_id), None)


def age_text(age: dt.timedelta) -> tuple[str, int]:
    """The age as (message key, number): minutes under two hours, then hours, then days."""
    minutes = int(age.total_seconds() // 60)
    if minutes < 120:
        return "result.age.minutes", max(1, minutes)
    if minutes < 48 * 60:
        return "result.age.hours", minutes // 60
    return "result.age.days", minutes // (24 * 60)


class TrackResultScreen(ServiceScreen):
    """Where the application stands, what comes next, and a printed slip on request."""

    screen_id = Screen.TRACK_RESULT
    title_key = "result.title"
    prompt_key = "result.title"

    def build(self) -> None:
        """Number and service; status and note beside the progress pages; actions.

        No scrolling part: on a landscape panel the status sits left of the progress
        list, which is cut into pages (第 1/2 页) rather than run below the fold; the
        print outcome shares the reprint button's row, so nothing moves when it comes.
        Where the two columns cannot hold their texts whole (1280x800 in 长辈模式 at a
        large text size), the status, its note and the service become the first pages
        of one list across the width (see _arrange): every text whole, a tap away.
        """
        tokens = self.ctx.tokens()
        top = QHBoxLayout()
        top.setSpacing(tokens.gap())
        # It wraps after the colon on a narrow panel at a large text size (never inside the
        # number: no line break is allowed around its hyphens), so it never widens the window.
        # Facts, in the type 长辈模式 gives facts (the headings grew for questions, #14:
        # at 1280x800 字号 4/4 they left a note no room).
        self.number = self.text_label("fact", "result_number")
        top.addWidget(self.number)
        self.service = self.text_label("muted", "result_service")
        self.service.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.service, 1)
        add_layout(self.root, top)
        self.top = top
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(tokens.px(32))
        add_layout(self.root, self.columns, 1)
        # The status column, in a box of its own: hidden when its texts are pages.
        self.body_box = QWidget()
        self.body_box.setObjectName("result_status_column")
        body = self.body = QVBoxLayout(self.body_box)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(tokens.gap())
        self.columns.addWidget(self.body_box, 1)
        self.current = self.text_label("fact", "result_status")
        body.addWidget(self.current)
        self.note = self.text_label("warning", "result_note")
        body.addWidget(self.note)
        body.addStretch(1)
        # What _render decided to show; where it shows is _arrange's choice.
        self._show_status = self._show_note = self._show_service = self._show_print = False
        self._print_said = ""
        self._paged_texts = False  # the status, note and service are the list's first pages
        progress = QVBoxLayout()
        progress.setSpacing(tokens.gap())
        add_layout(self.columns, progress, 1)
        self.steps_heading = self.label("result.steps", role="muted")
        progress.addWidget(self.steps_heading)
        # The progress list as pages that fit, never below the fold. Its lines are text,
        # not targets: a row needs only its text's height.
        self.steps = PagedGrid(tokens, "steps", columns=1, lang=self.lang, min_row_mm=8)
        progress.addWidget(self.steps, 1)
        self._step_labels: list[QLabel] = []
        self._step_items: list[QWidget] = []
        self._room_for_heading = True
        self._has_steps = False
        # The step the application stands at (the latest done): where the list opens,
        # until the citizen turns a page. Opened on the oldest, 当前状态：已办结 stood
        # beside ✓ 已收件 alone at 长辈模式 4/4 (try-out 20, C6).
        self._now_item: QWidget | None = None
        self._turned = False  # the citizen turned a page since this answer came
        self._print_new = False  # a print outcome came since the citizen last turned
        for turn in (self.steps.prev, self.steps.next):
            if turn is not None:
                turn.clicked.connect(self._citizen_turned)
        self.reprint_btn = self.button("result.reprint", self._reprint)
        self.reprint_btn.setObjectName("btn_reprint_receipt_open")
        self.reprint_btn.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        # Its room is kept while hidden: 打印进度 must not shift the page under the finger.
        # A body line has no frame to pad: the room of one line (lines=0 adds none).
        self.print_state = message_label("result_print_state", role="body", lines=0)
        extra = self.extra = QHBoxLayout()  # its own row: four buttons fill 1024 px in 长辈模式
        extra.setSpacing(tokens.gap())
        extra.addWidget(self.reprint_btn)
        extra.addWidget(self.print_state, 1)
        extra.addStretch(0)
        add_layout(self.root, extra)
        # The list's page buttons, under it; in this row when the texts are pages (a short
        # panel has no height for a row of their own: see _place).
        nav = entries(self.steps.layout())[1:2]  # read without keeping its item's wrapper
        self._nav = nav[0] if nav and isinstance(nav[0], QLayout) else None
        # One row when the buttons fit it, else two (a narrow panel at a large text size):
        # a button is never squeezed below its text.
        self.actions = QGridLayout()
        self.actions.setSpacing(tokens.gap())
        self._action_cols = 0
        self.again_btn = self.button("result.again", self._again)
        self.again_btn.setObjectName("btn_track_again")
        self.retry_btn = self.button("result.retry", self._fetch)
        self.retry_btn.setObjectName("btn_track_retry")
        # Nothing matched the number and the ID's last 4 typed: asking again with the same
        # 4 found nothing again, and 查询其他编号 dropped the number too (try-out 17, C2).
        # In 重新查询's place then (a new application's few minutes: the same 4 again).
        self.retype_btn = self.button("result.retype_last4", self._retype_last4)
        self.retype_btn.setObjectName("btn_track_retype_last4")
        self.print_btn = self.button("result.print", self._print)
        self.print_btn.setObjectName("btn_print_slip")
        self.done_btn = self.button("svc.done", self._done, role="primary")
        self.done_btn.setObjectName("btn_done")
        self._place_actions(4)
        add_layout(self.root, self.actions)
        self.view: StatusView | None = None
        self._dept: AppointmentDepartment | None = None  # a booking's counter
        self._loading = False
        self._refreshing = False  # a quiet look-up again is under way (see _refresh)
        self._stale_poll = QTimer(self)
        self._stale_poll.setInterval(STALE_POLL_MS)
        self._stale_poll.timeout.connect(self._look_again)
        self._failed = False
        self._print_key = ""

    def _place_actions(self, cols: int) -> None:
        if cols == self._action_cols:
            return
        self._action_cols = cols
        buttons = (self.again_btn, self.retry_btn, self.print_btn, self.done_btn)
        for b in (*buttons, self.retype_btn):
            self.actions.removeWidget(b)
        for i, b in enumerate(buttons):
            self.actions.addWidget(b, i // cols, i % cols)
        # In 重新查询's place: the two are never shown together.
        self.actions.addWidget(self.retype_btn, 1 // cols, 1 % cols)

    def _fit_actions(self) -> None:
        buttons = (self.again_btn, self.retry_btn, self.retype_btn, self.print_btn, self.done_btn)
        shown = [b for b in buttons if not b.isHidden()]
        m = self.root.contentsMargins()
        need = sum(b.sizeHint().width() for b in shown) + self.actions.spacing() * len(shown)
        self._place_actions(4 if need <= self.width() - m.left() - m.right() else 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Status beside the progress on a landscape panel, above it in portrait."""
        self._fit_actions()
        wide = self.width() > self.height()
        self.columns.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        # On a short panel the list's own page count (1/4) names it: its line goes, so
        # a whole step fits a page.
        self._room_for_heading = self.height() >= self.ctx.tokens().px(700)
        super().resizeEvent(event)
        self._arrange()

    def showEvent(self, event: QShowEvent) -> None:
        """Laid out at its real size only once shown: the texts' places are chosen again."""
        super().showEvent(event)
        self._arrange()

    # --- lifecycle ------------------------------------------------------------------

    def enter(self) -> None:
        """Look the number up (off the GUI thread), unless this number is already shown."""
        self._check_receipt()  # again when back: its first paper may have printed since
        if self.view is not None and self.view.tracking_number == self._number():
            self._render()  # back from call staff or a language switch: "check again" refreshes
            return
        self.view = None
        self._print_key = ""
        self._fetch()

    def leave(self) -> None:
        """Back to the track screen: the next number is looked up afresh."""
        if self.core.screen() in (Screen.TRACK, Screen.HOME):
            self.view = None
            self.cancel_requests()

    def retranslate(self) -> None:
        """Texts in the current language."""
        super().retranslate()
        if hasattr(self, "print_state"):
            self._render()

    def _number(self) -> str:
        return self.core.sessions.current.tracking_number or ""

    def _fetch(self) -> None:
        services = self.services
        tracking = parse_tracking_number(self._number())
        self._loading, self._failed = True, False
        self._render()
        if services is None or tracking is None:
            self._loading, self._failed = False, True
            self._render()
            return
        session = self.core.sessions.current
        receipt, last4 = session.tracking_receipt, session.tracking_id_last4
        self.run(lambda: look_up(services, tracking, receipt, last4), self._got, self._error)

    def _check_receipt(self) -> None:
        """Whether its receipt came out here (the disk, apart from the platform's answer):
        补打回执 for a copy, 打印回执 where none did (try-out 20, T1 follow-up)."""
        printing, tn = self.core.backend.printing, self._number()
        self.work(lambda: printing.receipt_copy_next(tn), lambda c: self._receipt_copy(tn, c))

    def _receipt_copy(self, tn: str, copy: bool) -> None:
        session = self.core.sessions.current
        if session.tracking_number != tn:
            return  # another number since
        session.tracking_receipt_copy = copy  # the reprint page's title and button too
        self.rekey(self.reprint_btn, "result.reprint" if copy else "result.print_receipt")

    def _got(self, found: Found) -> None:
        view, self._dept = found
        self.view, self._loading = view, False
        self._turned = False  # a new answer opens where it stands now
        if view.source in NOT_FROM_PLATFORM:
            self._stale_poll.start()
        else:
            self._stale_poll.stop()
        self._render()
        kind_title = self._kind_title(view)
        self.speak(
            self.t(kind_title) if kind_title != self.prompt_key else "",
            self.current.text() if self._show_status else "",
            self.note.text() if self._show_note else "",
        )

    def _kind_title(self, view: StatusView | None) -> str:
        """The page's name for what the answer says the number is (try-out 8: a booking
        was still called 办理进度)."""
        if view is None or not (view.has_status or view.is_booking or view.is_complaint):
            return "result.title"
        return KIND_TITLES.get(view.kind, "result.title.application")

    def _title_for(self, view: StatusView | None) -> None:
        # The window's title follows the answer, as the spoken words do.
        self.title_key = self._kind_title(view)
        window = self.window()
        if window is not None and window is not self and self.isVisible():
            window.setWindowTitle(self.t(self.title_key))

    def _error(self) -> None:
        self._loading, self._failed = False, True
        self._render()

    # --- rendering ------------------------------------------------------------------

    def status_name(self, code: str) -> str:
        """A status code in the citizen's words (a complaint's in its own)."""
        key = f"result.status.{code}"
        if self.view is not None and self.view.is_complaint:
            key = f"result.complaint.status.{code}"
        text = self.t(key)
        return self.t("result.status.unknown") if text == key else text

    def _service_name(self) -> str:
        sid = self.view.service_id if self.view else None
        service = self.core.catalog.by_id(sid) if sid else None
        return service.name.get(self.lang) if service else ""

    def _render(self) -> None:
        self._detach()  # the screen's own labels out of the list before its steps go
        self._step_labels = []
        self._step_items = []
        self._now_item = None
        self.steps.set_language(self.lang)
        view = self.view
        has_status = view is not None and view.has_status
        booking = view is not None and view.is_booking
        complaint = view is not None and view.is_complaint
        self._title_for(None if self._loading else view)
        shown = shown_tracking_number(self._number())
        if view is None:
            # Application or booking: only the answer tells (see result.number.asked).
            self.number.setText(self.t("result.number.asked", n=shown))
        elif booking:
            self.number.setText(self.t("result.booking_number", n=shown))  # as its slip
        elif complaint:
            self.number.setText(self.t("result.complaint_number", n=shown))
        else:
            self.number.setText(self.t("result.number", n=shown))
        heading = "result.booking_steps" if booking else "result.steps"
        self.steps_heading.setText(self.t("result.complaint_steps" if complaint else heading))
        # A booking has its slip and no receipt: no 补打回执, no 进度单 of steps it has not.
        # A complaint has neither a receipt nor an application's steps (try-out 8, C19).
        # "This kiosk has no record of this number": it has no receipt of it to print.
        unknown_here = view is not None and view.source is StatusSource.UNAVAILABLE
        # Nothing matched (or too many tries): nothing proved the receipt is theirs, and
        # 补打回执 then said the ID's last 4 were 已核对 (try-out 17, C1).
        unmatched = view is not None and view.source in UNPROVED
        self.reprint_btn.setVisible(
            not booking and not complaint and not unknown_here and not unmatched
        )
        retype = (
            not self._loading
            and view is not None
            and view.source in (StatusSource.NOT_FOUND, StatusSource.UNAVAILABLE)
            and self._typed_last4()
        )
        self.retype_btn.setVisible(retype)
        self.print_btn.setVisible(
            has_status
            and view is not None
            and view.status != "queued"
            and not booking
            and not complaint
        )
        self.retry_btn.setVisible(
            not retype and not self._loading and (self._failed or not has_status)
        )
        self._fit_actions()
        self._has_steps = bool(view and view.steps)
        self._show_print = bool(self._print_key)
        self.print_state.setText(self.t_now(self._print_key) if self._print_key else "")
        if self._print_key != self._print_said:
            # A new print outcome: on pages it is the first one, turned to (see _arrange);
            # beside the columns it is in the reprint row, and the list stays.
            self._print_said = self._print_key
            self._print_new = bool(self._print_key)
        self.service.setText(self._service_name())
        self._show_service = bool(self.service.text())
        if self._loading or view is None:
            self.current.setText(self.t("result.loading") if self._loading else "")
            self._show_status = self._loading
            self.note.setText(self.t("result.error") if self._failed else "")
            self._show_note = self._failed
            self.steps.set_items([])  # the earlier number's steps go
            self._arrange()
            return
        self._show_status = has_status
        current = "result.booking_current" if booking else "result.current"
        current = "result.complaint_current" if complaint else current
        if view.source in LAST_KNOWN:
            # Offline, what the kiosk last heard: 当前状态 over it claimed it was now
            # (try-out 17, C5); the note under it says when it was heard.
            current = {
                "result.current": "result.last_known",
                "result.booking_current": "result.booking_last_known",
                "result.complaint_current": "result.complaint_last_known",
            }[current]
        if view.status is not None:
            self.current.setText(self.t(current, s=self.status_name(view.status)))
        note = self._source_note(view)
        pickup = self._pickup(view)
        self.note.setText(f"{note}\n{pickup}" if note and pickup else note or pickup)
        self._show_note = bool(self.note.text())
        if booking:
            self._booking_items(view)
            self._has_steps = bool(self._step_items)
            self.steps.set_items(self._step_items, keep_page=True)
            self._arrange()
            return
        expected = self._expected(view)
        for i, step in enumerate(view.steps):
            mark = "✓" if step.done else "○"
            when = f"  {step.at.astimezone():%Y-%m-%d %H:%M}" if step.at else ""
            pending = "" if step.done else f"  ({self.t('result.pending_step')})"
            if not step.done and step.status in ("completed", "followed_up") and expected:
                # The date the receipt (or the complaint page) promised, said again here.
                pending = f"  ({self.t('result.expected', d=fmt_date(expected, self.lang))})"
            text = f"{mark} {self.status_name(step.status)}{when}{pending}"
            # One item a step: the status in the kiosk's words, then the platform's own
            # note (its free text, in a label of its own) indented under it.
            item = QWidget()
            lines = QVBoxLayout(item)
            lines.setContentsMargins(0, 0, 0, 0)
            lines.setSpacing(0)
            w = self.text_label("body" if step.done else "muted", f"result_step_{i}")
            w.setText(text)
            lines.addWidget(w)
            note = step.note(self.lang)
            # A note that only repeats the status ("审核中" under "审核中") says nothing new.
            if note.strip().casefold() == self.status_name(step.status).strip().casefold():
                note = ""
            if note:
                n = self.text_label("body" if step.done else "muted", f"platform_note_{i}")
                n.setText(note)
                n.setIndent(self.ctx.tokens().px(32))
                lines.addWidget(n)
            self._step_labels.append(w)
            self._step_items.append(item)
            if step.done:
                self._now_item = item
        self.steps.set_items(self._step_items, keep_page=True)
        self._arrange()

    def _booking_items(self, view: StatusView) -> None:
        """A booking's counter and time, and what to do with it while it holds."""
        lines = []
        dept, booking = self._dept, view.booking
        if booking is not None:
            name = dept.name.get(self.lang) if dept is not None else booking.department_id
            lines.append(self.t("ticket.where", d=name))
            if booking.start is not None:
                day = fmt_date(booking.start.date(), self.lang)
                weekday = self.t(f"appt.weekday.{booking.start.weekday()}")
                end = f"-{booking.end:%H:%M}" if booking.end is not None else ""
                lines.append(self.t("ticket.when", t=f"{day} {weekday} {booking.start:%H:%M}{end}"))
        if view.status in ("booked", "pending"):
            lines.append(self.t("result.booking.come"))
        for i, text in enumerate(lines):
            w = self.text_label("body", f"result_booking_{i}")
            w.setText(text)
            self._step_labels.append(w)
            self._step_items.append(w)

    def _expected(self, view: StatusView) -> dt.date | None:
        """By when: a complaint's follow-up date (the platform's), or an application's
        预计办结 as its receipt worked it out (the service's working days from the day
        the platform received it); None when finished or not known."""
        if view.final:
            return None
        if view.is_complaint:
            return view.due
        service = self.core.catalog.by_id(view.service_id) if view.service_id else None
        received = next((s.at for s in view.steps if s.status == "received" and s.at), None)
        if service is None or received is None or service.time_limit_days <= 0:
            return None
        return add_working_days(received.astimezone().date(), service.time_limit_days)

    # --- where the texts go ---------------------------------------------------------

    def _own_texts(self) -> tuple[QLabel, ...]:
        return (self.service, self.current, self.note, self.print_state)

    def _shown_texts(self) -> list[QLabel]:
        """The status and its note, as far as _render shows them."""
        pairs = ((self.current, self._show_status), (self.note, self._show_note))
        return [w for w, shown in pairs if shown]

    def _detach(self) -> None:
        """The service, status and note out of the list (parked here, not destroyed)."""
        own = set(map(id, self._own_texts()))
        if any(id(w) in own for w in self.steps.items()):
            kept = [w for w in self.steps.items() if id(w) not in own]
            self.steps.set_items(kept, keep_page=True, park=self)

    def _place(self, paged: bool, split: bool = False) -> None:
        """The texts in their columns (the service beside the number), or as the list's
        first items across the width (the service first, when not beside the number)."""
        self._detach()
        self._paged_texts = paged
        beside = self._show_service and not (paged and not self._service_fits_beside())
        if beside and self.top.indexOf(self.service) < 0:
            self.top.addWidget(self.service, 1)
        elif not beside:
            self.top.removeWidget(self.service)
        self.service.setVisible(beside)
        self.service.setAlignment(
            (Qt.AlignmentFlag.AlignRight if beside else Qt.AlignmentFlag.AlignLeft)
            | Qt.AlignmentFlag.AlignVCenter
        )
        for row, w in enumerate((self.current, self.note)):
            if paged:
                self.body.removeWidget(w)
            elif self.body.indexOf(w) < 0:
                self.body.insertWidget(row, w)
        self.current.setVisible(self._show_status and not paged)
        self.note.setVisible(self._show_note and not paged)
        self.body_box.setVisible(not paged)
        self.steps_heading.setVisible(self._room_for_heading and self._has_steps and not paged)
        self._move_nav(paged)
        if paged:
            self.extra.removeWidget(self.print_state)
            first = [self.print_state] if self._show_print else []
            first += [self.service] if self._show_service and not beside else []
            texts: list[QWidget] = list(self._shown_texts())
            if split and self._show_note:
                texts.remove(self.note)
                texts += self._note_parts()
            self.steps.set_items([*first, *texts, *self._step_items], keep_page=True)
        else:
            self.steps.set_items(self._step_items, keep_page=True)  # a split note's parts go
            if self.extra.indexOf(self.print_state) < 0:
                self.extra.insertWidget(1, self.print_state, 1)
            self.print_state.setVisible(self._show_print)

    def _move_nav(self, paged: bool) -> None:
        """The list's page buttons in the reprint button's row when the texts are pages,
        else in the list's own row."""
        nav = self._nav
        pager = (self.steps.prev, self.steps.label, self.steps.next)
        if nav is None or (nav.indexOf(self.steps.prev) < 0) == paged:
            return
        source, target = (nav, self.extra) if paged else (self.extra, nav)
        for w in pager:
            source.removeWidget(w)
        at = self.extra.indexOf(self.reprint_btn) + 1 if paged else 0
        for i, w in enumerate(pager):
            target.insertWidget(at + i, w, 1 if w is self.steps.label else 0)

    def _print_room(self, width: int) -> int:
        """The height the longest print outcome needs at ``width`` (online or not)."""
        w = self.print_state
        w.ensurePolished()
        m = w.contentsMargins()
        box = QRect(0, 0, max(1, width - m.left() - m.right()), 100_000)
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
        texts = [self.t(k) for base in PRINT_KEYS for k in (base, f"{base}.offline")]
        texts = [t for t in texts if not t.startswith("svc.print.")]  # no such variant
        need = max(w.fontMetrics().boundingRect(box, flags, t).height() for t in texts)
        return need + m.top() + m.bottom()

    def _note_parts(self) -> list[QWidget]:
        """The note as one label a sentence (made afresh: the list owns and drops them)."""
        parts = [p for p in SENTENCE_END.split(self.note.text()) if p.strip()]
        labels: list[QWidget] = []
        for part in parts:
            w = self.text_label(str(self.note.property("role")), "result_note")
            w.setText(part.strip())
            labels.append(w)
        return labels

    def _service_fits_beside(self) -> bool:
        """The service's name on one line beside the number (else it wraps into a column)."""
        m = self.root.contentsMargins()
        room = self.width() - m.left() - m.right() - self.top.spacing()
        need = self.number.fontMetrics().horizontalAdvance(self.number.text())
        need += self.service.fontMetrics().horizontalAdvance(self.service.text())
        return need + self.ctx.tokens().px(8) <= room

    @staticmethod
    def _whole(w: QLabel) -> bool:
        """``w`` shows every line of its text in the room the layout gave it."""
        return w.isHidden() or w.heightForWidth(w.width()) <= w.height()

    def _arrange(self) -> None:
        """Two columns when each holds its texts whole, else the texts as pages.

        Always tried as columns first and measured as laid out, so the choice depends
        on the panel, the text size and the texts, never on the choice made before.
        """
        if not hasattr(self, "steps"):
            return
        page = self.steps.page()
        self._place(paged=False)
        self.print_state.setMinimumHeight(0)
        if self.isVisible() and self.width() > 0 and self.height() > 0:
            self.root.activate()  # the columns at their real sizes now
            if not self.print_btn.isHidden() or self._print_key:
                # Room for the longest print outcome from the start: when one comes,
                # nothing moves and the columns need not turn into pages.
                self.print_state.setMinimumHeight(self._print_room(self.print_state.width()))
                self.root.activate()
            width, gap = self.body_box.width(), self.body.spacing()
            texts = self._shown_texts()
            need = sum(w.heightForWidth(width) for w in texts) + gap * max(0, len(texts) - 1)
            fits = (
                need <= self.body_box.height()
                and not self.steps.overflows()
                and all(map(self._whole, (self.service, self.number, self.print_state)))
            )
            if not fits:
                self.print_state.setMinimumHeight(0)  # on the pages: a page of its own
                self._place(paged=True)
                self.root.activate()
                if self.steps.overflows() and self._show_note:
                    # A note taller than a page (没有查到… at 字号 4/4): a sentence or two
                    # a page, each whole, rather than one box cut at the page's foot.
                    self._place(paged=True, split=True)
                    self.root.activate()
                self.steps.relayout()  # the page text for its room in the buttons' row
        if not self._turned:
            page = self._landing()
        elif self._paged_texts and self._print_new:
            page = 0
        self.steps.show_page(page)

    def _landing(self) -> int:
        """The page a new answer opens on: where it stands now.

        As pages, the first (the print outcome, then 当前状态 lead it); as columns, the
        status is beside the list, which opens on the latest step done. The steps keep
        the order they happened in, so 第 N/M 页 and 上一页 (earlier) stay true.
        """
        now = self._now_item
        if self._paged_texts or now is None or now not in self.steps.items():
            return 0
        return self.steps.page_of(now)

    def _citizen_turned(self) -> None:
        # From now on the page the citizen chose is kept (a new size, the language).
        self._turned = True
        self._print_new = False

    def _pickup(self, view: StatusView) -> str:
        """What is still to do at a counter once the platform says 已办结 (try-out 16, C6:
        户籍证明 read 已办结 alone, where the receipt says the certificate is collected at
        the 派出所户籍窗口), or that it is posted: the way that applies, by the answers
        the platform gives with the status (领取方式; try-out 17, E6). None said where it
        depends on an answer not given (a platform that does not send them)."""
        if view.status != "completed" or view.is_booking or view.is_complaint:
            return ""
        service = self.core.catalog.by_id(view.service_id) if view.service_id else None
        pickup = service.pickup_for(view.answers) if service is not None else None
        if pickup is None:
            return ""
        key = "result.pickup" if pickup.at_counter else "result.delivery"
        return self.t(key, what=pickup.text.get(self.lang))

    def _source_note(self, view: StatusView) -> str:
        if view.is_booking and view.source is not StatusSource.CACHE:
            return self._booking_note(view)
        if view.is_complaint:
            return self._complaint_note(view)
        if view.source is StatusSource.UNAVAILABLE and self._online():
            # The bar says 网络正常 again: "the network is down" would be untrue; the
            # page asks again by itself (_look_again) and says so (try-out 8, C18).
            return self.t("result.unavailable_back")
        if view.source is StatusSource.CACHE and view.fetched_at is not None:
            age = view.age(self.core.clock()) or dt.timedelta(0)
            key, n = age_text(age)
            return self.t(
                "result.offline",
                t=f"{view.fetched_at.astimezone():%H:%M}",
                age=self.t(key, n=n),
            )
        if view.source is StatusSource.PLATFORM and view.fetched_at is not None:
            return ""
        if view.source is StatusSource.SUBMITTED and view.saved_here_at is not None:
            return self._delivered_note(view, view.saved_here_at.astimezone())
        if view.source is StatusSource.SUBMITTED and view.fetched_at is not None:
            at = view.fetched_at.astimezone()
            return self.t(
                "result.submitted",
                s=self.status_name(view.status or "received"),
                t=f"{at:%Y-%m-%d %H:%M}",  # as the timeline shows times
            )
        if view.source is StatusSource.UNAVAILABLE and self._typed_last4():
            # Nothing here matches the number and the ID's last 4 typed: "no record of this
            # number" was untrue for a number this kiosk issued, typed with a wrong ending
            # (try-out 18, C1); the same words whether or not it has one (a guess learns
            # nothing), and the 4 may be typed again.
            return self.t("result.unavailable_typed")
        return {
            StatusSource.LOCAL: self.t("result.local"),
            StatusSource.NOT_FOUND: self.t("result.not_found"),
            StatusSource.UNAVAILABLE: self.t("result.unavailable"),
            StatusSource.THROTTLED: self.t("result.throttled"),
        }.get(view.source, "")

    def _delivered_note(self, view: StatusView, saved: dt.datetime) -> str:
        """One of our own applications the platform said nothing of here: when it was
        saved here and, apart, when it reached the platform; the save time is never given
        as the platform's 已收件 time (try-out 20, C1: saved offline 10:04, received 10:05)."""
        when = f"{saved:%Y-%m-%d %H:%M}"  # as the timeline shows times
        if view.fetched_at is None:  # the outbox no longer knows when: only that it did
            return self.t("result.submitted_sent", saved=when)
        at = view.fetched_at.astimezone()
        delivered = f"{at:%H:%M}" if at.date() == saved.date() else f"{at:%Y-%m-%d %H:%M}"
        return self.t("result.submitted_delivered", saved=when, delivered=delivered)

    def _typed_last4(self) -> bool:
        """The lookup's proof was the ID's last 4, typed (not a receipt scanned)."""
        return self.core.sessions.current.tracking_id_last4 is not None

    def _online(self) -> bool:
        return self.core.health(Device.PLATFORM).health is Health.OK

    def _complaint_note(self, view: StatusView) -> str:
        key = COMPLAINT_NOTES.get(view.status or "")
        if view.source is StatusSource.LOCAL and key is not None:
            return self.t(key)
        if view.source is StatusSource.SUBMITTED and view.fetched_at is not None:
            at = view.fetched_at.astimezone()
            return self.t("result.complaint.submitted", t=f"{at:%Y-%m-%d %H:%M}")
        return ""

    def _booking_note(self, view: StatusView) -> str:
        key = BOOKING_NOTES.get(view.status or "")
        if key is not None:
            return self.t(key)
        if view.source is StatusSource.SUBMITTED and view.fetched_at is not None:
            at = view.fetched_at.astimezone()
            return self.t("result.booking.submitted", t=f"{at:%Y-%m-%d %H:%M}")
        return ""

    # --- actions --------------------------------------------------------------------

    def on_core_event(self, event: Event) -> None:
        """The printer is back after the slip failed: say so (the print button stays).
        The network is back while the page shows an answer given without the platform:
        ask again, quietly (the page stays until the answer)."""
        if self._says_network(event):
            self._render()  # its words follow the link at once (result.unavailable_back)
        if self._offline_answer_stale(event):
            self._refresh()
        if printer_is_back(event, self._print_key):
            self._print_key = "svc.print.printer_back"
            self._render()

    def _says_network(self, event: Event) -> bool:
        # "No record here, and the network is down / back": its words name the link.
        view = self.view
        return (
            view is not None
            and view.source is StatusSource.UNAVAILABLE
            and not self._loading
            and isinstance(event, DeviceStatusChanged)
            and event.device == Device.PLATFORM
        )

    def _offline_answer_stale(self, event: Event) -> bool:
        # The link is back (the bar says 网络正常) while the page shows an answer given
        # without the platform.
        view = self.view
        if view is None or self._loading or self._refreshing:
            return False
        return (
            view.source in NOT_FROM_PLATFORM
            and isinstance(event, DeviceStatusChanged)
            and event.device == Device.PLATFORM
            and event.health is Health.OK
        )

    def _look_again(self) -> None:
        # Every few seconds while an answer given without the platform is shown: once
        # online, the outbox delivers (待上传 → 已收件) with no event of its own.
        view = self.view
        if not self.isVisible() or view is None or view.source not in NOT_FROM_PLATFORM:
            self._stale_poll.stop()
            return
        online = self._online()
        if online and not self._loading and not self._refreshing:
            self._refresh()

    def _refresh(self) -> None:
        # Not through self.run: a slip being printed keeps its answer.
        services, tracking = self.services, parse_tracking_number(self._number())
        if services is None or tracking is None:
            return
        shown = self.view
        session = self.core.sessions.current
        receipt, last4 = session.tracking_receipt, session.tracking_id_last4
        self._refreshing = True

        def got(found: Found) -> None:
            if not isValid(self):
                return
            self._refreshing = False
            view = found[0]
            if shown is None or self.view is not shown or self._loading:
                return  # looked up again meanwhile (再查一次, or another number)
            if (view.source, view.status, view.steps) != (shown.source, shown.status, shown.steps):
                self._got(found)

        def failed(_exc: BaseException) -> None:
            if isValid(self):
                self._refreshing = False

        bridge = self.ctx.bridge
        self.core.run(
            lambda: look_up(services, tracking, receipt, last4),
            bridge.wrap(got),
            bridge.wrap(failed),
        )

    def _print(self) -> None:
        services, view = self.services, self.view
        if services is None or view is None:
            return
        lang, name = self.lang, self._service_name()
        names = {code: self.status_name(code) for code in {s.status for s in view.steps}}
        names[view.status or "unknown"] = self.status_name(view.status or "unknown")
        track = services.track
        self._print_key = "svc.print.printing"
        self.print_btn.setEnabled(False)
        self._render()
        self.run(
            lambda: track.print_slip(view, lang, name, lambda c: names.get(c, c)),
            self._printed,
            lambda: self._printed(None),
        )

    def _printed(self, result: PrintResult | None) -> None:
        self.print_btn.setEnabled(True)
        self._print_key = "svc.print.failed" if result is None else print_message_key(result)
        self._render()

    def _reprint(self) -> None:
        # The receipt itself, not a status slip: the citizen proves it is theirs first.
        self.goto(self.core.go(Screen.REPRINT))

    def _again(self) -> None:
        self.goto(self.core.back())

    def _retype_last4(self) -> None:
        """Back to the ID's last 4, the number kept (the track screen asks for them)."""
        session = self.core.sessions.current
        session.tracking_id_last4 = None
        session.tracking_retype_last4 = True
        self.goto(self.core.back())

    def _done(self) -> None:
        self.goto(self.core.next())
