"""The application form, rendered from the service's form definition.

The list page shows every field (identity fields masked and locked, choices as
buttons); tapping a typed field opens the editor page with the right on-screen
keypad (pinyin for text, digits for numbers, phones and dates, digits and X for
ID numbers). Values live in the session as they are typed, so Back and forth
keeps them; the idle wipe clears them with the session.

In assisted mode (长辈模式) the same fields are asked one per page instead: a
progress line ("第 2 步，共 4 步"), the question, its answer control (choice
buttons, or the field with its keypad already open) and Previous / Next. Fields
filled from the identity document are not questions and are not asked; they
show on the review screen.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalog import FieldType, FormField, Service
from kiosk.flow import Screen
from kiosk.services.form_rules import (
    display_value,
    format_date_entry,
    is_locked,
    prefill,
    validate,
    validate_all,
)
from ui.screens.apply_common import (
    current_service,
    message_label,
    set_role,
    skip_documents_if_nothing_to_capture,
)
from ui.screens.base import BaseScreen
from ui.screens.manual_id import load_pinyin
from ui.widgets.entry_group import EntryGroup, PadKind
from ui.widgets.tile import Tile

PADS = {
    FieldType.TEXT: PadKind.TEXT,
    FieldType.ADDRESS: PadKind.TEXT,
    FieldType.NUMBER: PadKind.NUMBER,
    FieldType.DATE: PadKind.DATE,
    FieldType.PHONE: PadKind.DIGITS,
    FieldType.ID_NUMBER: PadKind.ID,
}


def _pad(f: FormField) -> PadKind:
    # Whole numbers (copies, people, years) get the digit pad: no decimal point to press.
    if f.type is FieldType.NUMBER and f.integer:
        return PadKind.DIGITS
    return PADS.get(f.type, PadKind.TEXT)


def _limit(f: FormField) -> int:
    if f.type is FieldType.PHONE:
        return 13
    if f.type is FieldType.ID_NUMBER:
        return 18
    if f.type is FieldType.DATE:
        return 8
    return f.max_length or 200


class FormScreen(BaseScreen):
    """List of fields plus an editor page with the keypad for the field being typed."""

    screen_id = Screen.FORM
    title_key = "form.title"
    prompt_key = "form.prompt"

    def build(self) -> None:
        """Two pages: the list (with Next) and the editor (with Done)."""
        self.heading = self.label("form.prompt", role="heading")
        self.root.addWidget(self.heading)
        self.pages = QStackedWidget()
        self.root.addWidget(self.pages, 1)
        # List page.
        self.list_page, lp, self.list = self._page()
        self.summary = message_label("form_summary")
        lp.addWidget(self.summary)
        self.next_btn = self.button("form.next", self._next, role="primary")
        self.next_btn.setObjectName("btn_next")
        lp.addWidget(self.next_btn)
        # Editor page.
        self.editor_page, ep, self.editor = self._page()
        self.editor_label = QLabel()
        self.editor_label.setObjectName("editor_label")
        self.editor_label.setProperty("role", "heading")
        self.editor_label.setWordWrap(True)
        self.editor.addWidget(self.editor_label)
        self.editor_fields = QVBoxLayout()
        self.editor.addLayout(self.editor_fields)
        self.editor_error = message_label("editor_error")
        self.editor.addWidget(self.editor_error)
        self.pad_host = self.dock  # the keyboard docks at the page's bottom, never scrolls
        self.done_btn = self.button("apply.done", self._done, role="primary")
        self.done_btn.setObjectName("btn_done")
        ep.addWidget(self.done_btn)
        self.pages.addWidget(self.list_page)
        self.pages.addWidget(self.editor_page)
        self._build_step_page()
        self._service_id: str | None = None
        self._fields: dict[str, FormField] = {}
        self._errors: dict[str, str] = {}
        self._error_labels: dict[str, QLabel] = {}
        self._value_tiles: dict[str, Tile] = {}
        self._choice_buttons: dict[str, list[tuple[str, QPushButton]]] = {}
        self.group: EntryGroup | None = None
        self._rendered_lang = ""
        self._steps: list[str] = []  # assisted mode: the field ids asked, in order
        self._step = 0
        self._step_boxes: dict[str, QWidget] = {}

    def _page(self) -> tuple[QWidget, QVBoxLayout, QVBoxLayout]:
        """A page of the stack: its layout, and the scrolling body at its top."""
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(self.ctx.tokens().gap())
        return page, lay, self.scroll_body(into=lay)

    def _build_step_page(self) -> None:
        """Assisted mode's page: progress, one question, its control, Previous / Next."""
        self.step_page, sp, self.step_body = self._page()
        self.progress = QLabel()
        self.progress.setObjectName("form_progress")
        self.progress.setProperty("role", "body")
        self.progress.setWordWrap(True)
        self.step_body.addWidget(self.progress)
        self.step_fields = QVBoxLayout()
        self.step_fields.setContentsMargins(0, 0, 0, 0)
        self.step_body.addLayout(self.step_fields)
        self.step_pad_host = self.dock
        row = QHBoxLayout()
        tokens = self.ctx.tokens()
        row.setSpacing(tokens.mm(tokens.gap_mm + 2))
        self.step_back_btn = self.button("form.step.back", self._step_back)
        self.step_back_btn.setObjectName("btn_step_back")
        self.step_next_btn = self.button("form.step.next", self._step_next, role="primary")
        self.step_next_btn.setObjectName("btn_step_next")
        row.addWidget(self.step_back_btn)
        row.addWidget(self.step_next_btn)
        sp.addLayout(row)
        self.pages.addWidget(self.step_page)

    def _assisted(self) -> bool:
        return self.core.sessions.current.assisted

    # --- lifecycle -------------------------------------------------------------------------

    def enter(self) -> None:
        """Build the fields for the chosen service (once per service), then show the list."""
        # Spoken by the window after enter(): assisted pages ask, they do not list.
        self.prompt_key = "form.step.prompt" if self._assisted() else FormScreen.prompt_key
        service = current_service(self.core)
        sid = service.id if service else None
        if sid != self._service_id or self.group is None:
            self._service_id = sid
            self._step = 0
            self._render(service)
            self._show_list()
        elif self._assisted():
            self._show_step(self._step)
        elif self.pages.currentWidget() is not self.editor_page:
            self._show_list()
        if self.group is not None:
            load_pinyin(self, self.group)

    def retranslate(self) -> None:
        """Language switch: rebuild the labels (values are kept in the session)."""
        super().retranslate()
        if (
            hasattr(self, "pages")
            and self._service_id is not None
            and self._rendered_lang != self.lang
        ):
            editing = self.group.active() if self.group else None
            self._render(current_service(self.core))
            if self._assisted():
                self._show_step(self._step)
            elif editing:
                self._edit(editing)

    # --- rendering -------------------------------------------------------------------------

    def _identity(self):  # type: ignore[no-untyped-def]
        return self.core.sessions.current.identity

    def _values(self) -> dict[str, str]:
        return self.core.sessions.current.form_values

    def _render(self, service: Service | None) -> None:
        self._rendered_lang = self.lang
        if self._assisted():
            self._render_steps(service)
            return
        self.clear_layout(self.list)
        self.clear_layout(self.editor_fields)
        self.clear_layout(self.pad_host)
        self._fields.clear()
        self._error_labels.clear()
        self._value_tiles.clear()
        self._choice_buttons.clear()
        tokens = self.ctx.tokens()
        self.group = EntryGroup(tokens, self.lang, self.pad_host, self._changed)
        if service is None or not service.form:
            self.list.addWidget(QLabel(self.t("form.none")))
            return
        ident = self._identity()
        values = self._values()
        self.list.addWidget(self._identified())
        for f in service.form:
            self._fields[f.id] = f
            pre = prefill(f, ident)
            if pre is not None:
                values[f.id] = pre
            label = QLabel(f.label.get(self.lang) + ("" if f.required else self.t("form.optional")))
            label.setObjectName(f"label_{f.id}")
            label.setProperty("role", "heading")
            label.setWordWrap(True)
            self.list.addWidget(label)
            if f.hint is not None:
                hint = QLabel(f.hint.get(self.lang))
                hint.setProperty("role", "muted")
                hint.setWordWrap(True)
                self.list.addWidget(hint)
            if f.type is FieldType.CHOICE:
                self._add_choices(f)
            elif is_locked(f, ident):
                shown = display_value(f, values.get(f.id, ""), self.lang, masked=True)
                source = ident.source.value if ident is not None else "manual"
                note = QLabel(f"{shown}  {self.t(f'form.from_id.{source}')}")
                note.setObjectName(f"locked_{f.id}")
                note.setProperty("role", "body")
                note.setWordWrap(True)
                self.list.addWidget(note)
            else:
                tile = Tile(compact=True)
                tile.setObjectName(f"value_{f.id}")
                tile.clicked.connect(lambda _=False, n=f.id: self._edit(n))
                self._value_tiles[f.id] = tile
                self.list.addWidget(tile)
                entry = self.group.add(f.id, _pad(f), _limit(f))
                entry.hide()
                self.editor_fields.addWidget(entry)
                raw = values.get(f.id, "")
                if f.type is FieldType.DATE:
                    raw = raw.replace("-", "")
                self.group.set_value(f.id, raw)
                self._refresh_tile(f.id)
            err = message_label(f"error_{f.id}")
            self._error_labels[f.id] = err
            self.list.addWidget(err)
            if f.id in self._errors:
                err.setText(self.t(self._errors[f.id]))
                err.show()

    def _identified(self) -> QLabel:
        """Who was identified, masked, and with what (every path: card, e-ID, typed)."""
        w = QLabel()
        w.setObjectName("form_identified")
        w.setProperty("role", "muted")
        w.setWordWrap(True)
        ident = self._identity()
        if ident is None:
            w.hide()
            return w
        w.setText(
            self.t(
                "form.identified",
                name=ident.masked_name(),
                doc=self.t(f"doctype.{ident.document_type.value}"),
                src=self.t(f"form.from_id.{ident.source.value}"),
            )
        )
        return w

    def _add_choices(self, f: FormField) -> None:
        host = QWidget()
        grid = QGridLayout(host)
        grid.setContentsMargins(0, 0, 0, 0)
        tokens = self.ctx.tokens()
        grid.setSpacing(tokens.gap())
        current = self._values().get(f.id, "")
        buttons: list[tuple[str, QPushButton]] = []
        for i, c in enumerate(f.choices):
            b = QPushButton(c.label.get(self.lang))
            b.setObjectName(f"choice_{f.id}_{c.value}")
            b.setProperty("role", "primary" if c.value == current else "secondary")
            b.clicked.connect(lambda _=False, n=f.id, v=c.value: self._choose(n, v))
            grid.addWidget(b, i // 2, i % 2)
            buttons.append((c.value, b))
        self._choice_buttons[f.id] = buttons
        self.list.addWidget(host)

    def _refresh_tile(self, name: str) -> None:
        tile = self._value_tiles.get(name)
        if tile is None:
            return  # assisted pages show the field itself, not a tile
        f = self._fields[name]
        value = self._values().get(name, "")
        shown = display_value(f, value, self.lang, masked=False) or self.t("form.tap_to_fill")
        tile.set_texts(shown, "")

    # --- editing ---------------------------------------------------------------------------

    def _show_list(self) -> None:
        if self._assisted():
            self._show_step(self._step)
            return
        if self.group is not None:
            self.group.activate(None)
        self.heading.show()
        self.pages.setCurrentWidget(self.list_page)

    def _edit(self, name: str) -> None:
        if self.group is None or name not in self._value_tiles:
            return
        f = self._fields[name]
        self.editor_label.setText(f.label.get(self.lang))
        for n in self._value_tiles:
            self.group.field(n).setVisible(n == name)
        self.editor_error.hide()
        self.group.activate(name)
        self.heading.hide()
        self.pages.setCurrentWidget(self.editor_page)

    def _stored(self, name: str, raw: str) -> str:
        f = self._fields[name]
        return format_date_entry(raw) if f.type is FieldType.DATE else raw

    def _changed(self, name: str) -> None:
        if self.group is None:
            return
        self._values()[name] = self._stored(name, self.group.value(name))
        self.editor_error.hide()
        self._errors.pop(name, None)
        self._error_labels[name].hide()
        self._refresh_tile(name)

    def _today(self):  # type: ignore[no-untyped-def]
        return self.core.clock().astimezone().date()

    def _done(self) -> None:
        name = self.group.active() if self.group else None
        if name is not None:
            value = self._values().get(name, "")
            err = validate(self._fields[name], value, self._today(), self._identity())
            if err is not None and value:
                self.editor_error.setText(self.t(err))
                self.editor_error.show()
                return
        self._show_list()

    def _choose(self, name: str, value: str) -> None:
        self._values()[name] = value
        self._errors.pop(name, None)
        self._error_labels[name].hide()
        for v, b in self._choice_buttons.get(name, []):
            set_role(b, "primary" if v == value else "secondary")

    def _next(self) -> None:
        service = current_service(self.core)
        if service is None:
            return
        errors = validate_all(service.form, self._values(), self._today(), self._identity())
        self._errors = errors
        for name, label in self._error_labels.items():
            if name in errors:
                label.setText(self.t(errors[name]))
                label.show()
            else:
                label.hide()
        if errors:
            first = next((n for n in self._steps if n in errors), None)
            if self._assisted() and first is not None:
                self._show_step(self._steps.index(first))
                return
            self.summary.setText(self.t("form.fix"))
            self.summary.show()
            return
        self.summary.hide()
        skip_documents_if_nothing_to_capture(self.core)
        self.goto(self.core.next())

    # --- assisted mode: one question per page ---------------------------------------------

    def _render_steps(self, service: Service | None) -> None:
        self.clear_layout(self.step_fields)
        self.clear_layout(self.step_pad_host)
        self._fields.clear()
        self._error_labels.clear()
        self._value_tiles.clear()
        self._choice_buttons.clear()
        self._step_boxes.clear()
        self._steps = []
        self.group = EntryGroup(self.ctx.tokens(), self.lang, self.step_pad_host, self._changed)
        if service is None or not service.form:
            self.step_fields.addWidget(QLabel(self.t("form.none")))
            return
        ident = self._identity()
        values = self._values()
        self.step_fields.addWidget(self._identified())
        for f in service.form:
            self._fields[f.id] = f
            pre = prefill(f, ident)
            if pre is not None:
                values[f.id] = pre
                continue  # read from the document: nothing to ask
            self._steps.append(f.id)
            box = QWidget()
            box.setObjectName(f"step_{f.id}")
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            tokens = self.ctx.tokens()
            lay.setSpacing(tokens.gap())
            label = QLabel(f.label.get(self.lang) + ("" if f.required else self.t("form.optional")))
            label.setObjectName(f"label_{f.id}")
            label.setProperty("role", "heading")
            label.setWordWrap(True)
            lay.addWidget(label)
            if f.hint is not None:
                hint = QLabel(f.hint.get(self.lang))
                hint.setProperty("role", "muted")
                hint.setWordWrap(True)
                lay.addWidget(hint)
            if f.type is FieldType.CHOICE:
                lay.addWidget(self._step_choices(f))
            else:
                entry = self.group.add(f.id, _pad(f), _limit(f))
                lay.addWidget(entry)
                raw = values.get(f.id, "")
                if f.type is FieldType.DATE:
                    raw = raw.replace("-", "")
                self.group.set_value(f.id, raw)
            err = message_label(f"error_{f.id}")
            self._error_labels[f.id] = err
            lay.addWidget(err)
            if f.id in self._errors:
                err.setText(self.t(self._errors[f.id]))
                err.show()
            box.hide()
            self._step_boxes[f.id] = box
            self.step_fields.addWidget(box)
        self._step = max(0, min(self._step, len(self._steps) - 1))

    def _step_choices(self, f: FormField) -> QWidget:
        # One answer per row: long labels stay whole and every target is full width.
        host = QWidget()
        col = QVBoxLayout(host)
        col.setContentsMargins(0, 0, 0, 0)
        tokens = self.ctx.tokens()
        col.setSpacing(tokens.mm(tokens.gap_mm + 1))
        current = self._values().get(f.id, "")
        buttons: list[tuple[str, QPushButton]] = []
        for c in f.choices:
            b = QPushButton(c.label.get(self.lang))
            b.setObjectName(f"choice_{f.id}_{c.value}")
            b.setProperty("role", "primary" if c.value == current else "secondary")
            b.clicked.connect(lambda _=False, n=f.id, v=c.value: self._choose(n, v))
            col.addWidget(b)
            buttons.append((c.value, b))
        self._choice_buttons[f.id] = buttons
        return host

    def step(self) -> tuple[int, int]:
        """(current step, number of steps), 1-based (tests, tour)."""
        return self._step + 1, len(self._steps)

    def _show_step(self, index: int) -> None:
        self.heading.hide()
        self.pages.setCurrentWidget(self.step_page)
        if not self._steps:
            self.progress.hide()
            self.step_back_btn.hide()
            return
        self._step = index = max(0, min(index, len(self._steps) - 1))
        name = self._steps[index]
        for n, box in self._step_boxes.items():
            box.setVisible(n == name)
        self.progress.show()
        self.progress.setText(self.t("form.step", n=index + 1, total=len(self._steps)))
        self.step_back_btn.setVisible(index > 0)
        if self.group is not None:
            typed = name not in self._choice_buttons
            self.group.activate(name if typed else None)

    def _step_back(self) -> None:
        self._show_step(self._step - 1)

    def _step_next(self) -> None:
        if not self._steps:
            self._next()
            return
        name = self._steps[self._step]
        err = validate(
            self._fields[name], self._values().get(name, ""), self._today(), self._identity()
        )
        label = self._error_labels[name]
        if err is not None:
            self._errors[name] = err
            label.setText(self.t(err))
            label.show()
            self.core.say(self.t(err))
            return
        label.hide()
        if self._step + 1 < len(self._steps):
            self._show_step(self._step + 1)
            self.core.say(self._fields[self._steps[self._step]].label.get(self.lang))
            return
        self._next()
