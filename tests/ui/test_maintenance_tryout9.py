# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""Try-out 9's technician findings, through the real window.

T1: the demo's camera fault (Shift+F9, its picture lost as with a pulled cable) is on the
设备 page as the fault it is, with the time it began, for as long as the camera has no
picture; 扫码测试 says the camera has no picture (not "no code read"); once the picture
is back the row says 正常 and keeps the fault as the last one. T2: a silent resident ID
reader's fault says it does not answer, and nothing else. T3: 日志 begins with a whole
entry, never the tail of a wrapped one. T5: signed in to a paused kiosk, the panel says
it is paused. T4: a reprint says it is one; a failed test page prints again from either
list."""

from __future__ import annotations

import datetime as dt
import logging
import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from drivers.printer.document import Document, Text
from kiosk.app import KioskApp
from kiosk.events import Device, Health
from tests.integration.printer.loopback_printer import LoopbackPrinter
from tests.ui.test_maintenance_findings import _log
from tests.ui.test_maintenance_panel import (  # noqa: F401 (fixtures: a loopback printer)
    DEMO_PIN,
    WAIT_MS,
    _button,
    _has_button,
    _page,
    _press,
    _result,
    _shown_label,
    _tap_named,
    _text,
    printer,
    sign_in,
    usb,
    window,
)
from tests.ui.test_maintenance_tryout6 import _open, lang, tech_app  # noqa: F401
from tests.ui.test_maintenance_tryout8 import _write_log
from ui.clipping import clipped_texts
from ui.demo_panel import install_demo_panel
from ui.device_words import state_text
from ui.i18n import tr
from ui.screens.maintenance import MaintenanceScreen


def _shift_f9(window) -> None:  # type: ignore[no-untyped-def]
    """The presenter's Shift+F9 on the kiosk window: camera fault / back."""
    QTest.keyClick(window, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)


def _camera_is(window, qtbot, health: Health) -> None:  # type: ignore[no-untyped-def]
    def seen() -> bool:
        window.core.backend.supervisor.poke()
        return window.core.health(Device.SCANNER).health is health

    qtbot.waitUntil(seen, timeout=WAIT_MS)


