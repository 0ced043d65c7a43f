"""Manual entry: the 18-character resident ID number (with X) and the name, on screen keypads."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.flow import Screen
from kiosk.services.identify import IdentifyOutcome, identify_service
from kiosk.services.pinyin import load_index, loaded_index
from ui.screens.apply_common import message_label, whose_label
from ui.screens.base import BaseScreen
from ui.screens.choice import dismiss_choice
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


class ManualIdScreen(BaseScreen):
    """GB 11643 checked as the citizen types; the platform verifies the person later."""

    screen_id = Screen.MANUAL_ID
    title_key = "manual.title"
    prompt_key = "manual.prompt"

    def build(self) -> None:
        """Two fields, their error lines, the shared pad and the confirm button."""
        self.root.addWidget(self.label("manual.title", role="title"))
        self.whose = whose_label()
        self.root.addWidget(self.whose)
        body = self.scroll_body()
        self.prompt = self.label("manual.prompt")
        body.addWidget(self.prompt)
        self.group = EntryGroup(self.ctx.tokens(), self.lang, self.dock, self._changed)
        self.id_error = message_label("error_id_number")
        self.name_error = message_label("error_name")
        # One box per question: 长辈模式 shows only the one being answered.
        self.boxes = {
            ID_FIELD: self._question(body, ID_FIELD, "manual.id_number", PadKind.ID, 18),
            NAME_FIELD: self._question(body, NAME_FIELD, "manual.name", PadKind.TEXT, 40),
        }
        self.edit_id = self.button("manual.edit_id", lambda: self._ask(ID_FIELD))
        self.edit_id.setObjectName("btn_edit_id")
        self.edit_id.hide()
        body.addWidget(self.edit_id)
        self.confirm = self.button("manual.confirm", self._confirm, role="primary")
        self.confirm.setObjectName("btn_confirm")
        self.root.addWidget(self.confirm)
        self._keys: dict[str, str] = {}
        self._whose = ""

    def _question(
        self, body: QVBoxLayout, name: str, key: str, kind: PadKind, limit: int
    ) -> QWidget:
        error = self.id_error if name == ID_FIELD else self.name_error
        box = QWidget()
        box.setObjectName(f"question_{name}")
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(self.ctx.tokens().gap())
        lay.addWidget(self.label(key, role="heading"))
        lay.addWidget(self.group.add(name, kind, limit))
        lay.addWidget(error)
        body.addWidget(box)
        return box

    def _ask(self, name: str) -> None:
        """Make ``name`` the field being typed; in 长辈模式 it is the only question shown."""
        self.group.activate(name)
        self._one_question()

    def _one_question(self) -> None:
        assisted = self.core.sessions.current.assisted
        active = self.group.active() or ID_FIELD
        for name, box in self.boxes.items():
            box.setVisible(not assisted or name == active)
        self.prompt.setVisible(not assisted)
        self.edit_id.setVisible(assisted and active == NAME_FIELD)

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
            self.group.activate(ID_FIELD)
        self._show_whose()
        if self.group.active() is None:
            self.group.activate(ID_FIELD)
        self._one_question()
        load_pinyin(self, self.group)

    def _show_whose(self) -> None:
        self.whose.setVisible(bool(self._whose))
        if self._whose:
            self.whose.setText(self.t(f"whose.{self._whose}"))

    def leave(self) -> None:
        """An open question is dropped unanswered when the screen is left."""
        dismiss_choice(self)

    def retranslate(self) -> None:
        """Labels, pads and messages in the current language."""
        super().retranslate()
        if hasattr(self, "group"):
            self.group.retranslate(self.lang)
            self._show_whose()
            for w, name in ((self.id_error, ID_FIELD), (self.name_error, NAME_FIELD)):
                if name in self._keys:
                    w.setText(self.t(self._keys[name]))

    def _changed(self, name: str) -> None:
        (self.id_error if name == ID_FIELD else self.name_error).hide()
        self._keys.pop(name, None)
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
            self._keys[ID_FIELD] = key
            self.id_error.setText(self.t(key))
            self.id_error.show()
            self._ask(ID_FIELD)
        else:
            self._keys[NAME_FIELD] = result.message_key
            self.name_error.setText(self.t(result.message_key))
            self.name_error.show()
            self._ask(NAME_FIELD)
