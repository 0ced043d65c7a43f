"""Staging waits for what a page says, not for a while (#14, try-out 3).

(a) The maintenance platform page tests the link when it opens and redraws itself
with the result; the tour's staging waits for the page's own ``link_test_finished``
signal (a bounded 3 s poll used to stand in for it), and fails loudly when the
signal never comes. (b) The folded demo panel moves off the kiosk's controls when
the window shows a screen (its ``screen_shown`` signal), with no polling timer, and
nothing of it runs once the kiosk's window is gone.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QLabel
from shiboken6 import isValid

import ui.tour
from kiosk.flow import Screen
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_maintenance_panel import printer, tech_app, usb, window  # noqa: F401
from ui.demo_panel import controls_of, covered_by, follow_free_spot, install_demo_panel
from ui.screens.maintenance import MaintenanceScreen
from ui.staging import StagingError
from ui.tour import SCENES, stage

SCENE = {s.name: s for s in SCENES}["maintenance_platform"]


def _link_line(kiosk) -> QLabel:  # type: ignore[no-untyped-def]
    shown = [x for x in kiosk.findChildren(QLabel, "link_result") if x.isVisible()]
    assert len(shown) == 1, shown
    return shown[0]


def test_platform_scene_is_staged_after_its_link_test(window, qtbot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # ``window`` runs its work on worker threads, as the kiosk does: the result comes later.
    stage(window, SCENE, "zh", False)
    # Staged means tested and redrawn: the result is on the page, not "working".
    page = window.page(Screen.MAINTENANCE)  # the screens are rebuilt for the mode
    assert isinstance(page, MaintenanceScreen)
    assert page.link_tested_on_open and not page.link_test_running
    line = _link_line(window)
    assert line.text() == "连接失败：本机未配置平台连接", line.text()  # no platform in this rig
    qtbot.wait(300)
    assert isValid(line) and line.isVisible()  # no redraw after staging


def test_staging_fails_loudly_when_the_test_never_says_it_ended(  # type: ignore[no-untyped-def]
    window,  # noqa: F811
    monkeypatch,
) -> None:
    monkeypatch.setattr(ui.tour, "LINK_TEST_WAIT_S", 0.5)
    monkeypatch.setattr(MaintenanceScreen, "finish_link_test", lambda _self: None)
    with pytest.raises(StagingError, match="link test"):
        stage(window, SCENE, "zh", False)


def _over_controls(panel, kiosk) -> list[QRect]:  # type: ignore[no-untyped-def]
    return [c for c in controls_of(kiosk) if c.intersects(panel.frameGeometry())]


def test_folded_demo_panel_follows_screen_changes(kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    from tests.support.tap_clock import LookAheadClock
    from ui.main_window import MainWindow

    kiosk = MainWindow(kiosk_app.core, tap_clock=LookAheadClock())
    kiosk.resize(1280, 800)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    panel = install_demo_panel(kiosk, kiosk_app)
    qtbot.addWidget(panel)
    panel.set_collapsed(True)
    follow_free_spot(panel, kiosk)
    qtbot.wait(50)
    assert not _over_controls(panel, kiosk)
    assert not [t for t in panel.findChildren(QTimer) if t.isActive()]  # no polling

    # Put the folded panel over a control: without a screen change it stays there.
    tile = next(b for b in kiosk.findChildren(QAbstractButton, "tile_apply") if b.isVisible())
    panel.move(tile.mapToGlobal(tile.rect().center()))
    qtbot.wait(700)  # longer than the old 500 ms poll
    assert _over_controls(panel, kiosk)
    # A tap shows another screen: the panel moves off that screen's controls.
    wait_until_tappable(tile)
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert kiosk.core.screen() != Screen.HOME
    qtbot.waitUntil(lambda: not _over_controls(panel, kiosk), timeout=5000)
    # Back in its strip under the kiosk window (a screen with no room beside or below
    # it, ui/demo_panel.py reserve_strip) or on a free spot of the kiosk: over no
    # control and no text either way.
    assert not covered_by(panel, kiosk)
    strip = panel.property("strip")
    k = QRect(kiosk.mapToGlobal(QPoint(0, 0)), kiosk.size())
    if isinstance(strip, QPoint):
        assert panel.pos() == strip
        assert not k.intersects(panel.frameGeometry())
    else:
        assert k.contains(panel.frameGeometry())

    # The kiosk's window goes; the panel (a window of its own) stays and runs nothing.
    kiosk.close()
    kiosk.deleteLater()
    qtbot.waitUntil(lambda: not isValid(kiosk), timeout=5000)
    assert panel._following is None
    panel._screen_shown()  # a late call does nothing
    qtbot.wait(100)


def test_a_link_test_answering_after_the_window_closed_is_harmless(  # type: ignore[no-untyped-def]
    window,  # noqa: F811
    tech_app,  # noqa: F811
    qtbot,
    monkeypatch,
) -> None:
    """The platform page's link test may answer after the kiosk's window was closed and
    the workers stopped (a test's teardown, a kiosk shutting down): the page's request
    for fresh data is dropped, not raised in the event loop."""
    import threading

    from tests.ui.test_maintenance_panel import (
        DEMO_PIN,
        WAIT_MS,
        _page,
        open_panel_with_corners,
        sign_in,
    )

    ops = tech_app.core.maintenance_ops()
    release = threading.Event()
    real = ops.check_link
    monkeypatch.setattr(ops, "check_link", lambda: (release.wait(10), real())[1])
    open_panel_with_corners(window, qtbot)
    sign_in(window, qtbot, DEMO_PIN)
    _page(window, qtbot, "platform")  # its link test now waits for ``release``
    qtbot.waitUntil(lambda: _link_line(window).text() == "正在处理…", timeout=WAIT_MS)
    window.close()
    release.set()
    tech_app.core.shutdown()  # waits for the link test; its answer is queued to the GUI
    qtbot.wait(200)  # the answer arrives: no new work asked of the stopped workers
