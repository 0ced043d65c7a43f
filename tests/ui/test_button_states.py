"""Pressed and disabled buttons look pressed and disabled, in both modes and every
contrast theme: measured on the pixels of the real buttons, pressed with the mouse
(held down, not clicked) and disabled by the kiosk itself (reprint locked after three
wrong ID numbers)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from drivers.printer.document import Document, Text
from kiosk.flow import Journey, Screen
from tests.ui.helpers import wait_until_tappable
from ui import theme
from ui.a11y import image_array, text_contrast

TN = "M001-261123-0001C"
OWNER = "11010519491231002X"


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _shown(window, name: str) -> QAbstractButton:  # type: ignore[no-untyped-def]
    found = [b for b in window.findChildren(QAbstractButton, name) if b.isVisible()]
    assert found, f"no visible {name!r}"
    return found[0]


def _tap(qtbot, window, name: str) -> None:  # type: ignore[no-untyped-def]
    wait_until_tappable(_shown(window, name))
    qtbot.mouseClick(_shown(window, name), Qt.MouseButton.LeftButton)
    _settle()


def _pixels(w: QWidget) -> np.ndarray:
    return image_array(w.grab().toImage())


def _fill(px: np.ndarray) -> int:
    """The button's fill: the most common colour inside its edge."""
    h, w = px.shape
    inner = px[h // 5 : h - h // 5, w // 10 : w - w // 10]
    colours, counts = np.unique(inner, return_counts=True)
    return int(colours[np.argmax(counts)])


def _hex(rgb: int) -> str:
    return f"#{rgb:06X}"


def _held(qtbot, b: QAbstractButton) -> np.ndarray:  # type: ignore[no-untyped-def]
    """The button's pixels while a finger holds it down (released off the button after,
    so nothing is triggered)."""
    wait_until_tappable(b)
    QTest.mousePress(b, Qt.MouseButton.LeftButton, pos=b.rect().center())
    _settle()
    assert b.isDown()
    px = _pixels(b)
    QTest.mouseMove(b, QPoint(-50, -50))
    QTest.mouseRelease(b, Qt.MouseButton.LeftButton, pos=QPoint(-50, -50))
    _settle()
    return px


def _floor(window) -> float:  # type: ignore[no-untyped-def]
    return 7.0 if window.tokens().name.startswith("assisted") else 4.5


def _check_pressed(qtbot, window, b: QAbstractButton, fill: str, label: str) -> None:  # type: ignore[no-untyped-def]
    up = _pixels(b)
    down = _held(qtbot, b)
    assert _fill(up) != _fill(down), (b.objectName(), _hex(_fill(up)))
    assert _hex(_fill(up)) == fill.upper()
    assert _hex(_fill(down)) == theme.pressed_fill(fill, label, _floor(window))
    # The label sinks: rows of the pressed image differ beyond the fill change alone.
    changed = np.mean(up != down)
    assert changed > 0.5, changed
    contrast = text_contrast(down, QRect(0, 0, down.shape[1], down.shape[0]))
    assert contrast is not None and contrast >= _floor(window), contrast


CONFIGS = [(assisted, taps) for assisted in (False, True) for taps in range(3)]


@pytest.mark.parametrize(("assisted", "contrast_taps"), CONFIGS)
def test_pressed_and_disabled_buttons_show_it(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot, assisted: bool, contrast_taps: int
) -> None:
    if assisted:
        _tap(qtbot, window, "tile_assisted")
        assert window.core.sessions.current.assisted
    for _ in range(contrast_taps):
        _tap(qtbot, window, "btn_contrast")
    t = window.tokens()
    names = {t.name}

    # A home tile and a top-bar button, held down.
    _check_pressed(qtbot, window, _shown(window, "tile_apply"), t.surface, t.text)
    _check_pressed(qtbot, window, _shown(window, "btn_contrast"), t.surface, t.text)

    # The reprint screen: a keyboard key (secondary) and the print button (primary).
    doc = Document((Text("回执"),))
    kiosk_app.backend.printing.print_document("receipt", doc, TN, owner_secret=OWNER)
    window.core.start(Journey.TRACK)
    window.core.sessions.current.tracking_number = TN
    window.core.go(Screen.REPRINT)
    window.show_screen()
    _settle()
    assert window.tokens().name in names  # the citizen's settings hold across screens
    _check_pressed(qtbot, window, _shown(window, "key_1"), t.secondary, t.secondary_text)
    button = _shown(window, "btn_reprint_receipt")
    _check_pressed(qtbot, window, button, t.primary, t.primary_text)

    enabled = _pixels(button)
    for wrong in ("110105194912310021", "110105194912310022", "110105194912310023"):
        for ch in wrong:
            _tap(qtbot, window, f"key_{ch}")
        _tap(qtbot, window, "btn_reprint_receipt")
    assert not button.isEnabled()  # locked: the kiosk disabled it, not the test
    disabled = _pixels(button)
    fill, _label, _edge = theme.disabled_colours(t)
    assert _hex(_fill(disabled)) == fill.upper() and _fill(disabled) != _fill(enabled)
    # A fill closer to the page than the enabled one: it recedes.
    page = t.bg
    assert theme.contrast(fill, page) < theme.contrast(_hex(_fill(enabled)), page)
    # Its label still reads (it names what the button would do).
    whole = QRect(0, 0, disabled.shape[1], disabled.shape[0])
    contrast = text_contrast(disabled, whole)
    assert contrast is not None and contrast >= _floor(window), contrast


def test_every_theme_keeps_pressed_and_disabled_labels_readable() -> None:
    """The computed colours for every mode and contrast theme meet the text floors."""
    for base in (theme.NORMAL, theme.ASSISTED):
        for contrast in theme.CONTRASTS:
            t = theme.personalise(base, 0, contrast)
            floor = 7.0 if t.name.startswith("assisted") else 4.5
            for fill, label in (
                (t.secondary, t.secondary_text),
                (t.primary, t.primary_text),
                (t.danger, t.danger_text),
                (t.surface, t.text),
            ):
                down = theme.pressed_fill(fill, label, floor)
                assert down != fill and theme.contrast(down, label) >= floor, (t.name, fill)
            d_fill, d_label, _edge = theme.disabled_colours(t)
            assert theme.contrast(d_fill, d_label) >= floor, t.name
