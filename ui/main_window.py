"""The kiosk window: chrome (Back, Home, language, call staff), the screen stack,
the status line, and the idle warning.

Screens are created lazily and destroyed whenever a session ends (all but home,
which shows nothing of a citizen's) or the theme changes, so no widget can keep
showing a previous citizen's data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QHideEvent, QPointerEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import KioskCore
from kiosk.events import (
    CardPresence,
    Device,
    DeviceStatusChanged,
    Event,
    Health,
    ResidentCardLifted,
    TechnicianCardPresence,
)
from kiosk.flow import IDENTIFY_SUBSCREENS, Journey, Screen
from kiosk.heap import release_free_memory, settle_heap
from kiosk.services.staff_call import CallAnswer, LeftCall, StaffCallState
from kiosk.session import SAME_VISIT, TASK_ONLY, EndReason, IdlePhase
from ui.a11y import ASSISTED_LIMITS, NORMAL_LIMITS
from ui.bridge import GuiBridge
from ui.i18n import tr
from ui.idle_words import CALL_AFTER_END, Held, held, take_card_words
from ui.layout_items import repolish
from ui.prebuild import Prebuilder
from ui.screens.apply_common import (
    current_service,
    document_taken,
    has_documents_step,
    take_back_key,
)
from ui.screens.base import AheadStep, BaseScreen, ScreenContext
from ui.screens.home import HomeScreen
from ui.screens.registry import screen_class
from ui.tap_guard import SettleClock, TapGuard
from ui.theme import (
    ASSISTED_TEXT_STEPS,
    CONTRASTS,
    FONT_FAMILIES,
    TEXT_STEPS,
    Tokens,
    personalise,
    stylesheet,
    tokens_for,
)
from ui.widgets.bar_layout import BarLayout
from ui.widgets.corner_taps import CornerSequence, corner_of
from ui.widgets.fit_button import FitButton
from ui.widgets.fit_label import FitLabel
from ui.widgets.font_warmup import warm_font_steps
from ui.widgets.header import Header
from ui.widgets.overlay import Overlay
from ui.widgets.tile import no_widow

log = logging.getLogger(__name__)

STAFF_POLL_MS = 1000  # how often an open call-staff notice re-reads the call's state
# The bar's words for a call, by state ("staff.banner.<state>" and ".short").
STAFF_BANNER_STATES = ("waiting", "delivered", "acknowledged", "coming")
# The chip says what the hall did and never more: 工作人员已收到 after 确认收到, 工作人员正在赶来
# only once someone pressed 正在前往, and it goes when they pressed 已处理 (try-out 9, E1/K1:
# it once turned into 正在赶来 by itself, and an elderly citizen would wait for a person
# who might never come). Offline it keeps the last step heard.
# States the kiosk keeps asking about (the hall may still take a step).
STAFF_FOLLOWED = frozenset(
    {
        StaffCallState.WAITING,
        StaffCallState.DELIVERED,
        StaffCallState.ACKNOWLEDGED,
        StaffCallState.COMING,
    }
)

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)


# The apply journey's steps as the bottom bar shows them, and the step of each screen.
STEP_KEYS = (
    "steps.choose",
    "steps.identify",
    "steps.form",
    "steps.documents",
    "steps.review",
    "steps.receipt",
)
APPLY_STEPS = {
    Screen.CATALOG: 0,
    Screen.GUIDE: 0,
    Screen.IDENTIFY: 1,
    Screen.MRZ_ENTRY: 1,
    Screen.MANUAL_ID: 1,
    Screen.FORM: 2,
    Screen.DOCUMENTS: 3,
    Screen.REVIEW: 4,
    Screen.SUBMITTED: 5,
}

# The pages where the citizen has filled something in that a staff call's wait keeps
# (the call notice says so there only: try-out 15, E10).
_FILLED_IN = frozenset({Screen.FORM, Screen.DOCUMENTS, Screen.REVIEW})


def _ignore(_result: object) -> None:
    """A worker's answer nobody waits for."""


WATCH_INPUT_AFTER_MS = 200
# The bar buttons that keep their words give way in smaller type, down to this share of
# the bar's type and never below FLOOR_PX (a 1280x800 panel in 长辈模式 at 字号 4/4).
LEAST_TYPE = 0.6
FLOOR_PX = 18
# The screens most journeys pass through, in the order citizens reach them.
PREBUILD = (
    Screen.CATALOG,
    Screen.GUIDE,
    Screen.IDENTIFY,
    Screen.MANUAL_ID,
    Screen.MRZ_ENTRY,
    Screen.FORM,
    # Step 4 of every application with a paper to photograph: made on the tap, it and
    # its module's import (the viewfinder's too) took 16-28 ms of the GUI thread.
    Screen.DOCUMENTS,
    Screen.REVIEW,
    Screen.SUBMITTED,
    Screen.RATE,
    Screen.TRACK,
)
# Where a citizen who chose a service proves who they are: the form is built meanwhile.
AHEAD_OF_FORM = frozenset({Screen.GUIDE, Screen.IDENTIFY, *IDENTIFY_SUBSCREENS})


class _InputWatcher(QObject):
    """Any touch, click or key press counts as the citizen being present."""

    def __init__(
        self,
        on_input: Callable[[], None],
        parent: QObject,
        on_press: Callable[[float, float], None] | None = None,
        drops: Callable[[QEvent], bool] | None = None,
    ) -> None:
        super().__init__(parent)  # destroyed with the window, and so unhooked by Qt
        self._on_input = on_input
        self._on_press = on_press  # window coordinates of each press (technicians' corners)
        self._drops = drops  # the tap guard: a press on a control just put under it

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self._drops is not None and self._drops(event):
            return True
        if event.type() in INPUT_EVENTS:
            self._on_input()
            if self._on_press is not None and isinstance(event, QPointerEvent) and event.points():
                p = event.points()[0].position()
                self._on_press(p.x(), p.y())
        return False


