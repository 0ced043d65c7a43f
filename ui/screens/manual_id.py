"""Manual entry: the 18-character resident ID number (with X) and the name, on screen keypads.

Laid out to fit any panel without scrolling: the questions side by side with
Confirm at the end of their row (长辈模式: only the question being answered, with
上一步 and 确认 where the form's questions have 上一步 / 下一步: on a portrait panel the
halves of the page's last row), then the docked keyboard, whose strip carries the
hint or the error, so nothing moves.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.flow import Screen
from kiosk.services.identify import IdentifyOutcome, identify_service
from kiosk.services.pinyin import load_index, loaded_index
from ui.layout_items import add_layout
from ui.screens.apply_common import message_label, whose_label
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

ID_FIELD = "id_number"
NAME_FIELD = "name"


def load_pinyin(screen: BaseScreen, group: EntryGroup) -> None:
    """Build the pinyin index on a worker (first use only) and hand it to ``group``."""
    index = loaded_index()
    if index is not None:
        group.set_index(index)
    else:
        screen.work(load_index, group.set_index, lambda _exc: None)


# The name asked for again, before the citizen typed in it (a prompt, not an error).
NAME_PROMPT = "identify.result.name_invalid"


class ManualIdScreen(BaseScreen):
    """GB 11643 checked as the citizen types; the platform verifies the person later."""

    screen_id = Screen.MANUAL_ID
    title_key = "manual.title"
    prompt_key = "manual.prompt"

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__(ctx)
        dock_at_bottom(self)
        # 长辈模式's 上一步 / 确认 where the form's questions have 上一步 / 下一步: on a
        # portrait panel the halves of the page's last row, under the keys; elsewhere
        # the two ends of the field's row. Small at the row's ends they stood ~1,200 px
        # from where the form's questions just before had them, at half their height
        # (try-out 19, E1).
        self._place_buttons = keep_step_buttons_placed(
            self, self.edit_id, (self.confirm,), self._row
        )

    def build(self) -> None:
        """Title, the questions in one row with Confirm, and the docked pad with its messages."""
        fit_page(self)
        self.title = fit_heading(self, "manual.title", title=True)
        self.root.addWidget(self.title)
        title_takes_spare_room(self)
        self.whose = whose_label(self.ctx.tokens())
        self.root.addWidget(self.whose)
        self.group = EntryGroup(self.ctx.tokens(), self.lang, self.dock, self._changed)
        self.group.set_hint(ID_FIELD, self.t("manual.prompt"))
        self.prompt = self.group.strip.hint  # what to type: over the keys, until a message
        self.id_error = self.group.add_message(message_label("error_id_number"))
        self.name_error = self.group.add_message(message_label("error_name"))
        row = QHBoxLayout()
        row.setSpacing(self.ctx.tokens().gap())
        self.headings: dict[str, QLabel] = {}
        # One box per question: 长辈模式 shows only the one being answered.
        self.boxes = {
            ID_FIELD: self._question(row, ID_FIELD, "manual.id_number", PadKind.ID, 18),
            NAME_FIELD: self._question(row, NAME_FIELD, "manual.name", PadKind.TEXT, 40),
        }
        # 长辈模式's way back from the name to the number is the form's 上一步, in its
        # place: the left end of the field's row (landscape), its room kept on the
        # number's page, so the field and 确认 stand in one place on both (#14), or the
        # page's foot (portrait, _place_buttons). As 修改身份证号码 beside 确认 a tap meant
        # for 确认 went back, and the name's field shrank to 40% of the row (English,
        # 字号 4/4 on 1280x800).
        self.edit_id = self.button("form.step.back", self._step_back)
        self.edit_id.setObjectName("btn_edit_id")
        self.edit_id.hide()
        row.insertWidget(0, answer_button(self.edit_id), 0, Qt.AlignmentFlag.AlignBottom)
        self.confirm = self.button("manual.confirm", self._confirm, role="primary")
        self.confirm.setObjectName("btn_confirm")
        row.addWidget(answer_button(self.confirm), 0, Qt.AlignmentFlag.AlignBottom)
        add_layout(self.root, row)
        self._row = row
        self._keys: dict[str, str] = {}
        self._whose = ""
        # Whether a key of the name was typed since it was asked: before that, 确认 on an
        # empty name gets the question as a prompt, not an error (try-out 17, E3).
        self._name_typed = False
        self._name_prompted = False

    def _question(
        self, row: QHBoxLayout, name: str, key: str, kind: PadKind, limit: int
    ) -> QWidget:
        box, lay = question_box(self)
        box.setObjectName(f"question_{name}")
        heading = fit_heading(self, key)
        self.headings[name] = heading
        lay.addWidget(heading)
        lay.addWidget(self.group.add(name, kind, limit))
        row.addWidget(box, 1)
        return box

    def _ask(self, name: str) -> None:
        """Make ``name`` the field being typed; in 长辈模式 it is the only question shown."""
        if self.core.sessions.current.assisted and name != self.group.active():
            # A new question in the place of the last: 确认 is the same button in the same
            # place, so a second tap meant for the number must not answer the name
            # (try-out 6: 请输入您的姓名 before the name was asked).
            self.ctx.before_change()
            self.ctx.renew(self.confirm)
            # A question asked afresh starts without the last attempt's message (and
            # the other question's message goes with it).
            for w in (self.id_error, self.name_error):
                w.hide()
            self._keys.clear()
            self._name_asked_afresh()
        self.group.activate(name)
        self._one_question()

    def _one_question(self) -> None:
        assisted = self.core.sessions.current.assisted
        active = self.group.active() or ID_FIELD
        for name, box in self.boxes.items():
            box.setVisible(not assisted or name == active)
        policy = self.edit_id.sizePolicy()
        if policy.retainSizeWhenHidden() != assisted:
            policy.setRetainSizeWhenHidden(assisted)
            self.edit_id.setSizePolicy(policy)
        # On the number's page too, going back to how to prove who one is (as 返回): the
        # row is whole on both pages (try-out 13, E8: an empty slot where 上一步 stood).
        self.edit_id.setVisible(assisted)
        self._place_buttons()
        self._show_whose()

    def _show_whose(self) -> None:
        """Whose identity (proxy) heads the screen, in the title's place: one heading, not two.

        In 长辈模式 there is room for one heading only: the question itself, which
        then says whose it is.
        """
        assisted = self.core.sessions.current.assisted
        active = self.group.active() or ID_FIELD
        self.whose.setVisible(bool(self._whose))
        self.title.setVisible(not self._whose and not assisted)
        merged = assisted and bool(self._whose)
        for heading in self.headings.values():
            heading.setVisible(not merged)
        if merged:
            self.whose.setText(self.t(f"manual.{active}.{self._whose}"))
        elif self._whose:
            self.whose.setText(self.t(f"whose.{self._whose}"))
        # The row's own measure of its questions is kept until it is told: told now, so
        # the window never grows for a heading just hidden.
        self._row.invalidate()

    def warm_up_steps(self) -> list[Callable[[], None]]:
        """The ID keypad and the pinyin keyboard for the name."""
        return self.group.warm_up_steps()

    def enter(self) -> None:
        """Start with the ID number; get pinyin ready in the background."""
        whose = whose_identity(self)
        if whose != self._whose:
            # Proxy: the agent's number must not still be there when the applicant's is typed.
            self._whose = whose
            for name in (ID_FIELD, NAME_FIELD):
                self.group.set_value(name, "")
            self.id_error.hide()
            self.name_error.hide()
            self._keys.clear()
            self._name_asked_afresh()
            self.group.activate(ID_FIELD)
        self._show_whose()
        if self.group.active() is None:
            self.group.activate(ID_FIELD)
        self._one_question()
        load_pinyin(self, self.group)

    def carry(self) -> object | None:
        """The number and name typed, the question asked, its keyboard's mode, the messages."""
        return (self._whose, self.group.state(), dict(self._keys))

    def restore(self, state: object) -> None:
        """Back to the same question with the same text, keyboard mode and messages."""
        if not isinstance(state, tuple) or state[0] != self._whose:
            return  # another person's identity is asked now: theirs starts empty
        _whose, group, keys = state
        self.group.restore(group)
        self._keys = dict(keys)
        for w, name in ((self.id_error, ID_FIELD), (self.name_error, NAME_FIELD)):
            if name in self._keys:
                w.setText(self.t(self._keys[name]))
                w.show()
        self._one_question()

    def leave(self) -> None:
        """An open question is dropped unanswered when the screen is left."""
        dismiss_choice(self)

    def retranslate(self) -> None:
        """Labels, pads and messages in the current language."""
        super().retranslate()
        if hasattr(self, "group"):
            self.group.retranslate(self.lang)
            self.group.set_hint(ID_FIELD, self.t("manual.prompt"))
            self._show_whose()
            for w, name in ((self.id_error, ID_FIELD), (self.name_error, NAME_FIELD)):
                if name in self._keys:
                    w.setText(self.t(self._keys[name]))
            if self._name_prompted:
                self.group.set_hint(NAME_FIELD, self.t(NAME_PROMPT))

    def _step_back(self) -> None:
        """上一步: from the name to the number; from the number, the step before."""
        if self.group.active() == NAME_FIELD:
            self._ask(ID_FIELD)
            return
        self.goto(self.core.back())

    def _name_asked_afresh(self) -> None:
        self._name_typed = False
        if self._name_prompted:
            self._name_prompted = False
            self.group.clear_hint(NAME_FIELD)  # its keyboard's own hint again

    def _name_tried(self) -> bool:
        """A key of the name typed since it was asked (pinyin being spelt counts)."""
        return self._name_typed or bool(self.group.field(NAME_FIELD).composing())

    def _changed(self, name: str) -> None:
        (self.id_error if name == ID_FIELD else self.name_error).hide()
        self._keys.pop(name, None)
        if name == NAME_FIELD:
            self._name_asked_afresh()
            self._name_typed = True
        if name == ID_FIELD and len(self.group.value(ID_FIELD)) == 18:
            self._ask(NAME_FIELD)

    def _confirm(self) -> None:
        result = identify_service(self.core).manual(
            self.group.value(ID_FIELD), self.group.value(NAME_FIELD)
        )
        if result.ok and result.identity is not None:
            accept_identity(self, result.identity)
            return
        if result.outcome is IdentifyOutcome.ID_INVALID:
            key = "apply." + result.message_key if result.field_error else result.message_key
            self._ask(ID_FIELD)
            self._keys[ID_FIELD] = key
            self.id_error.setText(self.t(key))
            self.id_error.show()
        elif not self.group.value(NAME_FIELD).strip() and not self._name_tried():
            # Nothing typed in the name since it was asked: ask it, with no error before
            # the citizen has tried. Where it was asked already (长辈模式 moves on to it
            # by itself at the number's 18th character, and the 确认 meant for the
            # number came next: try-out 17, E3), the question again over the keys in the
            # hint's calm type, not the red-barred error. Once typed in, an empty name is
            # an error.
            asked = self.group.active() == NAME_FIELD
            self._ask(NAME_FIELD)
            if asked:
                self._name_prompted = True
                self.group.set_hint(NAME_FIELD, self.t(NAME_PROMPT))
        else:
            self._ask(NAME_FIELD)
            self._keys[NAME_FIELD] = result.message_key
            self.name_error.setText(self.t(result.message_key))
            self.name_error.show()
