"""Call staff through the real window: the notice says only what is true at each step.

Saved on the kiosk (offline, or not yet sent) → delivered (the platform has the
record) → acknowledged (staff answered on the console). The state is read from
the real outbox the sync agent marks, so the words follow the record.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from offline_cache.outbox_protocol import RecordKind
from tests.ui.helpers import wait_until_tappable

WAITING = "呼叫已保存，等待送达"
DELIVERED = "已通知大厅工作人员"
ACKNOWLEDGED = "工作人员已收到您的呼叫"


def _calls(window):  # type: ignore[no-untyped-def]
    outbox = window.core.backend.outbox
    return [r for r in outbox.list() if r.kind is RecordKind.STAFF_CALL]


def _tap_call_staff(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.staff_btn.isVisible() and window.staff_btn.isEnabled()
    wait_until_tappable(window.staff_btn)
    qtbot.mouseClick(window.staff_btn, Qt.MouseButton.LeftButton)


def test_offline_call_says_saved_then_delivered_then_acknowledged(window, qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    window.core.backend.sync = None  # the platform link is down
    _tap_call_staff(window, qtbot)
    qtbot.waitUntil(lambda: window.overlay.title.text() == WAITING, timeout=2000)
    body = window.overlay.body.text()
    assert "已保存在本机" in body and "可能还没收到" in body
    for said in (window.overlay.title.text(), body):
        assert "已通知" not in said and "马上就到" not in said
    # Nothing filled in on 首页: no promise to keep it (try-out 15, E10).
    assert "会保留" not in body
    [call] = _calls(window)
    payload = json.loads(call.payload)
    assert payload["screen"] == "home"
    # Its hall, as its tickets and bookings carry: that hall's console lists it (issue 16).
    assert payload["hall"] == window.core.settings.kiosk.location_zh != ""

    # The network comes back and the sync agent delivers the record.
    window.core.backend.outbox.mark_delivered(call.id, clock())
    qtbot.waitUntil(lambda: window.overlay.title.text() == DELIVERED, timeout=3000)
    assert "马上就到" not in window.overlay.body.text()

    # Staff answer it on the platform console.
    window.core.staff_calls.acknowledge(call.id)
    qtbot.waitUntil(lambda: window.overlay.title.text() == ACKNOWLEDGED, timeout=3000)


def test_call_notice_follows_the_language(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.core.backend.sync = None
    _tap_call_staff(window, qtbot)
    qtbot.waitUntil(lambda: window.overlay.title.text() == WAITING, timeout=2000)
    wait_until_tappable(window.lang_btn)
    qtbot.mouseClick(window.lang_btn, Qt.MouseButton.LeftButton)
    assert window.overlay.title.text() == "Call saved, not yet delivered"
    assert "may not have it yet" in window.overlay.body.text()
    assert "kept" not in window.overlay.body.text()  # nothing filled in on the home screen


def test_a_call_that_cannot_be_stored_says_so(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    def broken(*_a, **_k):  # type: ignore[no-untyped-def]
        raise OSError("disk full")

    window.core.backend.outbox.enqueue = broken
    _tap_call_staff(window, qtbot)
    qtbot.waitUntil(lambda: window.overlay.title.text() == "呼叫未能发出", timeout=2000)
    assert "服务台" in window.overlay.body.text()


# The chip's whole words, or its short ones where its slot (one width, try-out 8 E1)
# has no room for the whole.
BANNER_WAITING = ("呼叫已保存，尚未送达", "呼叫尚未送达")
BANNER_DELIVERED = ("已通知工作人员，等待回应", "已通知工作人员")
BANNER_ACKNOWLEDGED = ("工作人员已收到，请稍候", "工作人员已收到")


def _close_notice(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.overlay.isVisible() and window.overlay.primary.isVisible()
    wait_until_tappable(window.overlay.primary)
    qtbot.mouseClick(window.overlay.primary, Qt.MouseButton.LeftButton)
    assert not window.overlay.isVisible()


def test_answer_reaches_the_citizen_after_the_notice_is_closed(window, qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    window.core.backend.sync = None  # offline: the call waits on the kiosk
    _tap_call_staff(window, qtbot)
    qtbot.waitUntil(lambda: window.overlay.title.text() == WAITING, timeout=2000)
    _close_notice(window, qtbot)  # 好的
    # Still told, truthfully, that the call has not reached anyone yet.
    assert window.staff_banner.isVisible()
    qtbot.waitUntil(lambda: window.staff_banner.text() in BANNER_WAITING, timeout=2000)

    [call] = _calls(window)
    window.core.backend.outbox.mark_delivered(call.id, clock())
    qtbot.waitUntil(lambda: window.staff_banner.text() in BANNER_DELIVERED, timeout=3000)
    assert not window.overlay.isVisible()  # no pop-up over what the citizen is doing

    window.core.staff_calls.acknowledge(call.id)
    qtbot.waitUntil(lambda: window.staff_banner.text() in BANNER_ACKNOWLEDGED, timeout=3000)
    assert window.staff_banner.isVisible()

    wait_until_tappable(window.lang_btn)
    qtbot.mouseClick(window.lang_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            window.staff_banner.text()
            in ("Staff have your call, please wait", "Staff have your call")
        ),
        timeout=2000,
    )


def test_the_banner_ends_with_the_session(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.core.backend.sync = None
    apply_tile = window.current_page().findChild(QPushButton, "tile_apply")
    assert apply_tile is not None
    wait_until_tappable(apply_tile)
    qtbot.mouseClick(apply_tile, Qt.MouseButton.LeftButton)  # a journey starts
    _tap_call_staff(window, qtbot)
    qtbot.waitUntil(lambda: window.overlay.title.text() == WAITING, timeout=2000)
    _close_notice(window, qtbot)
    # Beside the journey's steps bar the banner keeps its slot's width (#14, try-out 8 E1).
    qtbot.waitUntil(lambda: window.staff_banner.text() in BANNER_WAITING, timeout=2000)
    wait_until_tappable(window.home_btn)
    qtbot.mouseClick(window.home_btn, Qt.MouseButton.LeftButton)  # the citizen leaves
    qtbot.waitUntil(lambda: not window.staff_banner.isVisible(), timeout=2000)


def test_a_call_from_home_is_not_shown_to_the_next_citizen(window, qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    """Try-out 7, 5: called from the home screen, acknowledged, and the citizen walked
    away: "工作人员已收到，请稍候" stayed for whoever came next. The home screen now times
    out like any other once a call was made there; staff still come (the call stays on
    the platform), but the next citizen is not told it is theirs."""
    window.core.backend.sync = None
    _tap_call_staff(window, qtbot)  # on the home screen, before any journey
    qtbot.waitUntil(lambda: window.overlay.title.text() == WAITING, timeout=2000)
    _close_notice(window, qtbot)
    [call] = _calls(window)
    window.core.backend.outbox.mark_delivered(call.id, clock())
    window.core.staff_calls.acknowledge(call.id)
    qtbot.waitUntil(lambda: window.staff_banner.text() in BANNER_ACKNOWLEDGED, timeout=3000)
    # Nobody touches the kiosk: the wait for staff (10 minutes), then the countdown.
    for _ in range(80):
        clock.advance(10)
        window.check_idle()  # the clock's once-a-second tick
    qtbot.waitUntil(lambda: not window.staff_banner.isVisible(), timeout=2000)
    # The next citizen starts a journey: nothing says staff are coming for them.
    apply_tile = window.current_page().findChild(QPushButton, "tile_apply")
    assert apply_tile is not None
    wait_until_tappable(apply_tile)
    qtbot.mouseClick(apply_tile, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.core.nav.journey is not None, timeout=2000)
    assert not window.staff_banner.isVisible()
    assert not window.core.sessions.current.staff_called
    # The call itself is not withdrawn: staff still come to the kiosk.
    assert [r.id for r in _calls(window)] == [call.id]


def test_a_second_tap_asks_again_on_the_same_call_a_new_citizen_calls_anew(  # type: ignore[no-untyped-def]
    window, qtbot, clock
) -> None:
    """Try-out 17, C1/K4: a citizen who tapped three times made three calls (three rows on
    the hall's console), each said 已送达. Now the taps while the call is open are the
    same call asked again: the notice says when it was made and, offline, that it has not
    reached staff yet; the heartbeat tells the console's one row how often it was asked."""
    window.core.backend.sync = None  # offline: the call waits on the kiosk
    apply_tile = window.current_page().findChild(QPushButton, "tile_apply")
    assert apply_tile is not None
    wait_until_tappable(apply_tile)
    qtbot.mouseClick(apply_tile, Qt.MouseButton.LeftButton)  # a journey starts
    made = f"{clock().astimezone():%H:%M}"
    _tap_call_staff(window, qtbot)
    qtbot.waitUntil(lambda: window.overlay.title.text() == WAITING, timeout=2000)
    assert "呼叫过" not in window.overlay.body.text()
    _close_notice(window, qtbot)
    clock.advance(120)
    for _ in range(2):
        _tap_call_staff(window, qtbot)
        qtbot.waitUntil(
            lambda: (
                window.overlay.isVisible()
                and f"您已在 {made} 呼叫过工作人员" in window.overlay.body.text()
            ),
            timeout=2000,
        )
        # Where it stands, truthfully: saved here, not yet with staff.
        assert window.overlay.title.text() == WAITING
        assert "可能还没收到" in window.overlay.body.text()
        _close_notice(window, qtbot)
    [call] = _calls(window)
    assert window.core.staff_calls.follow_ups()[str(call.id)]["asked"] == 3

    wait_until_tappable(window.lang_btn)
    qtbot.mouseClick(window.lang_btn, Qt.MouseButton.LeftButton)
    _tap_call_staff(window, qtbot)
    qtbot.waitUntil(
        lambda: window.overlay.isVisible() and f"at {made}" in window.overlay.body.text(),
        timeout=2000,
    )
    assert window.overlay.title.text() == "Call saved, not yet delivered"
    _close_notice(window, qtbot)

    wait_until_tappable(window.home_btn)
    qtbot.mouseClick(window.home_btn, Qt.MouseButton.LeftButton)  # the citizen leaves
    qtbot.waitUntil(lambda: not window.staff_banner.isVisible(), timeout=2000)
    # The next citizen's tap is their own call.
    _tap_call_staff(window, qtbot)
    qtbot.wait(500)
    qtbot.waitUntil(lambda: len(_calls(window)) == 2, timeout=2000)
    qtbot.waitUntil(
        lambda: window.overlay.title.text() == "Call saved, not yet delivered", timeout=2000
    )
    assert "called staff at" not in window.overlay.body.text()
