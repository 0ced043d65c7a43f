"""The tap guard: a tap that lands on a control the screen has just put under it is
not delivered (#14).

Older citizens often tap twice. When the first tap changes the screen (开始办理 →
identify, 拍照 → the photo's three buttons, a notice opening or closing), the second
one lands on whatever the new screen has at that point: 我是为他人办理, 使用并再拍一页,
呼叫工作人员. For a moment after each change (the *settle time*) a press is delivered
only to a control that was already under that point before the change: taps on a
control that stayed in place (the mode switch tapped again to undo it, a keypad key)
go through at once, and anything else is dropped without a trace on screen. A tap on a
control is itself such a change (its press and its release): it may swap the screen's
controls in place without the screen telling the guard (try-out 5: a counter tapped twice
took a queue number, as 现场取号 came where the counter was).

Where taps are seen: a touch reaches the window (its QWindow) before any widget, and
the window's input watcher asks :meth:`TapGuard.drops_window_press` about each press,
at no cost beyond that watcher's. Synthetic taps (QTest on a widget: tests, the tour)
skip the window, so the application's event filter is hooked as well while the guard
is armed, from the turn of the event loop after the change: the new screen lays out
and paints first, without a Python call per event (~900 events a screen change).

Cost: nothing between changes. A change takes a snapshot of the visible controls'
rectangles (well under a millisecond); the filters look at the event's type first and
do work only for a press.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QEvent, QEventLoop, QObject, QPoint, QRect, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QWidget

log = logging.getLogger(__name__)

# Two taps that belong together come at most ~300 ms apart (Android's double-tap
# window is 300 ms, Qt's and Windows' double-click interval 400-500 ms), and nobody
# reads a new screen and aims at it in under ~300 ms: a tap on a control that arrived
# sooner was aimed at the screen before. 350 ms covers the double tap and leaves a
# deliberate tap on the new screen unhindered. 长辈模式 multiplies it by the assisted
# factor (as it does the idle timeouts): slower double taps, slower reading.
# The value is [timeouts] tap_settle_ms (kiosk/settings.py), 350 by default.

PRESSES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick})
RELEASE = QEvent.Type.MouseButtonRelease
CONTROLS = (QAbstractButton, QLineEdit)


def control_of(w: QObject | None) -> QWidget | None:
    """The control a press on ``w`` is for: ``w`` or the nearest control holding it."""
    while isinstance(w, QWidget):
        if isinstance(w, CONTROLS):
            return w
        if w.isWindow():
            return None
        w = w.parentWidget()
    return None


class SettleClock:
    """The guard's time, and how a synthetic tap waits for it to pass.

    This one is the real clock: a wait runs the event loop until then, as a citizen
    looks at a new screen before touching it. A test suite that stages hundreds of
    screens gives the window a clock that looks ahead instead (``MainWindow(...,
    tap_clock=...)``): the guard is the same, only the wait is not slept out.
    """

    def now(self) -> float:
        """Seconds on a monotonic clock."""
        return time.monotonic()

    def wait(self, seconds: float) -> None:
        """Let ``seconds`` pass with the event loop running (not spinning a core)."""
        # processEvents(flags, ms) returns at once when nothing is pending (its
        # WaitForMoreEvents is ignored with a time limit): that spun a core for the
        # whole settle time. A loop quit by a timer sleeps until then.
        loop = QEventLoop()
        QTimer.singleShot(max(1, min(10, round(seconds * 1000))), loop.quit)
        loop.exec()


class TapGuard(QObject):
    """Drops presses on controls that were not under the finger before a change."""

    def __init__(
        self,
        top: QWidget,
        roots: Callable[[], Iterable[QWidget]],
        settle_ms: Callable[[], float],
        clock: SettleClock | None = None,
    ) -> None:
        super().__init__(top)
        self._top = top
        self._roots = roots  # where a citizen can tap now (the page and bars, or a notice)
        self._settle_ms = settle_ms
        self.clock = clock or SettleClock()  # the settle time's clock (tests: a look-ahead one)
        # Controls under the finger before the change: (control, where, since when).
        self._before: list[tuple[QWidget, QRect, float]] = []
        self._changed_at = 0.0  # the clock's time of the latest change
        self._until = 0.0  # the clock's time when the settle time is over
        self._armed = False  # a snapshot is held and the settle time runs
        self._hooked = False  # the application's filter is installed
        self._eating = False  # the press was dropped: drop its release too
        self._tapping = False  # a delivered press on a control: its release is a change too
        self.dropped = 0  # presses dropped so far (for tests and the log)
        # Whole-screen switches just tapped, and when they take a tap again (see hold).
        self._held: dict[int, tuple[QWidget, float]] = {}
        # Controls that take taps at once until the guard opens again (see in_place).
        self._in_place: dict[int, QWidget] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._settled)

    # --- a change ------------------------------------------------------------------

    def before_change(self) -> None:
        """Call before the controls under a finger may change (a screen, a notice)."""
        now = self.clock.now()
        if self._armed and now >= self._until:
            self._open()  # settled already (its timer has not fired yet)
        if not self._armed:
            # On screen before the change, and settled: these take taps at once.
            self._before = [(w, r, -math.inf) for w, r in self._snapshot()]
            self._armed = True
            QTimer.singleShot(0, self, self._hook)
        else:
            # Changes in a row (a screen, then its notice or a late answer) still
            # compare with what was on screen before the first: what the citizen last
            # saw settled. A control the previous change brought, still in its place,
            # takes taps once it has been there for the settle time, like any other.
            # A control the previous change took away (or covered: a notice opening
            # over the home screen) is forgotten, so it is new again when it comes
            # back: the tiles under 请取走您的证件 counted as settled once it closed,
            # and a touch meant for its 好的 opened 评价 (try-out 5, item 16).
            snapshot = self._snapshot()
            present = {id(w) for w, _ in snapshot}
            kept = [(w, r, t) for w, r, t in self._before if id(w) in present]
            known = {(id(w), r.getRect()) for w, r, _ in kept}
            self._before = kept + [
                (w, r, self._changed_at) for w, r in snapshot if (id(w), r.getRect()) not in known
            ]
        self._changed_at = now
        ms = self._settle_ms()
        self._until = now + ms / 1000
        self._timer.start(round(ms) + 1)

    def renew(self, control: QWidget) -> None:
        """``control`` stays where it is but now answers another question (长辈模式's
        下一步 / 确认 under a new question): for the settle time, a tap on it is taken as
        meant for what was there before and dropped, as a tap on a new control is."""
        if not self._armed:
            self.before_change()
        now = self.clock.now()
        self._before = [(w, r, now if w is control else t) for w, r, t in self._before]

    def in_place(self, controls: Iterable[QWidget]) -> None:
        """``controls`` came where the citizen is already looking and tapping, by their
        own tap on a control beside them (a keyboard's 拼音 / ABC / 数字): they take taps
        at once. A letter typed right after 拼音 was dropped as if the screen had put it
        under the finger ("12" + h-a-o became "12ao": try-out 14, E2). A second tap on
        the mode key itself is on a control that stayed, and changes nothing."""
        if self._armed:
            # By the control, not its rectangle: the keys just shown are not laid out yet.
            self._in_place.update((id(w), w) for w in controls)

    def _hook(self) -> None:
        app = QApplication.instance()
        if self._armed and not self._hooked and app is not None:
            app.installEventFilter(self)
            self._hooked = True

    def _snapshot(self) -> list[tuple[QWidget, QRect]]:
        top = self._top
        out = []
        for root in self._roots():
            if not root.isVisible():
                continue
            for kind in CONTROLS:  # found by type in C++: no wrapper for every label
                for w in root.findChildren(kind):
                    if w.isVisible():
                        out.append((w, QRect(w.mapTo(top, QPoint(0, 0)), w.size())))
        return out

    def hold(self, control: QWidget, ms: float) -> None:
        """``control`` (a switch that changes the whole screen: 长辈模式, 中文/English,
        标准色) takes no tap for ``ms``: the second tap of a double tap would undo the
        first. Such a switch keeps its place under the finger, so the settle time lets
        that tap through (try-out 6: 长辈模式 tapped twice stayed off)."""
        self._held[id(control)] = (control, self.clock.now() + ms / 1000)

    def held_ms(self, control: QWidget | None) -> float:
        """How long ``control`` still takes no tap (0: it does)."""
        if control is None:
            return 0.0
        w, until = self._held.get(id(control), (None, 0.0))
        if w is not control:
            return 0.0
        left = (until - self.clock.now()) * 1000
        if left <= 0:
            del self._held[id(control)]
            return 0.0
        return left

    def wait_left_ms(self, w: QWidget) -> float:
        """How long until a tap on ``w`` is delivered: the settle time, or its hold."""
        return max(self.settle_left_ms(), self.held_ms(control_of(w)))

    def settle_left_ms(self) -> float:
        """How long until taps on new controls are delivered again (0: open)."""
        if not self._armed:
            return 0.0
        return max(0.0, (self._until - self.clock.now()) * 1000)

    def would_drop(self, w: QWidget, pos: QPoint | None = None) -> bool:
        """Whether a press on ``w`` (at ``pos`` in it, default its centre) would be dropped now."""
        control = control_of(w)
        if self.held_ms(control) > 0:
            return True
        if control is None or self.settle_left_ms() <= 0:
            return False
        at = w.mapTo(self._top, pos if pos is not None else w.rect().center())
        return not self._was_under(control, at)

    def _was_under(self, control: QWidget, at: QPoint) -> bool:
        # Under that point before the change, for at least the settle time by now.
        if self._in_place.get(id(control)) is control:
            return True
        seen_by = self.clock.now() - self._settle_ms() / 1000
        return any(w is control and r.contains(at) and t <= seen_by for w, r, t in self._before)

    def _settled(self) -> None:
        # The timer runs on real time; the settle time is the guard's clock's (a test's
        # clock may stand still or look ahead): open only when that says so.
        left = self.settle_left_ms()
        if left > 0:
            self._timer.start(round(left) + 1)
            return
        self._open()

    def _open(self) -> None:
        app = QApplication.instance()
        if app is not None and self._hooked:
            app.removeEventFilter(self)
        self._hooked = False
        self._armed = False
        self._before = []
        self._in_place = {}
        self._eating = False

    # --- the filters -----------------------------------------------------------------

    def drops_window_press(self, event: QEvent) -> bool:
        """For the window's input watcher: whether to drop this event reaching the window
        (a press on a control that just arrived under it, or that press's release).

        A press delivered to a control counts as a change, and so does its release:
        the tap may change the screen's own controls in place (the appointment
        screen's counters → 现场取号 / 预约时间, a pager's page, a form's next step)
        without any screen telling the guard. Try-out 5 found that leak; counting
        every tap means no screen has to remember (the notices and screens still say
        so too, for changes no tap makes: a late answer, a timer)."""
        kind = event.type()
        if kind == RELEASE:
            if self._eating:
                self._eating = False
                return True
            if self._tapping:
                # The click (and the change it makes) comes as this release is delivered.
                self._tapping = False
                self.before_change()
            return False
        if kind not in PRESSES or not isinstance(event, QMouseEvent):
            return False
        at = event.position().toPoint()  # window coordinates
        target = self._top.childAt(at)
        if self.held_ms(control_of(target)) > 0:
            self._eating = True  # the second tap of a double tap on a switch
            self.dropped += 1
            return True
        if self._armed and self._decide(target, at):
            return True
        if control_of(target) is not None:
            self._tapping = True
            self.before_change()  # what was under the finger before this tap
        return False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Drop a press (and its release) on a control that just arrived under it."""
        kind = event.type()
        if kind == RELEASE and self._eating:
            self._eating = False
            return True
        if kind not in PRESSES or not isinstance(obj, QWidget):
            return False
        if not isinstance(event, QMouseEvent) or obj.window() is not self._top:
            return False  # another window (the demo panel) has nothing to settle
        return self._decide(obj, obj.mapTo(self._top, event.position().toPoint()))

    def _decide(self, target: QWidget | None, at: QPoint) -> bool:
        if self.clock.now() >= self._until:
            self._open()  # the timer is late (a busy event loop): settled all the same
            return False
        control = control_of(target)
        if control is None or self._was_under(control, at):
            return False
        self._eating = True
        self.dropped += 1
        log.debug("tap on %s dropped: it arrived under the finger", control.objectName())
        return True

    def close(self) -> None:
        """Unhook (the window is closing)."""
        self._timer.stop()
        self._open()


def wait_until_tappable(w: QWidget, timeout_s: float = 5.0) -> None:
    """Run the event loop until a tap on ``w``'s centre would be delivered.

    For synthetic taps (the screenshot tour, tests): a citizen looks at a new screen
    before touching it, so a tap sent microseconds after a change waits as long as
    the window's guard asks (on the guard's clock), and no longer; taps on controls
    that stayed in place never wait.
    """
    if not isinstance(w, QWidget) or not shiboken6.isValid(w):
        return  # a window's own way in (QTest on its QWindow), or a widget gone
    guard = getattr(w.window(), "tap_guard", None)
    if not isinstance(guard, TapGuard):
        return
    end = time.monotonic() + timeout_s
    while shiboken6.isValid(w) and guard.would_drop(w) and time.monotonic() < end:
        guard.clock.wait(guard.wait_left_ms(w) / 1000)
