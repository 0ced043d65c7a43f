"""查询 with a complaint's own number (try-out 8, C19 and C18), through the real window,
the real kiosk, its sync agent and the embedded platform.

The kiosk had minted the number and told the citizen to keep it, yet 查询 asked for the
last 4 characters of an ID number the complaint never had, answered "no record" offline
and "check the number and the ID digits" online, and offered to reprint a receipt that
never existed. And once the network was back, "the network is down" stayed on screen."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.demo import DemoControls, DemoQr
from kiosk.flow import Screen
from kiosk.services.citizen import citizen_services
from kiosk.tracking import TrackingNumber, shown_tracking_number
from offline_cache.outbox_protocol import RecordKind, RecordState
from tests.ui.conftest_apply import rig  # noqa: F401  (fixture)
from tests.ui.test_complaint_truth import _complain
from tests.ui.test_console_queue_call import _start, _tap

pytestmark = pytest.mark.integration


def _shown(window, name: str) -> str:  # type: ignore[no-untyped-def]
    found = [w for w in window.findChildren(QLabel, name) if w.isVisible()]
    return found[0].text() if found else ""


def _visible(window, name: str) -> bool:  # type: ignore[no-untyped-def]
    return any(b.isVisible() for b in window.findChildren(QAbstractButton, name))


def _complaint_record(kiosk_app):  # type: ignore[no-untyped-def]
    [rec] = [r for r in kiosk_app.backend.outbox.list() if r.kind is RecordKind.FEEDBACK]
    return rec


def _look_up(window, qtbot, rig, number: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """Home → 查询 → type the number → 查询: the complaint's page comes, no ID digits asked."""
    window.core.home()
    window.show_screen()
    _tap(window, qtbot, "tile_track")
    rig.at(Screen.TRACK)
    # The entry page says a complaint's number is looked up here too.
    assert "投诉编号" in rig.label("track_prompt")
    rig.type(number.replace("-", ""))
    rig.click("btn_track_lookup")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TRACK_RESULT, timeout=10_000)
    qtbot.waitUntil(lambda: "投诉编号" in _shown(window, "result_number"), timeout=10_000)


def test_a_complaint_number_is_tracked_online_without_id_digits(  # type: ignore[no-untyped-def]
    window,
    kiosk_app,
    qtbot,
    rig,  # noqa: F811
) -> None:
    _start(kiosk_app)
    _complain(window, qtbot)
    rec = _complaint_record(kiosk_app)
    number = shown_tracking_number(rec.tracking_number or "")
    outbox = kiosk_app.backend.outbox
    qtbot.waitUntil(lambda: outbox.get(rec.id).state is RecordState.DELIVERED, timeout=15_000)
    _look_up(window, qtbot, rig, number)
    assert number in _shown(window, "result_number")
    # The platform's answer: it has the complaint, and staff follow it up by a date.
    qtbot.waitUntil(lambda: "平台已收到" in _shown(window, "result_status"), timeout=10_000)
    steps = " ".join(_shown(window, f"result_step_{i}") for i in range(3))
    assert "已跟进处理" in steps and "预计" in steps
    note = _shown(window, "result_note")
    assert "证件号码" not in note and "没有" not in note
    assert not _visible(window, "btn_reprint_receipt_open")  # no receipt was ever printed
    assert not _visible(window, "btn_print_slip")


def test_a_complaint_saved_offline_is_known_here_and_follows_the_link(  # type: ignore[no-untyped-def]
    window,
    kiosk_app,
    qtbot,
    rig,  # noqa: F811
) -> None:
    _start(kiosk_app)
    demo = DemoControls(kiosk_app.backend)
    demo.set_network(True)
    qtbot.waitUntil(lambda: window.net_label.texts()[:1] != ["网络正常"], timeout=15_000)
    _complain(window, qtbot)
    number = shown_tracking_number(_complaint_record(kiosk_app).tracking_number or "")
    _look_up(window, qtbot, rig, number)
    assert "待上传" in _shown(window, "result_status")
    note = _shown(window, "result_note")
    assert "投诉已保存在本机" in note and "没有此编号的记录" not in note
    assert not _visible(window, "btn_reprint_receipt_open")
    assert demo.set_network(False) is None
    # No tap: the complaint is sent, and the page says where it now stands.
    qtbot.waitUntil(lambda: "平台已收到" in _shown(window, "result_status"), timeout=20_000)
    assert "本机" not in _shown(window, "result_note")


