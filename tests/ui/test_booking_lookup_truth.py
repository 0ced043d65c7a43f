"""Scanning a booking slip's QR in 查询 shows the booking, never an application (try-out 7,
finding 1: the slip's code led to "受理编号 … 当前状态：已办结", 材料齐全，已受理, 补打回执).

The real window, the real sync agent and the embedded platform (its demo timer runs, as
in the demo); the slip's QR is held to the simulated camera as F6 does. A booking shows
its counter, its time, its state as the platform knows it (已确认, then 已过期 once its
time has passed) and what to do; offline, the state this kiosk knows (待确认 until the
platform has it), and the page follows the link when it comes back.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.demo import DemoControls, DemoQr
from kiosk.flow import Journey, Screen
from kiosk.services.citizen import citizen_services
from kiosk.tracking import shown_tracking_number
from tests.ui.conftest_apply import manual_identity
from tests.ui.helpers import visible_texts
from tests.ui.test_console_queue_call import _start, _tap
from ui.i18n import tr
from ui.screens.track_result import TrackResultScreen

pytestmark = pytest.mark.integration

# Words of an application's progress: none of them is true of a booking.
APPLICATION_WORDS = ("受理编号", "已办结", "已受理", "材料齐全", "已收件", "审核中", "办理环节")
APPLICATION_BUTTONS = ("btn_reprint_receipt_open", "btn_print_slip")


def _book(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """预约取号 → 婚姻登记 → 预约 → 11月24日 10:00, confirmed on the real window."""
    window.core.start(Journey.APPOINTMENT)
    window.core.sessions.current.set_identity(manual_identity())
    window.core.next()
    window.show_screen()
    for name in ("dept_minzheng.hunyin", "mode_book", "day_20261124", "slot_1000"):
        _tap(window, qtbot, name)
    _tap(window, qtbot, "btn_confirm_booking")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=10_000)


def _scan_slip(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    """首页 → 查询, then the slip's QR to the camera (F6: the last number's code)."""
    _tap(window, qtbot, "btn_home")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.HOME, timeout=5_000)
    _tap(window, qtbot, "tile_track")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TRACK, timeout=5_000)
    DemoControls(kiosk_app.backend).show_qr(DemoQr.RECEIPT)
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TRACK_RESULT, timeout=10_000)
    qtbot.waitUntil(lambda: "预约状态" in _status(window), timeout=15_000)


def _status(window) -> str:  # type: ignore[no-untyped-def]
    shown = [w.text() for w in window.findChildren(QLabel, "result_status") if w.isVisible()]
    return str(shown[0]) if shown else ""


def _page(window) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(visible_texts(window))


def _no_application(window) -> None:  # type: ignore[no-untyped-def]
    page = _page(window)
    for word in APPLICATION_WORDS:
        assert word not in page, f"{word!r} on a booking's page:\n{page}"
    for name in APPLICATION_BUTTONS:
        shown = [w for w in window.findChildren(QWidget, name) if w.isVisible()]
        assert not shown, f"{name} offered for a booking"


def test_a_booking_slip_shows_the_booking_as_the_platform_knows_it(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot, clock
) -> None:
    _start(kiosk_app)
    kiosk_app.backend.platform.platform.config.now = clock  # the hall's time, as in the demo
    _book(window, qtbot)
    qtbot.waitUntil(lambda: "平台已确认" in _page(window), timeout=15_000)
    # Ten minutes on: the demo timer would have taken an application to 已办结 by now.
    clock.advance(600)
    _scan_slip(window, kiosk_app, qtbot)
    assert _status(window) == "预约状态：已确认"
    page = _page(window)
    assert "预约编号：" in page
    start = dt.datetime(2026, 11, 24, 10, 0)
    assert f"时间：2026年11月24日 周二 {start:%H:%M}-10:30" in page
    assert "窗口：婚姻登记" in page
    assert "请在预约时间前 10 分钟到窗口" in page
    _no_application(window)

    # The day after, the booked time has passed: the platform says so, and nothing
    # asks the citizen to come.
    clock.advance(26 * 3600)
    _tap(window, qtbot, "btn_track_again")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TRACK, timeout=5_000)
    DemoControls(kiosk_app.backend).show_qr(DemoQr.RECEIPT)
    qtbot.waitUntil(lambda: _status(window) == "预约状态：已过期", timeout=15_000)
    assert "预约时间已过" in _page(window)
    assert "请在预约时间前" not in _page(window)
    _no_application(window)


def test_offline_a_booking_slip_says_not_yet_confirmed_then_follows_the_link(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot, clock
) -> None:
    _start(kiosk_app)
    kiosk_app.backend.platform.platform.config.now = clock
    demo = DemoControls(kiosk_app.backend)
    demo.set_network(True)  # F12: the link is cut before the booking
    qtbot.waitUntil(lambda: window.net_label.texts()[:1] != ["网络正常"], timeout=15_000)
    _book(window, qtbot)
    _scan_slip(window, kiosk_app, qtbot)
    assert _status(window) == "预约状态：待确认"
    assert "尚未上传到平台" in _page(window)
    assert "10:00-10:30" in _page(window)
    _no_application(window)
    # The link comes back: no tap, the page says what the platform now holds.
    assert demo.set_network(False) is None
    qtbot.waitUntil(lambda: _status(window) == "预约状态：已确认", timeout=30_000)
    assert "尚未上传" not in _page(window)
    _no_application(window)


def test_offline_a_delivered_booking_says_what_this_kiosk_knows(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot, clock
) -> None:
    _start(kiosk_app)
    kiosk_app.backend.platform.platform.config.now = clock
    _book(window, qtbot)
    qtbot.waitUntil(lambda: "平台已确认" in _page(window), timeout=15_000)
    demo = DemoControls(kiosk_app.backend)
    demo.set_network(True)  # cut after the platform confirmed it
    qtbot.waitUntil(lambda: window.net_label.texts()[:1] != ["网络正常"], timeout=15_000)
    _scan_slip(window, kiosk_app, qtbot)
    # What this kiosk last heard, said so (try-out 17, C5: 当前状态 offline).
    assert _status(window) == "最近已知预约状态：已确认"
    page = _page(window)
    # True offline and with a platform too slow to answer alike: it cannot be asked now.
    assert "平台已确认" in page and "现在无法向平台查询" in page
    assert "本机也没有此编号的记录" not in page
    _no_application(window)


def _result_texts(window) -> list[str]:  # type: ignore[no-untyped-def]
    """The words on the result screen (shown or about to be: its labels' texts)."""
    return [
        str(w.text())
        for page in window.findChildren(TrackResultScreen)
        for w in page.findChildren(QLabel)
        if w.text() and not w.isHidden()
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_while_a_booking_is_looked_up_the_screen_says_nothing_of_an_application(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot, clock, monkeypatch, lang
) -> None:
    """Until the answer the kiosk cannot tell a booking slip's code from a receipt's (the
    same signed code): 正在查询，请稍候…, not 正在查询办理进度; no 受理编号 either."""
    _start(kiosk_app)
    kiosk_app.backend.platform.platform.config.now = clock
    _book(window, qtbot)
    qtbot.waitUntil(lambda: "平台已确认" in _page(window), timeout=15_000)
    services = citizen_services(window.core)
    assert services is not None
    real = services.track.fetch_status
    during: list[list[str]] = []

    def fetch(*args, **kwargs):  # type: ignore[no-untyped-def]
        # The platform is being asked: what the screen says has no answer behind it yet.
        during.append(_result_texts(window))
        return real(*args, **kwargs)

    monkeypatch.setattr(services.track, "fetch_status", fetch)
    _tap(window, qtbot, "btn_home")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.HOME, timeout=5_000)
    _tap(window, qtbot, "tile_track")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TRACK, timeout=5_000)
    if lang == "en":
        _tap(window, qtbot, "btn_lang")
    DemoControls(kiosk_app.backend).show_qr(DemoQr.RECEIPT)
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TRACK_RESULT, timeout=10_000)
    want = "预约状态" if lang == "zh" else "Booking: "
    qtbot.waitUntil(lambda: _status(window).startswith(want), timeout=15_000)
    assert during, "the slip was never looked up"
    said = "\n".join(during[0])
    assert tr("result.loading", lang) in said, said
    untrue = (
        ("办理进度", "受理编号", "办理环节")
        if lang == "zh"
        else ("progress", "Tracking number", "application")
    )
    for word in untrue:
        assert word not in said, f"{word!r} said of a booking before the answer:\n{said}"
    # The answer names it: 预约编号, and the number the slip shows.
    number = window.core.sessions.current.tracking_number
    shown = [w.text() for w in window.findChildren(QLabel, "result_number") if w.isVisible()]
    assert shown == [tr("result.booking_number", lang, n=shown_tracking_number(number))]
