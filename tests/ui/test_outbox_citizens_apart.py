# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""Try-out 14, T2: the panel's 上传队列 counted "审计记录 10 条" among "已送达的 16 条" with
the citizens' applications: a technician checking that citizens' records went out had to
subtract the kiosk's own audit entries in his head. Citizens' records are counted on their
own line, the kiosk's audit entries on another. Through the real panel."""

from __future__ import annotations

import datetime as dt
import re

from kiosk.app import KioskApp
from offline_cache.outbox_protocol import RecordKind
from tests.ui.test_maintenance_panel import (  # noqa: F401 (fixtures: a loopback printer)
    WAIT_MS,
    _page,
    _shown_label,
    printer,
    tech_settings,
    usb,
    window,
)
from tests.ui.test_maintenance_tryout6 import _open, lang  # noqa: F401
from tests.ui.test_maintenance_tryout10 import simulated, tech_app  # noqa: F401 (fixtures)


def test_citizens_records_and_audit_entries_are_counted_apart(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, qtbot
) -> None:
    outbox = tech_app.backend.outbox
    now = dt.datetime.now(dt.UTC)
    kinds = [RecordKind.APPLICATION] * 2 + [RecordKind.RATING, RecordKind.STAFF_CALL]
    kinds += [RecordKind.AUDIT] * 3
    mine = {outbox.enqueue(k, b"{}", None, now).id for k in kinds}
    for r in outbox.claim(100, now):
        if r.id in mine:
            outbox.mark_delivered(r.id, now)
    _open(window, qtbot, tech_app, (1280, 800))
    _page(window, qtbot, "outbox")
    qtbot.waitUntil(lambda: _shown_label(window, "outbox_audit") is not None, timeout=WAIT_MS)
    citizens, audit, counts = (
        _shown_label(window, n) for n in ("outbox_delivered", "outbox_audit", "outbox_counts")
    )
    assert citizens is not None and audit is not None and counts is not None
    total = int(re.search(r"已送达 (\d+)", counts.text()).group(1))  # type: ignore[union-attr]
    assert citizens.text() == "已送达的市民记录 4 条：办件申请 2 条、好差评 1 条、呼叫工作人员 1 条"
    assert "审计" not in citizens.text()
    # The kiosk's own entries (as many as it made, at least the three put here).
    n = int(re.search(r"(\d+) 条", audit.text()).group(1))  # type: ignore[union-attr]
    assert n >= 3 and n + 4 == total, (audit.text(), counts.text())
    assert audit.text().startswith("另有本机审计记录"), audit.text()
