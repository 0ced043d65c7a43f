"""The demo controls unfolded over the home screen at 1280x800 (try-out 7, 38): they hid
"网络正常" (only "络正常" showed) and their own last sample-document line was cut by the
hall-clock row below it. The panel is unfolded by a tap on its toggle, as a presenter
does, over the real home screen with the demo's simulated hall time."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from kiosk.hall_clock import HallClock
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_console_queue_call import _start
from ui.demo_panel import install_demo_panel


def _global(w: QWidget) -> QRect:
    return QRect(w.mapToGlobal(QPoint(0, 0)), w.size())


def test_unfolded_at_1280_it_hides_no_status_and_its_lines_are_whole(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot, clock
) -> None:
    clock.now = dt.datetime(2026, 11, 27, 19, 5, tzinfo=dt.UTC)  # after hours: simulated
    hall = HallClock(clock)
    hall.use_office_hours_if_closed()  # what `kiosk --demo` does at start
    window.core.hall_clock = hall
    _start(kiosk_app)  # the embedded platform answers: 网络正常 in the bottom bar
    window.resize(1280, 800)
    window.show_screen()
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    panel.set_collapsed(True)
    panel.follow(window)
    qtbot.waitUntil(
        lambda: any(w.text() for w in window.findChildren(QLabel, "net_status")), timeout=15000
    )
    toggle = panel.findChild(QPushButton, "btn_demo_toggle")
    wait_until_tappable(toggle)
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)  # the presenter unfolds it
    for _ in range(3):
        QApplication.processEvents()
    assert not panel.collapsed
    area = panel.frameGeometry()
    samples = panel.findChild(QLabel, "demo_samples")
    hall_row = panel.findChild(QLabel, "demo_hall_time")
    assert samples.isVisible() and hall_row.isVisible()
    # Its own lines whole: the samples' last line is not under the hall-clock row.
    for label in (samples, hall_row):
        need = (
            label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
        )
        assert label.height() >= need, (label.objectName(), label.height(), need)
    assert _global(samples).bottom() < _global(hall_row).top()
    assert _global(hall_row).bottom() <= _global(panel).bottom()
    # The kiosk's network state is not under it.
    net = [w for w in window.findChildren(QLabel, "net_status") if w.isVisible() and w.text()]
    assert net
    for w in net:
        assert not _global(w).intersects(area), (w.text(), area)
