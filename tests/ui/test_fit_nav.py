"""Every step fits: home, the catalog, identification and the proxy steps, tapped.

At 1920x1080, 1080x1920 and 1280x800 every primary control is on screen without
scrolling (tests/ui/test_accessibility.py measures each toured scene); here the
pages those screens became are turned by taps and the citizen reaches what was on
a later page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kiosk.flow import Screen
from ui.a11y import out_of_reach
from ui.tour import SCENES, stage


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _tap(qtbot, w: QWidget) -> None:  # type: ignore[no-untyped-def]
    assert w.isVisible() and w.isEnabled(), w.objectName()
    qtbot.mouseClick(w, Qt.MouseButton.LeftButton, pos=w.rect().center())
    _settle()


def _visible(window, name: str) -> QAbstractButton:  # type: ignore[no-untyped-def]
    found = [b for b in window.findChildren(QAbstractButton, name) if b.isVisible()]
    assert found, f"no visible {name} on {window.core.screen().value}"
    return found[0]


def _scene(name: str):  # type: ignore[no-untyped-def]
    return next(s for s in SCENES if s.name == name)


def test_a_screen_not_on_display_does_not_make_the_window_grow(window) -> None:  # type: ignore[no-untyped-def]
    stage(window, _scene("manual_id"), "zh", True)  # its keypad docked: taller than 800 px
    window.core.back()
    window.show_screen()  # back on identify; the keypad's page stays built, hidden
    assert window.core.screen() == Screen.IDENTIFY
    assert window.stack.count() > 1
    window.resize(1280, 800)
    _settle()
    assert (window.width(), window.height()) == (1280, 800)


def test_the_assisted_mode_offer_hides_the_keypad_and_fits(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    stage(window, _scene("assisted_offer"), "en", False)
    window.resize(1280, 800)
    _settle()
    assert (window.width(), window.height()) == (1280, 800)
    keys = [b for b in window.findChildren(QAbstractButton) if b.objectName().startswith("key_")]
    assert keys and not any(k.isVisible() for k in keys)  # one decision on screen
    assert out_of_reach(window) == []
    _tap(qtbot, _visible(window, "btn_choice_no"))
    assert window.core.screen() == Screen.FORM
    assert not window.core.sessions.current.assisted
