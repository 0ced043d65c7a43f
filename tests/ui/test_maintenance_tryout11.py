# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""Try-out 11's technician findings on the maintenance panel, through the real window.

T1: a failed job printed from the panel sat under "未打印成功的打印任务" reading 已打印 with its
补打 still offered: the heading now says how many have been reprinted since (and that
they go once the page is left), the row's button is a spent 已打印 in the same place
(nothing moves under the finger: try-out 10, T2); 补打 / 已补打 only for a copy (try-out
20, T1: none of it had come out). T2: 上传队列 said "已送达 11" alone:
a line says what kinds of record make it up.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from central.console.accounts import Role
from drivers.printer.document import Document, Text
from kiosk.app import KioskApp
from offline_cache.outbox_protocol import RecordKind
from tests.integration.printer.loopback_printer import LoopbackPrinter
from tests.support.chromium import headless_chromium
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_maintenance_panel import (  # noqa: F401 (fixtures: a loopback printer)
    WAIT_MS,
    _button,
    _has_button,
    _page,
    _press,
    _shown_label,
    _tap_named,
    printer,
    tech_settings,
    usb,
    window,
)
from tests.ui.test_maintenance_tryout6 import _open, lang  # noqa: F401
from tests.ui.test_maintenance_tryout10 import (  # noqa: F401 (fixtures)
    _centre,
    _finger,
    _settled,
    _tries,
    _under,
    simulated,
    tech_app,
)

pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def _headings(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        lab.text()
        for lab in window.findChildren(QLabel)
        if lab.isVisible() and lab.property("role") == "heading"
    ]


