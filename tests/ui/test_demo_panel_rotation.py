"""#14: the demo panel folds into a strip under a shortened kiosk window when there is
no room beside it; when the display rotated mid-demo (1920x1080 → 1080x1920) the strip
was lost until a restart. Now the panel follows the screen's available area
(QScreen.availableGeometryChanged): the kiosk fills the new shape less the strip, the
strip is at its foot, visible and over nothing; a kiosk of its own size keeps it, the
panel beside or below it.

How the screen changes here: Qt's offscreen platform has no public way to reshape its
screen, and none of the X servers tried on this machine (Debian 12) gives Qt a reshaped
screen: Xvfb's RandR cannot add a mode and refuses rotation, and a RandR monitor set
with `xrandr --setmonitor` comes as a second screen; Xephyr crashes on `xrandr -o left`,
and resizing its host window reshapes the X screen while the RandR monitor Qt reads
keeps the old size. So the test emits the screen's own availableGeometryChanged with the
new area, as Qt does after a rotation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QPushButton

from tests.ui.helpers import wait_until_tappable
from ui.demo_panel import covered_by, install_demo_panel

AREAS = [QRect(0, 0, 1920, 1080), QRect(0, 0, 1080, 1920), QRect(0, 0, 1280, 800)]


def _kiosk(window) -> QRect:  # type: ignore[no-untyped-def]
    """The kiosk window on the screen, frame included (a platform may draw one)."""
    return window.frameGeometry()  # type: ignore[no-any-return]


def _tap(qtbot, button: QPushButton) -> None:  # type: ignore[no-untyped-def]
    wait_until_tappable(button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.wait(10)


def test_the_strip_follows_the_display_as_it_rotates(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    screen = window.screen()
    window.setGeometry(screen.availableGeometry())  # the demo takes the whole screen
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    qtbot.waitUntil(panel.isVisible)
    toggle = panel.findChild(QPushButton, "btn_demo_toggle")
    for area in [*AREAS, AREAS[0]]:
        screen.availableGeometryChanged.emit(area)
        qtbot.wait(20)
        where = f"{area.width()}x{area.height()}"
        strip, kiosk = panel.frameGeometry(), _kiosk(window)
        assert panel.isVisible() and panel.collapsed, where
        assert area.contains(strip) and area.contains(kiosk), (where, strip, kiosk)
        assert not strip.intersects(kiosk), where
        # The kiosk takes the new shape, less the strip at its foot.
        assert (kiosk.width(), kiosk.height() + strip.height()) == (area.width(), area.height())
        assert strip.top() == kiosk.bottom() + 1 and strip.height() <= 40, where
        assert covered_by(panel, window) == [], where
        # The presenter unfolds it and folds it again: back in its strip.
        _tap(qtbot, toggle)
        assert not panel.collapsed
        _tap(qtbot, toggle)
        assert panel.collapsed and panel.frameGeometry() == strip, where


@pytest.mark.parametrize("rotated", [False, True])
def test_a_kiosk_of_its_own_size_keeps_it_and_the_panel_stays_off_it(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot, rotated: bool
) -> None:
    """``--size 1000x700`` on a 1920x1080 display: the panel beside it; turned to
    1080x1920, below it (no room beside any more); turned back, beside again."""
    screen = window.screen()
    window.setFixedSize(1000, 700)
    window.move(0, 0)
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    qtbot.waitUntil(panel.isVisible)
    screen.availableGeometryChanged.emit(AREAS[0])
    if rotated:
        screen.availableGeometryChanged.emit(AREAS[1])
    qtbot.wait(20)
    area = AREAS[1] if rotated else AREAS[0]
    frame, kiosk = panel.frameGeometry(), _kiosk(window)
    assert (window.width(), window.height()) == (1000, 700)
    assert panel.isVisible() and not panel.collapsed
    assert area.contains(frame) and not frame.intersects(kiosk), (frame, kiosk)
    if rotated:
        assert frame.top() > kiosk.bottom()  # below it
    else:
        assert frame.left() > kiosk.right()  # beside it
    assert covered_by(panel, window) == []
