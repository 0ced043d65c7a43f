"""A citizen's whole application, as taps on named buttons, for any way of tapping.

The X11 window test taps through the X server (xdotool), the UI benchmark and
widget tests through Qt; both drive the same journey so the benchmark measures
what the window test proves works.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kiosk.flow import Screen
from kiosk.tracking import parse_tracking_number
from tests.support.pages import read_the_guide, turn_pages_to
from ui.tap_guard import wait_until_tappable

SERVICE = "shuiwu.tax_record"  # one form field, nothing to photograph
ID_NUMBER = "11010519491231002X"


@dataclass
class Driver:
    """Finds widgets by object name and taps them with ``tap`` (Qt or X11)."""

    window: QWidget
    tap: Callable[[QWidget], None]
    timeout_s: float = 20.0
    transitions: list[tuple[Screen, Screen]] = field(default_factory=list)

    def settle(self, rounds: int = 3) -> None:
        for _ in range(rounds):
            QApplication.processEvents()
        self._note()

    def _note(self) -> None:
        """Record a screen change, however it came about (a tap, or a worker finishing)."""
        now = self.window.core.screen()  # type: ignore[attr-defined]
        last = self.transitions[-1][1] if self.transitions else Screen.HOME
        if now != last:
            self.transitions.append((last, now))

    def find(self, name: str) -> QWidget:
        """The visible widget called ``name`` (waits for it to appear)."""
        end = time.monotonic() + self.timeout_s
        while True:
            self.settle()
            for w in self.window.findChildren(QWidget, name):
                if w.isVisible() and w.isEnabled():
                    return w
            if time.monotonic() > end:
                raise AssertionError(f"no visible {name!r} on {self.screen()}")
            time.sleep(0.01)

    def screen(self) -> Screen:
        return self.window.core.screen()  # type: ignore[attr-defined, no-any-return]

    def click(self, name: str) -> None:
        self.turn_to(name)
        w = self.find(name)
        wait_until_tappable(w)  # a citizen looks at a new screen before touching it
        self.tap(w)
        self.settle()

    def turn_to(self, name: str) -> None:
        """If ``name`` is a tile on a later page of a list, tap 下一页 until it shows."""
        self.settle()

        def tap(button: QWidget) -> None:
            wait_until_tappable(button)
            self.tap(button)
            self.settle()

        turn_pages_to(self.window, name, tap)

    def type(self, text: str) -> None:
        for ch in text:
            self.click(f"key_{ch.upper()}")

    def wait_for(self, screen: Screen) -> None:
        end = time.monotonic() + self.timeout_s
        while self.screen() != screen:
            if time.monotonic() > end:
                raise AssertionError(f"still on {self.screen()}, expected {screen}")
            self.settle()
            time.sleep(0.01)

    def candidate(self, text: str) -> None:
        """Pick ``text`` among the pinyin candidates on display (they may come from a worker)."""
        end = time.monotonic() + self.timeout_s
        while time.monotonic() < end:
            self.settle()
            for i in range(8):
                for w in self.window.findChildren(QAbstractButton, f"cand_{i}"):
                    if w.isVisible() and w.text() == text:
                        self.tap(w)
                        self.settle()
                        return
            time.sleep(0.01)
        raise AssertionError(f"candidate {text!r} not offered")


def type_identity_by_hand(d: Driver) -> None:
    """From home: the service, its guide read, 手工输入, the ID number and 张三 typed (not yet
    confirmed)."""
    d.click("tile_apply")
    d.wait_for(Screen.CATALOG)
    d.click(f"service_{SERVICE}")
    d.wait_for(Screen.GUIDE)
    read_the_guide(d.window, d.click)
    d.click("btn_start")
    d.wait_for(Screen.IDENTIFY)
    d.click("tile_manual")
    d.wait_for(Screen.MANUAL_ID)
    d.type(ID_NUMBER)
    d.type("zhang")
    d.candidate("张")
    d.type("san")
    d.candidate("三")


def apply_by_manual_entry(d: Driver) -> str:
    """Home → service → manual identity → form → review → submit → rate; the tracking number."""
    d.wait_for(Screen.HOME)
    type_identity_by_hand(d)
    d.click("btn_confirm")
    if not d.window.core.sessions.current.assisted:  # type: ignore[attr-defined]
        d.click("btn_choice_no")  # born 1949: assisted mode is offered; decline it
    else:
        d.click("btn_choice_yes")  # 长辈模式: 是我，继续 on who was typed in
    d.wait_for(Screen.FORM)
    d.click("value_year")
    d.type("2025")
    d.click("btn_done")
    d.click("btn_next")
    d.wait_for(Screen.REVIEW)
    d.click("btn_submit")
    d.wait_for(Screen.SUBMITTED)
    shown = d.find("tracking_number").text()  # type: ignore[attr-defined]
    # The screen sets the check character apart (try-out 7, C-f); the record keeps the
    # number as minted: returned as stored, the form the outbox and platform hold.
    parsed = parse_tracking_number(str(shown))
    number = str(parsed) if parsed is not None else shown
    d.click("btn_rate")
    d.wait_for(Screen.RATE)
    d.click("rate_very_satisfied")
    d.click("btn_submit_rating")
    return str(number)
