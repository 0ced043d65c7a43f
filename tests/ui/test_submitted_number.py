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

from kiosk.events import Device, DeviceStatusChanged, Health
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_fit_text_sizes import needs_scrolling
from ui.a11y import out_of_reach
from ui.clipping import clipped_texts
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


def _turn_pages(window, qtbot, size: tuple[int, int]) -> tuple[list[str], set[str]]:  # type: ignore[no-untyped-def]
    """Problems on each page of the texts (turned by taps on ▶), and the texts seen."""
    problems: list[str] = []
    seen: set[str] = set()
    for _ in range(6):
        problems += [p for p in _problems(window, size) if "submitted_details not" not in p]
        seen |= {
            w.objectName()
            for w in window.current_page().findChildren(QLabel)
            if w.isVisible() and (w.text() or not w.pixmap().isNull())
        }
        nxt = window.findChild(QAbstractButton, "submitted_page_next")
        if nxt is None or not nxt.isVisible() or not nxt.isEnabled():
            break
        wait_until_tappable(nxt)
        qtbot.mouseClick(nxt, Qt.MouseButton.LeftButton)
        _settle()
    return problems, seen


# (state, lang, mode, step) still cut at 1280x800 (none now: the offline explanation in
# English, 长辈模式, 字号 3-4/4 was the last, fixed by its compact form). A ratchet: a new
# gap fails, and so does one fixed but still listed.
KNOWN_CUT: set[tuple[str, str, str, int]] = set()


@pytest.mark.parametrize("state", ["offline", "paper_out"])
@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
def test_fault_states_fit_a_short_panel(window, qtbot, state: str, assisted: bool) -> None:  # type: ignore[no-untyped-def]
    """Saved offline (a longer headline) or with the paper out (the QR is the receipt):
    on 1280x800 the longer messages fit too, at every text step, as pages where the
    room runs out (turned by taps), never cut; every text is on one of the pages."""
    if state == "offline":  # the platform cannot be reached: saved here, sent later
        window.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.FAULT, "platform.down"))
    else:
        window.core.backend.printer.paper_out()
    scene = next(s for s in SCENES if s.name == "submitted")
    mode = "assisted" if assisted else "normal"
    bad: list[str] = []
    cut: set[tuple[str, str, str, int]] = set()
    listed: set[tuple[str, str, str, int]] = set()
    paged = 0
    for lang in ("zh", "en"):
        window.resize(1280, 800)
        stage(window, scene, lang, assisted, text_step=0)
        for step in range(len(TEXT_STEPS)):
            if step:
                _tap_text_size(qtbot, window)
            _settle()
            problems, seen = _turn_pages(window, qtbot, (1280, 800))
            if (state, lang, mode, step + 1) in KNOWN_CUT:
                listed.add((state, lang, mode, step + 1))
                if problems and all(" cut: " in p for p in problems):
                    cut.add((state, lang, mode, step + 1))
                    problems = []
            bad += [f"{lang} step {step + 1}: {p}" for p in problems]
            wanted = {"print_state", "submitted_details", "receipt_qr", "tracking_number"}
            if state == "offline":
                wanted.add("submitted_headline")
            if not wanted <= seen:
                bad.append(f"{lang} step {step + 1}: never shown: {sorted(wanted - seen)}")
            page = window.findChild(QLabel, "submitted_page")
            paged += page is not None and bool(page.text()) and "2" in page.text()
    assert not bad, "\n".join(bad)
    assert cut == listed, f"fixed, take off KNOWN_CUT: {sorted(listed - cut)}"
    # 长辈模式 at the larger steps needs pages there: the turning was exercised.
    assert paged or not assisted


def _lines(label: QLabel) -> list[str]:
    """The lines ``label``'s text is broken into at its width, as it draws them."""
    from PySide6.QtGui import QTextLayout, QTextOption

    layout = QTextLayout(label.text(), label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    out: list[str] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(label.contentsRect().width())
        out.append(label.text()[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return out


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
def test_the_caption_sits_by_its_number_and_no_word_is_left_alone(  # type: ignore[no-untyped-def]
    window, qtbot, size: tuple[int, int], assisted: bool
) -> None:
    """Try-out 7, E-f (长辈模式, 字号 4/4, 1080x1920, saved offline): 受理编号 sat in the top
    right corner, away from its number, and the title wrapped leaving "交" alone on a
    line. At every text step 受理编号 is right by the number (beside it or just over its
    start) and the title's last line is more than one character."""
    window.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.FAULT, "platform.down"))
    scene = next(s for s in SCENES if s.name == "submitted")
    window.resize(*size)
    stage(window, scene, "zh", assisted, text_step=0)
    gap = window.tokens().mm(6)
    for step in range(len(TEXT_STEPS)):
        if step:
            _tap_text_size(qtbot, window)
        _settle()
        title = window.findChild(QLabel, "submitted_title")
        assert "已保存" in title.text()  # saved offline: the long title
        lines = _lines(title)
        assert len(lines[-1].strip()) > 1, f"step {step + 1}: {lines}"
        cap = _on_window(window.findChild(QLabel, "tracking_caption"), window)
        num = _on_window(window.findChild(QLabel, "tracking_number"), window)
        beside = cap.top() < num.bottom() and num.top() < cap.bottom()
        if beside:  # on the number's row: right before it or right after the title
            near = min(abs(num.left() - cap.right()), abs(cap.left() - num.right()))
        else:  # over the number: its start, just above it
            near = max(abs(cap.left() - num.left()), num.top() - cap.bottom())
        assert near <= gap, f"step {step + 1}: 受理编号 at {cap.getRect()}, number {num.getRect()}"


def test_portrait_offline_receipt_row_is_whole_at_the_largest_text(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Try-out 16, E3: saved offline, portrait 长辈模式, English, 字号 4/4: the receipt's
    pages turn in the row of "Read it to me" and "Rate this service", and the three
    squeezed the two buttons to "ead it to m" and "ate this servic". Every word of the
    row is whole, on every page."""
    window.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.FAULT, "platform.down"))
    scene = next(s for s in SCENES if s.name == "submitted")
    window.resize(1080, 1920)
    stage(window, scene, "en", True, text_step=len(TEXT_STEPS) - 1)
    window.resize(1080, 1920)
    _settle()
    page = window.findChild(QLabel, "submitted_page")
    assert page is not None and page.isVisible(), "no pages: the row was not squeezed"
    for _ in range(4):
        cut = [p for p in clipped_texts(window) if "btn_" in p or "submitted_page" in p]
        assert not cut, "\n".join(cut)
        nxt = window.findChild(QAbstractButton, "submitted_page_next")
        if not nxt.isEnabled():
            break
        wait_until_tappable(nxt)
        qtbot.mouseClick(nxt, Qt.MouseButton.LeftButton)
        _settle()
