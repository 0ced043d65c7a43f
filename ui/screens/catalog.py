"""Service catalog: popular services, by department, search by keyword or pinyin initials."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from kiosk.catalog import Service
from kiosk.flow import Screen
from ui.layout_items import add_layout
from ui.screens.base import BaseScreen
from ui.theme import mark_room
from ui.widgets.chosen_mark import mark_as_answer
from ui.widgets.letter_pad import LetterPad
from ui.widgets.pager import PagedGrid
from ui.widgets.pictogram import pictogram
from ui.widgets.tile import Tile

POPULAR = "__popular__"
# A page holding fewer services than this (large type on a short panel) sets their names
# in the page's body type (bold) rather than the tiles' larger type.
DENSE_BELOW = 3
ASSISTED_SHORTLIST = 6
# A time limit this long or shorter stands as a tile's short second line ("20 working
# days", "Completed on the spot"); a longer one is a sentence of where to collect.
SHORT_LIMIT = 24


class CatalogScreen(BaseScreen):
    """Pick a service; nothing here needs a physical keyboard."""

    screen_id = Screen.CATALOG
    title_key = "catalog.title"
    prompt_key = "catalog.prompt"

    def build(self) -> None:
        """Departments down the left, search and services on the right, both as pages."""
        self._filter = POPULAR
        self._query = ""
        tokens = self.ctx.tokens()
        # The heading, and Search beside it where the two fit one row (see _place_search).
        self.heading = self.label("catalog.prompt", role="heading")
        self.heading_row = QHBoxLayout()
        self.heading_row.setSpacing(tokens.gap())
        self.heading_row.addWidget(self.heading, 1)
        add_layout(self.root, self.heading_row)
        panes = QHBoxLayout()
        panes.setSpacing(tokens.mm(tokens.gap_mm + 1))
        # Lists longer than the window turn pages (big 上一页/下一页), never scroll.
        self.depts = PagedGrid(
            tokens,
            "dept_pager",
            lang=self.lang,
            what="catalog.pager.departments",
            label_above=True,
            # Two pagers side by side turned "◀ Previous | Next ▶" twice (try-out 8, C3):
            # each names what it turns, and the departments' column turns up and down.
            turn_keys=("catalog.depts_prev", "catalog.depts_next"),
            arrows=("▲", "▼"),
        )
        self.depts.setMaximumWidth(tokens.px(400))
        self.depts.setMinimumWidth(tokens.px(300))
        panes.addWidget(self.depts, 2)
        right = QVBoxLayout()
        search_row = QHBoxLayout()
        self.search_label = QLabel()
        self.search_label.setTextFormat(Qt.TextFormat.PlainText)
        self.search_label.setObjectName("search_text")
        self.search_label.setProperty("role", "body")
        self.search_label.setWordWrap(True)
        self.search_btn = self.button("catalog.search", self._toggle_pad)
        self.search_btn.setObjectName("btn_search")
        search_row.addWidget(self.search_label, 1)
        search_row.addWidget(self.search_btn)
        self.search_row = search_row
        self._search_beside = False  # Search on the heading's row (_place_search)
        add_layout(right, search_row)
        # The letter pad is made on the first tap on Search: most citizens never open it.
        self._pad: LetterPad | None = None
        self._right = right
        self.services = PagedGrid(
            tokens, "service_pager", lang=self.lang, what="catalog.pager.services"
        )
        self.services.laid_out.connect(self._services_laid_out)
        right.addWidget(self.services, 1)
        self.empty = self.label("catalog.empty", role="muted")
        right.addWidget(self.empty)
        add_layout(panes, right, 5)
        add_layout(self.root, panes, 1)

    def warm_up_steps(self) -> list[Callable[[], None]]:
        """The departments, then the services: made between citizens, a step each."""
        return [self._refresh_departments, self._refresh]

    def resizeEvent(self, event: object) -> None:
        """Two columns of services where the panel is wide enough for them."""
        assisted = self.core.sessions.current.assisted
        wide = (
            self.width() > self.height() if assisted else self.width() >= self.ctx.tokens().px(1600)
        )
        self._columns = 2 if wide else 1
        self.services.set_columns(self._columns)
        self._dense = False  # the names' own type again, unless the new size has no room
        for t in self.services.items():
            if isinstance(t, Tile):
                t.sub.show()  # the second lines again, unless the new size has no room
                t.use_short(False)
                t.title.setStyleSheet("")
        self._place_search()
        self._fit_hint()
        super().resizeEvent(event)  # type: ignore[arg-type]

    def _place_search(self) -> None:
        """Search beside the heading where the two fit one row: its own row under the
        heading cost the services a tile's room, and at 字号 4/4 on 1280x800 English the
        catalog showed 2 services a page, 6 pages (try-out 8, C17). In portrait English
        at the large steps the two do not fit: Search stays over the services."""
        if not hasattr(self, "search_row"):
            return
        m = self.root.contentsMargins()
        room = self.width() - m.left() - m.right()
        heading = self.heading.fontMetrics().horizontalAdvance(self.heading.text())
        button = self.search_btn.sizeHint()
        need = heading + self.heading_row.spacing() + button.width()
        # Only where the search hint would not stand beside the button anyway (large
        # type): in smaller type the hint says how to search, beside its button.
        column = self.services.width() if self.services.width() > 0 else self.width() // 2
        hint_w = column - button.width() - self.search_row.spacing()
        tall = hint_w <= 0 or self.search_label.heightForWidth(hint_w) > button.height()
        beside = tall and need <= room and not self.core.sessions.current.assisted
        if beside == self._search_beside:
            return
        self._search_beside = beside
        if beside:
            self.search_row.removeWidget(self.search_btn)
            self.heading_row.addWidget(self.search_btn)
        else:
            self.heading_row.removeWidget(self.search_btn)
            self.search_row.addWidget(self.search_btn)

    def _fit_hint(self) -> None:
        """The search hint only where it fits beside its button: wrapped to three lines
        at 字号 4/4 on 1280x800 it took the room of a service, and the tiles lost their
        department and time limit to make up for it (try-out 8, C17). The button says
        the same in its own words; a search typed is always said."""
        label = getattr(self, "search_label", None)
        if label is None or self.core.sessions.current.assisted:
            return
        width = label.width() if label.width() > 0 else self.width() // 2
        tall = label.heightForWidth(width) > self.search_btn.sizeHint().height()
        # Search beside the heading: the hint would take a row of its own over the
        # services (what Search's move gave them); what is typed is still said.
        show = bool(self._query) or not (tall or getattr(self, "_search_beside", False))
        if label.isHidden() == show:
            label.setVisible(show)

    def _services_laid_out(self) -> None:
        # Fewer than DENSE_BELOW services a page (English at 字号 4/4 on 1280x800: 2 a
        # page, 6 pages; try-out 8, C17): the names take the page's body type, still
        # larger than at the first step and bold, and each keeps its department and time
        # limit. Where even then one service is all a page holds, "page 1 of 8" (try-out
        # 5), the second lines go, the names stay (the guide, one tap on, says both).
        tiles = [t for t in self.services.items() if isinstance(t, Tile)]
        per_page = self.services.per_page()
        if len(tiles) <= per_page:
            return
        # Not in 长辈模式: its few services (and 更多事项) keep their large names.
        assisted = self.core.sessions.current.assisted
        if per_page < DENSE_BELOW and not assisted and not getattr(self, "_dense", False):
            self._dense = True
            px = self.ctx.tokens().px(self.ctx.tokens().body_px)
            for t in tiles:
                t.title.setStyleSheet(f"font-size: {px}px; font-weight: bold;")
            self.services.relayout()
            return
        if len(tiles) < 2 or self.services.per_page() > 1:
            return
        # First the short second lines: English at 4/4 in 长辈模式 on 1280x800 lost its
        # department and time limit where the Chinese kept them (try-out 12, N16).
        if any(t.has_short() and not t.shows_short() and not t.sub.isHidden() for t in tiles):
            for t in tiles:
                t.use_short(True)
            self.services.relayout()
            return
        if assisted and self._names_smaller(tiles):
            self.services.relayout()
            return
        if any(not t.sub.isHidden() for t in tiles):
            for t in tiles:
                t.sub.hide()
                t.title.setStyleSheet("")  # without them, the names in their own type
            self.services.relayout()

    def _names_smaller(self, tiles: list[Tile]) -> bool:
        """长辈模式: the names in smaller type, down to the body's (bold, still larger than
        the line under them), where that keeps two services a page with their department
        and time limit (try-out 14, E7 addendum: English at 4/4 on the demo's 1280x800
        screen dropped every service's second line, where the Chinese kept it). Whether
        a size was found (and set)."""
        shown = [t for t in tiles if not t.sub.isHidden()]
        if not shown or any(t.title.styleSheet() for t in shown):
            return False  # already smaller: they did not fit even so
        t = self.ctx.tokens()
        area = self.services.area
        cols = getattr(self, "_columns", 1)
        col_w = max(1, (area.width() - t.gap() * (cols - 1)) // cols)
        for px in range(t.px(t.tile_px) - 2, t.px(t.body_px) - 1, -2):
            for tile in shown:
                tile.title.setStyleSheet(f"font-size: {px}px; font-weight: bold;")
                tile.title.ensurePolished()
                for lay in (tile.layout(), *tile.layout().findChildren(QLayout)):
                    lay.invalidate()
            heights = sorted((tile.heightForWidth(col_w) for tile in shown), reverse=True)
            # Two a page: a row of two (side by side) or two rows of one.
            need = heights[0] if cols > 1 else heights[0] + t.gap() + heights[1]
            if len(heights) > 1 and need <= area.height():
                return True
        for tile in shown:
            tile.title.setStyleSheet("")
        return False

    def enter(self) -> None:
        """Show the current catalog; widgets are rebuilt only when something changed."""
        # 长辈模式: no filters or search, just the most-used services and "more".
        assisted = self.core.sessions.current.assisted
        self.depts.setVisible(not assisted)
        self.search_btn.setVisible(not assisted)
        self.search_label.setVisible(not assisted)
        self._place_search()
        self._refresh()

    def carry(self) -> object | None:
        """The department chosen, the search typed (its keyboard open) and 更多事项."""
        pad_open = self._pad is not None and self._pad.isVisible()
        return (self._filter, self._query, pad_open, getattr(self, "_show_all", False))

    def restore(self, state: object) -> None:
        """The same list, search and keyboard after a rebuild (a new text size)."""
        if not isinstance(state, tuple):
            return
        filter_, query, pad_open, show_all = state
        self._filter = filter_
        self._show_all = show_all
        self._build_departments()
        if pad_open or query:
            self._toggle_pad()
            if self._pad is not None:
                self._pad.setVisible(pad_open)
                self._pad.set_text(query)  # the list follows (changed → _on_query)
        self._render()

    def _key(self) -> tuple[int, str, bool]:
        return (id(self.core.catalog), self.lang, self.core.sessions.current.assisted)

    def _refresh_departments(self) -> None:
        key = self._key()
        if key != getattr(self, "_departments_for", None):
            self._departments_for = key
            self._build_departments()

    def _refresh(self) -> None:
        # The screen is pre-built between citizens; the first tap then only shows it.
        self._refresh_departments()
        key = self._key()
        if key == getattr(self, "_built_for", None):
            return
        self._built_for = key
        self._show_all = False
        self._render()

    def retranslate(self) -> None:
        """Refresh texts, filters and the list."""
        super().retranslate()
        self._place_search()  # the heading's width in the new language
        if hasattr(self, "depts"):
            self.depts.set_language(self.lang)
            self.services.set_language(self.lang)
            self._refresh()

    def _build_departments(self) -> None:
        entries: list[tuple[str, str]] = [(POPULAR, self.t("catalog.popular"))]
        entries += [(d.zh, d.get(self.lang)) for d in self.core.catalog.departments()]
        tiles = []
        for key, text in entries:
            b = Tile(compact=True)
            # The department shown is an answer chosen, not an action: its own fill and a
            # ✓, in the room every department keeps for it (try-out 14, C17).
            mark_as_answer(b)
            t = self.ctx.tokens()
            room = b.layout().contentsMargins()
            # Its words clear of the room the style keeps for the ✓ (padding and edge).
            room.setRight(t.px(20) + mark_room(t) + 2 * t.outline_px)
            b.layout().setContentsMargins(room)
            b.set_texts(text, "")
            b.setObjectName(f"dept_{key}")
            b.setProperty("role", "primary" if key == self._filter else "tile")
            b.setAccessibleDescription("selected" if key == self._filter else "")
            b.clicked.connect(lambda _=False, k=key: self._set_filter(k))
            tiles.append(b)
        self.depts.set_items(tiles, keep_page=True)  # the chosen one stays where it was tapped

    def _set_filter(self, key: str) -> None:
        self._filter = key
        self._build_departments()
        self._render()

    def _toggle_pad(self) -> None:
        if self._pad is None:
            self._pad = LetterPad(self.ctx.tokens())
            self._pad.changed.connect(self._on_query)
            # At the bottom of the services' column, like every keyboard: opened above
            # the list it pushed the service tiles down under the citizen's finger, and
            # across the page it would move the departments' page buttons (#14).
            self._right.addWidget(self._pad)
            self._pad.show()
            return
        self._pad.setVisible(not self._pad.isVisible())

    def _on_query(self, text: str) -> None:
        self._query = text
        self._render()

    def visible_services(self) -> list[Service]:
        """Services the current filter and search select."""
        cat = self.core.catalog
        if self.core.sessions.current.assisted:
            # The most-used few, then (更多事项: "see every service") all of them, as pages.
            if getattr(self, "_show_all", False):
                return list(cat.services)
            return (cat.popular() or list(cat.services))[:ASSISTED_SHORTLIST]
        if self._query:
            return cat.search(self._query, self.lang)
        if self._filter == POPULAR:
            return cat.popular() or list(cat.services)
        return [s for s in cat.services if s.department.zh == self._filter]

    def _render(self) -> None:
        self.search_label.setText(
            self.t("catalog.searching", q=self._query)
            if self._query
            else self.t("catalog.search_hint")
        )
        self._fit_hint()
        services = self.visible_services()
        tokens = self.ctx.tokens()
        assisted = self.core.sessions.current.assisted
        tiles: list[QWidget] = []
        for s in services:
            tile = Tile()
            tile.setObjectName(f"service_{s.id}")
            if assisted:
                tile.set_icon(pictogram(s.department_id, tokens.mm(14), tokens.text))
            limit = s.time_limit.get(self.lang)
            sub = f"{s.department.get(self.lang)} · {limit}"
            # The short form, for a page short of room: the time limit alone ("20 working
            # days"); where the limit is itself a sentence, still a time ("Same day"), so
            # every tile's short line is the same kind of fact (try-out 15, E8: one said its
            # department among the others' working days); the department only if the
            # sentence is not a same-day one.
            if len(limit) <= SHORT_LIMIT:
                short = limit
            elif s.time_limit_days == 0:
                short = self.t("catalog.limit_same_day")
            else:
                short = s.department.get(self.lang)
            tile.set_texts(s.name.get(self.lang), sub, short)
            tile.clicked.connect(lambda _=False, sid=s.id: self._choose(sid))
            tiles.append(tile)
        if assisted and not getattr(self, "_show_all", False):
            more = Tile()
            more.setObjectName("btn_more_services")
            more.set_icon(pictogram("more", tokens.mm(14), tokens.text))
            more.set_texts(self.t("catalog.more"), self.t("catalog.more_sub"))
            more.clicked.connect(self._more)
            tiles.append(more)
        self._dense = False  # new tiles in their own type: their pages decide again
        self.services.set_items(tiles)
        self.empty.setVisible(not services)

    def _more(self) -> None:
        self._show_all = True
        self._render()

    def _choose(self, service_id: str) -> None:
        self.core.sessions.current.service_id = service_id
        self.goto(self.core.next())
