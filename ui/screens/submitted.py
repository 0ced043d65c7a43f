"""Submitted: the tracking number, the printing state, and the receipt QR code on screen."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from kiosk.events import (
    Device,
    DeviceStatusChanged,
    Event,
    Health,
)
from kiosk.flow import Screen
from kiosk.identity import IdentitySource
from kiosk.printing import PrintResult
from kiosk.receipts.strings import fmt_date
from kiosk.services.apply import ApplicationDraft, ApplyOutcome, ApplyResult, apply_service
from kiosk.session import EndReason
from kiosk.tracking import shown_tracking_number
from kiosk.voice_summary import ReceiptSummary
from ui.layout_items import add_layout
from ui.screens.apply_common import (
    TAKEN_KEY,
    current_service,
    document_left,
    document_taken,
    message_label,
    set_role,
    take_back_key,
)
from ui.screens.base import BaseScreen
from ui.screens.choice import choice_for, dismiss_choice
from ui.theme import TEXT_STEPS, Tokens, personalise, tokens_for
from ui.widgets.qr_image import qr_image
from ui.widgets.tile import no_widow

QR_MM = 45
# On a landscape panel the tracking number is at most 1/NUMBER_SHARE of its height
# tall (font size), leaving the rest for the QR code and the pickup details.
NUMBER_SHARE = 10
# A panel at least this tall (px) has room for the number on a row of its own.
TALL_PANEL_PX = 1000
DELIVERY_POLL_MS = 1000  # how often an application saved offline is looked for in the outbox
# The receipt is sent to the printer once this screen has painted, or after this long
# if no paint comes (a window not exposed). Its job (the printer's raster of the slip:
# 13-16 ms of a worker's CPU, most of it Pillow drawing text) ran beside this screen's
# build and first paint, and took the interpreter lock and a core from it (issue 14,
# review -> submitted, the journey's longest stall). A paint later the paper is no later
# to the eye.
PRINT_AFTER_PAINT_MAX_MS = 250

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


def _retry_later(screen: SubmittedScreen) -> Callable[[BaseException], None]:
    """A failed outbox read: look again at the next tick while the screen is shown."""

    def again(_exc: BaseException) -> None:
        if isValid(screen) and screen.isVisible():
            screen._poll.start()

    return again


# What to take away, by (a document on its reader, a printed receipt).
TAKE_KEYS = {
    (True, True): "end.take.card_receipt",
    (True, False): "end.take.card",
    (False, True): "end.take.receipt",
    (False, False): "end.take.belongings",
}


def _text(name: str, role: str) -> QLabel:
    """A word-wrapped label the screen fills itself."""
    w = QLabel()
    w.setTextFormat(Qt.TextFormat.PlainText)
    w.setObjectName(name)
    w.setProperty("role", role)
    w.setWordWrap(True)
    return w


def title_px(tokens: Tokens) -> int:
    """The title's size here: in 长辈模式 a heading's. The tracking number, twice a title,
    is this screen's headline; at 长辈模式's larger title size (#14) the saved-offline
    title left "交" alone on its second line in portrait and pushed the texts under it off
    a 1280x800 panel."""
    assisted = tokens.name.startswith("assisted")
    return tokens.px(tokens.heading_px if assisted else tokens.title_px)


class SubmittedScreen(BaseScreen):
    """The end of the application: keep the number, take the receipt (or photograph the QR)."""

    screen_id = Screen.SUBMITTED
    title_key = "submitted.title"
    prompt_key = "submitted.title"

    def build(self) -> None:
        """Title and number, printing state, what to take, QR, what next: one page.

        No scrolling: on a landscape panel the QR code and its hint take a column on
        the right from the top (beside the number), the title shares its row with the
        number where the width allows, the buttons one row at the foot, so every
        control is on screen at 1280x800 in 长辈模式 too. On a portrait panel the title
        and the number have the whole width, the QR code is beside the text below.
        """
        tokens = self.ctx.tokens()
        # The title and the number share a row where the width allows, one above the
        # other otherwise (see _fit_number).
        self.top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.top.setSpacing(tokens.gap())
        add_layout(self.root, self.top)
        self.title_row = QHBoxLayout()
        self.title_row.setSpacing(tokens.gap())
        add_layout(self.top, self.title_row, 1)
        self.title = self.label("submitted.title", role="title")
        self.title.setObjectName("submitted_title")
        if title_px(tokens) != tokens.px(tokens.title_px):
            self.title.setStyleSheet(f"font-size: {title_px(tokens)}px;")
        self.title_row.addWidget(self.title)
        # 受理编号 beside its number, or after the title when the number has a row of its own.
        self.caption = self.label("submitted.tracking", role="muted")
        self.caption.setObjectName("tracking_caption")
        self.title_row.addWidget(self.caption, 0, Qt.AlignmentFlag.AlignVCenter)
        self.title_row.addStretch(1)
        self.number = QLabel()
        self.number.setTextFormat(Qt.TextFormat.PlainText)
        self.number.setObjectName("tracking_number")
        # Sized by _fit_number: its width never widens the window (it is measured
        # against the room there is instead).
        self.number.setProperty("role", "big")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.number.setMinimumWidth(1)
        # 受理编号 joins the number's own row on a short panel (see _fit_number).
        self.number_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.number_row.setSpacing(tokens.gap())
        self.number_row.addWidget(self.number, 1, Qt.AlignmentFlag.AlignVCenter)
        add_layout(self.top, self.number_row)
        columns = QHBoxLayout()
        columns.setSpacing(tokens.px(32))
        add_layout(self.root, columns, 1)
        # The texts' box: a page turn (see _paginate) follows its size.
        self.body_box = QWidget()
        # Its height is the room left, never the texts' (shown all at once while the
        # screen decides afresh, they asked the window for more than a 1280x800 panel
        # has: it grew, try-out 14 with the first page's lines): _paginate fits them.
        self.body_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.body_box.installEventFilter(self)
        body = self.body = QVBoxLayout(self.body_box)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(tokens.px(8))  # lines of text, not targets: no finger gap needed
        columns.addWidget(self.body_box, 1)
        qr_column = self.qr_column = QVBoxLayout()
        qr_column.setSpacing(tokens.gap())
        add_layout(columns, qr_column)
        # The ID card laid on the SAM reader is still there: say so, on screen and aloud.
        self.take_card = _text("take_card", "warning")
        self.take_card.hide()
        body.addWidget(self.take_card)
        self.print_state = message_label("print_state", role="warning", lines=1)
        body.addWidget(self.print_state)
        # Offered once the printer is back after a failed receipt (paper refilled): under
        # the message that says to tap it, never in the buttons' row. There it pushed the
        # pager aside and took its place, so a ▶ tapped as the paper came back printed a
        # receipt instead of turning the page (try-out 14, C16).
        self.reprint_btn = self.button("submitted.reprint", self._reprint, role="primary")
        self.reprint_btn.setObjectName("btn_reprint_receipt_now")
        self.reprint_btn.hide()
        body.addWidget(self.reprint_btn, 0, Qt.AlignmentFlag.AlignLeft)
        # The printer's message and that button keep, on this page, the height the most
        # either needs in any state it passes through (paper out, back with the button,
        # reprinting, printed): the room left over is this blank under them. Inserted as
        # the paper came back, the button moved every line under it down by its height
        # (try-out 20, C5); gone once printed, they moved up under the finger.
        self.print_room = QWidget()
        self.print_room.setObjectName("print_room")
        self.print_room.hide()
        body.addWidget(self.print_room)
        self._may_reprint = False  # the receipt did not print here: the button may come
        self._reprint_offered = False
        self._print_block = (0, 0)  # (width, the most height the two took at it)
        # What the citizen must still do at a counter (a typed identity, a paper not
        # photographed): the one thing to act on, so in large type near the top, not in
        # the small grey details (try-out 8, C10).
        # Offline, where the application stands comes before what is still to do at a
        # counter: led by 还需到窗口：…, a citizen went to the counter before the kiosk
        # had delivered it, and the counter could not find it (try-out 17, C10). Online
        # it is hidden (the title says it all).
        self.headline = _text("submitted_headline", "body")
        body.addWidget(self.headline)
        self.bring = _text("submitted_bring", "heading")
        self.bring.hide()
        body.addWidget(self.bring)
        # What to take away, shown and spoken once the printer has answered.
        self.take = _text("take_items", "heading")
        self.take.hide()
        body.addWidget(self.take)
        self._take_said = ""
        self._take_general = False  # it says only 请带好您的随身物品 (see _paginate)
        self.details = _text("submitted_details", "muted")
        body.addWidget(self.details)
        # A short panel: the whole fee line and the papers' names, after the few words
        # of still_to_do on the first page; a text of its own, so a page turn can come
        # between it and the details (one text cannot be split between pages).
        self.more = _text("submitted_more", "muted")
        self.more.hide()
        body.addWidget(self.more)
        self.more_bring = _text("submitted_more_bring", "muted")
        self.more_bring.hide()
        body.addWidget(self.more_bring)
        body.addStretch(1)
        # On a short panel, texts too long for the room are pages (turned by ◀ ▶ in the
        # buttons' row), never cut or scrolled; the printer's message comes first.
        self._body_items: list[QWidget] = [
            self.take_card,
            self.print_state,
            self.reprint_btn,
            self.headline,
            self.bring,
            self.take,
            self.details,
            self.more,
            self.more_bring,
        ]
        policy = self.print_state.sizePolicy()
        policy.setRetainSizeWhenHidden(False)  # always shown here, but for a page turned
        self.print_state.setSizePolicy(policy)
        self._pages: list[list[QWidget]] = []
        self._page = 0
        self.qr = QLabel()
        self.qr.setTextFormat(Qt.TextFormat.PlainText)
        self.qr.setObjectName("receipt_qr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignLeft)
        qr_column.addWidget(self.qr)
        self._qr_for: tuple[str, int] | None = None  # the code and size drawn
        # Its words are set by _render: shorter on a short panel.
        self.hint = hint = _text("submitted_qr_hint", "muted")
        hint.setText(self.t("submitted.qr_hint"))
        hint.setFixedWidth(self._qr_column_width())  # three lines at most
        qr_column.addWidget(hint)
        qr_column.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(tokens.gap())
        add_layout(self.root, row)
        self._row = row
        # Assisted mode: the receipt's gist spoken on request (the voice guard keeps
        # names and ID numbers off the loudspeaker).
        self.read_btn = self.button("submitted.read_aloud", self._read_aloud)
        self.read_btn.setObjectName("btn_read_aloud")
        self.read_btn.hide()
        row.addWidget(self.read_btn)
        row.addStretch(1)
        self.page_prev = self._page_button("submitted_page_prev", "◀", "pager.prev", -1)
        row.addWidget(self.page_prev)
        self.page_label = QLabel()
        self.page_label.setTextFormat(Qt.TextFormat.PlainText)
        self.page_label.setObjectName("submitted_page")
        self.page_label.hide()
        row.addWidget(self.page_label)
        self.page_next = self._page_button("submitted_page_next", "▶", "pager.next", 1)
        row.addWidget(self.page_next)
        row.addStretch(1)
        # The way on without rating (try-out 20, E5: 首页 was the only other one, and it
        # puts 长辈模式, 字号 and the language back for the next citizen): a secondary
        # action beside 评价, which stays the primary way on.
        self.another_btn = self.another_task_button(lambda: self._leave(self.ctx.another_task))
        row.addWidget(self.another_btn)
        self.rate_btn = self.button("submitted.rate", self._rate, role="primary")
        self.rate_btn.setObjectName("btn_rate")
        row.addWidget(self.rate_btn)
        # Once rated (a receipt is rated once), the way on says so instead of offering it again.
        self.rated_btn = self.button("submitted.rated", self._rate, role="primary")
        self.rated_btn.setObjectName("btn_rated_done")
        self.rated_btn.hide()
        row.addWidget(self.rated_btn)
        # The ways on's own row under it, where one row has not the room for all
        # (portrait, 长辈模式 at 字号 4/4: see _fit_row); empty, it takes no room.
        self._ways_row = QHBoxLayout()
        self._ways_row.setSpacing(tokens.gap())
        self._ways_row.addStretch(1)
        add_layout(self.root, self._ways_row)
        self._ways_apart = False
        self._printing = False
        self._state_plain = ""  # the printer's message without its why
        self._start_print: Callable[[], None] | None = None  # waiting for the first paint
        self._printer_back = False
        self._rated = False
        self._rendered_short: bool | None = None  # the panel _render laid the texts out for
        # Saved offline: the sync agent delivers it later, maybe while the citizen is
        # still here. The screen follows the outbox record and says when it has arrived.
        self._poll = QTimer(self)
        self._poll.setSingleShot(True)
        self._poll.setInterval(DELIVERY_POLL_MS)
        self._poll.timeout.connect(self._read_delivery)

    def _page_button(self, name: str, arrow: str, key: str, step: int) -> QPushButton:
        """◀ or ▶ alone (the row holds 读给我听 and 评价 too), its words for screen readers."""
        b = QPushButton(arrow)
        b.setObjectName(name)
        b.setAccessibleName(self.t(key))
        b.clicked.connect(lambda _=False: self._turn(step))
        b.hide()
        return b

    def _turn(self, step: int) -> None:
        self._page = max(0, min(self._page + step, len(self._pages) - 1))
        self._paginate()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """The texts' box has a new size: lay the pages out again, once it has settled."""
        if obj is self.body_box and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self._paginate)
        elif obj is self and event.type() == QEvent.Type.Paint and self._start_print is not None:
            # The receipt's job starts after this paint (the whole window's), not during it.
            start, self._start_print = self._start_print, None
            QTimer.singleShot(0, self.window(), start)
        return super().eventFilter(obj, event)

    def _unpage(self) -> None:
        """Every text a page turn hid is back, so the screen decides afresh what shows."""
        for w in self._body_items:
            if isinstance(w, QLabel):  # a button keeps its touch target's least height
                w.setMinimumHeight(0)
            if w.property("paged_out"):
                w.setProperty("paged_out", False)
                w.show()

    def _paginate(self) -> None:
        """The texts shown as pages when a short panel has not the room for all of them."""
        if not isValid(self):
            return
        # What the screen shows, whether on this page or another: no text is shown and
        # hidden again here (that would ask the window for room for all of them).
        items = [w for w in self._body_items if not w.isHidden() or w.property("paged_out")]
        # Paged, the first page holds what the citizen must act on first: no receipt
        # printed (and what to do instead), then what is still to do at a counter; the
        # rest follows (try-out 14, E9: "No receipt printed" was on page 2 of 3, under
        # a page 1 that said only "take your card").
        first = [w for w in items if self._first_page(w)]
        room, width = self.body_box.height(), self.body_box.width()
        blank_cap = room
        short = self._short_panel()
        if first and room > 0 and width > 0:
            # The first page's lines together in the room: what is still to do gives up
            # its large type, then the printer's message its why (打印机缺纸。), before
            # either would go to a later page (长辈模式 at 字号 4/4).
            gap = self.body.spacing()

            def need(blank_too: bool = True) -> int:
                # With the room kept under the printer's message (see print_room).
                blank = self._print_blank(width) if blank_too else 0
                # (重新打印回执 at its button's height: it has no height for a width.)
                lines = sum(
                    w.heightForWidth(width) if w.hasHeightForWidth() else w.sizeHint().height()
                    for w in first
                )
                lines += gap * (len(first) - 1)
                return lines + (gap + blank if blank and self.print_state in first else 0)

            if need() > room and self.bring.property("role") == "heading":
                set_role(self.bring, "body")
            plain = self._state_plain
            if need() > room and plain and self.print_state in first:
                self.print_state.setText(plain)
            if need() > room and self.headline in first:
                # Saved offline, the title (已保存，联网后自动提交) and the line's own
                # 送达平台后… say it waits, in fewer words: the whole headline follows.
                first.remove(self.headline)
            # The first page's lines before the blank: where both cannot be on it, the
            # blank gives way (the page's must-say lines are never sent to a second).
            blank_cap = room - need(blank_too=False) - gap
        items = first + [w for w in items if w not in first]
        self._fit_hint(room, short)

        gap = self.body.spacing()
        want = self._print_blank(width) if self.print_state in items and width > 0 else 0
        want = max(0, min(want, blank_cap))

        def height(w: QWidget) -> int:
            h = w.heightForWidth(width) if w.hasHeightForWidth() else w.sizeHint().height()
            # The blank kept under the printer's message takes its page's room with it.
            return h + (gap + want if w is self.print_state and want > 0 else 0)

        whole = sum(height(w) for w in items) + gap * (len(items) - 1)
        if room > 0 and width > 0 and whole > room and self.take in items and self._take_general:
            # The general reminder (请带好您的随身物品, spoken anyway; a short panel never
            # shows it) gives way before a page is added: saved offline at 字号 4/4 with
            # the paper back and 重新打印回执 offered, it pushed 办理时限 alone onto a page
            # 2 (try-out 17, C4).
            items.remove(self.take)
            self.take.setProperty("paged_out", False)
            self.take.hide()
        pages: list[list[QWidget]] = [items]
        if room > 0 and width > 0:
            # Any panel: one with height to spare holds every text on one page; a
            # long fee line at 字号 4/4 in 长辈模式 takes a second (never cut).
            pages, page, used = [], [], 0
            for w in items:
                h = height(w)
                if page and used + gap + h > room:
                    pages.append(page)
                    page, used = [], 0
                used += h + (gap if page else 0)
                page.append(w)
            pages.append(page)
        self._pages = pages
        self._page = min(self._page, len(pages) - 1)
        # The blank under the printer's message, on its page (packed with it above: a
        # later line may go to the next page from the start, never one the first page
        # must say, for which the blank gives way: see blank_cap).
        held = next((p for p in pages if self.print_state in p), None)
        on_page = held is not None and held is pages[self._page]
        if width > 0 and self.print_state in items:
            self._print_block = (width, self._print_most(width))  # the most it took here
        self.print_room.setFixedHeight(max(0, want))
        self.print_room.setVisible(on_page and want > 0)
        for i, p in enumerate(pages):
            for w in p:
                shown = i == self._page
                # Each text of the page gets the height its lines need (a box layout
                # gives a wrapped label its size hint's, for some other width, and cuts it).
                need = w.heightForWidth(width) if shown and w.hasHeightForWidth() else 0
                if isinstance(w, QLabel):  # a button keeps its touch target's least height
                    w.setMinimumHeight(max(0, min(need, room)))
                w.setProperty("paged_out", not shown)
                w.setVisible(shown)
        paged = len(pages) > 1
        for b in (self.page_prev, self.page_label, self.page_next):
            b.setVisible(paged)
        self.page_prev.setEnabled(self._page > 0)
        self.page_next.setEnabled(self._page < len(pages) - 1)
        # The numbers alone (as a pager in a narrow column): the row holds 读给我听 and 评价 too.
        self.page_label.setText(f"{self._page + 1}/{len(pages)}")
        self._fit_row()

    def _print_now(self, width: int) -> int:
        """The height the printer's message and 重新打印回执 take now at ``width``."""
        gap = self.body.spacing()
        self.reprint_btn.ensurePolished()  # hidden, it is not styled yet (长辈模式's type)
        button = self.reprint_btn.sizeHint().height() + gap
        return self.print_state.heightForWidth(width) + (button if self._reprint_offered else 0)

    def _print_most(self, width: int) -> int:
        """The most the two need at ``width`` in any state this page may still pass
        through (back with the button, reprinting, printed), or took on this visit."""
        gap = self.body.spacing()
        button = self.reprint_btn.sizeHint().height() + gap
        most = self._print_now(width)
        if self._may_reprint:
            most = max(
                most,
                self._message_height(self.t("submitted.printer_back"), width) + button,
                self._message_height(self.t("submitted.reprinting"), width),
                self._message_height(self.t("submitted.printed"), width),
            )
        seen_at, seen = self._print_block
        return max(most, seen if seen_at == width else 0)

    def _print_blank(self, width: int) -> int:
        """The blank kept under the printer's message (see print_room): nothing under
        it moves when 重新打印回执 comes or goes."""
        return max(0, self._print_most(width) - self._print_now(width) - self.body.spacing())

    def _message_height(self, text: str, width: int) -> int:
        """The printer's message box's height for ``text`` at ``width`` (as it wraps)."""
        w = self.print_state
        w.ensurePolished()
        m = w.contentsMargins()  # the style's padding and border
        box = QRect(0, 0, max(1, width - m.left() - m.right()), 100_000)
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
        return w.fontMetrics().boundingRect(box, flags, text).height() + m.top() + m.bottom()

    def _fit_row(self) -> None:
        """读给我听 and 评价 in their short words where the pager beside them leaves no room
        for the whole ones (try-out 16, E3: portrait 长辈模式, English, 字号 4/4 read "ead it
        to m" and "ate this servic"). Measured, not tried: setting a text to see whether
        it fits would lay the row out again each time."""
        m = self.root.contentsMargins()
        room = self.width() - m.left() - m.right()
        words = ((self.read_btn, "submitted.read_aloud"), (self.rate_btn, "submitted.rate"),
                 (self.rated_btn, "submitted.rated"),
                 (self.another_btn, "svc.another_task"))  # fmt: skip
        row = (self.read_btn, self.page_prev, self.page_label, self.page_next,
               self.another_btn, self.rate_btn, self.rated_btn)  # fmt: skip
        shown = [w for w in row if not w.isHidden()]
        if room <= 0 or not shown:
            return

        def width(w: QWidget, text: str | None) -> int:
            if text is None or not isinstance(w, QPushButton):
                return w.sizeHint().width()
            fm = w.fontMetrics()
            return (
                w.sizeHint().width() - fm.horizontalAdvance(w.text()) + fm.horizontalAdvance(text)
            )

        ways = (self.another_btn, self.rate_btn, self.rated_btn)

        def need(ws: list[QWidget], texts: dict[QWidget, str]) -> int:
            return sum(width(w, texts.get(w)) for w in ws) + self._row.spacing() * (len(ws) - 1)

        # One row in whole words; else the ways on (继续办理其他事项 and 评价) on a row of
        # their own under 读给我听 and the pager, still in whole words (an elderly reader
        # needs them more than the room; a short panel: short words first), then short
        # words: in one row at 字号 4/4 in portrait every label was cut (try-out 20, E5).
        tries = ((False, False), (True, False), (False, True), (True, True))
        if self._short_panel():
            # A short panel has no row to spare: its texts (the title) would be cut.
            tries = ((False, False), (False, True), (True, False), (True, True))
        for apart, short in tries:
            texts: dict[QWidget, str] = {
                b: self.t(f"{key}_short" if short else key) for b, key in words
            }
            if apart:
                first = [w for w in shown if w not in ways]
                fits = need(first, texts) <= room and need(
                    [w for w in shown if w in ways], texts) <= room  # fmt: skip
            else:
                fits = need(shown, texts) <= room
            if fits or (apart and short):
                for b, _key in words:
                    if b.text() != texts[b]:
                        b.setText(texts[b])
                self._set_ways_apart(apart)
                return

    def _set_ways_apart(self, apart: bool) -> None:
        """The ways on at the end of the buttons' row, or on their own row under it."""
        if apart == self._ways_apart:
            return
        self._ways_apart = apart
        source, target = (self._row, self._ways_row) if apart else (self._ways_row, self._row)
        for b in (self.another_btn, self.rate_btn, self.rated_btn):
            source.removeWidget(b)
            target.addWidget(b)

    def _first_page(self, w: QWidget) -> bool:
        """``w`` is a line that goes on the first page (see _paginate); the print offered
        goes with the message that offers it."""
        # The card still on the reader is said on the first page, ahead of the rest (its
        # place in _body_items): one of the end's must-say prompts (#14). Offline with the
        # paper out, English at 字号 4/4, it went behind ▶ and a citizen photographing
        # page 1 could leave the card behind (try-out 19, C1); the lines after it give way.
        if w is self.take_card:
            return True
        unprinted = w in (self.print_state, self.reprint_btn) and self._unprinted()
        # Saved offline, where it stands comes with (before) what is still to do at a
        # counter, never a page after it (try-out 17, C10).
        result = handed_over(self.core.sessions.current.id)
        stands = w is self.headline and result is not None and result.offline
        return w is self.bring or unprinted or stands

    def _unprinted(self) -> bool:
        result = handed_over(self.core.sessions.current.id)
        return result is not None and result.outcome is ApplyOutcome.PRINTER_PROBLEM

    def _fit_hint(self, room: int, short: bool) -> None:
        """The QR code's hint in its few words where the whole sentence would not fit
        under the code (长辈模式 at 字号 4/4 in English on 1920x1080, once the title grew
        with the headings: the hint's last line was cut). A short panel has them already."""
        if short or room <= 0 or self.hint.isHidden():
            return
        full = self.t("submitted.qr_hint")
        left = room - (self.qr.height() + self.qr_column.spacing() if self.qr.isVisible() else 0)
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
        m = self.hint.contentsMargins()
        area = QRect(0, 0, max(1, self.hint.width() - m.left() - m.right()), 100_000)
        need = (
            self.hint.fontMetrics().boundingRect(area, flags, full).height() + m.top() + m.bottom()
        )
        want = full if need <= left else self.t("submitted.qr_hint_short")
        if self.hint.text() != want:
            self.hint.setText(want)

    def _qr_column_width(self) -> int:
        return max(self._qr_side(), self.ctx.tokens().mm(60))

    def _qr_side(self) -> int:
        """The QR code's edge: 45 mm, scannable by a phone held at arm's length."""
        return self.ctx.tokens().mm(QR_MM)

    def result(self) -> ApplyResult | None:
        """The result shown (tests)."""
        return handed_over(self.core.sessions.current.id)

    def journey_finished(self) -> bool:
        """The application is saved: its receipt shown is the end of the journey."""
        return handed_over(self.core.sessions.current.id) is not None

    def slip_printed(self) -> str:
        """The receipt, once printed."""
        r = handed_over(self.core.sessions.current.id)
        return "receipt" if r is not None and r.outcome is ApplyOutcome.PRINTED else ""

    def closes_behind(self) -> bool:
        """Behind the receipt lies only the form already sent."""
        return True

    def enter(self) -> None:
        """Show the saved application and print its receipt once."""
        self._unpage()
        self._page = 0
        self._may_reprint, self._print_block = False, (0, 0)  # a new visit's states
        self._remind_take_card()
        entry = _HANDOVER.get(self.core.sessions.current.id)
        can_speak = self.core.sessions.current.assisted and self.core.voice is not None
        self.read_btn.setVisible(entry is not None and can_speak)
        if entry is None:
            self.headline.setText(self.t("submitted.none"))
            self.headline.show()
            for w in (self.number, self.qr, self.print_state, self.details, self.bring,
                      self.print_room):  # fmt: skip
                w.hide()
            for w in (self.more, self.more_bring):
                w.hide()
            return
        draft, result = entry
        if result.offline:
            offline = {
                "submitted.title_take_card": "submitted.title_offline_take_card",
                "submitted.title_take_card.document": "submitted.title_offline_take_card.document",
            }
            self.prompt_key = offline.get(self.prompt_key, "submitted.title_offline")
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
        self._read_delivery()

    def _document_taken(self) -> None:
        """The document left its reader (the chip reader, or the SAM reader's presence
        check): the reminder ends, and the screen says it was taken (try-out 8, C1:
        请取走 stayed after the card was lifted)."""
        if self.take_card.isVisible():
            set_role(self.take_card, "body")
            self.take_card.setText(self.t(TAKEN_KEY))
        result = handed_over(self.core.sessions.current.id)
        if result is not None and self.take.isVisible():
            self._show_take(result, self._rendered_short)

    def _taken(self) -> bool:
        return document_taken(self.core)

    def _remind_take_card(self) -> None:
        session = self.core.sessions.current
        key = take_back_key(self.core)
        taken = bool(key) and self._taken()
        set_role(self.take_card, "body" if taken else "warning")
        self.take_card.setVisible(bool(key))
        self.prompt_key = SubmittedScreen.prompt_key
        if not key:
            return
        if taken:
            self.take_card.setText(self.t(TAKEN_KEY))
            return
        self.take_card.setText(self.t(key))
        if session.assisted:
            # Spoken by the window on showing: 身份证 for a resident card, else 证件.
            card = key == "idcard.take_back"
            self.prompt_key = "submitted.title_take_card" + ("" if card else ".document")
        elif self.core.voice is not None:
            self.core.voice.say(self.t(key), self.lang)

    def leave(self) -> None:
        """An open question is dropped unanswered when the screen is left."""
        self._poll.stop()
        dismiss_choice(self)

    # --- an offline application reaching the platform ------------------------------

    def _read_delivery(self) -> None:
        result = handed_over(self.core.sessions.current.id)
        svc = apply_service(self.core)
        if result is None or svc is None or not result.offline:
            return
        if result.delivered or result.refused:
            return
        service = current_service(self.core)
        days = service.time_limit_days if service is not None else 0
        session_id = self.core.sessions.current.id
        bridge = self.ctx.bridge

        def read(now: ApplyResult) -> None:
            if isValid(self) and self.core.sessions.current.id == session_id:
                self._delivery_read(now)

        # Not through self.work: a failed read is not the citizen's problem (the screen
        # keeps saying what it said, which is still true), and it is tried again.
        job = lambda: svc.delivery(result, days)  # noqa: E731
        self.core.run(job, bridge.wrap(read), bridge.wrap(_retry_later(self)))

    def _delivery_read(self, now: ApplyResult) -> None:
        if not (now.delivered or now.refused):
            if self.isVisible():
                self._poll.start()
            return
        for k, (draft, r) in list(_HANDOVER.items()):
            if r.tracking_number == now.tracking_number:
                # Keep what printing learnt meanwhile; add what the outbox says.
                _HANDOVER[k] = (
                    draft,
                    replace(
                        r,
                        delivered=now.delivered,
                        refused=now.refused,
                        expected_completion=now.expected_completion,
                    ),
                )
        result = handed_over(self.core.sessions.current.id)
        if result is None or self.core.screen() != Screen.SUBMITTED:
            return
        self._render(result)
        self.core.say(self.headline.text())

    def retranslate(self) -> None:
        """Texts in the current language."""
        super().retranslate()
        self._print_block = (0, 0)  # the other language's texts take other heights
        if hasattr(self, "take_card"):
            # Set on entering; a language switch after that must reach it too.
            key = take_back_key(self.core) or "idcard.take_back"
            self.take_card.setText(self.t(TAKEN_KEY if self._taken() else key))
        if hasattr(self, "number"):
            result = handed_over(self.core.sessions.current.id)
            if result is not None:
                self._render(result)

    def _short_panel(self) -> bool:
        """A panel too short for the number's own row and every text at full length."""
        return self._panel().height() < TALL_PANEL_PX

    def _render(self, r: ApplyResult) -> None:
        # A short panel (1280x800) at a large text size has no room to spare: the texts
        # there are the compact forms (the pickup details as one run, the QR's hint in
        # a few words), and a "take your receipt" heading that only repeats the printer's
        # message is left out (the message says it, and it is spoken).
        self._unpage()
        short = self._rendered_short = self._short_panel()
        # Rows of text between the number and the buttons, no two targets: a short panel
        # spaces them as lines, not as a finger's gap.
        tokens = self.ctx.tokens()
        self.root.setSpacing(tokens.mm(2) if short else tokens.mm(max(3.0, tokens.gap_mm)))
        self.hint.setText(self.t("submitted.qr_hint_short" if short else "submitted.qr_hint"))
        self.qr_column.setSpacing(tokens.mm(2) if short else tokens.gap())
        # Offline the application is in this kiosk, not yet with the platform: say so, in
        # the title too, and promise no date the platform has not started counting from.
        # Once the sync agent has delivered it (or the platform refused it), the screen says
        # that instead: the citizen may still be reading it.
        if r.offline and r.refused:
            title, headline = "submitted.title_refused", "submitted.refused"
            if not self._receipt_in_hand(r):
                headline += ".no_receipt"  # its 凭回执 untrue (see _receipt_in_hand)
        elif r.offline and r.delivered:
            title, headline = "submitted.title_delivered", "submitted.delivered"
            if not self._receipt_in_hand(r):
                headline += ".no_receipt"  # no receipt to call valid
        elif r.offline:
            title, headline = "submitted.title_offline", "submitted.offline"
        else:
            title, headline = "submitted.title", "submitted.online"
        if short and title == "submitted.title_offline":
            title += "_short"  # the headline under it says the rest
            headline += "_short"
        self.title.setText(self.t(title))
        # Online the title says it all; offline the headline says what happens next.
        # The number as a citizen reads it: its check character apart (try-out 7, C-f).
        shown = shown_tracking_number(r.tracking_number or "")
        self.headline.setText(self.t(headline, n=shown))
        self.headline.setVisible(r.offline)
        self.number.setText(shown)
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
        if short and state in ("submitted.printer_problem", "submitted.unconfirmed"):
            state += "_short"
        text = self.t_now(state)
        self._state_plain = text  # what to do, without why (see _paginate)
        if r.outcome is ApplyOutcome.PRINTER_PROBLEM and r.print_message_key:
            # Why (打印机缺纸。) before what to do.
            text = self.t("apply." + r.print_message_key) + self._space() + text
        offer = r.outcome is ApplyOutcome.PRINTER_PROBLEM and self._printer_back and not unconfirmed
        if offer:
            text = self.t("submitted.reprinting" if self._printing else "submitted.printer_back")
            self._state_plain = ""
            role = "warning"  # good news with a step to take, not an error (try-out finding)
        self._reprint_offered = offer and not self._printing
        # From the first time the button may come, its room is kept (see print_room).
        may = r.outcome is ApplyOutcome.PRINTER_PROBLEM and not unconfirmed
        self._may_reprint = self._may_reprint or may
        self.reprint_btn.setVisible(self._reprint_offered)
        set_role(self.print_state, role)
        self.print_state.setText(text)
        self.print_state.show()
        details: list[str] = []
        service = current_service(self.core)
        pending = r.offline and not r.delivered
        if pending and service is not None and service.time_limit.get(self.lang):
            # "counted from when it reaches the platform" only for a limit in days.
            key = "submitted.usual" if service.time_limit_days > 0 else "submitted.usual_spot"
            details.append(self.t(key, v=service.time_limit.get(self.lang)))
        if r.expected_completion is not None:
            details.append(
                self.t("submitted.expected", v=fmt_date(r.expected_completion, self.lang))
            )
        more = ""
        if service is not None and service.fee_cny > 0 and service.fee_pay is not None:
            # The whole fee line after the few words on the first page (still_to_do):
            # the kiosk takes no money (try-out 8, C4).
            pay_words = service.fee_pay
            if not self._receipt_in_hand(r) and service.fee_pay_without_receipt is not None:
                pay_words = service.fee_pay_without_receipt  # 凭回执 untrue (see still_to_do)
            fee, pay = service.fee.get(self.lang), pay_words.get(self.lang)
            more = self.t("submitted.fee", fee=fee, pay=pay)
        self.more.setText(more)
        self.more.setVisible(bool(more))
        # A short panel: the papers' names after the few words on the first page.
        names = self._names(r) if short and r.materials_to_bring else ""
        self.more_bring.setText(self.t("submitted.bring_short") + self._space() + names)
        self.more_bring.setVisible(bool(names))
        todo = self.still_to_do(r, short)
        # In large type where there is room; on a short panel in the body's, beside the
        # printer's message on the first page.
        set_role(self.bring, "body" if short else "heading")
        # No line of it ends with one character alone (try-out 19, E4: portrait 长辈模式
        # at 字号 4/4 put 明 of 还需到窗口：凭回执领取证明 on a line of its own).
        self.bring.setText("\n".join(no_widow(line) for line in todo.split("\n")))
        self.bring.setVisible(bool(todo))
        # A short panel: the details as one compact block (a line break costs a line).
        join = ("。" if self.lang == "zh" else ". ") if short else "\n"
        self.details.setText(join.join(details))
        self.details.setVisible(bool(details))
        self._show_take(r, short)
        # Once the layout has given the texts their room.
        QTimer.singleShot(0, self, self._paginate)

    def still_to_do(self, r: ApplyResult, short: bool) -> str:
        """What the citizen must still do at a counter before the service is done, from
        the catalog's data, or "" when nothing: a fee the kiosk cannot take (try-out 8,
        C4), papers to bring (a typed identity's document, a paper not photographed).

        Said in large type on the first page (try-out 14, C3: page 1 of an offline
        receipt said 您无需再来 while page 2 said the endorsement is made only once its
        fee is paid at the counter). On a short panel in a few words (the details say
        the whole fee line and the papers' names). The screen never says there is no
        visit left: the catalog does not say how every service's result is collected.
        """
        service = current_service(self.core)
        fee = service.fee.get(self.lang) if service is not None and service.fee_pay else ""
        fee = fee if service is not None and service.fee_cny > 0 else ""
        bring = r.materials_to_bring
        # The result collected at a counter, from the catalog (try-out 15, C3: 户籍证明开具
        # said 提交成功 and nothing of the 派出所户籍窗口 where the certificate is issued).
        values = self.core.sessions.current.form_values
        pickup = service.pickup_for(values) if service is not None else None
        receipt = self._receipt_in_hand(r)
        words = pickup.words(short, receipt).get(self.lang) if pickup is not None else ""
        owed = [self.t("submitted.todo.fee_short", fee=fee)] if fee else []
        owed += [words] if pickup is not None and pickup.at_counter else []
        # Posted (领取方式 邮寄): how it comes, a line of its own after what is owed at a
        # counter, never under 还需到窗口 (try-out 17, E6: the page said neither way).
        posted = pickup is not None and not pickup.at_counter
        sent = [self.t("submitted.delivery", what=words)] if posted else []
        # Saved offline, the counter can do nothing until the kiosk has delivered it: the
        # line says so itself, under the headline that says it waits (try-out 17, C10).
        todo = "submitted.todo_pending" if r.offline and not r.delivered else "submitted.todo_short"
        if short or not bring:
            parts = list(owed)
            if bring:
                one = len(bring) == 1
                key = "submitted.todo.bring_short." + ("one" if one else "many")
                parts.append(self.t(key, n=str(len(bring))))
            what = self.t("submitted.todo.and").join(parts)
            return "\n".join(([self.t(todo, what=what)] if parts else []) + sent)
        # Room for the papers' names: each is a thing to find at home.
        what = self.t("submitted.todo.and").join(owed)
        lines = [self.t(todo, what=what)] if owed else []
        # Under a line that named the counter already, the papers are "also" brought
        # there: "...to the counter" again on the next line read twice (try-out, C8).
        bring = "submitted.bring_too" if owed else "submitted.bring"
        lines.append(self.t(bring) + self._space() + self._names(r))
        return "\n".join(lines + sent)

    @staticmethod
    def _receipt_in_hand(r: ApplyResult) -> bool:
        """Whether the citizen has (or is being printed) a receipt to show at a counter.

        Not printed (paper out, or not known to have come out): 凭回执 would be untrue
        until one is reprinted, so the counter's lines say what the citizen holds instead,
        in the catalog's words (try-out 17, C3); a reprint that prints brings 凭回执 back."""
        return r.outcome is not ApplyOutcome.PRINTER_PROBLEM

    def _space(self) -> str:
        return "" if self.lang == "zh" else " "

    def _names(self, r: ApplyResult) -> str:
        """The papers to bring as one run (it wraps in less height than a line each)."""
        sep = "、" if self.lang == "zh" else "; "
        return sep.join(m.name.get(self.lang) for m in r.materials_to_bring)

    def _show_take(self, r: ApplyResult, short: bool = False) -> None:
        """请取走您的证件/回执: only what is really there to take (no paper, no receipt).

        Always spoken; on a short panel shown only for an ID document (the printer's
        message above already says to take a printed receipt, and "your belongings"
        is the general reminder that gives way to the advice about the QR code).
        """
        if r.outcome is ApplyOutcome.SAVED:
            self.take.hide()  # still printing: nothing to say yet
            return
        ident = self.core.sessions.current.identity
        card = ident is not None and ident.source is IdentitySource.CHIP
        card = card and not self._taken()  # gone from the reader: not asked
        receipt = r.outcome is ApplyOutcome.PRINTED
        key = TAKE_KEYS[(card, receipt)]
        # Shown, it names only what the lines above it do not: the box over it asks for
        # the document, the printer's line for the receipt (try-out 9, C4: 请取走您的身份证,
        # 回执已打印，请从出纸口取走, then 请取走您的证件和回执). Spoken whole: the voice reads
        # no box.
        asked = not self.take_card.isHidden() and not self._taken()
        shown = TAKE_KEYS[(card and not asked, False)]
        self._take_general = shown == TAKE_KEYS[(False, False)]  # see _paginate
        self.take.setText(self.t(shown))
        # (A short panel has no line to spare for the general reminder.)
        self.take.setVisible(not short or shown != "end.take.belongings")
        if self._take_said != key:
            self._take_said = key
            self.core.say(self.t(key))

    def _show_qr(self, code: str) -> None:
        side = self._qr_side()
        panel = self._panel()
        if panel.height() > panel.width():
            # A portrait panel has the height: the code as wide as its column (its hint's
            # width), not the smallest thing on a screen a third empty (try-out 15, E6).
            side = self._qr_column_width()
        self.qr.setMinimumSize(side, side)  # the same room whatever the symbol's size
        if self._qr_for != (code, side):
            # Once per receipt: the screen is drawn again when the printer answers and at
            # a language switch, with the same code (0.5-1 ms of the GUI thread each).
            self.qr.setPixmap(QPixmap.fromImage(qr_image(code, side)))
            self._qr_for = (code, side)
        self.qr.show()

    def _fit_number(self) -> None:
        """The number as large as the citizen's text size asks (twice the title), within
        the room the panel gives it: never smaller when the text grows.

        The room is worked out from the panel alone, never from the text step, so a
        larger step can only keep or raise the number's size (try-out finding: at 字号
        4/4 the number, the one thing to copy down, was drawn smaller). A panel with
        height to spare gives the number a row of its own when it does not fit beside
        the title (with 受理编号 after the title); a short one (1280x800) keeps it beside
        the title, in the width the title and 受理编号 leave at the largest text size.
        """
        tokens = self.ctx.tokens()
        panel = self._panel()
        left, _, right, _ = self.root.getContentsMargins()
        whole = self.width() - left - right - tokens.px(8)
        font = QFont(self.font())
        font.setBold(True)
        title = QFont(font)
        caption = QFont(self.font())
        short = panel.height() < TALL_PANEL_PX
        if short:
            largest = self._largest_tokens()
            title.setPixelSize(title_px(largest))
            caption.setPixelSize(largest.px(largest.small_px))
            room = whole - self._beside(title, caption, whole)
        else:
            room = whole
        font.setPixelSize(100)
        per_100 = max(1, QFontMetrics(font).horizontalAdvance(self.number.text()))
        px = min(tokens.px(tokens.title_px * 2), 100 * room // per_100)
        if not short and panel.width() > panel.height():
            # Room below for the pickup details and the QR code: a share of the height.
            px = min(px, panel.height() // NUMBER_SHARE)
        px = max(1, px)
        self.number.setStyleSheet(f"font-size: {px}px;")
        font.setPixelSize(px)
        title.setPixelSize(title_px(tokens))
        caption.setPixelSize(tokens.px(tokens.small_px))
        needed = (
            self._beside(title, caption, 1 << 30)  # the title's whole line
            + QFontMetrics(font).horizontalAdvance(self.number.text())
        )
        # (A long title, saved offline, takes its own row even on a short panel: beside
        # the number it would wrap into a column of words.)
        beside = needed <= whole
        self.top.setDirection(
            QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        )
        # A short panel whose title takes a row of its own (saved offline) has no height
        # for the QR code's hint: the messages beside the code say what it is for.
        self.hint.setVisible(not (short and not beside))
        # Beside the number, 受理编号 is pushed to it. With the number on a row of its own it
        # goes with the number, never after the title (try-out 7, E-f: it sat in the top
        # right corner, far from its number, and took the width that left "交" alone on
        # the title's second line): on a short panel before it (the number was sized with
        # room for 受理编号 beside it), on a tall one before it where the width allows (a
        # landscape panel), else just over its start (a portrait one: no row of height
        # taken from the texts below where there is width to spare).
        home = self.title_row if beside else self.number_row
        number_w = QFontMetrics(font).horizontalAdvance(self.number.text())
        caption_w = QFontMetrics(caption).horizontalAdvance(self.caption.text())
        over = not beside and not short and number_w + tokens.gap() + caption_w > whole
        self.number_row.setDirection(
            QBoxLayout.Direction.TopToBottom if over else QBoxLayout.Direction.LeftToRight
        )
        self.number_row.setSpacing(0 if over else tokens.gap())
        align = Qt.AlignmentFlag.AlignLeft if over else Qt.AlignmentFlag.AlignVCenter
        if home.indexOf(self.caption) < 0:
            (self.title_row if home is self.number_row else self.number_row).removeWidget(
                self.caption
            )
            home.insertWidget(0 if home is self.number_row else 1, self.caption, 0, align)
        else:
            home.setAlignment(self.caption, align)
        self.title_row.setStretch(0, 1 if beside else 0)
        self.title_row.setStretch(self.title_row.count() - 1, 0 if beside else 1)

    def _beside(self, title: QFont, caption: QFont, whole: int) -> int:
        """The width the title and 受理编号 take beside the number (a long title wraps)."""
        gap = self.ctx.tokens().gap()
        words = QFontMetrics(title).horizontalAdvance(self.title.text())
        label = QFontMetrics(caption).horizontalAdvance(self.caption.text())
        return min(words, whole // 3) + label + 2 * gap

    def _panel(self) -> QSize:
        """The panel's size: the window's, as configured (not as a layout stretched it)."""
        window = self.window()
        size = getattr(window, "panel_size", None)
        return size() if callable(size) else window.size()

    def _largest_tokens(self) -> Tokens:
        """This mode's tokens at the largest text step (字号 4/4)."""
        d = self.core.settings.display
        base = tokens_for(self.core.sessions.current.assisted, d.theme == "dark", d.px_per_mm)
        return personalise(base, len(TEXT_STEPS) - 1, "standard")

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-fit the tracking number (and the texts, for a panel of another kind)."""
        super().resizeEvent(event)
        result = handed_over(self.core.sessions.current.id)
        if result is not None and self._rendered_short not in (None, self._short_panel()):
            self._render(result)
        elif self.number.text():
            self._fit_number()
            QTimer.singleShot(0, self, self._paginate)

    def _print(self, draft: ApplicationDraft, saved: ApplyResult) -> None:
        not_printed = replace(saved, outcome=ApplyOutcome.PRINTER_PROBLEM)
        svc = apply_service(self.core)
        if svc is None:
            self._printed(not_printed)
            return
        self._printing = True
        started = False

        def start() -> None:
            # Once, from the paint or the timer, whichever comes first; also when the
            # screen has gone meanwhile (the application is saved: its receipt is due).
            nonlocal started
            if started:
                return
            started = True
            if isValid(self):
                self._start_print = None
                self.removeEventFilter(self)
            self.work(
                lambda: svc.print_receipt(draft, saved),
                self._printed,
                lambda _exc: self._printed(not_printed),
            )

        self._start_print = start
        self.installEventFilter(self)  # only until the paint: every event of the screen
        # Held by the window, not this screen: a session's end drops the screen, and the
        # receipt is still due; the window goes only when the kiosk stops.
        QTimer.singleShot(PRINT_AFTER_PAINT_MAX_MS, self.window(), start)

    def _printed(self, result: ApplyResult) -> None:
        self._printing = False
        # Printed (or not): the personal data in the draft can go, whoever's it was.
        for k, (_draft, r) in list(_HANDOVER.items()):
            if r.tracking_number == result.tracking_number:
                # The outbox may have been read while printing: keep what it said.
                result = replace(
                    result,
                    delivered=r.delivered,
                    refused=r.refused,
                    expected_completion=r.expected_completion,
                )
            _HANDOVER[k] = (None, result if r.tracking_number == result.tracking_number else r)
        if self.core.sessions.current.id not in _HANDOVER:
            return  # the session ended while printing; show nothing of it
        if self.core.screen() == Screen.SUBMITTED:
            self._render(result)

    def on_core_event(self, event: Event) -> None:
        """The printer is healthy again after the receipt failed: offer the print.

        Never by itself: the screen told the citizen to photograph the QR code or call
        staff, and they may have gone (the screen stays until the idle reset), leaving
        a receipt with their details in the tray. So the citizen still here taps
        Print (as on the ticket screen); once the session ends the job stays for a
        reprint by receipt number or by a technician. The driver cleared what the
        printer held when the paper ran out, so a tap makes the only copy.
        """
        if document_left(self.core, event):
            self._document_taken()
            return
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
        # The print offered comes where no control was: a tap already on its way there
        # is not taken for it (ui/tap_guard.py); the pager and the row stay put.
        self.ctx.before_change()
        self._render(result)  # unconfirmed: it may be in the tray, so no offer at all

    def _reprint(self) -> None:
        result = handed_over(self.core.sessions.current.id)
        identity = self.core.sessions.current.identity
        if result is None or result.tracking_number is None or identity is None:
            return
        tn, owner = result.tracking_number, identity.document_number
        printing, lang = self.core.backend.printing, self.lang
        self._printing = True
        self._render(result)
        self.work(
            lambda: printing.reprint_by_tracking_number(tn, owner, lang),
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
        self._leave(self._on)

    def _leave(self, then: Callable[[], None]) -> None:
        """Leave the receipt by ``then`` (评价, 继续办理其他事项), asking first where it did
        not print."""
        result = handed_over(self.core.sessions.current.id)
        unprinted = result is not None and result.outcome is ApplyOutcome.PRINTER_PROBLEM
        if unprinted and self.core.sessions.current.assisted:
            # The QR code on screen is the only receipt: leaving loses it for good.
            choice_for(self).ask_words("confirm.leave", lambda: then(), lambda: None)
            return
        then()

    def _on(self) -> None:
        if self._rated:
            self.goto(self.core.home(EndReason.FINISHED))  # rated already: the journey is done
            return
        self.goto(self.core.next())
