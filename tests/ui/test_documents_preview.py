"""The photographed page is shown centred on the page (it sat off to one side, beside
the text: try-out finding), measured on the real window's pixels after tapping 拍照, on
landscape, portrait and the small panel, in both modes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401


def _drawn(label: QLabel) -> QRect:
    """Where the photo's pixels are inside ``label`` (anything not the page colour)."""
    img = label.grab().toImage()
    page = img.pixelColor(1, 1)
    xs, ys = [], []
    for y in range(0, img.height(), 2):
        for x in range(0, img.width(), 2):
            if img.pixelColor(x, y) != page:
                xs.append(x)
                ys.append(y)
    assert xs, "no photo drawn"
    return QRect(QPoint(min(xs), min(ys)), QPoint(max(xs), max(ys)))


@pytest.mark.parametrize(
    ("size", "assisted"),
    [((1920, 1080), False), ((1280, 800), False), ((1080, 1920), False), ((1920, 1080), True)],
)
def test_photo_preview_is_centred(rig: ApplyRig, size: tuple[int, int], assisted: bool) -> None:  # noqa: F811
    r = rig
    r.window.resize(*size)
    if assisted:
        r.core.sessions.set_assisted(True)
    put_on(r.window, Screen.DOCUMENTS)
    r.click("btn_capture")
    r.qtbot.waitUntil(lambda: r.shown("docs_preview"), timeout=5000)
    r.qtbot.wait(50)
    preview = next(w for w in r.window.findChildren(QLabel, "docs_preview") if w.isVisible())
    screen = r.window.current_page()
    # The preview's room is centred on the screen's page (the same margin either side).
    left = preview.mapTo(screen, QPoint(0, 0)).x()
    right = screen.width() - (left + preview.width())
    assert abs(left - right) <= 2, (left, right)
    # The photo is drawn in the middle of that room.
    photo = _drawn(preview)
    dx = (photo.left() + photo.right()) / 2 - preview.width() / 2
    dy = (photo.top() + photo.bottom()) / 2 - preview.height() / 2
    assert abs(dx) <= 3 and abs(dy) <= 3, (dx, dy, photo, preview.size())
    # It sits between the text and the buttons, overlapping neither.
    top = preview.mapTo(r.window, QPoint(0, photo.top())).y()
    bottom = preview.mapTo(r.window, QPoint(0, photo.bottom())).y()
    use = r.button("btn_use")
    assert bottom < use.mapTo(r.window, QPoint(0, 0)).y()
    heading = next(w for w in r.window.findChildren(QLabel, "docs_current") if w.isVisible())
    assert top > heading.mapTo(r.window, QPoint(0, heading.height())).y()
