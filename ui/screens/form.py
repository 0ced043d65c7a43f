"""The application form, rendered from the service's form definition.

The list shows the fields as pages that fit the window (ui/widgets/pager.py,
"第 1/2 页"): identity fields masked and locked, choices as buttons, typed fields
as tiles. 下一步 is the one way forward: it checks the page shown and turns to the
next one (saying while there are more: 下一步（还有 1 页）), and on the last page
goes on; the pages' own row has only 前面的问题 to go back (#14: a 更多问题 ▶ that
turned pages unchecked, beside 下一步, was two "next" buttons).
Tapping a typed field opens the editor: the question, the field with Done beside
it, and the docked keypad (pinyin for text, digits for numbers, phones and dates,
digits and X for ID numbers) whose strip shows the message.
Values live in the session as they are typed, so Back and forth keeps them; the
idle wipe clears them with the session.

In assisted mode (长辈模式) the same fields are asked one per page instead: the
question with its progress ("第 2 步，共 4 步"), the field (keypad docked under it) or
the choice buttons, then Previous and Next at the two ends of the row under them
(try-out 9, E2; beside the field where a small landscape panel has no row to spare).
Fields filled from the identity document are not questions and are not asked; they
show on the review screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalog import FieldType, FormField, Service, keyboard_of
from kiosk.flow import Screen
from kiosk.identity import Identity, IdentitySource
from kiosk.services.form_rules import (
    DEFAULT_MAX_TEXT,
    display_value,
    error_params,
    format_date_entry,
    identity_backed,
    prefill,
    validate,
    validate_all,
)
from ui.layout_items import add_layout, widgets
from ui.screens.apply_common import (
    current_service,
    forget_identity,
    message_label,
    reserve_room,
    set_role,
    skip_documents_if_nothing_to_capture,
)
from ui.screens.base import AheadStep, BaseScreen, ScreenContext
from ui.screens.entry_page import (
    answer_button,
    buttons_at_foot,
    dock_at_bottom,
    fit_page,
    heading_line,
    keys_then_room,
    place_step_buttons,
    question_box,
    step_foot,
)
from ui.screens.manual_id import load_pinyin
from ui.widgets.choice_grid import ChoiceGrid, WrapButton
from ui.widgets.chosen_mark import mark_as_answer
from ui.widgets.entry_group import EntryGroup, GroupState, PadKind
from ui.widgets.fit_keys import heading_floor_px, row_gap
from ui.widgets.pager import PagedGrid
from ui.widgets.tile import Tile


def _pad(f: FormField) -> PadKind:
    # The catalog's keyboard for the field (else its type's: kiosk.catalog.keyboard_of):
    # a bank account on the number pad, a permit number on letters without pinyin.
    keys = keyboard_of(f)
    return PadKind.TEXT if keys is None else PadKind(keys.value)


DATE_TYPES = (FieldType.DATE, FieldType.MONTH)  # typed as digits, shown with dashes


def _limit(f: FormField) -> int:
    if f.type is FieldType.PHONE:
        return 13
    if f.type is FieldType.ID_NUMBER:
        return 18
    if f.type is FieldType.DATE:
        return 8
    if f.type is FieldType.MONTH:
        return 6
    return f.max_length or DEFAULT_MAX_TEXT


class _Question(QLabel):
    """A question beside its answers: one line while it is short (补换原因 level with its
    answers, not broken over two lines by answers that take most of the row)."""

    def minimumSizeHint(self) -> QSize:
        """At least its one line, up to a sixth of the window (a long question wraps)."""
        hint = super().minimumSizeHint()
        line = self.fontMetrics().horizontalAdvance(self.text()) + 2
        room = max(1, self.window().width() // 6)
        return QSize(max(hint.width(), min(line, room)), hint.height())


class _MatchHeight(QObject):
    """Keeps a question's label as tall as the first row of its answer, so the question
    reads level with the first answers however many rows they take.

    For a typed answer's tile that row is its first line: an address on two lines put
    联系地址 half a line lower than 联系电话 beside it (try-out 9, C3)."""

    def __init__(self, label: QLabel, first: QWidget) -> None:
        super().__init__(first)
        self._label = label

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """On the first answer's resize: the label's least height follows it."""
        if not (event.type() == QEvent.Type.Resize and isinstance(obj, QWidget)):
            return False
        height = obj.height()
        if isinstance(obj, Tile) and obj.layout() is not None:
            m = obj.layout().contentsMargins()
            one_line = m.top() + m.bottom() + obj.title.fontMetrics().height()
            height = min(height, max(one_line, obj.minimumHeight()))
        if self._label.minimumHeight() != height:
            self._label.setMinimumHeight(height)
        return False


_NO_MOST = (1 << 24) - 1  # Qt's QWIDGETSIZE_MAX: no greatest height


class _TypedHead(QObject):
    """The height a typed question's words were given (they give way to the keys), for
    a choice question's words to take no more where 下一步 ends their rows (1280x800)."""

    def __init__(self, on_change: Callable[[], None]) -> None:
        super().__init__()
        self.height = 0
        self._on_change = on_change

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """A typed question's words laid out on display: their height is the one."""
        resized = event.type() == QEvent.Type.Resize and isinstance(obj, QWidget)
        if resized and obj.isVisible() and obj.height() != self.height:
            self.height = obj.height()
            self._on_change()
        return False


class _Pages:
    """The form's pages, one shown at a time.

    Not a QStackedWidget: a stack is as tall as its tallest page, and the list's
    room would then push the editor's docked keypad off a small panel.
    """

    def __init__(self, layout: QVBoxLayout) -> None:
        self._layout = layout
        self._pages: list[QWidget] = []

    def addWidget(self, page: QWidget, stretch: int = 0) -> None:
        """Add ``page`` (hidden until made current)."""
        self._layout.addWidget(page, stretch)
        page.hide()
        self._pages.append(page)

    def setCurrentWidget(self, page: QWidget) -> None:
        """Show ``page`` alone."""
        for p in self._pages:
            if p is not page:
                p.hide()
        page.show()

    def currentWidget(self) -> QWidget | None:
        """The page shown."""
        return next((p for p in self._pages if not p.isHidden()), None)


@dataclass(frozen=True)
class _StepRows:
    """A 长辈模式 question's rows the shared buttons join when it is shown."""

    top: QHBoxLayout  # over the question: 不是王*明？
    header: QHBoxLayout  # the question and its progress
    row: QHBoxLayout  # the field, or the answers
    gap: QSpacerItem | None = None  # between a typed answer and 上一步 ... 下一步


@dataclass(frozen=True)
class _Shell:
    """What a form built ahead (before anyone was identified) was built for."""

    service_id: str
    lang: str
    assisted: bool
    locks: frozenset[str]  # the fields an identity fills


@dataclass(frozen=True)
class _Carried:
    """A form's place and messages, kept across a rebuild (FormScreen.carry)."""

    service_id: str
    assisted: bool
    step: int
    page: int
    editing: str | None
    editor_error: str
    errors: dict[str, str]
    group: GroupState


