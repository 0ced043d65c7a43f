"""Helpers shared by the apply journey's screens (identify ... submitted)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.catalog import Service
from kiosk.core import KioskCore
from kiosk.events import CardPresence, Device, Event, Health, ResidentCardLifted
from kiosk.flow import Screen
from kiosk.identity import DocumentType, IdentitySource
from kiosk.resident_identity import read_by_sam_reader
from kiosk.services.apply import capturable_materials
from ui.layout_items import repolish
from ui.screens.base import BaseScreen
from ui.theme import Tokens
from ui.widgets.fit_heading import FitHeading
from ui.widgets.fit_keys import heading_floor_px


def identified_text(screen: BaseScreen) -> str:
    """Who this session identified, masked, and how: "已识别（部分隐去）：王*明 · 电子证照",
    or "" when no one was (try-out 6, 16). A typed identity says 身份信息, never 已识别."""
    ident = screen.core.sessions.current.identity
    if ident is None:
        return ""
    manual = ident.source is IdentitySource.MANUAL
    return screen.t(
        "identified.manual" if manual else "identified",
        name=ident.masked_name(),
        doc=screen.t(f"doctype.{ident.document_type.value}"),
        src=screen.t(f"form.from_id.{ident.source.value}"),
    )


def forget_identity(screen: BaseScreen) -> None:
    """不是我: the identity read is dropped and the citizen is back at identification,
    told so in words (a document still on the reader is to be taken away)."""
    core = screen.core
    session = core.sessions.current
    session.identity = None
    session.agent = None
    session.form_values.clear()  # starting values taken from that identity (an address)
    while core.nav.screen != Screen.IDENTIFY and core.nav.screen != Screen.HOME:
        core.back()
    screen.goto(core.screen())
    screen.ctx.show_notice(screen.t("identified.forgotten"))


def take_back_key(core: KioskCore) -> str:
    """The reminder to take the document read in this session, or "" if none was read.

    A card on the SAM reader (it may still lie there) is 身份证 for a resident card; any
    other document read by its chip (a passport, a permit) is 证件. An e-ID on a phone or
    a typed number leaves nothing behind. Try-out 6, 17: the queue ticket and the booking
    never said it, though the passport had been put on the reader for them.
    """
    s = core.sessions.current
    read = [i for i in (s.identity, s.agent) if i is not None]
    if any(i.document_type is DocumentType.RESIDENT_ID and read_by_sam_reader(i) for i in read):
        return "idcard.take_back"
    if any(i.source is IdentitySource.CHIP for i in read):
        return "end.take.card"
    return ""


TAKEN_KEY = "submitted.document_taken"  # 证件已取走


def document_taken(core: KioskCore) -> bool:
    """Whether this session's document was seen leaving its reader."""
    return core.sessions.current.document_taken


def mark_document_taken(core: KioskCore) -> None:
    """This session's document left its reader."""
    core.sessions.current.document_taken = True


def document_left(core: KioskCore, event: Event) -> bool:
    """Whether ``event`` says the document this session asks back left its reader (then
    the session knows it too): the card on the SAM reader, whose presence check runs from
    the card's read to the end of the session (kiosk/card_watch.py, which has marked the
    session by the time the news comes), or a document on the chip reader, which reports
    its removal. The receipt, the ticket and the booking each had a copy of this watch."""
    key = take_back_key(core)
    if key == "idcard.take_back":
        return isinstance(event, ResidentCardLifted) and document_taken(core)
    if key and isinstance(event, CardPresence) and not event.present:
        mark_document_taken(core)
        return True
    return False


def current_service(core: KioskCore) -> Service | None:
    """The service chosen in this session, if any."""
    sid = core.sessions.current.service_id
    return core.catalog.by_id(sid) if sid else None


def whose_label(tokens: Tokens) -> FitHeading:
    """A hidden heading naming whose identity a proxy step asks for (agent or applicant).

    One line whose type gives way to the docked keys below it (ui/widgets/fit_heading.py).
    """
    w = FitHeading(tokens.px(tokens.heading_px), heading_floor_px(tokens))
    w.setObjectName("whose_label")
    w.setProperty("role", "heading")
    w.hide()
    return w


