"""Identify: ID document on the reader, e-ID QR code on the scanner, or manual entry.

Proxy applications (代办): "I am applying for someone else" makes the first
identity proven the agent's (the person at the kiosk, any of the three ways);
the screen then asks for the applicant's (document or typed ID number). Both are
kept in the session and go into the application and onto the receipt.

When an identity shows the person at the kiosk is 65 or older and assisted mode
is off, the switch is offered once, calmly, and never made without a tap.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk.events import (
    CardPresence,
    CodeScanned,
    Device,
    DeviceStatusChanged,
    Event,
    Health,
    ResidentCardRead,
)
from kiosk.flow import IDENTIFY_SUBSCREENS, Journey, Screen
from kiosk.identity import Identity, IdentitySource
from kiosk.payloads import ScannedPayload
from kiosk.services.citizen import citizen_services
from kiosk.services.form_rules import suggestions
from kiosk.services.identify import (
    IdentifyResult,
    IdentifyService,
    check_document,
    identify_service,
)
from ui.layout_items import add_layout, repolish
from ui.screens.apply_common import (
    MessageLabel,
    current_service,
    forget_identity,
    set_role,
    skip_documents_if_nothing_to_capture,
)
from ui.screens.base import BaseScreen
from ui.screens.choice import choice_for, dismiss_choice
from ui.screens.entry_page import heading_line
from ui.theme import disabled_colours
from ui.widgets.pager import PagedGrid
from ui.widgets.pictogram import pictogram
from ui.widgets.tile import Tile, no_widow

ANIM_MS = 700
# Messages the line above the ways shows when a way is tapped: their room is kept, so
# the ways do not move when one appears (#14: in English at the largest text the e-ID
# way's explanation wrapped to three lines and pushed the ways down under the finger).
TAPPED_MESSAGES = ("identify.qr.sub",)
OFFER_AGE = 65  # the assisted mode is offered from this age on


def whose_identity(screen: BaseScreen) -> str:
    """'agent' or 'applicant' while a proxy application is being identified, else ''."""
    session = screen.core.sessions.current
    if not session.proxy:
        return ""
    return "agent" if session.agent is None else "applicant"


def accept_identity(screen: BaseScreen, identity: Identity) -> None:
    """Keep a proven identity for this session and move on.

    The single place identities are accepted: for a proxy application the first
    one is the agent's (back to identify for the applicant's), and the 65+ offer
    of assisted mode is made here, about the person at the kiosk.
    """
    core = screen.core
    session = core.sessions.current
    if whose_identity(screen) == "agent":
        session.set_identity(identity, as_agent=True)

        def applicants_turn() -> None:
            while core.nav.screen in IDENTIFY_SUBSCREENS:
                core.back()
            screen.goto(core.screen())

        offer_assisted_mode(screen, identity, applicants_turn)
        return
    agent = session.agent if session.proxy else None
    if agent is not None and agent.document_number == identity.document_number:
        screen.ctx.show_notice(screen.t("identify.proxy.same_person"))
        return
    session.set_identity(identity)
    service = current_service(core)
    if service is not None:
        # Editable starting values (the card's address for the contact address).
        for name, value in suggestions(service.form, identity).items():
            session.form_values.setdefault(name, value)
    skip_documents_if_nothing_to_capture(core)

    def to_form() -> None:
        screen.goto(core.next())

    manual = identity.source is IdentitySource.MANUAL

    def check_then_form() -> None:
        # 长辈模式: one screen says who was identified (masked) before the first
        # question, with 是我，继续 / 不是我 (try-out 8, E2/E7: an e-ID or a typed
        # identity went straight to "起始月份" or "联系电话", with no word that it had
        # worked, and "不是王*明?" beside a field read as part of the question).
        # (A booking or a queue number says it on its own first step, with 不是我.)
        if not session.assisted or core.nav.journey != Journey.APPLY:
            to_form()
            return
        # Typing is not verification: a typed identity is "your details", to be shown
        # at a counter, never "identified".
        key = "identified.check.manual" if manual else "identified.check"
        # The first step of the one-question pages that follow: 是我，继续 where their
        # 下一步 stands, and where 手工输入's and the passport's 确认 stood (E6).
        choice_for(screen).ask_words(
            key, to_form, lambda: forget_identity(screen), identified_body, at_foot=True
        )

    def identified_body() -> str:
        # The name and the number, masked, each on its line: the body says both are
        # shown partly hidden, and the number was missing (try-out 9, E3).
        return screen.t(
            "identified.check.who",
            name=identity.masked_name(),
            number=identity.masked_number(),
            doc=screen.t(f"doctype.{identity.document_type.value}"),
            # A typed identity's body says already that it was typed and not checked.
            src="" if manual else screen.t(f"form.from_id.{identity.source.value}"),
        ).strip()

    if agent is not None:
        to_form()  # the applicant is not the one at the screen: no offer about them
    else:
        offer_assisted_mode(screen, identity, check_then_form)


def offer_assisted_mode(screen: BaseScreen, identity: Identity, then: Callable[[], None]) -> None:
    """Offer (never force) assisted mode to a citizen of 65 or more; ``then`` continues.

    Switching keeps the session and everything in it; the offer is made at most
    once a session.
    """
    core = screen.core
    session = core.sessions.current
    age = identity.age_on(core.clock().astimezone().date())
    if session.assisted or session.assisted_offered or age is None or age < OFFER_AGE:
        then()
        return
    session.assisted_offered = True

    def switch() -> None:
        core.sessions.set_assisted(True)
        then()

    choice_for(screen).ask_words("offer", switch, then)


FAULT_KEY = "identify.fault"
# A way not offered now, tapped: which one, and what still works (try-out 14, C10: the
# faded e-ID tile did nothing at all when tapped, as if the kiosk had not seen the tap).
UNAVAILABLE_KEY = "identify.way.unavailable"
# The devices the ways to identify rely on: the passport (PC/SC) reader and the resident
# ID (SAM) reader for 放置证件, the camera for the e-ID code (try-out 8, R1).
WAY_DEVICES = (Device.CARD, Device.IDCARD, Device.SCANNER)


class _KeptRoomMessage(MessageLabel):
    """The message line over the ways: as tall as its words, while the room of its
    longest words (:meth:`room`, every fault's) is kept by the slot it sits in, so a
    short message is no tall empty box (portrait, 长辈模式 English) and nothing moves."""

    def __init__(self) -> None:
        super().__init__(lines=1)
        self.setWordWrap(True)

    def room(self) -> int:
        """The height of its reserved lines, with its padding and border."""
        return super().sizeHint().height()

    def sizeHint(self) -> QSize:
        """Its words' own size (the room is the slot's)."""
        return QLabel.sizeHint(self)

    def minimumSizeHint(self) -> QSize:
        """Its words' own size (the room is the slot's)."""
        return QLabel.minimumSizeHint(self)

    def heightForWidth(self, width: int) -> int:
        """Its words' own height at ``width`` (the room is the slot's)."""
        return QLabel.heightForWidth(self, width)


class IdentifyScreen(BaseScreen):
    """Three ways to prove identity; the card and the QR code work without any tap."""

    screen_id = Screen.IDENTIFY
    title_key = "identify.title"
    prompt_key = "identify.prompt"

    def build(self) -> None:
        """Heading, animated reader prompt, the three ways as pages, and the two switches."""
        tokens = self.ctx.tokens()
        # The question, a proxy's step and the reader's prompt over the ways; a message
        # (a device's fault, what a tapped way needs) takes the place of all three, in
        # room kept for it from the start: the ways never move when one comes or goes
        # (try-out 13, E4: 长辈模式 4/4 on 1280x800, a reader's fault notice in the prompt's
        # place pushed the ways down and cut their names in half).
        self._top = QWidget()
        top = QVBoxLayout(self._top)
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(self.root.spacing())
        self.heading = self.label("identify.prompt", role="title")
        self.heading.setObjectName("identify_heading")
        top.addWidget(self.heading)
        # A proxy's step, in one line whose type gives way to the ways below it
        # (ui/widgets/fit_heading.py): at the largest text two lines cut the tiles.
        self.step = heading_line(tokens)
        self.step.setObjectName("identify_step")
        self.step.hide()
        top.addWidget(self.step)
        self.anim = QLabel()
        self.anim.setTextFormat(Qt.TextFormat.PlainText)
        self.anim.setObjectName("identify_anim")
        self.anim.setProperty("role", "heading")
        self.anim.setWordWrap(True)
        top.addWidget(self.anim)
        self._slot_box = slot = QWidget()
        self._slot = QStackedLayout(slot)
        self.status = _KeptRoomMessage()
        self.status.setObjectName("identify_status")
        self.status.setProperty("role", "error")
        # The message at the top of the room kept for it, as tall as its words: the
        # stack stretched it to the whole room, a tall empty box (in portrait, 长辈模式
        # English: four lines' box round a two-line message).
        self._message = QWidget()
        box = QVBoxLayout(self._message)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.status)
        box.addStretch(1)
        self._slot.addWidget(self._top)
        self._slot.addWidget(self._message)
        self.root.addWidget(slot)
        self._frame = 0
        self._timer = QTimer(self)
        self._timer.setInterval(ANIM_MS)
        self._timer.timeout.connect(self._tick)
        # The ways turn pages when the window cannot hold them (长辈模式 on a small panel),
        # never scroll; the room for the page buttons is there only when they are.
        self.ways = PagedGrid(tokens, "ways_pager", lang=self.lang, fill=True, keep_nav_room=False)
        self.tiles: dict[str, Tile] = {}
        # What each tile was last given: its title, explanation and short explanation.
        self._tile_texts: dict[str, tuple[str, str, str]] = {}
        # The room each tile's explanation keeps while a device is out: (whole, short).
        self._kept: dict[str, tuple[list[str], list[str]]] = {}
        for key, slot in (
            ("identify.card", self._card),
            ("identify.qr", self._qr),
            ("identify.manual", self._manual),
        ):
            tile = Tile()
            name = key.split(".")[1]
            tile.setObjectName(f"tile_{name}")
            tile.set_icon(pictogram(f"identify_{name}", tokens.mm(16), tokens.text))
            tile.clicked.connect(lambda _=False, s=slot: s())
            # A way not offered is a disabled button, which hears no tap: the screen does.
            tile.installEventFilter(self)
            self.tiles[key] = tile
        self.root.addWidget(self.ways, 1)
        # Side by side, or one above the other where their words would not fit.
        self._switches = switches = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        switches.setSpacing(tokens.mm(tokens.gap_mm + 1))
        self.proxy_btn = self.button("identify.proxy", self._toggle_proxy)
        self.proxy_btn.setObjectName("btn_proxy")
        self.big_mode = self.button("apply.big_mode", self._toggle_assisted)
        self.big_mode.setObjectName("btn_big_mode")
        for b in (self.proxy_btn, self.big_mode):
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            switches.addWidget(b)
        add_layout(self.root, switches)
        self.retranslate()

    def resizeEvent(self, event: object) -> None:
        """The ways side by side in landscape, one under another in portrait; then fit."""
        self.ways.set_columns(self._columns())
        self._place_switches()
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()

    def showEvent(self, event: object) -> None:
        """Shown at last: fit the ways to the room the screen really has."""
        super().showEvent(event)  # type: ignore[arg-type]
        self._place_switches()
        self._fit()

    def _place_switches(self) -> None:
        # A page just made is not yet as wide as the stack it is shown in: use the
        # stack's width, or the two buttons would stack for a moment and grow the window.
        host = self.parentWidget()
        width = host.width() if host is not None else self.width()
        room = width - self.root.contentsMargins().left() * 2
        keys = self._switch_keys()
        shown = [b for b in (self.proxy_btn, self.big_mode) if not b.isHidden()]
        # Side by side in their words; else in their short words (large text on a small
        # panel: one row of buttons, not two, leaves the ways their room); else stacked.
        side = False
        for short in ("", ".short"):
            for b, key in zip((self.proxy_btn, self.big_mode), keys, strict=True):
                b.setText(self.t(key + short))
            need = sum(b.sizeHint().width() for b in shown)
            side = need + self._switches.spacing() * (len(shown) - 1) <= room
            if side:
                break
        if not side:
            for b, key in zip((self.proxy_btn, self.big_mode), keys, strict=True):
                b.setText(self.t(key))
        self._switches.setDirection(
            QBoxLayout.Direction.LeftToRight if side else QBoxLayout.Direction.TopToBottom
        )

    def _switch_keys(self) -> tuple[str, str]:
        """The proxy switch's and the mode switch's texts now (long forms)."""
        proxy = "identify.proxy.self" if whose_identity(self) else "identify.proxy"
        assisted = self.core.sessions.current.assisted
        return proxy, "apply.std_mode" if assisted else "apply.big_mode"

    def _fit(self) -> None:
        """The ways fitted (:meth:`_fit_once`), and once more if the page's last layout
        pass left them less room than they were fitted in (a new 字号's bars settle
        after the page: the tiles' names were cut at 4/4 on 1280x800)."""
        self._fit_once()
        self._activate()
        self.ways.relayout()
        if not self.ways.fits():
            self._fit_once()

    def _fit_once(self) -> None:
        """Each way with its explanation if they all fit on one page, else in its few
        words; the question in a heading's size rather than a title's (still large) and
        then smaller before the ways go without either (try-out 10, E8: 长辈模式 at 字号
        4/4 on 1280x800 kept only the titles, and "staff will check it later" was said
        only after the choice); without, the last resort before pages.

        Pages are the last resort; the card's explanation is also the line above the
        tiles, and tapping the QR way says its explanation in the message line.
        """
        self._reserve_message_room()
        for tile in self.tiles.values():
            if tile.title.styleSheet():
                tile.title.setStyleSheet("")  # the tiles' own title size first
        # The tiles keep the room of every way their words may read and the message
        # line the room of every fault's words, healthy or not: a fault (or a repair)
        # fits the page as it was fitted, and nothing moves (try-out 10, C5; 13, E4).
        if self._fit_question(("full", "short")):
            return
        # The ways' names in smaller type, down to the body's (bold, still over their
        # few words), before they go without: at 字号 4/4 on 1280x800 in 长辈模式 the
        # short words lacked ~5 px under two-line names.
        t = self.ctx.tokens()
        for px in range(t.px(t.tile_px) - 2, t.px(t.body_px) - 1, -2):
            for tile in self.tiles.values():
                tile.title.setStyleSheet(f"font-size: {px}px;")
            if self._ways_fit(("short",)):
                return
        for tile in self.tiles.values():
            tile.title.setStyleSheet("")
        if self._fit_question(("none",)):
            return
        # Without explanations but 手工输入's few words (its consequence, E5), in smaller
        # names still before pages (a proxy's step at 4/4 on 1280x800 in English).
        for px in range(t.px(t.tile_px) - 2, t.px(t.body_px) - 1, -2):
            for tile in self.tiles.values():
                tile.title.setStyleSheet(f"font-size: {px}px;")
            if self._ways_fit(("none",)):
                return

    def _fit_question(self, explains: tuple[str, ...]) -> bool:
        """The question in the largest type in which the ways fit, explained as the
        first of ``explains`` that fits ("full", "short" or "none")."""
        for w in (self.heading, self.anim):
            if w.styleSheet():
                w.setStyleSheet("")  # its role's size again, the first to try
        # (the question's role, a proxy step's role): smaller type before fewer ways.
        for heading, step in (("title", "heading"), ("heading", "heading"), ("heading", "body")):
            for w, role in ((self.heading, heading), (self.step, step)):
                if w.property("role") != role:
                    set_role(w, role)
            if self._ways_fit(explains):
                return True
        # Last, the question (and the reader's prompt under it, never the larger) in
        # smaller type still, never under the answers' body size: 长辈模式's larger headings
        # wrapped "…who you are" onto a second line at 字号 4/4 in English on 1280x800,
        # and the ways went below the fold.
        t = self.ctx.tokens()
        for px in range(t.px(t.heading_px) - 2, t.px(t.body_px) - 1, -2):
            for w in (self.heading, self.anim):
                w.setStyleSheet(f"font-size: {px}px;")
            if self._ways_fit(explains):
                return True
        return False

    def _ways_fit(self, explains: tuple[str, ...]) -> bool:
        """Whether the ways fit on one page under the question as it is now, with their
        explanations as the first of ``explains`` that fits."""
        self._fit_message_room()  # a message in the question's room, no taller
        # The ways' room for this size of question and message, now: their new type
        # reaches the layouts they sit in by posted events, too late for this measure.
        for w in (self.heading, self.step, self.anim, self.status, self._top, self._message):
            w.updateGeometry()
        for lay in (self._top.layout(), self._slot, self.root):
            lay.invalidate()
        self._activate()
        t = self.ctx.tokens()
        for explain in explains:
            for key, tile in self.tiles.items():
                # 手工输入 always says its consequence (需到窗口核验), in its few words at
                # least: read before it is chosen (try-out 13, E5).
                said = "short" if explain == "none" and key == "identify.manual" else explain
                tile.sub.setVisible(said != "none")
                tile.use_short(said == "short")
                tile.sub.set_alternatives(self._kept.get(key, ([], []))[said == "short"])
            self.ways.relayout()
            # A proxy's step squeezed under the body size does not count as fitting: the
            # question gives way first (a step is a heading too).
            step_ok = self.step.isHidden() or self.step.shown_px() >= t.px(t.body_px)
            # Nor a question squeezed under its wrapped lines' height (cut through).
            q = self.heading
            whole = q.height() >= q.heightForWidth(q.width())
            if self.ways.fits() and step_ok and whole:
                return True
        return False

    def _activate(self) -> None:
        """Lay the page out now, down to the question's lines and the ways' area.

        The root's pass only sizes its own children: the layouts inside them (the
        question's, the pager's) follow on their resize events, which a hidden page
        defers until it is shown, or on a posted request when the slot kept its
        height: after this fit's measures. A page made for a new 字号 then measured
        a question still 640 px wide over ways in a 640x480 area (its first size)
        and chose ways without explanations on a page that had room for them; only a
        later fit put them back (closing note 31: 放置证件 and 电子证照二维码 at 4/4).
        """
        self.root.activate()
        for lay in (self._slot, self._top.layout(), self._message.layout(), self.ways.layout()):
            if lay is not None:
                lay.activate()

    def _reserve_message_room(self) -> None:
        """As many lines in the message line as a tapped way's message needs here."""
        host = self.parentWidget()
        width = host.width() if host is not None else self.width()
        m = self.root.contentsMargins()
        status = self.status
        status.ensurePolished()
        sm = status.contentsMargins()
        # The message's own padding and border, in its widest role (an error's is).
        room = width - m.left() - m.right() - sm.left() - sm.right() - self.ctx.tokens().px(8)
        fm = status.fontMetrics()
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
        need = 1
        texts = [self.t(key) for key in TAPPED_MESSAGES]
        # Any way's device may fail while the citizen looks (what still works, in its
        # words): their room is kept from the start, in the question's own room
        # (_fit_message_room), so a fault moves nothing (try-out 13, E4).
        texts += [self._fault_text(list(b)) for b in ((d,) for d in WAY_DEVICES)]
        texts.append(self._fault_text(list(WAY_DEVICES)))
        texts.append(self.t("identify.card.idcard_only"))  # 放置证件 tapped meanwhile
        # A way not offered, tapped: with each set of devices out that takes it away.
        qr_out = [[Device.SCANNER, *other] for other in ([], [Device.CARD], [Device.IDCARD])]
        texts += [self._unavailable_text("identify.qr", b) for b in qr_out]
        texts.append(self._unavailable_text("identify.card", [Device.CARD, Device.IDCARD]))
        # A device's fault says what still works: its longest forms too.
        for text in texts:
            h = fm.boundingRect(QRect(0, 0, max(1, room), 100_000), flags, text).height()
            need = max(need, -(-h // max(1, fm.lineSpacing())))
        if isinstance(status, MessageLabel) and status.lines != need:
            status.lines = need
            status.updateGeometry()

    def _fit_message_room(self) -> None:
        """The message line's type as large as the body's, or smaller down to the small
        type's, while its longest words need more room than the question, the step and
        the reader's prompt it stands in for (the ways keep the room they were fitted
        in: at 长辈模式 4/4 on 1280x800 three lines of body type took the tiles' names)."""
        t = self.ctx.tokens()
        # Measured now, at the width the page gives them (a size hint may still be the
        # one of the question's type before this fit's try).
        lay = self._top.layout()
        lay.invalidate()
        host = self.parentWidget()
        m = self.root.contentsMargins()
        width = (host.width() if host is not None else self.width()) - m.left() - m.right()
        hfw = lay.hasHeightForWidth()
        room = lay.totalHeightForWidth(width) if hfw else lay.totalSizeHint().height()
        status = self.status
        for px in range(t.px(t.body_px), t.px(t.small_px) - 1, -2):
            sheet = "" if px == t.px(t.body_px) else f"font-size: {px}px;"
            if status.styleSheet() != sheet:
                status.setStyleSheet(sheet)
            self._reserve_message_room()
            if status.room() <= room:
                break
        # Its height set, not left to the stack: a question's wrapped lines reached the
        # stack's measure only after the fit, and squeezed the ways it had fitted.
        self._slot_box.setFixedHeight(max(room, status.room()))

    def _columns(self) -> int:
        """The ways side by side in landscape (as many columns as ways), else one a row."""
        shown = 3 if self._qr_offered() else 2
        return shown if self.width() > self.height() else 1

    def _show_ways(self) -> None:
        shown = [t for k, t in self.tiles.items() if k != "identify.qr" or self._qr_offered()]
        self.ways.set_columns(self._columns())
        self.ways.set_items(shown, keep_page=True)
        if self.isVisible():
            self._fit()

    def _qr_offered(self) -> bool:
        # An applicant absent from the kiosk cannot show their phone's e-ID here.
        return whose_identity(self) != "applicant"

    def enter(self) -> None:
        """Start the prompt animation and the e-ID camera; forget an earlier message."""
        self._slot.setCurrentWidget(self._top)
        self._frame = 0
        self._tick()
        self._timer.start()
        self._show_proxy()
        self._show_way_states()
        if whose_identity(self) == "applicant":
            self._show_agent_done()
            self._stop_camera()
            return  # the applicant's identity comes from their document or their number
        self._say_if_queues_closed()
        self._say_device_faults()
        svc = self._svc = identify_service(self.core)
        on_result = self.ctx.bridge.wrap(self._qr_result)
        # Taken on the GUI thread: the camera follows the order screens come and go.
        ticket = self._qr_ticket = svc.qr_ticket()
        self.work(lambda: svc.start_qr(on_result, ticket), lambda _ok: None, lambda _exc: None)

    def leave(self) -> None:
        """Stop animating and release the camera while hidden; drop an open question."""
        dismiss_choice(self)
        self._timer.stop()
        self._stop_camera()

    def _stop_camera(self) -> None:
        svc = self._svc
        if svc is not None:
            self._svc = None
            ticket, self._qr_ticket = self._qr_ticket, None
            svc.release_qr(ticket)
            self.work(lambda: svc.stop_qr(ticket), lambda _r: None, lambda _exc: None)

    _svc: IdentifyService | None = None
    _qr_ticket: int | None = None

    def _qr_result(self, result: IdentifyResult) -> None:
        # A code may arrive after this screen was left; only the live screen acts on it.
        if self.core.screen() == Screen.IDENTIFY and self._svc is not None and self.isVisible():
            self._result(result)

    def _qr_allowed(self) -> bool:
        if whose_identity(self) == "applicant":
            self._say("identify.proxy.no_qr", role="warning")
            return False
        return not choice_for(self).asking()

    def retranslate(self) -> None:
        """Refill tile texts and the mode button."""
        super().retranslate()
        self._show_way_states(fit=False)
        self.ways.set_language(self.lang)
        self._place_switches()  # their texts, long or short
        # The messages' length in this language, and the page fitted again around it: a
        # message line grown by a line after the fit squeezed the ways under their
        # names (try-out 13, E4, in English).
        self._reserve_message_room()
        if self.isVisible():
            self._fit()
        self._show_anim()
        self._show_proxy()
        if self._slot.currentWidget() is self._message and self._status_key:
            if self._status_key == FAULT_KEY:
                self._say_device_faults()
            elif self._status_key == UNAVAILABLE_KEY:
                self._say_unavailable(self._unavailable_way)
            else:
                self.status.setText(self.t(self._status_key))

    # --- proxy (代办) ------------------------------------------------------------------

    def _show_proxy(self) -> None:
        whose = whose_identity(self)
        self.proxy_btn.setVisible(self.core.nav.journey is Journey.APPLY)
        # In 长辈模式 the way out is the top bar's alone: a full-width 退出长辈模式 beside
        # 我是为他人办理 was a large, easy mis-tap that dropped large type and voice
        # mid-journey (try-out 10, E4). Offered here only to turn it on.
        self.big_mode.setVisible(not self.core.sessions.current.assisted)
        self.step.setVisible(bool(whose))
        self.heading.setVisible(not whose)  # the step says what to do, more exactly
        # The task this identity is for, in the heading: 预约取号 opened this screen with
        # nothing saying so (try-out 4, item 12a).
        prompt = IdentifyScreen.prompt_key
        if self.core.nav.journey is Journey.APPOINTMENT:
            prompt = "identify.prompt.appointment"
        # Wrapped at 字号 4/4 in portrait it left 份 alone on the second line (try-out 9,
        # E5): its last two characters go together.
        self.heading.setText(no_widow(self.t(prompt)))
        if whose:
            self.step.setText(self.t(f"identify.proxy.{whose}_step"))
        self._place_switches()
        self._show_ways()
        self.prompt_key = f"identify.proxy.{whose}_step" if whose else prompt

    def _show_agent_done(self) -> None:
        """The applicant's turn: whose identity was taken, said in the reader prompt's
        line under the step (not in the message line, which stands in for the step)."""
        self._timer.stop()
        self._show_anim()

    def _agent_done_text(self) -> str:
        agent = self.core.sessions.current.agent
        if agent is None or whose_identity(self) != "applicant":
            return ""
        return self.t("identify.proxy.agent_done", v=agent.masked_name())

    def _toggle_proxy(self) -> None:
        session = self.core.sessions.current
        session.proxy = not session.proxy
        # Starting over (or giving up proxy) forgets whoever was identified so far.
        session.agent = session.identity = None
        self.goto(self.core.screen())

    _status_key = ""

    def _tick(self) -> None:
        self._frame = (self._frame + 1) % 2
        self._show_anim()

    def _show_anim(self) -> None:
        done = self._agent_done_text()
        key = "identify.card.anim" if self._frame else "identify.card.anim2"
        self.anim.setText(done or self.t(key))

    def _say_if_queues_closed(self) -> None:
        """预约取号 out of hours: say that walk-in numbers are closed before asking for an
        identity, not after it (try-out finding); booking a later time stays open."""
        if self.core.nav.journey is not Journey.APPOINTMENT:
            return
        services = citizen_services(self.core)
        if services is None:
            return
        appts = services.appointments
        depts = appts.departments()  # in memory: the catalog's counters and their hours
        if depts and not any(appts.can_queue_now(d) for d in depts):
            self._say("identify.queue_closed", role="warning")

    # --- a way's device out of order ---------------------------------------------------

    def _broken(self) -> list[Device]:
        """The devices of the ways that cannot be used now (a camera that lost its picture
        counts: no code can be read while it reconnects)."""
        out = []
        for d in WAY_DEVICES:
            health = self.core.health(d).health
            if health is Health.FAULT or (d is Device.SCANNER and health is Health.DEGRADED):
                out.append(d)
        return out

    def _show_way_states(self, fit: bool = True) -> None:
        """Each way's tile says what it can do now: a way whose devices are all out is
        not offered (faded, its words say so), a document way with one reader out names
        only the documents the other reads (try-out 9, C6: with both readers out 放置证件
        stayed as it was, and the passport keypad took 26 taps to say the reader was out).
        """
        broken = self._broken()
        card, idcard = Device.CARD in broken, Device.IDCARD in broken
        sep = "、" if self.lang == "zh" else ", "

        def down(*devices: Device) -> str:
            names = sep.join(self.t(f"identify.fault.device.{d.value}") for d in devices)
            return self.t("identify.way.down", broken=names)

        def how(key: str) -> tuple[str, str]:
            """A way's explanation, and the same in a few words for a screen without room
            for the whole one (try-out 10, E8)."""
            return self.t(key), self.t(f"{key}.short")

        def gone(*devices: Device) -> tuple[str, str]:
            return down(*devices), self.t("identify.way.down.short")

        subs = {
            "identify.card": (
                gone(Device.CARD, Device.IDCARD)
                if card and idcard
                else how("identify.card.sub.idcard")
                if card
                else how("identify.card.sub.passport")
                if idcard
                else how("identify.card.sub")
            ),
            "identify.qr": (
                gone(Device.SCANNER) if Device.SCANNER in broken else how("identify.qr.sub")
            ),
            "identify.manual": how("identify.manual.sub"),
        }
        # Each tile keeps the room of every way its words may read, healthy or not, so
        # a fault (or a repair) changes them in place and the page is fitted as it was
        # (try-out 10, C5: a third fault took the QR tile's second line, and every tile
        # shrank ~60 px under the finger of a citizen choosing; try-out 13, E4).
        # Each as (the whole explanations, their few words): the room kept is that of
        # the form the tile shows (try-out 10, E8: short words under the whole ones'
        # room saved no room).
        kept: dict[str, tuple[list[str], list[str]]] = {key: ([], []) for key in subs}
        card_keys = [f"identify.card.sub{k}" for k in (".idcard", ".passport", "")]
        kept["identify.card"] = (
            [down(Device.CARD, Device.IDCARD), *(self.t(k) for k in card_keys)],
            [self.t("identify.way.down.short"), *(self.t(f"{k}.short") for k in card_keys)],
        )
        kept["identify.qr"] = (
            [down(Device.SCANNER), self.t("identify.qr.sub")],
            [self.t("identify.way.down.short"), self.t("identify.qr.sub.short")],
        )
        self._kept = kept
        offered = {
            "identify.card": not (card and idcard),
            "identify.qr": Device.SCANNER not in broken,
            "identify.manual": True,
        }
        changed = False
        for key, tile in self.tiles.items():
            shows_short = tile.shows_short()
            tile.sub.set_alternatives(kept[key][shows_short])
            said = (self.t(key), subs[key][0], subs[key][1])
            if self._tile_texts.get(key) != said:
                self._tile_texts[key] = said
                tile.set_texts(*said)
                tile.use_short(shows_short)  # as fitted, until fitted again
                changed = True
            if tile.isEnabled() != offered[key]:
                tile.setEnabled(offered[key])
                self._tint_icon(key, tile)
                changed = True
        if fit and changed and self.isVisible():
            self._fit()  # other words may take other room

    def _tint_icon(self, key: str, tile: Tile) -> None:
        """The pictogram in the label's colour: greyed as a disabled button's label is
        while the way is not offered (try-out 14, C10: bright white in 深色 and 高对比)."""
        t = self.ctx.tokens()
        colour = t.text if tile.isEnabled() else disabled_colours(t)[1]
        tile.set_icon(pictogram(f"identify_{key.split('.')[1]}", t.mm(16), colour))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A tap on a way not offered now says so, and what still works (a disabled
        button gives no answer at all to the finger)."""
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(watched, Tile)
            and not watched.isEnabled()
            and watched.isVisible()
        ):
            key = next((k for k, t in self.tiles.items() if t is watched), "")
            if key:
                self._say_unavailable(key)
                return True
        return super().eventFilter(watched, event)

    def _say_unavailable(self, key: str) -> None:
        self._unavailable_way = key
        self._say(UNAVAILABLE_KEY, role="warning")
        self.status.setText(self._unavailable_text(key, self._broken()))

    _unavailable_way = ""

    def _unavailable_text(self, key: str, broken: list[Device]) -> str:
        return self.t(UNAVAILABLE_KEY, way=self.t(key), ways=self._ways_left(broken))

    def _fault_text(self, broken: list[Device]) -> str:
        """What does not work, in the citizen's words, and every way that still does
        (typing the number always does)."""
        sep = "、" if self.lang == "zh" else ", "
        names = sep.join(self.t(f"identify.fault.device.{d.value}") for d in broken)
        return self.t("identify.fault", broken=names, ways=self._ways_left(broken))

    def _ways_left(self, broken: list[Device]) -> str:
        """Every way that still works with ``broken`` out, listed as a sentence says them."""
        ways = []
        card, idcard = Device.CARD not in broken, Device.IDCARD not in broken
        if card or idcard:
            which = "card" if card and idcard else "passport" if card else "idcard"
            ways.append(self.t(f"identify.fault.way.{which}"))
        if Device.SCANNER not in broken and self._qr_offered():
            ways.append(self.t("identify.fault.way.qr"))
        ways.append(self.t("identify.fault.way.manual", manual=self.t("identify.manual")))
        # "a, b, or c" in English: ", or " between every two ways took a third line at
        # 长辈模式 4/4 on the demo's 1280x800 screen, and its room cut the ways (try-out 14, E7).
        listed = self.t("identify.fault.and").join(ways[:-1])
        listed = self.t("identify.fault.or").join([w for w in (listed, ways[-1]) if w])
        return listed

    def _say_device_faults(self) -> None:
        """Say which way's device is out of order and what to do instead; once it works
        again, the words go (nothing said stays untrue)."""
        broken = self._broken()
        # All untrue once it works.
        fault_words = (FAULT_KEY, "identify.card.idcard_only", UNAVAILABLE_KEY)
        shown = self._slot.currentWidget() is self._message and self._status_key in fault_words
        if broken and not shown:
            self._reserve_message_room()
        if broken:
            self._say(FAULT_KEY, role="warning")
            self.status.setText(self._fault_text(broken))
        elif shown:
            self._status_key = ""
            self._slot.setCurrentWidget(self._top)

    def _say(self, key: str, role: str = "error") -> None:
        self._status_key = key
        self.status.setProperty("role", role)
        repolish(self.status)
        self.status.setText(self.t(key))
        self._slot.setCurrentWidget(self._message)

    # --- the three ways --------------------------------------------------------------

    def _card(self) -> None:
        if Device.CARD in self._broken():
            # The passport keypad would end in "读卡器暂时无法使用" after 26 taps (try-out 9,
            # C6); a card on the ID card reader needs no tap at all.
            self._say("identify.card.idcard_only", role="warning")
            return
        self.goto(self.core.go(Screen.MRZ_ENTRY))

    def _qr(self) -> None:
        self._say("identify.qr.sub", role="warning")

    def _manual(self) -> None:
        self.goto(self.core.go(Screen.MANUAL_ID))

    def _toggle_assisted(self) -> None:
        s = self.core.sessions
        s.set_assisted(not s.current.assisted)
        self.goto(self.core.screen())

    # --- device events (already on the GUI thread) ---------------------------------------

    def on_core_event(self, event: Event) -> None:
        """A card put on the reader opens the keypad; a QR code is checked as an e-ID.
        A reader or the camera failing (or back) says what still works."""
        if not self.isVisible():
            return
        if isinstance(event, DeviceStatusChanged):
            if event.device in WAY_DEVICES:
                self._show_way_states()
                if whose_identity(self) != "applicant":
                    self._say_device_faults()
            return
        if choice_for(self).asking():
            return  # the citizen is answering a question; a device must not answer it
        if isinstance(event, ResidentCardRead):
            # Laid on the SAM reader and read: no keypad, no typing.
            self._result(identify_service(self.core).from_resident_read(event.read))
        elif isinstance(event, CardPresence) and event.present:
            self.goto(self.core.go(Screen.MRZ_ENTRY))
        elif isinstance(event, CodeScanned) and self._qr_allowed():
            payload = event.payload
            if isinstance(payload, ScannedPayload):
                self._result(identify_service(self.core).from_payload(payload))
            elif isinstance(payload, bytes | str):
                self._say("identify.checking", role="warning")
                svc = identify_service(self.core)
                self.work(lambda: svc.from_qr(payload), self._result)

    def _result(self, result: IdentifyResult) -> None:
        if choice_for(self).asking():
            return  # an identity was just accepted; the citizen is answering the offer
        result = check_document(result, current_service(self.core))
        if result.ok and result.identity is not None:
            accept_identity(self, result.identity)
        else:
            self._say(result.message_key)
