"""Service guide (一次性告知): materials, legal time limit, fees, where to go."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from kiosk.flow import Journey, Screen
from ui.layout_items import add_layout, repolish
from ui.screens.base import BaseScreen
from ui.widgets.held_tap import HeldTap, first_unseen_page
from ui.widgets.pager import PagedGrid

# Between lines that are read, not tapped (the guide's name, heading and list), in mm.
_LINE_GAP_MM = 1.5


class _HeldButton(QPushButton):
    """开始办理: as wide as the widest of its words (its own, and what it says while it is
    held), so the row beside it keeps its place whichever it says."""

    words: tuple[str, ...] = ()

    def sizeHint(self) -> QSize:
        """Its size for the widest of :attr:`words` (its text's padding kept)."""
        hint = super().sizeHint()
        fm = self.fontMetrics()
        own = fm.horizontalAdvance(self.text())
        widest = max((fm.horizontalAdvance(w) for w in self.words), default=own)
        return QSize(hint.width() + max(0, widest - own), hint.height())

    def minimumSizeHint(self) -> QSize:
        """As :meth:`sizeHint`: its words are never cut."""
        return self.sizeHint()


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
        # The name, the heading and the list are read together: the line gap between
        # them; the buttons keep the page's full gap from the list (see below).
        t = self.ctx.tokens()
        full = self.root.spacing()
        self.root.setSpacing(t.mm(_LINE_GAP_MM))
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
            # Lines that are read, not tapped: the line spacing of the type parts them,
            # not a touch target's gap (21 px a line in 长辈模式 took a short panel's room:
            # 社会保障卡补换 in six pages at 1280x800, 字号 4/4, try-out 12 N1).
            row_gap_mm=_LINE_GAP_MM,
            nav_width=self._nav_room,
            turn_keys=("guide.page_prev", "guide.page_next"),
            opening_extra=self._opening_extra,
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
        self.start_btn = _HeldButton()
        self.start_btn.setProperty("role", "primary")
        self.start_btn.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.start_btn.clicked.connect(lambda _=False: self._start())
        self.start_btn.setText(self.t("guide.start"))
        self.start_btn.setObjectName("btn_start")
        HeldTap(self.start_btn, self._held_tap, self.ctx.renew)
        # The lines (by place) that have been on the page shown, for this service: the
        # same lines in another language stay seen.
        self._seen: set[int] = set()
        self._seen_for: tuple[object, str | None] | None = None
        self._gate_pending = False
        # A counter-only service: the kiosk keeps its promise to book a time or a number.
        # Never shown together with Start, so both share one row (no extra height).
        self.appt_btn = self.button("guide.book", self._book, role="primary")
        self.appt_btn.setObjectName("btn_guide_appointment")
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        # The page text as wide as _count_pages gives it: with the pager's Ignored policy a
        # box layout takes its width as 0 and hands the room to 开始办理's stretch, and the
        # label, forced to its least width, lay under 下一页 and 开始办理 ("1   f" for "Page
        # 1 of 6", or nothing: try-out 12, N15).
        self.materials.label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
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
        self.materials.laid_out.connect(self._count_pages)
        self.materials.laid_out.connect(self._sync_gap)
        self.materials.laid_out.connect(self._gate)
        self.materials.page_changed.connect(lambda _page: self._gate())
        self.materials.laid_out.connect(self._follow_section)
        # 开始办理 on every page, but held until every page was shown, and saying so
        # itself ("再看 1 页可开始"), as 确认提交 does on the review. Hidden until the last
        # page (try-out 7, 13), page 1 offered no way to begin, only 下一页 (try-out 9,
        # C2); tappable on page 1, the fee and the time limit on page 2 could be skipped
        # unseen (try-out 10, E7: 1280x800, 长辈模式, 字号 4/4).
        self._applying = False  # a service done here (apply or 办事指南): 开始办理 offered
        actions.addWidget(self.start_btn, 1)
        actions.addWidget(self.appt_btn, 1)
        # The list to the buttons: the page's full gap (the spacing on each side counts).
        self.root.addSpacing(max(0, full - 2 * self.root.spacing()))
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

    def _count_pages(self) -> None:
        """ "第 N/5 页" between 上一页 and 下一页, as the catalog says it: beside 开始办理's
        stretch the page text had no width and was never shown, so nothing told how
        much was left (try-out 11, E4). Its room is taken only where the row has it
        beside the buttons' whole words; else the buttons' enabled states tell first
        and last, as before."""
        pager = self.materials
        label = pager.label
        pages = pager.page_count()
        width, text = 0, ""
        if pages > 1:
            m = self.root.contentsMargins()
            others = [pager.prev, pager.next, self.start_btn, self.appt_btn]
            shown = [w for w in others if self._takes_room(w)]
            used = sum(max(0, w.sizeHint().width()) for w in shown) + self._apart
            # One spacing between each two of the row's items: the buttons, the gap, the text.
            used += self._actions.spacing() * (len(shown) + 1)
            room = self.width() - m.left() - m.right() - used
            n = pager.page() + 1
            # The words, or the numbers alone where the words leave no room ("Page 1 of
            # 5" beside English buttons at 字号 4/4 on 1280x800).
            for widest, now in (
                (
                    self.t("pager.page", n=pages, total=pages),
                    self.t("pager.page", n=n, total=pages),
                ),
                (f"{pages}/{pages}", f"{n}/{pages}"),
            ):
                need = label.fontMetrics().horizontalAdvance(widest) + 2 * self.ctx.tokens().gap()
                if need <= room:
                    width, text = need, now
                    break
        if label.minimumWidth() != width:
            label.setMinimumWidth(width)
        # Its hint too (a Fixed policy): no room, no width (the text is then left out).
        if label.maximumWidth() != width:
            label.setMaximumWidth(width)
        if text and label.text() != text:
            label.setText(text)

    def pages_left(self) -> int:
        """How many pages other than the one shown hold a line not yet painted on the
        screen (one merely laid out is not seen: the pages are laid out again as the
        page fills, and a line on page 2 was taken for seen on page 1)."""
        pager = self.materials
        pages = {pager.page_of(w) for i, w in enumerate(self._lines) if i not in self._seen}
        return len(pages - {pager.page()})

    def _held_tap(self) -> None:
        """开始办理 tapped while held: the next page not yet seen (try-out 15, C1)."""
        pager = self.materials
        unseen = {pager.page_of(w) for i, w in enumerate(self._lines) if i not in self._seen}
        page = first_unseen_page(unseen, pager.page())
        if page is not None:
            pager.show_page(page)

    def page_seen(self) -> bool:
        """Whether every line of the page shown has been painted (a line laid onto the page
        after its first paint is seen only at the next one)."""
        pager = self.materials
        page = pager.page()
        return all(i in self._seen for i, w in enumerate(self._lines) if pager.page_of(w) == page)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A line painted on the screen has been seen."""
        if event.type() == QEvent.Type.Paint:
            lines = getattr(self, "_lines", [])
            i = next((n for n, w in enumerate(lines) if w is watched), None)
            if i is not None and i not in self._seen:
                self._seen.add(i)
                if not self._gate_pending:
                    # After the paint: 开始办理's words change (not during it).
                    self._gate_pending = True
                    QTimer.singleShot(0, self._gated)
        return False

    def _gated(self) -> None:
        self._gate_pending = False
        self._gate()

    def _gate(self) -> None:
        """开始办理 on every page of a service applied for here (see build), tappable once
        every page was shown; till then it says how many are left."""
        if not hasattr(self, "_applying") or not hasattr(self, "_seen"):
            return  # laid out while being built
        pager = self.materials
        start = self.start_btn
        policy = start.sizePolicy()
        if policy.retainSizeWhenHidden() != self._applying:  # no room kept for 预约取号's row
            policy.setRetainSizeWhenHidden(self._applying)
            start.setSizePolicy(policy)
        start.setVisible(self._applying)
        left = self.pages_left() if self._applying else 0
        many = max(2, pager.page_count() - 1)
        words = (
            self.t("guide.start"),
            self.t("guide.pages_left.one"),
            self.t("guide.pages_left.many", n=many),
        )
        if start.words != words:
            start.words = words
            start.updateGeometry()
        said = (
            words[0]
            if not left
            else words[1]
            if left == 1
            else self.t("guide.pages_left.many", n=left)
        )
        if start.text() != said:
            start.setText(said)
        start.setEnabled(not left)
        # 下一页 a plain button whatever is left: lit up (bold), it was wider, and 开始办理
        # beside it moved by 7 px as the last page came.
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
        opens_facts = page > 0 and first == facts
        if opens_facts:
            # The list's own 办理须知 has no height here (_opening_extra): this one is it,
            # seen with the page (the lines under it still have to be painted).
            text = self.t("guide.facts")
            if facts is not None:
                self._seen.add(facts)
        elif facts is not None and first > facts:
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
        if heading.isHidden():
            heading.show()

    @staticmethod
    def _opening_extra(w: QWidget, _width: int) -> int:
        """办理须知 opening a page takes no room in the list: the heading over the list says
        it there (see _follow_section). Hidden over the list with its room kept, it left a
        ~100 px blank band under the service's name, and the heading once more below it
        (try-out 12, N2: 1280x800, 长辈模式, 字号 4/4)."""
        # Less than any height it could have: the row is 0 tall (the pager's least is 0).
        return -(1 << 20) if w.objectName() == "guide_facts" else 0

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
        if hasattr(self, "appt_btn"):
            # And the page count's numbers at least ("5/5"): the buttons' words give way to
            # arrows before the count does (try-out 12, N15: 字号 3/4 English left none).
            pager = self.materials
            total = pager.page_count()
            numbers = pager.label.fontMetrics().horizontalAdvance(f"{total}/{total}")
            room -= numbers + 2 * self.ctx.tokens().gap() + self._actions.spacing()
        return room

    def _clear(self) -> None:
        self._detach()  # the heading and the message are the screen's own: never destroyed
        # The lines go before the pager empties: emptying it turns it to page 1, and the
        # page change asks pages_left about the lines, which were no longer its items
        # (a language or 字号 step on a paged guide raised ValueError).
        self._lines = []
        self.materials.set_items([])
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
        # A short panel: the name in the body's type, bold, over the heading (a line the
        # citizen chose a moment ago, not the page's question): a heading's line more for
        # the list (try-out 12, N1: 1280x800 长辈模式 字号 4/4, 6 pages of one or two lines).
        compact = (
            f"QLabel {{ font-size: {t.px(t.body_px)}px; font-weight: bold; }}" if short else ""
        )
        if self.name.property("role") != role or self.name.styleSheet() != compact:
            self.name.setProperty("role", role)
            self.name.setStyleSheet(compact)
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
        session = self.core.sessions.current
        sid = session.service_id
        if (session.id, sid) != self._seen_for:  # another citizen or service: all to see
            self._seen_for = (session.id, sid)
            self._seen = set()
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
            line.installEventFilter(self)  # painted: seen (see eventFilter)
            line.setProperty("must_see", True)  # the fit checks hold it in view (ui.a11y)
            lines.append(line)
        facts = self._line(self.t("guide.facts"), role="heading", name="guide_facts")
        facts.setProperty("keep_with_next", True)  # never alone at a page's foot (pager)
        lines.append(facts)
        # The time limit and the fee first under 办理须知: what a citizen must know before
        # starting, not behind the summary and the department (try-out 11, E4: the fee
        # alone on page 5 of 5 at 1280x800 in 长辈模式 4/4).
        limit = self.t("guide.time_limit", v=service.time_limit.get(lang))
        lines.append(self._line(limit, name="guide_time"))
        fee = self.t("guide.fee", v=service.fee.get(lang))
        if service.fee_pay is not None and service.fee_pay.get(lang):
            fee = self.t("guide.fee_pay", v=service.fee.get(lang), pay=service.fee_pay.get(lang))
        lines.append(self._line(fee, name="guide_fee"))
        if service.summary.get(lang):
            lines.append(self._line(service.summary.get(lang)))
        dept = self.t("guide.department", v=service.department.get(lang))
        lines.append(self._line(dept, name="guide_dept"))
        # The catalog serves every hall: "{centre}" is this hall's own name.
        k = self.core.settings.kiosk
        where = service.where.get(lang).replace(
            "{centre}", k.centre_en if lang == "en" else k.centre_zh
        )
        lines.append(self._line(self.t("guide.where", v=where), name="guide_where"))
        for line in lines[len(service.materials) :]:
            line.installEventFilter(self)
        self.materials.set_language(lang)
        self._lines = lines
        self.materials.set_items(lines)
        # 开始办理 on the 办事指南 path too: the guide ended with 办理地点 and no way to start
        # what it describes (try-out 12, N8); held alike (the fee cannot be skipped).
        applying = self.core.nav.journey in (Journey.APPLY, Journey.GUIDES)
        self._counter_only = not service.at_kiosk
        if self._counter_only:
            self.not_here.setText(self.t("guide.not_here"))
        self._applying = applying and service.at_kiosk
        self.appt_btn.setVisible(not service.at_kiosk)
        self._arrange()
        self._gate()

    def retranslate(self) -> None:
        """Language switch: rebuild the page (the pages seen stay seen)."""
        super().retranslate()
        if hasattr(self, "materials"):
            self.enter()
            self.start_btn.setText("")  # its words in this language (_gate)
            self._gate()

    def _start(self) -> None:
        if self.core.nav.journey == Journey.GUIDES:
            # Into the apply journey as if chosen from 办事: its step bar, and 返回 from
            # identification back to this guide (and on to the apply catalog).
            self.core.start(Journey.APPLY)
            self.core.go(Screen.GUIDE)
        self.goto(self.core.next())

    def _book(self) -> None:
        # The chosen service stays in the session: the booking record carries it.
        self.goto(self.core.start(Journey.APPOINTMENT))
