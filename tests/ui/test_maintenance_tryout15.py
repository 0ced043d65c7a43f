# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""Try-out 15's technician findings on the maintenance panel, through the real window.

T2: a 补打 that failed (printer not ready) turned a receipt that had printed fine into
"未打印" and listed it under 未打印成功的打印任务: a technician believed the citizen had
left without a receipt. The job reads as printed, the failed reprint as a failed reprint.
T3: 平台连接 said "连接失败：ConnectionError" beside a log saying why in words: the same
words now (the network cut, as the demo's F12 does). K3 (the kiosk's side): the audit
entry of a 补打 names the slip by its tracking number, not only by the job's id.
"""

from __future__ import annotations

import json

from drivers.printer.document import Document, Text
from kiosk.app import KioskApp
from kiosk.demo import DemoControls
from tests.integration.printer.loopback_printer import LoopbackPrinter
from tests.ui.test_maintenance_panel import (  # noqa: F401 (fixtures: a loopback printer)
    WAIT_MS,
    _has_button,
    _page,
    _press,
    _text,
    printer,
    tech_app,
    tech_settings,
    usb,
    window,
)
from tests.ui.test_maintenance_tryout6 import _open


def test_a_failed_reprint_leaves_a_printed_receipt_printed_and_the_link_says_why_in_words(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    printing = tech_app.backend.printing
    done = printing.print_document("submission_receipt", Document((Text("ONE"),)), "M001-7")
    assert done.printed and done.job_id
    job = done.job_id
    _open(window, qtbot, tech_app, (1280, 800))
    printer.paper = "out"
    _page(window, qtbot, "jobs")
    qtbot.waitUntil(lambda: _has_button(window, f"again_{job}"), timeout=WAIT_MS)
    _press(window, qtbot, f"again_{job}", "未打印")  # the reprint itself did not print
    # Left and opened again: the receipt is not among the jobs that did not print ...
    _page(window, qtbot, "devices")
    _page(window, qtbot, "jobs")
    qtbot.waitUntil(lambda: _has_button(window, f"again_{job}"), timeout=WAIT_MS)
    assert not _has_button(window, f"reprint_{job}")
    # ... its row says it printed and that its reprint did not, each try under it.
    row = _text(window, qtbot, f"recent_{job}")
    assert "已打印 · 补打未成功" in row and "缺纸" in row, row
    tries = _text(window, qtbot, f"recent_{job}_tries").splitlines()
    assert len(tries) == 2 and "首次打印：已打印" in tries[0] and "补打：未打印" in tries[1], tries
    # K3: the audit trail names the reprinted slip by its tracking number, beside its job.
    trail = tech_app.backend.audit
    assert trail is not None
    entries = [json.loads(x) for x in trail.log.path.read_text(encoding="utf-8").splitlines()]
    (reprint,) = [e["data"] for e in entries if e["kind"] == "panel.reprint"]
    assert reprint["tracking_number"] == "M001-7" and reprint["job"] == job, reprint

    # The platform cannot be reached: the link test says why in the log's words.
    assert DemoControls(tech_app.backend).set_network(True) is None
    _page(window, qtbot, "platform")
    _press(window, qtbot, "btn_check_link", "已测试连接")
    qtbot.waitUntil(lambda: "连接失败" in _text(window, qtbot, "link_result"), timeout=WAIT_MS)
    text = _text(window, qtbot, "link_result")
    assert "连接失败：对方拒绝连接（平台地址上没有服务在监听）" in text, text
    assert "Error" not in text, text
