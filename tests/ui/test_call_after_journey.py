"""Try-out 17, E1: an elderly citizen called staff, then finished her journey. The kiosk
went back to a standard home screen, the 已通知工作人员 chip went with her session, and
nothing showed she was still waited for, although her call was open on the console.
Now the home screen says so, with when she called and where the call stands, until staff
mark it 已处理 or a new citizen begins. Every step is a tap on the real window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.flow import Screen
from offline_cache.outbox_protocol import RecordKind
from tests.ui.helpers import wait_until_tappable


def _tap(window, qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: any(b.isVisible() for b in window.findChildren(QAbstractButton, name)),
        timeout=3000,
    )
    button = next(b for b in window.findChildren(QAbstractButton, name) if b.isVisible())
    wait_until_tappable(button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _ok(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.overlay.isVisible(), timeout=3000)
    wait_until_tappable(window.overlay.primary)
    qtbot.mouseClick(window.overlay.primary, Qt.MouseButton.LeftButton)


def _line(window) -> str:  # type: ignore[no-untyped-def]
    """The home screen's words about the last citizen's call, as shown ("" when none)."""
    if window.core.screen() is not Screen.HOME:
        return ""
    label = window.current_page().findChild(QLabel, "home_left_call")
    shown = label is not None and label.isVisible()
    return label.text().replace("\u2060", "") if shown else ""  # no_widow's joiners


def _called_then_rated(window, qtbot) -> str:  # type: ignore[no-untyped-def]
    """长辈模式, offline: she calls staff while rating the service, then finishes (首页 on
    the thanks page). The time of her call, as the line is to say it."""
    window.resize(1080, 1920)  # portrait, as she stood at it
    window.core.backend.sync = None  # the network is down: the call waits here
    _tap(window, qtbot, "btn_assisted")
    _tap(window, qtbot, "tile_rate")
    made = f"{window.core.clock().astimezone():%H:%M}"
    _call_then_rate(window, qtbot)
    _tap(window, qtbot, "btn_home")  # the journey's end: the visit ends, standard mode
    _ok(window, qtbot)  # 本次办理已结束 … 好的
    assert not window.core.sessions.current.assisted
    assert not window.staff_banner.isVisible()  # the chip went with her session
    return made


def _call_then_rate(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """On the rating page: 呼叫工作人员 (its notice closed), then 满意 sent: the thanks."""
    wait_until_tappable(window.staff_btn)
    qtbot.mouseClick(window.staff_btn, Qt.MouseButton.LeftButton)  # 呼叫工作人员
    _ok(window, qtbot)
    _tap(window, qtbot, "rate_satisfied")
    _tap(window, qtbot, "btn_submit_rating")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)


def test_home_says_the_call_stands_until_staff_mark_it_done(window, qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    made = _called_then_rated(window, qtbot)
    qtbot.waitUntil(lambda: f"已呼叫工作人员（{made}）" in _line(window), timeout=3000)
    # Offline it says where the call is, truthfully: saved here, not with staff yet.
    assert "联网后送达" in _line(window) and "请在此稍候" in _line(window)

    [call] = [r for r in window.core.backend.outbox.list() if r.kind is RecordKind.STAFF_CALL]
    window.core.backend.outbox.mark_delivered(call.id, clock())  # the network is back
    # Delivered, nobody has answered on the console yet (未处理): not said to be seen.
    qtbot.waitUntil(lambda: "等待工作人员回应" in _line(window), timeout=3000)
    assert "收到" not in _line(window), _line(window)
    window.core.staff_calls.acknowledge(call.id, "coming")  # 正在前往 on the console
    qtbot.waitUntil(lambda: "工作人员正在赶来" in _line(window), timeout=3000)
    assert made in _line(window)

    _tap(window, qtbot, "btn_lang")  # in either language
    qtbot.waitUntil(lambda: f"Staff are on their way (called at {made})" in _line(window))

    window.core.staff_calls.acknowledge(call.id, "done")  # 已处理
    qtbot.waitUntil(lambda: _line(window) == "", timeout=3000)


def test_a_new_citizen_starting_a_task_no_longer_reads_it(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    made = _called_then_rated(window, qtbot)
    qtbot.waitUntil(lambda: made in _line(window), timeout=3000)
    _tap(window, qtbot, "tile_guides")  # the next citizen begins
    qtbot.waitUntil(lambda: window.core.screen() is not Screen.HOME, timeout=3000)
    # 返回 to the home screen: the session goes on, it is theirs now.
    _tap(window, qtbot, "btn_back")
    qtbot.waitUntil(lambda: window.core.screen() is Screen.HOME, timeout=3000)
    qtbot.wait(1500)  # the line is re-read every second: it stays away
    assert _line(window) == ""
    assert not window.staff_banner.isVisible()


def test_the_line_keeps_the_type_she_read_in(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Try-out 20, E4: 长辈模式 at 字号 4/4, a call open, 完成: the home screen (back to
    standard at 1/4 for the next citizen) told her to wait right there in its small type.
    The line is in her type now; the rest of the screen is the default."""
    window.resize(1080, 1920)
    window.core.backend.sync = None  # offline: the call stays open
    _tap(window, qtbot, "btn_assisted")
    for _ in range(3):
        _tap(window, qtbot, "btn_text_size")  # 字号 4/4
    _tap(window, qtbot, "tile_rate")
    heading = next(
        w for w in window.current_page().findChildren(QLabel)
        if w.isVisible() and w.property("role") == "heading"
    )  # fmt: skip
    her_px = heading.fontInfo().pixelSize()  # 长辈模式's heading at 4/4, as she read it
    _call_then_rate(window, qtbot)
    _tap(window, qtbot, "btn_done")  # 完成: the visit ends
    qtbot.waitUntil(lambda: "请在此稍候" in _line(window), timeout=3000)
    assert not window.core.sessions.current.assisted  # the next citizen's default
    line = window.current_page().findChild(QLabel, "home_left_call")
    assert line.fontInfo().pixelSize() >= her_px
    assert line.heightForWidth(line.width()) <= line.height() + 1  # whole, not cut
