# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""Try-out 14, T2: the panel's 上传队列 counted "审计记录 10 条" among "已送达的 16 条" with
the citizens' applications: a technician checking that citizens' records went out had to
subtract the kiosk's own audit entries in his head. Citizens' records are counted on their
own line, the kiosk's audit entries on another. Through the real panel.

Try-out 15, T1: on the demo's simulated hall clock the page said "最早待发送 29.0 h" for an
audit entry seconds old (stamped in real time, aged against the hall's), and "待发送 2" did
not say whether a citizen's record was among them: the records still on their way are
broken down the same way, and aged by the one clock that stamped them."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kiosk.app import KioskApp
from kiosk.demo import DemoControls
from offline_cache.outbox_protocol import RecordKind
from tests.ui.test_maintenance_panel import (  # noqa: F401 (fixtures: a loopback printer)
    DEMO_PIN,
    WAIT_MS,
    _page,
    _shown_label,
    open_panel_with_corners,
    printer,
    sign_in,
    tech_settings,
    usb,
    window,
)
from tests.ui.test_maintenance_tryout6 import lang  # noqa: F401
from tests.ui.test_maintenance_tryout10 import tech_app  # noqa: F401 (fixtures)


@pytest.fixture
def simulated() -> bool:
    """The demo's hall clock, moved into office hours (hours from the real time)."""
    return True


def test_citizens_records_and_audit_entries_are_counted_apart(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, qtbot
) -> None:
    # The network cut (F12): what is enqueued from here waits.
    tech_app.backend.start()
    assert tech_app.backend.wait_started(30)
    assert DemoControls(tech_app.backend).set_network(True) is None
    outbox = tech_app.backend.outbox
    now = dt.datetime.now(dt.UTC)
    kinds = [RecordKind.APPLICATION] * 2 + [RecordKind.RATING, RecordKind.STAFF_CALL]
    kinds += [RecordKind.AUDIT] * 3
    mine = {outbox.enqueue(k, b"{}", None, now).id for k in kinds}
    for r in outbox.claim(100, now):
        if r.id in mine:
            outbox.mark_delivered(r.id, now)
    # A citizen's application saved just now (stamped by the kiosk's clock) waits too.
    outbox.enqueue(RecordKind.APPLICATION, b"{}", None, tech_app.backend.clock())
    window.resize(1280, 800)
    qtbot.wait(300)
    open_panel_with_corners(window, qtbot)
    sign_in(window, qtbot, DEMO_PIN)
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
    # What waits: the citizen's application apart from the kiosk's own entries (the ones
    # written as the kiosk started and as the technician signed in, seconds ago) ...
    waiting, waiting_audit = (
        _shown_label(window, n) for n in ("outbox_waiting", "outbox_waiting_audit")
    )
    assert waiting is not None and waiting.text() == "待发送的市民记录 1 条：办件申请 1 条"
    assert waiting_audit is not None and waiting_audit.text().startswith("待发送的本机审计记录")
    # ... and the oldest of them is seconds or minutes old, not the hall clock's shift,
    # in the panel's language (try-out 16, T3: "56 s" in the Chinese panel).
    age = re.search(r"最早待发送 ([\d.]+) (秒|分钟|小时)", counts.text())
    assert age is not None, counts.text()
    seconds = float(age.group(1)) * {"秒": 1, "分钟": 60, "小时": 3600}[age.group(2)]
    assert seconds < 600, counts.text()
