"""Maintenance panel for technicians: sign-in, then seven pages of tools.

Reached by tapping the four screen corners clockwise (ui/widgets/corner_taps.py).
A technician signs in with their number and PIN (maintenance_signin.py); the
pages (maintenance_pages.py) show devices, the outbox, print jobs, the platform
link, logs, diagnostics export and the out-of-service switch. Every action runs
on a worker; the panel shows what came back, never personal data. Two idle
minutes sign the technician out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.diagnostics import NoDriveError
from kiosk.events import TechnicianCardPresence
from kiosk.flow import Screen
from kiosk.maintenance import Snapshot, Unapplied
from ui.layout_items import add_layout, repolish
from ui.screens.base import BaseScreen
from ui.screens.maintenance_pages import PAGES, render_page
from ui.screens.maintenance_signin import SignInView
from ui.theme import NORMAL, Tokens, mix
from ui.widgets.bar_layout import BarLayout
from ui.widgets.chosen_mark import AnswerButton
from ui.widgets.more_below import MoreBelow
from ui.widgets.tab_grid import TabGrid
from ui.widgets.touch_scroll import touch_scroll

IDLE_CHECK_MS = 5000
RESTART_CONFIRM_MS = 8000  # how long 确认重启 waits for its second tap
RESULT_LINES = 2  # room kept for the result (重启 answers one line per device)
MIN_RESULT_FONT = 0.6  # a longer result is set smaller to fit its room, not cut
# A portrait panel (1080x1920) sets the panel's type this much larger: the technician
# reads it standing at arm's length, and the page has the height for it (try-out 13, T1:
# small standard text in the top 40 %, 60 % of the screen empty).
PORTRAIT_TYPE = 1.3
# What a message is, and so how its box looks (try-out 8, T3: 测试通过, 未打印 and 本机已暂停服务
# all sat in one yellow box): "ok" done as asked, "fail" not done (or not as hoped),
# "ask" waiting for the technician's second tap, "info" working / for reading.
TONES = ("ok", "fail", "ask", "info")
# An action's words, with their tone where the action says whether it worked.
Said = str | tuple[str, str]


class _StatusBox(QWidget):
    """The signed-in name and the message box beside it, with the width it needs."""

    def __init__(self, least: Callable[[], int]) -> None:
        super().__init__()
        self.least = least

    def least_width(self) -> int:
        """What the head's bar keeps for it on a row (ui/widgets/bar_layout.py)."""
        return self.least()


