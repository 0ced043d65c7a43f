# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""Try-out 6's findings on the maintenance panel, through the real window: room for the
device list at 1280x800 (the result shows in the name's place, one row a device), print
jobs in words only, the log's heading whole, a failed test page that says why, and a
wrong PIN that keeps the PIN step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from drivers.printer.document import Document, Text
from kiosk.app import KioskApp, build_app
from kiosk.workers import ThreadExecutor
from tests.integration.printer.loopback_printer import LoopbackPrinter
from tests.ui.test_maintenance_panel import (  # noqa: F401 (fixtures: a loopback printer)
    DEMO_PIN,
    DEMO_TECHNICIAN,
    WAIT_MS,
    _button,
    _has_button,
    _page,
    _result,
    _shown_label,
    _tap_named,
    _text,
    open_panel_with_corners,
    printer,
    sign_in,
    tech_settings,
    usb,
    window,
)
from tests.ui.test_maintenance_tryout5 import _signed_in
from tests.ui.test_nothing_moves import _where
from ui.a11y import visible_rect
from ui.clipping import clipped_texts

DEVICES = ("card", "scanner", "printer", "speech", "platform", "storage", "idcard")


@pytest.fixture
def lang() -> str:
    """The kiosk's own language: the panel opens in it (entering it ends the citizen's
    session, and with it the citizen's choice of language)."""
    return "zh"


@pytest.fixture
def tech_app(tmp_path: Path, printer: LoopbackPrinter, usb: Path, lang: str) -> Iterator[KioskApp]:
    s = tech_settings(tmp_path, printer, usb)
    s = s.model_copy(update={"kiosk": s.kiosk.model_copy(update={"default_language": lang})})
    app = build_app(s, executor=ThreadExecutor())
    yield app
    app.stop()


def _open(window, qtbot, app: KioskApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The kiosk started, at ``size``; the technician signed in by taps."""
    window.resize(*size)
    _signed_in(window, qtbot, app)
    qtbot.wait(200)


def _devices_seen(window: QWidget) -> list[str]:
    """The devices whose row (state, last fault and test button) is whole on screen."""
    seen = []
    for d in DEVICES:
        label = _shown_label(window, f"device_{d}")
        if label is None:
            continue
        row = label.parentWidget()
        assert row is not None
        if visible_rect(row, window) == _where(row, window):
            seen.append(d)
    return seen


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_device_list_has_the_room_at_1280x800(window, tech_app: KioskApp, qtbot, lang) -> None:  # type: ignore[no-untyped-def]
    _open(window, qtbot, tech_app, (1280, 800))
    assert tech_app.core.sessions.current.language == lang
    # An empty band under the tabs left room for one device (try-out 6); one row a
    # device and no reserved band: three, whole.
    assert len(_devices_seen(window)) >= 3, _devices_seen(window)
    rows = {d: _where(_button(window, f"btn_test_{d}"), window) for d in ("card", "scanner")}
    _tap_named(window, qtbot, "btn_test_card")
    qtbot.waitUntil(lambda: _result(window) != "", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: _has_button(window, "btn_test_card"), timeout=WAIT_MS)
    qtbot.wait(300)
    # The result shows in the status row: the list keeps its room, nothing moved.
    assert len(_devices_seen(window)) >= 3, _devices_seen(window)
    assert {d: _where(_button(window, f"btn_test_{d}"), window) for d in rows} == rows
    # Beside the name, which stays (try-out 8, T3: it went while a message showed).
    assert _shown_label(window, "signed_in_as") is not None
    assert not [c for c in clipped_texts(window) if "maint_result" in c or "tab_" in c]


def test_print_jobs_speak_words_only_and_a_receipt_prints_again(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    printing = tech_app.backend.printing
    printer.paper = "out"  # an application receipt that did not come out
    receipt = printing.print_document(
        "submission_receipt", Document((Text("回执"),)), "M001-261207-00020"
    )
    assert not receipt.printed
    printer.paper = "ok"
    _open(window, qtbot, tech_app, (1920, 1080))
    _page(window, qtbot, "jobs")
    line = _text(window, qtbot, f"recent_{receipt.job_id}")
    # Its name, never the stored code; the reason in words, not the driver's own text.
    assert line.endswith("申请回执 · M001-261207-00020 · 未打印 · 未送到打印机，缺纸"), line
    failed = _text(window, qtbot, f"job_{receipt.job_id}")
    assert failed == "申请回执 · M001-261207-00020 · 未打印 · 未送到打印机，缺纸", failed
    # 补打 is offered for the receipt the kiosk prints now (it was for "receipt" alone).
    before = len(printer.jobs())
    _tap_named(window, qtbot, f"again_{receipt.job_id}")
    qtbot.waitUntil(lambda: _result(window) == "已打印", timeout=WAIT_MS)
    assert "回执".encode("gb18030") in b"".join(printer.jobs()[before:])  # the stored copy


@pytest.mark.parametrize("lang", ["en"])
def test_print_jobs_in_english(window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot) -> None:  # type: ignore[no-untyped-def]
    printer.paper = "out"
    printing = tech_app.backend.printing
    receipt = printing.print_document("submission_receipt", Document((Text("r"),)), "M001-1")
    newer = printing.print_document("leaflet", Document((Text("x"),)), None, personal=False)
    printer.paper = "ok"
    _open(window, qtbot, tech_app, (1280, 800))
    _page(window, qtbot, "jobs")
    assert _text(window, qtbot, f"job_{receipt.job_id}") == (
        "Application receipt · M001-1 · not printed · never reached the printer, Out of paper"
    )
    # A kind this kiosk has no name for is still named in words, without its code.
    assert _text(window, qtbot, f"job_{newer.job_id}").startswith("Other slip · not printed")
    assert "leaflet" not in _text(window, qtbot, f"job_{newer.job_id}")


def test_the_log_heading_stays_whole_above_the_lines(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, qtbot
) -> None:
    logs = tech_app.paths.logs
    logs.mkdir(parents=True, exist_ok=True)
    line = '{"level": "WARNING", "logger": "kiosk.printing", "msg": "print job %d not printed"}'
    (logs / "kiosk.jsonl").write_text("\n".join(line % i for i in range(60)) + "\n")
    _open(window, qtbot, tech_app, (1280, 800))
    _page(window, qtbot, "logs")
    qtbot.waitUntil(lambda: "59" in _text(window, qtbot, "log_lines"), timeout=WAIT_MS)
    scroll = window.findChild(QWidget, "maint_scroll")
    bar = scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum(), timeout=WAIT_MS)
    # Opened at the log's end, the heading was cut in half at the top (try-out 6): it
    # and the 问题 / 全部 switch stand above the scrolling lines, whole.
    heading = next(
        w
        for w in window.findChildren(QLabel)
        if w.isVisible() and w.text() == "最近日志（已隐去个人信息）"
    )
    for w in (heading, _button(window, "btn_logs_problems"), _button(window, "btn_logs_all")):
        assert visible_rect(w, window) == _where(w, window), w.objectName() or w.text()
    _tap_named(window, qtbot, "btn_logs_all")
    qtbot.waitUntil(lambda: _button(window, "btn_logs_all").isChecked(), timeout=WAIT_MS)


@pytest.mark.parametrize(
    ("fault", "says"),
    [
        ("paper", "未打印：打印机缺纸。请装入凭条纸并合上机盖，再点「打印测试页」"),
        ("cover", "未打印：打印机盖未合上。请合上机盖后重试"),
        ("gone", "未打印：打印机未连接。请检查打印机电源和数据线（网线或USB）后重试"),
    ],
    ids=["paper_out", "cover_open", "not_connected"],
)
def test_a_test_page_that_did_not_print_says_why(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot, fault: str, says: str
) -> None:
    _open(window, qtbot, tech_app, (1920, 1080))
    if fault == "paper":
        printer.paper = "out"
    elif fault == "cover":
        printer.cover_open = True
    else:
        printer.refuse()
    _tap_named(window, qtbot, "btn_test_page")
    qtbot.waitUntil(lambda: _result(window).startswith("未打印"), timeout=WAIT_MS)
    assert _result(window) == says


def test_a_wrong_pin_keeps_the_pin_step(window, tech_app: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    tech_app.backend.start()
    assert tech_app.backend.wait_started(30)
    qtbot.wait(300)
    open_panel_with_corners(window, qtbot)
    sign_in(window, qtbot, "999999")
    qtbot.waitUntil(lambda: _shown_label(window, "pin_error") is not None, timeout=WAIT_MS)
    # Still the PIN step, for the number typed, with the tries left (try-out 6: it went
    # back to the number, and the technician typed the PIN into the number field).
    assert _text(window, qtbot, "signin_prompt") == f"技术员编号 {DEMO_TECHNICIAN}：请输入个人密码"
    assert "再错 4 次" in _text(window, qtbot, "pin_error")
    assert _has_button(window, "btn_unlock") and not _has_button(window, "btn_next")
    for ch in DEMO_PIN:  # the PIN again, and nothing else
        _tap_named(window, qtbot, f"key_{ch}")
    _tap_named(window, qtbot, "btn_unlock")
    qtbot.waitUntil(lambda: _shown_label(window, "device_printer") is not None, timeout=WAIT_MS)
    assert DEMO_TECHNICIAN in _text(window, qtbot, "signed_in_as")
    # 更改编号 goes back to the number step (a wrong number is the other reason).
    _tap_named(window, qtbot, "btn_sign_out")
    sign_in(window, qtbot, "999999", number="1001")
    qtbot.waitUntil(lambda: _shown_label(window, "pin_error") is not None, timeout=WAIT_MS)
    _tap_named(window, qtbot, "btn_change_number")
    qtbot.waitUntil(lambda: _has_button(window, "btn_next"), timeout=WAIT_MS)
    assert _text(window, qtbot, "signin_prompt") == "请输入技术员编号"


def test_every_print_job_kind_has_a_name_in_both_languages() -> None:
    """The panel names every kind the kiosk prints (the application receipt showed as
    其他凭条（submission_receipt）: its kind had no words, try-out 6)."""
    from kiosk.printing import JobKind
    from kiosk.services.apply import RECEIPT_KIND
    from ui.i18n import STRINGS

    assert RECEIPT_KIND in set(JobKind)
    for kind in JobKind:
        zh, en = STRINGS[f"maint.job_kind.{kind}"]
        assert zh and en and zh != en, kind
