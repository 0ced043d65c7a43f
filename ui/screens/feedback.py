"""Feedback and complaints: pick a category, then say it with phrases or the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QSpacerItem, QWidget

from kiosk.events import Device, DeviceStatusChanged, Event, Health
from kiosk.flow import Screen
from kiosk.printing import PrintResult
from kiosk.services.contact import mask_phone
from kiosk.services.feedback import Feedback, FeedbackCategory, Problem, SendResult
from kiosk.tracking import shown_tracking_number
from ui.i18n import tr
from ui.screens.apply_common import message_label, printer_cannot_print
from ui.screens.choice import choice_for
from ui.screens.entry_page import give_strips_room
from ui.screens.service_base import ServiceScreen, print_message_key
from ui.widgets.contact_consent import ContactConsent
from ui.widgets.fit_label import reads_whole
from ui.widgets.pager import PagedGrid
from ui.widgets.text_composer import TextComposer
from ui.widgets.tile import Tile

# The complaint slip's own words for a print that did not work (the shared ones promise
# a reprint from staff: a slip has no stored copy a citizen can ask for).
_SLIP_WORDS = {
    "svc.print.failed": "feedback.print.failed",
    "svc.print.paper_out": "feedback.print.paper_out",
    "svc.print.unconfirmed": "feedback.print.unconfirmed",
}
SLIP_FAILED = ("feedback.print.failed", "feedback.print.paper_out")
# The print button is offered before the first print and after a failure (again).
# (Not after paper out: it would fail the same way; offered again once the paper is back.)
SLIP_OFFERED = ("", "feedback.print.failed", "svc.print.printer_back")

# Stock phrases by category: a complaint offers complaints only, praise only praise.
PHRASES_BY_CATEGORY: dict[FeedbackCategory, list[str]] = {
    FeedbackCategory.COMPLAINT: [
        "feedback.phrase.wait",
        "feedback.phrase.staff_bad",
        "feedback.phrase.slow",
        "feedback.phrase.machine",
        "feedback.phrase.unclear",
        "feedback.phrase.callback",
    ],
    FeedbackCategory.SUGGESTION: [
        "feedback.phrase.guide",
        "feedback.phrase.more_kiosks",
        "feedback.phrase.hours",
        "feedback.phrase.callback",
    ],
    FeedbackCategory.PRAISE: ["feedback.phrase.staff_good", "feedback.phrase.fast"],
    FeedbackCategory.QUESTION: ["feedback.phrase.callback"],
}
PHRASES = list(dict.fromkeys(k for keys in PHRASES_BY_CATEGORY.values() for k in keys))
# The ready phrase that asks to be contacted: words holding it open the reply's number
# (try-out 13, C3: "请工作人员联系我" was sent with no number, and the thanks promised a
# call-back no one could make).
CALL_ME = "feedback.phrase.callback"


def asks_to_be_contacted(text: str) -> bool:
    """The words hold the call-me phrase, in either language (a phrase is put in the
    language of the moment, and the citizen may switch after)."""
    lowered = text.casefold()
    return any(tr(CALL_ME, lang).casefold() in lowered for lang in ("zh", "en"))


class FeedbackScreen(ServiceScreen):
    """Two steps: category, then text; sent through the outbox (works offline)."""

    screen_id = Screen.FEEDBACK
    title_key = "feedback.title"
    prompt_key = "feedback.choose_category"

    def build(self) -> None:
        """Heading, category tiles, composer, thanks, actions."""
        tokens = self.ctx.tokens()
        self.heading = self.text_label("heading", "feedback_heading")
        self.root.addWidget(self.heading)
        # The four kinds as tiles, two a row on a landscape panel (resizeEvent): all on
        # one page, none below the fold.
        self.category_pages = PagedGrid(tokens, "categories", columns=2, lang=self.lang)
        self.root.addWidget(self.category_pages, 1)
        self.categories: dict[FeedbackCategory, Tile] = {}
        for cat in FeedbackCategory:
            tile = Tile(compact=False)
            tile.sub.show()
            tile.setObjectName(f"category_{cat.value}")
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            tile.clicked.connect(lambda _=False, c=cat: self._choose(c))
            self.categories[cat] = tile
        self.category_pages.set_items(list(self.categories.values()))
        body = self.scroll_body()
        # The composer takes the room left (not the top only): its phrases are pages
        # that fit it, so the phrases page never scrolls. (The phone keypad of the
        # contact offer, once opened, may still make the page scroll.)
        body.setAlignment(Qt.AlignmentFlag(0))
        # 长辈模式 in portrait: a phrase a row (a narrow panel); else two a row, fewer
        # where a phrase is wider than half the page (the pager gives way). One a row in
        # 长辈模式 landscape left one phrase a page at 字号 4/4 on 1280x800, six pages
        # of phrases (try-out 13 / closing note 31). Set for the shape in resizeEvent.
        self._assisted = tokens.name.startswith("assisted")
        cols = 1 if self._assisted else 2
        self.composer = TextComposer(
            tokens, PHRASES, self.lang, columns=cols, dock=self.dock, paged=True
        )
        self.composer.changed.connect(lambda _t: self._clear_message())
        # While the keyboard is open the page is for typing: the question, the contact
        # offer and the buttons make way for the keys (常用语 closes it again).
        self._typing = False
        self.composer.typing_changed.connect(self._typing_changed)
        body.addWidget(self.composer, 1)
        # An optional reply by phone, only with the citizen's consent, on a page of its
        # own in both modes: beside the phrases its keypad overflowed 1280x800 into a
        # scroll area, the last keys and the consent below the fold (try-out 8, C12).
        # The keypad beside the toggle, the number and the consent under the page's
        # question, the keys as large as the room allows: with the keys under the toggle
        # the question had no room at 1280x800 in 长辈模式 (#14). The keys' room is kept
        # while they are closed, so nothing moves when they open.
        # That page scrolls nothing (README: keyboards outside anything that scrolls).
        self.contact = ContactConsent(tokens, "contact", keys_beside_toggle=True)
        self.contact.changed.connect(self._clear_message)
        self.contact.changed.connect(self._place_room)
        self.root.addWidget(self.contact, 1)
        # Portrait: the room left goes under the keys, not between them and the number.
        self._below_keys = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.root.addSpacerItem(self._below_keys)
        # The number and the advice lines wrap: at title size they overflowed 1280x800.
        self.thanks = self.text_label("heading", "feedback_thanks")
        body.addWidget(self.thanks)
        # The actions row; on the choice of kind (no button in it) it makes way for the
        # tiles unless a message is shown there.
        self.actions = QWidget()
        row = QHBoxLayout(self.actions)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(tokens.gap())
        self.step_back_btn = self.button("svc.step_back", self._step_back)
        self.step_back_btn.setObjectName("btn_step_back")
        self.submit_btn = self.button("feedback.submit", self._submit, role="primary")
        self.submit_btn.setObjectName("btn_submit_feedback")
        self.done_btn = self.button("svc.done", self._done, role="primary")
        # The complaint number on paper too: a citizen without pen or phone kept it only
        # on the screen (try-out 8, C15); offered while the printer can print.
        self.print_btn = self.button("feedback.print_slip", self._print)
        self.print_btn.setObjectName("btn_print_complaint")
        self.done_btn.setObjectName("btn_done")
        # One decision a page: the words first, then the offer of a reply.
        self.next_btn = self.button("apply.continue", self._to_contact, role="primary")
        self.next_btn.setObjectName("btn_feedback_next")
        row.addWidget(self.step_back_btn)
        # Between the buttons, its room kept: nothing jumps, and the tiles keep the height.
        self.message = message_label("feedback_message", lines=1)
        row.addWidget(self.message, 1)
        # A complaint's slip, sent: what came of printing it, or why it cannot be printed
        # now, beside 打印/完成 where the message was (under the thanks, at 字号 4/4 in
        # 长辈模式 on 1280x800, it made the page scroll).
        self.print_state = self.text_label("warning", "feedback_print_state")
        self.print_state.hide()
        row.addWidget(self.print_state, 1)
        row.addWidget(self.next_btn)
        row.addWidget(self.submit_btn)
        row.addWidget(self.print_btn)
        row.addWidget(self.done_btn)
        self.root.addWidget(self.actions)
        # Typing, the words over the keys grow with 字号 into the room the text leaves.
        give_strips_room(self, self._room_over_keys)
        self._entered_session: object = None
        self._reset()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The kinds two a row on a landscape panel, one under another in portrait."""
        landscape = self.width() > self.height()
        self.category_pages.set_columns(2 if landscape else 1)
        if self.composer.pages is not None:
            self.composer.pages.set_columns(2 if landscape or not self._assisted else 1)
        self.contact.set_wide(landscape)  # the phone keypad beside the number
        # Portrait: the keys right under the number, the room left below them (a
        # standing citizen's reach); landscape: the keys as large as the page allows.
        self.root.setStretchFactor(self.contact, 1 if landscape else 0)
        self._place_room()
        super().resizeEvent(event)

    def _place_room(self) -> None:
        """The reply page in portrait: its spare room below the keys (the keys' room is
        kept while they are closed), so 上一步/提交 stay at the foot whether the number is
        open or not (they moved ~200 px and ⌫ came where 提交 was: try-out 9, C7)."""
        portrait = self.height() > self.width()
        grow = portrait and self._contact_page and self.contact.isVisibleTo(self)
        policy = QSizePolicy.Policy.Expanding if grow else QSizePolicy.Policy.Fixed
        self._below_keys.changeSize(0, 0, QSizePolicy.Policy.Minimum, policy)
        self.root.invalidate()

    def _reply_heading_fits(self) -> bool:
        """The reply page has room for its heading over the toggle, the open keypad and
        the buttons. Decided for the page, not for the keypad's state: the heading
        coming or going as the keys open would move everything under it. (The keys
        beside the toggle leave it room on every panel the kiosk supports, 长辈模式 at
        字号 4/4 on 1280x800 included; this keeps a smaller one whole.)"""
        root = self.root
        margins = root.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        need = (
            self.heading.heightForWidth(width)
            + self.contact.open_height(width, self.width() > self.height())
            + self.actions.sizeHint().height()
            + 2 * root.spacing()
            + margins.top()
            + margins.bottom()
        )
        return need <= self.height()

    def _room_over_keys(self) -> int:
        """While typing: the height the text's row does not use (the scroll keeps one row
        of it, its minimum then), the room the strip over the keys may grow into."""
        if not self._typing:
            return 0
        return self.scroll.height() - self.scroll.minimumHeight()

    def _sent(self) -> bool:
        return bool(self.sent)

    def _reset(self) -> None:
        self._contact_page = False  # the second page: the offer of a reply
        self._opened_for = ""  # the words the reply's number was opened for, unasked
        self.category: FeedbackCategory | None = None
        self.sent = False
        self._online = False
        self._delivered = False  # saved offline, and the platform has it since
        self._reference: str | None = None
        self._busy = False
        self._message_key = ""
        self._print_key = ""  # the slip: not asked for yet
        self.composer.set_text("")
        self.contact.reset()

    def enter(self) -> None:
        """Start with the category."""
        # A fresh screen per session; re-entering it (call staff, language) keeps the choices.
        if self._entered_session != self.core.sessions.current.id or self._sent():
            self._entered_session = self.core.sessions.current.id
            self._reset()
        self._render()
        self.prepare_pinyin(self.composer)

    def carry(self) -> object | None:
        """The kind chosen, the words, the reply offer, the page, and whether it was sent
        (a sent one must not be offered to send again after a new text size)."""
        return {
            "session": self._entered_session,
            "category": self.category,
            "composer": self.composer.state(),
            "contact": self.contact.state(),
            "contact_page": self._contact_page,
            "sent": self.sent,
            "online": self._online,
            "reference": self._reference,
            "message": self._message_key,
            "print": self._print_key,
            "delivered": self._delivered,
            "opened_for": self._opened_for,
        }

    def restore(self, state: object) -> None:
        """The same page, words and offer after a rebuild."""
        if not isinstance(state, dict) or state["session"] != self._entered_session:
            return
        self.category = state["category"]
        self._contact_page = state["contact_page"]
        self.sent = state["sent"]
        self._online = state["online"]
        self._reference = state["reference"]
        self._message_key = state["message"]
        self._print_key = state["print"]
        self._delivered = state["delivered"]
        self._opened_for = state["opened_for"]
        self.contact.restore(state["contact"])
        self._render()
        self.composer.restore(state["composer"])
        self._render()

    def retranslate(self) -> None:
        """Texts in the current language."""
        super().retranslate()
        if hasattr(self, "done_btn"):
            self.category_pages.set_language(self.lang)
            self._render()

    def _render(self) -> None:
        writing = self.category is not None and not self.sent
        if self.sent:
            self.heading.setText(self.t("feedback.title"))
        elif self.category is None:
            self.heading.setText(self.t("feedback.choose_category"))
        else:
            name = self.t(f"feedback.category.{self.category.value}")
            page = "feedback.contact.heading" if self._contact_page else "feedback.write"
            self.heading.setText(self.t(page, c=name))
        for cat, tile in self.categories.items():
            key = f"feedback.category.{cat.value}"
            tile.set_texts(self.t(key), self.t(key + ".sub"))
        self.composer.set_texts(
            {k: self.t(k) for k in PHRASES},
            self.t("feedback.text_empty"),
            self.t("feedback.phrases"),
            self.t("feedback.keyboard"),
            self.t("feedback.clear"),
            done=self.t("feedback.keyboard_done"),
        )
        self.composer.set_language(self.lang)
        if self.category is not None:
            self.composer.show_phrases(PHRASES_BY_CATEGORY[self.category])
        choosing = self.category is None and not self.sent
        typing = writing and self._typing
        # The words, then the reply offer, each on its own page, in both modes (both at
        # once did not fit 1280x800 without scrolling: try-out 8, C12).
        contact_page = writing and self._contact_page
        words_page = writing and not contact_page
        if contact_page:
            self.composer.hide()
        if typing or not contact_page:
            self.contact.hide()
            self.contact.set_collapsed(True)  # its keys too, before the text shows
        if typing:
            self.heading.hide()
            self.actions.hide()
        # Hide before show: the tiles and the composer together would grow the window.
        actions = (not choosing or bool(self._message_key)) and not typing
        # The reply offer's page has its question too: the toggle alone did not say
        # that 提交 needs no answer to it (try-out 9, C7).
        # Sent, the thanks say what was sent: the title's room goes to them (at 字号 4/4
        # in 长辈模式 on 1280x800 they scrolled).
        self.heading.setVisible(
            not typing and not self.sent and (not contact_page or self._reply_heading_fits())
        )
        if not choosing:
            self.category_pages.hide()
        if not actions:
            self.actions.hide()
        self.scroll.setVisible(not choosing and not contact_page)
        self.actions.setVisible(actions)
        self.category_pages.setVisible(choosing)
        self.composer.setVisible(words_page)
        # Typing, the docked keys take the room they are given: the text and its two
        # buttons above them keep a whole row (they were squeezed into scrolling).
        self.scroll.setMinimumHeight(self.composer.top_row_height() if typing else 0)
        self.contact.set_texts(
            self.t("feedback.contact.want"),
            self.t("contact.phone_label"),
            self.t("contact.phone_empty"),
            self.t("feedback.contact.consent"),
        )
        self.contact.setVisible(writing and not typing and contact_page)
        # Its number and keys (a widget of their own) go with the offer's page.
        self.contact.set_collapsed(not self.contact.isVisibleTo(self))
        self._place_room()
        thanks = [self._thanks_text()]
        if self._reference:
            # What to do with the number is said beside 完成: the slip offered, its
            # outcome, or, when it cannot print, to write the number down.
            thanks.append(self.t("feedback.reference", n=shown_tracking_number(self._reference)))
        if not self._online:
            # Stored here, not yet with anyone; until the platform has it (then said so).
            thanks.append(self.t("svc.sent_later" if self._delivered else "svc.saved_offline"))
        contact = self.contact.request()
        if contact is not None:
            thanks.append(self.t("feedback.contact.saved", p=mask_phone(contact.phone)))
        elif self._promised_contact():
            # Said plainly: without a number no one can call back (try-out 13, C3).
            complaint = self.category is FeedbackCategory.COMPLAINT
            thanks.append(self.t("feedback.no_phone" + (".complaint" if complaint else "")))
        self.thanks.setText("\n".join(thanks) if self.sent else "")
        self.thanks.setVisible(self.sent)
        # Sent, the message's kept room goes to the slip's words.
        policy = self.message.sizePolicy()
        policy.setRetainSizeWhenHidden(not self.sent)
        self.message.setSizePolicy(policy)
        self.message.setText(self.t(self._message_key) if self._message_key else "")
        self.message.setVisible(bool(self._message_key))
        self.step_back_btn.setVisible(writing)
        self.next_btn.setVisible(words_page)
        self.submit_btn.setVisible(writing and contact_page)
        self.done_btn.setVisible(self.sent)
        slip = self.sent and self._reference is not None
        print_key = self._slip_key()
        self.print_state.setText(self.t(print_key) if print_key else "")
        self.print_state.setVisible(bool(print_key))
        self.print_btn.setVisible(
            slip
            and not printer_cannot_print(self.core)
            and self._print_key in SLIP_OFFERED
            and not self._busy
        )

    def _slip_key(self) -> str:
        """What the page says of the complaint's slip now ("" nothing)."""
        if not self.sent or self._reference is None:
            return ""
        if not self._print_key and printer_cannot_print(self.core):
            return "feedback.print.cannot"  # said before a tap, not after it
        return self._print_key

    def _promised_contact(self) -> bool:
        """A call-back was expected of this feedback: a complaint (followed up), or
        words that ask to be contacted."""
        return self.category is FeedbackCategory.COMPLAINT or asks_to_be_contacted(
            self.composer.text()
        )

    def _thanks_text(self) -> str:
        if self.category is not FeedbackCategory.COMPLAINT:
            return self.t("feedback.thanks")
        days = self.core.catalog.follow_up_working_days
        # 回访 (a call-back) only with a number to call: without one the complaint is
        # handled, and the citizen told no one can call (try-out 13, C3).
        reply = "" if self.contact.request() is not None else ".no_reply"
        if days is None:
            return self.t("feedback.thanks.complaint_no_term" + reply)
        return self.t("feedback.thanks.complaint" + reply, d=days)

    def _typing_changed(self, on: bool) -> None:
        # Told before the keyboard shows and after it hides: room is made first.
        self._typing = on
        if hasattr(self, "done_btn"):
            self._render()

    def _clear_message(self) -> None:
        if self._message_key:
            self._message_key = ""
            self._render()

    def _choose(self, category: FeedbackCategory) -> None:
        self.category = category
        self._contact_page = False
        self._render()

    def _to_contact(self) -> None:
        if self.category is None:
            return
        # The words are checked on their own page, where they can be mended.
        problem = Feedback(self.category, self.composer.text()).problem()
        if problem in (Problem.TEXT_REQUIRED, Problem.TEXT_TOO_LONG):
            key = f"feedback.problem.{problem.value}"
            if not self._fits_row(self.t(key)):
                # Its short form where the words do not fit beside the buttons: at 字号
                # 4/4 in 长辈模式 on 1280x800 in English they took two lines, grew the
                # row, and cut the phrases and their pager under the finger.
                key += ".short"
            self._message_key = key
            self._render()
            return
        self._contact_page = True
        self._message_key = ""
        # Words that ask to be contacted open the number (and its consent) at once: the
        # citizen asked for a call (try-out 13, C3). Once for these words: a citizen who
        # closes it again is not asked again on every visit to the page.
        text = self.composer.text()
        if asks_to_be_contacted(text) and text != self._opened_for:
            self._opened_for = text
            if not self.contact.want.isChecked():
                self.contact.want.setChecked(True)
        self._render()

    def _step_back(self) -> None:
        if self._contact_page:
            self._contact_page = False  # back to the words, kept
            self._message_key = ""
            self._render()
            return
        self.category = None
        self._message_key = ""
        self._render()

    def _submit(self) -> None:
        services = self.services
        if self.category is None or self._busy:
            return
        feedback = Feedback(
            self.category,
            self.composer.text(),
            self.core.sessions.current.tracking_number,
            self.contact.request(),
        )
        problem = feedback.problem()
        if problem in (Problem.PHONE_INVALID, Problem.CONSENT_REQUIRED) and not self._fits_row(
            self.t(f"feedback.problem.{problem.value}")
        ):
            # Beside 上一步/提交 the words took three lines at 字号 4/4 in 长辈模式 on
            # 1280x800: the row grew and crushed the keys, the number and the consent
            # under a finger. Where they do not fit the row, asked on a page of its own.
            self._ask_about_contact(problem)
            return
        if problem is not Problem.NONE or services is None:
            self._message_key = (
                f"feedback.problem.{problem.value}" if services else "svc.unavailable"
            )
            self._render()
            return
        lang, fb = self.lang, services.feedback
        self._busy = True
        self._render()
        self.run(lambda: fb.submit_feedback(feedback, lang), self._submitted, self._failed)

    def _fits_row(self, text: str) -> bool:
        """``text`` fits the message's kept room beside the buttons (one line)."""
        return reads_whole(self.message, text)

    def _ask_about_contact(self, problem: Problem) -> None:
        """The number's or the consent's problem as a question of its own: type the
        number again, or agree (and send); either way the reply can be taken back."""
        said = self.t(f"feedback.problem.{problem.value}")

        def declined() -> None:
            self.contact.want.setChecked(False)  # no reply: the offer's page, toggle off

        if problem is Problem.CONSENT_REQUIRED:

            def agreed() -> None:
                self.contact.consent.setChecked(True)
                self._submit()

            def number() -> str:
                request = self.contact.request()
                phone = request.phone if request is not None else ""
                return self.t("feedback.contact.saved", p=mask_phone(phone))

            choice_for(self).ask_words(
                "feedback.contact.ask", agreed, declined, number, relays=True
            )
            return
        choice_for(self).ask_words(
            "rate.callback.check", lambda: None, declined, lambda: said, relays=True
        )

    def _submitted(self, result: SendResult) -> None:
        self._busy = False
        self.sent = result.ok
        self._online = result.online
        if result.ok and not result.online:  # the thanks say when it reached the platform
            self.watch_delivery(result.record_id, self._now_delivered)
        self._reference = result.reference
        self._message_key = "" if result.ok else f"feedback.problem.{result.problem.value}"
        self._render()
        self.ctx.chrome_changed()  # sent: no 返回 into it (closes_behind)
        if result.ok:
            self.speak(self.thanks.text())

    def _failed(self) -> None:
        self._busy = False
        self._message_key = "common.error"
        self._render()

    def journey_finished(self) -> bool:
        """The feedback is stored: its thanks are the end of the journey."""
        return bool(self.sent)

    def closes_behind(self) -> bool:
        """Sent, behind the thanks lies only the feedback already sent: 首页 and 完成
        lead on, 返回 nowhere (try-out 13, C3)."""
        return bool(self.sent)

    def _now_delivered(self) -> None:
        if not self._delivered:
            self._delivered = True
            self._render()

    def _print(self) -> None:
        services = self.services
        if services is None or self._reference is None or self._busy:
            return
        contact = self.contact.request()
        phone = contact.phone if contact is not None else None
        reference, lang, fb = self._reference, self.lang, services.feedback
        days, delivered = self.core.catalog.follow_up_working_days, self._online or self._delivered
        self._print_key = "svc.print.printing"
        self._busy = True
        self._render()
        self.run(
            lambda: fb.print_complaint_slip(
                reference, lang, follow_up_days=days, reply_phone=phone, delivered=delivered
            ),
            self._printed,
            lambda: self._printed(None),
        )

    def _printed(self, result: PrintResult | None) -> None:
        self._busy = False
        key = "svc.print.failed" if result is None else print_message_key(result)
        # The slip's own words: the complaint is kept whatever the printer did, and the
        # number is on the screen to write down (no reprint at a desk is promised).
        self._print_key = _SLIP_WORDS.get(key, key)
        self._render()

    def on_core_event(self, event: Event) -> None:
        """The printer changed: the slip is offered only while it can print, and again
        (said so) once it is back after the slip failed."""
        if not (isinstance(event, DeviceStatusChanged) and event.device == Device.PRINTER):
            return
        if not self.sent or self._print_key == "svc.print.printing":
            return
        if self._print_key in SLIP_FAILED and event.health is Health.OK:
            self._print_key = "svc.print.printer_back"
        self._render()

    def _done(self) -> None:
        self.goto(self.core.next())
