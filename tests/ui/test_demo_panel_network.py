"""The demo controls never lie over the kiosk's network state nor its bars' controls
(#14), online and after F12 cut the network, at 1920x1080, 1280x800 and 1080x1920.

The real kiosk window fills a display of each shape (less the panel's strip), the
embedded platform answers (网络正常 in the status bar) until the presenter taps the
panel's F12 (the link is cut: 离线办理中…), and the panel is unfolded by a tap on its
toggle over screens reached as a citizen reaches them. Before: unfolded over a receipt
at 1280x800 it lay on "Offline - applications upload automatically" (and on the
tracking number); in 长辈模式 at 字号 4/4 it lay on 网络正常 over the home screen at
1920x1080 and on 呼叫工作人员 over a queue ticket at 1280x800. At 字号 1/4 it covers no
must-see text either; at 4/4 some screens leave no such spot, and the bars come first.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from kiosk.events import Device, Health
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_console_queue_call import _start
from ui.demo_panel import (
    READ_NEXT,
    DemoPanel,
    chrome_of,
    covered_by,
    install_demo_panel,
    must_see_of,
)
from ui.tour import SCENES, stage

AREAS = [QRect(0, 0, 1920, 1080), QRect(0, 0, 1280, 800), QRect(0, 0, 1080, 1920)]
SHOWN = ("home", "appointment", "review", "submitted", "ticket", "rate")
# (长辈模式, 字号 step): the standard look, and the largest the kiosk shows.
LOOKS = [(False, 0), (True, 3)]


def _global(w: QWidget) -> QRect:
    return QRect(w.mapToGlobal(QPoint(0, 0)), w.size())


def _clear_spot(window: QWidget, size: QSize) -> bool:
    """Whether a ``size`` rectangle fits in ``window`` clear of the bars' controls, the
    must-see texts and READ_NEXT's (and of the corners' maintenance gesture)."""
    area = _global(window)
    corner = window.tokens().mm(12)
    keep = chrome_of(window) + must_see_of(window) + must_see_of(window, READ_NEXT)
    keep += [
        QRect(x, y, corner, corner)
        for x in (area.left(), area.right() - corner + 1)
        for y in (area.top(), area.bottom() - corner + 1)
    ]
    for y in range(area.top(), area.bottom() - size.height() + 2, 8):
        for x in range(area.left(), area.right() - size.width() + 2, 8):
            r = QRect(QPoint(x, y), size)
            if not any(r.intersects(k) for k in keep):
                return True
    return False


def _tap(qtbot, button: QPushButton) -> None:  # type: ignore[no-untyped-def]
    wait_until_tappable(button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    for _ in range(3):
        QApplication.processEvents()


def _network(window) -> list[QLabel]:  # type: ignore[no-untyped-def]
    return [w for w in window.findChildren(QLabel, "net_status") if w.isVisible() and w.text()]


def _check(window, panel: DemoPanel, qtbot, online: bool) -> int:  # type: ignore[no-untyped-def]
    toggle = panel.findChild(QPushButton, "btn_demo_toggle")
    scenes = [s for s in SCENES if s.name in SHOWN]
    assert len(scenes) == len(SHOWN)
    checked = 0
    for area in AREAS:
        window.screen().availableGeometryChanged.emit(area)  # a display of this shape
        qtbot.wait(20)
        for assisted, step in LOOKS:
            for lang in ("zh", "en"):
                for scene in scenes:
                    stage(window, scene, lang, assisted, text_step=step)
                    qtbot.wait(5)
                    where = f"{scene.name} {area.width()}x{area.height()} {lang} 长辈={assisted}"
                    where += f" 字号={step + 1} {'online' if online else 'offline'}"
                    net = _network(window)
                    # Its whole sentence where it fits, else its short form (在线, 离线).
                    words = {"zh": ("网络正常", "在线"), "en": ("Online",)}[lang]
                    if not online:
                        words = {"zh": ("离线",), "en": ("Offline",)}[lang]
                    assert net and net[0].text().startswith(words), (where, net)
                    assert panel.collapsed, where
                    assert covered_by(panel, window) == [], where  # folded: in its strip
                    _tap(qtbot, toggle)  # the presenter unfolds it
                    assert not panel.collapsed, where
                    over = panel.frameGeometry()
                    assert _global(window).contains(over), where
                    assert not [w.text() for w in net if _global(w).intersects(over)], where
                    bars = [r for r in chrome_of(window) if r.intersects(over)]
                    assert not bars, (where, covered_by(panel, window))
                    if step == 0:
                        texts = [r for r in must_see_of(window) if r.intersects(over)]
                        assert not texts, (where, covered_by(panel, window))
                    texts = [r for r in must_see_of(window, READ_NEXT) if r.intersects(over)]
                    if texts and _clear_spot(window, over.size()):
                        # What to take and 预计办结 on the receipt, the review's lines
                        # (try-out 8, R2), where the screen leaves a spot clear of them.
                        raise AssertionError((where, covered_by(panel, window)))
                    _tap(qtbot, toggle)  # and folds it back into its strip
                    checked += 1
    return checked


def test_the_panel_never_covers_the_network_state_nor_the_bars(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot
) -> None:
    _start(kiosk_app)
    window.setGeometry(window.screen().availableGeometry())  # the demo fills the screen
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    qtbot.waitUntil(panel.isVisible)
    health = window.core.health
    qtbot.waitUntil(lambda: health(Device.PLATFORM).health is Health.OK, timeout=20_000)
    checked = _check(window, panel, qtbot, online=True)
    # The presenter cuts the network on the panel (F12); it folds to show the answer.
    _tap(qtbot, panel.findChild(QPushButton, "btn_demo_toggle"))
    _tap(qtbot, panel.findChild(QPushButton, "demo_network"))
    assert panel.collapsed
    qtbot.waitUntil(lambda: health(Device.PLATFORM).health is Health.FAULT, timeout=20_000)
    checked += _check(window, panel, qtbot, online=False)
    assert checked == 2 * len(AREAS) * len(LOOKS) * 2 * len(SHOWN)
