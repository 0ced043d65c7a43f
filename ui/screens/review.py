"""Review: everything the citizen is about to submit, with personal data masked.

The answers are shown as pages that fit the window (ui/widgets/pager.py), never as a
scrolling list: scrolling is the gesture elderly citizens most often miss. What is not
seen cannot be checked, so 确认提交 is enabled only once every page has been on the
screen; until then it says itself how many pages are left and the pager's
下一页 is the highlighted button (a careful counter clerk turns every page too).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontInfo, QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget
from shiboken6 import isValid

from kiosk.catalog import FieldType
from kiosk.events import Device, DeviceStatusChanged, Event
from kiosk.flow import Screen
from kiosk.services.apply import (
    ApplyOutcome,
    ApplyResult,
    apply_service,
    capturable_materials,
    draft_from_session,
    platform_offline,
)
from kiosk.services.form_rules import (
    HIDDEN_BIRTH_DATE,
    display_value,
    hidden_kinds,
    prefill,
    prefill_all,
)
from kiosk.tracking import shown_tracking_number
from ui.a11y import ASSISTED_LIMITS, NORMAL_LIMITS
from ui.layout_items import add_layout
from ui.screens.apply_common import (
    MessageLabel,
    current_service,
    message_label,
    printer_cannot_print,
    set_role,
)
from ui.screens.base import BaseScreen
from ui.screens.choice import ChoicePanel, choice_for, dismiss_choice
from ui.screens.submitted import hand_over
from ui.widgets.held_tap import HeldTap, first_unseen_page
from ui.widgets.pager import PagedGrid
from ui.widgets.room_label import RoomLabel

# Why a printer cannot print (ui.screens.apply_common.printer_cannot_print's answers).
PRINTER_STATES = ("paper_out", "cover_open", "offline", "error")


# 确认提交 held for pages not yet seen says so in this share of its type: the words that
# name what is left ("Submit: 3 pages left") are wider than 确认提交, and at its own type
# they widened the side column until the answers took 6 pages of 4 (字号 4/4 on 1280x800);
# "Submit: 3 to see", short enough, had no noun (try-out 15, C2). Still larger than the
# answers' own type, and dashed: a held control, not one to tap.
HELD_SCALE = 0.8
ANSWER_GAP_MM = 1.5  # between the review's answers: lines read, not tapped
ANSWER_TIGHT_GAP_MM = 0.5  # closer, where that spares a page of one line
# Form fields the identity fills that the lines over the answers already show (申请人,
# 证件号码): their answers are left out, not repeated.
SAID_ABOVE = ("identity.full_name", "identity.document_number")


class _GoesOn(QWidget):
    """A later line of a section, with the section's heading (续) over it where it opens
    a page. Its height for the pager is the line's alone: the pager adds the heading's
    room where the line opens a page (PagedGrid ``opening_extra``), so the pages do not
    change as the heading is shown or hidden."""

    def __init__(self, heading: QLabel, line: QLabel, gap: int, short: str = "") -> None:
        super().__init__()
        self.heading, self.line, self._gap = heading, line, gap
        # The heading's words, and shorter ones for where they and the line would not
        # fit one page together ("" where the section's name is short already).
        self.full, self.short = heading.text(), short
        lines = QVBoxLayout(self)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.setSpacing(gap)
        lines.addWidget(heading)
        lines.addWidget(line)

    def heading_room(self, width: int) -> int:
        """The heading's height at ``width`` and the gap under it."""
        self.heading.ensurePolished()
        return self.heading.heightForWidth(width) + self._gap

    def hasHeightForWidth(self) -> bool:
        """The line wraps."""
        return True

    def heightForWidth(self, width: int) -> int:
        """The line's height alone (see the class)."""
        self.line.ensurePolished()
        return self.line.heightForWidth(width)


