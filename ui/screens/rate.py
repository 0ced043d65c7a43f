"""Rate (好差评): five big choices in words, a reason required for the two lowest.

One decision a page, none of them scrolled: the five levels; for a poor one, the
reasons (as pages when they do not all fit); in 长辈模式 then a page offering the
call-back (整改回访) and a comment; the phone keypad and the comment each on a
page of their own. Every page fits 1280x800 in both modes.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalog import FieldType
from kiosk.events import Device, DeviceStatusChanged, Event, Health
from kiosk.flow import Screen
from kiosk.printing import PrintResult
from kiosk.services.contact import MAX_PHONE_DIGITS, mask_phone, valid_phone
from kiosk.services.feedback import (
    Problem,
    Rating,
    RatingLevel,
    RatingReason,
    SendResult,
    make_rating,
)
from kiosk.tracking import shown_tracking_number
from ui.layout_items import add_layout
from ui.screens.apply_common import MessageLabel, message_label, printer_cannot_print
from ui.screens.base import ScreenContext
from ui.screens.choice import choice_for
from ui.screens.entry_page import give_strips_room
from ui.screens.service_base import ServiceScreen, print_message_key
from ui.theme import Tokens
from ui.widgets.chosen_mark import AnswerButton, keep_answer_width, mark_as_answer
from ui.widgets.contact_consent import ContactConsent
from ui.widgets.fit_heading import FitHeading
from ui.widgets.held_tap import HeldTap
from ui.widgets.pager import PagedGrid
from ui.widgets.text_composer import TextComposer
from ui.widgets.tile import Tile

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's: no greatest height
TITLE_FLOOR = 0.75  # the levels' titles, three a row, at no less than this of their size
# The slip's own words for a print that did not work (the shared ones ask for a photo of
# the screen or a reprint: true of a receipt, not of a thank-you slip).
_SLIP_WORDS = {
    "svc.print.failed": "rate.print.failed",
    "svc.print.paper_out": "rate.print.paper_out",
    "svc.print.unconfirmed": "rate.print.unconfirmed",
}
SLIP_FAILED = ("rate.print.failed", "rate.print.paper_out")
PHRASES = ["feedback.phrase.wait", "feedback.phrase.guide", "feedback.phrase.machine",
           "feedback.phrase.callback"]  # fmt: skip


# Unticked consent to a call-back, in words naming the toggle that takes it back.
CONSENT_KEY = "rate.problem.consent_required"
# What 提交评价 may find wrong with the call-back's number or consent.
NUMBER_PROBLEMS = (Problem.PHONE_INVALID, Problem.CONSENT_REQUIRED)


class Step(StrEnum):
    """The page of the rating on display."""

    LEVEL = "level"
    REASONS = "reasons"
    MORE = "more"  # 长辈模式: call-back and comment offered on a page of their own
    CALLBACK = "callback"
    COMMENT = "comment"


class RateScreen(ServiceScreen):
    """Pick a level; for a poor rating, say why; send; optionally print a slip."""

    screen_id = Screen.RATE
    title_key = "rate.title"
    prompt_key = "rate.prompt"

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__(ctx)
        # The comment's keyboard (docked by its composer) takes the room it needs before
        # the page's spare room does: as the page's stretch only, its last row was cut
        # at 1280x800 in 长辈模式 with room left above it.
        self.root.setStretchFactor(self.dock, 1)

    def build(self) -> None:
        """Every page's widgets; _render shows the ones of the page on display."""
        tokens = self.ctx.tokens()
        assisted = tokens.name.startswith("assisted")
        self._assisted = assisted
        self.prompt = self.label("rate.prompt", role="heading")
        self.root.addWidget(self.prompt)
        self.linked = self.text_label("muted", "rate_linked")
        self.root.addWidget(self.linked)
        # The five levels: five a row on a wide panel, 3 + 2 on a small landscape one,
        # one under another in portrait (resizeEvent). As pages when the rows do not
        # fit whole: at 字号 3/4-4/4 in 长辈模式 on 1280x800 the two rows were squeezed
        # and "Very satisfied" read "Verv" (#14); a tile keeps its title's height.
        self.levels: dict[RatingLevel, Tile] = {}
        self.levels_host = PagedGrid(
            tokens, "levels", columns=3, lang=self.lang, keep_nav_room=False
        )
        self.root.addWidget(self.levels_host, 100)  # the pages take the height left
        self._columns = 0
        self._title_px: int | None = None  # the levels' smaller titles, three a row
        self._height_px: int | None = None  # smaller still where the rows are too tall
        self._tight = False  # the tiles' padding as a button's, where the rows are too tall
        for level in RatingLevel:
            tile = Tile(compact=False)
            tile.sub.show()
            tile.setObjectName(f"rate_{level.code}")
            # The level chosen is an answer, not an action: its own fill, a doubled edge
            # and a ✓ (ui/widgets/chosen_mark.py), not 下一步's fill (try-out 14, C17/E5).
            # Its words clear of the room every level keeps for the ✓ at its right end
            # (_level_sheet), chosen or not: choosing moves nothing.
            mark_as_answer(tile)
            room = tile.layout().contentsMargins()
            room.setRight(room.right() + _mark_room(tokens))
            tile.layout().setContentsMargins(room)
            tile.setStyleSheet(self._level_sheet(tile))
            # Their own height, not the page's: a tall empty face reads as a panel.
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
            tile.clicked.connect(lambda _=False, lv=level: self._choose(lv))
            self.levels[level] = tile
        self.levels_host.set_items(list(self.levels.values()))
        self.levels_host.laid_out.connect(self._levels_laid_out)
        # 3 + 2 until the first resize says otherwise: short enough for any panel.
        self._reflow(3)
        # The reasons: the question, the level chosen (tap to choose again), the reasons.
        self.reasons_box = QWidget()
        box = QVBoxLayout(self.reasons_box)
        box.setContentsMargins(0, 0, 0, 0)
        # The question is read, not tapped: close over the reasons (a touch target's gap
        # under it, a message's padding round its word and a share of the page for the
        # room no page uses left a second row of reasons ~23 px short at 1280x773, the
        # demo's window in 长辈模式 at 字号 4/4, English: two a page over four pages, try-out
        # 17, P3).
        box.setSpacing(tokens.gap() // 3)
        # A message on a line of its own, less padding over and under its words than a
        # form's: the question's word here, the foot's where it has a line (below).
        self._line_style = f"padding: {tokens.px(4)}px {tokens.px(12)}px;"
        self.why = self.label("rate.why", role="heading")
        # 长辈模式: 下一步 with no reason chosen is answered in the question's place (the
        # two share one cell: its room is the taller's, kept, so nothing moves). Kept on
        # a line of its own over the foot, the word's room cost the reasons a row: two a
        # page over four pages at 1280x800, 字号 4/4, a band left empty (try-out 13, E11).
        self.why_slot = QWidget()
        slot = QGridLayout(self.why_slot)
        slot.setContentsMargins(0, 0, 0, 0)
        self.why_problem = message_label("rate_reason_problem", lines=1)
        self.why_problem.setStyleSheet(self._line_style)  # no taller than the question
        for w in (self.why, self.why_problem):
            policy = w.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            w.setSizePolicy(policy)
            slot.addWidget(w, 0, 0)
        box.addWidget(self.why_slot)
        self.reason_buttons: dict[RatingReason, QPushButton] = {}
        for reason in RatingReason:
            # An answer: chosen, its own look and a drawn ✓, not 下一步's fill (try-out
            # 14, C17/E5); its words stay the same, chosen or not (nothing moves).
            b = AnswerButton()
            keep_answer_width(b, tokens)
            b.setObjectName(f"reason_{reason.value}")
            b.setCheckable(True)
            b.toggled.connect(lambda _on, r=reason: self._reason_toggled(r))
            self.reason_buttons[reason] = b
        # Its buttons name the reasons: under them the step's own 下一步 (in English
        # "Next ▶" over "Next", one turning a page, one going on: #14); where the words
        # do not fit, the bare arrows.
        self.reasons = PagedGrid(
            tokens,
            "reasons",
            columns=2,
            lang=self.lang,
            turn_keys=("pager.reasons.prev", "pager.reasons.next"),
        )
        self.reasons.set_items(list(self.reason_buttons.values()))
        box.addWidget(self.reasons, 1)
        # The reasons and, in normal mode, the call-back's number and keypad share one
        # area: whichever page shows, the rows under it stay to the pixel.
        self.area = QVBoxLayout()
        self.area.setContentsMargins(0, 0, 0, 0)
        self.area.setSpacing(self.root.spacing())
        self.area.addWidget(self.reasons_box, 1)
        self.area_host = QWidget()
        self.area_host.setLayout(self.area)
        self.root.addWidget(self.area_host, 100)  # the pages take the height left
        # Call-back (整改回访) and comment: beside the reasons in normal mode, on a page
        # of their own (MORE) in 长辈模式; each opens its own page to be filled in.
        self.more = self.label("rate.more", role="heading")
        self.root.addWidget(self.more)
        self.extras = QBoxLayout(
            QBoxLayout.Direction.TopToBottom if assisted else QBoxLayout.Direction.LeftToRight
        )
        self.extras.setSpacing(tokens.gap())
        # Its number, consent and keypad on the page's free room, the toggle staying
        # where it was tapped (try-out 5: it jumped to the top under the finger): above
        # the toggle in normal mode, where the reasons were; in 长辈模式 on a page of
        # their own under it, the keypad docked at the foot.
        self.callback = ContactConsent(tokens, "callback", details_apart=True)
        self.callback.changed.connect(self._callback_changed)
        if not assisted:
            # Just over the toggle that opened them (the page's spare room over its
            # heading, see _callback_room), the number level with the keys' first row,
            # right under the heading.
            self.callback.set_details_at_foot(False)
        details = self.callback.details
        assert details is not None
        self.extras.addWidget(self.callback, 1)
        self.comment_btn = self.button("rate.add_text", self._open_comment)
        self.comment_btn.setObjectName("btn_add_comment")
        self.extras.addWidget(self.comment_btn, 0)
        # The reasons chosen stay in sight while the number is typed.
        self.chosen = self.text_label("muted", "rate_chosen_reasons")
        # 长辈模式: the number is a step of its own (one question a screen; at 字号 4/4 on
        # 1280x800 the offers and a keypad do not fit one page): the offer's toggle opens
        # it and 上一步 comes back to the toggle where it was. Its own heading says what
        # the page asks, in place of the toggle (which, on a page of its own, moved under
        # the finger with the keypad's coming and going: #14).
        # One line whose type gives way to the keys under it (down to the page's text in
        # 长辈模式, to the reasons' size beside it in normal mode): at 字号 4/4 under the
        # demo's strip on 1280x800 a full-size heading left the keys too little room (the
        # window grew; in 长辈模式 the last row was cut by 2 px).
        floor = tokens.px(tokens.body_px if assisted else tokens.small_px)
        fit = FitHeading(tokens.px(tokens.heading_px), floor)
        self.callback_heading = self.translate(fit, "rate.callback.number")
        self.callback_heading.setObjectName("rate_callback_heading")
        if assisted:
            add_layout(self.root, self.extras)
            self.root.addWidget(self.callback_heading)
            self.root.addWidget(details, 100)
        else:
            # The number's page says what it asks, the reasons chosen beside it: it had
            # only those small grey words at its top (try-out 12, N13). One line for both:
            # at 字号 4/4 on 1280x800 the keys leave little room over them.
            # (In portrait the reasons under the heading, across the page: squeezed beside
            # it at 字号 4/4 all seven took five lines, room kept over the number.)
            top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
            self._top = top
            top.setSpacing(tokens.gap() * 2)
            top.addWidget(self.callback_heading, 0)
            top.addWidget(self.chosen, 1)
            # The room the number and its keys leave lies over the heading, not between
            # it and them: the heading says what the block under it asks, and the keys
            # stay docked over the toggle (try-out 14, C2: ~290 px of nothing between the
            # heading and the number at 1920x1080). Its share is set per step (_render):
            # none on the reasons' page.
            self._callback_room = QSpacerItem(
                0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed
            )
            self.area.addSpacerItem(self._callback_room)
            add_layout(self.area, top)
            self.area.addWidget(details, 1)
            add_layout(self.root, self.extras)
        self.composer = TextComposer(tokens, PHRASES, self.lang, columns=2, dock=self.dock)
        # While its keyboard is open the page is for typing, as the complaint's is: the
        # foot's buttons make way for the keys (输入完成 brings them back). With them, the
        # keys' last row was cut at 1280x800 in 长辈模式.
        self._typing = False
        self.composer.typing_changed.connect(self._typing_changed)
        self.root.addWidget(self.composer)
        self.thanks = self.text_label("title", "rate_thanks")
        self.root.addWidget(self.thanks)
        self.print_state = self.text_label("warning", "rate_print_state")
        self.root.addWidget(self.print_state)
        # The room no page uses; the comment's keyboard gives it to the words over its
        # keys, which grow with 字号 (the strip kept 长辈模式's floor type at every step).
        self._room = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        self.root.addSpacerItem(self._room)
        self._room_at = self.root.count() - 1
        self.root.setStretch(self._room_at, 1)  # as addStretch(1) gave it
        give_strips_room(self, lambda: self._room.geometry().height())
        # The foot: back, the message (its room kept: nothing jumps), the way on. The
        # message sits in the buttons' row where the row leaves it room for what the page
        # may say, else on a full-width line of its own over the row (_place_message):
        # squeezed between the level chosen and 下一步 in 长辈模式 it wrapped two
        # characters a line, grew the row and moved the page under the finger (try-out
        # 11, E1/E9/E10).
        # A widget of its own: it makes way for the comment's keys while they are open.
        self.foot = QWidget()
        self._foot_lines = QVBoxLayout(self.foot)
        self._foot_lines.setContentsMargins(0, 0, 0, 0)
        # The line is read, not tapped: close over the buttons (a touch target's gap
        # under it cost the reasons a row at 1280x800 in 长辈模式 at 字号 4/4).
        self._foot_lines.setSpacing(tokens.gap() // 3)
        row = QHBoxLayout()
        self._row = row
        add_layout(self._foot_lines, row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(tokens.gap())
        self.back_btn = self.button("svc.step_back", self._step_back)
        self.back_btn.setObjectName("btn_rate_back")
        row.addWidget(self.back_btn)
        # On the reasons page: the level chosen, tap to choose again.
        self.change_btn = QPushButton()
        self.change_btn.setObjectName("btn_change_level")
        self.change_btn.clicked.connect(lambda _=False: self._change_level())
        row.addWidget(self.change_btn)
        message = message_label("rate_message", lines=1)
        assert isinstance(message, MessageLabel)
        self.message = message
        # On a line of its own, less padding over and under its words (_line_style): one
        # line of them and the reasons' row still fit over the buttons at 1280x800 (demo
        # strip and all) in 长辈模式 at 字号 4/4. (Beside the buttons it keeps the form's:
        # the row's height, which the keypad's page does not squeeze.)
        row.addWidget(self.message, 1)
        self._message_beside = True
        # Where the message was, when it is on its own line: the way on stays at the right.
        self._row_gap = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.print_btn = self.button("rate.print_thanks", self._print)
        self.print_btn.setObjectName("btn_print_thanks")
        self.next_btn = self.button("rate.next", self._next, role="primary")
        self.next_btn.setObjectName("btn_rate_next")
        self.submit_btn = self.button("rate.submit", self._submit, role="primary")
        self.submit_btn.setObjectName("btn_submit_rating")
        # Held (disabled, and so it looks) until a level is chosen: a live 提交评价 over
        # five unchosen levels read as ready to send (try-out 17, E8). A tap on it while
        # held says what is missing, in the message's kept room (_held_submit).
        HeldTap(self.submit_btn, self._held_submit, self.ctx.renew)
        self.done_btn = self.button("svc.done", self._done, role="primary")
        self.done_btn.setObjectName("btn_done")
        self.another_btn = self.another_task_button()
        for b in (self.print_btn, self.next_btn, self.submit_btn, self.another_btn, self.done_btn):
            row.addWidget(b)
        self.root.addWidget(self.foot)
        # Portrait, standard mode: the room the reasons' and the call-back's pages do not
        # use lies under their buttons, not between the number's heading and the number
        # (~800 px at 1080x1920: try-out 13 / closing note 31). See _portrait_room.
        self._tail = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        self.root.addSpacerItem(self._tail)
        self._tail_at = self.root.count() - 1
        # The reasons chosen measured at their longest (never shown).
        self._chosen_probe = QLabel(self)
        self._chosen_probe.setWordWrap(True)
        self._chosen_probe.hide()
        self.root.setStretch(self._tail_at, 0)
        self._entered_session: object = None
        self._reset()
        # Texts and roles now, so pre-building styles and paints the screen as shown.
        self._render()

    def _sent(self) -> bool:
        return bool(self.sent)

    def _reflow(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        self.levels_host.set_columns(columns)

    def _three_a_row_px(self) -> int | None:
        """The largest title size (down to :data:`TITLE_FLOOR` of the styled one) at which
        three tiles a row hold their titles on one line, or None when none does."""
        t = self.ctx.tokens()
        m = self.root.contentsMargins()
        share = (self.width() - m.left() - m.right() - 2 * t.gap()) // 3
        styled = t.px(t.tile_px)
        px = styled
        while px >= styled * TITLE_FLOOR:
            if all(_title_width(tile, px) <= share for tile in self.levels.values()):
                return px
            px -= 1
        return None

    def _fit_levels(self) -> None:
        """Lay the levels out for the screen's size: columns, and the titles' size."""
        columns, px = self._levels_plan()
        if self._height_px is not None:  # smaller still, for the rows' height (below)
            px = min(self._height_px, px if px is not None else self._styled_px())
        restyled = px != self._title_px
        if restyled:
            self._title_px = px
            for tile in self.levels.values():
                tile.title.setStyleSheet("" if px is None else f"font-size: {px}px;")
                _remeasure(tile)  # measured afresh in the new type
        if columns != self._columns:
            self._reflow(columns)
        elif restyled:
            self.levels_host.relayout()

    def _levels_plan(self) -> tuple[int, int | None]:
        """(columns, the titles' px or None for their styled size) for the present size."""
        landscape = self.width() > self.height()
        if not landscape:
            return 1, None
        t = self.ctx.tokens()
        wide = self.width() >= t.px(1500)
        # Five a row only where each tile holds its title on one line: at 字号 4/4 in
        # English "Dissatisfied" ran past its tile, and a title wrapped to two lines was
        # cut to one (the tiles keep their one-line height; ui/clipping.py).
        m = self.root.contentsMargins()
        room = self.width() - m.left() - m.right()
        gap = t.gap()
        styled = t.px(t.tile_px)
        word = max(_title_width(tile, styled) for tile in self.levels.values())

        def fits(n: int) -> bool:
            return n * word + (n - 1) * gap <= room

        if wide and fits(5):
            return 5, None
        if fits(3):
            return 3, None
        # Two a row took three rows, and in 长辈模式 at 字号 4/4 on 1280x800 pages: "Very
        # satisfied" and "Satisfied" on page 1 of 3, the poor ones behind 下一页 (try-out 6,
        # item 8: a 好差评 must not offer the good ones first). Three a row in smaller
        # type, down to a floor, keeps all five on one screen, side by side.
        px = self._three_a_row_px()
        return (3, px) if px is not None else (2, None)

    def _levels_laid_out(self) -> None:
        # A row of tiles taller than the room even as pages (长辈模式 at 字号 4/4 on
        # 1280x800): the stars go, the words stay; the stars only repeat the words.
        tiles = self.levels.values()
        # Also when the five took pages: all five on one screen beat the stars (try-out 6,
        # item 8).
        crowded = self.levels_host.overflows() or self.levels_host.page_count() > 1
        if crowded and any(not t.sub.isHidden() for t in tiles):
            for t in tiles:
                t.sub.hide()
                _remeasure(t)  # measured afresh, not with the stars' line
            self.levels_host.relayout()
            return
        # Still pages without the stars (1280x800 in 长辈模式 at 字号 4/4 under the demo
        # strip: 非常满意/满意/基本满意 on page 1, 不满意 and 非常不满意 behind 下一页: try-out
        # 11, E8): the titles in smaller type, down to the page's own text size, until
        # the rows fit. A rating that shows only the good answers is no fair question.
        if crowded and not self._tight:
            # First the tiles' padding, as a button's: their faces stay a touch target.
            self._tight = True
            t = self.ctx.tokens()
            for tile in tiles:
                tile.setStyleSheet(self._level_sheet(tile, tight=True))
                _remeasure(tile)
            self.levels_host.relayout()
            return
        if crowded:
            px = self._px_for_height()
            if px is not None and px != self._title_px:
                self._height_px = px
                self._fit_levels()

    def _level_sheet(self, tile: Tile, *, tight: bool = False) -> str:
        """A level's own style: the ✓ of the level chosen in the room its words leave at
        its right end (the chosen look's padding there, edge and all), and, ``tight``,
        the padding of a button (the rows too tall for the room)."""
        t = self.ctx.tokens()
        name = tile.objectName()
        pad = f"#{name} {{ padding: {t.px(8)}px {t.px(16)}px; }}" if tight else ""
        words = tile.layout().contentsMargins().right()
        right = max(0, words - 2 * t.outline_px)
        return f'{pad} #{name}[role="primary"] {{ padding-right: {right}px; }}'

    def _styled_px(self) -> int:
        t = self.ctx.tokens()
        return t.px(t.tile_px)

    def _px_for_height(self) -> int | None:
        """The largest title size (from the one shown, down to the page's text size) at
        which every row of levels fits the room on one page, or None when none does."""
        t = self.ctx.tokens()
        room = self.levels_host.contentsRect().height()
        cols = max(1, self._columns)
        rows = -(-len(self.levels) // cols)
        gap = t.gap()
        col_w = (self.levels_host.width() - gap * (cols - 1)) // cols
        least = t.mm(t.target_mm)  # the pager's least row: a touch target
        floor = t.px(t.body_px)
        start = self._title_px if self._title_px is not None else self._styled_px()
        tiles = list(self.levels.values())
        found: int | None = None
        for px in range(start, floor - 1, -1):
            for tile in tiles:
                tile.title.setStyleSheet(f"font-size: {px}px;")
                _remeasure(tile)
            row = max([least] + [tile.heightForWidth(col_w) for tile in tiles])
            if rows * row + (rows - 1) * gap <= room:
                found = px
                break
        # The titles as they were until the screen restyles them.
        shown = "" if self._title_px is None else f"font-size: {self._title_px}px;"
        for tile in tiles:
            tile.title.setStyleSheet(shown)
            _remeasure(tile)
        return found

    def resizeEvent(self, event: object) -> None:
        """Levels: five a row when wide, 3 + 2 on a small landscape panel, else a column."""
        landscape = self.width() > self.height()
        for t in self.levels.values():
            t.sub.show()  # the stars again, unless the new size has no room (above)
        self._height_px = None  # and the titles' size for the width alone, at first
        if self._tight:  # and their padding
            self._tight = False
            for t in self.levels.values():
                t.setStyleSheet(self._level_sheet(t))
                _remeasure(t)
        self._fit_levels()
        self.reasons.set_columns(1 if self._assisted and not landscape else 2)
        self.callback.set_wide(landscape)
        top = getattr(self, "_top", None)
        if top is not None:
            beside = QBoxLayout.Direction.LeftToRight
            top.setDirection(beside if landscape else QBoxLayout.Direction.TopToBottom)
            gap = self.ctx.tokens().gap()
            top.setSpacing(gap * 2 if landscape else gap // 2)
        if hasattr(self, "done_btn"):
            self._place_message()  # a new width: the message beside the buttons or over them
            self._fit_thanks()
            self._portrait_room()
        super().resizeEvent(event)  # type: ignore[arg-type]

    def _reset(self) -> None:
        self.level: RatingLevel | None = None
        self.step = Step.LEVEL
        self.sent: SendResult | None = None
        self._delivered = False  # a rating saved offline has reached the platform since
        self._message_key = ""
        self._print_key = ""
        self._busy = False
        for b in self.reason_buttons.values():
            b.blockSignals(True)
            b.setChecked(False)
            b.blockSignals(False)
        self.reasons.show_page(0)
        self.composer.set_text("")
        self.callback.reset()

    # --- lifecycle ------------------------------------------------------------------

    def enter(self) -> None:
        """A fresh rating, linked to this session's application if there is one."""
        # A fresh screen per session; re-entering it (call staff, language) keeps the choices.
        if self._entered_session != self.core.sessions.current.id or self._sent():
            self._entered_session = self.core.sessions.current.id
            self._reset()
        self._render()
        self.prepare_pinyin(self.composer)

    def carry(self) -> object | None:
        """The level, the reasons, the words, the call-back offer, the page, and whether
        it was sent: a new text size must not lose them (nor offer to rate again)."""
        return {
            "session": self._entered_session,
            "level": self.level,
            "step": self.step,
            "sent": self.sent,
            "message": self._message_key,
            "print": self._print_key,
            "reasons": [r for r, b in self.reason_buttons.items() if b.isChecked()],
            "reasons_page": self.reasons.page(),
            "composer": self.composer.state(),
            "callback": self.callback.state(),
        }

    def restore(self, state: object) -> None:
        """The same page and answers after a rebuild."""
        if not isinstance(state, dict) or state["session"] != self._entered_session:
            return
        self.level = state["level"]
        self.step = state["step"]
        self.sent = state["sent"]
        self._message_key = state["message"]
        self._print_key = state["print"]
        for r, b in self.reason_buttons.items():
            b.blockSignals(True)
            b.setChecked(r in state["reasons"])
            b.blockSignals(False)
        self.callback.restore(state["callback"])
        self._render()
        self.reasons.show_page(state["reasons_page"])
        self.composer.restore(state["composer"])
        self._render()

    def retranslate(self) -> None:
        """Texts in the current language."""
        super().retranslate()
        if hasattr(self, "done_btn"):
            self.reasons.set_language(self.lang)
            self._render()

    def _tracking(self) -> str | None:
        return self.core.sessions.current.tracking_number

    def _render(self) -> None:
        # Its pages change in place (提交评价 → the thanks with 完成 where it was; a level
        # → the reasons): the tap guard drops a double tap's second touch on what came
        # under it, as after a screen change (#14: it skipped the thank-you).
        self.ctx.before_change()
        sent = self.sent is not None and self.sent.ok
        step = None if sent else self.step
        tn = self._tracking()
        # What is rated: the application, or (from the home tile) the centre's service,
        # named: 本次服务 alone rated nothing a citizen could name (try-out 9, C11).
        self.linked.setText(
            self.t("rate.for_number", n=shown_tracking_number(tn))
            if tn
            else self.t("rate.for_hall")
        )
        stars = {lv: "★" * int(lv) + "☆" * (5 - int(lv)) for lv in RatingLevel}
        for level, tile in self.levels.items():
            chosen = level == self.level
            sub = f"{stars[level]}  {self.t('rate.selected')}" if chosen else stars[level]
            tile.set_texts(self.t(f"rate.level.{level.code}"), sub)
            self.set_role(tile, "primary" if chosen else "tile")
            tile.setAccessibleDescription("selected" if chosen else "")
        if self.level is not None:
            name = f"{self.t(f'rate.level.{self.level.code}')} {stars[self.level]}"
            self.change_btn.setText(self.t("rate.your_level", level=name))
        for reason, b in self.reason_buttons.items():
            b.setText(self.t(f"rate.reason.{reason.value}"))
            self.set_role(b, "primary" if b.isChecked() else "secondary")
        self.callback.set_texts(
            self.t("rate.callback.want"),
            self.t("contact.phone_label"),
            self.t("contact.phone_empty"),
            self.t("rate.callback.consent"),
            self.t("rate.callback.from_form"),
            self.t("rate.callback.other"),
        )
        picked = [
            self.t(f"rate.reason.{r.value}")
            for r, b in self.reason_buttons.items()
            if b.isChecked()
        ]
        joined = self.t("rate.reason_sep").join(picked)
        self.chosen.setText(self.t("rate.chosen", reasons=joined) if picked else "")
        self.composer.set_texts(
            {k: self.t(k) for k in PHRASES},
            self.t("feedback.text_empty"),
            self.t("feedback.phrases"),
            self.t("feedback.keyboard"),
            self.t("feedback.clear"),
            done=self.t("feedback.keyboard_done"),
        )
        self.composer.set_language(self.lang)
        typing = step is Step.COMMENT and self._typing
        # Typing, the keys take the room they can use first (up to their largest), as on
        # a form (ui/screens/entry_page.py dock_at_bottom); the room left stays above them.
        self.root.setStretch(self._room_at, 0 if typing else 1)
        low = self.level is not None and self.level.needs_reason
        good = self.level is not None and self.level >= RatingLevel.SATISFIED
        # 基本满意 and worse keep "we will improve"; the two good levels are thanked only.
        thanks = [
            self.t("rate.thanks_low" if low else "rate.thanks_good" if good else "rate.thanks")
        ]
        if sent and self.sent is not None and not self.sent.online:
            # Stored here, not yet with anyone; until the platform has it (then said so).
            thanks.append(self.t("svc.sent_later" if self._delivered else "svc.saved_offline"))
        callback = self.callback.request() if low else None
        if sent and callback is not None:
            thanks.append(self.t("rate.callback.saved", p=mask_phone(callback.phone)))
            # When the call comes: the platform's 整改回访 term (try-out 8, C11).
            days = self.core.catalog.follow_up_working_days
            when = "rate.callback.when_no_term" if days is None else "rate.callback.when"
            thanks.append(self.t(when, d=days))
        self.thanks.setText("\n".join(thanks) if sent else "")
        self.print_state.setText(self.t_now(self._print_key) if self._print_key else "")
        key = self._message_key
        # The toggle that takes the call-back back is named by its words: "上方按钮" sent
        # the citizen looking for a button that was not above (try-out 9, E8).
        fmt = {"want": self.t("rate.callback.want")} if key == CONSENT_KEY else {}
        # 长辈模式's reasons page has one thing to say, in its question's place (build);
        # the foot's line says nothing then (its room, kept, would grow with the words).
        in_slot = self._assisted and step is Step.REASONS
        self.message.setText(self.t(key, **fmt) if key and not in_slot else "")
        # ...and keeps no room there (beside the level chosen it squeezed that by 2 px).
        policy = self.message.sizePolicy()
        if policy.retainSizeWhenHidden() == in_slot:
            policy.setRetainSizeWhenHidden(not in_slot)
            self.message.setSizePolicy(policy)
        self.why_problem.setText(
            self.t(f"feedback.problem.{Problem.REASON_REQUIRED.value}") if in_slot else ""
        )
        # 长辈模式: the number on a page of its own, the consent a question of its own.
        if self._assisted:
            self.callback.set_one_question(
                True, [self.t(f"feedback.problem.{Problem.PHONE_INVALID.value}")]
            )
        else:
            # 提交评价's word on the number or the consent, by them, its room kept.
            self.callback.keep_problem_room([self._number_problem(p) for p in NUMBER_PROBLEMS])
        # The call-back and the comment: with the reasons (normal mode) or on MORE.
        offers = Step.MORE if self._assisted else Step.REASONS
        # 长辈模式 asks the reasons, then offers the call-back on the next page; its
        # number's page leads to the consent, asked on its own (try-out 9, E8).
        asks_next = self._assisted and step in (Step.REASONS, Step.CALLBACK)
        shown: dict[QWidget, bool] = {
            self.linked: step is Step.LEVEL,
            self.prompt: step is Step.LEVEL,
            self.levels_host: step is Step.LEVEL,
            # Hidden with its pages: empty, it would still halve the levels' room.
            self.area_host: step is Step.REASONS or (not self._assisted and step is Step.CALLBACK),
            self.reasons_box: step is Step.REASONS,
            self.change_btn: step is Step.REASONS,
            self.more: step is Step.MORE,
            self.chosen: not self._assisted and step is Step.CALLBACK and bool(picked),
            # In normal mode the toggle stays beside the number it opened; in 长辈模式 the
            # number's page has its heading instead, and 上一步 leads back to the toggle.
            self.callback: step is offers or (not self._assisted and step is Step.CALLBACK),
            self.callback_heading: step is Step.CALLBACK,
            # Beside the call-back toggle on its page too: the toggle keeps its place
            # and width. (长辈模式 gives the number a page of its own: at 字号 4/4 on
            # 1280x800 the offers and a keypad do not fit one page.)
            self.comment_btn: step is offers or (not self._assisted and step is Step.CALLBACK),
            self.composer: step is Step.COMMENT,
            self.thanks: sent,
            self.print_state: bool(self._print_key),
            self.foot: not typing,
            self.message: bool(self._message_key) and not in_slot,
            self.why: not (in_slot and bool(self._message_key)),
            self.why_problem: in_slot and bool(self._message_key),
            self.back_btn: step in (Step.MORE, Step.CALLBACK, Step.COMMENT),
            self.next_btn: asks_next,
            self.submit_btn: step is not None and not asks_next,
            self.done_btn: sent,
            self.another_btn: sent,
            # Offered only while it can print (try-out 7, C-d: offered with the paper
            # known to be out, its answer spoke of photographing an empty screen).
            self.print_btn: sent
            and self._print_key in ("", "rate.print.failed", "svc.print.printer_back")
            and not printer_cannot_print(self.core),
        }
        # Sent from the levels' page only once one is chosen (a poor one goes on to its
        # reasons, whose own checks say what is missing at the tap).
        held = step is Step.LEVEL and self.level is None
        if self.submit_btn.isEnabled() == held:
            self.submit_btn.setEnabled(not held)
        if not self._assisted:  # the number's page: its spare room over its heading
            number = step is Step.CALLBACK
            policy = QSizePolicy.Policy.Expanding if number else QSizePolicy.Policy.Fixed
            if self._callback_room.sizePolicy().verticalPolicy() != policy:
                self._callback_room.changeSize(0, 0, QSizePolicy.Policy.Minimum, policy)
                self.area.setStretch(1, 1 if number else 0)
                self.area.setStretch(3, 0 if number else 1)
                self.area.invalidate()
        # Hide before show: the old page and the new one together, even for a moment,
        # would be taller than the window and grow it.
        if step is not Step.CALLBACK:
            self.callback.set_collapsed(True)
        for w, on in shown.items():
            if not on:
                w.setVisible(False)
        for w, on in shown.items():
            if on:
                w.setVisible(True)
        if step is Step.CALLBACK:
            self.callback.set_collapsed(False)
        self._place_message()
        self._fit_thanks()
        self._fit_levels()  # the titles' language or size may have changed
        self._portrait_room()

    def _portrait_room(self) -> None:
        """Portrait, standard mode, the reasons and the call-back's number: both pages as
        tall as the number's page needs (its heading, the number, consent, the problem's
        kept line and the keys at their largest), the room left under the buttons. The
        toggle under them keeps one place on both pages (it stays where it was tapped),
        and the number's page reads as one form: given the whole height, its number and
        keys went to the foot, ~800 px under their heading at 1080x1920. Where the page
        has not that room (or on a landscape panel, in 长辈模式) as before."""
        if not hasattr(self, "_tail"):
            return
        sent = self.sent is not None and self.sent.ok
        need = 0
        portrait = not self._assisted and self.height() > self.width()
        if portrait and not sent and self.step in (Step.REASONS, Step.CALLBACK):
            need = self._callback_need()
        m = self.root.contentsMargins()
        if need > (self.height() - m.top() - m.bottom()) * 2 // 3:
            need = 0  # no room to spare here: the pages take the height as before
        if need:
            self.area_host.setFixedHeight(need)
        else:
            self.area_host.setMinimumHeight(0)
            self.area_host.setMaximumHeight(QWIDGETSIZE_MAX)
        self.root.setStretchFactor(self.area_host, 0 if need else 100)
        typing = self.step is Step.COMMENT and self._typing
        # The pages take the height left, all of it: the room no page uses took a
        # hundredth (4 px of a row of reasons that was short, try-out 17, P3).
        paged = self.area_host.isVisibleTo(self) and not need
        self.root.setStretch(self._room_at, 0 if need or typing or paged else 1)
        self.root.setStretch(self._tail_at, 1 if need else 0)

    def _callback_need(self) -> int:
        """The call-back number's page's height in portrait (see _portrait_room), for
        every number, consent and reasons chosen it may show: nothing on it moves."""
        m = self.root.contentsMargins()
        width = self.width() - m.left() - m.right()
        cb = self.callback
        gap = self.ctx.tokens().gap()

        def tall(w: QWidget) -> int:
            w.ensurePolished()
            # By its width alone where it has one (a hidden label's size hint is for
            # some first width, three lines where one is needed).
            h = w.heightForWidth(width) if w.hasHeightForWidth() else w.sizeHint().height()
            return max(h, w.minimumHeight())

        # The heading's row: beside it, every reason chosen (its longest words).
        heading = self.callback_heading
        heading.ensurePolished()
        self.chosen.ensurePolished()
        every = self.t("rate.reason_sep").join(
            self.t(f"rate.reason.{r.value}") for r in RatingReason
        )
        probe = self._chosen_probe
        probe.setText(self.t("rate.chosen", reasons=every))
        probe.setFont(self.chosen.font())
        probe.setContentsMargins(self.chosen.contentsMargins())
        # (portrait: under the heading, across the page; see resizeEvent)
        top = heading.sizeHint().height() + gap // 2 + probe.heightForWidth(width)
        fields: list[QWidget] = [cb.consent, cb.problem]
        phone = cb.phone
        kept = phone.alternatives()
        if self._application_phone():  # the form's number offered: 改用其他号码 by it
            fields.append(cb.other)
            # Its words as offered too (two lines at 字号 4/4), before it is offered.
            longest = mask_phone("8" * MAX_PHONE_DIGITS)
            offered = self.t("contact.phone_label") + longest + self.t("rate.callback.from_form")
            phone.set_alternatives((*kept, offered))
        column = tall(phone) + sum(tall(w) for w in fields) + gap * (len(fields) + 1)
        phone.set_alternatives(kept)
        keys = cb.keypad.maximumHeight()
        if keys >= QWIDGETSIZE_MAX:
            keys = cb.keypad.minimumSizeHint().height()
        return top + self.area.spacing() + column + keys

    def _fit_thanks(self) -> None:
        """The thanks whole over the foot: in the title's type where they fit, else in
        the heading's or the page's. In 长辈模式 at 字号 4/4 on 1280x800 in English the
        call-back's thanks took 833 px in title type and the page had 435: the line
        saying when staff will call was cut off."""
        label = self.thanks
        text = label.text()
        if not text:
            return
        t = self.ctx.tokens()
        m = self.root.contentsMargins()
        width = self.width() - m.left() - m.right()
        gap = self.root.spacing()
        room = self.height() - m.top() - m.bottom() - self.foot.sizeHint().height() - gap
        if self.print_state.text():
            room -= self.print_state.heightForWidth(width) + gap
        label.ensurePolished()
        lm = label.contentsMargins()
        box = QRect(0, 0, max(1, width - lm.left() - lm.right()), 100_000)
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
        title = t.px(t.title_px)
        sizes = [title, t.px(t.heading_px), t.px(t.body_px)]
        style = f"font-size: {sizes[-1]}px;"
        for px in sizes:
            font = QFont(label.font())
            font.setPixelSize(px)
            need = QFontMetrics(font).boundingRect(box, flags, text).height()
            if need + lm.top() + lm.bottom() <= room:
                style = "" if px == title else f"font-size: {px}px;"
                break
        if label.styleSheet() != style:
            label.setStyleSheet(style)

    # --- the message's room ---------------------------------------------------------

    def _page_says(self) -> list[str]:
        """What the page on display may say when a tap asks for what is missing (its own
        check): its message's room is kept for it. The levels' and the reasons' pages;
        the call-back's and the comment's keep the message beside their buttons, where
        their keys leave the room. (The call-back's number and consent are said over its
        toggle, in the room ContactConsent keeps for them. A send that fails says so in
        the same place, rarely; its words may take a line more.)"""
        sent = self.sent is not None and self.sent.ok
        step = None if sent else self.step
        if step is Step.LEVEL:
            return [self.t("rate.choose_first")]
        if step is Step.REASONS and not self._assisted:
            return [self.t(f"feedback.problem.{Problem.REASON_REQUIRED.value}")]
        return []  # (长辈模式's reasons: said in the question's place, see build)

    def _message_height(self, text: str, width: int) -> int:
        """The height the message line needs for ``text`` at ``width`` (wrapped)."""
        label = self.message
        label.ensurePolished()
        m = label.contentsMargins()
        inner = max(1, width - m.left() - m.right())
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
        box = label.fontMetrics().boundingRect(QRect(0, 0, inner, 100_000), flags, text)
        return box.height() + m.top() + m.bottom()

    def _place_message(self) -> None:
        """The message beside the buttons where their row leaves it room for whatever the
        page may say within the row's height, else on a line of its own over them, as
        many lines tall as the longest needs across the page. Decided by the page and the
        size, never by whether a message shows: it appears and goes with nothing moving."""
        says = self._page_says()
        m = self.root.contentsMargins()
        width = self.width() - m.left() - m.right()
        gap = self._row.spacing()
        buttons = [
            b
            for b in (self.back_btn, self.change_btn, self.print_btn, self.next_btn,
                      self.submit_btn, self.another_btn, self.done_btn)
            if not b.isHidden()
        ]  # fmt: skip
        used = sum(b.sizeHint().width() + gap for b in buttons)
        # As tall as the buttons, or the one line the message keeps in any case.
        row_h = max([b.sizeHint().height() for b in buttons] + [self._message_height("中", 9999)])
        spare = width - used
        beside = spare > 0 and all(self._message_height(t, spare) <= row_h for t in says)
        style = "" if beside else self._line_style
        if self.message.styleSheet() != style:
            self.message.setStyleSheet(style)
            self.message.ensurePolished()
        if beside:
            lines = 1
        else:
            line = max(1, self.message.fontMetrics().lineSpacing())
            need = max((self._message_height(t, width) for t in says), default=0)
            m2 = self.message.contentsMargins()
            lines = max(1, -(-(need - m2.top() - m2.bottom()) // line))
        if lines != self.message.lines:
            self.message.lines = lines
            self.message.updateGeometry()
        if beside == self._message_beside:
            return
        self._message_beside = beside
        at = self._row.indexOf(self.change_btn) + 1
        if beside:
            self._foot_lines.removeWidget(self.message)
            self._row.removeItem(self._row_gap)
            self._row.insertWidget(at, self.message, 1)
        else:
            self._row.removeWidget(self.message)
            self._row.insertSpacerItem(at, self._row_gap)
            self._foot_lines.insertWidget(0, self.message)

    # --- choices --------------------------------------------------------------------

    def _go(self, step: Step) -> None:
        self.step = step
        self._message_key = ""
        self._render()

    def _choose(self, level: RatingLevel) -> None:
        self.level = level
        # A poor rating asks why on the next page; a good one is sent from here.
        self._go(Step.REASONS if level.needs_reason else Step.LEVEL)

    def _change_level(self) -> None:
        self.level = None
        self._go(Step.LEVEL)

    def _step_back(self) -> None:
        if self.step is Step.MORE or not self._assisted:
            self._go(Step.REASONS)
        else:
            self._go(Step.MORE)

    def _next(self) -> None:
        """长辈模式, from the reasons: at least one, then the call-back and comment page;
        from the call-back's number: the consent, asked on its own."""
        if self.step is Step.CALLBACK:
            self._ask_consent()
            return
        if not any(b.isChecked() for b in self.reason_buttons.values()):
            self._message_key = f"feedback.problem.{Problem.REASON_REQUIRED.value}"
            self._render()
            return
        self._go(Step.MORE)

    def _ask_consent(self) -> None:
        """长辈模式: the number, if it is one, then one question: may staff use it for
        this call-back? Yes sends the rating; no takes the call-back back (try-out 9, E8:
        number, other number, consent, keypad and 提交评价 on one screen, and a message
        that pushed the keys up when the consent was not ticked)."""
        request = self.callback.request()
        if request is None:
            return
        if not valid_phone(request.phone):
            self.callback.say(self.t(f"feedback.problem.{Problem.PHONE_INVALID.value}"))
            return

        def agreed() -> None:
            self.callback.consent.setChecked(True)
            self._submit()

        def declined() -> None:
            self.callback.consent.setChecked(False)
            self.callback.want.setChecked(False)  # back to the offers, the toggle off

        def number() -> str:
            return self.t("rate.callback.saved", p=mask_phone(request.phone))

        choice_for(self).ask_words("rate.callback.ask", agreed, declined, number, relays=True)

    def _ask_number_again(self, said: str) -> None:
        """Standard mode, where the number's problem does not fit by it: said on a page
        of its own, whose answers are to type it again or to take the call-back back
        (said in the foot, it grew the foot's row and moved the keys under the finger)."""

        def again() -> None:
            self.callback.say("")

        def declined() -> None:
            self.callback.want.setChecked(False)  # back to the reasons, the toggle off

        choice_for(self).ask_words(
            "rate.callback.check", again, declined, lambda: said, relays=True
        )

    def _reason_toggled(self, _reason: RatingReason) -> None:
        self._message_key = ""
        self._render()

    def _callback_changed(self) -> None:
        # "Contact me" opens the page with the keypad; tapped off, back to where it was
        # (normal mode; in 长辈模式 it is tapped off on the offers' page, which stays).
        want = self.callback.want.isChecked()
        if want:
            # The 联系电话 of the application rated: offered, not typed a second time.
            self.callback.prefill(self._application_phone())
        if want and self.step is not Step.CALLBACK:
            self._go(Step.CALLBACK)
            return
        if not want and self.step is Step.CALLBACK:
            self._step_back()
            return
        # What was wrong goes with the tap that mends it: the consent's hint (its own key)
        # stayed on screen after 我同意 until 提交评价 (try-out 10, C2).
        said = self._message_key
        if (said == CONSENT_KEY or said.startswith("feedback.problem.")) and hasattr(
            self, "done_btn"
        ):
            self._message_key = ""
            self._render()

    def _number_problem(self, problem: Problem) -> str:
        """The words for what is wrong with the call-back's number or consent."""
        if problem is Problem.CONSENT_REQUIRED:
            return self.t(CONSENT_KEY, want=self.t("rate.callback.want"))
        return self.t(f"feedback.problem.{problem.value}")

    def _application_phone(self) -> str:
        """The phone number given on this session's application form, or ""."""
        session = self.core.sessions.current
        service = self.core.catalog.by_id(session.service_id) if session.service_id else None
        if service is None:
            return ""
        for f in service.form:
            if f.type is FieldType.PHONE and session.form_values.get(f.id):
                return session.form_values[f.id]
        return ""

    def _typing_changed(self, on: bool) -> None:
        # Told before the keyboard shows and after it hides: room is made first.
        self._typing = on
        if hasattr(self, "done_btn"):
            self._render()

    def _open_comment(self) -> None:
        self._go(Step.COMMENT)

    def _rating(self) -> Rating:
        level = self.level or RatingLevel.BASICALLY_SATISFIED
        reasons = [r for r, b in self.reason_buttons.items() if b.isChecked()]
        if not level.needs_reason:
            reasons = []
        comment = self.composer.text() if level.needs_reason else ""
        session = self.core.sessions.current
        callback = self.callback.request() if level.needs_reason else None
        return make_rating(level, reasons, comment, self._tracking(), session.service_id, callback)

    # --- sending --------------------------------------------------------------------

    def _held_submit(self) -> None:
        """A tap on 提交评价 held for a level: said calmly where the page's message goes."""
        if self.level is None and self.step is Step.LEVEL and self.sent is None:
            self._message_key = "rate.choose_first"
            self._render()

    def _submit(self) -> None:
        # Held until a level is chosen (_render, _held_submit); the checks after that
        # (reasons, the call-back's number) are said at the tap.
        services = self.services
        if self._busy:
            return
        if self.level is None:
            self._message_key = "rate.choose_first"
            self._render()
            return
        rating = self._rating()
        problem = rating.problem()
        said = self._number_problem(problem) if problem in NUMBER_PROBLEMS else ""
        if said and not self._assisted:
            if self.callback.problem_fits(said):
                # Said by the number, in the room kept for it there: in the foot's row it
                # took two lines, grew the row and moved the keypad, number and toggle
                # (try-out 12, N13).
                self.callback.say(said)
            elif problem is Problem.CONSENT_REQUIRED:
                # Where the keys leave that room too little for the words (字号 4/4 on a
                # small panel), asked as a question of its own, as in 长辈模式: the foot
                # said them on three lines and moved the whole page up ~96 px.
                self._ask_consent()
            else:
                self._ask_number_again(said)
            return
        if problem is not Problem.NONE:
            consent = problem is Problem.CONSENT_REQUIRED
            self._message_key = CONSENT_KEY if consent else f"feedback.problem.{problem.value}"
            self._render()
            return
        if services is None:
            self._message_key = "svc.unavailable"
            self._render()
            return
        lang = self.lang
        fb = services.feedback
        self._busy = True
        self._render()
        self.run(lambda: fb.submit_rating(rating, lang), self._submitted, self._failed)

    def _submitted(self, result: SendResult) -> None:
        self._busy = False
        if result.ok or result.problem is Problem.ALREADY_RATED:
            # The submitted screen stops offering a rating it would refuse.
            self.core.sessions.current.rated_tracking_number = self._tracking()
        if not result.ok:
            self._message_key = f"feedback.problem.{result.problem.value}"
        else:
            self.sent = result
            self._message_key = ""
            if not result.online:  # the thanks say when it has reached the platform
                self.watch_delivery(result.record_id, self._now_delivered)
        self._render()
        if result.ok:
            self.speak(self.thanks.text())

    def _failed(self) -> None:
        self._busy = False
        self._message_key = "common.error"
        self._render()

    def _print(self) -> None:
        services = self.services
        if services is None or self.level is None:
            return
        rating, lang, fb = self._rating(), self.lang, services.feedback
        self._print_key = "svc.print.printing"
        self._render()
        self.run(lambda: fb.print_thanks(rating, lang), self._printed, lambda: self._printed(None))

    def _printed(self, result: PrintResult | None) -> None:
        key = "svc.print.failed" if result is None else print_message_key(result)
        # The slip holds nothing the citizen needs: its failure asks for no photo of the
        # screen and no reprint, it says the rating is kept (try-out 7, C-d).
        self._print_key = _SLIP_WORDS.get(key, key)
        self._render()

    def on_core_event(self, event: Event) -> None:
        """The printer changed: the slip is offered only while it can print, and again
        (said so) once it is back after the slip failed."""
        if not (isinstance(event, DeviceStatusChanged) and event.device == Device.PRINTER):
            return
        if self._print_key in SLIP_FAILED and event.health is Health.OK:
            self._print_key = "svc.print.printer_back"
            self._render()
        elif self.sent is not None and self.sent.ok and self._print_key != "svc.print.printing":
            self._render()  # the offer follows the printer

    def journey_finished(self) -> bool:
        """The rating is stored: its thanks are the end of the journey."""
        return self.sent is not None

    def _now_delivered(self) -> None:
        if not self._delivered:
            self._delivered = True
            self._render()

    def _done(self) -> None:
        self.goto(self.core.next())


def _remeasure(tile: Tile) -> None:
    """Drop what Qt keeps of ``tile``'s measures (its layouts cache each row's height
    for a width): a line hidden or a font changed is measured afresh at the next layout."""
    for inner in tile.findChildren(QLayout):
        inner.invalidate()
    for label in (tile.title, tile.sub):
        label.updateGeometry()
    tile.layout().invalidate()
    tile.updateGeometry()


def _mark_room(t: Tokens) -> int:
    """The px a level keeps right of its words for the ✓ of the level chosen: a smaller
    ✓ than a form answer's (ui/theme.py mark_room), so the five still stand three a row
    at 字号 4/4 on 1280x800 in English 长辈模式 (a whole em took them to two a row and
    three pages, the poor levels behind 下一页)."""
    return round(t.px(t.button_px) * 0.6)


def _title_width(tile: Tile, px: int | None = None) -> int:
    """The width a tile needs for its title on one line (at ``px``, else as styled)."""
    tile.ensurePolished()
    tile.title.ensurePolished()
    font = QFont(tile.title.font())
    if px is not None:
        font.setPixelSize(px)
    word = QFontMetrics(font).horizontalAdvance(tile.title.text())
    inner, outer = tile.layout().contentsMargins(), tile.contentsMargins()
    return word + inner.left() + inner.right() + outer.left() + outer.right()
