"""MRZ keypad: document number, birth date and expiry open the chip (BAC), then it is read.

Laid out to fit any panel without scrolling: the three fields side by side with
Read at the end of their row (长辈模式: one question with Previous / Next, where the
form's questions have them: on a portrait panel the halves of the page's last row),
then the docked keyboard, whose strip carries the hint, an error or the reader's status.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.events import CardPresence, Device, DeviceStatusChanged, Event, Health
from kiosk.flow import Screen
from kiosk.services.identify import (
    IdentifyOutcome,
    IdentifyResult,
    MrzField,
    check_mrz_entry,
    date_entry_problem,
    identify_service,
    mrz_reader,
)
from ui.layout_items import add_layout
from ui.screens.apply_common import message_label, set_role, whose_label
from ui.screens.base import BaseScreen, ScreenContext
from ui.screens.choice import dismiss_choice
from ui.screens.entry_page import (
    answer_button,
    dock_at_bottom,
    fit_heading,
    fit_page,
    keep_step_buttons_placed,
    question_box,
    title_takes_spare_room,
)
from ui.screens.identify import accept_identity, whose_identity
from ui.widgets.entry_group import EntryGroup, PadKind
from ui.widgets.fit_heading import FitHeading, SizeGroup
from ui.widgets.tile import no_widow

READER_DOWN = "identify.result.reader_unavailable"
# The messages asking for the document on the reader: gone once it is laid there.
PUT_IT_DOWN = ("mrz.place_card", "identify.result.no_card", "identify.result.card_removed")

FIELDS: tuple[tuple[MrzField, str, PadKind, int], ...] = (
    (MrzField.DOCUMENT_NUMBER, "mrz.document_number", PadKind.ALNUM, 22),
    (MrzField.BIRTH_DATE, "mrz.birth_date", PadKind.DATE, 8),
    (MrzField.EXPIRY_DATE, "mrz.expiry_date", PadKind.DATE, 8),
)


class MrzEntryScreen(BaseScreen):
    """Three fields, one keypad, one button; wrong details never lock the document."""

    screen_id = Screen.MRZ_ENTRY
    title_key = "mrz.title"
    prompt_key = "mrz.prompt"

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__(ctx)
        dock_at_bottom(self)
        # 长辈模式's 上一步 / 下一步 (读取证件 in 下一步's place on the last page) where the
        # form's questions and 手工输入 have theirs: on a portrait panel the halves of the
        # page's last row, under the keys. Small at the field's row's ends they stood
        # ~1,240 px higher than the form's, at half their height (try-out 19, E1).
        self._place_buttons = keep_step_buttons_placed(
            self, self.step_back_btn, (self.step_next_btn, self.read_btn), self._row
        )

    def build(self) -> None:
        """Title, the fields in one row with Read, the docked pad with its messages."""
        fit_page(self)
        self.title = fit_heading(self, "mrz.title", title=True)
        self.root.addWidget(self.title)
        title_takes_spare_room(self)
        self.whose = whose_label(self.ctx.tokens())
        self.root.addWidget(self.whose)
        tokens = self.ctx.tokens()
        self.group = EntryGroup(tokens, self.lang, self.dock, self._changed)
        self.pad_host = self.dock  # the group docks its pads at the bottom of the page
        self.errors: dict[MrzField, QLabel] = {}
        row = QHBoxLayout()
        row.setSpacing(tokens.gap())
        self.step_back_btn = self.button("form.step.back", lambda: self._step(-1))
        self.step_back_btn.setObjectName("btn_step_back")
        row.addWidget(answer_button(self.step_back_btn), 0, Qt.AlignmentFlag.AlignBottom)
        # One box per question: 长辈模式 shows only the one being answered.
        self.boxes: dict[str, QWidget] = {}
        self._date_heads: dict[str, FitHeading] = {}
        heads: list[FitHeading] = []
        for f, key, kind, limit in FIELDS:
            box, lay = question_box(self)
            box.setObjectName(f"question_{f.value}")
            head = fit_heading(self, key)
            heads.append(head)
            if kind is PadKind.DATE:
                self._date_heads[key] = head
            lay.addWidget(head)
            # Side by side, one keyboard (letters with a digits row) for all three: it never
            # changes under the finger when the date comes next (try-out 4, item 9). One a
            # page (长辈模式), each its own: see _one_question.
            lay.addWidget(self.group.add(f.value, kind, limit, pad=PadKind.ALNUM))
            self.errors[f] = self.group.add_message(message_label(f"error_{f.value}"))
            self.boxes[f.value] = box
            row.addWidget(box, 1)
        # The three questions side by side in one size, not the first larger (try-out 9, C5).
        self._same_size = SizeGroup(heads)
        self.status = self.group.add_message(message_label("mrz_status"))
        self.read_btn = self.button("mrz.read", self._read, role="primary")
        self.read_btn.setObjectName("btn_read")
        self.step_next_btn = self.button("form.step.next", lambda: self._step(1), role="primary")
        self.step_next_btn.setObjectName("btn_step_next")
        for b in (self.step_next_btn, self.read_btn):
            row.addWidget(answer_button(b), 0, Qt.AlignmentFlag.AlignBottom)
        add_layout(self.root, row)
        self._row = row
        self._status_key = ""
        self._whose = ""
        self._hint_fields()
        self._shorter_date_labels()
        self._busy = False
        self._status_key = ""
        self._whose = ""

    def enter(self) -> None:
        """Start with the document number; meanwhile the camera tries to read the MRZ."""
        # Spoken by the window after enter(): 长辈模式 asks one question a page.
        assisted = self.core.sessions.current.assisted
        self.prompt_key = "mrz.prompt.steps" if assisted else MrzEntryScreen.prompt_key
        self._busy = False
        self.read_btn.setEnabled(True)
        self._start_camera()
        whose = whose_identity(self)
        if whose != self._whose:
            # Proxy: the agent's document details must not be offered for the applicant's.
            self._whose = whose
            for f, _key, _kind, _limit in FIELDS:
                self.group.set_value(f.value, "")
            for err in self.errors.values():
                err.hide()
            self.status.hide()
            self.group.activate(MrzField.DOCUMENT_NUMBER.value)
        self._show_whose()
        if self.group.active() is None:
            self.group.activate(MrzField.DOCUMENT_NUMBER.value)
        self._one_question()
        self._say_reader()

    def _hint_fields(self) -> None:
        # Over the keys until a message: why the chip needs these, then where the document goes.
        names = self._names()
        whose = self._whose if self.core.sessions.current.assisted else ""
        # 长辈模式 shows one question a page: its words say so (not 以下三项).
        first = "mrz.prompt.steps" if self.core.sessions.current.assisted else "mrz.prompt"
        # The expiry date keeps saying its format until all 8 digits are in; only then
        # where the document goes (try-out 8, C7: with 4 of 8 digits typed the hint
        # already said to put the document down, and the format was gone).
        expiry = MrzField.EXPIRY_DATE.value
        last = "mrz.err.date"
        if len(self.group.value(expiry)) >= 8:
            # Put down only while it is not there: the citizen mostly came here by laying
            # it on the reader, and "put it on the reader" while it lay there was untrue.
            last = "mrz.read_chip" if self.core.document_on_reader else "mrz.place_card"
        keys = {names[0]: first, names[1]: "mrz.err.date", names[-1]: last}
        for name in names:
            key = keys[name]
            # Its last characters together: 期。 stood alone on a line (try-out 9, E9).
            self.group.set_hint(name, self._words(f"whose.{whose}" if whose else key))

    def _names(self) -> list[str]:
        return [f.value for f, _key, _kind, _limit in FIELDS]

    def _ask(self, name: str) -> None:
        """Make ``name`` the field typed into; in 长辈模式 the only question shown."""
        self.group.activate(name)
        self._one_question()

    def _step(self, delta: int) -> None:
        names = self._names()
        at = names.index(self.group.active() or names[0])
        if at + delta < 0:
            self.goto(self.core.back())  # 上一步 on the first page: the step before, as 返回
            return
        # Another question under the same 上一步 / 下一步: a double tap's second touch
        # must not answer it (try-out 6, item 9).
        self.ctx.before_change()
        self._ask(names[max(0, min(len(names) - 1, at + delta))])
        for b in (self.step_back_btn, self.step_next_btn, self.read_btn):
            self.ctx.renew(b)

    def _one_question(self) -> None:
        assisted = self.core.sessions.current.assisted
        names = self._names()
        # 长辈模式 asks one question a page, so the keys change with the page, never under
        # a finger (下一步 turns it, behind the tap guard): the 8-digit dates get the big
        # number pad, as the phone does, not the small keys of the letters (try-out 7, E-b).
        for f, _key, kind, _limit in FIELDS:
            if kind is PadKind.DATE:
                self.group.set_pad(f.value, None if assisted else PadKind.ALNUM)
        active = self.group.active() or names[0]
        for name, box in self.boxes.items():
            box.setVisible(not assisted or name == active)
        last = active == names[-1]
        # 长辈模式: 上一步's slot is kept on the first page too, so the question and its
        # field stand in one place on every page (try-out 9, E9: on pages 2-3 they began
        # ~210 px further right than on page 1, where 上一步 was not).
        policy = self.step_back_btn.sizePolicy()
        if policy.retainSizeWhenHidden() != assisted:
            policy.setRetainSizeWhenHidden(assisted)
            self.step_back_btn.setSizePolicy(policy)
        # On the first page too, going back to how to prove who one is (as 返回): the row
        # is whole on every page (try-out 13, E8: an empty slot where 上一步 stood).
        self.step_back_btn.setVisible(assisted)
        self.step_next_btn.setVisible(assisted and not last)
        self.read_btn.setVisible(not assisted or last)
        self._place_buttons()
        self._same_size.fit()  # one question a page in 长辈模式, three side by side else

    def _start_camera(self) -> None:
        # No typing when the document camera can read the MRZ: its check digits make
        # the BAC keys as sure as typed ones. Typing stays possible all the while.
        settings = getattr(self.core, "settings", None)
        mrz = getattr(settings, "mrz", None)
        if mrz is None or not mrz.camera:
            return
        svc = identify_service(self.core)
        attempts = mrz.attempts
        self._say("mrz.camera", role="warning")
        # The reader (its templates rendered once from the OCR-B font) is made off the
        # GUI thread too.
        self.work(
            lambda: svc.read_by_camera(mrz_reader("glyphs"), attempts),
            self._camera_done,
            lambda _e: self._camera_done(None),
        )

    def _camera_done(self, result: IdentifyResult | None) -> None:
        if self._busy or self.core.screen() != Screen.MRZ_ENTRY:
            return  # the citizen pressed Read meanwhile, or left
        if result is None:
            if self._status_key == "mrz.camera":
                self.status.hide()  # nothing read: the keypad is the way, as before
            return
        self._done(result)

    def carry(self) -> object | None:
        """The document's details typed, the question asked, the messages shown."""
        errors = {f: w.text() for f, w in self.errors.items() if w.isVisible()}
        status = self._status_key if self.status.isVisible() else ""
        return (self._whose, self.group.state(), errors, status, self.status.text())

    def restore(self, state: object) -> None:
        """Back to the same question with the same details and messages after a rebuild."""
        if not isinstance(state, tuple) or state[0] != self._whose:
            return  # another person's document is asked now: theirs starts empty
        _whose, group, errors, status, status_text = state
        self.group.restore(group)
        for f, text in errors.items():
            self.errors[f].setText(text)
            self.errors[f].show()
        if status:
            self._status_key = status
            self.status.setText(status_text)
            self.status.show()
        self._one_question()

    def leave(self) -> None:
        """An open question is dropped unanswered when the screen is left."""
        dismiss_choice(self)

    def retranslate(self) -> None:
        """Labels, pads and any message in the current language."""
        super().retranslate()
        if hasattr(self, "group"):
            self._shorter_date_labels()
            self.group.retranslate(self.lang)
            self._hint_fields()
            self._show_whose()
            if self.status.isVisible() and self._status_key:
                self.status.setText(self._words(self._status_key))

    def _shorter_date_labels(self) -> None:
        # "Date of birth (YYYYMMDD)" elided in portrait at 字号 3-4 ("Date of birth (YYYY…"):
        # without its format it reads whole, and the hint under the field gives the format.
        for key, head in self._date_heads.items():
            head.set_texts(self.t(key), self.t(f"{key}.short"))

    def _show_whose(self) -> None:
        # Whose document (proxy) stands in the title's place: one heading, not two. In
        # 长辈模式 the question is the only heading, and whose it is goes over the keys.
        assisted = self.core.sessions.current.assisted
        self.whose.setVisible(bool(self._whose) and not assisted)
        self.title.setVisible(not self._whose and not assisted)
        if self._whose:
            self.whose.setText(self.t(f"whose.{self._whose}"))
        self._hint_fields()

    def _changed(self, name: str) -> None:
        field = MrzField(name)
        err = self.errors[field]
        err.hide()
        self.status.hide()
        value = self.group.value(name)
        if field is MrzField.EXPIRY_DATE:
            self._hint_fields()
        if field is not MrzField.DOCUMENT_NUMBER:
            # An impossible date is said as soon as its digits show it, in place of
            # "tap Read" (try-out 4, item 9): the citizen puts it right before reading.
            problem = date_entry_problem(field, value)
            if problem is not None:
                err.setText(self.t(problem))
                err.show()
                return
        # A complete date moves on to the next field by itself, where all three are on
        # screen. 长辈模式 asks one question a page and turns it on 下一步 only: a page
        # turned by the last digit put 读取证件 where the citizen's 下一步 tap went, and
        # the empty expiry then said "8 位日期" in red before anything was typed (try-out 5).
        assisted = self.core.sessions.current.assisted
        if field is MrzField.BIRTH_DATE and len(value) == 8 and not assisted:
            self._ask(MrzField.EXPIRY_DATE.value)

    def _say(self, key: str, role: str = "error") -> None:
        self._status_key = key
        set_role(self.status, role)
        self.status.setText(self._words(key))
        self.status.show()

    def _words(self, key: str) -> str:
        # Over the keys as the hint is: mrz.place_card, the hint's words, comes here too
        # when the document is lifted, and its “读取证件” must not break there either.
        return no_widow(self.t(key))

    def _read(self) -> None:
        if self._busy:
            return
        v = self.group.values()
        number = v[MrzField.DOCUMENT_NUMBER.value]
        birth = v[MrzField.BIRTH_DATE.value]
        expiry = v[MrzField.EXPIRY_DATE.value]
        errors = check_mrz_entry(number, birth, expiry)
        if errors:
            # One message over the keys: the first field to put right, which is asked again.
            first = next(iter(errors))
            err = self.errors[first]
            if v[first.value]:
                set_role(err, "error")
                err.setText(self.t(errors[first]))
            else:
                # Nothing typed there yet is no mistake: ask for it calmly, not in red.
                set_role(err, "warning")
                label = dict((f, key) for f, key, _kind, _limit in FIELDS)[first]
                err.setText(self.t("mrz.fill_first", what=self.t(label)))
            err.show()
            self._ask(first.value)
            return
        self._busy = True
        self.read_btn.setEnabled(False)
        self._say("mrz.reading", role="warning")
        svc = identify_service(self.core)
        self.work(lambda: svc.read_card(number, birth, expiry), self._done, self._failed)

    def _failed(self, _exc: BaseException) -> None:
        self._done(IdentifyResult(IdentifyOutcome.UNREADABLE))

    def _done(self, result: IdentifyResult) -> None:
        self._busy = False
        self.read_btn.setEnabled(True)
        if self.core.screen() != Screen.MRZ_ENTRY:
            return  # the citizen left (or the session ended) while the chip was read
        if result.ok and result.identity is not None:
            self.status.hide()
            accept_identity(self, result.identity)
            return
        self._say(result.message_key)
        if result.outcome in (IdentifyOutcome.WRONG_KEYS, IdentifyOutcome.INVALID_DETAILS):
            self._ask(MrzField.DOCUMENT_NUMBER.value)

    def on_core_event(self, event: Event) -> None:
        """Tell the citizen when the document leaves the reader before it is read (and
        stop asking for it once it is back), and when the reader stops working (or works
        again) while the details are typed."""
        if isinstance(event, CardPresence):
            self._hint_fields()  # where the document is, said as it is now
            if not event.present and not self._busy:
                self._say("mrz.place_card", role="warning")
            elif event.present and self._status_key in PUT_IT_DOWN and self.status.isVisible():
                # Laid (back) down: words asking for it are untrue now; the hint says
                # to tap 读取证件.
                self._status_key = ""
                self.status.hide()
        elif isinstance(event, DeviceStatusChanged) and event.device is Device.CARD:
            self._say_reader()

    def _say_reader(self) -> None:
        """The reader out: said now, not after the last digit and 读取证件 (try-out 9,
        C6: 26 taps, then 读卡器暂时无法使用); back at work: the words go."""
        down = self.core.health(Device.CARD).health is Health.FAULT
        if down and not self._busy:
            self._say(READER_DOWN, role="warning")
        elif not down and self._status_key == READER_DOWN and self.status.isVisible():
            self._status_key = ""
            self.status.hide()
