"""Helpers to read what is on screen, as a citizen would see it."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget


def visible_texts(root: QWidget) -> list[str]:
    """Every non-empty text on a visible label or button under ``root``."""
    # Widgets added to a shown layout become visible once queued events run.
    QApplication.processEvents()
    out: list[str] = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root.window()) or not w.isVisible():
            continue
        if isinstance(w, QLabel | QAbstractButton) and w.text().strip():
            out.append(w.text())
    return out


def has_cjk(text: str) -> bool:
    """Chinese characters, CJK punctuation (、。「」) or full-width forms in ``text``."""
    return any(
        "\u3000" <= ch <= "\u303f" or "\u3400" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"
        for ch in text
    )


def decoded_qr(label: QLabel) -> list[str]:
    """The texts of the QR codes a phone would read off a label's picture."""
    import numpy as np
    import zxingcpp
    from PySide6.QtGui import QImage

    image = label.pixmap().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    rows = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(
        image.height(), image.bytesPerLine()
    )
    return [r.text for r in zxingcpp.read_barcodes(rows[:, : image.width()])]


def wait_until_tappable(w: QWidget, timeout_s: float = 5.0) -> None:
    """Wait, as a citizen looks before touching, until a tap on ``w`` would be delivered.

    The window's tap guard (ui/tap_guard.py) drops a press that lands, right after a
    screen change, on a control that was not under that point before; a test tapping
    microseconds after a change calls this first. It waits only when the guard would
    drop the tap (at most the settle time), so the guard runs for every test tap and
    taps on controls that stayed in place go through at once.
    """
    import shiboken6

    from ui.tap_guard import wait_until_tappable as wait

    if not isinstance(w, QWidget) or not shiboken6.isValid(w):
        return
    guard = getattr(w.window(), "tap_guard", None)
    if guard is not None and guard.would_drop(w):
        # QTest's taps skip the window's input watcher, so the test's earlier taps never
        # touched the session as a citizen's do; touch it now, or the window's idle check
        # (once a second, against a clock a fixture may have moved) ends the session
        # while this tap waits.
        w.window().core.sessions.touch()
    wait(w, timeout_s)


def stored_number(shown: str) -> str:
    """The tracking number as stored, sent and looked up, from the form the screen shows
    (its check character apart, try-out 7, C-f); fails loudly if ``shown`` is none."""
    from kiosk.tracking import parse_tracking_number

    number = parse_tracking_number(shown)
    assert number is not None, f"not a tracking number: {shown!r}"
    assert shown == number.shown, f"not shown as a citizen reads it: {shown!r}"
    return str(number)
