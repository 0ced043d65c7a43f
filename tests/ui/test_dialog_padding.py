"""A notice's words stand as far in from its border as a page's from the window's edge.

Try-out 12, N12: in 长辈模式 at 字号 4/4 on 1280x800 the staff-call notice ("已通知大厅
工作人员") began its heading and body ~12 px inside the card's border: the style's default
margin, not the room the pages keep (ui/screens/base.py: 32 px at the reference density).
Every message dialog is the window's one overlay card, so the staff call, tapped in the
real window, stands for them all.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.test_console_queue_call import _start, _tap
from ui.theme import TEXT_STEPS


def _inset(w: QWidget, card: QWidget) -> tuple[int, int]:
    """How far ``w``'s left and right edges are inside ``card``'s."""
    left = w.mapTo(card, QPoint(0, 0)).x()
    return left, card.width() - (left + w.width())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_staff_call_notice_keeps_the_pages_padding(window, kiosk_app, qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    _start(kiosk_app)
    window.resize(1280, 800)
    _tap(window, qtbot, "btn_assisted")
    if lang == "en":
        _tap(window, qtbot, "btn_lang")
    while window.display_prefs()[0] != len(TEXT_STEPS) - 1:
        _tap(window, qtbot, "btn_text_size")
    _tap(window, qtbot, "btn_call_staff")
    overlay = window.overlay
    qtbot.waitUntil(lambda: overlay.primary.isVisible(), timeout=5000)
    for _ in range(3):
        QApplication.processEvents()
    pad = window.tokens().px(32)
    card = overlay.card
    for part in (overlay.title, overlay.body, overlay.primary):
        left, right = _inset(part, card)
        assert left >= pad and right >= pad, (part.objectName() or part.text(), left, right, pad)
    # Still the whole notice on the screen, its words at their own size where they fit.
    assert window.rect().contains(card.geometry().translated(overlay.pos()))
