# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""Try-out 17: what becomes of a staff call after it was made, through the real window,
the kiosk's real sync agent and its embedded platform's hall page over real HTTP.

C1/K4: a citizen who tapped 呼叫工作人员 three times made three rows on the hall's console;
now one row, saying it was asked again (共呼叫 3 次 since try-out 20, the latest time). K1: the row still
said 打印机：缺纸 / 回执未打印 after the paper was put back and the technician reprinted
the receipt from the maintenance panel; now it says the printer works again and the
receipt printed (回执已打印: its first paper; 回执已补打 only for a copy, try-out 20). T1: the panel's 平台连接 page named the kiosk's asking after a call
(has staff answered?) 呼叫工作人员, and its failures read as calls that failed."""

from __future__ import annotations

import datetime as dt
import re

import requests
from PySide6.QtCore import Qt

from central.console.accounts import Role
from central.tracking_text import shown_form
from kiosk.app import KioskApp
from kiosk.demo import DemoControls
from kiosk.events import Device, DeviceStatusChanged, Health
from offline_cache.outbox_protocol import RecordKind, RecordState
from tests.integration.console.conftest import sign_in
from tests.integration.printer.loopback_printer import LoopbackPrinter
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_maintenance_panel import (  # noqa: F401 (fixtures: a loopback printer)
    DEMO_PIN,
    WAIT_MS,
    _failed_receipt,
    _page,
    _result,
    _shown_label,
    _tap_named,
    open_panel_with_corners,
    printer,
    usb,
    window,
)
from tests.ui.test_maintenance_panel import sign_in as panel_sign_in
from tests.ui.test_maintenance_tryout6 import lang, tech_app  # noqa: F401

PASSWORD = "Hall-staff-2026!"
TN = "M001-261123-0008C"  # the failed receipt's (tests/ui/test_maintenance_panel.py)
SHOWN = shown_form(TN)  # as the receipt prints it (try-out 17, K2)


def _tap_call_staff(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    wait_until_tappable(window.staff_btn)
    qtbot.mouseClick(window.staff_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.overlay.isVisible(), timeout=WAIT_MS)
    wait_until_tappable(window.overlay.primary)
    qtbot.mouseClick(window.overlay.primary, Qt.MouseButton.LeftButton)  # 好的


def _panel(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The technician opens the maintenance panel (corner taps) and signs in."""
    open_panel_with_corners(window, qtbot)
    panel_sign_in(window, qtbot, DEMO_PIN)
    qtbot.waitUntil(lambda: _shown_label(window, "device_printer") is not None, timeout=WAIT_MS)


def _row(hall: requests.Session, base: str) -> str:
    """The hall page's one call row, in words."""
    page = hall.get(base + "/console/hall?lang=zh", timeout=5).text
    rows = re.findall(r'<tr class="call" data-call-id="[^"]+">(.*?)</tr>', page, re.S)
    assert len(rows) == 1, f"{len(rows)} rows for one citizen's call"
    return " ".join(re.sub(r"<[^>]+>", " ", rows[0]).split())


