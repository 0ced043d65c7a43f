# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""Try-out 17, T1: a citizen's own 补打回执 (查询 → 补打回执) was listed under 打印任务 as
补打, the same as a technician's, and only the technician's reached the audit trail. The
citizen's copy is now 市民补打 and the panel's 技术员补打, and the trail records the
citizen's as citizen.reprint, by its tracking number only. Through the real window: the
citizen's reprint page, then the technician's panel."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QAbstractButton

from drivers.printer.document import Document, Text
from kiosk.app import KioskApp
from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.flow import Journey, Screen
from tests.integration.printer.loopback_printer import LoopbackPrinter
from tests.ui.test_call_after_journey import _tap
from tests.ui.test_maintenance_panel import (  # noqa: F401 (fixtures: a loopback printer)
    WAIT_MS,
    _has_button,
    _page,
    _press,
    _shown_label,
    _text,
    printer,
    tech_app,
    tech_settings,
    usb,
    window,
)
from tests.ui.test_maintenance_tryout6 import _open

ID_NUMBER = "11010519491231002X"
TN = "M001-261123-0001C"
TN2 = "M001-261123-0002C"  # another citizen's receipt, reprinted by the technician


def _said(window) -> str:  # type: ignore[no-untyped-def]
    label = _shown_label(window, "reprint_result")
    return label.text() if label is not None else ""


def _citizen_prints_their_receipt(window, qtbot, offered: str = "补打回执") -> str:  # type: ignore[no-untyped-def]
    """The citizen, on 查询's result for TN, taps ``offered`` (补打回执, or 打印回执 where
    none came out: try-out 20, T1), the page it opens named so on its title and button;
    the ID number typed on the page's keys, that button; what the page says once the
    printer answered."""
    core = window.core
    core.start(Journey.TRACK)
    core.sessions.current.tracking_number = TN
    core.go(Screen.TRACK_RESULT)
    window.show_screen()
    opener = window.findChild(QAbstractButton, "btn_reprint_receipt_open")
    qtbot.waitUntil(lambda: opener.isVisible() and opener.text() == offered, timeout=WAIT_MS)
    _tap(window, qtbot, "btn_reprint_receipt_open")
    qtbot.waitUntil(lambda: core.screen() == Screen.REPRINT, timeout=WAIT_MS)
    title = _shown_label(window, "reprint_title")
    assert title is not None and title.text() == offered, title and title.text()
    assert window.findChild(QAbstractButton, "btn_reprint_receipt").text() == offered
    for ch in ID_NUMBER:
        _tap(window, qtbot, f"key_{ch}")
    _tap(window, qtbot, "btn_reprint_receipt")
    qtbot.waitUntil(lambda: _has_button(window, "btn_done"), timeout=WAIT_MS)  # printed
    return _said(window)


def _technician_prints(window, qtbot, job: str) -> list[str]:  # type: ignore[no-untyped-def]
    """On the panel's 打印任务: the job's print button, then its tries as listed after."""
    _press(window, qtbot, f"again_{job}", "已打印")
    _page(window, qtbot, "devices")
    _page(window, qtbot, "jobs")
    qtbot.waitUntil(lambda: _has_button(window, f"again_{job}"), timeout=WAIT_MS)
    return _text(window, qtbot, f"recent_{job}_tries").splitlines()


def test_a_citizens_reprint_is_named_apart_and_audited(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    printing = tech_app.backend.printing
    doc = Document((Text("回执"),))
    first = printing.print_document("receipt", doc, TN, owner_secret=ID_NUMBER)
    assert first.printed and first.job_id
    job = first.job_id
    # A copy: the page says 补打.
    assert _citizen_prints_their_receipt(window, qtbot) == "回执已补打，请在出纸口取走。"
    # The technician's panel: the citizen's copy named as theirs, then a 补打 from here.
    _open(window, qtbot, tech_app, (1280, 800))
    _page(window, qtbot, "jobs")
    tries = _text(window, qtbot, f"recent_{job}_tries").splitlines()
    assert len(tries) == 2 and "市民补打：已打印" in tries[1], tries
    tries = _technician_prints(window, qtbot, job)
    assert len(tries) == 3 and "市民补打" in tries[1] and "技术员补打：已打印" in tries[2], tries
    # The audit trail: the citizen's reprint by its number, nothing of the citizen's.
    trail = tech_app.backend.audit
    assert trail is not None
    text = trail.log.path.read_text(encoding="utf-8")
    entries = [json.loads(x) for x in text.splitlines()]
    (mine,) = [e["data"] for e in entries if e["kind"] == "citizen.reprint"]
    assert mine == {"tracking_number": TN, "job": job, "printed": True}, mine
    assert [e for e in entries if e["kind"] == "panel.reprint"]  # the technician's, apart
    assert ID_NUMBER not in text and ID_NUMBER[-4:] not in text


def test_a_receipt_that_never_came_out_printed_at_the_citizens_tap_has_one_name(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    """Try-out 20, T1: the citizen's 重新打印回执 after 缺纸 read 再次打印 on the panel and
    市民自助补打回执 (a copy) on the console; its follow-up: the page said 回执已补打, and the
    technician's 补打 of a receipt that never came out read 再次打印 on the panel and 补打凭条
    on the console. No paper had come out: 重新打印 everywhere, 补打 kept for a copy."""
    from central.console.audit_words import kind_words

    printing = tech_app.backend.printing
    printer.paper = "out"
    first = printing.print_document(
        "receipt", Document((Text("回执"),)), TN, owner_secret=ID_NUMBER
    )
    other = printing.print_document("receipt", Document((Text("回执"),)), TN2)
    assert not first.printed and first.job_id and not other.printed and other.job_id
    job, job2 = first.job_id, other.job_id
    printer.paper = "ok"  # staff load paper; the citizen asks for the receipt (查询)
    window.core.bus.publish(DeviceStatusChanged(Device.PRINTER, Health.OK, "printer.ready"))
    # Offered as 打印回执, its first paper: no 补打 (try-out 20, T1 follow-up).
    said = _citizen_prints_their_receipt(window, qtbot, "打印回执")
    assert said == "回执已打印，请从出纸口取走。", said
    _open(window, qtbot, tech_app, (1280, 800))
    _page(window, qtbot, "jobs")
    tries = _text(window, qtbot, f"recent_{job}_tries").splitlines()
    assert len(tries) == 2 and "市民重新打印：已打印" in tries[1], tries
    # The technician prints the other never-printed receipt: named as the citizen's is.
    tries = _technician_prints(window, qtbot, job2)
    assert len(tries) == 2 and "技术员重新打印：已打印" in tries[1], tries
    trail = tech_app.backend.audit
    assert trail is not None
    entries = [json.loads(x) for x in trail.log.path.read_text(encoding="utf-8").splitlines()]
    kinds = [e["kind"] for e in entries if e["kind"].endswith((".reprint", ".print_again"))]
    assert kinds == ["citizen.print_again", "panel.print_again"], kinds
    # The console's audit page names each as the panel does, neither a 补打.
    words = [kind_words(k, "zh") for k in kinds]
    assert words[0].startswith("市民重新打印回执") and words[1].startswith("技术员重新打印"), words
    assert not [w for w in words if "补打" in w], words
