"""The tap guard on a clock the test moves: which taps it drops, without sleeping.

tests/ui/test_tap_guard.py drives the real window in real time; here a bare window and
a guard on a hand-moved clock pin down the rule (ui/tap_guard.py): a press is dropped
only on a control that has been under that point for less than the settle time.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from tests.support.tap_clock import LookAheadClock, StillClock
from ui.tap_guard import SettleClock, TapGuard, wait_until_tappable

SETTLE_MS = 350.0


class HandClock(SettleClock):
    """Time moves only when the test says."""

    def __init__(self) -> None:
        self.t = 1000.0

    def now(self) -> float:
        return self.t

    def wait(self, seconds: float) -> None:
        QApplication.processEvents()
        self.t += seconds


class Rig:
    def __init__(self, qtbot, clock: SettleClock) -> None:  # type: ignore[no-untyped-def]
        self.top = QWidget()
        qtbot.addWidget(self.top)
        self.top.resize(400, 300)
        self.top.tap_guard = TapGuard(  # type: ignore[attr-defined]
            self.top, lambda: [self.top], lambda: SETTLE_MS, clock
        )
        self.guard: TapGuard = self.top.tap_guard  # type: ignore[attr-defined]
        self.taps: list[str] = []
        self.top.show()
        qtbot.waitExposed(self.top)

    def button(self, name: str, y: int, shown: bool = True) -> QPushButton:
        b = QPushButton(name, self.top)
        b.setObjectName(name)
        b.setGeometry(10, y, 120, 40)
        b.clicked.connect(lambda _=False: self.taps.append(name))
        b.setVisible(shown)
        return b

    def tap(self, b: QPushButton) -> bool:
        """A synthetic tap that does not wait; whether it was delivered."""
        QApplication.processEvents()  # the guard hooks the application a loop turn later
        before = len(self.taps)
        QTest.mouseClick(b, Qt.MouseButton.LeftButton)
        return len(self.taps) > before


def test_a_tap_that_does_not_wait_is_dropped_on_the_look_ahead_clock(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The suite's clock looks ahead only for taps that wait: the others are dropped
    as a citizen's double tap is, and a wait costs no real sleep (the clock moved)."""
    clock = LookAheadClock()
    r = Rig(qtbot, clock)
    new = r.button("new", 100, shown=False)
    r.guard.before_change()
    new.show()
    assert not r.tap(new)
    assert r.guard.dropped == 1
    wait_until_tappable(new)
    assert clock.ahead > 0  # the settle time was looked past, not slept
    assert r.tap(new)


def test_a_control_that_stayed_in_place_takes_the_tap_at_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    r = Rig(qtbot, HandClock())
    stay = r.button("stay", 10)
    r.button("new", 100, shown=False)
    r.guard.before_change()
    r.top.findChild(QPushButton, "new").show()
    assert r.tap(stay)
    assert r.guard.dropped == 0


def test_changes_in_a_row_do_not_hold_back_a_control_seen_for_the_settle_time(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A screen, then within the settle time another change (a page's buttons, a late
    answer): a control that came with the first change and stayed through the second
    takes the tap once it has been on screen for the settle time, not only once the
    settle time after the second change is over."""
    clock = HandClock()
    r = Rig(qtbot, clock)
    first = r.button("first", 10, shown=False)
    second = r.button("second", 100, shown=False)
    r.guard.before_change()  # t = 0: "first" arrives
    first.show()
    clock.t += 0.2
    r.guard.before_change()  # t = 0.2: "second" arrives, "first" stays
    second.show()
    clock.t += 0.1  # t = 0.3: "first" on screen for 0.3 s
    assert not r.tap(first)
    clock.t += 0.1  # t = 0.4: for 0.4 s, longer than the settle time
    assert r.tap(first)
    assert not r.tap(second)  # on screen for 0.2 s only
    clock.t += 0.2  # t = 0.6: the settle time after the second change is over
    assert r.tap(second)


def test_on_the_real_clock_a_tap_waits_out_the_settle_time(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The product's clock: a tap at once is dropped, one after the wait is delivered."""
    clock = SettleClock()
    r = Rig(qtbot, clock)
    new = r.button("new", 100, shown=False)
    r.guard.before_change()
    new.show()
    assert not r.tap(new)
    wait_until_tappable(new)  # sleeps, with the event loop running
    assert r.tap(new)


def test_the_guard_opens_by_its_own_clock_not_by_its_timer(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The guard's timer runs on real time; when its clock says the settle time is not
    over (a test's still clock), the timer does not open it."""
    r = Rig(qtbot, StillClock())
    new = r.button("new", 100, shown=False)
    r.guard.before_change()
    new.show()
    qtbot.wait(round(SETTLE_MS * 1.3))  # the timer has fired
    assert not r.tap(new)
    wait_until_tappable(new)
    assert r.tap(new)
