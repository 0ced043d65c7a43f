"""Try-out 18, E1 and E2: an elderly citizen at a portrait kiosk in 长辈模式 applied, then
booked, then took a ticket. Each end of a task put the kiosk back to the standard small
type (she switched 长辈模式 on again twice), and her second staff call made a second row on
the console: 正在前往 on her first one never reached her screen. Where a journey ends,
继续办理其他事项 keeps her display settings and her open call for the next task; what she
gave goes as at any end. Every step is a tap on the real window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.flow import Screen
from offline_cache.outbox_protocol import RecordKind
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_call_after_journey import _ok, _tap
from ui.theme import ASSISTED


def _calls(window) -> list:  # type: ignore[no-untyped-def,type-arg]
    return [r for r in window.core.backend.outbox.list() if r.kind is RecordKind.STAFF_CALL]


def _call_staff(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    wait_until_tappable(window.staff_btn)
    qtbot.mouseClick(window.staff_btn, Qt.MouseButton.LeftButton)  # 呼叫工作人员
    qtbot.waitUntil(lambda: window.overlay.isVisible(), timeout=3000)


def test_another_task_keeps_her_mode_and_her_call(window, qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    window.resize(1080, 1920)  # portrait, as she stood at it
    window.core.backend.sync = None  # offline: the call waits here, followed by the kiosk
    _tap(window, qtbot, "btn_assisted")
    for _ in range(3):
        _tap(window, qtbot, "btn_text_size")
    _tap(window, qtbot, "tile_rate")
    _call_staff(window, qtbot)
    _ok(window, qtbot)
    _tap(window, qtbot, "rate_satisfied")
    _tap(window, qtbot, "btn_submit_rating")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)

    _tap(window, qtbot, "btn_another_task")  # 继续办理其他事项
    qtbot.waitUntil(lambda: window.core.screen() is Screen.HOME, timeout=3000)
    # Her big type and 长辈模式 are still there for the next task.
    assert window.findChild(QAbstractButton, "btn_text_size").text() == "字号 4/4"
    assert window.assist_btn.text() == "退出长辈模式"
    # Her call is still hers: its chip stays.
    qtbot.waitUntil(lambda: window.staff_banner.isVisible(), timeout=3000)

    _tap(window, qtbot, "tile_rate")  # her next task
    _call_staff(window, qtbot)  # asked again on the same call: one row on the console
    qtbot.waitUntil(
        lambda: "已记为再次呼叫" in window.overlay.body.text().replace("\u2060", ""), timeout=3000
    )
    _ok(window, qtbot)
    [call] = _calls(window)
    window.core.backend.outbox.mark_delivered(call.id, clock())  # the network is back
    window.core.staff_calls.acknowledge(call.id, "coming")  # 正在前往 on the console
    qtbot.waitUntil(lambda: "正在赶来" in window.staff_banner.text(), timeout=5000)


def test_the_end_notice_keeps_the_look_of_her_mode(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """首页 at her journey's end, a call open: 本次办理已结束 over the standard home, in
    长辈模式's look (its dark 好的), not the pale standard one she never chose."""
    window.resize(1080, 1920)
    window.core.backend.sync = None
    _tap(window, qtbot, "btn_assisted")
    _tap(window, qtbot, "tile_rate")
    _call_staff(window, qtbot)
    _ok(window, qtbot)
    _tap(window, qtbot, "rate_satisfied")
    _tap(window, qtbot, "btn_submit_rating")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)
    ok = window.overlay.primary
    qtbot.waitUntil(lambda: not ok.isVisible(), timeout=3000)
    _tap(window, qtbot, "btn_home")  # the visit ends: the window goes back to standard
    qtbot.waitUntil(lambda: window.overlay.title.text() == "本次办理已结束", timeout=3000)
    wait_until_tappable(ok)
    middle = ok.grab().toImage().pixelColor(ok.width() // 2, ok.height() // 6)
    assert middle.name().upper() == ASSISTED.primary.upper()
