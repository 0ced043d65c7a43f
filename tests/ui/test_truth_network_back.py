"""Screens that said "offline" say the truth again once the network is back (try-out 6,
item 6): the queue ticket's "网络未连接，暂时无法得知前面的等候人数" and the track
result's "待上传 / 尚未上传到平台" stayed after the bar said 网络正常. The real kiosk,
its sync agent and the embedded platform; the demo's network switch cuts and restores
the link; the citizen only looks at the screen (no tap after the restore)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.demo import DemoControls
from kiosk.flow import Journey, Screen
from tests.ui.conftest_apply import manual_identity, put_on, rig  # noqa: F401  (fixture)
from tests.ui.test_console_queue_call import _ahead, _start, _take_ticket, _tap

pytestmark = pytest.mark.integration


def test_the_ticket_asks_again_when_the_network_is_back(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    _start(kiosk_app)
    first, _slip = _take_ticket(window, kiosk_app, qtbot)
    demo = DemoControls(kiosk_app.backend)
    demo.set_network(True)
    second, _slip = _take_ticket(window, kiosk_app, qtbot, card="hmt")
    assert _ahead(window) == "网络未连接，暂时无法得知前面的等候人数。"
    assert demo.set_network(False) is None
    # No tap: the screen follows the link by itself, and the number is the same.
    qtbot.waitUntil(lambda: _ahead(window) == "前面还有 1 人等候", timeout=20_000)
    assert window.core.screen() == Screen.TICKET
    assert (first, second) == ("1-A001", "1-A002")


def test_the_track_result_follows_the_upload(window, kiosk_app, qtbot, rig) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    _start(kiosk_app)
    demo = DemoControls(kiosk_app.backend)
    demo.set_network(True)
    qtbot.waitUntil(lambda: window.net_label.texts()[:1] != ["网络正常"], timeout=15_000)
    put_on(window, Screen.REVIEW)
    rig.check_every_page()
    rig.click("btn_submit")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.SUBMITTED, timeout=10_000)
    tn = rig.label("tracking_number")
    rig.click("btn_home")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.HOME, timeout=5_000)
    _tap(window, qtbot, "tile_track")
    rig.at(Screen.TRACK)
    rig.type(tn.replace("-", ""))
    rig.click("btn_track_lookup")
    qtbot.waitUntil(lambda: "4" in rig.label("track_prompt"), timeout=5_000)
    rig.type("002X")
    rig.click("btn_track_lookup")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TRACK_RESULT, timeout=10_000)
    qtbot.waitUntil(lambda: "尚未上传" in rig.label("result_note"), timeout=10_000)
    assert "待上传" in rig.label("result_status")
    assert demo.set_network(False) is None
    # No tap: the upload happens, and the page says where the application now stands.
    qtbot.waitUntil(lambda: "待上传" not in rig.label("result_status"), timeout=20_000)
    assert "尚未上传" not in rig.label("result_note")
    assert "已收件" in rig.label("result_status")
    assert window.core.screen() == Screen.TRACK_RESULT


def _thanks(window, name: str) -> str:  # type: ignore[no-untyped-def]
    shown = [w.text() for w in window.findChildren(QLabel, name) if w.isVisible()]
    assert shown, f"no {name} on screen"
    return str(shown[0])


def _sent_offline_then_delivered(
    window, kiosk_app, qtbot, taps: tuple[str, ...], thanks: str
) -> None:  # type: ignore[no-untyped-def]
    """With the link cut, ``taps`` send something; it says it was saved offline. The link
    comes back: with no tap, the same thanks say it reached the platform."""
    _start(kiosk_app)
    demo = DemoControls(kiosk_app.backend)
    demo.set_network(True)
    qtbot.waitUntil(lambda: window.net_label.texts()[:1] != ["网络正常"], timeout=15_000)
    for name in taps:
        _tap(window, qtbot, name)
    qtbot.waitUntil(lambda: "网络暂时不通" in _thanks(window, thanks), timeout=10_000)
    assert demo.set_network(False) is None
    qtbot.waitUntil(lambda: "已送达平台" in _thanks(window, thanks), timeout=20_000)
    assert "网络暂时不通" not in _thanks(window, thanks)


def test_a_rating_saved_offline_says_when_it_reached_the_platform(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    taps = ("tile_rate", "rate_satisfied", "btn_submit_rating")
    _sent_offline_then_delivered(window, kiosk_app, qtbot, taps, "rate_thanks")
    _tap(window, qtbot, "btn_lang")
    qtbot.waitUntil(lambda: "reached the platform" in _thanks(window, "rate_thanks"), timeout=5_000)


def test_feedback_saved_offline_says_when_it_reached_the_platform(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    taps = (
        "tile_feedback",
        "category_complaint",
        "phrase_wait",
        "btn_feedback_next",
        "btn_submit_feedback",
    )
    _sent_offline_then_delivered(window, kiosk_app, qtbot, taps, "feedback_thanks")


def test_the_booking_confirmation_asks_the_platform_once_back(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    _start(kiosk_app)
    demo = DemoControls(kiosk_app.backend)
    demo.set_network(True)
    qtbot.waitUntil(lambda: window.net_label.texts()[:1] != ["网络正常"], timeout=15_000)
    window.core.start(Journey.APPOINTMENT)
    window.core.sessions.current.set_identity(manual_identity())
    window.core.next()
    window.show_screen()
    for name in ("dept_minzheng.hunyin", "mode_book", "day_20261124", "slot_1000"):
        _tap(window, qtbot, name)
    qtbot.waitUntil(lambda: "无法向平台确认" in _thanks(window, "appt_unconfirmed"), timeout=5_000)
    assert demo.set_network(False) is None
    # No tap: the note that the platform cannot be asked goes once it can.
    qtbot.waitUntil(
        lambda: not [w for w in window.findChildren(QLabel, "appt_unconfirmed") if w.isVisible()],
        timeout=20_000,
    )
    _tap(window, qtbot, "btn_confirm_booking")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=10_000)