class _Pages(QStackedWidget):
    """The screen stack, sized by the page on display.

    A QStackedWidget asks for the largest minimum of all its pages, hidden ones too,
    so a pre-built screen with a keyboard would make the window grow while another
    screen is shown: only the page a citizen sees may claim room.
    """

    def __init__(self) -> None:
        super().__init__()
        self.currentChanged.connect(lambda _i: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:
        """The current page's minimum."""
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        return page.minimumSizeHint().expandedTo(page.minimumSize())

    def sizeHint(self) -> QSize:
        """The current page's preferred size."""
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()


class MainWindow(QMainWindow):
    """One window for the whole kiosk."""

    # A screen has just been put on display (the demo panel moves off new controls).
    screen_shown = Signal()

    def __init__(
        self,
        core: KioskCore,
        bridge: GuiBridge | None = None,
        tap_clock: SettleClock | None = None,
    ) -> None:
        super().__init__()
        self._wanted_size: QSize | None = None  # the size last asked for (resize)
        self.core = core
        self.bridge = bridge or GuiBridge()
        # Workers outlive the window; what they answer after it is gone goes nowhere.
        self.destroyed.connect(self.bridge.close)
        self.setObjectName("kiosk_window")
        self._tokens = self._compute_tokens()
        self.ctx = ScreenContext(
            core=core,
            bridge=self.bridge,
            tokens=self.tokens,
            show=self.show_screen,
            show_notice=self.show_notice,
            before_change=self._before_change,
            notice_says=self.notice_says,
            renew=lambda w: self.tap_guard.renew(w),
            call_staff=lambda reason=None: self.call_staff(reason),
            chrome_changed=lambda: self._chrome_changed(),
            another_task=lambda: self._end_visit(EndReason.NEXT_TASK, finished=True),
        )
        self._screens: dict[Screen, BaseScreen] = {}
        self._doomed: list[BaseScreen] = []
        self._current: Screen | None = None
        self._assisted_applied = core.sessions.current.assisted
        # This citizen's text size step and contrast theme (reset when the session ends).
        self._display_prefs: tuple[int, str] = (0, "standard")
        # What the chrome shows now, so a screen change redoes only what differs.
        self._theme_gen = 0  # one more each time the style changes (fonts, sizes)
        # The style and language the display buttons' widths were measured in.
        self._fitted_gen = -1  # the style the display buttons' widths were measured in
        self._chrome_reserved_for = -1  # the style the bars' slots were measured in
        self._steps_shown: tuple[str, bool, int, int, int] | None = None
        # The steps of this citizen's application (STEP_KEYS but 材料 where the service
        # has nothing to photograph): the bar shows and numbers these (try-out 17, E6).
        self._step_keys: tuple[str, ...] = STEP_KEYS
        self._net_words: tuple[str, ...] = ()  # the network's words now, whole and short
        # 长辈模式's step chip: with the name, the short name, the step alone, its number.
        self._chip_texts: tuple[str, ...] = ()
        self._clock_lang = ""
        # Style first: every widget made from here on is polished once, not again
        # when a style or stylesheet arrives later.
        self._apply_theme()

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self._chrome_bar = self._build_chrome()
        outer.addWidget(self._chrome_bar)
        self.voice_bar = self._build_voice_bar()
        self.stack = _Pages()
        self.stack.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        outer.addWidget(self.stack, 1)
        self._status_bar = self._build_statusbar()
        outer.addWidget(self._status_bar)
        self.setCentralWidget(central)
        # Taps that land on a control a change has just put under the finger (#14).
        # tap_clock: the real clock unless a test suite brings one that looks ahead.
        self.tap_guard = TapGuard(self, self._tap_roots, self._settle_ms, tap_clock)
        self.overlay = Overlay(central, self.tokens)
        self.overlay.before_change = self._before_change
        self._corners = CornerSequence()
        self._watcher = _InputWatcher(
            self._on_input, self, self._on_press, self.tap_guard.drops_window_press
        )
        self._closed = False
        # PySide wraps each event a Python filter sees, and the first of each kind costs
        # type set-up: start after the home screen's first paint. Nobody touches a kiosk
        # that soon, and on the home screen a touch only keeps an idle session idle.
        QTimer.singleShot(WATCH_INPUT_AFTER_MS, self, self._watch_input)
        self._take_card_shown = False
        # The idle reset asked for a 居民身份证 left on the SAM reader, whose presence
        # check is watched until it is lifted or the notice closes (#14, 1).
        self._sam_card_watched = False
        self._take_card_title = ""  # the take-the-document notice's words, as shown
        self._take_card_taken = ("", "")  # and its words once the document is taken
        self._staff_state: StaffCallState | None = None
        self._staff_again = ""  # when the open call was made, once a tap asked again
        self._staff_timer = QTimer(self)
        self._staff_timer.setSingleShot(True)
        self._staff_timer.setInterval(STAFF_POLL_MS)
        self._staff_timer.timeout.connect(self._poll_staff_call)
        # The call of the citizen who just finished, still open: the home screen says it
        # (try-out 17, E1), followed as the chip is until the kiosk layer drops it.
        self._left_call: LeftCall | None = None
        # The type of the citizen whose session ended last: a left call is always theirs
        # (the kiosk layer drops an older one at each end), and home says it in that type.
        self._leaver_tokens: Tokens | None = None
        self._left_timer = QTimer(self)
        self._left_timer.setSingleShot(True)
        self._left_timer.setInterval(STAFF_POLL_MS)
        self._left_timer.timeout.connect(self._poll_left_call)
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(1000)
        self._idle_timer.timeout.connect(self.check_idle)
        self._idle_timer.start()
        self._unsubscribe = core.bus.subscribe(self.bridge.wrap(self._on_event))
        # Not wrapped: noted as the session ends, before any screen change restyles the
        # window (完成 shows the standard home at once); it only reads a reference.
        core.sessions.on_end(self._note_leaver)
        core.sessions.on_end(self.bridge.wrap(self._on_session_end))
        self._prebuilder = Prebuilder(self, self, core.executor, self.bridge, self._font_warm_steps)
        self.show_screen(core.screen())
        # Qt, the window and its first screen, set aside from the cyclic collector
        # before the first paint (kiosk/heap.py).
        settle_heap("window built")
        self.prebuild()

    # --- theme --------------------------------------------------------------------

    def tokens(self) -> Tokens:
        """The design tokens in force."""
        return self._tokens

    def _compute_tokens(self, prefs: tuple[int, str] | None = None) -> Tokens:
        d = self.core.settings.display
        base = tokens_for(self.core.sessions.current.assisted, d.theme == "dark", d.px_per_mm)
        if prefs is None:
            prefs = getattr(self, "_display_prefs", (0, "standard"))
        return personalise(base, *prefs)

    def _apply_theme(self) -> None:
        self._tokens = self._compute_tokens()
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        font.setPixelSize(self._tokens.px(self._tokens.body_px))
        self.setFont(font)
        self._use_fusion()
        self.setStyleSheet(stylesheet(self._tokens))
        self._theme_gen += 1  # measures taken in the style before are stale
        if hasattr(self, "_chrome_layout"):
            for lay in (self._chrome_layout, self._voice_layout, self._status_layout):
                lay.setSpacing(self._tokens.gap())
        self._assisted_applied = self.core.sessions.current.assisted

    @staticmethod
    def _use_fusion() -> None:
        # The same look on every desktop. A C++ style on purpose: a Python one (a
        # QProxyStyle answering layout spacing) cost ~30 ms at start-up and a Python
        # call for every metric Qt asks while laying out; layouts set their spacing
        # from the tokens instead.
        app = QApplication.instance()
        if isinstance(app, QApplication) and app.style().name().lower() != "fusion":
            app.setStyle("Fusion")

    def _drop_screens(self, keep: Screen | None = None) -> None:
        # Off screen and out of reach at once; destroyed one per event-loop turn, so
        # tearing down a dozen screens never freezes the home screen for a citizen.
        for screen, w in list(self._screens.items()):
            if screen == keep:
                continue
            if screen == self._current:
                w.leave()  # it lets go of what it holds (the camera) as if left normally
            self.stack.removeWidget(w)
            w.hide()
            self._doomed.append(w)
            del self._screens[screen]
        self._current = None
        if self._doomed:
            QTimer.singleShot(0, self, self._destroy_next)

    def _destroy_next(self) -> None:
        if self._doomed:
            self._doomed.pop().deleteLater()
            QTimer.singleShot(0, self, self._destroy_next)
        elif self.core.nav.journey is None:
            # The last screen's deletion ran in the turn before this one. With the
            # previous citizen's widgets gone and nobody mid-journey, give their freed
            # pages back to the system (kiosk/heap.py: at most once a minute). On a
            # worker: a trim takes 15-110 ms and releases the interpreter meanwhile.
            self.core.executor.submit(release_free_memory, _ignore, _ignore)

    # --- chrome -------------------------------------------------------------------

    def _build_chrome(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("chrome")
        # Two rows where one would cut the buttons' words (portrait, 字号 4/4, 长辈模式);
        # on a landscape panel their shorter words first (a row there is a keyboard's).
        lay = BarLayout(bar, self._portrait)
        lay.setSpacing(self._tokens.gap())
        self._chrome_layout = lay
        self.back_btn = self._chrome_button("btn_back", self._back)
        self.home_btn = self._chrome_button("btn_home", self._home)
        self.lang_btn = self._chrome_button("btn_lang", self._toggle_language)
        self.assist_btn = self._chrome_button("btn_assisted", self._toggle_assisted)
        # Voice controls, shown in assisted mode only.
        self.repeat_btn = self._chrome_button("btn_repeat", self._repeat)
        self.vol_down_btn = self._chrome_button("btn_volume_down", self._volume_down)
        self.vol_up_btn = self._chrome_button("btn_volume_up", self._volume_up)
        # The citizen's own display settings, in both modes.
        self.text_size_btn = self._chrome_button("btn_text_size", self._next_text_size)
        self.contrast_btn = self._chrome_button("btn_contrast", self._next_contrast)
        self.staff_btn = self._chrome_button("btn_call_staff", self.call_staff)
        top = (self.back_btn, self.home_btn, self.lang_btn, self.assist_btn, self.staff_btn)
        for b in top:
            b.peers = top
        # The bottom row's buttons in one type size too: 再听一遍 given way in smaller
        # type beside a full-size 小声 and 大声 read as another kind of button (try-out
        # 10, E7: 长辈模式 at 字号 4/4 on 1280x800).
        bottom = (
            self.text_size_btn,
            self.contrast_btn,
            self.repeat_btn,
            self.vol_down_btn,
            self.vol_up_btn,
        )
        for b in bottom:
            b.peers = bottom
        self.staff_btn.setProperty("role", "primary")
        for w in (self.back_btn, self.home_btn):
            lay.addWidget(w)
        header = self._build_header()
        lay.addWidget(header, 1)
        # In landscape the staff-call chip stands in the header's slot while a call
        # stands (see _refresh_staff_banner): the header's room, never more.
        self._top_chip = _TopStaffChip(
            header, lambda: self._tokens.px(self._tokens.body_px), self._least_text_px
        )
        self._top_chip.setObjectName("staff_banner")
        self._top_chip.setProperty("role", "step_now")
        self._top_chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._top_chip.hide()
        lay.addWidget(self._top_chip, 1)
        lay.share_room(header, self._top_chip)
        lay.new_group()
        for w in (self.lang_btn, self.assist_btn, self.staff_btn):
            lay.addWidget(w)
        return bar

    def _shrinking(self) -> list[_ChromeButton]:
        """The bar buttons that give way in smaller type, never in other words."""
        top = [self.back_btn, self.home_btn, self.lang_btn, self.assist_btn, self.staff_btn]
        voice = [self.repeat_btn, self.vol_down_btn, self.vol_up_btn]
        return [*top, *voice, self.contrast_btn, self.text_size_btn]

    def _least_text_px(self) -> int:
        """The smallest type this mode allows (ui/a11y.py: 30 px in 长辈模式)."""
        assisted = self.core.sessions.current.assisted
        return (ASSISTED_LIMITS if assisted else NORMAL_LIMITS).min_text_px

    def _bar_text_px(self) -> int:
        """The least type the top bar's centre name and clock stack in (Header's
        ``grown``): the page's small type at the citizen's 字号 in standard mode (its
        own least, 16 px, left them the smallest text on the screen at 字号 4/4, try-out
        12, N7); in 长辈模式 its least, 30 px, is the page's body type's least already."""
        if self.core.sessions.current.assisted:
            return 0
        return self._tokens.px(self._tokens.small_px)

    def _portrait(self) -> bool:
        """Taller than wide: the bars have height to spare for a second row."""
        return self.height() > self.width()

    def _elder_portrait(self) -> bool:
        """长辈模式 on a portrait panel: the bottom bar's rows fixed (see _build_statusbar)."""
        return self._portrait() and self.core.sessions.current.assisted

    def _build_header(self) -> QWidget:
        # The centre's name and today's date and time; never widens the window, and
        # never makes the bar taller than its buttons (one line where two would).
        header = Header(
            lambda: self.lang_btn.sizeHint().height(),
            lambda: self._tokens.gap(),
            self._portrait,
            # The name's and the clock's own type (their roles body and muted).
            lambda: (self._tokens.px(self._tokens.body_px), self._tokens.px(self._tokens.small_px)),
            self._least_text_px,
            # Hidden only on the technicians' panel, with every other citizens' button.
            lambda: not self.lang_btn.isHidden(),
            self._bar_text_px,
        )
        self.header = header
        self.centre_label = header.centre
        self.clock_label = header.clock
        for w in (self.centre_label, self.clock_label, header.hall):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._clock_shown = ""
        return header

    def _tick_clock(self) -> None:
        lang = self.core.sessions.current.language
        now = self.core.hall_clock().astimezone()  # the time tickets are issued by

        def parts(g: str) -> dict[str, object]:
            return {
                "year": now.year,
                "mon": tr("header.months", g).split()[now.month - 1],
                "day": now.day,
                "weekday": tr(f"appt.weekday.{now.weekday()}", g),
                "time": f"{now:%H:%M}",
            }

        text = tr("header.clock", lang, **parts(lang))
        if text != self._clock_shown:
            self._clock_shown = text
            # Without the year, then the time alone, where the bar is narrow.
            short = tr("header.clock.short", lang, **parts(lang))
            self.clock_label.set_texts(text, short, f"{now:%H:%M}")
            # Room for the date in either language (in landscape: Header.least_width).
            both = [tr("header.clock.short", g, **parts(g)) for g in ("zh", "en")]
            self.header.reserve_dated(both)

    def _build_steps(self) -> QWidget:
        # Where the citizen is in an application: 选择事项 → 身份核验 → ... → 回执.
        host = _StepsBar(self._portrait)
        host.on_resize = self._fit_steps
        host.setObjectName("steps_bar")
        row = QHBoxLayout(host)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(self._tokens.px(6))
        # Never wider than the window leaves it (the labels clip before the window grows).
        host.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.step_labels: list[FitLabel] = []
        self.step_arrows: list[QLabel] = []
        for i, _key in enumerate(STEP_KEYS):
            if i:
                arrow = QLabel("→")
                arrow.setTextFormat(Qt.TextFormat.PlainText)
                arrow.setProperty("role", "muted")
                row.addWidget(arrow)
                self.step_arrows.append(arrow)
            lab = FitLabel(keep_least=True)  # its number at least, never nothing
            lab.setObjectName(f"step_{i}")
            row.addWidget(lab)
            self.step_labels.append(lab)
        row.addStretch(1)
        host.hide()
        return host

    def _refresh_steps(self, screen: Screen) -> None:
        lang = self.core.sessions.current.language
        at = APPLY_STEPS.get(screen) if self.core.nav.journey == Journey.APPLY else None
        if at is not None and screen == Screen.GUIDE:
            # A counter-only service's guide sends the citizen to 预约取号: the steps of
            # an application here (身份核验 … 回执) are steps it will never have, so no
            # bar promises them (try-out 10, C6).
            service = current_service(self.core)
            if service is not None and not service.at_kiosk:
                at = None
        if at is None:
            self.steps_bar.setVisible(False)
            # The steps as they will read, hidden: the room the bar leaves the kiosk's
            # name is theirs (share_room), in this language, mode and type, from the
            # first home screen on.
            self._set_steps(lang, 0, STEP_KEYS)
            self.kiosk_label.setVisible(True)
            return
        # A service with nothing to photograph has no 材料 step: the flow skips it, and
        # the bar neither shows nor counts it (第3步 填写 was followed by 第5步 确认).
        keys = STEP_KEYS
        if has_documents_step(self.core) is False and screen != Screen.DOCUMENTS:
            keys = tuple(k for k in STEP_KEYS if k != "steps.documents")
        # The labels first, the bar shown after: each label shown or hidden in a bar
        # on screen lays out the whole window again (Qt activates every layout up to
        # it), 11 times on the first step of the first application, ~20 ms.
        self._set_steps(lang, keys.index(STEP_KEYS[at]), keys)
        self.kiosk_label.setVisible(False)
        self.steps_bar.setVisible(True)

    def _set_steps(self, lang: str, at: int, keys: tuple[str, ...]) -> None:
        # 长辈模式: only the step the citizen is on, as "第2步 身份核验" (large type, no room).
        # ``at``: the place in ``keys``, this application's steps; the labels past them
        # (and their arrows) are hidden.
        brief = self.core.sessions.current.assisted
        shown = (lang, brief, at, self._theme_gen, len(keys))
        if shown == self._steps_shown and keys == self._step_keys:
            return  # the same step as before: every label already says so
        self._steps_shown = shown
        self._step_keys = keys
        n = len(keys)
        for i, arrow in enumerate(self.step_arrows):
            arrow.setVisible(not brief and i + 1 < n)  # the arrow before label i + 1
        for lab in self.step_labels[n:]:
            lab.setVisible(False)
        both: dict[str, int] = {"zh": 0, "en": 0}  # each language's row of names
        for i, (lab, key) in enumerate(zip(self.step_labels[:n], keys, strict=True)):
            name = tr(key, lang)
            numbered = f"{i + 1}/{n}"
            role = "step_now" if i == at else ("step_done" if i < at else "step_next")
            if lab.property("role") != role:
                lab.setProperty("role", role)
                repolish(lab)
            # The pill's room around its words as margins, which the fitting counts (the
            # style's padding did not widen it: "选择事项" filled its pill edge to edge and
            # read as cut at the screen's edge in portrait, try-out 6 item 15).
            side = self._tokens.px(8) if role == "step_now" else 0
            # Styled first: a label first styled after this (the bar is set while hidden,
            # on the home screen) had the style's padding added to these margins, and
            # 选择事项 → 身份核验 → … stood 30-40 px wider on the first step than on the
            # next ones (try-out 10, C1).
            lab.ensurePolished()
            lab.setContentsMargins(side, 0, side, 0)
            if brief and i == at:
                short = tr(f"{key}.short", lang)
                self._chip_texts = (*_chip_forms(lang, i, name, short), numbered)
                lab.set_texts(*self._chip_texts)
                lab.setAlignment(Qt.AlignmentFlag.AlignCenter)  # in the chip's one width
            else:
                # Its own width again (the chip's is fixed while it is the chip).
                lab.setMinimumWidth(0)
                lab.setMaximumWidth(_ANY_WIDTH)
                lab.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            lab.setVisible(not brief or i == at)
        if not brief:
            self.steps_bar.chip_least = 0  # no chip: every step's label in the row
            # Every name in its type, with the pill's type and margins on whichever step
            # is the current one, the widest of those: the same room on every step, so
            # what stands beside the steps stays put from step to step (the current
            # step's bold name made 身份核验's row 3 px wider than 填写's, and the staff
            # chip beside it moved, try-out 10 E6), and as _fit_steps counts it, so each
            # step keeps one name (try-out 11, C2: in portrait 选择事项's row left
            # "Documents" no room and said short names on the catalog, names after).
            now = self.step_labels[at]
            m = now.contentsMargins()
            other = self.step_labels[1 if at == 0 else 0].fontMetrics()
            # Every step an application can have: the bar's room the same whatever the
            # service's steps (nothing beside it moves once a service is chosen).
            for g in both:
                plain = [other.horizontalAdvance(tr(k, g)) for k in STEP_KEYS]
                bold = [now.fontMetrics().horizontalAdvance(tr(k, g)) for k in STEP_KEYS]
                both[g] = sum(plain) + m.left() + m.right()
                both[g] += max(b - p for b, p in zip(bold, plain, strict=True))
        if brief:
            # One chip for the step the citizen is on. Here its room at its number alone:
            # the wording the bar chose for this visit adds its own (chip_least, set by
            # _fit_chip), the widest of that wording over every step in either language,
            # so the bar takes the same rows on every step and the chip and 网络正常 stay
            # put from screen to screen (try-out 8, E6: "4/6 材料" took a row of its own
            # where "2/6 身份核验" had not). Not the longest wording's room whatever was
            # chosen: in portrait English at 字号 4/4 that squeezed the network's word to
            # its least, which differs between 在线 and 离线, and the staff-call chip
            # beside it moved 1 px as the network came and went (stop 31).
            bare = self._chip_widths(self.step_labels[at])[-1]
            both = dict.fromkeys(both, bare)
        # The names' room in the longer language: the bar takes the same rows (portrait)
        # in both, so 字号 and 标准色 stay put across 中文 ↔ English (#14).
        shown = [w for w in self.steps_bar.findChildren(QLabel) if not w.isHidden()]
        arrows = sum(a.sizeHint().width() for a in self.step_arrows if not a.isHidden())
        if not brief:  # every step's arrows and gaps, as every step's names above
            arrows = sum(a.sizeHint().width() for a in self.step_arrows)
            shown = [*self.step_labels, *self.step_arrows]
        # At the bar's usual gaps, whichever _fit_steps chose last (else the room asked
        # for would shrink with the gaps it gave, and the gaps widen again with it).
        gaps = self._tokens.px(6) * max(0, len(shown) - 1)
        self.steps_bar.reserved = max(both.values()) + arrows + gaps
        self._fit_steps()
        self.steps_bar.updateGeometry()

    def _fit_steps(self) -> None:
        """The whole row at once, the first of these that fits the bar: every step's
        name; every short name; every step's number, the current one with its name or
        short name where that still fits. Each label then gets its own text's width
        (try-out 5: offline and at 字号 4/4 each label fitted itself, "1 →2 →3" with
        uneven gaps and the pill off its number). Short names before numbers: English
        at 字号 4/4 on 1280x800 read "1 Choose → 2 → 3 → 4 → 5 → 6", where the citizen
        could not tell what comes (try-out 8, C17).

        One name per step on every step: each choice is made for the widest of the row
        with any step current (its bold type and pill), so it is the same from the
        catalog to the receipt. A row of the current step's name among the others'
        short names had step 1 read "Choose" on the catalog and "Pick" from 身份核验 on,
        and the bar shifted under the citizen's eyes (try-out 11, C2)."""
        state = self._steps_shown
        if state is None:
            return  # none yet
        if state[1]:
            self._fit_chip()  # 长辈模式: one step shown
            return
        lang, _brief, at, _gen, _n = state
        # The wording is chosen for every step an application can have, then said for
        # this service's steps: a service without 材料 says its steps in the same words
        # as one with it, and its catalog's (try-out 17, E6; try-out 11, C2).
        ats = [STEP_KEYS.index(k) for k in self._step_keys]  # each label's step
        pos, at = at, ats[at]  # the current step: its label, and among every step
        labels = self.step_labels
        names = [tr(key, lang) for key in STEP_KEYS]
        shorts = [tr(f"{key}.short", lang) for key in STEP_KEYS]
        numbers = [str(i + 1) for i in range(len(STEP_KEYS))]
        row = self.steps_bar.layout()
        arrows = sum(a.sizeHint().width() for a in self.step_arrows)
        gaps = len(labels) + len(self.step_arrows) - 1
        # Closer arrows before fewer words: English at 字号 4/4 in portrait fits every
        # short name ("… → Check → Receipt") with the gaps at a third, and fell to bare
        # numbers at the full gaps once the last step said "Receipt", not "Done" (try-out
        # 15, C7). Chosen for the widest row like the words, so the same on every step.
        normal, tight = self._tokens.px(6), self._tokens.px(2)
        self.steps_bar.gap = normal
        fixed = arrows + normal * gaps
        room = self.steps_bar.width()

        def width(lab: FitLabel, text: str) -> int:
            m = lab.contentsMargins()
            return lab.fontMetrics().horizontalAdvance(text) + m.left() + m.right()

        now, other = labels[pos], labels[1 if pos == 0 else 0]

        def widest(plain_texts: list[str], now_texts: list[str]) -> int:
            """The row's width with the step whose room is widest as the current one."""
            plain = [width(other, t) for t in plain_texts]
            bold = [width(now, t) for t in now_texts]
            return fixed + sum(plain) + max(b - p for b, p in zip(bold, plain, strict=True))

        for row_texts, spacing in ((names, normal), (shorts, normal), (shorts, tight)):
            fixed = arrows + spacing * gaps
            if widest(row_texts, row_texts) <= room:
                if row.spacing() != spacing:
                    row.setSpacing(spacing)
                for p, (lab, k) in enumerate(zip(labels, ats, strict=False)):
                    lab.set_texts(row_texts[k], str(p + 1))
                return
        fixed = arrows + normal * gaps
        if row.spacing() != normal:
            row.setSpacing(normal)
        current = [str(pos + 1)]
        for form in (names, shorts):
            said = [f"{n} {t}" for n, t in zip(numbers, form, strict=True)]
            if widest(numbers, said) <= room:
                current = [f"{pos + 1} {form[at]}", str(pos + 1)]
                break
        for p, lab in enumerate(labels[: len(ats)]):
            if p == pos:
                lab.set_texts(*current)
            else:
                lab.set_texts(str(p + 1))

    def _fit_chip(self) -> None:
        """长辈模式's step chip says the step with its name, else with its short name, else
        the step alone (第2步, "Step 2"), else its bare number, the first whose widest
        (every step, both languages) the bar gives its whole width without a row more.
        The names only where none of the bar's buttons is made narrower (their type
        smaller) for them: the room the network's word can spare counts, the buttons'
        does not. The step alone may also take the room the buttons give in smaller
        type, down to their least: a bare "1/6" beside a guide's pager read as its page
        count (try-out 12, N1; 1280x800 had 69-85 px for it at every 字号).

        Worked out from the bar's plan with the chip at its number alone (the network's
        word at its least, the same in either language and state), so the choice is the
        same on every step and screen of this size, mode and type, in both languages,
        online or not, and the chip one width on each (try-out 10, E7: a bare 1/6 at
        1920x1080, 字号 4/4, beside 400 px of 网络正常's room; 213 px wide on 选择事项,
        145 px on 填写). A wording is taken only where the plan gives the chip all of
        its width: in portrait English at 字号 4/4 the bar planned the name's width,
        the row then had 35 px less for it, and the chip's last pixels fell outside."""
        state = self._steps_shown
        if state is None or not state[1]:
            return
        _lang, _brief, at, _gen, _n = state
        if not self.net_label.texts():
            # The network's word not in yet (no answer from the platform): its room
            # is not free, and the chip's names would give it back when it comes.
            return
        lab = self.step_labels[at]
        bar, lay, net = self.steps_bar, self._status_layout, self.net_label
        full, short, alone, bare = self._chip_widths(lab)
        swap = (bar, self.kiosk_label) if bar.isHidden() else None
        base = {bar: bare}
        rows, widths = lay.plan(swap=swap, least=base)
        if bar not in widths:
            return  # not in the bar yet (its labels being set): fitted once it is
        texts = self._chip_texts
        pick, width = texts[-1:], bare
        for n, wide in ((0, full), (1, short), (2, alone)):
            if wide > widths.get(bar, 0):  # else it has the room as it is
                tried_rows, tried = lay.plan(swap=swap, least={**base, bar: wide})
                if tried_rows != rows or tried.get(bar, 0) < wide:
                    continue
                pushed = [
                    w
                    for w, v in widths.items()
                    if w not in (bar, self.kiosk_label, net) and tried.get(w, 0) < v
                ]
                if pushed and n < 2:
                    continue
            pick, width = texts[n:], wide
            break
        chip_least = width if width > bare else 0
        if bar.chip_least != chip_least:
            bar.chip_least = chip_least
            bar.updateGeometry()
        if lab.minimumWidth() != width or lab.maximumWidth() != width:
            lab.setFixedWidth(width)
        lab.set_texts(*pick)

    @staticmethod
    def _chip_widths(lab: FitLabel) -> tuple[int, int, int, int]:
        """The chip's width with the step's name, its short name, the step alone or its
        number, the widest of every step in either language, in ``lab``'s type now: of
        every step an application can have, so the wording is the same whatever the
        service's steps."""
        fm = lab.fontMetrics()
        m = lab.contentsMargins()
        n = len(STEP_KEYS)
        said = [
            _chip_forms(g, i, tr(k, g), tr(f"{k}.short", g))
            for i, k in enumerate(STEP_KEYS)
            for g in ("zh", "en")
        ]
        forms = [[s[j] for s in said] for j in range(3)]
        forms.append([f"{i + 1}/{n}" for i in range(n)])
        full, short, alone, bare = (
            max(fm.horizontalAdvance(t) for t in texts) + m.left() + m.right() for texts in forms
        )
        return full, short, alone, bare

    def _build_voice_bar(self) -> QWidget:
        # Not a row of its own (the top bar has no room left in assisted mode at
        # 1024 px, and a row more leaves a keyboard no room at 1080 px): it sits in
        # the status row at the bottom, beside the kiosk name.
        bar = _VoiceBar()
        bar.setObjectName("voicebar")
        # One row that, short of room, takes it from the button with words to spare
        # (再听一遍 → 重听) first: a QHBoxLayout squeezed all three alike, 小声 and
        # "Vol −" below their words, down to the style's minimum width.
        lay = BarLayout(bar)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(self._tokens.gap())
        for w in (self.repeat_btn, self.vol_down_btn, self.vol_up_btn):
            lay.addWidget(w)
        self._voice_layout = lay
        return bar

    def _chrome_button(self, name: str, slot: Callable[[], None]) -> _ChromeButton:
        b = _ChromeButton()
        b.setObjectName(name)
        b.setProperty("role", "chrome")
        b.clicked.connect(lambda _=False: slot())
        return b

    def _build_statusbar(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("statusbar")
        # Wraps as the top bar does, but upward: the steps' row of an application goes
        # over the buttons' row, which stays at the bottom edge on every screen (#14).
        lay = BarLayout(bar, self._portrait, upward=True)
        # The step chip's and the network's words for the room the bar plans them, each
        # time it is laid out (a new width, mode, type or language).
        lay.on_placed = self._fit_status_words
        lay.setSpacing(self._tokens.gap())
        self._status_layout = lay
        self.kiosk_label = FitLabel()
        self.kiosk_label.setObjectName("kiosk_name")
        self.kiosk_label.setProperty("role", "muted")
        # The kiosk's own name is on its casing too: it gives way to the citizen's buttons.
        self.kiosk_label.setProperty("may_clip", "the kiosk's name, also on its casing")
        self.net_label = _BarLabel()
        self.net_label.setObjectName("net_status")
        self.net_label.setProperty("role", "muted")
        # Where this citizen's staff call stands, after the notice is closed: an answer
        # from staff must reach them even when nothing is on top of the screen.
        # Its slot is kept on every screen, shown or not, as wide as its widest short
        # words: the chip coming (or changing) moves nothing under a finger (try-out 8,
        # E1: a third row of the bar pushed every tile and button above it up ~90 px).
        # In landscape the bar stays one row: there the chip takes its room from the
        # steps' texts (which say less), never a row or a button's width.
        # In landscape the bar has one row, full in 长辈模式 at 1280x800 (字号, 标准色,
        # the voice buttons, the step, 网络正常): a chip there took a second row and the
        # page above lost ~80 px under the finger (try-out 8, E1 in landscape). There
        # the chip is in the top bar instead, in the place of the centre's name and the
        # date (:class:`_TopStaffChip`).
        self._bottom_chip = _StaffChip(self._portrait)
        self._bottom_chip.setObjectName("staff_banner")
        self._bottom_chip.setProperty("role", "step_now")
        self._bottom_chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._bottom_chip.hide()
        # Names and states give way (clip) before the buttons: the window never widens.

        # The display settings first, at the bar's edge: the voice controls beside
        # them grow with the text, and would push 字号 sideways under the finger (#14).
        lay.addWidget(self.text_size_btn)
        lay.addWidget(self.contrast_btn)
        # In portrait 长辈模式 three rows at every 字号: the display settings, the voice
        # buttons over them, the steps (or the kiosk's name) over those. One row at 1/4
        # became two at 4/4 and the voice buttons moved (try-out 14, E6); portrait has
        # the height for the rows from the start.
        lay.new_group(own_row=self._elder_portrait)
        lay.addWidget(self.voice_bar)
        lay.new_group(own_row=self._elder_portrait)
        self.steps_bar = self._build_steps()
        lay.addWidget(self.steps_bar, 1)
        lay.addWidget(self.kiosk_label, 1)
        # The kiosk's name where the steps are on an application's screens: the buttons
        # leave it the steps' room, so they keep one width from home to every step.
        # In portrait the same rows too: the staff-call chip and the network's word beside
        # them stand where they stand on an application's screens (try-out 10, E6: on the
        # rating page the chip sat on the buttons' row, at the far left in 长辈模式).
        lay.share_room(self.steps_bar, self.kiosk_label, rows_too=True)
        lay.addWidget(self._bottom_chip)
        lay.addWidget(self.net_label)
        return bar

    @property
    def staff_banner(self) -> FitLabel:
        """The staff-call chip of this panel's shape: the bottom bar's in portrait, the
        top bar's in landscape."""
        return self._bottom_chip if self._portrait() else self._top_chip

    def _refresh_chrome(self, screen: Screen, page: BaseScreen) -> None:
        lang = self.core.sessions.current.language
        assisted = self.core.sessions.current.assisted
        self.back_btn.setText(tr("nav.back", lang))
        self.home_btn.setText(tr("nav.home", lang))
        self.setWindowTitle(tr(page.title_key or "app.title", lang))
        self.lang_btn.setText(tr("nav.lang", lang))
        # Their shorter words where the bar has no room for the whole ones (fit_button.py).
        mode = "nav.assisted_off" if assisted else "nav.assisted_on"
        # One label each on every screen at every size (try-out 6): smaller type where
        # the bar is short of room, never other words (_ChromeButton).
        self.assist_btn.setText(tr(mode, lang))
        self.staff_btn.setText(tr("nav.call_staff", lang))
        self.repeat_btn.setText(tr("voice.repeat", lang))
        self.vol_down_btn.setText(tr("voice.quieter", lang))
        self.vol_up_btn.setText(tr("voice.louder", lang))
        # The technicians' panel has its own way out (退出维护): none of the citizens'
        # buttons there (a tap on 呼叫工作人员 from the panel would call staff to staff).
        citizen = screen != Screen.MAINTENANCE
        # Suspended (暂停服务) by a technician: Back and Home lead nowhere, so none shown.
        nav = citizen and screen != Screen.HOME and not self.core.suspended
        # No 返回 on the receipt: behind it lies only the form already sent (C-e).
        back = nav and self._back_leads_on(page)
        for w, shown in ((self.back_btn, back), (self.home_btn, nav)):
            # Their slots stay on every citizen's screen, shown or not, so the buttons
            # beside them keep one place from home to every other screen (try-out 6).
            policy = w.sizePolicy()
            if policy.retainSizeWhenHidden() != citizen:
                policy.setRetainSizeWhenHidden(citizen)
                w.setSizePolicy(policy)
            w.setVisible(shown)
        for w in (self.lang_btn, self.assist_btn, self.staff_btn):
            w.setVisible(citizen)
        self.header.updateGeometry()  # its height kept for the buttons only where they are
        for w in (self.text_size_btn, self.contrast_btn):  # the citizen's display settings
            w.setVisible(citizen)
        self.voice_bar.setVisible(citizen and assisted)
        step, contrast = self._display_prefs
        self.text_size_btn.setText(tr("display.text", lang, n=step + 1, total=len(TEXT_STEPS)))
        key = f"display.contrast.{contrast}"
        self.contrast_btn.setText(tr(key, lang))
        # Measured again only when the style may have changed their font (a new theme).
        if self._fitted_gen != self._theme_gen:
            self._fitted_gen = self._theme_gen
            n = len(TEXT_STEPS)
            sizes = [
                tr("display.text", g, n=i + 1, total=n) for g in ("zh", "en") for i in range(n)
            ]
            # 字号 sits at the bar's edge, so it grows in place and stays under a finger
            # tapping it again. In both modes it is as wide as at its largest step too,
            # so 标准色 beside it keeps its place while the citizen taps 1→4 (#14; in
            # 长辈模式 it moved by 41 px over the four steps).
            d = self.core.settings.display
            assisted = self.core.sessions.current.assisted
            largest = personalise(
                tokens_for(assisted, d.theme == "dark", d.px_per_mm),
                len(TEXT_STEPS) - 1,
                self._display_prefs[1],
            )
            self.text_size_btn.setFixedWidth(
                _reserve_width(self.text_size_btn, sizes, self._tokens, largest)
            )
            # 字号's width is fixed: a bar short of room never plans it narrower (a cut
            # it planned for a fixed width overlapped 标准色 and 再听一遍 at 1280 px).
            self.text_size_btn.reserved_least = self.text_size_btn.maximumWidth()
            # 标准色 as wide as its longest label in both languages, so cycling the colours
            # moves nothing (#14); short of room (长辈模式 at 字号 4/4 on 1280x800) its
            # slot narrows to the longest of both in smaller type, in either language
            # alike. (English says "Contrast", not "High contrast": its slot was 270 px
            # for 标准色 at 字号 1/4 and left 长辈模式's step chip no room for 第1步.)
            natural = self._tokens.px(self._tokens.button_px)
            for b in self._shrinking():
                least = max(FLOOR_PX, round(natural * LEAST_TYPE), self._least_text_px())
                b.set_type(natural, min(natural, least))
            b = self.contrast_btn
            b.reserved = max(b.width_at(t, b.natural_px) for t in _contrast_labels())
            b.reserved_least = max(b.width_at(t, b.least_px) for t in _contrast_labels())
            b.updateGeometry()
        if self._chrome_reserved_for != self._theme_gen:
            self._chrome_reserved_for = self._theme_gen  # the same slots in both languages
            self._reserve_chrome_widths()
        k = self.core.settings.kiosk
        self.kiosk_label.set_texts(k.name_en if lang == "en" else k.name_zh)
        # The centre's name alone where the full location does not fit (portrait, English).
        if lang == "en":
            self.centre_label.set_texts(k.location_en, k.centre_en)
        else:
            self.centre_label.set_texts(k.location_zh, k.centre_zh)
        if lang != self._clock_lang:  # else the minute's tick keeps it
            self._clock_lang = lang
            self._clock_shown = ""
        self._tick_clock()
        self._refresh_steps(screen)
        self._refresh_network()
        self._refresh_staff_banner()

    def _reserve_chrome_widths(self) -> None:
        # Every top-bar button keeps its slot across the language switch (#14, try-out 4:
        # a citizen's second tap after 中文 ↔ English landed on the next button). Each
        # slot is as wide as its longest label in either language, and where the bar is
        # short of room it gives way to the longest of both languages' short words, the
        # same in both: the bar lays out the same slots whatever the language says.
        # 长辈模式 and 呼叫工作人员 also keep theirs across the mode switch (so 长辈模式
        # tapped twice switches back instead of calling staff, try-out 3, 5c): their
        # labels measured in either mode's type at this text size.
        d = self.core.settings.display
        other = personalise(
            tokens_for(not self.core.sessions.current.assisted, d.theme == "dark", d.px_per_mm),
            *self._display_prefs,
        )
        both = ("zh", "en")
        top: list[tuple[_ChromeButton, list[str], list[str], bool]] = [
            (self.back_btn, ["nav.back"], [], False),
            (self.home_btn, ["nav.home"], [], False),
            (self.lang_btn, ["nav.lang"], [], False),
            (self.assist_btn, ["nav.assisted_on", "nav.assisted_off"], [], True),
            (self.staff_btn, ["nav.call_staff"], [], True),
        ]
        # The voice controls in the bottom bar: 小声 and 大声 keep their slots too.
        voice = [
            (self.repeat_btn, ["voice.repeat"], [], False),
            (self.vol_down_btn, ["voice.quieter"], [], False),
            (self.vol_up_btn, ["voice.louder"], [], False),
        ]
        for button, keys, shorts, across_modes in top + voice:
            labels = [tr(k, g) for k in keys for g in both]
            there = other if across_modes else self._tokens
            if button.natural_px:  # measured in type of a known size (its font may lag)
                button.reserved = _reserve_at(button, labels, self._tokens, there)
                button.reserved_least = max(button.width_at(t, button.least_px) for t in labels)
            else:
                button.reserved = _reserve_width(button, labels, self._tokens, there)
                least = [tr(k, g) for k in shorts or keys for g in both]
                button.reserved_least = max(button.width_for(t) for t in least)
            button.updateGeometry()
        if self._elder_portrait():
            # Their own row at every 字号 (see _build_statusbar), and as wide as at the
            # largest: 小声 and 大声 keep their places while 再听一遍 grows (try-out 14, E6).
            largest = personalise(
                tokens_for(True, d.theme == "dark", d.px_per_mm),
                len(ASSISTED_TEXT_STEPS) - 1,
                self._display_prefs[1],
            )
            for button, keys, _shorts, _modes in voice:
                labels = [tr(k, g) for k in keys for g in both]
                widest = _reserve_at(button, labels, self._tokens, largest)
                button.reserved = max(button.reserved, widest)
                button.updateGeometry()
        k = self.core.settings.kiosk
        # The header leaves room for the centre's name in either language as well.
        self.header.reserve_names([k.centre_zh, k.centre_en])

    def _refresh_network(self) -> None:
        # The bar's gap between controls after its words too: the offline sentence fills
        # its slot and, the bar's last item, ran to the screen's edge where 网络正常 (a
        # short word in the same slot) stood well clear of it (try-out 11, C3).
        gap = self._tokens.gap()
        if self.net_label.contentsMargins().right() != gap:
            self.net_label.setContentsMargins(0, 0, gap, 0)
            self.net_label.updateGeometry()
        # Say nothing until the platform has answered (or failed) once: "online" at
        # boot, before any request, would be a guess.
        lang = self.core.sessions.current.language
        health = self.core.health(Device.PLATFORM).health
        keys = {Health.FAULT: "status.offline", Health.OK: "status.online"}
        if health in keys:  # the whole sentence where it fits, else its short form
            key = keys[health]
            self._net_words = (tr(key, lang), tr(key + ".short", lang))
        else:
            self._net_words = ()
            self.net_label.set_texts()
        # Its least in either language and state: the bar takes the same rows and gives
        # its buttons the same room whichever it says, so 字号, 标准色 and the voice
        # buttons stay put across 中文 ↔ English (#14).
        # With its margins (its own least counts them): without, 离线 and "Offline" left
        # the bar's buttons 20 px less than 在线 where the bar is short of room (长辈模式
        # on 1280x800), and they moved as the network came and went or the language
        # changed.
        fm = self.net_label.fontMetrics()
        m = self.net_label.contentsMargins()
        shorts = [tr(k + ".short", g) for k in keys.values() for g in ("zh", "en")]
        widest = max(fm.horizontalAdvance(t) for t in shorts)
        self.net_label.reserved_least = widest + m.left() + m.right()
        # One slot whichever state it says, so the staff-call chip beside it stays put.
        said = tuple(t for k in keys.values() for t in (tr(k, lang), tr(k + ".short", lang)))
        if said != self.net_label.reserved_texts:
            self.net_label.reserved_texts = said
            self.net_label.updateGeometry()
        self._fit_net_word()

    def _fit_status_words(self) -> None:
        """The bottom bar was laid out: the chip and the network's word for its room."""
        self._fit_chip()
        self._fit_net_word()

    def _fit_net_word(self) -> None:
        """The network's whole words (网络正常) only where they fit on every screen of
        this size, mode, language and type, else its short ones (在线) on every screen:
        worked out from the bar's plan with the steps shown and without them, not from
        the room this screen leaves it. It said 网络正常 on the home screen and 在线 on
        an application's at 1080x1920, 字号 4/4 (try-out 10, E7), where the steps take
        a row and leave it less room."""
        words = self._net_words
        if len(words) < 2:
            return
        lay, steps, kiosk = self._status_layout, self.steps_bar, self.kiosk_label
        other = (kiosk, steps) if kiosk.isHidden() else (steps, kiosk)
        label = self.net_label
        if not label.texts():
            label.set_texts(*words)  # its place in the bar, to be planned with
        rooms = [lay.plan()[1].get(label, 0), lay.plan(swap=other)[1].get(label, 0)]
        m = label.contentsMargins()
        fits = label.fontMetrics().horizontalAdvance(words[0]) <= min(rooms) - m.left() - m.right()
        label.set_texts(*(words if fits else words[1:]))

    # --- navigation ---------------------------------------------------------------

    def page(self, screen: Screen) -> BaseScreen:
        """The widget for ``screen`` in the screen stack, created on first use."""
        w = self.make_page(screen)
        if w.parentWidget() is None:
            self.stack.addWidget(w)
        return w

    def make_page(self, screen: Screen) -> BaseScreen:
        """The widget for ``screen``, created on first use, not yet in the screen stack.

        Putting a new screen in the stack hands every widget on it the window's font,
        palette and style (5-6 ms of the GUI thread for the rating screen, as much
        again as creating some screens): the pre-build does it as a step of its own.
        """
        if screen not in self._screens:
            w = screen_class(screen)(self.ctx)
            w._shown_lang = self.core.sessions.current.language  # type: ignore[attr-defined]
            self._screens[screen] = w
        return self._screens[screen]

    def current_page(self) -> BaseScreen | None:
        """The screen widget on display."""
        return self._screens.get(self._current) if self._current else None

    def show_screen(self, _requested: Screen | None = None) -> None:
        """Show whatever the core says should be on screen now."""
        self._before_change()
        carried = self._carried
        self._carried = None
        if self.core.sessions.current.assisted != self._assisted_applied:
            carried = self._carry()
            self._drop_screens()
            self._apply_theme()
        screen = self.core.screen()
        old = self.current_page()
        page = self.page(screen)
        if old is not None and old is not page:
            old.leave()
        if isinstance(page, HomeScreen):
            # A home screen rebuilt says it too.
            page.set_left_call(self._left_call, self._leaver_tokens)
        lang = self.core.sessions.current.language
        if getattr(page, "_shown_lang", None) != lang:
            page.retranslate()  # only when the language differs from its last showing
            page._shown_lang = lang  # type: ignore[attr-defined]
        page.enter()
        if carried is not None and carried[0] == screen:
            page.restore(carried[1])  # rebuilt in a new size or mode: what was typed stays
        with self._one_layout_pass():
            self.stack.setCurrentWidget(page)
            self._current = screen
            self._refresh_chrome(screen, page)
        if page.prompt_key:
            self.core.say(tr(page.prompt_key, self.core.sessions.current.language))
        if self._wanted_size is not None:
            QTimer.singleShot(0, self, self._keep_size)
        log.info("screen %s", screen.value)
        self._form_ahead()
        self.screen_shown.emit()

    @contextmanager
    def _one_layout_pass(self) -> Iterator[None]:
        """The window laid out once, at the end of the block.

        Qt lays out every layout above a widget as it is shown (a new screen, 返回 and
        首页, the steps bar in place of the kiosk's name): five to fifteen passes over
        the bars per screen change, each asking their buttons and texts for sizes
        again. Their layouts are held (a held layout ignores activation) until the
        block ends, then laid out bottom-up, before anything is painted.
        """
        central = self.centralWidget()
        held = [self._chrome_layout, self._status_layout, central.layout() if central else None]
        layouts = [lay for lay in held if lay is not None and lay.isEnabled()]
        for lay in layouts:
            lay.setEnabled(False)
        try:
            yield
        finally:
            for lay in layouts:
                lay.setEnabled(True)
            for lay in layouts:
                lay.activate()
            own = self.layout()
            if own is not None:
                own.activate()

    def _chrome_changed(self) -> None:
        page = self.current_page()
        if page is not None and self._current is not None:
            self._refresh_chrome(self._current, page)

    def _back(self) -> None:
        if not self._back_leads_on():
            return  # hidden there; a tap already on its way changes nothing
        if self.core.nav.behind == Screen.HOME and self._journey_finished():
            # Out of a finished journey (a rating's or feedback's thanks) 返回 is a way
            # out like 首页 and 完成: the visit ends for the next citizen (try-out 7, C-a).
            self._go_home()
            return
        self.core.back()
        self.show_screen()

    def _home(self) -> None:
        # Home wipes the session: once a citizen has proven who they are or typed
        # anything not yet submitted, ask first (in plain words), so one stray tap
        # loses nothing. After submitting, the receipt holds it all: no question.
        s = self.core.sessions.current
        unsent = s.identity is not None or s.form_values or s.pages
        if unsent and s.tracking_number is None and not self._journey_finished():
            lang = s.language
            self.overlay.ask(
                tr("home_confirm.title", lang),
                tr("home_confirm.body", lang),
                tr("home_confirm.yes", lang),
                tr("home_confirm.no", lang),
                self._go_home,
            )
            return
        self._go_home()

    def _back_leads_on(self, page: BaseScreen | None = None) -> bool:
        """Whether 返回 leads anywhere the citizen may go from here: not from a receipt
        or a ticket into the task already done (try-out 7, C-e)."""
        page = page if page is not None else self.current_page()
        return self.core.nav.can_go_back() and not (page is not None and page.closes_behind())

    def _journey_finished(self) -> bool:
        # An application sent ends the visit from any page after it (the rating not
        # given too): its receipt holds everything (try-out 7, C-a). Imported here: the
        # receipt's module is not needed to paint the first screen.
        from ui.screens.submitted import handed_over

        if handed_over(self.core.sessions.current.id) is not None:
            return True
        page = self.current_page()
        return page is not None and page.journey_finished()

    def _go_home(self) -> None:
        # At a journey's end (receipt, ticket, booking, thanks) 首页 ends the visit as
        # 完成 does: the citizen leaves with their paper and the next one finds the
        # default 字号, colours, mode and language (try-out 6, 18). Mid-journey it ends
        # the task only: the same citizen keeps them for another errand.
        if not self._journey_finished():
            self.core.home(EndReason.HOME)
            self.show_screen()
            return
        # The visit ends, but a document left on a reader is still the leaver's: the
        # same notice as the idle reset's, in their type (try-out 12, N3: a 居民身份证
        # on the SAM reader got no word, only a passport on the chip reader did).
        self._end_visit(EndReason.FINISHED, finished=True)

    def _end_visit(self, reason: EndReason, finished: bool) -> None:
        """End the session (idle reset, 首页 at a journey's end, or 继续办理其他事项 there:
        NEXT_TASK, the citizen stays); then, if the
        citizen's document is still on a reader, ask them to take it."""
        lang = self.core.sessions.current.language
        leaving = self._tokens  # the type of the citizen who is leaving
        # A 居民身份证 read on the SAM reader and not seen lifted may still lie there:
        # the reader cannot say so by itself, so its presence check is asked (#14, 1:
        # only a passport on the chip reader was reminded of).
        sam_card = take_back_key(self.core) == "idcard.take_back"
        sam_card = sam_card and not document_taken(self.core)
        # What was cleared and the paper printed, named with the document (C7).
        what = held(self.core.sessions.current, self._current, finished)
        page = self.current_page()
        slip = page.slip_printed() if page is not None else ""
        # The call outlives the session on the platform's hall page; the chip goes with
        # the session, so the notice says what becomes of the call.
        call = self._staff_state
        self.core.home(reason)
        self.show_screen()
        # The reset screen's type, compared with the leaver's: the window takes it only
        # when the session's end reaches it (queued), after the notice opened. Compared
        # with the leaver's own, a notice to a citizen at 字号 4/4 took the window's
        # type, turned 1/4 under it, and shrank at its next words (try-out 14, C8).
        arriving = leaving if reason in TASK_ONLY else self._compute_tokens((0, "standard"))
        if self.core.document_on_reader or sam_card:
            self._ask_to_take_card(
                lang,
                leaving,
                watch_sam=sam_card,
                what=what,
                slip=slip,
                call=call,
                arriving=arriving,
            )
        elif reason is EndReason.NEXT_TASK and what == "read":
            # The identity given for the task just done goes with it. With a document the
            # take-card notice says so; typed by hand, nothing did, and the next task
            # asked for the 18 digits and the name again unannounced (try-out 21, E1).
            self.overlay.show_message(
                tr("end.next_task.title", lang),
                no_widow(tr("end.next_task.body", lang)),
                tr("staff.ok", lang),
                tokens=leaving,
            )
        elif reason is EndReason.FINISHED and call in CALL_AFTER_END:
            # No document left, but the chip that said staff were coming is gone: the
            # citizen, still here (they tapped 首页), is told the call stands. Not after
            # an idle reset: the newcomer would read the call as theirs (try-out 7, 5).
            langs = list(dict.fromkeys((lang, self.core.sessions.current.language)))
            larger = leaving.body_px * leaving.scale > arriving.body_px * arriving.scale
            self.overlay.show_message(
                "\n".join(tr("end.visit_over", x) for x in langs),
                "\n\n".join(no_widow(tr(CALL_AFTER_END[call], x)) for x in langs),
                " / ".join(tr("staff.ok", x) for x in langs),
                tokens=leaving if larger else None,
            )

    def _undoes_itself(self, button: QWidget) -> bool:
        """Whether this tap on a whole-screen switch (中文/English, 长辈模式, 标准色) is
        the second of a double tap, to be ignored; else holds the switch for a moment.

        The switch keeps its place under the finger (its slot is the same across
        languages and modes), so the settle time lets a second tap through: try-out 6
        saw a double tap on 长辈模式 turn the mode on and straight off again, and an
        elderly citizen saw nothing happen. For the settle time (the longer of the two
        modes') the switch takes no tap: the window's watcher drops a finger's, and this
        ignores a synthetic one. 字号 is a stepper, not a switch: a quick second tap
        steps once more, and the step on the button says where it stands."""
        if self.tap_guard.held_ms(button) > 0:
            return True
        t = self.core.settings.timeouts
        self.tap_guard.hold(button, t.tap_settle_ms * max(1.0, t.assisted_factor))
        return False

    def _toggle_language(self) -> None:
        if self._undoes_itself(self.lang_btn):
            return
        s = self.core.sessions
        s.set_language("en" if s.current.language == "zh" else "zh")
        page = self.current_page()
        if page is not None:
            page.retranslate()
            page._shown_lang = s.current.language  # type: ignore[attr-defined]
            question = getattr(page, "_choice_panel", None)  # ui/screens/choice.py
            if question is not None:
                question.retranslate()  # an open question, asked again in this language
            self._refresh_chrome(self._current or Screen.HOME, page)
        self.overlay.retranslate(s.current.language)
        if self._staff_shown_in(self._other(s.current.language)):
            self._show_staff_state()
        self._form_ahead()  # in the new language

    def _repeat(self) -> None:
        voice = self.core.voice
        if voice is not None:
            voice.repeat()

    def _volume_down(self) -> None:
        voice = self.core.voice
        if voice is not None:
            voice.volume_down()

    def _volume_up(self) -> None:
        voice = self.core.voice
        if voice is not None:
            voice.volume_up()

    def _toggle_assisted(self) -> None:
        if self._undoes_itself(self.assist_btn):
            return
        s = self.core.sessions
        s.set_assisted(not s.current.assisted)
        self.show_screen()

    def _on_press(self, x: float, y: float) -> None:
        corner = corner_of(x, y, self.width(), self.height(), self._tokens.mm(12))
        if self._corners.tap(corner) and not self.core.maintenance_mode:
            self._open_maintenance()

    def _next_text_size(self) -> None:
        step, contrast = self._display_prefs
        self._set_display((step + 1) % len(TEXT_STEPS), contrast)

    def _next_contrast(self) -> None:
        if self._undoes_itself(self.contrast_btn):
            return
        step, contrast = self._display_prefs
        self._set_display(step, CONTRASTS[(CONTRASTS.index(contrast) + 1) % len(CONTRASTS)])

    _carried: tuple[Screen, object] | None = None  # for the screen rebuilt next

    def _carry(self) -> tuple[Screen, object] | None:
        """The screen on display and what its citizen was in the middle of, if anything."""
        page = self.current_page()
        if page is None or self._current is None:
            return None
        state = page.carry()
        return None if state is None else (self._current, state)

    def _set_display(self, step: int, contrast: str) -> None:
        # Screens are rebuilt in the new size and colours; what was typed lives in the
        # session, so it is all still there.
        self._before_change()
        self._display_prefs = (step, contrast)
        self._carried = self._carry()
        self._drop_screens()
        self._apply_theme()
        self.overlay.hide()
        self.show_screen()

    def resize(self, *size: Any) -> None:
        """Resize, remembering the size asked for (the panel's): see :meth:`_keep_size`."""
        # Known before the resize events it sends, so pages fitting themselves see it.
        self._wanted_size = QSize(*size) if len(size) == 2 else QSize(size[0])
        super().resize(*size)

    def panel_size(self) -> QSize:
        """The size the window was given (the panel's), even while a layout stretches it."""
        return QSize(self._wanted_size) if self._wanted_size is not None else self.size()

    def _keep_size(self) -> None:
        # A layout caught half-way through a screen's change (a heading hidden, a pad not
        # yet shown) can grow the window for a moment; once the layouts have settled the
        # window goes back to the size it was given. One whose settled content is taller
        # than the panel still grows it (the fit tests catch that).
        wanted = self._wanted_size
        if wanted is None or self.isFullScreen() or self.size() == wanted:
            return
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        super().resize(wanted)

    def display_prefs(self) -> tuple[int, str]:
        """(text size step 0-3, contrast theme) chosen by the citizen now at the kiosk."""
        return self._display_prefs

    def _open_maintenance(self) -> None:
        self.overlay.hide()
        self.core.enter_maintenance()
        self.show_screen()

    def show_notice(self, text: str, *also: str, closed: Callable[[], None] | None = None) -> None:
        """A message with an OK button over the current screen; ``also``: the texts it may
        be changed to while shown (the card keeps room for the longest); ``closed``: run
        once when the notice closes."""
        lang = self.core.sessions.current.language
        title = tr("notice.title", lang)
        reserve = [(title, t) for t in (text, *also)] if also else []
        self.overlay.show_message(title, text, tr("staff.ok", lang), reserve, closed)

    def notice_says(self, text: str) -> bool:
        """Whether a notice saying ``text`` is over the screen now."""
        return bool(text) and self.overlay.isVisible() and self.overlay.body.text() == text

    # --- the tap guard ------------------------------------------------------------

    def _before_change(self) -> None:
        # Before a screen, a notice or a page's own buttons change: see ui/tap_guard.py.
        self.tap_guard.before_change()

    def _tap_roots(self) -> list[QWidget]:
        # Where a finger can land now: a notice covers everything else.
        if self.overlay.isVisible():
            return [self.overlay]
        page = self.stack.currentWidget()
        return [self._chrome_bar, *([page] if page is not None else []), self._status_bar]

    def _settle_ms(self) -> float:
        t = self.core.settings.timeouts
        if self.core.sessions.current.assisted:
            return t.tap_settle_ms * t.assisted_factor
        return float(t.tap_settle_ms)

    # --- call staff ---------------------------------------------------------------

    def call_staff(self, reason: str | None = None) -> None:
        """Store a staff call and say truthfully where it stands (saving, waiting,
        delivered, acknowledged), following it while the notice is on screen.
        ``reason``: the device state it is about (see KioskCore.call_staff)."""
        # From now the citizen waits for staff as told: the idle warning waits longer.
        self.core.sessions.current.staff_called = True
        if self._staff_state not in STAFF_FOLLOWED:
            # A new call: "saving" until stored. With a call open the tap asks again on
            # it (the core decides, try-out 17 C1): nothing is being saved, the notice
            # comes with the call's own state.
            self._staff_state = StaffCallState.SAVING
            self._staff_again = ""
            self._show_staff_state()
        self.core.call_staff(self.bridge.wrap(self._staff_called), reason)

    def _staff_called(self, answer: CallAnswer) -> None:
        """The core's answer to a tap: a new call's state, or the open call asked again
        (when it was made: the notice says so, and where it stands)."""
        if self._staff_state is None:
            return  # the session ended since: the next citizen has made no call
        if answer.again_since is not None:
            self._staff_again = f"{answer.again_since.astimezone():%H:%M}"
            self._staff_state = answer.state
            self._show_staff_state()
        self._staff_update(answer.state)

    @staticmethod
    def _other(lang: str) -> str:
        return "en" if lang == "zh" else "zh"

    def _staff_shown(self) -> bool:
        return self._staff_shown_in(self.core.sessions.current.language)

    def _staff_shown_in(self, lang: str) -> bool:
        state = self._staff_state
        if state is None or not self.overlay.isVisible():
            return False
        return self.overlay.title.text() == tr(f"staff.{state.value}.title", lang)

    def _show_staff_state(self) -> None:
        state = self._staff_state
        assert state is not None
        lang = self.core.sessions.current.language
        self.overlay.show_message(
            tr(f"staff.{state.value}.title", lang),
            self.staff_body(state, lang),
            tr("staff.ok", lang),
            # Room for every state the call may reach while shown: 好的 stays put.
            [
                (tr(f"staff.{s.value}.title", lang), self.staff_body(s, lang))
                for s in StaffCallState
            ],
        )

    def staff_body(self, state: StaffCallState, lang: str, *, kept: bool | None = None) -> str:
        """The call notice's words in ``state``; that what was entered is kept only on
        the pages where the citizen has filled something in (``kept``: say it or not,
        whatever the page)."""
        gap = " " if lang == "en" else ""
        body = tr(f"staff.{state.value}.body", lang)
        if self._staff_again and state in STAFF_FOLLOWED:
            # Asked again: this citizen's call, made at that time, and no new one.
            body = tr("staff.again", lang, at=self._staff_again) + gap + body
        if kept is None:
            kept = self.core.screen() in _FILLED_IN
        if not kept or state in (StaffCallState.SAVING, StaffCallState.DONE):
            return body
        m = self.staff_wait_minutes()
        key = "staff.kept.not_saved" if state == StaffCallState.NOT_SAVED else "staff.kept"
        return body + gap + tr(key, lang, m=m)

    def staff_wait_minutes(self) -> int:
        """How long (whole minutes) a citizen waiting for staff keeps their work untouched."""
        return max(1, self.core.settings.timeouts.staff_wait_s // 60)

    def _staff_update(self, state: StaffCallState) -> None:
        if self._staff_state is None:
            return  # the session ended since: the next citizen has made no call
        was = self._staff_state
        shown = self._staff_shown()
        self._staff_state = state
        if shown:
            self._show_staff_state()
        elif state != was and state in (StaffCallState.ACKNOWLEDGED, StaffCallState.COMING):
            # The notice was closed: say it aloud too, the banner alone may go unseen.
            lang = self.core.sessions.current.language
            self.core.say(tr(f"staff.banner.{state.value}", lang))
        self._refresh_staff_banner()
        if state in STAFF_FOLLOWED:
            self._staff_timer.start()  # read the state again in a moment

    def _poll_staff_call(self) -> None:
        # Followed until staff answer or the session ends, notice open or not.
        if self._staff_state is not None:
            self.core.staff_call_state(self.bridge.wrap(self._staff_update))

    def _refresh_staff_banner(self) -> None:
        state = self._staff_state
        show = state is not None and state not in (
            StaffCallState.SAVING,
            StaffCallState.NOT_SAVED,
            StaffCallState.DONE,  # 已处理 on the console: the call is closed
        )
        lang = self.core.sessions.current.language
        portrait = self._portrait()
        self._chip_portrait = portrait
        chip = self._bottom_chip
        self._reserve_staff_chip()
        policy = chip.sizePolicy()
        if policy.retainSizeWhenHidden() != portrait:
            policy.setRetainSizeWhenHidden(portrait)
            chip.setSizePolicy(policy)
        words: tuple[str, ...] = ()
        if show and state is not None:
            key = f"staff.banner.{state.value}"
            # Its whole words where its slot has room for them, else the short ones.
            words = (tr(key, lang), tr(key + ".short", lang))
        if portrait:
            # Words even while hidden: an empty chip is styled without its padding, and
            # its slot would be a pixel lower than the chip it keeps room for.
            chip.set_texts(*(words or (tr("staff.banner.waiting.short", lang),)))
            chip.setVisible(show)
            self._top_chip.hide()
            self.header.show()
            return
        # Landscape: the bottom bar as on every screen; the chip where the centre's name
        # and the date are, in their slot (they are on the casing and the wall too;
        # where this citizen's call stands is theirs alone).
        chip.hide()
        self._top_chip.set_texts(*words)
        # One of the two at a time, never both (the one going first).
        for w in (self.header, self._top_chip) if show else (self._top_chip, self.header):
            w.setVisible(w is self._top_chip if show else w is self.header)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the staff-call chip in the bar of the panel's shape."""
        super().resizeEvent(event)
        if getattr(self, "_chip_portrait", None) not in (None, self._portrait()):
            self._refresh_staff_banner()

    def _reserve_staff_chip(self) -> None:
        """The chip's slot: its widest short words, in either language and every state."""
        chip = self._bottom_chip
        chip.ensurePolished()
        fm = chip.fontMetrics()
        m = chip.contentsMargins()
        states = STAFF_BANNER_STATES
        widest = max(
            fm.horizontalAdvance(tr(f"staff.banner.{k}.short", g))
            for k in states
            for g in ("zh", "en")
        )
        chip.reserve(widest + m.left() + m.right() + 2 * self._tokens.px(8))

    def _forget_staff_call(self) -> None:
        self._staff_state = None
        self._staff_again = ""
        self._staff_timer.stop()
        self._refresh_staff_banner()

    def _poll_left_call(self) -> None:
        """Ask the kiosk layer (off this thread: it reads the outbox) whether the last
        citizen's call is still open and where it stands."""
        calls = self.core.staff_calls
        if calls is None:
            return
        self.core.run(calls.left_call, self.bridge.wrap(self._left_call_now), lambda _e: None)

    def _left_call_now(self, call: object) -> None:
        self._left_call = call if isinstance(call, LeftCall) else None
        home = self._screens.get(Screen.HOME)
        if isinstance(home, HomeScreen):
            home.set_left_call(self._left_call, self._leaver_tokens)
        if self._left_call is not None:
            self._left_timer.start()  # until 已处理, a new citizen, or its time is up

    # --- idle ---------------------------------------------------------------------

    def _on_input(self) -> None:
        if not self.overlay.is_idle_warning():
            self.core.sessions.touch()

    def check_idle(self) -> None:
        """Called every second: the clock; warn, count down, or wipe."""
        self._tick_clock()
        if self.core.maintenance_mode or self.core.suspended:
            # No citizen session to time out: the panel signs technicians out by itself.
            self.core.sessions.touch()
            return
        if self._current == Screen.HOME and self.core.nav.journey is None:
            s = self.core.sessions.current
            personal = self._display_prefs != (0, "standard")
            # Choices kept from a finished task time out here too, for the next citizen;
            # so does a staff call made here: its banner is that citizen's, and a
            # newcomer must not read it as theirs (try-out 7, 5). Staff still come: the
            # call stays on the platform's hall page.
            called = s.staff_called or self._staff_state is not None
            if not (
                s.assisted
                or personal
                or called
                or s.language != self.core.settings.kiosk.default_language
            ):
                self.core.sessions.touch()
                return
        status = self.core.sessions.idle_status()
        lang = self.core.sessions.current.language
        if status.phase == IdlePhase.ACTIVE:
            if self.overlay.is_idle_warning():
                self.overlay.hide()
        elif status.phase == IdlePhase.WARNING:
            s = self.core.sessions.current
            # Says only what the reset clears (try-out 10, C7).
            what = held(s, self._current, self._journey_finished())
            self.overlay.show_idle(
                lang,
                status.remaining_s,
                self._more_time,
                self._end_now,
                staff_called=s.staff_called,
                held=what,
                home=self._home_resets(),
            )
        else:
            self.overlay.hide()
            self._end_visit(EndReason.IDLE_TIMEOUT, self._journey_finished())

    def _ask_to_take_card(
        self,
        lang: str,
        leaving: Tokens,
        watch_sam: bool = False,
        what: Held = "entered",
        slip: str = "",
        call: StaffCallState | None = None,
        arriving: Tokens | None = None,
    ) -> None:
        # The session is wiped, but the document itself is still on the reader: say so
        # on screen and aloud (in any mode: the citizen may be a few steps away). It
        # speaks to the one who left, in their language first, and to the one arriving
        # at the reset home screen, in its language (try-out 7, 14): both when they differ.
        langs = list(dict.fromkeys((lang, self.core.sessions.current.language)))
        title, body, taken_body = take_card_words(langs, what, slip, call)
        ok = " / ".join(tr("staff.ok", x) for x in langs)
        # Its words once the document is lifted, room kept for them (nothing in it moves).
        taken = ("\n".join(tr("submitted.document_taken", x) for x in langs), taken_body)
        self._take_card_taken = taken
        # In the type of the one who left where it was larger than the reset screen's
        # (try-out 9, E10: to an elderly citizen at 字号 4/4 it came in 字号 1/4 type).
        now = arriving or self._tokens
        larger = leaving.body_px * leaving.scale > now.body_px * now.scale
        closed = self._stop_sam_watch if watch_sam else None
        self.overlay.show_message(
            title,
            body,
            ok,
            reserve=[(title, body), taken],
            tokens=leaving if larger else None,
            closed=closed,
        )
        self._take_card_title = title
        self._take_card_shown = True
        if watch_sam:
            # Checked on the reader's own thread; ResidentCardLifted ends the notice.
            self._sam_card_watched = True
            self.core.backend.watch_idcard_removal()
        voice = self.core.voice
        if voice is not None:
            voice.say(title.split("\n")[0], lang)  # the one who left: their language first

    def _stop_sam_watch(self) -> None:
        """The notice closed (lifted, or 好的): no more presence checks for it."""
        if self._sam_card_watched:
            self._sam_card_watched = False
            self.core.backend.stop_idcard_watch()

    def _document_left(self) -> None:
        """The document left its reader: the take-card notice, if it is the one up,
        says so; either way it is no longer asked for."""
        title = self.overlay.title.text()
        if self._take_card_shown and self.overlay.isVisible() and title == self._take_card_title:
            self._say_document_taken()
        self._take_card_shown = False

    def _say_document_taken(self) -> None:
        """Taken: the notice says so and stays, its 好的 where it was, until tapped. Gone
        by itself, the touch meant for 好的 opened the 评价 tile under it (try-out 9, C8);
        the tap guard covers only the first moments."""
        title, body = self._take_card_taken
        self.overlay.title.setText(title)
        self.overlay.set_body(body)

    def _home_resets(self) -> tuple[str, ...] | None:
        """On 首页 with nothing under way: what the idle reset puts back (ui/idle_words.py
        HOME_RESETS); None elsewhere, where it ends a task."""
        if self._current != Screen.HOME or self.core.nav.journey is not None:
            return None
        size, colours = self._display_prefs
        s = self.core.sessions.current
        changed = {
            "text_size": size != 0,
            "colours": colours != "standard",
            "language": s.language != self.core.settings.kiosk.default_language,
            "assisted": s.assisted,
        }
        return tuple(k for k, v in changed.items() if v)

    def _more_time(self) -> None:
        self.overlay.hide()
        self.core.sessions.touch()

    def _end_now(self) -> None:
        # 结束办理: the citizen is done, so the visit ends (display choices too).
        self.overlay.hide()
        self.core.home(EndReason.VISIT_ENDED)
        self.show_screen()

    # --- core events --------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        if isinstance(event, CardPresence) and not event.present:
            self._document_left()
        if isinstance(event, ResidentCardLifted) and self._sam_card_watched:
            self._sam_card_watched = False  # the watch ended with this news
            self._document_left()
        card = isinstance(event, TechnicianCardPresence) and event.number is not None
        if card and not self.core.maintenance_mode:
            self._open_maintenance()  # a technician card anywhere opens the sign-in
        if isinstance(event, DeviceStatusChanged):
            if event.device == Device.PLATFORM:
                self._refresh_network()
            if self.core.screen() != self._current:
                self.show_screen()
        page = self.current_page()
        handler = getattr(page, "on_core_event", None)
        if handler is not None:
            handler(event)

    def _note_leaver(self, _reason: EndReason) -> None:
        """The ended session's type (长辈模式, 字号), for its citizen's left call."""
        self._leaver_tokens = self._tokens

    def _on_session_end(self, reason: EndReason) -> None:
        self._before_change()
        # 首页 ends the task, not the visit: 字号 and colours stay (TASK_ONLY); 完成 at a
        # journey's end ends the visit, as the idle reset does.
        prefs = self._display_prefs if reason in TASK_ONLY else (0, "standard")
        assisted = self.core.sessions.current.assisted
        restyle = self._assisted_applied != assisted or prefs != self._display_prefs
        # Destroy every screen so no widget keeps the previous citizen's data. Home
        # shows nothing of theirs: it stays (rebuilding it cost ~15 ms of the GUI
        # thread at every session's end), unless the look changes back.
        self._drop_screens(keep=None if restyle else Screen.HOME)
        if reason not in SAME_VISIT:
            self._forget_staff_call()  # the call was this citizen's
        self._display_prefs = prefs  # the next citizen starts from the default
        if restyle:
            self._apply_theme()
        self.show_screen()
        self._poll_left_call()  # a call of theirs still open: home says so (E1)
        self.prebuild()

    # --- pre-building ---------------------------------------------------------------

    def prebuild(self) -> None:
        """Build the common screens while the kiosk waits on the home screen.

        Creating and styling a screen costs tens of milliseconds; doing it between
        citizens, in small steps (ui/prebuild.py), keeps that off every tap. The
        screens are empty until entered, so nothing personal is kept in them.
        """
        self._prebuilder.start(PREBUILD, self._screens.get)

    def _form_ahead(self) -> None:
        """While the citizen proves who they are, the form for the service they chose is
        built (FormScreen.ahead_steps), empty: the tap to it then fills in only their
        part. It was the journey's slowest tap (issue #14: 11-14 ms of the GUI thread,
        half of it building the form). Built again in a new language, mode or 字号."""
        s = self.core.sessions.current
        service = current_service(self.core)
        if (
            self.core.nav.journey != Journey.APPLY
            or service is None
            or not service.at_kiosk  # applied for at a counter: no form here
            or s.identity is not None
            or self._current not in AHEAD_OF_FORM
        ):
            self._prebuilder.cancel_ahead()
            return
        key = (s.id, s.service_id, s.language, s.assisted, self._theme_gen)
        self._prebuilder.ahead(key, Screen.FORM, self._form_steps)

    def _form_steps(self, page: BaseScreen) -> list[AheadStep]:
        def in_language() -> None:
            # As show_screen would on the tap (its own texts; the questions are built
            # in the language of the moment).
            lang = self.core.sessions.current.language
            if getattr(page, "_shown_lang", None) != lang:
                page.retranslate()
                page._shown_lang = lang  # type: ignore[attr-defined]

        return [in_language, *page.ahead_steps()]

    def _font_warm_steps(self) -> list[Callable[[], None]]:
        # Both modes' type scales, before the first citizen.
        d = self.core.settings.display
        steps: list[Callable[[], None]] = []
        for assisted in (False, True):
            steps += warm_font_steps(tokens_for(assisted, d.theme == "dark", d.px_per_mm))
        return steps

    def has_page(self, page: BaseScreen) -> bool:
        """Whether ``page`` is one of the screens in use (not dropped)."""
        return page in self._screens.values()

    def page_rect_widget(self) -> QWidget:
        """The screen stack: every screen fills its rectangle."""
        return self.stack

    def citizen_started(self) -> bool:
        """Whether a citizen has started a journey."""
        return self.core.nav.journey is not None

    def workers_warming(self) -> bool:
        """Whether start-up work runs on workers (the pre-build waits it out)."""
        return self.core.warming.active()

    def prebuild_pending(self) -> bool:
        """Whether screens are still being pre-built (benchmarks wait for this)."""
        return self._prebuilder.pending()

    def cancel_prebuild(self) -> None:
        """Drop the pre-build steps still queued (tests end with none left to fire)."""
        self._prebuilder.cancel()

    def _watch_input(self) -> None:
        # On the window, not the application: every touch, click and key reaches the
        # window before the widget under it, and the filter then sees a few events per
        # tap. On the application it saw every event of every widget (~5,000 a
        # journey), each a call into Python that waits for a busy worker to release
        # the GIL: that alone stretched a screen change by tens of milliseconds.
        if self._closed:
            return
        handle = self.windowHandle()
        if handle is None:  # not shown yet
            QTimer.singleShot(WATCH_INPUT_AFTER_MS, self, self._watch_input)
            return
        handle.installEventFilter(self._watcher)

    def closeEvent(self, event: object) -> None:
        """Stop timers and unhook from the core."""
        self._idle_timer.stop()
        self._staff_timer.stop()  # a staff call's next poll would reach a stopped core
        self._left_timer.stop()
        self._unsubscribe()
        self._closed = True
        self.tap_guard.close()
        handle = self.windowHandle()
        if handle is not None:
            handle.removeEventFilter(self._watcher)
        super().closeEvent(event)  # type: ignore[arg-type]


class _VoiceBar(QWidget):
    """再听一遍 小声 大声; in a short bar 再听一遍 says 重听 (its FitButton's shorter words)."""

    def least_width(self) -> int:
        """Its buttons at their shortest words, with the gaps between."""
        buttons = [b for b in self.findChildren(FitButton) if not b.isHidden()]
        gaps = self.layout().spacing() * max(0, len(buttons) - 1)
        return sum(b.least_width() for b in buttons) + gaps


class _StepsBar(QWidget):
    """The step labels' row; a bar leaves it room for every step's number at least
    (in portrait English the labels had been squeezed to nothing, try-out 3), and in
    portrait, where the bar may take a second row, for every step's name."""

    reserved = 0  # every step's name in the longer language, with the arrows between
    gap = 0  # the usual gap between labels and arrows (_fit_steps may close it up)
    # 长辈模式: the one chip's width where the bar had room for its names (_fit_chip).
    chip_least = 0

    def __init__(self, names: Callable[[], bool]) -> None:
        super().__init__()
        self._names = names
        self.on_resize: Callable[[], None] = lambda: None  # the window fits the row again

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Names or numbers for the new width (the whole row at once)."""
        super().resizeEvent(event)
        self.on_resize()

    def least_width(self) -> int:
        """:meth:`own_least`, or 长辈模式's chip at the width it was given room for."""
        return max(self.own_least(), self.chip_least)

    def own_least(self) -> int:
        """Every shown step at its shortest (its number), with the arrows between; in
        portrait every name, in the longer language (:attr:`reserved`)."""
        if self._names():
            return max(self.sizeHint().width(), self.reserved)
        row = self.layout()
        shown = [w for w in self.findChildren(QLabel) if not w.isHidden()]
        widths = [
            w.least_width() if isinstance(w, FitLabel) else w.sizeHint().width() for w in shown
        ]
        return sum(widths) + (self.gap or row.spacing()) * max(0, len(shown) - 1)


class _StaffChip(FitLabel):
    """The staff-call chip: one width (:meth:`reserve`) whatever it says; in portrait
    kept shown or not, so the bar plans the same rows before a call as after it."""

    _reserved = 0

    def __init__(self, portrait: Callable[[], bool]) -> None:
        super().__init__()
        self._portrait = portrait

    def reserve(self, width: int) -> None:
        """Keep ``width`` for it from now on."""
        if width != self._reserved:
            self._reserved = width
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        """Its slot in portrait, whatever it says now; in landscape its words'."""
        own = super().sizeHint()
        return QSize(self._reserved, own.height()) if self._portrait() else own

    def least_width(self) -> int:
        """Its slot in portrait; in landscape its shortest words."""
        return self._reserved if self._portrait() else super().least_width()


class _TopStaffChip(FitLabel):
    """The staff-call chip in landscape, in the top bar's slot of the centre's name and
    the date while a call stands (:meth:`BarLayout.share_room`): exactly that slot, so
    nothing else in the bar or under it moves when it comes (try-out 8, E1). Its words
    in the largest type that fits the slot, down to the mode's least: the whole words
    on one line, else the short ones, else the short ones on two lines."""

    def __init__(
        self, header: QWidget, own_px: Callable[[], int], floor_px: Callable[[], int]
    ) -> None:
        super().__init__()
        self._header = header
        self._own_px = own_px
        self._floor_px = floor_px
        self._px = 0  # the type in force (see _fit)

    def least_width(self) -> int:
        """Nothing of its own: the header's room is its room."""
        return 0

    def sizeHint(self) -> QSize:
        """The header's height (the bar keeps its height); its words' width."""
        return QSize(super().sizeHint().width(), self._header.sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        """No width of its own; the header's height."""
        return QSize(0, self._header.minimumSizeHint().height())

    def _fit(self) -> None:
        texts = self.texts()
        room = self.contentsRect()
        # Two lines go without the pill's padding above and below (as the header's two
        # lines do): its few pixels kept 30 px type off a 1280x800 panel in English.
        tall = self.height()
        own = self._own_px()
        wrap = int(Qt.TextFlag.TextWordWrap)
        shown, px, wrapped = (texts[-1] if texts else ""), own, False
        for size in range(own, min(own, self._floor_px()) - 1, -1):
            font = QFont(self.font())
            font.setPixelSize(size)
            fm = QFontMetrics(font)
            one = [t for t in texts if fm.horizontalAdvance(t) <= room.width()]
            if one:
                shown, px, wrapped = one[0], size, False
                break
            if not texts:
                break
            need = fm.boundingRect(QRect(0, 0, room.width(), 10_000), wrap, texts[-1])
            if need.width() <= room.width() and need.height() <= tall:
                shown, px, wrapped = texts[-1], size, True
                break
        # The type in force: 0 the role's own, > 0 smaller on one line, < 0 two lines.
        kept = -px if wrapped else (0 if px == own else px)
        if kept != self._px:
            self._px = kept
            sheet = f"font-size: {px}px;" if kept else ""
            # (And without the chip's underline: two lines take the label's whole height.)
            flat = " padding-top: 0px; padding-bottom: 0px; border-bottom: none;"
            self.setStyleSheet(sheet + flat * wrapped)
        if wrapped != self.wordWrap():
            self.setWordWrap(wrapped)
        if shown != self.text():
            QLabel.setText(self, shown)
        empty = not shown
        if self.property("empty") is not empty:
            self.setProperty("empty", empty)
            repolish(self)


class _BarLabel(FitLabel):
    """A status text in a bar whose least width is :attr:`reserved_least` (its short
    form in the longer language) while it has something to say, and which asks for the
    width of the widest of :attr:`reserved_texts` (every state's words): 网络正常 → 离线
    moved the staff-call chip beside it ~30 px sideways (try-out 10, E3)."""

    reserved_least = 0
    reserved_texts: tuple[str, ...] = ()

    def sizeHint(self) -> QSize:
        """As wide as its widest words in any state, while it has something to say."""
        hint = super().sizeHint()
        if not self.texts():
            return hint
        fm = self.fontMetrics()
        m = self.contentsMargins()
        widest = max((fm.horizontalAdvance(t) for t in self.reserved_texts), default=0)
        return QSize(max(hint.width(), widest + m.left() + m.right()), hint.height())

    def least_width(self) -> int:
        """Its shortest form, at least :attr:`reserved_least` wide; none when empty."""
        own = super().least_width()
        return max(own, self.reserved_least) if own else 0


_ANY_WIDTH = (1 << 24) - 1  # Qt's QWIDGETSIZE_MAX: no maximum width


def _chip_forms(lang: str, i: int, name: str, short: str) -> tuple[str, str, str]:
    """长辈模式's step chip for step ``i``: with its name, with its short name, and the
    step alone, each saying it is the journey's step ("第2步", "Step 2"): a bare "1/6"
    beside a guide's pager read as its page (try-out 12, N1)."""
    n = i + 1
    return (
        tr("steps.chip", lang, n=n, name=name),
        tr("steps.chip", lang, n=n, name=short),
        tr("steps.chip.bare", lang, n=n),
    )


def _contrast_labels() -> list[str]:
    """Every contrast theme's label in both languages."""
    return [tr(f"display.contrast.{c}", g) for c in CONTRASTS for g in ("zh", "en")]


def _reserve_width(button: FitButton, labels: list[str], now: Tokens, other: Tokens) -> int:
    """``button``'s width for its widest label in the type of ``now`` or ``other``.

    The other mode's width is worked out from its font size and outline, not by
    restyling: the button's padding is the same in both modes, its outline not.
    """
    font = QFont(button.font())
    fm = QFontMetrics(font)
    font.setPixelSize(other.px(other.button_px))
    fm_other = QFontMetrics(font)
    widest = 0
    for label in labels:
        hint = button.width_for(label)  # measured as the button measures its text
        wide = fm_other.horizontalAdvance(label) - fm.horizontalAdvance(label)
        there = hint + wide + 2 * (other.outline_px - now.outline_px)
        widest = max(widest, hint, there, other.mm(other.target_mm))
    return widest


def _reserve_at(button: _ChromeButton, labels: list[str], now: Tokens, other: Tokens) -> int:
    """A type-shrinking bar button's width for its widest label in the bar's type of
    ``now`` or ``other`` (the other mode: its outline differs too)."""
    widest = other.mm(other.target_mm)
    outline = 2 * (other.outline_px - now.outline_px)
    for label in labels:
        widest = max(
            widest,
            button.width_at(label, now.px(now.button_px)),
            button.width_at(label, other.px(other.button_px)) + outline,
        )
    return widest


class _ChromeButton(FitButton):
    """A top or bottom bar button that asks for the width it is given in :attr:`reserved`
    (its widest label in either language), and still gives way where the bar has no
    room for that, to :attr:`reserved_least`: its slot is the same whichever language
    it speaks.

    With :attr:`natural_px` set (呼叫工作人员, 长辈模式, 再听一遍, 标准色) it gives way
    in smaller type, never in other words: a citizen told to press 呼叫工作人员 finds
    those words on every screen at every text size (try-out 6 saw 求助 and "Help" on
    some). Its type stays between :attr:`least_px` and :attr:`natural_px`."""

    reserved = 0
    reserved_least = 0
    natural_px = 0  # the bar's button type (px); 0: a button that says it shorter instead
    least_px = 0  # the smallest type its words may take (px)
    _shrunk_px = 0  # the smaller type in force (its own style sheet), 0 when none
    _wanted_px = 0  # the type its own width allows (0: its natural type)
    # The bar's buttons that share one type size: where one gives way in smaller type,
    # all of them do (try-out 7, 24: 返回 and English beside a larger 首页 and 标准模式).
    peers: tuple[_ChromeButton, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        # Sizes by (text, type px), until the theme changes (set_type).
        self._sizes_at: dict[tuple[str, int], QSize] = {}

    def set_type(self, natural_px: int, least_px: int) -> None:
        """The bar's type in a new theme (px), and the smallest its words may take:
        measured again, and its type picked again for the width it has now (the bar
        may give it the same width, with no resize to refit it)."""
        self.natural_px, self.least_px = natural_px, least_px
        self._sizes_at = {}
        if self._shrunk_px:
            self._shrunk_px = 0
            self.setStyleSheet("")
        self._fit()

    def size_at(self, text: str, px: int) -> QSize:
        """The size this button needs to show ``text`` whole in type of ``px``: its
        style's padding, outline and least size, whatever type it shows now."""
        key = (text, px)
        known = self._sizes_at.get(key)
        if known is None:
            self.ensurePolished()
            font = QFont(self.font())
            font.setPixelSize(px)
            fm = QFontMetrics(font)
            opt = QStyleOptionButton()
            self.initStyleOption(opt)
            opt.text = text
            opt.fontMetrics = fm
            inner = QSize(fm.horizontalAdvance(text), fm.height())
            known = self.style().sizeFromContents(
                QStyle.ContentsType.CT_PushButton, opt, inner, self
            )
            self._sizes_at[key] = known
        return QSize(known)

    def width_at(self, text: str, px: int) -> int:
        """The width this button needs to show ``text`` whole in type of ``px``."""
        return self.size_at(text, px).width()

    def sizeHint(self) -> QSize:
        """The label's size in its own type, at least :attr:`reserved` wide."""
        hint = self.size_at(self.texts()[0], self.natural_px) if self.natural_px else None
        if hint is None:
            hint = super().sizeHint()
        return QSize(max(hint.width(), self.reserved), hint.height())

    def least_width(self) -> int:
        """Its words in its smallest type (or its shortest words), at least
        :attr:`reserved_least` wide."""
        if self.natural_px:
            return max(self.width_at(self.texts()[-1], self.least_px), self.reserved_least)
        return max(super().least_width(), self.reserved_least)

    def minimumSizeHint(self) -> QSize:
        """Room for its words in their smallest type."""
        hint = super().minimumSizeHint()
        if self.natural_px:
            hint.setWidth(self.least_width())
        return hint

    def _fit(self) -> None:
        if not self.natural_px:
            super()._fit()
            return
        text = self.texts()[0]
        if text != self.text():
            QPushButton.setText(self, text)
        room, px = self.width(), self.natural_px
        while px > self.least_px and self.width_at(text, px) > room:
            px -= 1
        self._wanted_px = 0 if px >= self.natural_px else px
        self._share_type()

    def _share_type(self) -> None:
        """Every shown peer in the smallest type one of them needs (its own if none)."""
        # Shown: a voice button in 长辈模式's bar only (hidden with the bar, not itself).
        group = [p for p in self.peers if p.isVisibleTo(p.window()) and p.natural_px] or [self]
        if self not in group:
            group.append(self)
        px = min(p._wanted_px or p.natural_px for p in group)
        for p in group:
            p._apply_px(0 if px >= p.natural_px else px)

    def _apply_px(self, px: int) -> None:
        if px != self._shrunk_px:
            self._shrunk_px = px
            # Its own sheet wins over the window's (Qt prefers a widget's own style sheet).
            self.setStyleSheet(f"font-size: {px}px;" if px else "")

    def showEvent(self, event: QShowEvent) -> None:
        """Shown again (返回 and 首页 off the home screen): the peers' type with it."""
        super().showEvent(event)
        if self.peers:
            self._fit()

    def hideEvent(self, event: QHideEvent) -> None:
        """Hidden: the peers need not stay as small as this one was."""
        super().hideEvent(event)
        shown = [p for p in self.peers if p is not self and p.isVisibleTo(p.window())]
        if shown:
            shown[0]._share_type()