class ReviewScreen(BaseScreen):
    """A masked summary and one Submit button (guarded against double taps)."""

    screen_id = Screen.REVIEW
    title_key = "review.title"
    # Spoken by the screen itself once its pages are laid out: the prompt and, when the
    # answers take more than one page, how many are left to see (长辈模式's voice).
    prompt_key = ""

    def build(self) -> None:
        """Summary pages, status line and the submit button."""
        self.prompt = QLabel()
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setObjectName("review_prompt")
        self.prompt.setProperty("role", "heading")
        self.prompt.setWordWrap(True)
        self.root.addWidget(self.prompt)
        # Said before 确认提交, not after: no paper receipt can come now, and what the
        # citizen gets instead (try-out 5, item 5: an elderly citizen without a phone
        # had already committed when the receipt screen said so). Under the prompt, over
        # the answers (see below): the side column was too narrow for it in 长辈模式.
        # No room kept while the printer can print (kept, it cost the answers 73 px on
        # every review: at 字号 2/4 they took a second page on a 1920x1080 panel). Laid out
        # as the page is (arrival, language, back from 确认提交吗？): a printer failing
        # while the review is open is said in the line over 确认提交, whose room is kept,
        # and in full by 确认提交 itself, which then asks first — never a notice over the
        # page the citizen is reading (try-out 11, C5), nor the page moving under a finger
        # (#14). Shown, the note keeps the room of the tallest thing it may say, so a new
        # fault or the printer's return changes its words in place.
        self.printer_note = RoomLabel()
        self.printer_note.setObjectName("review_printer")
        self.printer_note.setProperty("role", "warning")
        self.printer_note.hide()
        self._said = ""  # what the page last said of the printer
        # The printer's state said in the line over 确认提交 (its failing or its return
        # while the review was open, the note not on the page), or "".
        self._printer_line = ""
        # Text lines, not targets: a row needs only its text's height. The buttons' row
        # is there only when there are pages to turn (the answers are fixed while here).
        self.pager = PagedGrid(
            self.ctx.tokens(),
            "review_pager",
            lang=self.lang,
            min_row_mm=0,
            # Its page buttons stand in the side column (below): the pages take the
            # whole height of theirs, whether there is one page or more.
            keep_nav_room=True,
            nav_width=self._nav_room,
            # Lines of text, not targets: a line's own leading apart, so more answers
            # share a page (try-out 6, item 14: 7 pages for 4 answers in 长辈模式 at 4/4,
            # many with one line).
            row_gap_mm=ANSWER_GAP_MM,
            opening_extra=self._continued_room,
            # A last line alone on a page of its own: the lines close up instead
            # (try-out 10, C4: 费用 alone on page 2, 确认提交 held until it was seen).
            tight_gap_mm=ANSWER_TIGHT_GAP_MM,
        )
        # New pages (a new size, new texts) change what is left to see, and which lines
        # open a page in the middle of their section (they show its heading, 续).
        self.pager.laid_out.connect(self._follow_sections)
        self.pager.laid_out.connect(self._follow_pages)
        self.pager.laid_out.connect(lambda: self._gate() if hasattr(self, "_lines") else None)
        self._spoken = False  # the prompt is said once the first page is painted
        self._spoken_page = 0
        self._painted_pending = False
        self._index: dict[int, int] = {}  # id(item) -> its place in the summary
        # On a landscape panel the status line and 确认提交 stand right of the pages (the
        # height goes to the answers); in portrait they sit under them.
        self.columns = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.columns.setSpacing(self.ctx.tokens().px(32))
        # The note over the pages, in their column: on a landscape panel the side column
        # keeps its whole height for 确认提交 and the lines over it (the note across the
        # page pushed 确认提交 17 px off a 1280x800 panel in 长辈模式 and squeezed the
        # status line over it).
        answers = QVBoxLayout()
        answers.setSpacing(self.root.spacing())
        answers.addWidget(self.printer_note)
        answers.addWidget(self.pager, 1)
        add_layout(self.columns, answers, 2)
        side = QVBoxLayout()
        side.setSpacing(self.root.spacing())
        side.addStretch(1)
        # The page buttons over the status line and 确认提交, not under the answers: in
        # 长辈模式 at 字号 4/4 on 1280x800 their row took a quarter of the answers' height,
        # and the review ran to 7 pages for 4 answers (try-out 6, item 14). The page's
        # number over them, on a line of its own (the column is narrow).
        nav = self.pager.layout().takeAt(1)
        inner = nav.layout() if nav is not None else None
        turn = QHBoxLayout()
        turn.setSpacing(self.root.spacing())
        for w in (self.pager.label, self.pager.prev, self.pager.next):
            if inner is not None:
                inner.removeWidget(w)
            policy = w.sizePolicy()
            policy.setRetainSizeWhenHidden(False)
            w.setSizePolicy(policy)
        side.addWidget(self.pager.label)
        turn.addWidget(self.pager.prev)
        turn.addWidget(self.pager.next)
        add_layout(side, turn)
        self.status = message_label("review_status")
        side.addWidget(self.status)
        self.submit_btn = self.button("review.submit", self._submit, role="primary")
        self.submit_btn.setObjectName("btn_submit")
        self._submit_fonts: tuple[QFont, QFont] | None = None
        HeldTap(self.submit_btn, self._held_tap, self.ctx.renew)
        side.addWidget(self.submit_btn)
        add_layout(self.columns, side, 0)
        add_layout(self.root, self.columns, 1)
        self._busy = False
        self._status_key = ""
        self._status_fmt: dict[str, str] = {}
        self._seen: set[int] = set()  # the summary's items (by place) that have been shown
        # The pages of the layout on display that have been on the screen, and that
        # layout (which item on which page): "N 页都已看过" only when these are all.
        self._shown_pages: set[int] = set()
        self._pages_key: tuple[int, ...] = ()
        self._left = True  # entered from another screen next time

    def _nav_room(self) -> int:
        """The width the page buttons have: the side column's (the page's, in portrait)."""
        width = self.submit_btn.width() if hasattr(self, "submit_btn") else 0
        return width if width > 0 else self.width()

    def enter(self) -> None:
        """Fill the summary from the session; coming from another screen, no page of it
        has been seen yet (the window also re-enters the screen on display: no change)."""
        if self._left:
            self._left = False
            self._printer_line = ""  # a new visit to the page: said as it is now
            self._seen = set()
            self._shown_pages = set()
            self._spoken = False
        if not self._busy:
            self._status_key = ""
        self._set_prompt()  # this form's answers: what it hides
        self._render()
        if self.isVisible():
            self._printer_changed()  # re-entered on display: the page as it is
        else:
            self._show_printer_note()
        tracking = self.core.sessions.current.tracking_number
        if tracking:
            self._say("review.already", role="warning", v=shown_tracking_number(tracking))
        self._gate()
        self._question_alone()

    def _question_alone(self) -> None:
        """An open 确认提交吗？ stays the one thing on the page through a new rendering."""
        panel = getattr(self, "_choice_panel", None)
        if panel is not None and panel.asking():
            panel.keep_alone()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Status and 确认提交 beside the pages on a landscape panel, under them in portrait."""
        wide = self.width() > self.height()
        self.columns.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        self.columns.setStretch(1, 1 if wide else 0)
        self._set_prompt()
        super().resizeEvent(event)

    def prompt_text(self) -> str:
        """The heading: what to do, and what of this form is shown masked (only that)."""
        session = self.core.sessions.current
        service = current_service(self.core)
        fields = service.form if service is not None else ()
        values = {**session.form_values, **prefill_all(fields, session.identity)}
        kinds = hidden_kinds(fields, values, session.identity)
        ends = [self.t(f"review.hidden.{k}") for k in kinds if k != HIDDEN_BIRTH_DATE]
        parts = []
        if ends:
            listed = self.t("review.hidden.comma").join(ends[:-1])
            listed += self.t("review.hidden.and") if listed else ""
            parts.append(self.t("review.hidden.ends", kinds=listed + ends[-1]))
        if HIDDEN_BIRTH_DATE in kinds:
            parts.append(self.t("review.hidden.birth_date"))
        if any(f.type is FieldType.ADDRESS and values.get(f.id) for f in fields):
            # Shown whole on purpose (checked by reading all of it, it names no one next
            # to a masked name): said so, or the masking promise looked selective
            # (try-out 8, C2).
            parts.append(self.t("review.shown.address"))
        if not parts:
            return self.t("review.prompt_short")
        hidden = self.t("review.hidden.semicolon").join(parts)
        return self.t("review.prompt", hidden=hidden)

    def _set_prompt(self) -> None:
        # The whole prompt, unless it would take a big share of a short panel (字号 4/4).
        # It says what is shown: the name and numbers partly hidden, as everywhere.
        self.prompt.setText(self.prompt_text())
        width = self.width() - self.root.contentsMargins().left() * 2
        if self.prompt.heightForWidth(max(1, width)) * 6 > self.height():
            self.prompt.setText(self.t("review.prompt_short"))

    def showEvent(self, event: QShowEvent) -> None:
        """Lay the pages out at the size now shown."""
        super().showEvent(event)
        self._pages_without_their_row()
        self.pager.relayout()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """An answer painted on the screen has been seen (never one merely laid out)."""
        if event.type() == QEvent.Type.Paint:
            i = self._index.get(id(watched))
            page = self.pager.page_of(watched) if i is not None else -1
            new_page = i is not None and page not in self._shown_pages
            if new_page:
                self._shown_pages.add(page)
            if i is not None and (i not in self._seen or new_page):
                self._seen.add(i)
                if not self._painted_pending:
                    # After the paint: what is shown around it may change (not during it).
                    self._painted_pending = True
                    QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        self._painted_pending = False
        if not isValid(self):
            return
        self._gate()
        page = self.pager.page()
        if not self._spoken:
            self._spoken, self._spoken_page = True, page
            self.core.say(" ".join(t for t in (self.prompt_text(), self._hint()) if t))
        elif page != self._spoken_page:
            # A page turned: say which, and what is left (长辈模式 only, as every prompt).
            self._spoken_page = page
            n, total = page + 1, self.pager.page_count()
            self.core.say(f"{self.t('pager.page', n=n, total=total)} {self._hint()}")

    def _hint(self) -> str:
        left, total = self.pages_left(), self.pager.page_count()
        if left:
            key = "review.pages_left.one" if left == 1 else "review.pages_left.many"
            return self.t(key, n=left, total=total)
        if total <= 1:
            return ""
        if self._shown_pages >= set(range(total)):
            return self.t("review.pages_seen", total=total)
        # Every answer was on the screen, not every page of this layout: seen in the
        # other language, or at another size, the pages split elsewhere. Said so, and
        # 确认提交 stays open (nothing to read again): "2 页都已看过" was said of a page 2
        # never shown in 中文 (try-out 12, N4).
        return self.t("review.answers_seen")

    def _follow_pages(self) -> None:
        """Pages split anew (a language, a size): which were shown is counted afresh."""
        items = self.pager.items()
        key = tuple(self.pager.page_of(w) for w in items)
        if key != self._pages_key:
            self._pages_key = key
            self._shown_pages = set()
            for w in items:
                if w.isVisible() and id(w) in self._index:
                    # On the screen now: painted as the layout settles.
                    w.update()

    def leave(self) -> None:
        """An open question is dropped unanswered when the screen is left."""
        self._left = True
        dismiss_choice(self)

    def retranslate(self) -> None:
        """Texts in the current language."""
        super().retranslate()
        if hasattr(self, "pager"):
            self._set_prompt()
            # The same answers in another language: the pages seen stay seen.
            self._render(keep_page=True)
            self._show_printer_note()
            if self.status.isVisible() and self._status_key:
                self.status.setText(self.t(self._status_key, **self._status_fmt))
            self._gate()

    # --- the printer, before submitting ------------------------------------------------

    def printer_note_text(self, state: str | None = None) -> str:
        """Why no paper receipt can be printed now (or in ``state``) and what the citizen
        gets instead, or "" while the printer can print (or its state is not known yet)."""
        state = printer_cannot_print(self.core) if state is None else state
        if not state:
            return ""
        why = self.t(f"apply.print.failed.{state}")
        return f"{why}{'' if self.lang == 'zh' else ' '}{self.t('review.no_paper')}"

    def _network_note(self) -> str:
        """Offline: what submitting does now (saved here, sent by the kiosk later), or ""."""
        return self.t("review.offline_note") if platform_offline(self.core) else ""

    def _submit_note(self) -> str:
        """确认提交吗？'s note: the network's state, then the printer's, each while true.
        The standard page has the bar's long words (离线办理中，联网后自动发送) beside
        确认提交; the question covers the page, and 长辈模式 asks it every time, so it says
        so itself (try-out 17, E5: offline, the question said nothing of it)."""
        notes = [self._network_note(), self.printer_note_text()]
        return "\n".join(n for n in notes if n)

    def _submit_words(self) -> list[str]:
        """Every note 确认提交吗？ may say, for the room it keeps (the network may go or
        come back while it is up, the printer too)."""
        printer = self._printer_words()
        offline = self.t("review.offline_note")
        return [*printer, offline, *(f"{offline}\n{p}" for p in printer)]

    def _printer_words(self) -> list[str]:
        """Everything said of the printer on this page, for the room kept for it."""
        notes = [self.printer_note_text(state) for state in PRINTER_STATES]
        return [*notes, self.t("review.printer_back")]

    def _asking(self) -> ChoicePanel | None:
        """The open 确认提交吗？ question, if one is up."""
        panel = getattr(self, "_choice_panel", None)
        return panel if isinstance(panel, ChoicePanel) and panel.asking() else None

    def _show_printer_note(self) -> None:
        """The note as the page is laid out (arrival, language): there while it is true.
        While 确认提交吗？ is up the question carries it, in the room it keeps for it,
        and the page's note waits for the question to go (try-out 10, E1: shown over
        the question, it pushed 确认提交 ~860 px down under the elder's finger)."""
        text = self.printer_note_text()
        self.printer_note.set_alternatives(self._printer_words())
        self.printer_note.setText(text)
        self._said = text
        panel = self._asking()
        if self._elder():
            # Said where the decision is: the line over 确认提交 (its room kept) and, in
            # full with the choice to wait for staff, 确认提交吗？ — never the page's note
            # as well (try-out 11, E7: a notice, the page's note and the question said it
            # three times over). The line was missing in 长辈模式 (try-out 14, E1: the
            # elderly citizen, who most needs it, had no word of it before deciding).
            text = ""
            self._elder_line()
        if panel is not None:
            panel.renote()
            panel.hold(self.printer_note, bool(text))
            return
        if self._printer_line and not self._elder():
            self._printer_line = ""  # the page's note says it now (or there is none to say)
            self._gate()
        if bool(text) != self.printer_note.isVisible() and self.isVisible():
            self.ctx.before_change()  # a new language re-lays the page anyway
        self.printer_note.setVisible(bool(text))

    def _printer_changed(self) -> None:
        """The printer's state changed with the review on display: said without moving
        anything on the page under a finger."""
        text = self.printer_note_text()
        back = self.t("review.printer_back")
        if self._elder():
            # Neither the page's note nor the line over 确认提交: the question says it (in
            # place, if it is up), see _show_printer_note.
            self._show_printer_note()
            return
        if self._asking() is not None:
            # The question says it in place (its room is kept), the page's note waits
            # for the question to go (try-out 11, C5: no notice over it).
            before = self._said
            self._show_printer_note()
            if text and text != before:
                self.core.say(text)  # 长辈模式: what came without a tap is spoken too
            return
        if self.printer_note.isVisible():
            # Its room is kept for the tallest of its words: the new ones in place.
            self.printer_note.setText(text or back)
            self._said = text or back
            if self._printer_line:  # one place says the printer (try-out 13, C9)
                self._printer_line = ""
                self._gate()
            return
        # No room on the page for the note (none is kept while the printer prints): the
        # line over 确认提交, whose room is kept, says it where the decision is, and
        # 确认提交 asks first with the whole note (_submit). Not a notice popping over
        # the page being read (try-out 11, C5). Its return is said there too.
        state = printer_cannot_print(self.core)
        if text:
            if text != self._said:
                self.core.say(text)
            self._said = text
            self._printer_line = state
        elif self._printer_line:
            self._said = ""
            self._printer_line = "back"
        self._gate()

    def _elder_line(self) -> None:
        """长辈模式: the line over 确认提交 says the printer as it is now; its return only
        after a failure said on this visit to the page."""
        state = printer_cannot_print(self.core)
        line = state or ("back" if self._printer_line else "")
        if line != self._printer_line:
            self._printer_line = line
            if hasattr(self, "_lines"):
                self._gate()

    def _elder(self) -> bool:
        return bool(self.core.sessions.current.assisted)

    def _wait_words(self) -> str:
        """The question's second answer while the printer cannot print: 返回检查 becomes
        wait for staff (back on the review, staff called), a choice as true as 确认提交."""
        state = printer_cannot_print(self.core)
        if not state:
            return ""
        return self.t("review.wait_paper" if state == "paper_out" else "review.wait_printer")

    def _wait_for_staff(self) -> None:
        """Not submitted: staff called (as the top bar's button calls them), the review
        back, to be submitted once the printer prints again."""
        self._show_printer_note()
        # Why, for the hall's console: staff bring a paper roll (try-out 14, K4).
        state = printer_cannot_print(self.core)
        self.ctx.call_staff(f"printer.{state}" if state else None)

    def printer_line_texts(self) -> list[str]:
        """The line over 确认提交 about the printer (see _printer_changed), longest words
        first, or none."""
        if not self._printer_line:
            return []
        tiny = self.t(f"review.printer_tiny.{self._printer_line}")
        if self._printer_line == "back":
            return [self.t("review.printer_back"), self.t("review.printer_back.short"), tiny]
        why = self.t(f"apply.print.failed.{self._printer_line}")
        said = f"{why}{'' if self.lang == 'zh' else ' '}{self.t('review.printer_line')}"
        # What it means before what is wrong alone: no receipt will print (try-out 15, E7).
        mid = [self.t(f"review.printer_mid{k}", tiny=tiny) for k in ("", "_short", "_tiny")]
        means = self.t(f"review.printer_means.{self._printer_line}")
        return [said, *mid, means, why, tiny]

    def on_core_event(self, event: Event) -> None:
        """The printer's state changed: the note before 确认提交 follows it; the network's:
        确认提交吗？, if up, says it as it is now."""
        if isinstance(event, DeviceStatusChanged) and event.device == Device.PRINTER:
            if self.isVisible():
                self._printer_changed()
            else:
                self._show_printer_note()
        elif isinstance(event, DeviceStatusChanged) and event.device == Device.PLATFORM:
            panel = self._asking()
            if panel is not None:
                panel.renote()

    # --- the summary as pages ---------------------------------------------------------

    def _add(self, text: str, role: str = "body", name: str = "") -> None:
        w = QLabel(text)
        w.setProperty("role", role)
        w.setWordWrap(True)
        w.setTextFormat(Qt.TextFormat.PlainText)
        if name:
            w.setObjectName(name)
        elif role != "heading":
            w.setObjectName("review_line")  # must-see: the demo panel keeps off it (R2)
        if role == "heading":
            self._section = text  # the service's line heads the applicant's lines
            self._section_short = (
                self.t("review.continued", head=self.t("review.applicant_head"))
                if name == "review_service"
                else ""
            )
        if role == "heading" and name == "":
            if self._heading is not None:  # an empty section: its heading stands alone
                self._lines.append(self._heading)
            self._heading = w  # a section's heading: it goes with the section's first line
            return
        if self._heading is not None:
            w = self._item(self._heading, w)
            self._heading = None
        elif role != "heading" and self._section:
            # A later line of a section: its heading again, marked 续, where it opens a
            # page (shown by _follow_sections once the pages are laid out).
            again = QLabel(self.t("review.continued", head=self._section))
            again.setObjectName("review_continued")
            again.setProperty("role", "heading")
            again.setWordWrap(True)
            again.setTextFormat(Qt.TextFormat.PlainText)
            again.hide()
            item = _GoesOn(again, w, self.ctx.tokens().gap(), self._section_short)
            self._continued[id(item)] = again
            w = item
        self._lines.append(w)

    def _item(self, heading: QLabel, line: QLabel) -> QWidget:
        """A heading and a line as one item of the pages: never split between two."""
        item = QWidget()
        lines = QVBoxLayout(item)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.setSpacing(self.ctx.tokens().gap())
        lines.addWidget(heading)
        lines.addWidget(line)
        return item

    def _continued_room(self, item: QWidget, width: int) -> int:
        """How much taller ``item`` is where it opens a page: its section's heading."""
        return self._heading_room_if_fits(item, width)

    def _heading_room_if_fits(self, item: QWidget, width: int) -> int:
        """The room of ``item``'s 续 heading, in the longest of its words that fit one page
        with the line (in English at 字号 4/4 the service's name as a heading wrapped to
        five lines in a narrow column: with the ID number under it, taller than the page,
        the line was cut; 申请人（续） / "Applicant (continued)" then), or 0 where none
        does: the line then opens its page alone."""
        if not isinstance(item, _GoesOn):
            return 0
        page = self.pager.area.height()
        line = item.heightForWidth(width)
        for words in (item.full, item.short):
            if not words:
                continue
            if item.heading.text() != words:
                item.heading.setText(words)
            room = item.heading_room(width)
            if page <= 0 or room + line <= page:
                return room
        return 0

    def _follow_sections(self) -> None:
        """A page that begins in the middle of a section begins with its heading,
        marked （续） / (continued), as the guide's 所需材料（续）: page 2 of the review
        held one line, 往来港澳通行证（电子）：已拍摄, under no heading (try-out 8, C6).
        The pages were packed with that heading's room (``opening_extra``)."""
        marks = getattr(self, "_continued", {})
        if not marks:
            return
        pager = self.pager
        last_page = -1
        for w in pager.items():
            p = pager.page_of(w)
            opens = p != last_page and p > 0
            last_page = p
            label = marks.get(id(w))
            if opens and label is not None:
                opens = self._heading_room_if_fits(w, pager.area.width()) > 0
            if label is not None and label.isHidden() == opens:
                label.setVisible(opens)

    def _render(self, keep_page: bool = False) -> None:
        self._lines: list[QWidget] = []
        self._heading: QLabel | None = None
        self._section = ""
        self._section_short = ""
        self._continued: dict[int, QLabel] = {}
        self._fill()
        if self._heading is not None:  # a heading with nothing under it still shows
            self._lines.append(self._heading)
        # Seen is counted by place: the same answers in another language stay seen.
        self._index = {id(w): i for i, w in enumerate(self._lines)}
        for w in self._lines:
            w.installEventFilter(self)
        self.pager.set_language(self.lang)
        self.pager.set_items(self._lines, keep_page=keep_page)

    def _pages_without_their_row(self) -> None:
        """Under the answers (a portrait panel) the page buttons' row is there only when
        there are pages to turn: the pages are made in the room the answers have without
        it, and where every line fits there, no row ever shows (try-out 12, N6: a row
        left from a layout made before the screen was shown took the room of three
        lines, which went to a second page). Done as the screen is shown, before its
        first paint: a row that is needed comes then, not later, so nothing moves."""
        if self.width() > self.height() or len(self._shown_pages) > 1:
            return  # (pages turned already: the row they were turned with stays)
        nav = [w for w in (self.pager.label, self.pager.prev, self.pager.next) if w is not None]
        if not any(w.isVisibleTo(self) for w in nav):
            return
        for w in nav:
            w.hide()
        self.root.activate()  # the answers' column takes the row's room now

    def _held_tap(self) -> None:
        """确认提交 tapped while held for pages not seen: the next of them (try-out 15, C1)."""
        if self._busy or self.core.sessions.current.tracking_number:
            return
        items = self.pager.items()
        unseen = {self.pager.page_of(w) for i, w in enumerate(items) if i not in self._seen}
        page = first_unseen_page(unseen, self.pager.page())
        if page is not None:
            self.pager.show_page(page)

    def pages_left(self) -> int:
        """How many pages hold an answer not yet painted on the screen."""
        items = self.pager.items()
        return len({self.pager.page_of(w) for i, w in enumerate(items) if i not in self._seen})

    def _submit_type(self) -> tuple[QFont, QFont]:
        """确认提交's own type and the smaller one of its held words (see HELD_SCALE)."""
        b = self.submit_btn
        if self._submit_fonts is None:
            b.ensurePolished()
            full = QFont(b.font())  # the style's (no size of the button's own set yet)
            held = QFont(full)
            px = QFontInfo(full).pixelSize()
            # Never under the mode's least type (长辈模式: 30 px; at 字号 1/4 its 36 px
            # held words came to 29).
            assisted = self.core.sessions.current.assisted
            least = (ASSISTED_LIMITS if assisted else NORMAL_LIMITS).min_text_px
            held.setPixelSize(max(least, round(px * HELD_SCALE)))
            # Its height at its own type, kept when the held words are smaller: nothing
            # around it moves when it opens.
            b.setMinimumHeight(b.sizeHint().height())
            self._submit_fonts = (full, held)
        return self._submit_fonts

    def _fit_submit(self) -> None:
        """确认提交 as wide as the longest thing it may say (held, it names itself and the
        pages left: try-out 14, E11), so its words are never cut and it never changes
        width as they change: the side column gives way to it, the answers take the rest."""
        b = self.submit_btn
        full, held = self._submit_type()
        many = self.t("review.pages_left.many", n=9)
        widths = (
            QFontMetrics(full).horizontalAdvance(self.t("review.submit")),
            QFontMetrics(held).horizontalAdvance(self.t("review.pages_left.one")),
            QFontMetrics(held).horizontalAdvance(many),
        )
        pad = 2 * self.ctx.tokens().px(20) + 2 * self.ctx.tokens().outline_px
        need = max(widths) + pad + 8
        if b.minimumWidth() != need:
            b.setMinimumWidth(need)

    def _held_type(self, held: bool) -> None:
        """The held words in their smaller type, 确认提交 in its own."""
        px = QFontInfo(self._submit_type()[1]).pixelSize()
        sheet = f"font-size: {px}px;" if held else ""
        if self.submit_btn.styleSheet() != sheet:
            self.submit_btn.setStyleSheet(sheet)

    def _gate(self) -> None:
        """Submit once every page was seen; the line above it says what is left."""
        self._fit_submit()
        left = self.pages_left()
        tracking = self.core.sessions.current.tracking_number
        self.submit_btn.setEnabled(not self._busy and not tracking and left == 0)
        # Held for pages not yet seen, it says so itself: a pale, dashed 确认提交 read as
        # one to tap (try-out 10, C4); its words come back once every page was seen.
        waiting = bool(left) and not self._busy and not tracking
        words = self._hint() if waiting else self.t("review.submit")
        self._held_type(waiting)
        if self.submit_btn.text() != words:
            self.submit_btn.setText(words)
        # 下一页 stands out while it leads somewhere unseen.
        nxt = self.pager.next
        want = "primary" if left and nxt.isEnabled() else "secondary"
        if nxt.property("role") != want:
            set_role(nxt, want)
        if self._status_key:
            return  # an outcome (submitting, not saved, already submitted) says more
        panel = getattr(self, "_choice_panel", None)
        if panel is not None and panel.asking():
            return  # 长辈模式's 确认提交吗？ stands alone; the line comes back with the pages
        lines = self.printer_line_texts()
        if lines:
            # The printer, said where the decision is, in the line's kept room: the
            # longest words that fit it (a narrow column at a large 字号 takes the
            # printer's own words, 确认提交 then says the rest), boxed as a warning where
            # the box fits too, so nothing moves.
            self._printer_status(lines)
            return
        hint = self._hint()
        if waiting:
            # The held button says what is left: the line over it keeps its room, empty.
            self.status.hide()
        elif hint:
            # Plain words, not a boxed message: boxed, it was taken for a button (try-out 4,
            # 12i); 下一页, lit up beside it, is where the finger goes.
            set_role(self.status, "body")
            self.status.setText(hint)
            self.status.show()
        else:
            self.status.hide()

    def _printer_status(self, lines: list[str]) -> None:
        """The longest of ``lines`` that fits the line's room, boxed as a warning where the
        box fits too; none where nothing does (长辈模式 at 字号 4/4 in a narrow column:
        确认提交 says it in full, and 长辈模式's voice said it as it came)."""
        status = self.status
        width = status.width() or self.submit_btn.width()
        height = status.height()  # its room is kept while hidden: the room it has
        line = ""
        # The longest words first, boxed or plain: what it means for the receipt before
        # the box (try-out 15, E7: boxed, only 打印机缺纸。 fitted, and said nothing of it).
        for line in lines:
            for role in ("warning", "body"):
                if status.property("role") != role:
                    set_role(status, role)
                if not isinstance(status, MessageLabel) or status.fits(line, width, height):
                    break
            else:
                continue
            break
        else:
            line = ""
        if not line:
            status.hide()
            return
        if status.text() != line:
            status.setText(line)
        status.show()

    def _fill(self) -> None:
        session = self.core.sessions.current
        service = current_service(self.core)
        if service is None:
            return
        lang = self.lang
        self._add(
            self.t("review.service", v=service.name.get(lang)),
            role="heading",
            name="review_service",
        )
        ident = session.identity
        if ident is not None:
            source = self.t(f"review.source.{ident.source.value}")
            # Masked as on paper (王*明, WANG X*******): its holder knows it, the queue cannot.
            self._add(self.t("review.applicant", v=ident.masked_name()), name="review_name")
            self._add(
                self.t("review.id_number", v=ident.masked_number()) + " " + source,
                name="review_id",
            )
        agent = session.agent
        if agent is not None:
            self._add(self.t("review.agent", v=agent.masked_name()), name="review_agent")
            self._add(
                self.t("review.agent_id", v=agent.masked_number())
                + " "
                + self.t(f"review.source.{agent.source.value}"),
                name="review_agent_id",
            )
        # As submitted: identity fields always come from the identity (draft_from_session).
        values = {**session.form_values, **prefill_all(service.form, ident)}
        # The name and the number read from the identity are the two lines just above:
        # not said twice (try-out 9, C4: 申请人/证件号码, then 申请人姓名/身份证件号码 again).
        answers = [
            f
            for f in service.form
            if not (f.prefill in SAID_ABOVE and prefill(f, ident) is not None)
        ]
        if answers:
            self._add(self.t("review.form"), role="heading")
            for f in answers:
                value = values.get(f.id, "")
                shown = display_value(f, value, lang, masked=True)
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
        if service.fee_cny > 0 and service.fee_pay is not None:
            # The kiosk takes no money: the fee and how/where it is paid, before submitting
            # (try-out 8, C4: said only in the guide, it was forgotten by the receipt).
            self._add(self.t("review.fee_head"), role="heading")
            fee, pay = service.fee.get(lang), service.fee_pay.get(lang)
            self._add(self.t("review.fee", fee=fee, pay=pay), name="review_fee")

    def _say(self, key: str, role: str = "error", **fmt: str) -> None:
        self._status_key, self._status_fmt = key, fmt
        set_role(self.status, role)
        self.status.setText(self.t(key, **fmt))
        self.status.show()

    def _submit(self) -> None:
        if self._busy or self.core.sessions.current.tracking_number or self.pages_left():
            return
        if self.core.sessions.current.assisted or (
            self.printer_note_text() and not self.printer_note.isVisible()
        ):
            # 长辈模式 always asks; standard mode asks when the printer failed with the
            # review open: the whole note, what to do instead, before the step that
            # cannot be undone (the page's line said it in short; try-out 11, C5).
            self._ask_submit()
            return
        self._submit_now()

    def _ask_submit(self) -> None:
        """Submitting cannot be undone: in assisted mode ask first, in plain words (with
        the printer's note: no paper receipt will come)."""
        choice_for(self).ask_words(
            "confirm.submit",
            self._submit_now,
            self._show_printer_note,  # back on the page: its note as the printer is now
            note=self._submit_note,
            note_room=self._submit_words,
            instead=(self._wait_words, self._wait_for_staff),
            # Every answer stays on the review (submitting waits on it for the save): the
            # page's content back before the answer says what is true on it, or the
            # line over 确认提交, hidden by the answer, came back with the content still
            # saying the printer was offline beside the note saying it was back
            # (try-out 13, C9).
            relays=True,
        )

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
        self._say("review.submitting", role="warning")
        self._gate()
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
        self._say(
            {
                ApplyOutcome.INCOMPLETE: "review.incomplete",
                ApplyOutcome.STORAGE_FULL: "review.storage_full",
            }.get(result.outcome, "review.not_saved")
        )
        self._gate()
