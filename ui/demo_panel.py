"""Demo controls: a small tool window plus keyboard shortcuts on the kiosk window.

Shortcuts (also listed on the panel):
  F2 insert sample ID document   F3 elderly citizen's document   F4 remove document
  F5 e-ID QR   F6 receipt QR   F7 forged QR   F8 garbage QR
  F9 paper out   F10 printer ready   F11 printer offline/back   F12 network down/up
  Shift+F2 resident ID card (SAM reader)   Shift+F3 residence permit
  Shift+F4 permanent-residence card   Shift+F5 lift the ID card
  Shift+F6 technician card on its reader (then PIN 246810)   Shift+F7 take it away
  Shift+F8 forged e-ID QR
  Shift+F9 camera fault / back   Shift+F10 passport reader unplugged / back
  Shift+F11 resident ID (SAM) reader fault / back
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from kiosk.app import KioskApp
from kiosk.demo import SAMPLES, DemoControls, DemoPrinter, DemoQr
from kiosk.workers import Executor, InlineExecutor
from ui.a11y import visible_rect
from ui.bridge import GuiBridge
from ui.demo_clock import add_hall_clock
from ui.i18n import tr
from ui.layout_items import entries


def _actions(
    demo: DemoControls, switch_network: Callable[[], None] | None = None
) -> list[tuple[str, str, Callable[[], None]]]:
    """Each demo action with its key and label; ``switch_network`` is F12 (by default
    done at once, on the caller's thread)."""

    def switch_now() -> None:
        demo.set_network(not demo.network_down)

    return [
        ("F2", "demo.card_adult", lambda: demo.insert_document("adult")),
        ("F3", "demo.card_elder", lambda: demo.insert_document("elder")),
        ("F4", "demo.card_remove", demo.remove_document),
        ("F5", "demo.qr_eid", lambda: demo.show_qr(DemoQr.EID)),
        ("F6", "demo.qr_receipt", lambda: demo.show_qr(DemoQr.RECEIPT)),
        ("F7", "demo.qr_forged", lambda: demo.show_qr(DemoQr.FORGED)),
        ("F8", "demo.qr_garbage", lambda: demo.show_qr(DemoQr.GARBAGE)),
        ("F9", "demo.paper_out", lambda: demo.set_printer(DemoPrinter.PAPER_OUT)),
        ("F10", "demo.printer_ready", lambda: demo.set_printer(DemoPrinter.READY)),
        (
            "F11",
            "demo.printer_offline",
            lambda: demo.set_printer(
                DemoPrinter.READY if demo.printer_offline else DemoPrinter.OFFLINE
            ),
        ),
        (
            "F12",
            "demo.network",
            switch_network or switch_now,
        ),
        ("Shift+F2", "demo.idcard_resident", lambda: demo.lay_id_card("resident")),
        ("Shift+F3", "demo.idcard_hmt", lambda: demo.lay_id_card("hmt")),
        ("Shift+F4", "demo.idcard_foreign", lambda: demo.lay_id_card("foreign_2023")),
        ("Shift+F5", "demo.idcard_lift", demo.lift_id_card),
        ("Shift+F6", "demo.techcard_on", lambda: demo.technician_card(True)),
        ("Shift+F7", "demo.techcard_off", lambda: demo.technician_card(False)),
        ("Shift+F8", "demo.qr_eid_forged", lambda: demo.show_qr(DemoQr.EID_FORGED)),
        ("Shift+F9", "demo.camera_fault", lambda: demo.set_camera_fault(not demo.camera_down)),
        (
            "Shift+F10",
            "demo.card_reader_fault",
            lambda: demo.set_card_reader_fault(not demo.card_reader_down),
        ),
        (
            "Shift+F11",
            "demo.idcard_reader_fault",
            lambda: demo.set_idcard_reader_fault(not demo.idcard_reader_down),
        ),
    ]


SAMPLES_RIGHT_PX = 8  # the sample documents' lines end this far inside the panel

# The device faults (try-out 8, R1): keys of their own, one button on the panel.
FAULT_KEYS = ("Shift+F9", "Shift+F10", "Shift+F11")


class DemoPanel(QWidget):
    """A separate small window so the kiosk screen itself stays as a citizen sees it."""

    def __init__(self, demo: DemoControls, lang: str, executor: Executor | None = None) -> None:
        super().__init__()
        self.setObjectName("demo_panel")
        self.setWindowTitle(tr("demo.title", lang))
        self._lang = lang
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        # Folds the panel to this one button when it would cover the kiosk.
        self.toggle = QPushButton()
        self.toggle.setObjectName("btn_demo_toggle")
        self.toggle.clicked.connect(lambda _=False: self.set_collapsed(not self.collapsed))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.toggle, 1)
        outer.addLayout(top)
        self.body = QWidget()
        outer.addWidget(self.body)
        self.collapsed = False
        grid = QGridLayout(self.body)
        grid.setContentsMargins(0, 0, 0, 0)
        self._demo = demo
        # F12 waits for the embedded platform's server to stop or start (seconds on a
        # loaded machine): on a worker, so the kiosk's screen keeps answering meanwhile
        # (try-out 15, C6: a 呼叫工作人员 tap just after F12 did nothing).
        self._executor: Executor = executor or InlineExecutor()
        self._bridge = GuiBridge()
        self._bridge.setParent(self)
        self._switching = False
        self.actions = _actions(demo, self.switch_network)
        actions = self.actions
        self._buttons: list[QPushButton] = []
        self._columns = 2
        for key, text, action in actions:
            if key in FAULT_KEYS:
                continue  # one button for the three, below
            b = QPushButton(f"{key}  {tr(text, lang)}")
            b.setObjectName(f"demo_{text.split('.')[1]}")
            b.clicked.connect(lambda _=False, a=action: self._run(a))
            self._buttons.append(b)
        # Beside the toggle, in its row: a row of buttons more made the unfolded panel
        # lie on must-see text at 1280x800 where it had just found a free spot.
        self.faults = self._faults_button(demo, lang)
        top.addWidget(self.faults)
        for i, b in enumerate(self._buttons):
            grid.addWidget(b, 1 + i // 2, i % 2)
        # A newcomer must know what to type after laying a sample document down.
        guide = QLabel(samples_text(lang))
        guide.setTextFormat(Qt.TextFormat.PlainText)
        guide.setObjectName("demo_samples")
        guide.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Room after its longest line: the panel is as wide as that line, and on an X
        # server the line's last name stood at the window's very edge and read as cut
        # ("姓名 李秀兰", try-out 11, C8).
        guide.setContentsMargins(0, 0, SAMPLES_RIGHT_PX, 0)
        # How F12 went (a platform that cannot start again is said in words).
        self.network_state = QLabel()
        self.network_state.setTextFormat(Qt.TextFormat.PlainText)
        self.network_state.setObjectName("demo_network_state")
        self.network_state.setWordWrap(True)
        self.network_state.hide()
        grid.addWidget(self.network_state, 2 + (len(self._buttons) - 1) // 2, 0, 1, 2)
        grid.addWidget(guide, 3 + (len(self._buttons) - 1) // 2, 0, 1, 2)
        self._following: QWidget | None = None
        self._kiosk: QWidget | None = None  # the kiosk window whose screen it follows
        self.set_collapsed(False)

    def _faults_button(self, demo: DemoControls, lang: str) -> QPushButton:
        """The camera's and the two readers' faults behind one button (its menu ticks the
        device that is down): three more buttons made the unfolded panel taller."""
        b = QPushButton(f"{FAULT_KEYS[0]}–{FAULT_KEYS[-1]}  {tr('demo.device_faults', lang)}")
        b.setObjectName("demo_device_faults")
        menu = QMenu(b)
        menu.setObjectName("demo_device_faults_menu")
        down = {
            "Shift+F9": lambda: demo.camera_down,
            "Shift+F10": lambda: demo.card_reader_down,
            "Shift+F11": lambda: demo.idcard_reader_down,
        }
        entries = []
        for key, text, action in self.actions:
            if key in FAULT_KEYS:
                a = menu.addAction(f"{key}  {tr(text, lang)}")
                a.setObjectName(f"demo_{text.split('.')[1]}")
                a.setCheckable(True)
                a.triggered.connect(lambda _=False, act=action: self._run(act))
                entries.append((a, down[key]))

        def ticks() -> None:
            for a, is_down in entries:
                a.setChecked(is_down())

        menu.aboutToShow.connect(ticks)
        b.setMenu(menu)
        return b

    def adjustSize(self) -> None:
        """Its size hint, and as tall as its wrapped lines need at that width: the hall
        clock's line wraps, and sized by the hint alone the panel was too short for it,
        so the row lay over the samples' last line (try-out 7, 38, at 1280x800)."""
        super().adjustSize()
        lay = self.layout()
        if lay is not None and lay.hasHeightForWidth():
            need = lay.totalHeightForWidth(self.width())
            if need > self.height():
                self.resize(self.width(), need)

    def _run(self, action: Callable[[], None]) -> None:
        # Unfolded over the kiosk, it folds first: the presenter sees what the kiosk does
        # (a failed F12 unfolds it again to say why).
        if self._following is not None and not self.collapsed:
            self.set_collapsed(True)
        action()

    def switch_network(self) -> None:
        """F12: cut or restore the demo's network on a worker; the panel says it is under
        way, then how it went. A second F12 meanwhile waits for the first to end."""
        if self._switching:
            return
        if not self._demo.network_cuttable:
            self.network_changed(None)  # nothing to stop or start: said at once
            return
        self._switching = True
        down = not self._demo.network_down
        key = "demo.network_going_down" if down else "demo.network_coming_up"
        self.network_state.setText(tr(key, self._lang))
        self.network_state.setProperty("failed", False)
        self.network_state.show()
        self.adjustSize()

        def done(problem: str | None) -> None:
            self._switching = False
            self.network_changed(problem)

        def failed(exc: BaseException) -> None:
            self._switching = False
            self.network_changed(f"{type(exc).__name__}: {exc}")

        self._executor.submit(
            lambda: self._demo.set_network(down), self._bridge.wrap(done), self._bridge.wrap(failed)
        )

    def network_changed(self, problem: str | None) -> None:
        """Say where the demo's network stands after F12; a failure unfolds the panel."""
        if problem is not None:
            text = tr("demo.network_failed", self._lang, why=problem)
        elif not self._demo.network_cuttable:
            text = tr("demo.network_remote", self._lang)
        else:
            key = "demo.network_down" if self._demo.network_down else "demo.network_up"
            text = tr(key, self._lang)
        self.network_state.setText(text)
        undone = problem is not None or not self._demo.network_cuttable
        self.network_state.setProperty("failed", undone)
        self.network_state.show()
        if undone and self.collapsed:
            self.set_collapsed(False)  # folded, the words would not be seen
        else:
            self.adjustSize()

    def follow(self, window: QWidget) -> None:
        """Move off the kiosk's controls whenever ``window`` shows a screen (a tile or a
        key may appear under the folded panel). Connected once; the connection ends with
        either window, so nothing of it outlives the kiosk's window (de25063)."""
        if self._following is not None:
            return
        signal = getattr(window, "screen_shown", None)
        if signal is None:
            return
        self._following = window
        # Queued: the new screen's layout requests are handled first.
        signal.connect(self._screen_shown, Qt.ConnectionType.QueuedConnection)
        window.destroyed.connect(self._window_gone)

    def follow_screen(self, window: QWidget) -> None:
        """Place the kiosk and the panel again whenever the screen's available area
        changes (a display rotated mid-demo, 1920x1080 → 1080x1920: the strip was lost
        until a restart, #14). Connected to this panel, so it ends with it."""
        screen = window.screen()
        if screen is None or self._kiosk is not None:
            return
        self._kiosk = window
        screen.availableGeometryChanged.connect(self._screen_area_changed)

    def _screen_area_changed(self, area: QRect) -> None:
        window = self._kiosk
        if window is not None and isValid(window):
            refit_to_area(self, window, area)
        else:
            self._kiosk = None

    def _window_gone(self) -> None:
        self._following = None

    def _screen_shown(self) -> None:
        window = self._following
        if window is None or not isValid(window):
            self._following = None
        elif self.collapsed:
            move_to_free_spot(self, window)

    def unfold_over(self, window: QWidget) -> None:
        """Lay the buttons out in 2 to 6 columns, whichever lets the unfolded panel lie
        over ``window`` whole and cover the least: never the kiosk's bars' controls nor
        its network state if it can, then no must-see text, then the fewest controls (at
        1280x800 two columns made it taller than the screen, the sample documents' lines
        were cut at its foot, and it lay on the queue number and 已打印, try-out 6, 21;
        four columns still lay on "Offline" and the tracking number over a receipt)."""
        best: tuple[tuple[int, int, int, int, int], int, QPoint] | None = None
        for cols in (2, 3, 4, 5, 6):
            self._arrange(cols)
            self.adjustSize()
            found = best_spot(window, self.frameGeometry().size())
            if found is not None and (best is None or found[:5] < best[0]):
                best = (found[:5], cols, found[5])
            if found is not None and found[:3] == (0, 0, 0):
                break  # nothing that must be seen is under it: the fewest columns
        if best is not None:
            self._arrange(best[1])
            self.adjustSize()
            self.move(best[2])

    def _arrange(self, cols: int) -> None:
        grid = self.body.layout()
        if cols == self._columns or not isinstance(grid, QGridLayout):
            return
        self._columns = cols
        # The rows under the buttons (F12's outcome, the samples, the hall clock), in order.
        rows: list[tuple[int, QWidget]] = []
        for i, w in enumerate(entries(grid)):  # (no item's wrapper kept: ui/layout_items.py)
            if isinstance(w, QWidget) and w not in self._buttons:
                rows.append((grid.getItemPosition(i)[0], w))
        for w in [*self._buttons, *(w for _r, w in rows)]:
            grid.removeWidget(w)
        for i, b in enumerate(self._buttons):
            grid.addWidget(b, 1 + i // cols, i % cols)
        last = 1 + (len(self._buttons) - 1) // cols
        used = len(self._buttons) - (last - 1) * cols
        first = last + 1
        ordered = [w for _r, w in sorted(rows, key=lambda r: r[0])]
        if cols - used >= 2 and self.network_state in ordered:
            # F12's outcome beside the last buttons, in the cells they leave: a row less
            # (at 1280x800 that row was what made the unfolded panel lie on the tracking
            # number after F12, with no spot free of must-see text left).
            ordered.remove(self.network_state)
            grid.addWidget(self.network_state, last, used, 1, cols - used)
        for n, w in enumerate(ordered):
            grid.addWidget(w, first + n, 0, 1, cols)
        # The size asked for follows at once (adjustSize would use the old one).
        for lay in (grid, self.layout()):
            lay.invalidate()
            lay.activate()
        self.adjustSize()

    def set_collapsed(self, collapsed: bool) -> None:
        """Fold to the toggle button alone (the shortcuts keep working), or unfold."""
        self.collapsed = collapsed
        self.body.setVisible(not collapsed)
        self.faults.setVisible(not collapsed)  # folded: the one thin toggle button
        # Folded it is one thin button: its strip is taken from the kiosk's height.
        margin = 0 if collapsed else 4
        self.layout().setContentsMargins(margin, margin, margin, margin)
        key = "demo.show" if collapsed else "demo.hide"
        # A note that must be seen even folded (ui/demo_clock.py: the simulated hall time).
        note = self.property("toggle_note") or ""
        self.toggle.setText(f"{tr('demo.title', self._lang)}{note} · {tr(key, self._lang)}")
        self.adjustSize()
        window = self._following
        if window is None or not isValid(window):
            return
        if collapsed:
            move_to_free_spot(self, window)
        else:
            # Unfolded over the kiosk: where it hides the fewest controls and no header
            # control or must-see text if it can (try-out 4: it covered English,
            # 长辈模式, 呼叫工作人员 and half a tracking number).
            self.unfold_over(window)


def samples_text(lang: str) -> str:
    """The sample documents and what to type for each, one line per fact."""
    keys = {"adult": "F2", "elder": "F3"}
    lines = [tr("demo.samples_title", lang)]
    for c in SAMPLES:
        # Surname first, as the passport has it (WANG XIAOMING).
        name = c.surname + c.given_names if lang == "zh" else f"{c.surname_latin} {c.given_latin}"
        lines.append(
            tr(
                "demo.sample_passport",
                lang,
                fkey=keys.get(c.key, ""),
                name=name,
                number=c.passport_number,
                birth=f"{c.birth_date:%Y%m%d}",
                expiry=f"{c.passport_expiry:%Y%m%d}",
            )
        )
        lines.append(tr("demo.sample_typed", lang, id=c.id_number, name=name))
    return "\n".join(lines)


def install_demo_panel(window: QWidget, kiosk: KioskApp) -> DemoPanel:
    """Show the panel beside the kiosk window and bind the function keys."""
    demo = DemoControls(kiosk.backend)
    panel = DemoPanel(demo, kiosk.settings.kiosk.default_language, kiosk.core.executor)
    # Which time the hall runs on (the demo may simulate office hours), and a switch.
    add_hall_clock(panel, kiosk.core.hall_clock, kiosk.settings.kiosk.default_language)
    for key, _text, action in panel.actions:
        # Whichever of the two windows has the focus: an F9 pressed just after tapping
        # the panel was lost (try-out 4). One shortcut per key for the application, so
        # the two windows never make a key ambiguous.
        shortcut = QShortcut(QKeySequence(key), window)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(action)
    panel.setStyleSheet(
        "QWidget { font-size: 14px; } QPushButton { padding: 6px; }"
        " QPushButton#btn_demo_toggle, QPushButton#demo_device_faults { padding: 2px 8px; }"
    )
    panel.setWindowFlags(Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
    panel.show()
    place_demo_panel(panel, window)
    panel.follow_screen(window)
    # The keys need a window of the application to have the keyboard: with no window
    # manager (a bare Xvfb, the README's xvfb-run) nothing gives it one, and F12 did
    # nothing until the kiosk window had been tapped once (try-out 10, R2).
    window.activateWindow()
    window._demo_panel = panel  # type: ignore[attr-defined]  # keep it alive with the window
    return panel


def place_demo_panel(panel: DemoPanel, window: QWidget, area: QRect | None = None) -> None:
    """Beside the kiosk window, or below it, when the screen has room. Otherwise folded
    to one small button where no control of the kiosk is (the header first), never over
    the kiosk's corners (the maintenance gesture); unfolding it is the presenter's choice.
    While folded it follows the kiosk's screens (a tile or a key may appear under it).
    ``area``: the screen's available area (the screen's own, unless it is changing)."""
    screen = window.screen().availableGeometry() if area is None else area
    frame = window.frameGeometry()
    # What the kiosk had before any strip was taken, to place it again when the screen
    # turns (follow_screen): the whole area it filled, or its own size.
    panel.setProperty("kiosk_size", window.size())
    fills = frame.width() >= screen.width() and frame.height() >= screen.height()
    panel.setProperty("fills_screen", fills)
    panel.setProperty("strip", None)
    panel.set_collapsed(False)
    beside = frame.right() + 10
    below = frame.bottom() + 10
    if beside + panel.width() <= screen.right():
        panel.move(beside, frame.y())
    elif below + panel.height() <= screen.bottom():
        panel.move(frame.x(), below)
    else:
        reserve_strip(panel, window, frame)


def refit_to_area(panel: DemoPanel, window: QWidget, area: QRect) -> None:
    """The kiosk window and the panel on a screen whose available area is now ``area``:
    a kiosk that filled the screen fills it again, in its new shape; one of its own size
    keeps it, inside the area; then the panel goes beside, below or into a strip."""
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    if panel.property("fills_screen"):
        window.setFixedSize(area.width() - extra_w, area.height() - extra_h)
        window.move(area.topLeft())
    else:
        size = panel.property("kiosk_size")
        if isinstance(size, QSize):
            window.setFixedSize(size)  # as before its strip was taken
        if not area.contains(window.frameGeometry()):
            window.move(area.topLeft())
    place_demo_panel(panel, window, area)


def folded_height(panel: DemoPanel) -> int:
    """How tall the folded panel is, frame included (the strip it needs)."""
    panel.set_collapsed(True)
    return panel.frameGeometry().height()


def reserve_strip(panel: DemoPanel, window: QWidget, area: QRect) -> None:
    """Fold the panel into a strip of its own at the foot of ``area`` (the room the kiosk
    window has) and give the kiosk window the rest. No spot on the kiosk is free on every
    screen at every size: a free spot among the controls still lay on headings, on half
    a tracking number and, in portrait, on the maintenance panel's 退出维护 (try-out 5).
    The strip is as tall as the folded button; unfolded, the panel lies over the kiosk
    (the presenter's choice) until it folds again, back into the strip."""
    height = folded_height(panel)
    # ``area`` is in frame terms, the fixed size in the window's own (a platform may
    # draw a frame even without a window manager).
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    # Fixed, as pin_to_panel holds it (ui/launcher.py): without a window manager a
    # screen asking for more room would grow the window into the strip.
    window.setFixedSize(area.width() - extra_w, area.height() - height - extra_h)
    window.move(area.topLeft())
    spot = QPoint(area.left(), area.top() + area.height() - height)
    panel.setProperty("strip", spot)
    panel.move(spot)
    panel.follow(window)


def follow_free_spot(panel: DemoPanel, window: QWidget) -> None:
    """Keep the folded panel on a spot of ``window`` no enabled control uses: now, and
    each time the window shows a screen (its ``screen_shown`` signal; no polling)."""
    move_to_free_spot(panel, window)
    panel.follow(window)


# Text a citizen or presenter must see, never under the folded panel (try-out 4: it sat
# on the header's clock and centre name in portrait, and on "第 1 步，共 2 步").
MUST_SEE = (
    "header_centre",
    "header_clock",
    "kiosk_name",
    "steps_bar",
    "form_progress",
    "tracking_number",
    # The queue number and whether its slip printed (try-out 6, 21: the unfolded panel
    # lay on "1-A001" and 已打印 at 1280x800).
    "ticket_number",
    "ticket_print_state",
    # Whether the kiosk is online (try-out 7, 38: unfolded at 1280x800 it left "络正常").
    "net_status",
)


# Text the unfolded panel keeps off next, where the screen leaves a spot after MUST_SEE:
# the receipt's body, what to take away and bring, whether it printed, when it will be
# done and its QR code (try-out 8, R2: at 1920x1080 it lay on 请取走您的证件和回执 and
# 预计办结), and the lines a citizen checks before submitting
# (at 1080x1920 on 证件号码 and the form's answers). A tier of its own, so keeping off
# these never puts the panel on a queue number or a tracking number instead.
READ_NEXT = (
    "take_card",
    "print_state",
    "submitted_bring",
    "take_items",
    "submitted_headline",
    "submitted_details",
    "receipt_qr",
    "review_service",
    "review_name",
    "review_id",
    "review_agent",
    "review_agent_id",
    "review_line",
)


def must_see_of(window: QWidget, names: tuple[str, ...] = MUST_SEE) -> list[QRect]:
    """Where the kiosk's must-see texts (``names``) are shown, in global coordinates: a
    label's text where it is drawn, not the whole label (the queue number stands centred
    in half the page: its label's empty sides may be covered)."""
    out = []
    for name in names:
        for w in window.findChildren(QWidget, name):
            if w.isVisible() and w.width() > 0:
                out.append(QRect(w.mapToGlobal(QPoint(0, 0)), w.size()))
                if isinstance(w, QLabel) and w.text() and not w.wordWrap():
                    drawn = w.fontMetrics().boundingRect(
                        w.contentsRect(), int(w.alignment()), w.text()
                    )
                    out[-1] = QRect(w.mapToGlobal(drawn.topLeft()), drawn.size())
    return out


# The kiosk's own bars: the header (back, 首页, English, 长辈模式, 呼叫工作人员), the
# top row of buttons when it has one, and the status bar at the foot (字号, 颜色, the
# voice's buttons).
BARS = ("header", "chrome", "statusbar")


def chrome_of(window: QWidget) -> list[QRect]:
    """The kiosk's own bars' controls (back, home, English, 长辈模式, 呼叫工作人员, 字号,
    颜色, …) in global coordinates: the unfolded panel keeps off them first."""
    out = []
    for bar_name in BARS:
        for bar in window.findChildren(QWidget, bar_name):
            if not bar.isVisible():
                continue
            for w in bar.findChildren(QAbstractButton):
                if w.isVisible() and w.isEnabled():
                    out.append(QRect(w.mapToGlobal(QPoint(0, 0)), w.size()))
    return out


def kept_clear_of(window: QWidget) -> list[QRect]:
    """What the unfolded panel keeps off first, in global coordinates: the bars' controls
    and whether the kiosk is online (the state F12 changes; at 1280x800 over a receipt
    the panel lay on "Offline"). The network state's whole cell in its bar, not only its
    text: at 1920x1080 in 长辈模式 at 字号 4/4 the panel ended 4 px over "网络正常"."""
    net = [
        QRect(w.mapToGlobal(QPoint(0, 0)), w.size())
        for w in window.findChildren(QWidget, "net_status")
        if w.isVisible() and w.width() > 0
    ]
    return chrome_of(window) + net


def texts_of(window: QWidget) -> list[QRect]:
    """Where any of the kiosk's visible texts and pictures are drawn, in global
    coordinates: a label's lines (wrapped ones too), not its whole width."""
    out = []
    for w in window.findChildren(QLabel):
        if not w.isVisible() or w.width() <= 0:
            continue
        if not w.text():
            if not w.pixmap().isNull():
                out.append(QRect(w.mapToGlobal(QPoint(0, 0)), w.size()))
            continue
        flags = int(w.alignment()) | (int(Qt.TextFlag.TextWordWrap) if w.wordWrap() else 0)
        drawn = w.fontMetrics().boundingRect(w.contentsRect(), flags, w.text())
        out.append(QRect(w.mapToGlobal(drawn.topLeft()), drawn.size()))
    return out


def controls_of(window: QWidget) -> list[QRect]:
    """Where the kiosk's visible, enabled controls are, in global coordinates."""
    out = []
    for w in window.findChildren(QWidget):
        if isinstance(w, QAbstractButton | QLineEdit) and w.isVisible() and w.isEnabled():
            out.append(QRect(w.mapToGlobal(QPoint(0, 0)), w.size()))
    return out


def free_spot(window: QWidget, size: QSize, corner: int) -> QPoint | None:
    """The top-left of a ``size`` rectangle in ``window`` over no enabled control and
    clear of its four ``corner``-sized corners: the header first, then the window scanned
    from the top right; None when there is no such place."""
    area = QRect(window.mapToGlobal(QPoint(0, 0)), window.size())
    corners = [
        QRect(area.left(), area.top(), corner, corner),
        QRect(area.right() - corner + 1, area.top(), corner, corner),
        QRect(area.left(), area.bottom() - corner + 1, corner, corner),
        QRect(area.right() - corner + 1, area.bottom() - corner + 1, corner, corner),
    ]
    taken = controls_of(window) + must_see_of(window) + corners
    candidates: list[QPoint] = []
    header = window.findChild(QWidget, "header")
    if header is not None and header.isVisible():
        h = QRect(header.mapToGlobal(QPoint(0, 0)), header.size())
        y = h.center().y() - size.height() // 2
        candidates += [QPoint(h.right() - size.width() + 1, y), QPoint(h.left(), y)]
    step = max(4, size.height() // 2)
    for y in range(area.top(), area.bottom() - size.height() + 2, step):
        for x in range(area.right() - size.width() + 1, area.left() - 1, -step):
            candidates.append(QPoint(x, y))
    for p in candidates:
        r = QRect(p, size)
        if area.contains(r) and not any(r.intersects(t) for t in taken):
            return p
    return None


def least_covering_spot(window: QWidget, size: QSize) -> QPoint | None:
    """The top-left of a ``size`` rectangle in ``window`` that covers the least: none of
    the bars' controls nor the network state when possible, then no must-see text, then
    the fewest controls by area; never the maintenance gesture's corners. None when
    ``size`` does not fit."""
    found = best_spot(window, size)
    return found[5] if found is not None else None


def best_spot(window: QWidget, size: QSize) -> tuple[int, int, int, int, int, QPoint] | None:
    """:func:`least_covering_spot` with what it covers: (area of the bars' controls and
    the network state, area of other must-see text, area of READ_NEXT text, area of
    other controls, area of any other text, top-left). Any text counts last: among the
    spots that cover no control, one on the page's empty part rather than on its
    question (try-out 11, C8: at 1920x1080 it lay on 查询's question and the number
    typed, the first such spot scanning from the left, with the right half empty)."""
    area = QRect(window.mapToGlobal(QPoint(0, 0)), window.size())
    if size.width() > area.width() or size.height() > area.height():
        return None
    corner = window.tokens().mm(12) if hasattr(window, "tokens") else 48
    corners = [
        QRect(area.left(), area.top(), corner, corner),
        QRect(area.right() - corner + 1, area.top(), corner, corner),
        QRect(area.left(), area.bottom() - corner + 1, corner, corner),
        QRect(area.right() - corner + 1, area.bottom() - corner + 1, corner, corner),
    ]
    controls = controls_of(window)
    first = kept_clear_of(window)
    keep = must_see_of(window)
    read = must_see_of(window, READ_NEXT)
    texts = texts_of(window)
    best: tuple[int, int, int, int, int, QPoint] | None = None
    step = max(8, min(size.width(), size.height()) // 6)
    for y in range(area.bottom() - size.height() + 1, area.top() - 1, -step):
        for x in range(area.left(), area.right() - size.width() + 2, step):
            r = QRect(QPoint(x, y), size)
            if any(r.intersects(c) for c in corners):
                continue
            hard = sum(_overlap(r, k) for k in first)
            kept = sum(_overlap(r, k) for k in keep)
            later = sum(_overlap(r, k) for k in read)
            covered = sum(_overlap(r, c) for c in controls)
            if best is not None and (hard, kept, later, covered) > best[:4]:
                continue  # (the texts' sum only where it can decide)
            text = sum(_overlap(r, t) for t in texts)
            if best is None or (hard, kept, later, covered, text) < best[:5]:
                best = (hard, kept, later, covered, text, QPoint(x, y))
    return best


def covered_by(panel: QWidget, window: QWidget) -> list[str]:
    """The kiosk's visible controls and texts that ``panel`` lies over, by class, name
    and text (empty when it covers nothing). A part scrolled out of view does not count."""
    if not panel.isVisible():
        return []
    frame = panel.frameGeometry()
    out = []
    for w in window.findChildren(QWidget):
        if isinstance(w, QLabel):
            text = w.text()
            if not text and w.pixmap().isNull():
                continue
        elif isinstance(w, QAbstractButton | QLineEdit):
            text = w.text()
        else:
            continue
        seen = visible_rect(w, window)
        if seen.isEmpty():
            continue
        if QRect(window.mapToGlobal(seen.topLeft()), seen.size()).intersects(frame):
            out.append(f"{type(w).__name__}('{w.objectName()}') {text[:30]!r}")
    return out


def _overlap(a: QRect, b: QRect) -> int:
    i = a.intersected(b)
    return i.width() * i.height() if i.isValid() else 0


def move_to_free_spot(panel: DemoPanel, window: QWidget) -> None:
    """Move the folded panel to its strip, or to a free spot (it stays where it is when
    there is none)."""
    strip = panel.property("strip")
    if isinstance(strip, QPoint):
        panel.move(strip)
        return
    if not window.isVisible():
        return
    corner = window.tokens().mm(12) if hasattr(window, "tokens") else 48
    frame = panel.frameGeometry()
    here = QRect(frame.topLeft(), frame.size())
    taken = controls_of(window) + must_see_of(window)
    if window.rect().isValid() and not any(here.intersects(t) for t in taken):
        inside = QRect(window.mapToGlobal(QPoint(0, 0)), window.size()).contains(here)
        if inside and panel.property("placed"):
            return  # still clear: it does not wander
    spot = free_spot(window, frame.size(), corner)
    if spot is not None:
        panel.move(spot)
        panel.setProperty("placed", True)