class MaintenanceScreen(BaseScreen):
    """Sign-in first; then the panel."""

    screen_id = Screen.MAINTENANCE
    title_key = "maint.title"
    # The platform page tests the link when it opens, then redraws itself with the
    # result: this says that redraw is done (the tour's staging waits for it).
    link_test_finished = Signal()

    def build(self) -> None:
        """Sign-in view and the (hidden until signed in) panel."""
        self.technician: str | None = None
        self.page_id = PAGES[0]
        self.logs_problems_only = True  # the log page opens at what went wrong
        # The technician asked for the log (its page or its switch): the next reading is
        # audited as a view; redraws of the page read again without a record (K5).
        self.logs_asked = True
        self._asked = 0  # snapshots asked for, and the newest one shown
        # Jobs listed under 未打印成功 since the 打印任务 page opened: one reprinted there
        # keeps its row until the page is left (try-out 10, T2).
        self.jobs_kept: set[str] = set()
        # Actions under way that a second tap must not start again (a reprint: ``once``).
        self._running: set[str] = set()
        self.link_tested_on_open = False
        self.link_test_running = False
        self._shown = 0
        self.snapshot: Snapshot | None = None
        # A heading, not a citizen's page title: 长辈模式's titles grew for the elderly
        # (#14) and pushed the sign-in keypad under the fold at 1280x800 字号 4/4.
        self.title = self.label("maint.title", role="heading")
        self.root.addWidget(self.title)
        self.signin = SignInView(self, self._signed_in)
        self.root.addWidget(self.signin, 1)

        self.panel = QWidget()
        panel = QVBoxLayout(self.panel)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.setSpacing(self.ctx.tokens().gap())
        # Who is signed in, then the three buttons; where the row is too narrow for
        # both (portrait, English: the buttons were squeezed below their words, #14)
        # the buttons take a row of their own under the name. A result (a test's, a
        # reprint's) shows beside the name, in a box of the same fixed room: it had a
        # band of its own over the page, empty until a test ran, and the device list
        # had room for one device at 1280x800 (try-out 6). The name stays while a
        # message shows (try-out 8, T3: it went, and who was signed in with it).
        head = BarLayout()
        head.setSpacing(self.ctx.tokens().gap())
        self.status = _StatusBox(self._status_least)
        self.status.setObjectName("maint_status")
        status = QGridLayout(self.status)
        status.setContentsMargins(0, 0, 0, 0)
        self.who = QLabel()
        self.who.setTextFormat(Qt.TextFormat.PlainText)
        self.who.setObjectName("signed_in_as")
        # Two short lines (技术员 1000 / 已登录): the message beside it keeps the width.
        self.who.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        status.addWidget(self.who, 0, 0)
        status.setColumnStretch(1, 1)
        head.addWidget(self.status, 1)
        head.new_group()
        for key, slot, name in (
            ("maint.refresh", self.refresh, "btn_refresh"),
            ("maint.sign_out", self.sign_out, "btn_sign_out"),
            ("maint.exit", self.exit_panel, "btn_exit"),
        ):
            b = self.button(key, slot)
            b.setObjectName(name)
            head.addWidget(b)
        add_layout(panel, head)
        # Page buttons in rows: all seven in one where their words fit whole (1280 px
        # and wider, in Chinese: the page under them gets a row's height, try-out 10,
        # T3/T4), else in even rows (four and three), fewer a row in portrait.
        t = self.ctx.tokens()
        tabs = TabGrid(len(PAGES), t.gap())
        self.tabs: dict[str, QPushButton] = {}
        for page in PAGES:
            # The page on show is where the technician is, an answer chosen, not an
            # action: its own fill, a doubled edge and a ✓ after its word (try-out 14,
            # C17/E5: it was filled like 恢复服务, the button to press).
            b = AnswerButton()
            b.setProperty("mark_after_words", True)
            self.as_button(b, f"maint.tab.{page}", lambda p=page: self.show_page(p))
            b.setObjectName(f"tab_{page}")
            # Half a button's side padding: a tab is a word in a wide cell, and four
            # a row still fit a 1280-pixel panel with the page on show in bold (its
            # doubled edge taken from that padding: choosing moves nothing).
            side, inner = t.px(10), max(0, t.px(10) - t.outline_px)
            b.setStyleSheet(
                f"QPushButton {{ padding-left: {side}px; padding-right: {side}px; }}"
                f' QPushButton[role="primary"] {{ padding-left: {inner}px;'
                f" padding-right: {inner}px; }}"
            )
            b.setCheckable(True)
            self.tabs[page] = b
            tabs.addWidget(b)
        add_layout(panel, tabs)
        self.result = QLabel()
        self.result.setObjectName("maint_result")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Beside the name, in room of a fixed height: a result appearing (or a longer
        # one) must not push the page down under the technician's finger (try-out 4); a
        # long one is set smaller (``say``). Its room is kept while it is hidden, so
        # nothing beside it moves when a message comes or goes.
        self.tone = "info"
        keep = self.result.sizePolicy()
        keep.setRetainSizeWhenHidden(True)
        keep.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.result.setSizePolicy(keep)
        status.addWidget(self.result, 0, 1)
        self.result.hide()
        # What a page keeps above its scrolling part (the log's heading and its 问题 /
        # 全部 switch: scrolled to the log's end, the heading was cut in half, try-out 6).
        self.page_head = QWidget()
        self.page_head.setObjectName("maint_page_head")
        self.head_layout = QVBoxLayout(self.page_head)
        self.head_layout.setContentsMargins(0, 0, 0, 0)
        self.head_layout.setSpacing(self.ctx.tokens().gap())
        self.page_head.hide()
        panel.addWidget(self.page_head)
        scroll = touch_scroll(QScrollArea())
        scroll.setObjectName("maint_scroll")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The page takes the height left; its content scrolls rather than growing the window.
        scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        host = QWidget()
        self.body = QVBoxLayout(host)
        self._into = self.body  # where section() and line() add (see pin_head)
        self.body.setSpacing(self.ctx.tokens().gap())
        # No band above or under the page: the tabs' spacing already parts it from them,
        # and at 1280x800 the device list, a fault's words wrapped, needs every pixel
        # (try-out 7: its last row was cut).
        side = self.body.contentsMargins()
        self.body.setContentsMargins(side.left(), 0, side.right(), 0)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll.setWidget(host)
        panel.addWidget(scroll, 1)
        self.scroll = scroll
        # Says in words that a page goes on below its room (try-out 10, T4).
        self.more_below = MoreBelow(scroll)
        # A page that reads best from its end (the log: newest lines last) asks to be
        # kept there while its content settles (the text arrives from a worker).
        self._at_end = False
        # Other pages keep the place the technician scrolled to across redraws (a test's
        # fresh data once left the list at its end, under the finger: try-out 4).
        self._keep_at = 0
        self._restoring = False
        bar = scroll.verticalScrollBar()
        bar.rangeChanged.connect(self._range_changed)
        bar.valueChanged.connect(self._value_changed)
        # 重启 interrupts a citizen's devices, 暂停服务 / 恢复服务 change what every citizen
        # sees: the first tap asks (names the button waiting: "restart", "service"), a
        # second one acts (try-out 7: 暂停服务 acted on one tap).
        self.armed = ""
        # A change of service asked for and not confirmed ("suspend", "resume"): leaving
        # the panel then says that nothing changed (try-out 8, T1: 退出维护 after one tap
        # on 暂停服务 left a technician believing the kiosk was out of service).
        self.unconfirmed = ""
        self._disarm = QTimer(self)
        self._disarm.setSingleShot(True)
        self._disarm.setInterval(RESTART_CONFIRM_MS)
        self._disarm.timeout.connect(self._timed_out)
        self.root.addWidget(self.panel, 1)
        self.panel.hide()
        self._idle = QTimer(self)
        self._idle.setInterval(IDLE_CHECK_MS)
        self._idle.timeout.connect(self._check_idle)

    def portrait(self) -> bool:
        """A panel taller than wide: one device a row, the type a size up."""
        window = self.window()
        return window.height() > window.width()

    def type_px(self, role: str) -> int:
        """The panel's type size for ``role`` ("body", "small", "heading"): the theme's;
        in portrait at least PORTRAIT_TYPE times the standard theme's (长辈模式's type is
        already larger: not grown again, its buttons would not hold their words)."""
        t = self.ctx.tokens()
        sizes = {"body": "body_px", "small": "small_px", "heading": "heading_px"}
        base = float(getattr(t, sizes[role]))
        if self.portrait():
            base = max(base, getattr(NORMAL, sizes[role]) * PORTRAIT_TYPE)
        return t.px(base)

    def _type_for(self) -> str:
        """The panel's sheet for the window's orientation (landscape: the theme's own)."""
        t = self.ctx.tokens()
        if self.type_px("body") <= t.px(t.body_px):
            return ""  # landscape, or 长辈模式's type: the theme's own, as it was
        return (
            f"QWidget {{ font-size: {self.type_px('body')}px; }}"
            f' QLabel[role="muted"] {{ font-size: {self.type_px("small")}px; }}'
            f' QLabel[role="heading"] {{ font-size: {self.type_px("heading")}px; }}'
        )

    def _panel_type(self) -> None:
        """The panel's type for the window's orientation."""
        sheet = self._type_for()
        if self.panel.styleSheet() != sheet:
            self.panel.setStyleSheet(sheet)

    def _status_least(self) -> int:
        """The least width the head's bar gives the name and the message: the name and
        about 16 characters of body type in portrait, where the buttons take a row of
        their own short of that (in English the message was set in 10-pixel type);
        landscape keeps one row (its height is the page's), the message what is left."""
        t = self.ctx.tokens()
        chars = 16 if self.portrait() else 0
        return self.who.sizeHint().width() + t.gap() + chars * self.type_px("body")

    def enter(self) -> None:
        """A technician card already in its reader goes straight to its PIN. A change of
        service dropped unconfirmed when the last technician was signed out is said."""
        number = self.core.technician_card
        if self.technician is None and number is not None and not self.signin.has_card():
            self.signin.card_inserted(number)
        last = self.core.maintenance_ops().unapplied
        if last is not None and self.technician is None and self.signin.error.isHidden():
            what = self.t(f"maint.unapplied.{last.change}.{last.why}")
            self.signin.notice(self.t("maint.unapplied.last", what=what))

    def leave(self) -> None:
        """Leaving the screen ends the signed-in view (the core signs the technician out
        in ``leave_maintenance``); nothing typed survives. The window also re-enters the
        screen on device events, so this happens here, not in ``enter``."""
        if self.technician is not None:
            self._signed_out()
        self.signin.reset()

    def stage_signed_in(self, technician: str, page: str, snapshot: Snapshot) -> None:
        """Show ``page`` for a signed-in ``technician`` at once (the tour's screenshots)."""
        self._show_panel(technician)  # no fetch on a worker: the snapshot is given
        self.page_id = page
        self._mark_tab(page)
        self._got_snapshot(snapshot)

    def retranslate(self) -> None:
        """Texts, and the page in the new language."""
        super().retranslate()
        self.signin.retranslate()
        if self.technician is not None:
            self.who.setText(self.t("maint.signed_in", number=self.technician))
            self._render()
            self._style_result()
            self._fit_result()

    # --- sign-in / out ----------------------------------------------------------------

    def _signed_in(self, technician: str) -> None:
        self.logs_problems_only = True
        self._show_panel(technician)
        self.show_page(PAGES[0])
        if self.core.maintenance_ops().out_of_service:
            # Signed in to a paused kiosk, the panel opened on 设备 with no word of it;
            # only the service page said so (try-out 9, T5: paused yesterday, forgotten).
            tab = self.t("maint.tab.service_paused")
            self.say(self.t("maint.paused_at_sign_in", tab=tab), "fail")

    def _show_panel(self, technician: str) -> None:
        self.technician = technician
        self.who.setText(self.t("maint.signed_in", number=technician))
        self.signin.hide()
        self.title.hide()  # the window title says it; the page needs the height
        self.panel.show()
        self.say("")
        self._idle.start()

    def _signed_out(self, notice: str = "") -> None:
        self.technician = None
        self.unconfirmed = ""
        self.disarm(redraw=False)
        self._idle.stop()
        self.panel.hide()
        self.title.show()
        self.signin.reset(notice)
        self.signin.show()

    def sign_out(self) -> None:
        """The technician leaves; the sign-in pad comes back."""
        if self._hold_before_leaving("maint.sign_out"):
            return
        ops = self.core.maintenance_ops()
        self.work(ops.sign_out, lambda _none: None)
        self._signed_out()

    def exit_panel(self) -> None:
        """Sign out (the core does, on a worker) and hand the kiosk back to citizens."""
        if self._hold_before_leaving("maint.exit"):
            return
        if self.technician is not None:
            self._signed_out()
        self.core.leave_maintenance()
        self.goto(self.core.screen())

    def _hold_before_leaving(self, button: str) -> bool:
        """A change of service asked for and not confirmed: keep the technician, on the
        service page with its confirm button waiting (no time limit now), and say
        plainly that nothing changed; the same ``button`` tapped again leaves. True when
        held."""
        what, self.unconfirmed = self.unconfirmed, ""  # asked once: the next tap leaves
        if not what or self.technician is None:
            return False
        snap = self.snapshot
        if snap is not None and snap.out_of_service == (what == "suspend"):
            return False  # it is as asked after all
        self.core.maintenance_ops().gate.touch()
        self.page_id = "service"
        self._mark_tab("service")
        self._keep_at = 0
        self.armed = "service"
        self._disarm.stop()
        self._render()
        self.say(self.t(f"maint.leave_{what}_pending", leave=self.t(button)), "fail")
        return True

    def hideEvent(self, event: object) -> None:
        """Hidden (window closed, screen left): no idle checks until shown again."""
        self._idle.stop()
        super().hideEvent(event)  # type: ignore[arg-type]

    def showEvent(self, event: object) -> None:
        """Shown again with a technician signed in: idle checks resume."""
        if self.technician is not None:
            self._idle.start()
        super().showEvent(event)  # type: ignore[arg-type]

    def _check_idle(self) -> None:
        if not self.isVisible():
            return
        ops = self.core.maintenance_ops()
        self.work(ops.gate.idle_expired, self._idle_answer)

    def _idle_answer(self, expired: bool) -> None:
        if expired and self.technician is not None:
            what = self._drop_unconfirmed("idle")
            # Nobody has touched the panel for two minutes: the kiosk goes back to
            # citizens as it truly is (serving, or still 暂停服务), not left on a sign-in
            # pad that serves no one (#14, 3: so it stayed when no change was pending).
            # A change dropped unconfirmed is said on the sign-in page the next time.
            self._signed_out(f"maint.unapplied.{what}.idle" if what else "maint.idle_out")
            self.core.leave_maintenance()
            self.goto(self.core.screen())

    def _drop_unconfirmed(self, why: str) -> str:
        """The panel signs its technician out (``why``: "idle", "card_removed") with a
        change of service asked for and not confirmed: it is dropped, never made, and
        logged in words (try-out 8, T1: both exits signed out silently, the technician
        believing the kiosk paused). Returns the change ("suspend", "resume"), or ""."""
        what, self.unconfirmed = self.unconfirmed, ""
        technician = self.technician
        ops = self.core.maintenance_ops()
        if not what or technician is None or ops.out_of_service == (what == "suspend"):
            return ""  # nothing asked, or it is as asked after all
        ops.unapplied = Unapplied(what, why)  # for the sign-in page, at once
        self.work(lambda: ops.change_not_applied(what, why, technician), lambda _none: None)
        return what

    def on_core_event(self, event: object) -> None:
        """A technician card arriving asks for its PIN; leaving ends a card session.
        Device changes refresh the Devices page."""
        if isinstance(event, TechnicianCardPresence):
            if event.number is not None and self.technician is None:
                self.signin.card_inserted(event.number)
            elif event.number is None:
                self.signin.card_removed()
                if self.technician is not None:
                    self.work(self.core.maintenance_ops().card_removed, self._card_answer)
            return
        if self.technician is not None and self.page_id == "devices":
            self.refresh()

    def _card_answer(self, ended: bool) -> None:
        if ended and self.technician is not None:
            # The technician is here (the card just left their hand): the sign-in page
            # tells them, and the kiosk stays as it is until they leave the panel.
            what = self._drop_unconfirmed("card_removed")
            self._signed_out(f"maint.unapplied.{what}.card_removed" if what else "maint.card_out")

    # --- pages ------------------------------------------------------------------------

    def show_page(self, page: str) -> None:
        """Switch to ``page`` and fetch fresh data for it."""
        # A pause/resume asked for and not confirmed is not dropped silently by another
        # tab: the new page says it was not done (try-out 13, T3).
        left = self.unconfirmed if self.armed == "service" else ""
        snap = self.snapshot
        if left and snap is not None and snap.out_of_service == (left == "suspend"):
            left = ""  # it is as asked after all
        self.unconfirmed = ""
        self.page_id = page
        self._mark_tab(page)
        self.say("")
        self.disarm(redraw=False)
        self._keep_at = 0  # a new page opens at its top
        self.jobs_kept = set()
        self.scroll.verticalScrollBar().setValue(0)
        self.logs_asked = True
        self._render()  # at once from the last data; fresh data redraws it if it differs
        self.refresh()
        if left:
            self.say(self.t(f"maint.{left}_left"), "fail")

    def show_logs(self, problems_only: bool) -> None:
        """The log page's 问题 / 全部 switch: redraw the page with that filter."""
        self.logs_problems_only = problems_only
        self.logs_asked = True
        self.core.maintenance_ops().gate.touch()
        self._render()

    def _mark_tab(self, page: str) -> None:
        # The page on show has the chosen answer's look (its own fill, a ✓; role
        # primary marks it): a checked state alone looked the same as the others
        # (try-out 3), and 下一步's fill made it an action (try-out 14, C17/E5).
        for p, b in self.tabs.items():
            b.setChecked(p == page)
            b.setProperty("role", "primary" if p == page else "secondary")
            repolish(b)
        self._name_service_tab()

    def _name_service_tab(self) -> None:
        """While the kiosk is paused its tab says so (已暂停服务), on every page."""
        paused = self.core.maintenance_ops().out_of_service
        key = "maint.tab.service_paused" if paused else "maint.tab.service"
        tab = self.tabs["service"]
        # Measured by its longer words too: pausing must not change the tabs' rows.
        tab.setProperty("also_says", [self.t("maint.tab.service_paused")])
        tab.setText(self.t(key))

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Fetch a snapshot off the GUI thread, then render the current page (and call
        ``then``, once it is drawn)."""
        ops = self.core.maintenance_ops()
        ops.gate.touch()
        self._asked += 1
        n = self._asked

        def got(snap: Snapshot) -> None:
            self._got_snapshot(snap, n, redraw=then is not None)
            if then is not None:
                then()

        def failed(exc: BaseException) -> None:
            self.show_error(exc)
            if then is not None:
                then()

        self.work(ops.snapshot, got, failed)

    def finish_link_test(self) -> None:
        """The platform page's opening link test is over: redraw the page with its
        result, then say so (``link_test_finished``)."""
        self.link_test_running = False
        self.refresh(then=self.link_test_finished.emit)

    def _got_snapshot(self, snap: Snapshot, n: int | None = None, redraw: bool = False) -> None:
        if n is not None:
            # Workers may answer out of order: an older snapshot never replaces a newer.
            if n < self._shown:
                return
            self._shown = n
        if snap == self.snapshot and self.body.count() and not redraw:
            return  # nothing changed: no redraw (no flicker under the technician's finger)
        self.snapshot = snap
        self._render()

    def _render(self) -> None:
        self._at_end = False
        focus = self.focusWidget()
        if focus is not None and self.scroll.widget().isAncestorOf(focus):
            # Hiding the tapped (focused) button would pass focus on, and the scroll area
            # then scrolls to the next focus: the list jumped to its end (try-out 4).
            focus.clearFocus()
        self.clear_layout(self.body)
        self.clear_layout(self.head_layout)
        self.page_head.hide()
        self._panel_type()  # before the page's widgets: they measure in it
        # The log page fits its window to whole lines and snaps a flick to them; no
        # other page does.
        self.scroll.setViewportMargins(0, 0, 0, 0)
        QScroller.scroller(self.scroll.viewport()).setSnapPositionsY([])
        # The log is read from its end, older lines above: no "more below" there.
        self.more_below.wanted = self.page_id != "logs"
        self.more_below.setText(self.t("maint.more_below"))
        t = self.ctx.tokens()
        sheet = (
            f"QLabel#more_below {{ background: {t.surface}; color: {t.text};"
            f" border-top: {t.outline_px + 1}px solid {t.outline}; padding: {t.px(6)}px;"
            f" font-size: {self.type_px('small')}px; }}"
        )
        if self.more_below.styleSheet() != sheet:
            self.more_below.setStyleSheet(sheet)
        self.more_below.place()
        self._into = self.body
        if self.snapshot is not None:
            render_page(self, self.page_id, self.snapshot)
        self._name_service_tab()  # a pause or a resume just made, or the language
        # Room under the page goes to a stretch, not to the layout's top alignment: an
        # aligned layout gives each label its plain size hint, not its wrapped height,
        # and the log's last lines were cut off with free space below (try-out 5).
        self.body.addStretch(1)

    # --- helpers the pages use ----------------------------------------------------------

    def _range_changed(self, _lo: int, hi: int) -> None:
        self._restoring = True
        try:
            bar = self.scroll.verticalScrollBar()
            bar.setValue(hi if self._at_end else min(self._keep_at, hi))
        finally:
            self._restoring = False

    def _value_changed(self, value: int) -> None:
        if not self._restoring:
            self._keep_at = value  # the technician scrolled: keep this place

    def pin_head(self, on: bool) -> None:
        """Add what follows (sections, lines) above the page's scrolling part (``on``),
        or back into it; the page's redraw empties both."""
        self._into = self.head_layout if on else self.body
        if on:
            self.page_head.show()

    def say(self, text: str, tone: str = "info") -> None:
        """Show ``text`` in the result box beside the signed-in name (its room is
        reserved: nothing moves), drawn as its ``tone`` says (one of TONES)."""
        assert tone in TONES, tone
        self.result.setText(text)
        # The box is drawn only around a message: an empty yellow box sat on every page
        # until a test ran (try-out 5).
        self.result.setVisible(bool(text))
        self.tone = tone
        self.result.setProperty("tone", tone if text else "")
        self._style_result()

    def _style_result(self) -> None:
        """The box's colours for its tone, and its type size (``_fit_result``)."""
        self._fit_result()

    def _fit_result(self) -> None:
        """The status box's fixed room (RESULT_LINES lines of body type in the result's
        frame, measured the same with or without a message), and a result too long for
        it set smaller rather than cut."""
        t = self.ctx.tokens()
        body = QFont(self.who.font())
        body.setPixelSize(self.type_px("body"))
        frame = 2 * (t.px(12) + t.outline_px + 1)  # the box's padding and border
        lines = QFontMetrics(body).lineSpacing() * RESULT_LINES
        self.status.setFixedHeight(lines + frame)
        text = self.result.text()
        # The name's column and the gap beside it; where that leaves the message less than
        # a dozen characters a line (长辈模式 in English at 1280x800), the message takes
        # the name's place while it shows, as it did before.
        beside = self.who.sizeHint().width() + self.status.layout().horizontalSpacing()
        width = self.status.width() - beside - frame
        narrow = width < 12 * self.type_px("body")
        self.who.setVisible(not (narrow and text))
        if narrow and text:
            width += beside
        size = self.type_px("body")
        if text and width > 0:
            flags = int(Qt.TextFlag.TextWordWrap)
            least = size * MIN_RESULT_FONT
            while size > least:
                need = QFontMetrics(body).boundingRect(0, 0, width, 100_000, flags, text)
                if need.height() <= lines:
                    break
                size = max(1, int(size * 0.9))
                body.setPixelSize(size)
        sheet = tone_sheet(t, self.tone if text else "")
        if size != self.type_px("body"):
            sheet += f"QLabel {{ font-size: {size}px; }}"
        if self.result.styleSheet() != sheet:
            self.result.setStyleSheet(sheet)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A new width may fit the result at another size; a turn to or from portrait
        redraws the panel in its type."""
        super().resizeEvent(event)
        if self.technician is not None and self.panel.styleSheet() != self._type_for():
            self._render()
        self._fit_result()

    def arm(self, what: str, hint: str) -> None:
        """First tap on a button that asks (``what``: "restart", "service"): say what it
        does (``hint``) and wait for a second tap."""
        self.core.maintenance_ops().gate.touch()
        self.armed = what
        self._disarm.start()
        if what == "service" and self.snapshot is not None:
            self.unconfirmed = "resume" if self.snapshot.out_of_service else "suspend"
        self._render()  # the same button, now saying 确认… (in place)
        self.say(self.t(hint), "ask")

    def confirmed(self) -> None:
        """The second tap: the change asked for is being made."""
        if self.armed == "service":
            self.unconfirmed = ""
        self.disarm(redraw=True)

    def _timed_out(self) -> None:
        """No second tap in time: the button asks again, and the box says that nothing
        was done (it emptied, and a technician who had looked away read nothing)."""
        what = self.armed
        self.disarm(redraw=True)
        if what == "restart":
            self.say(self.t("maint.restart_not_done"), "fail")
        elif what == "service" and self.unconfirmed:
            self.say(self.t(f"maint.{self.unconfirmed}_not_done"), "fail")

    def disarm(self, redraw: bool = True) -> None:
        """No second tap in time (or the page changed): the button goes back to asking."""
        self._disarm.stop()
        if self.armed:
            self.armed = ""
            if redraw:
                self._render()
                self.say("")

    def scroll_to_end(self) -> None:
        """Show the end of the page (and keep it there as the layout settles)."""
        self._at_end = True
        bar = self.scroll.verticalScrollBar()
        bar.setValue(bar.maximum())

    def section(self, key: str, **fields: object) -> None:
        """A heading in the page body (``fields`` fill its placeholders)."""
        w = QLabel(self.t(key, **fields))
        w.setTextFormat(Qt.TextFormat.PlainText)
        w.setProperty("role", "heading")
        self._into.addWidget(w)

    def line(
        self,
        text: str,
        name: str = "",
        sub: str = "",
        sub_name: str = "",
        into: QLayout | None = None,
    ) -> QHBoxLayout:
        """A row of plain text (buttons can be added to the returned layout); ``sub``, a
        second, muted line under the text in the same row (beside the row's button);
        ``into``, a layout of the page's own (a grid) rather than the page's column."""
        host = QWidget()
        row = QHBoxLayout(host)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(self.ctx.tokens().gap())
        w = QLabel(text)
        w.setWordWrap(True)
        w.setTextFormat(Qt.TextFormat.PlainText)
        if name:
            w.setObjectName(name)
        if sub:
            words = QVBoxLayout()
            words.setSpacing(0)
            words.addWidget(w)
            under = QLabel(sub)
            under.setWordWrap(True)
            under.setTextFormat(Qt.TextFormat.PlainText)
            under.setProperty("role", "muted")
            under.setObjectName(sub_name)
            words.addWidget(under)
            add_layout(row, words, 1)
        else:
            row.addWidget(w, 1)
        (into or self._into).addWidget(host)
        return row

    def action(
        self,
        key: str,
        name: str,
        job: Callable[[], Any],
        done: Callable[[Any], Said],
        busy: str = "maint.working",
        row: QHBoxLayout | None = None,
        once: str = "",
    ) -> QPushButton:
        """A button that runs ``job`` on a worker and shows ``done(result)``; with
        ``once``, a tap while the job named so is still running does nothing."""
        b = QPushButton(self.t(key))
        b.setObjectName(name)
        b.clicked.connect(lambda _=False: self.run_action(job, done, busy, once))
        if row is not None:
            row.addWidget(b)
        else:
            self._into.addWidget(b)
        return b

    def run_action(
        self, job: Callable[[], Any], done: Callable[[Any], Said], busy: str, once: str = ""
    ) -> None:
        """Show ``busy``, run the job off the GUI thread, then its result and fresh data.
        ``once``: the job's name while it runs; asked again meanwhile, it is not started
        twice (a double tap on 补打 printed two copies)."""
        self.core.maintenance_ops().gate.touch()
        if once and once in self._running:
            return
        if once:
            self._running.add(once)
        self.say(self.t(busy))

        def failed(exc: BaseException) -> None:
            self._running.discard(once)
            self.show_error(exc)

        def finished(result: Any) -> None:
            self._running.discard(once)
            said = done(result)
            if isinstance(said, tuple):
                self.say(*said)
            else:
                self.say(said)
            self.refresh()

        self.work(job, finished, failed)

    def show_error(self, exc: BaseException) -> None:
        """Failures show in the panel's result line, in words a technician can act on."""
        key = "maint.no_drive" if isinstance(exc, NoDriveError) else "common.error"
        self.say(self.t(key), "fail")


def tone_sheet(t: Tokens, tone: str) -> str:
    """The result box's look for ``tone``: a green edge on a green tint for done, the
    danger colour's edge on the warning tint for not done, the yellow box for a
    question, a plain outlined box for working / information. The words say it too
    (已打印, 未打印 …): colour is never the only sign."""
    pad = f"padding: {t.px(12)}px; border-radius: {t.radius_px}px;"
    edge = f"{t.outline_px + 1}px solid"
    if tone == "ok":
        look = f"background: {mix(t.surface, t.ok, 0.12)}; color: {t.text}; border: {edge} {t.ok};"
    elif tone == "fail":
        look = f"background: {t.warning_bg}; color: {t.warning_text}; border: {edge} {t.danger};"
    elif tone == "ask":
        look = f"background: {t.warning_bg}; color: {t.warning_text}; border: {edge} {t.outline};"
    elif tone == "info":
        look = f"background: {t.surface}; color: {t.text}; border: {edge} {t.outline};"
    else:
        return ""
    return f"QLabel {{ {look} {pad} }}"