def test_a_job_reprinted_from_the_not_printed_list_says_so_in_its_place(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    printing = tech_app.backend.printing
    printer.paper = "out"
    first = printing.print_document("submission_receipt", Document((Text("ONE"),)), "M001-5")
    second = printing.print_document("submission_receipt", Document((Text("TWO"),)), "M001-6")
    assert not first.printed and not second.printed and first.job_id and second.job_id
    printer.paper = "ok"
    _open(window, qtbot, tech_app, (1920, 1080))
    _page(window, qtbot, "jobs")
    qtbot.waitUntil(lambda: _has_button(window, f"reprint_{second.job_id}"), timeout=WAIT_MS)
    assert "未打印成功的打印任务" in _headings(window)
    at = _centre(window, f"reprint_{second.job_id}")
    wait_until_tappable(_button(window, f"reprint_{second.job_id}"))
    _finger(window, qtbot, at)
    _settled(window, qtbot, f"job_{second.job_id}")
    # The heading tells the list is not all unprinted now, and until when it stays; its
    # first paper, no copy: 已打印, not 补打 (try-out 20, T1 follow-up).
    assert "未打印成功的打印任务（其中 1 项已打印成功，离开本页后不再列出）" in _headings(window)
    # The row's button: spent, in the same place; the other job's 打印 as it was.
    spent = _button(window, f"reprint_{second.job_id}")
    assert spent.text() == "已打印" and not spent.isEnabled()
    assert _under(window, at) == f"reprint_{second.job_id}"
    still = _button(window, f"reprint_{first.job_id}")
    assert still.text() == "打印" and still.isEnabled()
    _finger(window, qtbot, at)
    qtbot.wait(500)
    assert _tries(tech_app, second.job_id) == 2 and _tries(tech_app, first.job_id) == 1
    # Left and opened again: only what has not printed, under the plain heading.
    _page(window, qtbot, "devices")
    _page(window, qtbot, "jobs")
    qtbot.waitUntil(lambda: _has_button(window, f"reprint_{first.job_id}"), timeout=WAIT_MS)
    assert not _has_button(window, f"reprint_{second.job_id}")
    assert "未打印成功的打印任务" in _headings(window)


def test_the_outbox_says_what_its_delivered_records_are(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, qtbot
) -> None:
    outbox = tech_app.backend.outbox
    now = dt.datetime.now(dt.UTC)
    kinds = [
        RecordKind.APPLICATION,
        RecordKind.APPLICATION,
        RecordKind.RATING,
        RecordKind.STAFF_CALL,
        RecordKind.APPOINTMENT,
    ]
    mine = {outbox.enqueue(k, b"{}", None, now).id for k in kinds}
    for r in outbox.claim(100, now):
        if r.id in mine:
            outbox.mark_delivered(r.id, now)
    _open(window, qtbot, tech_app, (1920, 1080))
    _page(window, qtbot, "outbox")
    qtbot.waitUntil(lambda: _shown_label(window, "outbox_delivered") is not None, timeout=WAIT_MS)
    line, counts = (_shown_label(window, n) for n in ("outbox_delivered", "outbox_counts"))
    assert line is not None and counts is not None
    # The kiosk's own audit entries are delivered alongside (as many as it made).
    total = int(re.search(r"已送达 (\d+)", counts.text()).group(1))  # type: ignore[union-attr]
    head, parts = line.text().split("：", 1)
    # Citizens' records on their own, the kiosk's audit entries apart (try-out 14, T2).
    assert head == "已送达的市民记录 5 条"
    assert all(p.endswith(" 条") for p in parts.split("、")), parts
    said = dict(p.removesuffix(" 条").rsplit(" ", 1) for p in parts.split("、"))
    assert said == {"办件申请": "2", "预约": "1", "呼叫工作人员": "1", "好差评": "1"}
    audit = _shown_label(window, "outbox_audit")
    own = int(re.search(r"(\d+) 条", audit.text()).group(1)) if audit else 0  # type: ignore[union-attr]
    assert 5 + own == total


def test_a_kiosk_paused_on_its_panel_is_shown_paused_on_the_console(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, qtbot, tmp_path: Path
) -> None:
    """K2: paused from the panel (暂停服务), the kiosk's 终端 row on the console showed
    device alerts and 正常 paper, and nothing said it served no one. The heartbeat now
    carries the service state (sent at once on the change), the page says 暂停服务 and
    since when; back in service, the alert goes."""
    tech_app.backend.start()
    assert tech_app.backend.wait_started(30)
    platform = tech_app.backend.platform
    assert platform is not None
    store = platform.platform.store
    platform.platform.staff.add("li", Role.OPERATOR, "Operator-pass-77", dt.datetime.now(dt.UTC))

    def service() -> str:
        beats = [k["last"].get("service") or {} for k in store.kiosks()]
        return str(beats[0].get("state", "")) if beats else ""

    _open(window, qtbot, tech_app, (1920, 1080))
    _page(window, qtbot, "service")
    _tap_named(window, qtbot, "btn_suspend")
    qtbot.waitUntil(
        lambda: _button(window, "btn_suspend").text() == "确认暂停服务", timeout=WAIT_MS
    )
    _press(window, qtbot, "btn_suspend", "已暂停服务")
    # Not a minute's heartbeat interval later: the change sends one at once.
    qtbot.waitUntil(lambda: service() == "out_of_service", timeout=WAIT_MS)
    today = tech_app.backend.clock().astimezone().date().isoformat()
    with headless_chromium(tmp_path / "chromium-profile") as driver:
        base = platform.base_url
        driver.get(base + "/console/signin")
        driver.find_element(By.ID, "username").send_keys("li")
        driver.find_element(By.ID, "password").send_keys("Operator-pass-77")
        driver.find_element(By.ID, "signin").click()
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.ID, "who"))
        driver.get(base + "/console/fleet")
        alerts = driver.find_element(By.CSS_SELECTOR, "tr.kiosk td.alerts").text
        assert f"暂停服务（自 {today} " in alerts and "维护面板设置" in alerts, alerts
        assert "正常" not in alerts, alerts

        _tap_named(window, qtbot, "btn_resume")
        qtbot.waitUntil(
            lambda: _button(window, "btn_resume").text() == "确认恢复服务", timeout=WAIT_MS
        )
        _press(window, qtbot, "btn_resume", "正在服务")
        qtbot.waitUntil(lambda: service() == "in_service", timeout=WAIT_MS)
        driver.get(base + "/console/fleet")
        alerts = driver.find_element(By.CSS_SELECTOR, "tr.kiosk td.alerts").text
        assert "暂停服务" not in alerts, alerts