def test_no_record_offline_does_not_outlive_the_network(  # type: ignore[no-untyped-def]
    window,
    kiosk_app,
    qtbot,
    monkeypatch,
    rig,  # noqa: F811
) -> None:
    """C18: "网络暂时不通，本机也没有此编号的记录" while the bar says 网络正常 again."""
    _start(kiosk_app)
    demo = DemoControls(kiosk_app.backend)
    demo.set_network(True)
    qtbot.waitUntil(lambda: window.net_label.texts()[:1] != ["网络正常"], timeout=15_000)
    window.core.home()
    window.show_screen()
    _tap(window, qtbot, "tile_track")
    rig.at(Screen.TRACK)
    unknown = TrackingNumber("M001", dt.date(2026, 11, 20), 9876)  # never issued
    rig.type(unknown.compact)
    rig.click("btn_track_lookup")
    qtbot.waitUntil(lambda: "4" in rig.label("track_prompt"), timeout=10_000)
    rig.type("002X")
    rig.click("btn_track_lookup")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TRACK_RESULT, timeout=10_000)
    qtbot.waitUntil(lambda: "网络暂时不通" in _shown(window, "result_note"), timeout=10_000)
    # No record here: no receipt of it here to reprint either.
    assert not _visible(window, "btn_reprint_receipt_open")
    # The platform is slow to answer a status once back (the try-out's agent had a
    # backlog to deliver first): the page's own look-up again finds nothing in time.
    services = citizen_services(window.core)
    assert services is not None
    monkeypatch.setattr(services.track, "_wait_s", 0.05)
    monkeypatch.setattr(kiosk_app.backend.sync, "request_status", lambda *_a, **_k: None)
    assert demo.set_network(False) is None
    qtbot.waitUntil(lambda: window.net_label.texts()[:1] == ["网络正常"], timeout=20_000)
    # Whenever the bar says 网络正常, the page no longer says the network is down.
    qtbot.waitUntil(lambda: "网络暂时不通" not in _shown(window, "result_note"), timeout=1_000)


def test_the_demo_receipt_code_of_a_complaint_offline_then_online(  # type: ignore[no-untyped-def]
    window,
    kiosk_app,
    qtbot,
    rig,  # noqa: F811
) -> None:
    """The try-out's own steps: a complaint filed offline, its code held to the scanner
    (F6) on 查询; then the network comes back while the page is on screen."""
    _start(kiosk_app)
    demo = DemoControls(kiosk_app.backend)
    demo.set_network(True)
    qtbot.waitUntil(lambda: window.net_label.texts()[:1] != ["网络正常"], timeout=15_000)
    _complain(window, qtbot)
    window.core.home()
    window.show_screen()
    _tap(window, qtbot, "tile_track")
    rig.at(Screen.TRACK)
    qtbot.waitUntil(lambda: "已就绪" in _shown(window, "track_scanner_state"), timeout=10_000)
    demo.show_qr(DemoQr.RECEIPT)
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TRACK_RESULT, timeout=10_000)
    qtbot.waitUntil(lambda: _shown(window, "result_note") != "", timeout=10_000)
    assert "没有此编号的记录" not in _shown(window, "result_note")
    assert not _visible(window, "btn_reprint_receipt_open")
    assert demo.set_network(False) is None
    qtbot.waitUntil(lambda: window.net_label.texts()[:1] == ["网络正常"], timeout=20_000)
    qtbot.waitUntil(lambda: "平台已收到" in _shown(window, "result_status"), timeout=10_000)
    note = _shown(window, "result_note")
    assert "网络暂时不通" not in note and "证件号码" not in note
