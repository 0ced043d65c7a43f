# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""Try-out 11's technician findings on the maintenance panel, through the real window.

T1: a failed job printed by 补打 sat under "未打印成功的打印任务" reading 已打印 with its
补打 still offered: the heading now says how many have been reprinted since (and that
they go once the page is left), the row's button is a spent 已补打 in the same place
(nothing moves under the finger: try-out 10, T2). T2: 上传队列 said "已送达 11" alone:
a line says what kinds of record make it up.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtWidgets import QLabel

from drivers.printer.document import Document, Text
from kiosk.app import KioskApp
from offline_cache.outbox_protocol import RecordKind
from tests.integration.printer.loopback_printer import LoopbackPrinter
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_maintenance_panel import (  # noqa: F401 (fixtures: a loopback printer)
    WAIT_MS,
    _button,
    _has_button,
    _page,
    _shown_label,
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
    # The heading tells the list is not all unprinted now, and until when it stays.
    assert "未打印成功的打印任务（其中 1 项已补打成功，离开本页后不再列出）" in _headings(window)
    # The row's button: spent, in the same place; the other job's 补打 as it was.
    spent = _button(window, f"reprint_{second.job_id}")
    assert spent.text() == "已补打" and not spent.isEnabled()
    assert _under(window, at) == f"reprint_{second.job_id}"
    still = _button(window, f"reprint_{first.job_id}")
    assert still.text() == "补打" and still.isEnabled()
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
    assert head == f"已送达的 {total} 条"
    said = dict(p.rsplit(" ", 1) for p in parts.split("、"))
    assert {k: v for k, v in said.items() if k != "审计记录"} == {
        "办件申请": "2",
        "预约": "1",
        "呼叫工作人员": "1",
        "好差评": "1",
    }
    assert sum(int(v) for v in said.values()) == total
