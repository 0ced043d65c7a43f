"""The tracking number on the submitted page never shrinks as the citizen's text grows.

Try-out finding: at 字号 4/4 in 长辈模式 the 受理编号, the one thing the citizen must copy
down, was drawn smaller than at 1/4. On each panel the page is reached by taps from the
review's Submit, then the real 字号 button is tapped through the four steps; at each step,
in each mode and language, the number's drawn glyphs are measured on screen: never
shorter than at the step before, on one line and wholly visible, with the QR code and
the pickup details in the window, no text cut, nothing to scroll and every control
within reach.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from tests.ui.helpers import wait_until_tappable
from tests.ui.test_fit_text_sizes import needs_scrolling
from ui.a11y import out_of_reach
from ui.theme import TEXT_STEPS
from ui.tour import SCENES, stage

SIZES = [(1920, 1080), (1080, 1920), (1280, 800)]


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def ink_rect(label: QLabel) -> QRect:
    """The box, in the label, around what the window shows there in a colour other than
    the page's background (the drawn glyphs)."""
    window = label.window()
    box = QRect(label.mapTo(window, QPoint(0, 0)), label.size())
    image = window.grab(box).toImage().convertToFormat(QImage.Format.Format_RGB32)
    w, h = image.width(), image.height()
    bg = image.pixel(0, 0)
    rows = [y for y in range(h) if any(image.pixel(x, y) != bg for x in range(w))]
    if not rows:
        return QRect()
    cols = [x for x in range(w) if any(image.pixel(x, y) != bg for y in rows)]
    return QRect(min(cols), min(rows), max(cols) - min(cols) + 1, max(rows) - min(rows) + 1)


def _on_window(w: QWidget, window: QWidget) -> QRect:
    return QRect(w.mapTo(window, QPoint(0, 0)), w.size())


def _tap_text_size(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    (b,) = [b for b in window.findChildren(QAbstractButton, "btn_text_size") if b.isVisible()]
    wait_until_tappable(b)
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
    _settle()


def _problems(window, size: tuple[int, int]) -> list[str]:  # type: ignore[no-untyped-def]
    bad: list[str] = []
    if (window.width(), window.height()) != size:
        bad.append(f"window is {window.width()}x{window.height()}")
    number = window.findChild(QLabel, "tracking_number")
    area = window.rect()
    box = _on_window(number, window)
    if not number.isVisible() or not area.contains(box):
        bad.append(f"number at {box.getRect()} not wholly in the window")
    if number.visibleRegion().boundingRect() != number.rect():
        bad.append("number partly covered or clipped")
    if number.wordWrap() or "\n" in number.text():
        bad.append("number may wrap")
    for name in ("receipt_qr", "submitted_details"):
        w = window.findChild(QLabel, name)
        if w is None or not w.isVisible() or not area.contains(_on_window(w, window)):
            bad.append(f"{name} not wholly in the window")
        elif w.visibleRegion().boundingRect() != w.rect():
            bad.append(f"{name} partly hidden")
    return bad + cut_texts(window.current_page()) + out_of_reach(window) + needs_scrolling(window)


def cut_texts(page: QWidget) -> list[str]:
    """Wrapped texts on the page given less height than their lines need (cut through)."""
    bad = []
    for label in page.findChildren(QLabel):
        if label.isVisible() and label.wordWrap() and label.text():
            need = label.heightForWidth(label.width())
            if need > label.height() + 1:
                bad.append(f"{label.objectName()} cut: {label.height()} of {need} px")
    return bad


@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_number_never_shrinks_as_text_grows(window, qtbot, assisted: bool, lang: str) -> None:  # type: ignore[no-untyped-def]
    scene = next(s for s in SCENES if s.name == "submitted")
    heights: dict[tuple[int, int], list[int]] = {}
    bad: list[str] = []
    for size in SIZES:
        window.resize(*size)  # the panel, then a citizen from the review's Submit
        stage(window, scene, lang, assisted, text_step=0)
        text = window.findChild(QLabel, "tracking_number").text()
        assert len(text) >= 10  # a real tracking number is shown
        hs = heights.setdefault(size, [])
        for step in range(len(TEXT_STEPS)):
            if step:
                _tap_text_size(qtbot, window)  # the citizen's 字号 button, one step up
            assert window.display_prefs()[0] == step
            number = window.findChild(QLabel, "tracking_number")
            assert number.text() == text  # the same number, the page rebuilt at the new size
            ink = ink_rect(number)
            assert not ink.isEmpty(), "the number draws nothing"
            hs.append(ink.height())
            # Every glyph on one line: the ink is one line's height, not two.
            if ink.height() > number.fontMetrics().height():
                bad.append(f"{size} step {step + 1}: ink {ink.height()}px taller than a line")
            bad += [f"{size} step {step + 1}: {p}" for p in _problems(window, size)]
        if any(b < a for a, b in pairwise(hs)):
            bad.append(f"{size}: the number shrinks as the text grows: {hs} px")
    print(f"{lang} {'assisted' if assisted else 'normal'}: number glyph heights {heights}")
    assert not bad, "\n".join(bad)