def test_one_row_asked_again_and_the_printer_and_receipt_as_they_are_now(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    job = _failed_receipt(tech_app, printer)  # the citizen's receipt: paper out
    tech_app.backend.start()
    assert tech_app.backend.wait_started(30)
    embedded = tech_app.backend.platform
    assert embedded is not None
    embedded.platform.staff.add("wang", Role.HALL, PASSWORD, dt.datetime.now(dt.UTC))
    base = embedded.base_url
    core = tech_app.core
    printer.paper = "out"
    core.bus.publish(DeviceStatusChanged(Device.PRINTER, Health.FAULT, "printer.paper_out"))
    core.sessions.current.tracking_number = TN  # the receipt page of that citizen
    core.sessions.touch()
    for _ in range(3):
        _tap_call_staff(window, qtbot)
    calls = [r for r in tech_app.backend.outbox.list() if r.kind is RecordKind.STAFF_CALL]
    assert len(calls) == 1

    hall = sign_in(base, "wang", PASSWORD)
    qtbot.waitUntil(lambda: "共呼叫 3 次" in _row(hall, base), timeout=WAIT_MS)
    row = _row(hall, base)
    assert "打印机：缺纸 · 请带打印纸卷" in row and "回执未打印，请打印受理编号 " + SHOWN in row, (
        row
    )

    # The paper is put back; the technician reprints the receipt from the panel.
    printer.paper = "ok"
    core.bus.publish(DeviceStatusChanged(Device.PRINTER, Health.OK, "printer.ready"))
    _panel(window, qtbot)
    _page(window, qtbot, "jobs")
    _tap_named(window, qtbot, f"reprint_{job}")
    qtbot.waitUntil(lambda: "已打印" in _result(window), timeout=WAIT_MS)

    # Its first paper (none came out at 缺纸): printed, not 补打 (try-out 20, T1 follow-up).
    qtbot.waitUntil(lambda: "回执已打印" in _row(hall, base), timeout=WAIT_MS)
    row = _row(hall, base)
    assert "打印机已恢复" in row and "呼叫时：缺纸" in row, row
    assert "请带打印纸卷" not in row and "回执未打印" not in row and "补打" not in row, row
    assert "回执已打印，受理编号 " + SHOWN in row and "共呼叫 3 次" in row, row
    en = hall.get(base + "/console/hall?lang=en", timeout=5).text
    for words in ("Called 3 times", "Printer working again", "Receipt printed: " + SHOWN):
        assert words in " ".join(re.sub(r"<[^>]+>", " ", en).split()), words


def test_the_platform_page_names_a_calls_upload_and_the_asking_after_it(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, qtbot, monkeypatch
) -> None:
    """T1, and P1: the call's own failed upload read 上传申请 (an application's)."""
    tech_app.backend.start()
    assert tech_app.backend.wait_started(30)
    agent = tech_app.backend.sync
    assert agent is not None
    embedded = tech_app.backend.platform
    assert embedded is not None

    def fault(*_a: object, **_k: object) -> None:
        raise RuntimeError("the platform's store failed")

    # The platform up but failing to store a record (HTTP 500): the call's upload, on
    # its own once the kiosk's audit entries are delivered, fails.
    outbox = tech_app.backend.outbox
    qtbot.waitUntil(
        lambda: all(r.state is RecordState.DELIVERED for r in outbox.list()), timeout=WAIT_MS
    )
    monkeypatch.setattr(embedded.platform, "accept_many", fault)
    demo = DemoControls(tech_app.backend)
    tech_app.core.sessions.touch()
    _tap_call_staff(window, qtbot)  # saved on the kiosk, followed: has staff answered?
    qtbot.waitUntil(
        lambda: any(e.operation == "deliver" for e in agent.recent_errors()), timeout=WAIT_MS
    )
    assert demo.set_network(True) is None  # then the link is cut

    def asked() -> bool:
        # Any asking after the call (named as the kiosk names it).
        return any(e.operation.startswith("staff_call") for e in agent.recent_errors())

    for _ in range(100):
        if asked():
            break
        agent.link_changed()  # probe now, as a kiosk noticing its cable does
        qtbot.wait(100)
    assert asked()
    assert demo.set_network(False) is None
    _panel(window, qtbot)
    _page(window, qtbot, "platform")

    def lines() -> list[str]:
        shown = [_shown_label(window, f"sync_problem_{i}") for i in range(8)]
        return [w.text() for w in shown if w is not None]

    qtbot.waitUntil(
        lambda: any("查询已发出呼叫的处理进展" in ln for ln in lines()), timeout=WAIT_MS
    )
    page = "\n".join(lines())
    assert "呼叫工作人员：" not in page, page  # no call failed: asking after one did
    # The call's upload failed, and says so as the call it is.
    assert "上传记录（呼叫工作人员）：平台出错（HTTP 500）" in page, page
    assert "申请" not in page, page
