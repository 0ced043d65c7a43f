"""Under the demo's simulated hall clock the kiosk and its embedded platform tell one
time (kiosk/hall_clock.py): a Friday evening demo runs the hall on Monday 10:00, the
queue ticket and the booking taken by tapping the real window reach the platform dated
by the hall's day, and the hall console lists them on that day; a receipt's submitted
time and 预计办结 agree with the header's date. F12 that cannot bring the embedded
platform back says so on the demo panel, in words."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterator

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QAbstractButton, QLabel

from central.console.accounts import Role
from kiosk.app import KioskApp, build_app
from kiosk.bundled_catalog import load_bundled_catalog
from kiosk.demo import DemoControls, DemoQr
from kiosk.flow import Journey, Screen
from kiosk.hall_clock import HallClock
from kiosk.payloads.eid import parse_eid
from kiosk.payloads.types import PayloadStatus
from kiosk.services.apply import (
    RECEIPT_KIND,
    ApplicationDraft,
    add_working_days,
    apply_service,
)
from kiosk.settings import Settings
from kiosk.sync.clock_offset import SIGNIFICANT_S
from kiosk.workers import InlineExecutor
from tests.ui.conftest import FakeClock
from tests.ui.conftest_apply import manual_identity
from tests.ui.test_console_queue_call import _take_ticket, _tap
from tests.unit.services.citizen_fixtures import utc_local_time_fixture  # noqa: F401
from ui.demo_panel import install_demo_panel

pytestmark = pytest.mark.integration

PASSWORD = "Hall-staff-2026!"
FRIDAY_EVENING = dt.datetime(2026, 11, 27, 19, 5, tzinfo=dt.UTC)  # every counter closed
HALL_DAY = dt.date(2026, 11, 30)  # the Monday the demo moves the hall to


@pytest.fixture
def hall(clock: FakeClock) -> HallClock:
    clock.now = FRIDAY_EVENING
    hall = HallClock(clock)
    hall.use_office_hours_if_closed()  # what `kiosk --demo` does at start
    return hall


@pytest.fixture
def kiosk_app(settings: Settings, hall: HallClock) -> Iterator[KioskApp]:
    # As ui/launcher.py builds the demo: the hall clock is the kiosk's one clock.
    app = build_app(settings, clock=hall, executor=InlineExecutor())
    yield app
    app.stop()


def _header(window) -> str:  # type: ignore[no-untyped-def]
    window.check_idle()  # the window's one-second tick
    return str(window.findChild(QLabel, "header_clock").text())


def _console_hall(base_url: str, hall: str | None = None) -> str:
    """The hall page of the embedded platform's console, signed in as hall staff (of
    ``hall``; None: the page as it opens)."""
    s = requests.Session()
    form = s.get(f"{base_url}/console/signin", timeout=10)
    presign = form.cookies.get("presign") or next(iter(form.cookies.values()))
    s.cookies.update(form.cookies)
    r = s.post(
        f"{base_url}/console/signin",
        data={"username": "wang", "password": PASSWORD, "csrf": presign},
        timeout=10,
    )
    assert r.ok, r.text[:200]
    params = {} if hall is None else {"hall": hall}
    return s.get(f"{base_url}/console/hall", params=params, timeout=10).text


def _book_tomorrow(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """预约 the first slot of the next hall day, by tapping."""
    window.core.home()
    window.core.start(Journey.APPOINTMENT)
    window.core.next()  # past IDENTIFY (the apply journey's screen)
    window.show_screen()
    _tap(window, qtbot, "dept_minzheng.hunyin")
    _tap(window, qtbot, "mode_book")
    _tap(window, qtbot, f"day_{HALL_DAY + dt.timedelta(days=1):%Y%m%d}")
    slots = [b for b in window.findChildren(QAbstractButton) if b.objectName().startswith("slot_")]
    first = min((b for b in slots if b.isVisible() and b.isEnabled()), key=lambda b: b.objectName())
    _tap(window, qtbot, first.objectName())
    _tap(window, qtbot, "btn_confirm_booking")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=10_000)


def test_tickets_bookings_and_receipts_tell_the_hall_time(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot, clock, hall, settings
) -> None:
    kiosk_app.start()
    assert kiosk_app.backend.wait_started(30)
    embedded = kiosk_app.backend.platform
    assert embedded is not None and kiosk_app.backend.sync is not None
    assert embedded.platform.config.now is hall  # one clock object, not an offset
    embedded.platform.staff.add("wang", Role.HALL, PASSWORD, hall())
    assert "11月30日" in _header(window) and _header(window).endswith("10:00")

    number, _slip = _take_ticket(window, kiosk_app, qtbot)
    assert number.endswith("A001")
    _book_tomorrow(window, qtbot)
    # Both reach the platform, and its console lists the ticket on the hall's day.
    qtbot.waitUntil(lambda: kiosk_app.backend.outbox.stats(hall()).pending == 0, timeout=20_000)
    page = _console_hall(embedded.base_url)
    tickets = page.split('id="tickets"', 1)[1].split("</table>", 1)[0]
    assert number in tickets
    rows = embedded.platform.store.submissions_of_kind("appointment")
    kinds = {(r["body"]["payload"]["type"]) for r in rows}
    assert kinds == {"queue_ticket", "appointment"}
    # The next hall day, the console lists the booking made for it.
    clock.advance(24 * 3600)
    page = _console_hall(embedded.base_url)
    bookings = page.split('id="bookings"', 1)[1].split("</table>", 1)[0]
    assert "婚姻登记处" in bookings and "M001-261130-" in bookings  # minted on the hall day
    # Both are the kiosk's hall's: its page, read by hall and day (issue 16), lists them.
    page = _console_hall(embedded.base_url, settings.kiosk.location_zh)
    assert f"<strong>{settings.kiosk.location_zh}</strong>" in page
    assert "M001-261130-" in page.split('id="bookings"', 1)[1].split("</table>", 1)[0]

    # The platform dates its answers by the hall clock: the kiosk learns no false clock
    # offset, and the demo's e-ID code (F5), issued at the hall time, is valid at it.
    offset = kiosk_app.backend.sync.clock_offset.offset_s
    assert offset is not None and abs(offset) < SIGNIFICANT_S
    assert abs((window.core.trusted_now() - hall()).total_seconds()) < SIGNIFICANT_S
    token = DemoControls(kiosk_app.backend).qr_text(DemoQr.EID)
    read = parse_eid(token, kiosk_app.backend.verification_keys, window.core.trusted_now())
    assert read.status is PayloadStatus.OK

    # A receipt: submitted on the header's date, 预计办结 counted from it.
    service_def = load_bundled_catalog().by_id("shuiwu.tax_record")
    assert service_def is not None
    service = apply_service(window.core)
    assert service is not None
    draft = ApplicationDraft(
        service=service_def,
        identity=manual_identity(),
        agent=None,
        form_values={f.id: "2024" for f in service_def.form},
        pages=(),
        language="zh",
    )
    result = service.submit(draft)
    assert result.saved and result.expected_completion is not None
    today = hall().astimezone().date()
    assert f"{today.month}月{today.day}日" in _header(window)
    store = kiosk_app.backend.printing._store  # what went to paper
    [receipt] = [
        json.dumps(json.loads(store.get(j.id).payload), ensure_ascii=False)
        for j in store.list_jobs()
        if j.kind == RECEIPT_KIND
    ]
    assert f"{today.year}年{today.month}月{today.day}日" in receipt  # 提交时间
    expected = add_working_days(today, service_def.time_limit_days)
    assert result.expected_completion == expected >= today
    assert f"{expected.year}年{expected.month}月{expected.day}日" in receipt  # 预计办结
    assert not re.search(r"2026年11月27日", receipt)  # never the real (Friday) date


def test_f12_says_when_the_platform_cannot_start_again(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    kiosk_app.start()
    assert kiosk_app.backend.wait_started(30)
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    panel.set_collapsed(False)
    network = panel.findChild(QAbstractButton, "demo_network")
    qtbot.mouseClick(network, Qt.MouseButton.LeftButton)  # network down
    state = panel.findChild(QLabel, "demo_network_state")
    qtbot.waitUntil(lambda: "网络已断开" in state.text())  # said once done, on its worker
    # Meanwhile a newer kiosk-central moved the database on to a newer schema.
    db = kiosk_app.backend.paths.root / "embedded-platform.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO schema_migrations (version) VALUES (99)")
    conn.close()
    panel.set_collapsed(True)  # folded, as it often is over a small screen
    f12 = [k for k in window.findChildren(QShortcut) if k.key().toString() == "F12"]
    assert f12, "F12 is not bound"
    f12[0].activated.emit()  # restore the network: the platform cannot start
    qtbot.waitUntil(lambda: "网络未能恢复" in state.text())
    assert not panel.collapsed and state.isVisible()  # unfolded, so it is seen
    assert "网络未能恢复" in state.text() and "SchemaTooNew" in state.text()
    assert "schema version 99" in state.text()
    assert kiosk_app.backend.platform is None and panel._demo.network_down  # still down


def test_f12_says_why_a_platform_that_never_started_does_not_come_back(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot
) -> None:
    db = kiosk_app.paths.root / "embedded-platform.sqlite3"
    db.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(db) as conn:  # migrated by a newer kiosk-central before the start
        conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY)")
        conn.execute("INSERT INTO schema_migrations (version) VALUES (99)")
    conn.close()
    kiosk_app.start()
    assert kiosk_app.backend.wait_started(30)
    assert kiosk_app.backend.platform is None
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    panel.set_collapsed(False)
    network = panel.findChild(QAbstractButton, "demo_network")
    state = panel.findChild(QLabel, "demo_network_state")
    qtbot.mouseClick(network, Qt.MouseButton.LeftButton)  # cut
    qtbot.waitUntil(lambda: "网络已断开" in state.text())
    qtbot.mouseClick(network, Qt.MouseButton.LeftButton)  # and restore: nothing to restore
    qtbot.waitUntil(lambda: "网络未能恢复" in state.text())
    assert "网络未能恢复" in state.text() and "schema version 99" in state.text()
