"""The maintenance sign-in's keypad on a 1280x800 panel, in both modes (#14): its 0
and ⌫ were under the status bar (4 px of them showed), so a technician could not
type 0 of the demo PIN 246810. Each key is tapped where it is on screen, whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.flow import Screen
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_fit_text_sizes import needs_scrolling
from ui.a11y import visible_rect
from ui.theme import TEXT_STEPS
from ui.tour import DEMO_PIN, DEMO_TECHNICIAN, SCENES, stage
from ui.widgets.keypad import Keypad

SIGN_IN = next(s for s in SCENES if s.name == "maintenance")


def _key(window: QWidget, name: str) -> QAbstractButton:
    """The visible button ``name``, wholly on screen (not scrolled off or cut)."""
    shown = [b for b in window.findChildren(QAbstractButton, name) if b.isVisible()]
    assert len(shown) == 1, f"no (single) button {name!r} on screen"
    b = shown[0]
    whole = QRect(b.mapTo(window, b.rect().topLeft()), b.size())
    assert visible_rect(b, window) == whole, f"{name} is cut to {visible_rect(b, window)}"
    wait_until_tappable(b)  # the tap guard (ui/tap_guard.py) after a screen change
    return b


def _type(window: QWidget, qtbot, keys: str) -> None:  # type: ignore[no-untyped-def]
    for ch in keys:
        qtbot.mouseClick(
            _key(window, "key_backspace" if ch == "<" else f"key_{ch}"), Qt.MouseButton.LeftButton
        )


@pytest.mark.parametrize("assisted", [False, True], ids=["standard", "assisted"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_zero_and_backspace_type_at_1280x800(window, qtbot, lang: str, assisted: bool) -> None:  # type: ignore[no-untyped-def]
    stage(window, SIGN_IN, lang, assisted, text_step=0)
    window.resize(1280, 800)
    qtbot.wait(50)
    pad = next(k for k in window.findChildren(Keypad, "keypad") if k.isVisible())
    echo = next(e for e in window.findChildren(QWidget, "pin_echo") if e.isVisible())
    _type(window, qtbot, "1009<0")  # a slip, taken back with ⌫
    assert pad.text() == DEMO_TECHNICIAN == "1000"
    assert DEMO_TECHNICIAN in echo.text()
    qtbot.mouseClick(_key(window, "btn_next"), Qt.MouseButton.LeftButton)
    _type(window, qtbot, "2468100<")
    assert pad.text() == DEMO_PIN == "246810"
    assert DEMO_PIN not in echo.text()  # dots only
    qtbot.mouseClick(_key(window, "btn_unlock"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(b.isVisible() for b in window.findChildren(QAbstractButton, "tab_devices")),
        timeout=5000,
    )
    assert window.core.screen() == Screen.MAINTENANCE


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sign_in_fits_1280x800_at_every_text_step_in_assisted_mode(
    window, qtbot, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """At 字号 4/4 in 长辈模式 the sign-in page was 2 px taller than its room and scrolled
    (#14): a technician had to drag the page to see its last pixels of buttons. At every
    step, largest first, nothing scrolls and the number types by taps."""
    for step in reversed(range(len(TEXT_STEPS))):
        stage(window, SIGN_IN, lang, True, text_step=step)
        window.resize(1280, 800)
        qtbot.wait(20)
        assert needs_scrolling(window) == [], f"字号 {step + 1}/4"
        assert (window.width(), window.height()) == (1280, 800)
    pad = next(k for k in window.findChildren(Keypad, "keypad") if k.isVisible())
    _type(window, qtbot, "10<000")
    assert pad.text() == DEMO_TECHNICIAN
