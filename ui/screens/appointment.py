"""Appointment and queue ticket: one decision per step.

Counter → "take a number now" or "book a time" → day → time → confirm. The
ticket screen follows once the record is stored (durably, before anything prints).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalog import AppointmentDepartment, AppointmentSlot
from kiosk.events import Device, DeviceStatusChanged, Event, Health
from kiosk.flow import Screen
from kiosk.services.appointments import ExistingBooking, IssueResult
from kiosk.tracking import shown_tracking_number
from ui.layout_items import add_layout
from ui.screens.apply_common import (
    forget_identity,
    identified_text,
    message_label,
    printer_cannot_print,
    set_role,
)
from ui.screens.service_base import ServiceScreen
from ui.widgets.dialog_fit import fit_labels
from ui.widgets.fit_keys import heading_floor_px
from ui.widgets.pager import PagedGrid
from ui.widgets.tile import Tile


class Step(StrEnum):
    """Where the citizen is in the decision."""

    LOADING = "loading"
    DEPARTMENT = "department"
    MODE = "mode"
    DAY = "day"
    SLOT = "slot"
    CONFIRM = "confirm"
    WORKING = "working"


RECHECK_MS = 30_000  # how often the listed times are checked against the clock


class _Column(QWidget):
    """The confirmation's lines: a new size fits their type again."""

    def __init__(self, on_resize: Callable[[], None]) -> None:
        super().__init__()
        self._on_resize = on_resize

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the lines to the new room (a text step, a rotation)."""
        super().resizeEvent(event)
        self._on_resize()


@dataclass(frozen=True)
class _Carried:
    """Where a citizen stands in the decision, kept over a rebuild (text size, colours)."""

    step: Step
    departments: tuple[AppointmentDepartment, ...]
    dept: AppointmentDepartment | None
    day: dt.date | None
    slot: AppointmentSlot | None
    seats: dict[str, int] | None
    existing: ExistingBooking | None
    message_key: str


class AppointmentScreen(ServiceScreen):
    """Choose a counter, then a walk-in number or a booked time."""

    screen_id = Screen.APPOINTMENT
    title_key = "appt.title"
    prompt_key = "appt.choose_dept"

    def build(self) -> None:
        """Heading, message, a column of choices, and the step-back button."""
        self.heading = self.text_label("heading", "appt_heading")
        self.root.addWidget(self.heading)
        # Text, not choices: the confirmation's summary (in the pager's place) or, above
        # the days, the booking a citizen already has.
        self.summary_host = _Column(self._fit_summary)
        self.body = QVBoxLayout(self.summary_host)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(self.ctx.tokens().gap())
        self.summary_host.hide()
        self.root.addWidget(self.summary_host)
        # Counters, days and times are pages of tiles that fit, never a scrolled list.
        # The page buttons take room only when there are pages (a counter or a way to
        # choose is then never cut at a large text size); tiles start at the top either way.
        self.pager = PagedGrid(
            self.ctx.tokens(), "appt", columns=2, lang=self.lang, nav_width=self._nav_room
        )
        self.root.addWidget(self.pager, 1)
        # The page buttons share the bottom row (上一步 / 不是我, the message, 确认预约):
        # in a row of their own under the tiles they took the room of a row of times
        # and were drawn over a counter's 办公时间 line (长辈模式 at 字号 4/4 on 1280x800,
        # try-out 7, 17 and 23). Shown only while there are pages.
        page_buttons = (self.pager.prev, self.pager.label, self.pager.next)
        nav = self.pager.layout().takeAt(1)
        inner = nav.layout() if nav is not None else None
        for w in page_buttons:
            if inner is not None:
                inner.removeWidget(w)
            policy = w.sizePolicy()
            policy.setRetainSizeWhenHidden(False)
            w.setSizePolicy(policy)
        row = QHBoxLayout()
        self.step_back_btn = self.button("svc.step_back", self._step_back)
        self.step_back_btn.setObjectName("btn_step_back")
        # Beside who was identified, on the first step: the way to say it is someone else
        # (try-out 6, 16: an e-ID or a passport led straight on, no name shown). In the
        # step-back button's place, which the first step does not use.
        self.not_me_btn = self.button("identified.not_me", self._not_me)
        self.not_me_btn.setObjectName("btn_not_me")
        self.confirm_btn = self.button("appt.confirm", self._confirm, role="primary")
        self.confirm_btn.setObjectName("btn_confirm_booking")
        row.addWidget(self.step_back_btn)
        row.addWidget(self.not_me_btn)
        # The message between the two buttons, its room kept: nothing jumps, and the
        # pages above keep the height for a second row of times.
        self.message = message_label("appt_message", lines=1)
        row.addWidget(self.message, 1)
        for w in page_buttons:
            # 第 1/2 页 in the message's room while there is none (else it gives way).
            row.addWidget(w, 1 if w is self.pager.label else 0)
        row.addWidget(self.confirm_btn)
        add_layout(self.root, row)
        self._who_line: QLabel | None = None
        self.pager.laid_out.connect(self._fit_who)
        self.step = Step.LOADING
        self.departments: tuple[AppointmentDepartment, ...] = ()
        self.dept: AppointmentDepartment | None = None
        self.day: dt.date | None = None
        self.slot: AppointmentSlot | None = None
        self._seats: dict[str, int] | None = None
        # The platform answered the times' places with "cannot be asked now" (offline).
        self._seats_unknown = False
        self._message_key = ""
        self._message_args: dict[str, str] = {}
        self._existing: ExistingBooking | None = None  # shown when a second booking is refused
        self._listed: tuple[AppointmentSlot, ...] = ()
        # Times pass while a citizen decides: list again when a listed time stops being
        # bookable, rather than refusing it at the confirm tap.
        self._recheck = QTimer(self)
        self._recheck.setInterval(RECHECK_MS)
        self._recheck.timeout.connect(self._recheck_slots)

    def _nav_room(self) -> int:
        """The width the page buttons have in the bottom row, beside the screen's own."""
        m = self.root.contentsMargins()
        room = self.width() - m.left() - m.right()
        for b in (getattr(self, n, None) for n in ("step_back_btn", "not_me_btn", "confirm_btn")):
            if b is not None and not b.isHidden():
                room -= b.sizeHint().width() + self.root.spacing()
        return room

    # --- lifecycle ------------------------------------------------------------------

    def enter(self) -> None:
        """Start at the first decision; load the counters off the GUI thread."""
        services = self.services
        if services is None:
            self.departments = ()
            self._show(Step.DEPARTMENT, "svc.unavailable")
            return
        session_id = self.core.sessions.current.id
        issued = services.appointments.last_ticket(session_id) is not None
        self._recheck.start()
        again = services.appointments.rebooking(session_id)
        if again is not None and again.slot is not None:
            # Rebooking a refused booking: the same counter's times that day, another one.
            self.dept, self.day, self.slot, self._existing = again.department, None, None, None
            if not self.departments:
                self.departments = (again.department,)
            self._pick_day(again.slot.start.date(), "appt.rebook")
            return
        if self.departments and not issued and self.step is not Step.WORKING:
            # Re-entered mid-decision (call staff, language): keep the place, with the
            # times listed again for now; a chosen time that has passed is not kept.
            passed = self.slot is not None and not services.appointments.bookable(self.slot)
            if self.step is Step.CONFIRM and passed:
                self.slot = None
                self._show(Step.SLOT, "appt.refused.slot_passed")
                return
            self._render()
            return
        self.dept, self.day, self.slot = None, None, None
        self._message_key = ""
        self._existing = None
        if self.departments:
            self._show(Step.DEPARTMENT)
            return
        self._show(Step.LOADING)
        self.run(services.appointments.departments, self._loaded, self._load_failed)

    def carry(self) -> object | None:
        """The step and what was chosen on the way to it, with the message shown.

        Try-out 7, E-i: a citizen who cannot read the confirmation taps 字号 (or 高对比,
        长辈模式) on it; the rebuilt screen sent them back to the list of counters.
        """
        if self.step in (Step.LOADING, Step.WORKING) or not self.departments:
            return None  # a worker's answer is awaited: the new screen asks again
        return _Carried(
            self.step,
            self.departments,
            self.dept,
            self.day,
            self.slot,
            self._seats,
            self._existing,
            self._message_key,
        )

    def restore(self, state: object) -> None:
        """The same step, choices and message on the screen rebuilt in a new size."""
        if not isinstance(state, _Carried) or self.step is Step.WORKING:
            return
        self.cancel_requests()  # the counters this screen's entry asked for are known
        self.departments, self.dept, self.day = state.departments, state.dept, state.day
        self.slot, self._seats, self._existing = state.slot, state.seats, state.existing
        self._show(state.step, state.message_key)
        if self._seats is None and state.step in (Step.SLOT, Step.CONFIRM):
            self._ask_seats()

    def leave(self) -> None:
        """Stop checking the listed times."""
        self._recheck.stop()
        super().leave()

    def _recheck_slots(self) -> None:
        services = self.services
        if services is None or not self.isVisible():
            return
        appts = services.appointments
        if self.step is Step.CONFIRM and self.slot is not None and not appts.bookable(self.slot):
            self.slot = None
            self._show(Step.SLOT, "appt.refused.slot_passed")
        elif (
            self.step is Step.SLOT
            and self.dept
            and self.day
            and appts.open_slots(self.dept, self.day) != self._listed
        ):
            self._render()

    def retranslate(self) -> None:
        """Redraw the current step in the current language."""
        super().retranslate()
        if hasattr(self, "body"):
            self._render()

    def _loaded(self, departments: tuple[AppointmentDepartment, ...]) -> None:
        self.departments = departments
        self._show(Step.DEPARTMENT, "" if departments else "appt.no_departments")

    def _load_failed(self) -> None:
        self.departments = ()
        self._show(Step.DEPARTMENT, "appt.no_departments")

    # --- steps ----------------------------------------------------------------------

    def _show(self, step: Step, message_key: str = "") -> None:
        self.step = step
        self._message_key = message_key
        # "Closed now" names the counter's hours (only that message takes them).
        dept = self.dept
        self._message_args = (
            {"a": f"{dept.opens:%H:%M}", "b": f"{dept.closes:%H:%M}"}
            if dept is not None and message_key == "appt.refused.closed_now"
            else {}
        )
        self._render()

    def _columns(self) -> int:
        """Tiles a row: times four (three in portrait), other choices two (one)."""
        portrait = self.height() > self.width()
        if self.step is Step.SLOT:
            return 3 if portrait else 4
        return 1 if portrait else 2

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fewer columns on a portrait panel; who was identified fitted again."""
        self.pager.set_columns(self._columns())
        super().resizeEvent(event)
        self._fit_who(full=True)
        self._fit_seats_note()

    def _render(self) -> None:
        self.clear_layout(self.body)
        self._who_line = None
        self._tiles: list[QWidget] = []
        confirm = self.step is Step.CONFIRM
        who = identified_text(self) if self.step is Step.DEPARTMENT else ""
        text = confirm or (self.step is Step.DAY and self._existing is not None) or bool(who)
        # Hide before show: both at once could be taller than the window.
        if confirm:
            self.pager.hide()
        if not text:
            self.summary_host.hide()
        self.summary_host.setVisible(text)
        self.pager.setVisible(not confirm)
        # The summary takes the pager's room when that is hidden: the heading and it stay
        # at the top, read in one glance, not spread over the page (try-out 4, item 12h).
        self.root.setStretchFactor(self.summary_host, 1 if confirm else 0)
        self.pager.set_columns(self._columns())
        self.pager.set_language(self.lang)
        self.message.setVisible(bool(self._message_key))
        self.message.setText(
            self.t(self._message_key, **self._message_args) if self._message_key else ""
        )
        # Offline every time is listed as if free: said where the times are chosen, in
        # the message's kept room (try-out 13, C4; the confirmation said it, too late).
        role = "warning" if self._seats_note_due() else "error"  # a caution, not a refusal
        if self.message.property("role") != role:
            set_role(self.message, role)
        self._fit_seats_note()
        back = self.step in (Step.MODE, Step.DAY, Step.SLOT, Step.CONFIRM)
        if back:
            # Named by where it leads, unlike the top bar's 返回 that leaves the screen.
            self.step_back_btn.setText(self.t(f"appt.back.{self.step.value}"))
        self.step_back_btn.setVisible(back)
        self.not_me_btn.setVisible(bool(who))
        self.confirm_btn.setVisible(self.step is Step.CONFIRM)
        services = self.services
        appts = services.appointments if services is not None else None
        if self.step in (Step.LOADING, Step.WORKING):
            key = "common.loading" if self.step is Step.LOADING else "appt.working"
            self.heading.setText(self.t(key))
        elif self.step is Step.DEPARTMENT:
            self.heading.setText(self.t("appt.choose_dept"))
            if who:
                line = self.text_label("body", "appt_identified")
                line.setText(who)
                self.body.addWidget(line)
                self._who_line = line
            for d in self._ordered_departments():
                hours = self.t("appt.hours", a=f"{d.opens:%H:%M}", b=f"{d.closes:%H:%M}")
                self._tile(f"dept_{d.id}", d.name.get(self.lang), hours, self._pick_dept, d)
        elif self.step is Step.MODE and self.dept is not None and appts is not None:
            self.heading.setText(self.t("appt.choose_mode", d=self.dept.name.get(self.lang)))
            open_now = appts.can_queue_now(self.dept)
            sub = self.t("appt.queue_now.sub") if open_now else self.t("appt.queue_closed")
            book_sub = self.t("appt.book.sub")
            if printer_cannot_print(self.core):
                # Said on the choice, before a number is taken: no slip can come now.
                no_slip = self.t("appt.no_slip")
                sub, book_sub = (
                    f"{sub}{self.t('appt.sep')}{no_slip}",
                    f"{book_sub}{self.t('appt.sep')}{no_slip}",
                )
            # Not greyed out (hard to read): a tap outside hours explains and offers booking.
            self._tile("mode_queue", self.t("appt.queue_now"), sub, self._take_number)
            self._tile("mode_book", self.t("appt.book"), book_sub, self._to_days)
        elif self.step is Step.DAY and self.dept is not None and appts is not None:
            self.heading.setText(self.t("appt.choose_day"))
            days = appts.bookable_days(self.dept)
            if not days:
                self.message.setText(self.t("appt.no_days"))
                self.message.show()
            today = appts.local_now().date()
            existing = self._existing
            if existing is not None:
                mine = self.text_label("warning", "appt_existing")
                mine.setText(
                    self.t(
                        "appt.existing",
                        day=self._day_text(existing.start.date(), today),
                        slot=existing.slot_label,
                        n=shown_tracking_number(existing.number),
                    )
                )
                self.body.addWidget(mine)
            for day in days:
                self._tile(f"day_{day:%Y%m%d}", self._day_text(day, today), "", self._pick_day, day)
        elif self.step is Step.SLOT and self.dept and self.day and appts is not None:
            today = appts.local_now().date()
            self.heading.setText(self.t("appt.choose_slot", day=self._day_text(self.day, today)))
            self._listed = appts.open_slots(self.dept, self.day)
            self._slot_grid(self._listed)
        elif self.step is Step.CONFIRM and self.dept and self.slot is not None:
            self.heading.setText(self.t("appt.confirm_title"))
            today = self.slot.start.date() if appts is None else appts.local_now().date()
            summary = self.text_label("title", "appt_summary")
            summary.setText(
                self.t(
                    "appt.confirm_body",
                    d=self.dept.name.get(self.lang),
                    day=self._day_text(self.slot.start.date(), today),
                    slot=self.slot.label(),
                )
            )
            self.body.addWidget(summary)
            # Whose booking, masked, as the receipt and the slip name it (try-out 17, E7).
            identity = self.core.sessions.current.identity
            name = identity.masked_name() if identity is not None else ""
            if name:
                whose = self.text_label("body", "appt_applicant")
                whose.setText(self.t("appt.applicant", name=name))
                self.body.addWidget(whose)
            if printer_cannot_print(self.core):
                note = self.text_label("warning", "appt_no_slip")
                note.setText(self.t("appt.no_slip"))
                self.body.addWidget(note)
            if self._seats is None:
                # The platform could not be asked: say the booking is provisional up front.
                note = self.text_label("warning", "appt_unconfirmed")
                note.setText(self.t("appt.unconfirmed"))
                self.body.addWidget(note)
        # The lines start at the top, the room left goes below them. Not the layout's
        # AlignTop: that gives the lines the height they would take at their preferred
        # width, and a word-wrapped line that wraps once more at the page's width (the
        # time confirmed, 长辈模式 at 字号 4/4) was cut through (try-out 7, E-i).
        self.body.addStretch(1)
        self.pager.set_items(self._tiles)
        self._fit_summary()

    def _seats_note_due(self) -> bool:
        return self.step is Step.SLOT and self._seats_unknown and not self._message_key

    def _fit_seats_note(self) -> None:
        """The places-unknown note in the message's room: its whole words where they fit
        one line, else its short ones, else none (长辈模式 at 字号 4/4 on 1280x800 leaves
        the message ~150 px beside the page buttons; the confirmation says it anyway)."""
        if not self._seats_note_due():
            return
        room = self.message.contentsRect().width()
        fm = self.message.fontMetrics()
        shown = ""
        for key in ("appt.seats_unknown", "appt.seats_unknown.short"):
            if fm.horizontalAdvance(self.t(key)) <= room:
                shown = self.t(key)
                break
        self.message.setText(shown)
        self.message.setVisible(bool(shown))

    def _fit_who(self, full: bool = False) -> None:
        """Who was identified in smaller type (the mode's floor, still readable) where at
        the citizen's size it leaves the counters no room for one whole row of tiles:
        长辈模式 at 字号 4/4 on 1280x800, "已识别（部分隐去）：王*明 · 居民身份证（已从证件芯片读
        取）" took two lines and the tiles under it were cut at their foot (try-out 11,
        E12). ``full``: at the citizen's size again (a new panel size), to be tried anew
        as the pages are laid out; it only ever gets smaller after, so nothing swings."""
        line = getattr(self, "_who_line", None)
        if line is None:
            return
        t = self.ctx.tokens()
        small = not full and line.styleSheet() == "" and self.pager.overflows()
        if not (full or small):
            return
        sheet = f"font-size: {heading_floor_px(t)}px;" if small else ""
        if line.styleSheet() != sheet:
            line.setStyleSheet(sheet)
            line.updateGeometry()

    def _fit_summary(self) -> None:
        """The confirmation's lines in smaller type, down to a floor, where they would not
        fit their room whole at the citizen's size (try-out 7, E-i: 长辈模式 at 字号 4/4 on
        1280x800 with the printer out and the platform unreachable: three notes)."""
        host = self.summary_host
        if self.step is not Step.CONFIRM or host.width() <= 0 or host.height() <= 0:
            return
        t = self.ctx.tokens()
        px = {"title": t.px(t.title_px), "warning": t.px(t.body_px)}
        # The lines in the body (just added, they are shown once the event loop turns).
        # Found as the body's children, not through its layout's items: a Python wrapper
        # of a layout item outlives the item when Qt deletes it with the screen.
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        labels = [
            (w, px[str(w.property("role"))])
            for w in host.findChildren(QLabel, options=direct)
            if self.body.indexOf(w) >= 0 and str(w.property("role")) in px
        ]
        for w, _px in labels:
            w.ensurePolished()  # measured with its role's padding and frame, as drawn
        gaps = self.body.spacing() * max(0, len(labels) - 1)
        # Down to the mode's floor, not a share of the citizen's size: the time confirmed
        # and what is true of it are read whole, at the least readable size if need be.
        floor = heading_floor_px(t)
        fit_labels(labels, host.height() - gaps, host.width(), floor, floor_ratio=0.0)

    def on_core_event(self, event: Event) -> None:
        """The printer's state changed: the choices say again whether a slip can come.
        The network is back while the times or the confirmation say the platform cannot
        be asked: ask it now (try-out 6, 6: offline notes stayed once back online)."""
        if (
            isinstance(event, DeviceStatusChanged)
            and event.device == Device.PLATFORM
            and event.health is Health.OK
            and self.step in (Step.SLOT, Step.CONFIRM)
            and self._seats is None
        ):
            self._ask_seats()
        if (
            isinstance(event, DeviceStatusChanged)
            and event.device == Device.PRINTER
            and self.step in (Step.MODE, Step.CONFIRM)
        ):
            self.ctx.before_change()  # the tiles are made again in their places
            self._render()

    def _ordered_departments(self) -> list[AppointmentDepartment]:
        """The chosen service's own counter first (its guide's 预约取号), then the rest."""
        sid = self.core.sessions.current.service_id
        service = self.core.catalog.by_id(sid) if sid else None
        own = service.counter if service is not None else ""
        return sorted(self.departments, key=lambda d: d.id != own)

    def _tile(self, name: str, title: str, sub: str, on_click: object, arg: object = None) -> Tile:
        tile = Tile(compact=not sub)
        tile.setObjectName(name)
        tile.set_texts(title, sub)
        if sub:
            tile.sub.show()
        tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        if arg is None:
            tile.clicked.connect(lambda _=False: on_click())  # type: ignore[operator]
        else:
            tile.clicked.connect(lambda _=False, a=arg: on_click(a))  # type: ignore[operator]
        self._tiles.append(tile)
        return tile

    def _slot_grid(self, slots: tuple[AppointmentSlot, ...]) -> None:
        """Times side by side, as pages: a day has up to twenty."""
        seats = self._seats or {}
        for slot in slots:
            full = seats.get(slot.start.isoformat(timespec="minutes"), 1) <= 0
            # Full slots stay readable (not greyed out); a tap explains.
            text = f"{slot.label()} {self.t('appt.full')}" if full else slot.label()
            b = QPushButton(text)
            b.setObjectName(f"slot_{slot.start:%H%M}")
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            if full:
                b.clicked.connect(lambda _=False: self._show(Step.SLOT, "appt.slot_full"))
            else:
                b.clicked.connect(lambda _=False, x=slot: self._pick_slot(x))
            self._tiles.append(b)

    def _day_text(self, day: dt.date, today: dt.date) -> str:
        weekday = self.t(f"appt.weekday.{day.weekday()}")
        date = f"{day.month}月{day.day}日" if self.lang == "zh" else f"{day:%d %b}"
        prefix = f"{self.t('appt.today')} · " if day == today else ""
        return f"{prefix}{date} {weekday}"

    # --- choices --------------------------------------------------------------------

    def _pick_dept(self, dept: AppointmentDepartment) -> None:
        self.dept = dept
        self._existing = None
        self._show(Step.MODE)

    def _to_days(self) -> None:
        self._show(Step.DAY)

    def _pick_day(self, day: dt.date, message_key: str = "") -> None:
        self.day = day
        self._seats = None
        self._seats_unknown = False
        self._show(Step.SLOT, message_key)
        self._ask_seats()

    def _ask_seats(self) -> None:
        services, dept, day = self.services, self.dept, self.day
        if services is not None and dept is not None and day is not None:
            appts = services.appointments
            self.run(lambda: appts.remaining_seats(dept, day), self._got_seats, lambda: None)

    def _got_seats(self, seats: object) -> None:
        if self.step not in (Step.SLOT, Step.CONFIRM):
            return
        if isinstance(seats, dict):
            self._seats, self._seats_unknown = seats, False
            self._render()
        elif seats is None and not self._seats_unknown and self._seats is None:
            self._seats_unknown = True  # the platform cannot be asked now
            self._render()
            # Measured again once the row is laid out for this step (its page buttons).
            QTimer.singleShot(0, self, self._fit_seats_note)

    def _pick_slot(self, slot: AppointmentSlot) -> None:
        self.slot = slot
        self._show(Step.CONFIRM)

    def _not_me(self) -> None:
        forget_identity(self)

    def _step_back(self) -> None:
        previous = {
            Step.MODE: Step.DEPARTMENT,
            Step.DAY: Step.MODE,
            Step.SLOT: Step.DAY,
            Step.CONFIRM: Step.SLOT,
        }
        self._show(previous.get(self.step, Step.DEPARTMENT))

    # --- issuing --------------------------------------------------------------------

    def _take_number(self) -> None:
        services, dept = self.services, self.dept
        if services is None or dept is None:
            return
        if not services.appointments.can_queue_now(dept):
            self._show(Step.MODE, "appt.refused.closed_now")
            return
        session = self.core.sessions.current
        sid, identity = session.service_id, session.identity
        appts = services.appointments
        self._show(Step.WORKING)
        # With the identity: a person who already holds a number here today gets it back.
        self.run(lambda: appts.take_queue_ticket(dept, sid, identity), self._issued, self._failed)

    def _confirm(self) -> None:
        services, dept, slot = self.services, self.dept, self.slot
        if services is None or dept is None or slot is None:
            return
        session = self.core.sessions.current
        identity, sid = session.identity, session.service_id
        appts = services.appointments
        self._show(Step.WORKING)
        self.run(lambda: appts.book(dept, slot, identity, sid), self._issued, self._failed)

    def _issued(self, result: IssueResult) -> None:
        services = self.services
        if result.existing is not None:
            # Calm: the booking the citizen already has, and nothing new stored.
            self._existing = result.existing
            self.slot = None
            self._show(Step.DAY, "appt.refused.already_booked")
            return
        if result.ticket is None or services is None:
            back = Step.MODE if self.slot is None else Step.SLOT
            self._show(back, f"appt.refused.{result.refusal}" if result.refusal else "common.error")
            return
        services.appointments.remember(self.core.sessions.current.id, result.ticket)
        self.goto(self.core.next())

    def _failed(self) -> None:
        self._show(Step.CONFIRM if self.slot is not None else Step.MODE, "common.error")