class MessageLabel(QLabel):
    """A message line that always takes the room of two lines of text.

    Shown, hidden or changed, it keeps that height (longer messages still wrap on),
    so the widgets around it do not move under a finger when a message appears.
    """

    def __init__(self, lines: int = 2) -> None:
        super().__init__()
        self.lines = lines
        self.setTextFormat(Qt.TextFormat.PlainText)  # a platform's reason is text, not markup
        # The reserved height as last measured, and for how many lines: layouts ask for
        # it thousands of times a journey, and it changes only with the font.
        self._room = (0, 0)

    def _reserved(self) -> int:
        lines, room = self._room
        if not room or lines != self.lines:
            self.ensurePolished()  # hidden labels are not styled yet: their font would be wrong
            fm = self.fontMetrics()
            # Room for the style's padding and border too: the stylesheet sets them as the
            # label's contents margins. (A whole extra line for them, as before, cost the
            # pages a line of tiles at the largest text size on a small panel.)
            m = self.contentsMargins()
            # The lines measured as the label measures a wrapped text (its rounding too).
            sample = "\n".join(["中Xg"] * self.lines)
            flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
            text = fm.boundingRect(QRect(0, 0, 10_000, 10_000), flags, sample).height()
            room = text + m.top() + m.bottom()
            self._room = (self.lines, room)
        return room

    def changeEvent(self, event: QEvent) -> None:
        """A new font, style or margins (a role, a theme) is measured afresh."""
        if event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
            QEvent.Type.ContentsRectChange,
        ):
            self._room = (0, 0)
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        """At least two lines high."""
        return super().sizeHint().expandedTo(QSize(0, self._reserved()))

    def minimumSizeHint(self) -> QSize:
        """At least two lines high."""
        return super().minimumSizeHint().expandedTo(QSize(0, self._reserved()))

    def fits(self, text: str, width: int, height: int = 0) -> bool:
        """Whether ``text`` would take no more than the reserved lines at ``width`` (and
        no more than ``height``, the room the layout gave, when given)."""
        self.ensurePolished()  # measured with its role's font, padding and border
        m = self.contentsMargins()
        # The width the text is drawn in: the style's padding and border too, which the
        # margins do not hold (a boxed warning's "Printer: cover open" was measured on one
        # line and drawn on two, cut: try-out 15, E7).
        chrome = max(m.left() + m.right(), self.width() - _text_width(self))
        room = QRect(0, 0, max(1, width - chrome), 100_000)
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
        needs = self.fontMetrics().boundingRect(room, flags, text).height()
        room = min(self._reserved(), height) if height > 0 else self._reserved()
        return needs + m.top() + m.bottom() <= room

    def heightForWidth(self, width: int) -> int:
        """What a wrapped message needs, but never less than the reserved lines."""
        return max(super().heightForWidth(width), self._reserved())


def _text_width(lab: QLabel) -> int:
    """The width ``lab`` draws its text in now: inside its frame, margin and indent (as
    QLabel does, and ui/clipping.py measures)."""
    width = lab.contentsRect().width() - 2 * lab.margin()
    indent = lab.indent()
    if indent < 0 and lab.frameWidth() > 0:
        indent = lab.fontMetrics().horizontalAdvance("x") // 2
    align = lab.alignment()
    if indent > 0:
        width -= indent * sum(
            bool(align & a) for a in (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight)
        )
    return width


def message_label(name: str, role: str = "error", lines: int = 2) -> QLabel:
    """A hidden word-wrapped label for calm error or status messages.

    Its room is kept while hidden, so nothing moves under a finger when it appears.
    """
    w = MessageLabel(lines)
    w.setObjectName(name)
    w.setProperty("role", role)
    w.setWordWrap(True)
    w.setTextFormat(Qt.TextFormat.PlainText)
    reserve_room(w)
    w.hide()
    return w


def reserve_room(w: QWidget) -> None:
    """Keep ``w``'s space in the layout while it is hidden (messages, candidate bars)."""
    policy = w.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    w.setSizePolicy(policy)


def set_role(w: QWidget, role: str) -> None:
    """Change a widget's QSS role and re-apply the stylesheet."""
    w.setProperty("role", role)
    repolish(w)


def has_documents_step(core: KioskCore) -> bool | None:
    """Whether the chosen service's application has a 材料 step (paper the camera can
    take); None before a service is chosen. The flow and the steps bar both ask this."""
    service = current_service(core)
    return None if service is None else bool(capturable_materials(service))


def skip_documents_if_nothing_to_capture(core: KioskCore) -> None:
    """Let the flow skip DOCUMENTS when the service has no paper the camera can take."""
    if not has_documents_step(core):
        core.nav.skip.add(Screen.DOCUMENTS)
    else:
        core.nav.skip.discard(Screen.DOCUMENTS)


def printer_cannot_print(core: KioskCore) -> str:
    """Why the printer cannot print now ("paper_out", "cover_open", "offline" or "error"),
    or "" while it can (or its state is not known yet): what screens say before a step
    that would print, not only after it (try-out 5, item 5)."""
    status = core.health(Device.PRINTER)
    if status.health is not Health.FAULT:
        return ""
    state = status.detail.removeprefix("printer.")
    return state if state in ("paper_out", "cover_open", "offline") else "error"