def _row(window, qtbot, expect: str, under: str = "") -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The camera's row on the 设备 page, drawn again until its state starts with
    ``expect`` (and the line under it with ``under``): its state, and that line."""

    def both() -> tuple[str, str]:
        state = _shown_label(window, "device_scanner")
        under = _shown_label(window, "device_scanner_last_problem")
        return (state.text() if state else "", under.text() if under else "")

    def shows() -> bool:
        _tap_named(window, qtbot, "btn_refresh")
        qtbot.wait(100)
        state, below = both()
        return state.startswith(expect) and below.startswith(under)

    try:
        qtbot.waitUntil(shows, timeout=WAIT_MS)
    except AssertionError:
        raise AssertionError(f"the camera's row reads {both()}, not {expect!r}…") from None
    return both()


def _log_page(window, qtbot, app: KioskApp, caplog, expect: str) -> str:  # type: ignore[no-untyped-def]
    """The 日志 page's 问题 lines, once they show ``expect`` (the log written as the
    kiosk's file handler writes it: the tests' kiosk does not install the handler)."""
    _write_log(app, caplog.records)
    _page(window, qtbot, "devices")
    _page(window, qtbot, "logs")
    qtbot.waitUntil(lambda: expect in _text(window, qtbot, "log_lines"), timeout=WAIT_MS)
    return _text(window, qtbot, "log_lines")


def test_a_pulled_camera_is_a_fault_on_the_devices_page_until_its_picture_is_back(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot, caplog
) -> None:
    caplog.set_level(logging.INFO)
    _open(window, qtbot, tech_app, (1920, 1080))
    panel = install_demo_panel(window, tech_app)
    qtbot.addWidget(panel)
    _camera_is(window, qtbot, Health.OK)
    _shift_f9(window)  # the camera loses its picture
    _camera_is(window, qtbot, Health.FAULT)
    state, under = _row(window, qtbot, "✖ 摄像头：故障", "故障开始于：今天 ")
    assert "没有画面" in under, under  # under the state (try-out 13, T1)
    assert under.startswith("故障开始于：今天 "), under

    # The scan test on a camera without a picture says so, and the fault stays.
    said = _press(window, qtbot, "btn_test_scanner", "没有画面")
    assert said.startswith("摄像头没有画面，无法读码"), said
    assert "未读到二维码" not in said
    state, under = _row(window, qtbot, "✖ 摄像头：故障", "故障开始于：今天 ")
    assert under.startswith("故障开始于：今天 "), under
    assert window.core.health(Device.SCANNER).health is Health.FAULT

    # 日志 (问题): the fault, and no 恢复正常 while the camera has no picture (it said so
    # five seconds after the fault, the scan test's stop again "recovered" it).
    fault = tr(
        "maint.log_words.device_fault",
        "zh",
        device="摄像头",
        health="故障",
        detail=state_text("scanner.no_picture", "zh"),
    )
    back = tr("maint.log_words.device_ok", "zh", device="摄像头")
    text = _log_page(window, qtbot, tech_app, caplog, fault)
    assert back not in text, text

    _shift_f9(window)  # the picture back
    _camera_is(window, qtbot, Health.OK)
    text = _log_page(window, qtbot, tech_app, caplog, back)
    assert text.count(back) == 1 and text.count(fault) == 1, text
    _page(window, qtbot, "devices")
    state, under = _row(window, qtbot, "✔ 摄像头：正常")
    assert state == "✔ 摄像头：正常", state
    assert under.startswith("最近故障：今天 ") and under.endswith("没有画面（请检查摄像头连线）")


@pytest.mark.parametrize(
    ("lang", "size"),
    [("zh", (1080, 1920)), ("en", (1280, 800)), ("en", (1920, 1080))],
)
def test_the_camera_fault_s_words_fit_at_each_size(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot, lang: str, size
) -> None:
    _open(window, qtbot, tech_app, size)
    panel = install_demo_panel(window, tech_app)
    qtbot.addWidget(panel)
    _shift_f9(window)
    _camera_is(window, qtbot, Health.FAULT)
    zh = lang == "zh"
    _state, under = _row(
        window,
        qtbot,
        "✖ 摄像头：故障" if zh else "✖ Camera: Fault",
        "故障开始于：今天 " if zh else "Faulty since today ",
    )
    if lang == "en":
        assert "No picture" in under, under  # under the state (try-out 13, T1)
        assert under.startswith("Faulty since today "), under
    assert not [c for c in clipped_texts(window) if "device_scanner" in c]


def _shift_f11(window) -> None:  # type: ignore[no-untyped-def]
    """The presenter's Shift+F11: the resident ID (SAM) reader stops answering / answers."""
    QTest.keyClick(window, Qt.Key.Key_F11, Qt.KeyboardModifier.ShiftModifier)


def _idcard_row(window, qtbot, expect: str, under: str = "") -> tuple[str, str]:  # type: ignore[no-untyped-def]
    def both() -> tuple[str, str]:
        state = _shown_label(window, "device_idcard")
        under = _shown_label(window, "device_idcard_last_problem")
        return (state.text() if state else "", under.text() if under else "")

    def shows() -> bool:
        _tap_named(window, qtbot, "btn_refresh")
        qtbot.wait(100)
        state, below = both()
        return state.startswith(expect) and below.startswith(under)

    try:
        qtbot.waitUntil(shows, timeout=WAIT_MS)
    except AssertionError:
        raise AssertionError(f"the reader's row reads {both()}, not {expect!r}…") from None
    return both()