class FormScreen(BaseScreen):
    """Paged list of fields plus an editor page with the keypad for the field being typed."""

    screen_id = Screen.FORM
    title_key = "form.title"
    prompt_key = "form.prompt"

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__(ctx)
        # 长辈模式's questions keep their keys under the field in portrait, the room left
        # under the keys: their strip's words take it as a docked pad's do (try-out 20,
        # E2: 地址还不完整… stayed at the strip's 30 px floor at 字号 4/4, half the body
        # size, over ~460 px left empty).
        dock_at_bottom(self, self._room_under_keys)

    def build(self) -> None:
        """Three pages: the list (paged, with Next), the editor (with Done), assisted steps."""
        fit_page(self)
        tokens = self.ctx.tokens()
        self.heading = QLabel()
        self.heading.setObjectName("form_prompt")
        self.heading.setProperty("role", "heading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setText(self.t("form.prompt"))
        self.root.addWidget(self.heading)
        self.pages = _Pages(self.root)
        # List page: who was identified, the fields as pages that fit, the summary and Next.
        self.list_page, lp = self._page()
        self.identity_host = QVBoxLayout()
        self.identity_host.setContentsMargins(0, 0, 0, 0)
        add_layout(lp, self.identity_host)
        # Beside who was identified, when a document or e-ID said it (not typed): the way
        # to say it is someone else's, as on the booking and 长辈模式's first question.
        # Parented from the start, so it goes with the screen on a journey that never
        # shows it (a parentless button outlived its screen: test_screens_freed).
        self.list_not_me_btn = answer_button(self.button("identified.not_me", self._not_me))
        self.list_not_me_btn.setObjectName("btn_not_me")
        self.list_not_me_btn.setParent(self.list_page)
        self.list_not_me_btn.hide()
        self.pager = PagedGrid(
            tokens,
            "form_pager",
            lang=self.lang,
            fill_by_item=True,
            widen_last=True,  # the last question's answers across the row (C3)
            forward=False,  # 下一步 turns the pages, checking each (#14)
            turn_keys=("form.pager.prev", ""),
        )
        self._gave_way = False  # the prompt hidden for the list's room (_room_for_list)
        self.pager.laid_out.connect(self._room_for_list)
        self.pager.laid_out.connect(self._say_where_next_goes)
        self._in_view: str | None = None  # a field the list's page must show (_keep_in_view)
        self.pager.laid_out.connect(self._keep_in_view)
        self.pager.prev.clicked.connect(self._let_go)
        self.pager.page_changed.connect(lambda _n: self._page_turned())
        lp.addWidget(self.pager, 1)
        # What to put right, beside Next (its room kept: Next never moves).
        bottom = QHBoxLayout()
        bottom.setSpacing(tokens.gap())
        self.summary = message_label("form_summary", lines=1)
        bottom.addWidget(self.summary, 1)
        self.next_btn = self.button("form.next", self._next, role="primary")
        self.next_btn.setObjectName("btn_next")
        self._next_least = tokens.mm(tokens.target_mm * 4)
        self.next_btn.setMinimumWidth(self._next_least)
        bottom.addWidget(self.next_btn)
        add_layout(lp, bottom)
        self.pages.addWidget(self.list_page, 1)
        # Editor page: the question, then the field with Done beside it (keypad docked).
        self.editor_page, ep = self._page()
        self.editor_label = QLabel()
        self.editor_label.setTextFormat(Qt.TextFormat.PlainText)
        self.editor_label.setObjectName("editor_label")
        self.editor_label.setProperty("role", "heading")
        self.editor_label.setWordWrap(True)
        ep.addWidget(self.editor_label)
        row = QHBoxLayout()
        row.setSpacing(tokens.gap())
        self.editor_fields = QHBoxLayout()
        self.editor_fields.setContentsMargins(0, 0, 0, 0)
        add_layout(row, self.editor_fields, 1)
        self.done_btn = self.button("apply.done", self._done, role="primary")
        self.done_btn.setObjectName("btn_done")
        row.addWidget(answer_button(self.done_btn), 0, Qt.AlignmentFlag.AlignBottom)
        add_layout(ep, row)
        self.pad_host = self.dock  # the keyboard docks at the page's bottom, never scrolls
        # A stand-in until the form is built (never shown); parented so Qt frees it with
        # the screen, named apart so it is never taken for the real one.
        self.editor_error = message_label("editor_error_unbuilt")
        self.editor_error.setParent(self.editor_page)
        self.pages.addWidget(self.editor_page)
        self._build_step_page()
        self._service_id: str | None = None
        self._built_for: tuple[object, int] | None = None  # (session, identities) built for
        self._fields: dict[str, FormField] = {}
        self._errors: dict[str, str] = {}
        self._error_labels: dict[str, QLabel] = {}
        self._value_tiles: dict[str, Tile] = {}
        self._items: dict[str, QWidget] = {}  # the list's item for each field
        self._questions: list[_Question] = []  # the list's question labels
        self._choice_buttons: dict[str, list[tuple[str, QPushButton]]] = {}
        self._choice_grids: dict[str, ChoiceGrid] = {}
        self.group: EntryGroup | None = None
        self._rendered_lang = ""
        self._steps: list[str] = []  # assisted mode: the field ids asked, in order
        self._step = 0
        self._step_boxes: dict[str, QWidget] = {}
        self._step_rows: dict[str, _StepRows] = {}
        self._placed: tuple[bool, bool] | None = None  # (under the field, portrait) shown
        self._typed_head = _TypedHead(self._head_as_typed)
        self._typed_head.setParent(self)
        self._locked_notes: dict[str, QLabel] = {}  # fields read from the identity
        self._identified_line: QLabel | None = None  # who was identified (list page)
        # Built ahead, before anyone was identified, and for what (None: not, or used).
        self._shell: _Shell | None = None
        self._ahead: Iterator[None] | None = None  # the build ahead under way

    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        """A page of the form and its layout."""
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(row_gap(self.ctx.tokens()))
        return page, lay

    def _build_step_page(self) -> None:
        """Assisted mode's page: one question; progress and Previous / Next join it when shown."""
        self.step_page, sp = self._page()
        self.step_body = sp
        # Parented from the start: in standard mode it never joins a layout, and a
        # parentless label outlived its screen (the soak found one per few citizens).
        # Beside the question, giving way with it to the docked keys.
        self.progress = heading_line(self.ctx.tokens(), "body")
        self.progress.setParent(self.step_page)
        self.progress.hide()
        self.progress.setObjectName("form_progress")
        self.step_fields = QVBoxLayout()
        self.step_fields.setContentsMargins(0, 0, 0, 0)
        add_layout(sp, self.step_fields)
        # On a portrait panel the keys come right under the field they fill, the room
        # left between them and 上一步 / 下一步 at the page's foot (one place for every
        # question); docked at the screen's foot, under the buttons, they lay
        # ~700 px under the field at 字号 4/4 (try-out 15, E1; README). Elsewhere docked.
        self.step_keys = QVBoxLayout()
        self.step_keys.setContentsMargins(0, 0, 0, 0)
        self.step_keys.setSpacing(row_gap(self.ctx.tokens()))
        # The keys take the room first (to their cap), as a docked keyboard does; the
        # room they do not take lies under them, over the buttons.
        self._under_keys = keys_then_room(sp, self.step_keys)
        self._keys_here = False  # the questions' keys are in step_keys (else the dock)
        self.step_pad_host = self.dock
        # Under the questions: 上一步 at the left end, 下一步 at the right, apart, where the
        # eye goes once it has answered (try-out 9, E2), and in one place for every
        # question, under the tallest one (try-out 12, N5: under each question's own
        # answers it moved from one to the next, and a choice lay where it had been).
        # Where there is no row to spare for it (1280x800) the buttons join the ends of
        # the field's or the answers' row instead; a form-less service's wait here.
        self.step_row = step_foot(self)
        self.step_back_btn = answer_button(self.button("form.step.back", self._step_back))
        self.step_back_btn.setObjectName("btn_step_back")
        # On the first question, in 上一步's place (which it does not use): 不是王*明？,
        # the name read from the e-ID or the document, and the way to say it is someone
        # else's (try-out 6, 16: 长辈模式 went from the read straight to a question).
        self.not_me_btn = answer_button(self.button("identified.not_me", self._not_me))
        self.not_me_btn.setObjectName("btn_not_me")
        self.not_me_btn.hide()
        self.step_next_btn = answer_button(
            self.button("form.step.next", self._step_next, role="primary")
        )
        self.step_next_btn.setObjectName("btn_step_next")
        # In the row from the start, so it has a parent (and goes with the screen) on a
        # journey that never shows it.
        self.step_row.insertWidget(0, self.step_back_btn)
        self.step_row.insertWidget(0, self.not_me_btn)
        self.step_row.addWidget(self.step_next_btn)
        add_layout(sp, self.step_row)
        self.pages.addWidget(self.step_page)

    def _room_under_keys(self) -> int:
        """The room left under the keys laid under a question (none when they are docked)."""
        under = getattr(self, "_under_keys", None)
        if under is None or not self._keys_here or not self.step_page.isVisible():
            return 0
        return int(under.geometry().height())

    def _assisted(self) -> bool:
        return self.core.sessions.current.assisted

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Two columns of fields on a landscape panel, one on a portrait one."""
        super().resizeEvent(event)
        size = event.size()
        self._set_prompt()
        self.pager.set_columns(2 if size.width() > size.height() * 1.2 else 1)
        self._grid_step_choices()
        if hasattr(self, "_questions"):
            self._size_questions()  # a sixth of the new width at most
        if hasattr(self, "_placed") and self._assisted():
            self._replace_buttons()
            if self._steps and self.pages.currentWidget() is self.step_page:
                name = self._steps[self._step]
                self._foot_in_one_place(name, self.not_me_btn.sizePolicy().retainSizeWhenHidden())

    def showEvent(self, event: QShowEvent) -> None:
        """Shown: a first question that is a choice takes a typed question's height for
        its words now that one can be laid out (see _learn_typed_head)."""
        super().showEvent(event)
        if hasattr(self, "_typed_head") and self._assisted():
            self._learn_typed_head()

    def changeEvent(self, event: QEvent) -> None:
        """A new text step or theme: the prompt's length is chosen again."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._set_prompt()
            if hasattr(self, "_questions"):
                self._size_questions()
            self._say_where_next_goes()  # its words' width in the new type

    def _set_prompt(self) -> None:
        """The whole prompt, or its first part where it would take a second line on a
        landscape panel (1280x800 at a large text step): the list keeps that room."""
        if not hasattr(self, "heading"):
            return
        full = self.t("form.prompt")
        width = self.width() - self.root.contentsMargins().left() * 2
        one_line = QFontMetrics(self.heading.font()).lineSpacing() * 3 // 2
        self.heading.setText(full)
        if self.width() > self.height() and self.heading.heightForWidth(max(1, width)) > one_line:
            self.heading.setText(self.t("form.prompt_short"))
        # Asked again at this size: the list says whether it needs the heading's room.
        self._gave_way = False
        if self.pages.currentWidget() is self.list_page and not self._assisted():
            self.heading.show()

    def _room_for_list(self) -> None:
        """A question taller than the list's page (the catalog's longest answers at 字号
        4/4 on 1280x800): the prompt makes way, as a page title does for keys; the step
        bar and the identity lines still say where the citizen is."""
        if self._gave_way or self._assisted() or not self.heading.isVisible():
            return
        if self.pages.currentWidget() is self.list_page and self.pager.overflows():
            self._gave_way = True
            self.heading.hide()

    def _step_columns(self, n: int) -> int:
        # 长辈模式: one answer a row, or two a row on a landscape panel when there are
        # more than two (four one under another would not fit 800 px with its question).
        return 2 if n > 2 and self.width() > self.height() else 1

    def _grid_step_choices(self) -> None:
        """Lay 长辈模式's choice buttons out for the panel's shape (they never move otherwise)."""
        if not hasattr(self, "_choice_grids") or not self._assisted():
            return
        for grid in self._choice_grids.values():
            grid.set_columns(self._step_columns(len(grid.buttons())))

    # --- lifecycle -------------------------------------------------------------------------

    def enter(self) -> None:
        """Build the fields for the chosen service (once per service), then show the list."""
        # Spoken by the window after enter(): assisted pages ask, they do not list.
        self.prompt_key = "form.step.prompt" if self._assisted() else FormScreen.prompt_key
        service = current_service(self.core)
        sid = service.id if service else None
        # Built for another identity (不是我, then the citizen's own e-ID): built anew, or
        # the list would say who was identified before, with their values.
        session = self.core.sessions.current
        who = (session.id, session.identities)
        if sid != self._service_id or self.group is None or who != self._built_for:
            self._service_id = sid
            self._built_for = who
            self._step = 0
            self._in_view = None
            locks = self._locks(service, self._identity())
            if self._shell is not None and self._shell == self._shell_key(service, locks):
                # Built ahead for this service, language and mode: only the citizen's
                # part goes in on this tap.
                self._shell = None
                self._fill(service)
            else:
                self._render(service)
            self._show_list()
        elif self._assisted():
            self._show_step(self._step)
        elif self.pages.currentWidget() is not self.editor_page:
            self._show_list()
        if self.group is not None:
            load_pinyin(self, self.group)

    def ahead_steps(self) -> list[AheadStep]:
        """The form for the service chosen, built while the citizen proves who they are.

        The window runs these steps between the citizen's taps on the identification
        screens (ui/prebuild.py): a question a step, then its keyboards, then the list
        shown (on a hidden page). Nothing of anyone's goes in: no one is identified yet,
        and the tap to the form fills in only the citizen's part (:meth:`enter`). A
        question cost ~1 ms to build and the form ~5-10 ms on that tap (issue #14)."""
        return [self._ahead_start]

    def _ahead_start(self) -> list[AheadStep] | None:
        service = current_service(self.core)
        if service is None or self._identity() is not None:
            return None
        key = self._shell_key(service, frozenset(f.id for f in service.form if identity_backed(f)))
        if key is None or key == self._shell:
            return None  # built already, for this service, language and mode
        # Whatever an earlier citizen's identity or answers put in goes with the rebuild.
        self._shell = None
        self._service_id = None
        self._built_for = None
        self._step = 0
        gen = self._build(service, key.locks)
        self._ahead = gen

        def advance() -> list[AheadStep] | None:
            if self._ahead is not gen:
                return None  # built on the tap meanwhile, or built again
            if next(gen, False) is None:
                return [advance]
            self._ahead = None
            self._shell = key
            group = self.group
            if group is None:
                return None

            def ours(step: Callable[[], None]) -> AheadStep:
                def run() -> None:
                    if self._shell == key and self.group is group:
                        step()

                return run

            return [*map(ours, group.warm_up_steps()), ours(self._show_ahead)]

        return [advance]

    def _show_ahead(self) -> None:
        # The list (or the first question) on its hidden page, so its first showing
        # only paints: polishing and laying out the new widgets is done here.
        if not self.isVisible() and self._identity() is None:
            self._show_list()

    def carry(self) -> object | None:
        """Where the citizen is (the list's page, the field being typed, 长辈模式's question),
        the messages shown and each keyboard's mode; the values are in the session."""
        if self.group is None or self._service_id is None:
            return None
        editing = self.pages.currentWidget() is self.editor_page
        shown = self.editor_error.text() if editing and self.editor_error.isVisible() else ""
        return _Carried(
            self._service_id,
            self._assisted(),
            self._step,
            self.pager.page(),
            self.group.active() if editing else None,
            shown,
            dict(self._errors),
            self.group.state(),
        )

    def restore(self, state: object) -> None:
        """The same page, question or field, with its messages and keyboard, after a rebuild."""
        if not isinstance(state, _Carried) or state.service_id != self._service_id:
            return
        if self.group is None:
            return
        self._errors = dict(state.errors)
        for name, label in self._error_labels.items():
            if name in self._errors:
                label.setText(self._message(name, self._errors[name]))
                label.show()
        if self._assisted():
            # The question shown (in a mode switched just now, the first unanswered one).
            if state.assisted:
                self._show_step(state.step)
            elif state.editing in self._steps:
                self._show_step(self._steps.index(state.editing))
            self.group.restore(replace(state.group, active=self.group.active()))
            return
        self.pager.show_page(state.page)
        if state.editing is not None:
            self._edit(state.editing)
            if state.editor_error:
                self.editor_error.setText(state.editor_error)
                self.editor_error.show()
            self.group.restore(state.group)
        else:
            self.group.restore(replace(state.group, active=None))

    def retranslate(self) -> None:
        """Language switch: rebuild the labels (values are kept in the session)."""
        super().retranslate()
        self._set_prompt()
        if hasattr(self, "summary") and not self.summary.isHidden():
            self.summary.setText(self.t("form.fix"))  # built once: not in _render's texts
        if hasattr(self, "pager"):
            self.pager.set_language(self.lang)
        if (
            hasattr(self, "pages")
            and self._service_id is not None
            and self._rendered_lang != self.lang
        ):
            editing = self.group.active() if self.group else None
            kept = self.group.state() if self.group else None
            typing = self.group.active_keyboard() if self.group else None
            page = self.pager.page()
            # The question being typed (else the first on the page shown) stays in view:
            # the other language's words may take more pages or fewer (try-out 11, C1).
            shown = [n for n in self._items if n in self._on_page()]
            self._in_view = editing or (shown[0] if shown else None)
            self._render(current_service(self.core))
            self.pager.show_page(page)
            self._keep_in_view()
            if self._assisted():
                self._show_step(self._step)
            elif editing:
                self._edit(editing)
            if kept is not None and self.group is not None:
                # The pinyin being composed stays with its keyboard, as after a new 字号
                # (try-out 7, C-c), and so does the mode of the keyboard being typed on
                # (try-out 11, C1: ABC became 拼音 under Latin letters being typed, the
                # next one composing "shi"); a keyboard not on screen takes the new
                # language's mode.
                modes = {k: v for k, v in kept.modes.items() if v[1] or k == typing}
                self.group.restore(replace(kept, active=self.group.active(), modes=modes))

    # --- rendering -------------------------------------------------------------------------

    def _identity(self):  # type: ignore[no-untyped-def]
        return self.core.sessions.current.identity

    def _read(self) -> bool:
        """Whether the identity was read (a document's chip, an e-ID), not typed."""
        ident = self._identity()
        return ident is not None and ident.source is not IdentitySource.MANUAL

    def _values(self) -> dict[str, str]:
        return self.core.sessions.current.form_values

    def _new_group(self, host: QVBoxLayout) -> EntryGroup:
        self.clear_layout(host)
        self._fields.clear()
        self._error_labels.clear()
        self._value_tiles.clear()
        self._items.clear()
        self._questions.clear()
        self._choice_buttons.clear()
        self._choice_grids.clear()
        group = EntryGroup(self.ctx.tokens(), self.lang, host, self._changed)
        self.group = group
        return group

    def _render(self, service: Service | None) -> None:
        """The form for ``service`` and this citizen: built, then filled in."""
        self._shell = None
        self._ahead = None  # a build ahead still under way stops here
        for _ in self._build(service, self._locks(service, self._identity())):
            pass
        self._fill(service)

    def _locks(self, service: Service | None, ident: Identity | None) -> frozenset[str]:
        """The fields ``ident`` fills (shown locked, or in 长辈模式 not asked)."""
        fields = service.form if service is not None else ()
        return frozenset(f.id for f in fields if prefill(f, ident) is not None)

    def _shell_key(self, service: Service | None, locks: frozenset[str]) -> _Shell | None:
        if service is None:
            return None
        return _Shell(service.id, self.lang, self._assisted(), locks)

    def _build(self, service: Service | None, locks: frozenset[str]) -> Iterator[None]:
        """The form's widgets for ``service``, the fields in ``locks`` read from the
        identity: every question, empty. Holds nothing of the citizen's (no name, no
        number, no answer: :meth:`_fill` puts them in), so it can be made while the
        citizen is still proving who they are. Yields after each question, so the
        window can build it a question per step (:meth:`ahead_steps`)."""
        self._rendered_lang = self.lang
        self._locked_notes = {}
        self._identified_line = None
        if self._assisted():
            yield from self._build_steps(service, locks)
            return
        self.clear_layout(self.editor_fields)
        group = self._new_group(self.pad_host)
        # The editor's message lies in the strip over the keys: the keys never move.
        self.editor_error = group.add_message(message_label("editor_error"))
        self.list_not_me_btn.hide()  # shown with the identity line (none without a form)
        if service is None or not service.form:
            self.pager.set_items([self._muted(self.t("form.none"))])
            return
        items: list[QWidget] = []
        # 不是我 waits on the page while the identity lines are made anew (they take it).
        self.list_not_me_btn.setParent(self.list_page)
        self.clear_layout(self.identity_host)
        identified = self._identified()
        locked = QHBoxLayout()
        locked.setSpacing(self.ctx.tokens().mm(8))
        add_layout(identified.layout(), locked)
        locked.addStretch(1)
        self.identity_host.addWidget(identified)
        for f in service.form:
            self._fields[f.id] = f
            if f.id in locks and f.type is not FieldType.CHOICE:
                # Read from the document: shown (masked) with who was identified, not asked.
                note = QLabel()
                note.setTextFormat(Qt.TextFormat.PlainText)
                note.setObjectName(f"locked_{f.id}")
                note.setProperty("role", "body")
                locked.insertWidget(locked.count() - 1, note)
                self._locked_notes[f.id] = note
                continue
            yield  # a question a step
            # In the window from the start (the pager takes it): its question is measured
            # in the window's type before the pages are laid out (_size_questions).
            item = QWidget(self.list_page)
            item.hide()
            item.setObjectName(f"item_{f.id}")
            lay = QVBoxLayout(item)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setSpacing(row_gap(self.ctx.tokens()))
            label = _Question(
                f.label.get(self.lang) + ("" if f.required else self.t("form.optional"))
            )
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setObjectName(f"label_{f.id}")
            label.setProperty("role", "heading")
            label.setWordWrap(True)
            # The question beside its answer: twice the fields on a page of a small panel.
            # Its width is the form's widest question (_size_questions), so the answers
            # start right after the words, one under another (try-out 9, C3: half the
            # column each put 联系电话 at the left edge and its box in the middle).
            row = QHBoxLayout()
            row.setSpacing(self.ctx.tokens().gap())
            row.addWidget(label, 0)
            answer = QVBoxLayout()
            answer.setSpacing(row_gap(self.ctx.tokens()))
            add_layout(row, answer, 1)
            add_layout(lay, row)
            self._questions.append(label)
            if f.type is FieldType.CHOICE:
                # As many a row as their words allow, in the room after the question;
                # the question keeps one line where it is short (补换原因 level with 遗失).
                answer.addWidget(self._choices(f, columns=len(f.choices), natural=True))
                if f.hint is not None:
                    answer.addWidget(self._muted(f.hint.get(self.lang)))
            else:
                tile = Tile(compact=True)
                tile.setObjectName(f"value_{f.id}")
                tile.setStyleSheet(f"QPushButton {{ padding: {self.ctx.tokens().px(4)}px; }}")
                tile.clicked.connect(lambda _=False, n=f.id: self._edit(n))
                self._value_tiles[f.id] = tile
                answer.addWidget(tile)
                answer.addStretch(1)  # one line's height beside a question on two lines
                entry = group.add(f.id, _pad(f), _limit(f))
                entry.hide()
                self.editor_fields.addWidget(entry, 1)
                if (hint := self._hint(f)) is not None:
                    group.set_hint(f.id, hint)
                tile.set_texts(self.t("form.tap_to_fill"), "")  # the answer: _fill
            # The question lines up with the first row of its answers, not with the middle
            # of all of them (合作银行 sat between two rows of banks: try-out finding).
            first = widgets(answer)[0]
            grid = self._choice_grids.get(f.id)
            if f.type is FieldType.CHOICE and grid and grid.buttons():
                first = grid.buttons()[0]
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            row.setAlignment(label, Qt.AlignmentFlag.AlignTop)
            first.installEventFilter(_MatchHeight(label, first))
            err = self._field_error(f.id)
            self._error_labels[f.id] = err
            lay.addWidget(err)
            lay.addStretch(1)
            self._items[f.id] = item
            items.append(item)
        yield
        self._size_questions()
        yield
        self.pager.set_items(items)

    def _fill(self, service: Service | None) -> None:
        """This citizen's part of the form built by :meth:`_build`: who they are (masked),
        the values read from their identity, their answers so far and the messages shown."""
        ident = self._identity()
        values = self._values()
        fields = service.form if service is not None else ()
        for f in fields:
            pre = prefill(f, ident)
            if pre is not None:
                values[f.id] = pre
        for name, note in self._locked_notes.items():
            f = self._fields[name]
            shown = display_value(f, values.get(name, ""), self.lang, masked=True)
            sep = "：" if self.lang == "zh" else ": "
            note.setText(f"{f.label.get(self.lang)}{sep}{shown}")
        line = self._identified_line
        if line is not None:
            line.setVisible(ident is not None)
            line.setText(self._identified_text() if ident is not None else "")
            self.list_not_me_btn.setVisible(self._read())
        if self.group is not None:
            for name in self.group.values():
                raw = values.get(name, "")
                if self._fields[name].type in DATE_TYPES:
                    raw = raw.replace("-", "")
                self.group.set_value(name, raw)
                self._refresh_tile(name)
        for name, buttons in self._choice_buttons.items():
            current = values.get(name, "")
            for v, b in buttons:
                role = "primary" if v == current else "secondary"
                if b.property("role") != role:
                    set_role(b, role)
        for name, err in self._error_labels.items():
            if name in self._errors:
                err.setText(self._message(name, self._errors[name]))
                err.show()

    def _size_questions(self) -> None:
        """Every question of the list as wide as the widest one's line, so the answers
        line up right after them."""
        if not self._questions:
            return
        # A third of a column at most (a longer question wraps), never narrower than its
        # longest word (an English word is not broken: "Destinat" at 字号 4/4); up to half
        # where that keeps every question on one line: a third wrapped "Phone number" at
        # 1280x800, and English took a page a question where Chinese had two (try-out 10,
        # C3). (Past half, the answers' room goes: choices wrapped off the page at 4/4.)
        columns = 2 if self.width() > self.height() * 1.2 else 1
        column = self.list_page.width() // columns
        room = max(1, column // 3)
        lines, words = [1], [1]
        for q in self._questions:
            q.ensurePolished()
            fm = q.fontMetrics()
            lines.append(fm.horizontalAdvance(q.text()) + 2)
            words += [fm.horizontalAdvance(w) + 2 for w in q.text().split()]
        width = min(max(lines), max(room, max(words)))
        if max(lines) <= column // 2:
            width = max(lines)
        for q in self._questions:
            if q.minimumWidth() != width or q.maximumWidth() != width:
                q.setFixedWidth(width)

    def _field_error(self, name: str) -> QLabel:
        """A field's message line in the list: one line of small type, its room always kept.

        Every form message fits one line of a column in small type, so the rows of
        the pages stay even and a message moves nothing.
        """
        tokens = self.ctx.tokens()
        err = QLabel()
        err.setObjectName(f"error_{name}")
        err.setProperty("role", "error")
        err.setWordWrap(True)
        err.setTextFormat(Qt.TextFormat.PlainText)
        pad = tokens.px(4)
        err.setStyleSheet(f"font-size: {tokens.px(tokens.small_px)}px; padding: {pad}px;")
        font = err.font()
        font.setPixelSize(tokens.px(tokens.small_px))
        err.setFixedHeight(QFontMetrics(font).lineSpacing() + 2 * pad + tokens.px(2))
        reserve_room(err)
        err.hide()
        return err

    def _muted(self, text: str) -> QLabel:
        w = QLabel(text)
        w.setTextFormat(Qt.TextFormat.PlainText)
        w.setProperty("role", "muted")
        w.setWordWrap(True)
        return w

    def _identified(self) -> QWidget:
        """Who was identified, masked, and with what (every path: card, e-ID, typed).

        The fields read from the identity join it, one line each.
        """
        box = QWidget()
        box.setObjectName("form_identity")
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(self.ctx.tokens().px(4))
        lay.setAlignment(Qt.AlignmentFlag.AlignTop)
        w = QLabel()
        w.setTextFormat(Qt.TextFormat.PlainText)
        w.setObjectName("form_identified")
        w.setProperty("role", "muted")
        w.setWordWrap(True)
        # The line and 不是我 beside it: the line wraps to leave it room, and the fields
        # read from the identity take the full width under them (a portrait panel).
        line = QHBoxLayout()
        line.setSpacing(self.ctx.tokens().gap())
        line.addWidget(w, 1)
        line.addWidget(self.list_not_me_btn, 0, Qt.AlignmentFlag.AlignTop)
        add_layout(lay, line)
        w.hide()  # until someone is identified (_fill)
        self._identified_line = w
        return box

    def _identified_text(self) -> str:
        ident = self._identity()
        if ident is None:
            return ""
        return self.t(
            "form.identified.manual"
            if ident.source is IdentitySource.MANUAL
            else "form.identified",
            name=ident.masked_name(),
            doc=self.t(f"doctype.{ident.document_type.value}"),
            src=self.t(f"form.from_id.{ident.source.value}"),
        )

    def _choices(self, f: FormField, columns: int, natural: bool = False) -> QWidget:
        """The answers of a choice field as buttons, at most ``columns`` a row (fewer, or
        on two lines, when their words need it: ui/widgets/choice_grid.py)."""
        tokens = self.ctx.tokens()
        grid = ChoiceGrid(tokens.mm(tokens.gap_mm + 1), columns, natural)
        buttons: list[tuple[str, QPushButton]] = []
        for c in f.choices:
            b = WrapButton(c.label.get(self.lang))
            b.setObjectName(f"choice_{f.id}_{c.value}")
            b.setProperty("role", "secondary")  # the answer given is marked by _fill
            # An answer, not an action: chosen, it has its own look, not 下一步's, and a
            # ✓ (ui/theme.py chosen_colours; try-out 13 E2, try-out 14 C17/E5).
            mark_as_answer(b)
            b.clicked.connect(lambda _=False, n=f.id, v=c.value: self._choose(n, v))
            grid.add(b)
            buttons.append((c.value, b))
        self._choice_buttons[f.id] = buttons
        self._choice_grids[f.id] = grid
        return grid

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
        self.heading.setVisible(not self._gave_way)
        self.pages.setCurrentWidget(self.list_page)

    def _edit(self, name: str) -> None:
        if self.group is None or name not in self._value_tiles:
            return
        f = self._fields[name]
        self.editor_label.setText(f.label.get(self.lang))
        for n in self._value_tiles:
            self.group.field(n).setVisible(n == name)
        self.editor_error.hide()
        # The list goes before the keypad comes: never both at once, even for a moment.
        self.heading.hide()
        self.pages.setCurrentWidget(self.editor_page)
        self.group.activate(name)

    def _stored(self, name: str, raw: str) -> str:
        f = self._fields[name]
        return format_date_entry(raw) if f.type in DATE_TYPES else raw

    def _hint(self, f: FormField) -> str | None:
        """The catalog's hint, else the format a date or month wants, or the numbers a
        number question takes (before any typing)."""
        if f.hint is not None:
            return f.hint.get(self.lang)
        if f.type in DATE_TYPES:
            return self.t(f"form.hint.{f.type.value}")
        if f.type is FieldType.NUMBER:
            # 份数 opened empty with nothing to say what to type (try-out 18, E3): its
            # bounds, as its error would state them, before the citizen gets one.
            bounds = error_params(f)
            key = {2: "form.hint.number_range", 0: "form.hint.number"}.get(len(bounds))
            if key is None:
                key = "form.hint.number_min" if "lo" in bounds else "form.hint.number_max"
            return self.t(key, **bounds)
        return None

    def _say_whole(self, name: str) -> None:
        """A long answer whole over the keys where its field is one line (长辈模式 in
        landscape: at 1280x800 the keys leave no room for a taller box): a pre-filled
        address showed only its tail, "子大街12号院3号楼2单元501室", on the question that
        asks the citizen to check it (try-out 11, E3). Said in the strip's hint, in the
        room it keeps; a message or the pinyin candidates cover it as they cover a hint."""
        group = self.group
        if group is None or self.pages.currentWidget() is not self.step_page:
            return
        if name not in self._fields:
            return
        f = self._fields[name]
        if not self._long_answer(f) or self.height() > self.width():
            return  # a portrait panel's box wraps the whole answer itself
        value = group.value(name)
        if value:
            group.set_hint(name, self.t("form.whole", v=value))
        elif (hint := self._hint(f)) is not None:
            group.set_hint(name, hint)
        else:
            group.clear_hint(name)

    def _changed(self, name: str) -> None:
        if self.group is None:
            return
        self._say_whole(name)
        self._values()[name] = self._stored(name, self.group.value(name))
        self.editor_error.hide()
        self._fixed(name)
        self._refresh_tile(name)

    def _fixed(self, name: str) -> None:
        """``name`` changed: its message goes, and 还有信息需要补充… with the last one (try-out
        11, C4: it stayed after every field was put right, sending the citizen to look for
        a problem there no longer was). Its room stays: nothing moves as it goes."""
        self._errors.pop(name, None)
        self._error_labels[name].hide()
        if not self._errors:
            self.summary.hide()

    def _today(self):  # type: ignore[no-untyped-def]
        return self.core.clock().astimezone().date()

    def _done(self) -> None:
        name = self.group.active() if self.group else None
        if name is not None:
            value = self._values().get(name, "")
            err = validate(
                self._fields[name], value, self._today(), self._identity(), self._values()
            )
            if err is not None and value:
                self.editor_error.setText(self._message(name, err))
                self.editor_error.show()
                return
        self._show_list()

    def _message(self, name: str, key: str) -> str:
        """A field's message in words, naming its range where it has one (份数 1-5)."""
        f = self._fields.get(name)
        params = error_params(f) if f is not None else {}
        if f is not None and f.not_before in self._fields:
            # The field it must not precede, by its label (截止月份: 不能早于起始月份).
            params["other"] = self._fields[f.not_before].label.get(self.lang)
        return self.t(key, **params)

    def _choose(self, name: str, value: str) -> None:
        # The answer shows as chosen and the question stays, on purpose (try-out 7, E-g): a
        # tap that turned the page would put the next question's answers under the same
        # finger (one double tap, two questions answered), and an answer tapped by mistake
        # would go by unseen. 下一步 confirms it, as it does a typed answer.
        self._values()[name] = value
        self._fixed(name)
        for v, b in self._choice_buttons.get(name, []):
            set_role(b, "primary" if v == value else "secondary")

    def _page_turned(self) -> None:
        self.summary.hide()

    def _keep_in_view(self) -> None:
        """The list's page shows the field it must (the one typed into before a language
        switch re-paginated the list), however often the pages are laid out again, until
        the citizen turns a page themselves."""
        item = self._items.get(self._in_view) if self._in_view else None
        if item is None or self._assisted():
            return
        page = self.pager.page_of(item)
        if page != self.pager.page():
            self.pager.show_page(page)

    def _let_go(self) -> None:
        self._in_view = None

    def _next_text(self, left: int) -> str:
        """下一步's words with ``left`` pages of questions after the one shown."""
        if left <= 0:
            return self.t("form.next")
        if left == 1:
            return self.t("form.next.more_one")
        return self.t("form.next.more", n=left)

    def _say_where_next_goes(self) -> None:
        """下一步 says while it shows more questions, not the next step: the pages can
        change with the text size, the language or the panel, so it is told each layout.

        Only where its words leave 还有信息需要补充… one line beside it (at the largest
        text on a small panel they do not: plain 下一步 then, and 第 1/3 页 says the
        rest). It is as wide as its longest words on this form, so it stays where it is
        as the pages turn: a double tap's second touch lands on it again, where the tap
        guard drops it, not beside a 下一步 grown narrower (ui/tap_guard.py)."""
        if not hasattr(self, "next_btn"):
            return  # laid out while the screen is being built
        b, pages = self.next_btn, self.pager.page_count()
        fm = b.fontMetrics()
        pad = b.sizeHint().width() - fm.horizontalAdvance(b.text())
        widest = max(fm.horizontalAdvance(self._next_text(n)) for n in range(pages)) + pad
        self.summary.ensurePolished()  # hidden until there is something to put right
        m = self.summary.contentsMargins()
        message = self.summary.fontMetrics().horizontalAdvance(self.t("form.fix"))
        room = self.list_page.width() - message - m.left() - m.right() - self.ctx.tokens().gap()
        says = widest <= room
        left = pages - 1 - self.pager.page()
        text = self._next_text(left if says else 0)
        if b.text() != text:
            b.setText(text)
        least = max(self._next_least, widest if says else fm.horizontalAdvance(text) + pad)
        if b.minimumWidth() != least:
            b.setMinimumWidth(least)

    def _on_page(self) -> set[str]:
        """The fields on the list's page shown now."""
        page = self.pager.page()
        return {n for n, item in self._items.items() if self.pager.page_of(item) == page}

    def _mark(self, errors: dict[str, str], names: set[str]) -> None:
        for name, label in self._error_labels.items():
            if name not in names:
                continue
            if name in errors:
                label.setText(self._message(name, errors[name]))
                label.show()
            else:
                label.hide()

    def _next(self) -> None:
        self._let_go()  # the citizen turns the pages now
        service = current_service(self.core)
        if service is None:
            return
        errors = validate_all(service.form, self._values(), self._today(), self._identity())
        if self._assisted():
            self._errors = errors
            self._mark(errors, set(self._error_labels))
            first = next((n for n in self._steps if n in errors), None)
            if first is not None:
                self._show_step(self._steps.index(first))
            elif not errors:
                skip_documents_if_nothing_to_capture(self.core)
                self.goto(self.core.next())
            return
        last = self.pager.page() >= self.pager.page_count() - 1
        # A page at a time: what is on this page is checked before the next is shown.
        names = self._on_page() if not last else set(self._error_labels)
        errors = {n: e for n, e in errors.items() if n in names or n not in self._items}
        self._errors = {**{n: e for n, e in self._errors.items() if n not in names}, **errors}
        self._mark(errors, names)
        if errors:
            first = next((n for n in self._items if n in errors), None)
            if first is not None:
                self.pager.show_page(self.pager.page_of(self._items[first]))
            self.summary.setText(self.t("form.fix"))
            self.summary.show()
            return
        self.summary.hide()
        if not last:
            # The next page's questions under the same 下一步: a double tap's second touch
            # must not check them before they were seen (try-out 6, item 9).
            self.ctx.before_change()
            self.pager.show_page(self.pager.page() + 1)
            self.ctx.renew(self.next_btn)
            return
        skip_documents_if_nothing_to_capture(self.core)
        self.goto(self.core.next())

    # --- assisted mode: one question per page ---------------------------------------------

    def _build_steps(self, service: Service | None, locks: frozenset[str]) -> Iterator[None]:
        """长辈模式's questions for ``service``, empty (see :meth:`_build`)."""
        # The shared buttons and progress wait in the step row while boxes are rebuilt.
        self.step_row.insertWidget(0, self.step_back_btn)
        self.step_row.insertWidget(0, self.not_me_btn)
        self.step_row.addWidget(self.step_next_btn)
        self.progress.setParent(self.step_page)
        self.progress.hide()
        self.clear_layout(self.step_fields)
        self._step_boxes.clear()
        self._step_rows.clear()
        self._steps = []
        shape = self.parentWidget() or self
        self._keys_here = shape.height() > shape.width()
        self.step_pad_host = self.step_keys if self._keys_here else self.dock
        self.clear_layout(self.step_keys if not self._keys_here else self.dock)
        # The page fills the height (its buttons at its foot) where the keys are in it.
        self.root.setStretchFactor(self.step_page, 1 if self._keys_here else 0)
        group = self._new_group(self.step_pad_host)
        if service is None or not service.form:
            none = QLabel(self.t("form.none"))
            none.setTextFormat(Qt.TextFormat.PlainText)
            self.step_fields.addWidget(none)
            return
        for f in service.form:
            self._fields[f.id] = f
            if f.id in locks:
                continue  # read from the document: nothing to ask
            yield  # a question a step
            self._steps.append(f.id)
            box, lay = question_box(self)
            box.setObjectName(f"step_{f.id}")
            # Over the question: 不是王*明？ on the first question, away from the answer
            # box (try-out 9, E2: beside it, a tap aimed at the field could drop the
            # identity). Empty, it takes no room.
            top = QHBoxLayout()
            top.setSpacing(self.ctx.tokens().gap())
            top.addStretch(1)
            add_layout(lay, top)
            header = QHBoxLayout()
            header.setSpacing(self.ctx.tokens().gap())
            # One line whose type gives way to the docked keys (ui/widgets/fit_heading.py).
            label = heading_line(self.ctx.tokens())
            label.setText(f.label.get(self.lang) + ("" if f.required else self.t("form.optional")))
            label.setObjectName(f"label_{f.id}")
            if f.type is not FieldType.CHOICE:
                label.installEventFilter(self._typed_head)
            header.addWidget(label, 1)
            add_layout(lay, header)
            row = QHBoxLayout()
            row.setSpacing(self.ctx.tokens().gap())
            err = message_label(f"error_{f.id}")
            gap: QSpacerItem | None = None
            if f.type is FieldType.CHOICE:
                # The answers in the field's row: where there is no row to spare under
                # them (1280x800) 上一步 and 下一步 join its two ends, as on a typed
                # question, so 下一步 stands in one place on every question (try-out 12,
                # N5: under the answers it moved with their number).
                answers = QVBoxLayout()
                answers.setContentsMargins(0, 0, 0, 0)
                answers.setSpacing(lay.spacing())
                if f.hint is not None:
                    answers.addWidget(self._muted(f.hint.get(self.lang)))
                answers.addWidget(self._step_choices(f))
                add_layout(row, answers, 1)
                add_layout(lay, row)
                # The answers and Previous / Next are targets: 3 mm apart at least (the
                # assisted limit, ui/a11y.py). The message comes under them, where the
                # eye is when it appears; its room is kept.
                lay.addSpacing(self.ctx.tokens().mm(3))
                lay.addWidget(err)
            else:
                entry = group.add(f.id, _pad(f), _limit(f))
                row.addWidget(entry, 1)
                add_layout(lay, row)
                gap = QSpacerItem(0, self.ctx.tokens().mm(3))
                lay.addSpacerItem(gap)
                if (hint := self._hint(f)) is not None:
                    group.set_hint(f.id, hint)
                group.add_message(err)  # over the keys: the keys never move
            self._error_labels[f.id] = err
            # Made as tall as the tallest question (_foot_in_one_place): the room left
            # lies under the answers, over 上一步 / 下一步.
            lay.addStretch(1)
            box.hide()
            self._step_boxes[f.id] = box
            self._step_rows[f.id] = _StepRows(top, header, row, gap)
            self.step_fields.addWidget(box)
        self._step = max(0, min(self._step, len(self._steps) - 1))

    def _step_choices(self, f: FormField) -> QWidget:
        # One answer per row (long labels stay whole, every target full width), or two.
        return self._choices(f, columns=self._step_columns(len(f.choices)))

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
        typed = name not in self._choice_buttons
        # Hide before show: the last question's keypad and a list of choices on screen
        # together, even for a moment, would grow the window.
        if self.group is not None and not typed:
            self.group.activate(None)
        for n, box in self._step_boxes.items():
            if n != name:
                box.hide()
        self._step_boxes[name].show()
        # The progress joins the question's line; Previous and Next the row under the
        # answers, 不是王*明？ the line over the question (see _place_buttons).
        rows = self._step_rows[name]
        rows.header.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignTop)
        self._place_buttons(rows, typed)
        if typed and self.group is not None:
            # A long answer wraps on a portrait panel, where the field is narrowest and
            # there is room under the keys (try-out 9, E4); one line in landscape.
            long = self._long_answer(self._fields[name])
            self.group.field(name).set_lines(3 if long and self.height() > self.width() else 1)
            self._say_whole(name)
        self.progress.show()
        self.progress.setText(self.t("form.step", n=index + 1, total=len(self._steps)))
        ident = self._identity()
        read = self._read()
        # On the first question too, where 不是王*明？ is not in its place: 上一步 stands at
        # the left end of the row on every question and always goes one step back, here
        # to the screen before (try-out 13, E8: its room kept empty looked like a broken
        # row; a dimmed button that does nothing reads as broken to an elderly citizen).
        # (In portrait 不是王*明？ stands over the question, never in 上一步's place: there
        # 上一步 is on the first question of a read identity too, try-out 14 E3.)
        self.step_back_btn.setVisible(index > 0 or not read or self._room_under_field())
        # Named on every question, shown on the first: its width sizes 上一步's slot.
        if ident is not None and read:
            self.not_me_btn.setText(self.t("identified.not_me.named", name=ident.masked_name()))
        self.not_me_btn.setVisible(read and index == 0)
        # Over the question, its row is kept on every question of a read identity where
        # the page has room for it (portrait, 1920x1080): without it the question, the
        # field and the keys moved up ~80 px from question 1 to 2 (try-out 10, E2).
        over = read and self._room_under_field()
        policy = self.not_me_btn.sizePolicy()
        if policy.retainSizeWhenHidden() != over:
            policy.setRetainSizeWhenHidden(over)
            self.not_me_btn.setSizePolicy(policy)
        self._one_slot_before_field(typed and not self._room_under_field(), read and index == 0)
        self._foot_in_one_place(name, over)
        if self.group is not None:
            self.group.activate(name if typed else None)
        self._learn_typed_head()

    def _foot_in_one_place(self, shown: str, over: bool) -> None:
        """Every question's box as tall as the tallest at this width, so 上一步 / 下一步
        under them stand in one place from the first question to the last, and no answer
        lies where 下一步 was (try-out 12, N5). Where they join the field's row instead
        (1280x800) each box takes its own height."""
        # The page's width from the window's stack: the page (and this screen) may not
        # be laid out yet (a first question shown before the screen is); measured at a
        # stale width, the first question's box took more lines than it has (portrait
        # English, 下一步 23 px lower on 证明用途 than on 份数).
        m = self.root.contentsMargins()
        host = self.parentWidget()  # the window's stack: this screen's width once shown
        width = (host.width() if host is not None else self.width()) - m.left() - m.right()
        need = 0
        # Keys in the page (portrait): the typed questions' boxes as tall as the tallest
        # of them, so the keys start in one place on each (try-out 10, E2), the room a
        # three-line address takes at most; the choices' boxes their own height, with
        # 上一步 / 下一步 at the page's foot anyway.
        typed_only = self._keys_here
        if self._room_under_field():
            portrait = self.height() > self.width()
            # 不是王*明？ over the question: shown in the box on display only, its room
            # kept on every question of a read identity (see _show_step).
            top = self.not_me_btn.sizeHint().height() if over else 0
            for n, box in self._step_boxes.items():
                f = self._fields[n]
                if typed_only and n in self._choice_buttons:
                    continue
                if self.group is not None and n not in self._choice_buttons:
                    # Every answer's lines as they are when it is asked.
                    long = self._long_answer(f) and portrait
                    self.group.field(n).set_lines(3 if long else 1)
                lay = box.layout()
                if lay is None:
                    continue
                lay.invalidate()
                if lay.hasHeightForWidth():
                    h = lay.totalHeightForWidth(width)
                else:
                    h = lay.totalSizeHint().height()
                if n != shown and top:
                    h += top + lay.spacing()
                need = max(need, h)
        for n, box in self._step_boxes.items():
            least = 0 if typed_only and n in self._choice_buttons else need
            if box.minimumHeight() != least:
                box.setMinimumHeight(least)
        # Under the questions, the page no taller than they ask: on a choice question
        # the docked keys are gone, and the page took some of their room, putting
        # 下一步 67 px lower than on a typed question (portrait, 字号 1/4).
        grow = QSizePolicy.Policy.Maximum if need else QSizePolicy.Policy.Preferred
        if typed_only:
            grow = QSizePolicy.Policy.Expanding  # the keys' room, the buttons at its foot
        if self.step_page.sizePolicy().verticalPolicy() != grow:
            self.step_page.setSizePolicy(QSizePolicy.Policy.Preferred, grow)
        self._head_as_typed()
        grid = self._choice_grids.get(shown)
        if grid is not None:
            # Between 上一步 and 下一步 (1280x800, 1920x1080) the answers are narrower
            # than the row and wrap: their grid asks for its lines' height at that width
            # (a row of boxes gives a grid no height for its width: English answers at
            # 字号 4/4 were cut at their foot), and where the panel has not that height
            # their type gives way down to the floor, never growing the window (the
            # four long English answers at 字号 4/4 on 1280x800 grew it 19 px).
            tokens = self.ctx.tokens()
            inner, full = width, 0
            if not self._room_under_field():
                gap = tokens.gap()
                sides = self.step_next_btn.sizeHint().width() + gap * 2
                sides += max(self.step_back_btn.sizeHint().width(), self.not_me_btn.minimumWidth())
                inner, full = max(1, width - sides), tokens.px(tokens.button_px)
            grid.fit_type(inner, full, heading_floor_px(tokens))

    def _head_as_typed(self) -> None:
        """Where 下一步 ends the answers' row (1280x800, 1920x1080), a choice question's
        words take the height a typed question's take, no more and no less: those give
        way to the keys, these to nothing but their answers, whose type gives way
        instead (ChoiceGrid.fit_type). The question in one size on every question, its
        row, and 下一步 at its end, stand where they stood on the typed question (#14,
        try-out 13 E8: four long English answers at 字号 4/4 on 1280x800 squeezed
        "Filing type" to 30 px and put 下一步 40 px higher than on "Phone number")."""
        landscape = not self._room_under_field()
        cap = self._typed_head.height if landscape else 0
        for n in self._choice_buttons:
            label = self._step_rows[n].header.itemAt(0).widget() if n in self._step_rows else None
            if label is None:
                continue
            most = cap if cap > 0 else _NO_MOST
            # Without a typed question to match (none in the journey), its own full line.
            least = (cap if cap > 0 else label.sizeHint().height()) if landscape else 0
            if label.maximumHeight() != most:
                label.setMaximumHeight(most)
            if label.minimumHeight() != least:
                label.setMinimumHeight(least)

    def _learn_typed_head(self) -> None:
        """A journey opening with a choice question, where 下一步 ends the answers' row:
        the height a typed question's words get (they give way to the keys, 84 px of
        89 at 字号 4/4 on 1280x800) is not known until one is laid out, and the choice
        question's words must take it before they are first seen, or 下一步 steps 5 px
        from the first question to the second. The first typed question is laid out
        now, unseen (nothing is painted before the shown question is back), then the
        question asked is shown in its place."""
        if self._room_under_field() or self._typed_head.height > 0 or not self.isVisible():
            return
        if not self._steps or self._steps[self._step] not in self._choice_buttons:
            return
        typed = next((i for i, n in enumerate(self._steps) if n not in self._choice_buttons), None)
        if typed is None:
            return
        asked = self._step
        self._show_step(typed)
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self._show_step(asked)

    def _one_slot_before_field(self, in_row: bool, not_me: bool) -> None:
        """In the field's row (1280x800), the button before the field takes one width on
        every typed question, the wider of 上一步 and 不是王*明？, and its room is kept on a
        first question with neither: the question, the field and 下一步 stand in one
        place from one question to the next (#14: 不是王*明？ had pushed the first
        question's field ~120 px right of the next one's, and without a read the field
        began at the margin)."""
        back, other = self.step_back_btn, self.not_me_btn
        width = 0
        if in_row:
            width = back.sizeHint().width()
            if self._read():
                width = max(width, other.sizeHint().width())
        for b in (back, other):
            if b.minimumWidth() != width:
                b.setMinimumWidth(width)
        keep = in_row and not not_me
        policy = back.sizePolicy()
        if policy.retainSizeWhenHidden() != keep:
            policy.setRetainSizeWhenHidden(keep)
            back.setSizePolicy(policy)

    @staticmethod
    def _long_answer(f: FormField) -> bool:
        """An answer that runs past one line of a portrait field: an address, a name of
        a workplace, a reason (text taking more than 40 characters)."""
        return f.type is FieldType.ADDRESS or (_pad(f) is PadKind.TEXT and _limit(f) > 40)

    def _room_under_field(self) -> bool:
        """Whether 上一步 / 下一步 have a row of their own at the page's foot, under every
        question's answers (a portrait panel), or join the field's row (see buttons_at_foot)."""
        return buttons_at_foot(self)

    def _place_buttons(self, rows: _StepRows, typed: bool) -> None:
        """上一步 / 下一步 under the answers (under the field, over the keys), at the row's
        two ends; 不是王*明？ over the question, away from the answer box (try-out 9, E2)."""
        top = Qt.AlignmentFlag.AlignTop
        room = self._room_under_field()
        if rows.gap is not None:
            # No row under the field (1280x800): no gap for one either. Its 3 mm go to
            # the question's words (try-out 11, E2: at 字号 4/4 the question fell to
            # 30 px under a 47 px answer while an empty row's gap kept its room).
            want = self.ctx.tokens().mm(3) if room else 0
            if rows.gap.sizeHint().height() != want:
                rows.gap.changeSize(0, want)
                rows.row.invalidate()
        # And the words right on their field or answers (the line's own leading parts
        # them), alike on every question: the row, 下一步 at its end, in one place.
        box = rows.header.parent()
        if isinstance(box, QVBoxLayout):
            close = self.ctx.tokens().px(4) if room else 0
            if box.spacing() != close:
                box.setSpacing(close)
        place_step_buttons(
            self.step_back_btn,
            (self.step_next_btn,),
            self.step_row,
            rows.row,
            at_foot=room,
            align=top,
        )
        if not room:
            # No row to spare (1280x800): 不是王*明？ keeps 上一步's place, as before, since
            # a button on the question's line is taller than the line and pushed the
            # last keys off the panel at 字号 4/4. The same on a choice question, so
            # 下一步 stands where it stood on the typed one.
            rows.row.insertWidget(0, self.not_me_btn, 0, top)
        else:
            rows.top.addWidget(self.not_me_btn)
        self._placed = (self._room_under_field(), self.height() > self.width())

    def _replace_buttons(self) -> None:
        """The panel changed shape or size: the buttons go where it now has room for."""
        if not self._steps or self.pages.currentWidget() is not self.step_page:
            return
        if self._placed == (self._room_under_field(), self.height() > self.width()):
            return
        self._show_step(self._step)

    def _new_question(self, index: int) -> None:
        """Another question in the place of this one; 上一步 / 下一步 stay where they are,
        so a double tap's second touch must not answer the new question (try-out 6: it
        said 此项必填 on a question not yet seen)."""
        self.ctx.before_change()
        self._show_step(index)
        for b in (self.step_next_btn, self.step_back_btn):
            self.ctx.renew(b)

    def _step_back(self) -> None:
        if self._step == 0:
            self.goto(self.core.back())  # the step before the questions, as 返回
            return
        self._new_question(self._step - 1)

    def _not_me(self) -> None:
        forget_identity(self)

    def _step_next(self) -> None:
        if not self._steps:
            self._next()
            return
        name = self._steps[self._step]
        values = self._values()
        err = validate(
            self._fields[name], values.get(name, ""), self._today(), self._identity(), values
        )
        label = self._error_labels[name]
        if err is not None:
            self._errors[name] = err
            label.setText(self._message(name, err))
            label.show()
            self.core.say(self._message(name, err))
            return
        label.hide()
        if self._step + 1 < len(self._steps):
            self._new_question(self._step + 1)
            self.core.say(self._fields[self._steps[self._step]].label.get(self.lang))
            return
        self._next()
