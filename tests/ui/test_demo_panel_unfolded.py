"""The demo controls, unfolded by the presenter over a queue ticket, at each panel size
(try-out 6, 21: at 1280x800 they lay on the number "1-A001" and on 已打印, and their own
list of sample documents was cut at the foot).

Why the sweep missed it: tests/ui/fit_clip_child.py checks the panel folded in its strip
(where it covers nothing) and never unfolds it; the unfolded check staged only home and
the form, whose must-see texts were the header's, and the ticket's number was not among
the must-see texts at all. Here the real ticket screen is reached by taps, the panel is
unfolded by a tap on its toggle, and the panel's own text is checked whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QLabel, QPushButton

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_queue_one_number import _queue_number
from ui.demo_panel import install_demo_panel


def _global(w) -> QRect:  # type: ignore[no-untyped-def]
    return QRect(w.mapToGlobal(QPoint(0, 0)), w.size())


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (1080, 1920)])
def test_unfolded_over_a_ticket_it_hides_neither_number_nor_its_own_text(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot, citizen, size
) -> None:
    window.resize(*size)
    _queue_number(window, qtbot)
    qtbot.waitUntil(
        lambda: window.findChild(QLabel, "ticket_print_state").text() != "", timeout=3000
    )
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    panel.set_collapsed(True)
    panel.follow(window)
    toggle = panel.findChild(QPushButton, "btn_demo_toggle")
    wait_until_tappable(toggle)
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)  # the presenter unfolds it
    assert not panel.collapsed
    area = panel.frameGeometry()
    assert _global(window).contains(area), (size, area)  # on the kiosk, not half off it
    # Its own text whole: the panel is as tall as its contents ask.
    assert panel.height() >= panel.sizeHint().height(), (size, panel.height())
    samples = panel.findChild(QLabel, "demo_samples")
    assert samples.height() >= samples.sizeHint().height()
    assert _global(samples).bottom() <= _global(panel).bottom()
    for name in ("ticket_number", "ticket_print_state"):
        shown = [w for w in window.findChildren(QLabel, name) if w.isVisible()]
        assert shown, name
        assert not _global(shown[0]).intersects(area), (size, name, shown[0].text())
