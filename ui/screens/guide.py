"""Service guide (一次性告知): materials, legal time limit, fees, where to go."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.flow import Journey, Screen
from ui.layout_items import add_layout, repolish
from ui.screens.base import BaseScreen
from ui.widgets.pager import PagedGrid


class GuideScreen(BaseScreen):
    """Everything the citizen needs to know before starting, never below the fold.

    The materials come first, under their heading, then the facts (office, time limit,
    fee, where): one list in pages (``PagedGrid`` "materials"), so on a short panel or
    at a large text size the heading, the first materials and 开始办理 stay in view
    and the rest is a 下一页 away, never a scroll a citizen may miss. A service done at
    a counter only says so in a message box above 预约取号; where the box cannot show
    its whole text (1280x800 in 长辈模式 at 字号 4/4), it and the heading become the
    list's first page (see _arrange).
    """

    screen_id = Screen.GUIDE
    title_key = "guide.title"
    prompt_key = "guide.prompt"

    def build(self) -> None:
        """Name, materials heading, the pages, and the way forward."""
        self.name = QLabel()
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setObjectName("guide_name")
        self.name.setProperty("role", "title")
        self.name.setWordWrap(True)
        self.root.addWidget(self.name)
        self.materials_heading = QLabel()
        self.materials_heading.setTextFormat(Qt.TextFormat.PlainText)
        self.materials_heading.setObjectName("guide_materials")
        self.materials_heading.setProperty("role", "heading")
        self.materials_heading.setWordWrap(True)
        self.materials_heading.setProperty("must_see", True)
        self.root.addWidget(self.materials_heading)
        self.materials = PagedGrid(
            self.ctx.tokens(),
            "materials",
            lang=self.lang,
            min_row_mm=0,
            nav_width=self._nav_room,
            turn_keys=("guide.page_prev", "guide.page_next"),
        )
        self.root.addWidget(self.materials, 1)
        # Compact: the page buttons share 开始办理's row (a short panel in 长辈模式 has
        # no height for a row of their own), and give it their room when not needed.
        nav = self.materials.layout().takeAt(1)
        page_buttons = (self.materials.prev, self.materials.label, self.materials.next)
        inner = nav.layout() if nav is not None else None
        for w in page_buttons:
            if inner is not None:
                inner.removeWidget(w)
            policy = w.sizePolicy()
            policy.setRetainSizeWhenHidden(False)
            w.setSizePolicy(policy)
        self.not_here = self._line("", role="warning", name="guide_not_here")
        # No least height from its wrapped text (Qt's guess, for a narrow width, asked the
        # panel to grow): squeezed, it is measured and goes onto the list (_arrange).
        self.not_here.setMinimumHeight(1)
        self.root.addWidget(self.not_here)
        self._counter_only = False  # the message box is shown (where: _arrange)
        self._lines: list[QLabel] = []
        self.start_btn = self.button("guide.start", self._start, role="primary")
        self.start_btn.setObjectName("btn_start")
        # A counter-only service: the kiosk keeps its promise to book a time or a number.
        # Never shown together with Start, so both share one row (no extra height).
        self.appt_btn = self.button("guide.book", self._book, role="primary")
        self.appt_btn.setObjectName("btn_guide_appointment")
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        for w in page_buttons:
            actions.addWidget(w)
        # The page buttons stand apart from the way forward: a finger meant for 下一页
        # does not land on 开始办理, and the two read as two things.
        # Only while they are shown: a counter-only service's 预约取号 has the row.
        self._apart = self.ctx.tokens().mm(10)
        self._gap = QWidget()
        self._gap.setObjectName("guide_pager_gap")
        self._gap.setFixedWidth(self._apart)
        actions.addWidget(self._gap)
        self._actions = actions
        self.materials.laid_out.connect(self._sync_gap)
        self.materials.laid_out.connect(self._gate)
        self.materials.laid_out.connect(self._follow_section)
        # 开始办理 on every page: held back until the last page had been shown (try-out 7,
        # 13: fees and place behind a 下一页 beside it), page 1 offered no way to begin,
        # only 下一页, for a page 2 of one line, "办理地点" (try-out 9, C2). What a citizen
        # who starts early has not turned to is said again where it matters: the fee on
        # the review and the receipt, the time limit as the receipt's 预计办结.
        self._applying = False  # the apply journey at a service done here: 开始办理 offered
        actions.addWidget(self.start_btn, 1)
        actions.addWidget(self.appt_btn, 1)
        add_layout(self.root, actions)

    def _sync_gap(self) -> None:
        """The gap before 开始办理 only while the page buttons are there, and only as
        wide as the row has room for beside the buttons' own widths (a portrait panel
        at 字号 4/4 has none to spare for 预约取号's long English words)."""
        paged = not self.materials.next.isHidden()
        if paged:
            m = self.root.contentsMargins()
            pager = (self.materials.prev, self.materials.label, self.materials.next)
            shown = [w for w in (*pager, self.start_btn, self.appt_btn) if self._takes_room(w)]
            used = sum(max(0, w.sizeHint().width()) for w in shown)
            used += self._actions.spacing() * len(shown)  # the gap's own spacing too
            room = self.width() - m.left() - m.right() - used
            self._gap.setFixedWidth(max(0, min(self._apart, room)))
        self._gap.setVisible(paged and self._gap.width() > 0)

    def _gate(self) -> None:
        """开始办理 on every page of a service applied for here (see build); 下一页 beside
        it a plain button, 开始办理 the way on."""
        if not hasattr(self, "_applying"):
            return  # laid out while being built
        pager = self.materials
        policy = self.start_btn.sizePolicy()
        if policy.retainSizeWhenHidden() != self._applying:  # no room kept for 预约取号's row
            policy.setRetainSizeWhenHidden(self._applying)
            self.start_btn.setSizePolicy(policy)
        self.start_btn.setVisible(self._applying)
        if pager.next.property("role") != "secondary":
            pager.next.setProperty("role", "secondary")
            repolish(pager.next)

    def _follow_section(self) -> None:
        """The heading over the list names the section the page shows: a page of fees and
        place under "所需材料" read them as things to bring (try-out 8, C5). A section
        that goes on from the page before is "（续）"; a page that opens with the next
        section's own heading has no heading over it (its room kept: nothing moves)."""
        heading = getattr(self, "materials_heading", None)
        lines = getattr(self, "_lines", None)
        items = self.materials.items() if heading is not None else []
        if heading is None or not lines or heading in items:
            return  # no list yet, or the heading is the list's first item (paged box)
        if any(w not in items for w in lines):
            return  # the list is being changed (a new service, a language): laid out again
        pager, page = self.materials, self.materials.page()
        on_page = [i for i, w in enumerate(lines) if pager.page_of(w) == page]
        facts = next((i for i, w in enumerate(lines) if w.objectName() == "guide_facts"), None)
        first = on_page[0] if on_page else 0
        if facts is not None and first > facts:
            text = self.t("guide.facts_more")
        elif page > 0 and first != facts:
            text = self.t("guide.materials_more")
        else:
            text = self.t("guide.materials")
        if heading.text() != text:
            heading.setText(text)
        policy = heading.sizePolicy()
        if not policy.retainSizeWhenHidden():
            policy.setRetainSizeWhenHidden(True)
            heading.setSizePolicy(policy)
        opens_facts = page > 0 and first == facts
        if heading.isHidden() != opens_facts:
            heading.setVisible(not opens_facts)

    def _takes_room(self, w: QWidget) -> bool:
        # 开始办理 takes its room whenever it is offered (before it is first shown too).
        return not w.isHidden() or (w is self.start_btn and bool(getattr(self, "_applying", False)))

    def _nav_room(self) -> int:
        """The width the page buttons have beside 开始办理 or 预约取号 (its whole text first)."""
        m = self.root.contentsMargins()
        room = self.width() - m.left() - m.right()
        for b in (self.start_btn, self.appt_btn) if hasattr(self, "appt_btn") else ():
            if self._takes_room(b):
                room -= b.sizeHint().width() + 3 * self.root.spacing() + self._apart
        return room

    def _clear(self) -> None:
        self._detach()  # the heading and the message are the screen's own: never destroyed
        self.materials.set_items([])
        self._lines = []
        self._counter_only = False
        self.materials_heading.hide()
        self.not_here.hide()

    def _detach(self) -> None:
        """The heading and the message out of the list (parked here, not destroyed)."""
        own = (self.materials_heading, self.not_here)
        items = self.materials.items()
        if any(w in own for w in items):
            kept = [w for w in items if w not in own]
            self.materials.set_items(kept, keep_page=True, park=self)

    def _place(self, paged: bool) -> None:
        """The heading above the list and the message above the buttons, or both as the
        list's first items."""
        self._detach()
        for w, after in ((self.materials_heading, 0), (self.not_here, 1)):
            if paged:
                self.root.removeWidget(w)
            elif self.root.indexOf(w) < 0:  # just above or below the list, as built
                self.root.insertWidget(self.root.indexOf(self.materials) + after, w)
        heading = bool(self._lines)
        self.materials_heading.setVisible(heading and not paged)
        self.not_here.setVisible(self._counter_only and not paged)
        if paged:
            first = [self.not_here] if self._counter_only else []
            first += [self.materials_heading] if heading else []
            self.materials.set_items([*first, *self._lines], keep_page=True)
        self._reserve()  # for this list's first item (else the panel could be asked to grow)

    def _arrange(self) -> None:
        """The message box in its place when it shows its whole text there, else on the
        list's first page. Always tried in place first, so the choice depends on the
        panel, the text size and the texts only."""
        if not hasattr(self, "materials"):
            return
        page = self.materials.page()
        self._place(paged=False)
        box = self.not_here
        if self._counter_only and self.isVisible() and self.width() > 0:
            self.root.activate()  # the message box at its real size now
            if box.heightForWidth(box.width()) > box.height() or self.materials.overflows():
                self._place(paged=True)
                self.root.activate()
        self.materials.show_page(page)

    @staticmethod
    def _line(text: str, role: str = "body", name: str = "") -> QLabel:
        w = QLabel(text)
        w.setProperty("role", role)
        w.setWordWrap(True)
        w.setTextFormat(Qt.TextFormat.PlainText)
        if name:
            w.setObjectName(name)
        return w

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The first material keeps its room at the new width; the message box its text."""
        super().resizeEvent(event)
        self._fit_name()
        self._arrange()

    def _fit_name(self) -> None:
        """The service's name in title type when it takes one line on a tall page; a
        name that would wrap, or a short page, takes the headings' type (长辈模式's
        titles grew for the elderly, #14: at 1280x800 字号 4/4 the name's title line
        pushed the page past the window)."""
        t = self.ctx.tokens()
        font = QFont(self.name.font())
        font.setPixelSize(t.px(t.title_px))
        m = self.root.contentsMargins()
        room = self.width() - m.left() - m.right()
        wraps = QFontMetrics(font).horizontalAdvance(self.name.text()) > room
        # A short panel (1280x800) has no room for a title line taller than a heading's
        # over 一次性告知: it pushed the page 16 px past the window at 字号 4/4.
        short = self.height() < 800
        role = "heading" if wraps or short else "title"
        if self.name.property("role") != role:
            self.name.setProperty("role", role)
            repolish(self.name)

    def showEvent(self, event: QShowEvent) -> None:
        """Laid out at its real size only once shown: the message box's place again."""
        super().showEvent(event)
        self._arrange()
        self._gate()

    def _reserve(self) -> None:
        # The pager may shrink to one row: make that row tall enough for the first
        # material (a page never starts with a cut line).
        items = self.materials.items()
        width = self.materials.width() or self.width()
        if not items or width <= 0:
            self.materials.setMinimumHeight(0)
            return
        self.materials.setMinimumHeight(items[0].heightForWidth(width))

    def enter(self) -> None:
        """Fill the page for the chosen service."""
        self._clear()
        sid = self.core.sessions.current.service_id
        service = self.core.catalog.by_id(sid) if sid else None
        if service is None:
            self.name.setText(self.t("guide.none"))
            self._applying = False
            self.start_btn.hide()
            self.appt_btn.hide()
            return
        lang = self.lang
        self.name.setText(service.name.get(lang))
        self._fit_name()
        self.materials_heading.setText(self.t("guide.materials"))
        self.materials_heading.show()
        lines = []
        for i, m in enumerate(service.materials, 1):
            note = ""
            if not service.at_kiosk:
                note = self.t("guide.bring")  # counter only: nothing is read or uploaded here
            elif m.from_identity:
                note = self.t("guide.from_id")
            elif m.capturable:
                note = self.t("guide.capture")
            optional = "" if m.required else self.t("guide.optional")
            if optional and note == self.t("guide.capture"):
                note, optional = self.t("guide.optional_capture"), ""  # one note, not two
            text = f"{i}. {m.name.get(lang)}{optional}  {note}".rstrip()
            line = self._line(text, name=f"material_{i}")
            line.setProperty("must_see", True)  # the fit checks hold it in view (ui.a11y)
            lines.append(line)
        lines.append(self._line(self.t("guide.facts"), role="heading", name="guide_facts"))
        if service.summary.get(lang):
            lines.append(self._line(service.summary.get(lang)))
        dept = self.t("guide.department", v=service.department.get(lang))
        lines.append(self._line(dept, name="guide_dept"))
        limit = self.t("guide.time_limit", v=service.time_limit.get(lang))
        lines.append(self._line(limit, name="guide_time"))
        fee = self.t("guide.fee", v=service.fee.get(lang))
        if service.fee_pay is not None and service.fee_pay.get(lang):
            fee = self.t("guide.fee_pay", v=service.fee.get(lang), pay=service.fee_pay.get(lang))
        lines.append(self._line(fee, name="guide_fee"))
        # The catalog serves every hall: "{centre}" is this hall's own name.
        k = self.core.settings.kiosk
        where = service.where.get(lang).replace(
            "{centre}", k.centre_en if lang == "en" else k.centre_zh
        )
        lines.append(self._line(self.t("guide.where", v=where), name="guide_where"))
        self.materials.set_language(lang)
        self._lines = lines
        self.materials.set_items(lines)
        applying = self.core.nav.journey == Journey.APPLY
        self._counter_only = not service.at_kiosk
        if self._counter_only:
            self.not_here.setText(self.t("guide.not_here"))
        self._applying = applying and service.at_kiosk
        self.appt_btn.setVisible(not service.at_kiosk)
        self._arrange()
        self._gate()

    def retranslate(self) -> None:
        """Language switch: rebuild the page."""
        super().retranslate()
        if hasattr(self, "materials"):
            self.enter()

    def _start(self) -> None:
        self.goto(self.core.next())

    def _book(self) -> None:
        # The chosen service stays in the session: the booking record carries it.
        self.goto(self.core.start(Journey.APPOINTMENT))
