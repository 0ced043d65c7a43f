"""Ticket: the big number, whether the slip printed, and what happens next."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QVBoxLayout
from shiboken6 import isValid

from kiosk.events import (
    Device,
    DeviceStatusChanged,
    Event,
    Health,
)
from kiosk.flow import Screen
from kiosk.printing import PrintResult
from kiosk.receipts.strings import fmt_date
from kiosk.services.appointments import BookingState, IssuedTicket, QueuePosition, TicketKind
from kiosk.tracking import shown_tracking_number
from ui.layout_items import add_layout
from ui.screens.apply_common import (
    TAKEN_KEY,
    document_left,
    document_taken,
    message_label,
    printer_cannot_print,
    take_back_key,
)
from ui.screens.service_base import ServiceScreen, print_message_key, printer_is_back
from ui.widgets.pager import PagedGrid

BOOKING_POLL_MS = 1000  # how often a provisional booking's state is read again
KEPT_POLL_MS = 300  # a rebuilt screen looks this often for the print its predecessor started
# The platform refused the booking while its slip waited for the answer: no slip printed
# (one saying 待确认 would be false), and the screen says so beside the rebooking.
NO_SLIP = "ticket.appt.no_slip"


@dataclass
class _Kept:
    """What was done for the ticket on display, kept across screens: the window rebuilds
    its screens when a citizen changes 字号 or colours, and the new ticket screen must
    show the same answers, not print the slip a second time."""

    ticket: IssuedTicket | None = None
    position: QueuePosition | None = None
    print_key: str = ""
    provisional_slip: bool = False  # the booking's slip that came out says 待确认


_KEPT = _Kept()


def ticket_kind_is_booking(ticket: IssuedTicket | None) -> bool:
    """A booking's heading changes with its state (and is spoken again); a queue number's not."""
    return ticket is not None and ticket.kind is TicketKind.APPOINTMENT


def _ignore(_exc: BaseException) -> None:
    """A failed read leaves the booking shown as provisional (the truth as far as known)."""


class TicketScreen(ServiceScreen):
    """Shows the number as large as the screen allows; printing starts on arrival."""

    screen_id = Screen.TICKET
    title_key = "ticket.title"
    prompt_key = ""  # the screen reads out the number itself

    def build(self) -> None:
        """Heading; the number beside (or above) the details; actions and print state.

        No scrolling part: on a landscape panel the number stands left of the details,
        which come as pages that fit (第 1/2 页) rather than below the fold; the print
        outcome shares the buttons' row.
        """
        tokens = self.ctx.tokens()
        self.heading = self.text_label("heading", "ticket_heading")
        self.columns = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.columns.setSpacing(tokens.px(32))
        add_layout(self.root, self.columns, 1)
        left = QVBoxLayout()
        left.setSpacing(tokens.gap())
        left.addWidget(self.heading)  # in the number's column: the details get the height
        self.number = self.text_label("big", "ticket_number")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self.number)
        left.addStretch(1)
        add_layout(self.columns, left, 1)
        right = QVBoxLayout()
        right.setSpacing(tokens.gap())
        self._new_details()
        # Text, not targets: a row needs only its text's height.
        self.details = PagedGrid(
            tokens, "ticket_pager", lang=self.lang, min_row_mm=0, keep_nav_room=False
        )
        right.addWidget(self.details, 1)
        add_layout(self.columns, right, 1)
        row = QHBoxLayout()
        self.reprint_btn = self.button("ticket.reprint", self._print)
        self.reprint_btn.setObjectName("btn_reprint")
        self.rebook_btn = self.button("ticket.rebook", self._rebook, role="primary")
        self.rebook_btn.setObjectName("btn_rebook")
        self.done_btn = self.button("svc.done", self._done, role="primary")
        self.done_btn.setObjectName("btn_done")
        # The print outcome between the buttons, its room kept: nothing moves when it comes.
        self.print_state = message_label("ticket_print_state", role="warning", lines=0)
        # Once the platform confirms a booking whose slip said 待确认 (see _offer_confirmed).
        self.confirmed_btn = self.button(
            "ticket.print_confirmed", self._print_confirmed, role="primary"
        )
        self.confirmed_btn.setObjectName("btn_print_confirmed")
        self.confirmed_btn.hide()
        row.addWidget(self.reprint_btn)
        row.addWidget(self.confirmed_btn)
        row.addWidget(self.print_state, 1)
        row.addWidget(self.rebook_btn)
        row.addWidget(self.another_task_button())
        row.addWidget(self.done_btn)
        add_layout(self.root, row)
        self.ticket: IssuedTicket | None = None
        self._take_key = ""  # the reminder to take the document read, if one was
        self._print_key = ""
        self._provisional_slip = False  # the slip that came out says 待确认
        self._printed_for: IssuedTicket | None = None
        self._position: QueuePosition | None = None  # None: still asking the platform
        self._position_for: IssuedTicket | None = None
        self._booking = BookingState.PROVISIONAL
        self._refusal = ""  # the platform's reason when it refused the booking
        self._poll = QTimer(self)
        self._poll.setSingleShot(True)
        self._poll.setInterval(BOOKING_POLL_MS)
        self._poll.timeout.connect(self._read_booking)
        self._kept_poll = QTimer(self)
        self._kept_poll.setSingleShot(True)
        self._kept_poll.setInterval(KEPT_POLL_MS)
        self._kept_poll.timeout.connect(self._kept_print)

    def _new_details(self) -> None:
        # Made afresh for each rendering: the pager owns (and drops) the lines it is given.
        # First, where the ticket stands in the hall's queue (the platform's answer, or why
        # not known): always at the top of the first page.
        # Facts in bold, not headings: with 长辈模式's larger headings "No network: how many
        # people wait ahead is not known" no longer fitted a page at 字号 4/4 on 1280x800.
        self.ahead = self.text_label("fact", "ticket_ahead")
        self.where = self.text_label("fact", "ticket_where")
        self.reference = self.text_label("body", "ticket_reference")
        self.applicant = self.text_label("body", "ticket_applicant")
        self.next_steps = self.text_label("body", "ticket_next")
        self.take_card = self.text_label("warning", "ticket_take_card")
        # The slip in hand says 待确认 while the screen says 已确认 (see _offer_confirmed).
        self.slip_note = self.text_label("warning", "ticket_slip_note")

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The number beside the details on a landscape panel, above them in portrait."""
        wide = self.width() > self.height()
        self.columns.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        self._stretch()
        super().resizeEvent(event)

    def _stretch(self) -> None:
        # A queue number takes only its own width, and in portrait the number (or a
        # booking's time) only its own height: the details get the rest (try-out 5: half
        # the page stood empty between a booking's time and its details).
        ticket = getattr(self, "ticket", None)  # resized before build() ends
        queue = ticket is not None and ticket.kind is TicketKind.QUEUE
        wide = self.width() > self.height()
        self.columns.setStretch(0, 1 if wide and not queue else 0)

    def enter(self) -> None:
        """Show this session's ticket and print it once."""
        services = self.services
        session_id = self.core.sessions.current.id
        self.ticket = services.appointments.last_ticket(session_id) if services else None
        key = take_back_key(self.core) if self.ticket is not None else ""
        # Seen leaving its reader before (back here, or rebuilt): said, not asked again.
        self._take_key = TAKEN_KEY if key and document_taken(self.core) else key
        fresh = self.ticket is not None and self.ticket is not self._printed_for
        if fresh and _KEPT.ticket is self.ticket:  # printed by the screen this one replaced
            self._printed_for = self.ticket
            self._print_key = _KEPT.print_key
            self._provisional_slip = _KEPT.provisional_slip
            if _KEPT.position is not None:
                self._position, self._position_for = _KEPT.position, self.ticket
            if self._print_key == "svc.print.printing":
                self._kept_poll.start()  # its answer comes to the store, not here
        if self.ticket is not self._printed_for:
            self._booking, self._refusal = BookingState.PROVISIONAL, ""
        self._render()
        self._read_booking()
        if self.ticket is not None and self.ticket.kind is not TicketKind.QUEUE:
            self.speak(
                self.heading.text(), self.ticket.number, self.next_steps.text(), self._take_text()
            )
        self._say_take_back()
        if self.ticket is not None and self._printed_for is not self.ticket:
            self._printed_for = self.ticket
            _KEPT.ticket, _KEPT.position, _KEPT.print_key = self.ticket, None, ""
            _KEPT.provisional_slip = self._provisional_slip = False
            if self.ticket.again:
                # The number they already hold: shown, and printed again only when asked.
                self._print_key = _KEPT.print_key = "ticket.again_note"
            if self.ticket.kind is TicketKind.QUEUE:
                self._ask_position()  # printed with the answer (or with "not known")
            else:
                self._print()

    def closes_behind(self) -> bool:
        """Behind a number taken or a booking made lie only the choices it was made
        from (a refused booking has 重新预约 of its own)."""
        return self.ticket is not None

    def journey_finished(self) -> bool:
        """A number taken or a booking made is the end of the journey."""
        return self.ticket is not None

    def slip_printed(self) -> str:
        """The queue number's or booking's slip, once the printer said it is out."""
        if self.ticket is None or self._print_key != "svc.print.ok":
            return ""
        return "booking" if ticket_kind_is_booking(self.ticket) else "queue"

    def _take_text(self) -> str:
        return self.t(self._take_key) if self._take_key else ""

    def _say_take_back(self) -> None:
        # Spoken in 长辈模式 with the number (above); in the standard mode, where screens
        # are silent, this one reminder is spoken still, as on the application receipt.
        session = self.core.sessions.current
        voice = self.core.voice
        asking = self._take_key not in ("", TAKEN_KEY)
        if asking and not session.assisted and voice is not None:
            voice.say(self._take_text(), self.lang)

    def retranslate(self) -> None:
        """Texts in the current language."""
        super().retranslate()
        if hasattr(self, "next_steps"):
            self._render()

    def _render(self) -> None:
        ticket = self.ticket
        self.details.set_language(self.lang)
        # The pager drops the lines it had; one never given to it goes with its reference.
        self._new_details()
        if ticket is None:
            self.heading.setText(self.t("ticket.none"))
            self.number.setText("")
            for w in (self.print_state, self.reprint_btn, self.confirmed_btn):
                w.hide()
            self.details.set_items([], keep_page=True)
            return
        self.ahead.setText(self._ahead_text())
        queue = ticket.kind is TicketKind.QUEUE
        booking = self._booking
        when = ""
        if queue:
            self.heading.setText(self.t("ticket.queue_heading"))
            self.number.setText(ticket.number)
        else:
            # A booking is shown as its time, never as if it were a queue number.
            self.heading.setText(self.t(f"ticket.appt.{booking.value}"))
            if ticket.slot is not None:
                when = f"{fmt_date(ticket.slot.start.date(), self.lang)} {ticket.slot.label()}"
            self.number.setText(when)
        self.where.setText(self.t("ticket.where", d=ticket.department.name.get(self.lang)))
        reference = shown_tracking_number(ticket.tracking_number or "")
        self.reference.setText(self.t("ticket.reference", n=reference))
        self.applicant.setText(self.t("appt.applicant", name=ticket.applicant))
        refused = booking in (BookingState.REFUSED, BookingState.ALREADY_BOOKED)
        # A refused booking is not to be come to: no "come 10 minutes early".
        # The slip's QR code only once a slip came out (none while printing, paper out…).
        slip = self._print_key == "svc.print.ok"
        come = "ticket.next_queue" if queue else "ticket.next_appt" + ("" if slip else ".no_slip")
        steps = [] if refused and not queue else [self.t(come)]
        if queue and ticket.closes_at is not None:
            steps.insert(0, self.t("ticket.queue.closes_soon", t=f"{ticket.closes_at:%H:%M}"))
        if booking is not BookingState.CONFIRMED:
            kind = "queue" if queue else "appt"
            note = f"ticket.{kind}.{booking.value}_note"
            if not queue and booking is BookingState.REFUSED and self._refusal:
                note = f"{note}.{self._refusal}"  # the platform said why: say it too
            steps.insert(0, self.t(note))
        self.next_steps.setText("\n".join(steps))
        # A queue number is short and shown huge; a booking's date and time are longer.
        self.set_role(self.number, "big" if queue else "title")
        self._stretch()
        # First of all: the document read for this ticket is to be taken back (try-out 6, 17).
        self.take_card.setText(self._take_text())
        if self._take_key == TAKEN_KEY:
            self.set_role(self.take_card, "body")  # a fact now, no longer a warning
        shown = [self.take_card] if self._take_key else []
        offer = self._offer_confirmed()
        if offer:
            # What the slip in hand says, first: on the details' pages (the buttons' row
            # has no room for it beside 打印确认凭条 at 字号 4/4 on 1280x800).
            self.slip_note.setText(
                self.t("ticket.confirmed_slip" + ("" if offer == "print" else ".cannot"))
            )
            shown.append(self.slip_note)
        shown += [self.ahead] if queue else []
        shown += [self.where]
        # A booking's time is the screen's big text already: no second 时间 line before
        # its 预约编号, which the citizen needs and which stood on page 2 behind 下一页
        # (长辈模式 at 字号 4/4 on 1280x800, try-out 7, 11).
        shown += [self.reference] if ticket.tracking_number else []
        # Whose booking, masked, as its slip and a receipt name it (try-out 17, E7).
        shown += [self.applicant] if ticket.applicant and not queue else []
        self.details.set_items([*shown, self.next_steps], keep_page=True)
        # "已打印，请从出纸口取走" is long done once a confirmed slip is offered.
        said = self.t_now(self._print_key) if self._print_key and not offer else ""
        if self._print_key == "svc.print.ok" and self._replaces_provisional():
            # The confirmed slip, after one that said 待确认: which of the two counts
            # (try-out 17, C5), as the slip itself says.
            said = self.t("ticket.confirmed_printed")
        self.print_state.setText(said)
        self.print_state.setVisible(bool(said))
        self.reprint_btn.setVisible(
            not offer and self._print_key not in ("", "svc.print.printing", "svc.print.ok", NO_SLIP)
        )
        self.confirmed_btn.setVisible(offer == "print")
        self.rebook_btn.setVisible(not queue and booking is BookingState.REFUSED)

    # --- the queue: people ahead, expected wait ----------------------------------------

    def _ahead_text(self) -> str:
        pos = self._position if self._position_for is self.ticket else None
        if pos is None:
            return self.t("ticket.ahead.asking")
        if pos.people_ahead is None:
            return self.t("ticket.ahead.offline" if pos.offline else "ticket.ahead.unknown")
        lines = [
            self.t("ticket.ahead.count", n=pos.people_ahead)
            if pos.people_ahead
            else self.t("ticket.ahead.none")
        ]
        if pos.expected_wait_min is not None and pos.people_ahead:
            lines.append(self.t("ticket.ahead.wait", m=pos.expected_wait_min))
        return "\n".join(lines)

    def _ask_position(self) -> None:
        services, ticket = self.services, self.ticket
        if services is None or ticket is None:
            return
        appts = services.appointments
        self._render()  # 正在查询…: the slip prints once the answer (or its absence) is in

        def answered(pos: QueuePosition) -> None:
            self._position, self._position_for = pos, ticket
            if _KEPT.ticket is ticket:
                _KEPT.position = pos
            if self.ticket is ticket:
                self._render()
                # Read out with the number: one prompt (a second would cut the first off).
                self.speak(
                    self.heading.text(),
                    ticket.number,
                    self.ahead.text(),
                    self.next_steps.text(),
                    self._take_text(),
                )
            if not ticket.again:
                self._print(ticket)  # a ticket taken is printed, even if its citizen moved on

        self.run(
            lambda: appts.queue_position(ticket),
            answered,
            lambda: answered(QueuePosition(None)),
        )

    def _network_back(self, event: Event) -> bool:
        # Try-out 6, 6: "网络未连接，暂时无法得知前面的等候人数" stayed after the network
        # came back. Only an answer that was "offline" is asked again.
        pos = self._position if self._position_for is self.ticket else None
        return (
            isinstance(event, DeviceStatusChanged)
            and event.device == Device.PLATFORM
            and event.health is Health.OK
            and self.ticket is not None
            and self.ticket.kind is TicketKind.QUEUE
            and pos is not None
            and pos.offline
        )

    def _ask_again(self) -> None:
        # Not through self.run: a print under way must keep its answer; the slip already
        # printed stays as it is (it is not printed a second time).
        services, ticket = self.services, self.ticket
        if services is None or ticket is None:
            return
        appts = services.appointments

        def answered(pos: QueuePosition) -> None:
            if not isValid(self) or self.ticket is not ticket:
                return
            self._position, self._position_for = pos, ticket
            if _KEPT.ticket is ticket:
                _KEPT.position = pos
            self._render()
            self.speak(self.ahead.text())

        bridge = self.ctx.bridge
        self.core.run(
            lambda: appts.queue_position(ticket), bridge.wrap(answered), bridge.wrap(_ignore)
        )

    # --- the booking's state ---------------------------------------------------------

    def _read_booking(self) -> None:
        services, ticket = self.services, self.ticket
        if services is None or ticket is None:
            return
        if self._booking is not BookingState.PROVISIONAL:
            return
        appts = services.appointments

        def read(answer: tuple[BookingState, str]) -> None:
            if isValid(self) and self.ticket is ticket:
                self._booking_read(*answer)

        def job() -> tuple[BookingState, str]:
            return appts.booking_state(ticket), appts.refusal_reason(ticket)

        # Not through self.run: a print started meanwhile must not drop this answer.
        bridge = self.ctx.bridge
        self.core.run(job, bridge.wrap(read), bridge.wrap(_ignore))

    def _offer_confirmed(self) -> str:
        """A confirmed slip to offer: "print" (the printer can), "cannot" (it cannot now),
        or "" (none: the slip in hand says what the screen says, or none came out)."""
        confirmed = self._booking is BookingState.CONFIRMED and ticket_kind_is_booking(self.ticket)
        if not (confirmed and self._provisional_slip and self._print_key == "svc.print.ok"):
            return ""
        return "cannot" if printer_cannot_print(self.core) else "print"

    def _replaces_provisional(self) -> bool:
        services = self.services
        return services is not None and services.appointments.slip_replaces_provisional(self.ticket)

    def _print_confirmed(self) -> None:
        """Once: the slip now says 已确认 (a failed print offers 重新打印 as any does)."""
        self._provisional_slip = False
        if _KEPT.ticket is self.ticket:
            _KEPT.provisional_slip = False
        self._print()

    def _booking_read(self, state: BookingState, reason: str = "") -> None:
        changed = state is not self._booking or reason != self._refusal
        self._booking, self._refusal = state, reason
        if changed:
            # A confirmed slip may be offered where no button was: a tap on its way
            # there is not taken for it (ui/tap_guard.py).
            self.ctx.before_change()
            self._render()
            if ticket_kind_is_booking(self.ticket):
                self.speak(self.heading.text())
        if state is BookingState.PROVISIONAL and self.isVisible():
            self._poll.start()

    def _rebook(self) -> None:
        # Back to the times of the same counter and day (another slot); the identity
        # given stays for the new booking.
        services = self.services
        if services is not None:
            services.appointments.start_rebook(self.core.sessions.current.id)
        self.goto(self.core.back())

    def on_core_event(self, event: Event) -> None:
        """The printer is back after a failed print: offer the reprint in words. The
        network is back while the screen says it is not: ask the platform again. The
        document read for the ticket left its reader: 证件已取走, no longer asked for
        (try-out 8, C1, as on the application receipt)."""
        if self._take_key and document_left(self.core, event):
            self._take_key = TAKEN_KEY
            self._render()
            return
        if self._network_back(event):
            self._ask_again()
        if printer_is_back(event, self._print_key):
            self._print_key = "ticket.printer_back"
            if _KEPT.ticket is self.ticket:
                _KEPT.print_key = self._print_key
            self._render()
        elif (
            self._offer_confirmed()
            and isinstance(event, DeviceStatusChanged)
            and event.device == Device.PRINTER
        ):
            self.ctx.before_change()  # the offer follows what the printer can do
            self._render()

    def _print(self, which: IssuedTicket | None = None) -> None:
        services, ticket = self.services, which or self.ticket
        if services is None or ticket is None:
            return
        lang = self.lang
        appts = services.appointments
        pos = self._position if self._position_for is ticket else None
        self._print_key = "svc.print.printing"
        if _KEPT.ticket is ticket:
            _KEPT.print_key = self._print_key
        self._render()

        def job() -> tuple[PrintResult | None, bool]:
            key, provisional = "svc.print.failed", False
            try:
                # A booking's state settled here, so what its slip says is known.
                state = None
                if ticket.kind is TicketKind.APPOINTMENT:
                    state = appts.settled_booking_state(ticket)
                result = appts.print_ticket(ticket, lang, pos, settled=state)
                key = NO_SLIP if result is None else print_message_key(result)
                printed = result is not None and result.printed
                provisional = printed and state is BookingState.PROVISIONAL
            finally:
                if _KEPT.ticket is ticket:  # also when this screen was replaced meanwhile
                    _KEPT.print_key = key
                    _KEPT.provisional_slip = provisional
            return result, provisional

        self.run(job, self._printed, self._print_failed)

    def _kept_print(self) -> None:
        if _KEPT.ticket is not self.ticket or not self.isVisible():
            return
        if _KEPT.print_key == "svc.print.printing":
            self._kept_poll.start()
            return
        self._print_key = _KEPT.print_key
        self._provisional_slip = _KEPT.provisional_slip
        self._render()

    def _printed(self, answer: tuple[PrintResult | None, bool]) -> None:
        # None: the platform refused the booking while the slip waited, so none printed.
        result, self._provisional_slip = answer
        self._print_key = NO_SLIP if result is None else print_message_key(result)
        self._render()
        self._read_booking()  # the slip waited for the platform's answer: show it now too

    def _print_failed(self) -> None:
        self._print_key = "svc.print.failed"
        self._render()
        self._read_booking()

    def _done(self) -> None:
        self.goto(self.core.next())