def test_a_silent_resident_id_reader_s_fault_says_it_does_not_answer_and_nothing_else(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    """T2: the fault was "读卡器故障，安全模块 05.01-…，未配置照片解码": the SAM id and a
    configuration note glued onto it, and not what happened (the reader went silent)."""
    _open(window, qtbot, tech_app, (1920, 1080))
    panel = install_demo_panel(window, tech_app)
    qtbot.addWidget(panel)
    reader = tech_app.backend.idcard
    qtbot.waitUntil(lambda: reader.sam_id() is not None, timeout=WAIT_MS)
    _shift_f11(window)
    # The fault's words under the state, after since when (try-out 13, T1: the state
    # stays one line beside its button).
    state, under = _idcard_row(window, qtbot, "✖ 身份证阅读器：故障", "故障开始于：今天 ")
    assert state == "✖ 身份证阅读器：故障", state
    assert under.endswith(" · 最近问题：读卡器没有应答（请检查连线和电源）"), under
    _shift_f11(window)
    state, under = _idcard_row(window, qtbot, "✔ 身份证阅读器：正常")
    assert under.startswith("最近故障：今天 "), under
    assert under.endswith("，读卡器没有应答（请检查连线和电源）"), under
    # The SAM id and the photo decoder are facts of the reader: its test says them.
    said = _press(window, qtbot, "btn_test_idcard", "测试通过")
    assert said.startswith("测试通过：就绪，安全模块 05.01-") and said.endswith("，未配置照片解码")


def _wrapped_lines(label: QLabel, text: str) -> int:
    """How many lines ``text`` takes in ``label`` (a text layout of its own, not the
    page's arithmetic)."""
    layout = QTextLayout(text, label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    n = 0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(label.contentsRect().width())
        n += 1
    layout.endLayout()
    return n


@pytest.mark.parametrize(
    ("lang", "size"),
    [("zh", (1920, 1080)), ("zh", (1280, 800)), ("zh", (1080, 1920))],
)
def test_the_log_page_begins_with_a_whole_entry(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot, lang, size
) -> None:
    """T3: opened at its end, 日志 › 问题 began with "role hall)", the tail of a wrapped
    entry (the embedded console's hint) cut at the top of the list."""
    logs = tech_app.paths.logs
    logs.mkdir(parents=True, exist_ok=True)
    hint = (
        "embedded platform console: http://127.0.0.1:34269/console (a staff account: "
        "kiosk-central staff --db /tmp/t9d1/embedded-platform.sqlite3 add NAME --role hall)"
    )
    lines = [_log("kiosk.backend", "WARNING", f"{hint} #{i}") for i in range(60)]
    (logs / "kiosk.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _open(window, qtbot, tech_app, size)
    _page(window, qtbot, "logs")
    qtbot.waitUntil(lambda: "#59" in _text(window, qtbot, "log_lines"), timeout=WAIT_MS)
    qtbot.wait(300)  # the page settles at its end
    label = _shown_label(window, "log_lines")
    assert label is not None
    # ...laid out at the room it was given below its last line, the window at its end:
    # on a loaded machine that took longer than the wait (try-out 14's full run).
    bar = window.findChild(MaintenanceScreen).scroll.verticalScrollBar()
    qtbot.waitUntil(
        lambda: (
            label.height() == label.heightForWidth(label.width())
            and bar.value() == bar.maximum() > 0
        ),
        timeout=WAIT_MS,
    )
    entries = label.text().split("\n")
    assert len(entries) > 10 and all(_wrapped_lines(label, e) >= 2 for e in entries)
    step = label.fontMetrics().lineSpacing()
    # Where the visible part of the list begins, in the label's own lines.
    viewport = window.findChild(MaintenanceScreen).scroll.viewport()
    seen_from = label.mapFrom(viewport, QPoint(0, 0)).y() - label.contentsRect().top()
    starts, line = [], 0
    for e in entries:
        starts.append(line * step)
        line += _wrapped_lines(label, e)
    assert seen_from > 0, "the list should scroll at this size"
    assert seen_from in starts, (seen_from, step, starts[:5])
    # ...with less room under the newest line than an entry takes: worked out mid-layout
    # the room grew at each step, five blank lines at 1280x800 (try-out 14's run).
    room = label.contentsMargins().bottom()
    assert room < step * max(_wrapped_lines(label, e) for e in entries), (room, step)


@pytest.mark.parametrize(
    ("lang", "size"),
    [("zh", (1920, 1080)), ("en", (1280, 800)), ("zh", (1080, 1920))],
)
def test_signing_in_to_a_paused_kiosk_says_it_is_paused(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot, lang, size
) -> None:
    """T5: signed back in to a kiosk paused earlier, the panel opened on 设备 with no word
    of it; only the 暂停服务 page said 本机已暂停服务."""
    _open(window, qtbot, tech_app, size)
    _page(window, qtbot, "service")
    confirm = tr("maint.suspend_confirm", lang)
    _tap_named(window, qtbot, "btn_suspend")
    qtbot.waitUntil(lambda: _button(window, "btn_suspend").text() == confirm, timeout=WAIT_MS)
    _tap_named(window, qtbot, "btn_suspend")
    qtbot.waitUntil(lambda: _has_button(window, "btn_resume"), timeout=WAIT_MS)
    paused_tab = tr("maint.tab.service_paused", lang)
    assert _button(window, "tab_service").text() == paused_tab
    _tap_named(window, qtbot, "btn_sign_out")
    qtbot.waitUntil(lambda: _has_button(window, "btn_next"), timeout=WAIT_MS)
    assert window.core.suspended

    sign_in(window, qtbot, DEMO_PIN)
    qtbot.waitUntil(lambda: _shown_label(window, "device_printer") is not None, timeout=WAIT_MS)
    assert _button(window, "tab_devices").isChecked()
    said = _result(window)
    assert said == tr("maint.paused_at_sign_in", lang, tab=paused_tab), said
    assert _button(window, "tab_service").text() == paused_tab  # seen from every page
    assert not [c for c in clipped_texts(window) if "maint_result" in c or "tab_" in c]

    # Resumed: the tab is the switch's name again.
    _page(window, qtbot, "service")
    _tap_named(window, qtbot, "btn_resume")
    resume = tr("maint.resume_confirm", lang)
    qtbot.waitUntil(lambda: _button(window, "btn_resume").text() == resume, timeout=WAIT_MS)
    _tap_named(window, qtbot, "btn_resume")
    qtbot.waitUntil(lambda: _has_button(window, "btn_suspend"), timeout=WAIT_MS)
    assert _button(window, "tab_service").text() == tr("maint.tab.service", lang)


def test_a_reprint_says_it_is_one_and_a_failed_test_page_prints_again_from_either_list(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    """T4: a reprinted receipt was the original byte for byte (two papers, one tracking
    number, no telling them apart); a failed test page was listed under 未打印成功的凭条
    and had no 补打 in 最近的打印任务 while receipts did."""
    _open(window, qtbot, tech_app, (1920, 1080))
    printing = tech_app.backend.printing
    done = printing.print_document(
        "submission_receipt", Document((Text("LOST-RECEIPT"),)), "M001-261207-00020"
    )
    assert done.printed and "补打" not in printer.printed_text()
    printer.paper = "out"
    tech_app.backend.supervisor.poke()
    _press(window, qtbot, "btn_test_page", "缺纸")
    printer.paper = "ok"
    tech_app.backend.supervisor.poke()
    test_page = next(j for j in printing.recent_jobs() if j.kind == "test_page")

    _page(window, qtbot, "jobs")
    qtbot.waitUntil(lambda: _has_button(window, f"again_{test_page.id}"), timeout=WAIT_MS)
    assert _has_button(window, f"reprint_{test_page.id}")  # in both lists, as a receipt is
    headings = [lab.text() for lab in window.findChildren(QLabel) if lab.isVisible()]
    assert "未打印成功的打印任务" in headings and "未打印成功的凭条" not in headings

    # The lost receipt again: headed 补打 with this copy's time, the rest as it was.
    before = printer.printed_text()
    _press(window, qtbot, f"again_{done.job_id}", "已打印")
    qtbot.waitUntil(
        lambda: "LOST-RECEIPT" in printer.printed_text()[len(before) :], timeout=WAIT_MS
    )
    copy = printer.printed_text()[len(before) :]
    stamp = re.search(r"补打 REPRINT (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", copy)
    assert stamp is not None, copy
    hall = tech_app.core.clock().replace(tzinfo=None)
    at = dt.datetime.strptime(stamp.group(1), "%Y-%m-%d %H:%M:%S")
    assert dt.timedelta(0) <= hall - at < dt.timedelta(minutes=5), (at, hall)  # the hall's time
    assert copy.index("补打 REPRINT") < copy.index("LOST-RECEIPT")

    # The test page never came out: printed now from 最近的打印任务, it is the only paper.
    before = printer.printed_text()
    _tap_named(window, qtbot, f"again_{test_page.id}")
    qtbot.waitUntil(lambda: len(printer.printed_text()) > len(before), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: printing.job(test_page.id).state.value == "done", timeout=WAIT_MS)
    assert "补打" not in printer.printed_text()[len(before) :]
