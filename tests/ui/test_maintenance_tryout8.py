# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""Try-out 8's findings on the maintenance panel, through the real window: leaving with a
change of service asked for and not confirmed says plainly that nothing changed and waits
for a second tap (T1); done, not done and asking look different, the signed-in line stays
beside a message, and 确认恢复服务 is not red (T3)."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget

from drivers.printer.document import Document, Text
from kiosk.app import KioskApp
from kiosk.events import Device
from kiosk.flow import Screen
from kiosk.logging_setup import JsonFormatter, RedactFilter
from tests.integration.printer.loopback_printer import LoopbackPrinter
from tests.ui.test_maintenance_panel import (  # noqa: F401 (fixtures: a loopback printer)
    WAIT_MS,
    _button,
    _has_button,
    _page,
    _result,
    _shown_label,
    _tap_named,
    _text,
    printer,
    usb,
    window,
)
from tests.ui.test_maintenance_tryout6 import _open, lang, tech_app  # noqa: F401
from ui.device_words import state_text
from ui.i18n import tr
from ui.screens.maintenance import MaintenanceScreen
from ui.screens.maintenance_pages import job_outcome
from ui.theme import NORMAL


def _screen(window: QWidget) -> MaintenanceScreen:
    screens = [s for s in window.findChildren(MaintenanceScreen) if s.isVisible()]
    assert len(screens) == 1
    return screens[0]


def _ask_to_suspend(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _page(window, qtbot, "service")
    _tap_named(window, qtbot, "btn_suspend")
    qtbot.waitUntil(
        lambda: _button(window, "btn_suspend").text() == "确认暂停服务", timeout=WAIT_MS
    )


def test_leaving_with_a_pause_not_confirmed_says_so_and_waits(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    _open(window, qtbot, tech_app, (1920, 1080))
    flag = tech_app.paths.root / "out-of-service"
    _ask_to_suspend(window, qtbot)
    # 退出维护 after one tap: the technician stays, told plainly nothing was paused, with
    # the confirm button still there.
    _tap_named(window, qtbot, "btn_exit")
    qtbot.wait(200)
    assert window.core.screen() == Screen.MAINTENANCE
    said = _result(window)
    assert "本机没有暂停服务" in said and "再按「退出维护」" in said, said
    assert _button(window, "btn_suspend").text() == "确认暂停服务"
    assert _button(window, "tab_service").isChecked()
    assert not flag.exists() and not window.core.suspended
    # Deciding to pause after all: one tap does it.
    _tap_named(window, qtbot, "btn_suspend")
    qtbot.waitUntil(lambda: _has_button(window, "btn_resume"), timeout=WAIT_MS)
    assert flag.exists() and window.core.suspended
    # Paused as asked: 退出维护 leaves at once, and citizens see the pause.
    _tap_named(window, qtbot, "btn_exit")
    qtbot.waitUntil(lambda: window.core.screen() != Screen.MAINTENANCE, timeout=WAIT_MS)
    assert window.core.suspended


def test_leaving_twice_leaves_the_kiosk_serving_and_a_timed_out_ask_says_not_paused(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    _open(window, qtbot, tech_app, (1280, 800))
    # The 8 s for the second tap, shortened: what matters is what the box says after.
    _screen(window)._disarm.setInterval(300)
    _ask_to_suspend(window, qtbot)
    # The time runs out: the box says nothing was paused (it went blank).
    qtbot.waitUntil(lambda: _button(window, "btn_suspend").text() == "暂停服务", timeout=WAIT_MS)
    assert "没有暂停" in _result(window) and "仍在服务群众" in _result(window), _result(window)
    # 退出登录 holds too, once, in its own words; the second tap signs out.
    _tap_named(window, qtbot, "btn_sign_out")
    qtbot.wait(200)
    assert "再按「退出登录」" in _result(window), _result(window)
    assert _shown_label(window, "signed_in_as") is not None
    _tap_named(window, qtbot, "btn_sign_out")
    qtbot.waitUntil(lambda: _shown_label(window, "signed_in_as") is None, timeout=WAIT_MS)
    assert not window.core.suspended


@pytest.mark.parametrize("lang", ["en"])
def test_leaving_with_a_resume_not_confirmed_says_so_in_english(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    _open(window, qtbot, tech_app, (1080, 1920))
    _page(window, qtbot, "service")
    for _ in range(2):
        _tap_named(window, qtbot, "btn_suspend")
    qtbot.waitUntil(lambda: _has_button(window, "btn_resume"), timeout=WAIT_MS)
    _tap_named(window, qtbot, "btn_resume")
    confirm = tr("maint.resume_confirm", "en")
    qtbot.waitUntil(lambda: _button(window, "btn_resume").text() == confirm, timeout=WAIT_MS)
    _tap_named(window, qtbot, "btn_exit")
    qtbot.wait(200)
    said = _result(window)
    assert "NOT back in service" in said and "Leave maintenance again" in said, said
    assert window.core.screen() == Screen.MAINTENANCE and window.core.suspended
    _tap_named(window, qtbot, "btn_exit")
    qtbot.waitUntil(lambda: window.core.screen() != Screen.MAINTENANCE, timeout=WAIT_MS)
    assert window.core.suspended  # left out of service, as the technician was told


def _share(img: QImage, colour: str) -> float:
    want = QColor(colour).rgb()
    pixels = [img.pixel(x, y) for x in range(0, img.width(), 3) for y in range(img.height())]
    return sum(p == want for p in pixels) / max(1, len(pixels))


def _box(window: QWidget) -> QImage:
    label = _shown_label(window, "maint_result")
    assert label is not None
    return label.grab().toImage()


def test_done_not_done_and_asking_look_different_and_the_name_stays(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    _open(window, qtbot, tech_app, (1280, 800))
    # Done: a test that passed, in a box edged in the "ok" green, the name beside it.
    _tap_named(window, qtbot, "btn_test_storage")
    qtbot.waitUntil(lambda: "存储测试通过" in _result(window), timeout=WAIT_MS)
    qtbot.wait(100)
    who = _shown_label(window, "signed_in_as")
    assert who is not None and "1000" in who.text()
    ok = _box(window)
    assert _share(ok, NORMAL.ok) > 0.02 and _share(ok, NORMAL.danger) == 0
    # Not done: a test page with the paper out, edged in the danger colour.
    printer.paper = "out"
    _tap_named(window, qtbot, "btn_test_page")
    qtbot.waitUntil(lambda: "缺纸" in _result(window), timeout=WAIT_MS)
    qtbot.wait(100)
    assert _shown_label(window, "signed_in_as") is not None
    failed = _box(window)
    assert _share(failed, NORMAL.danger) > 0.02 and _share(failed, NORMAL.ok) == 0
    # Asking: the yellow box, neither green nor red.
    _page(window, qtbot, "service")
    _tap_named(window, qtbot, "btn_suspend")
    qtbot.waitUntil(lambda: "再按一次" in _result(window), timeout=WAIT_MS)
    asking = _box(window)
    assert _share(asking, NORMAL.warning_bg) > 0.5
    assert _share(asking, NORMAL.ok) == 0 and _share(asking, NORMAL.danger) == 0
    # 确认暂停服务 stops service: red. 确认恢复服务 gives it back: not red.
    qtbot.waitUntil(lambda: _has_button(window, "btn_suspend"), timeout=WAIT_MS)
    assert _share(_button(window, "btn_suspend").grab().toImage(), NORMAL.danger) > 0.3
    _tap_named(window, qtbot, "btn_suspend")
    qtbot.waitUntil(lambda: _has_button(window, "btn_resume"), timeout=WAIT_MS)
    _tap_named(window, qtbot, "btn_resume")
    qtbot.waitUntil(lambda: _button(window, "btn_resume").text() == "确认恢复服务", timeout=WAIT_MS)
    qtbot.wait(100)
    resume = _button(window, "btn_resume").grab().toImage()
    assert _share(resume, NORMAL.danger) == 0
    assert _share(resume, NORMAL.primary) > 0.3


def _write_log(app: KioskApp, records: list[logging.LogRecord]) -> None:
    """The records as the kiosk's own file handler writes them (kiosk/logging_setup.py):
    the panel reads its file, and the tests' kiosk does not install the handler."""
    redact, fmt = RedactFilter(), JsonFormatter()
    lines = [fmt.format(r) for r in records if redact.filter(r)]
    app.paths.logs.mkdir(parents=True, exist_ok=True)
    (app.paths.logs / "kiosk.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_log_page_names_print_jobs_and_device_faults_in_words(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot, caplog, lang
) -> None:
    caplog.set_level(logging.INFO)
    _open(window, qtbot, tech_app, (1920, 1080))
    supervisor = tech_app.backend.supervisor
    assert supervisor is not None
    # The paper runs out: the printer's fault is a problem of its own, and the receipt
    # it failed names the citizen's number, as the 打印任务 page does.
    printer.paper = "out"
    supervisor.poke()
    qtbot.waitUntil(lambda: Device.PRINTER in window.core.faults(), timeout=WAIT_MS)
    printing = tech_app.backend.printing
    lost = printing.print_document(
        "submission_receipt", Document((Text("回执"),)), "M001-261207-00020"
    )
    assert not lost.printed
    printer.paper = "ok"
    supervisor.poke()
    qtbot.waitUntil(lambda: Device.PRINTER not in window.core.faults(), timeout=WAIT_MS)
    _write_log(tech_app, caplog.records)
    _page(window, qtbot, "jobs")
    # The page opens at once from the last snapshot, which a worker may have read while
    # the job was still printing (CI, stop 28): wait for the row to say how it ended.
    stated = job_outcome("failed", "not_sent: paper_out", lang)
    row = f"recent_{lost.job_id}"
    qtbot.waitUntil(lambda: _text(window, qtbot, row).endswith(stated), timeout=WAIT_MS)
    job = _text(window, qtbot, row).split(" · ", 1)[1]
    _page(window, qtbot, "logs")
    qtbot.waitUntil(lambda: job in _text(window, qtbot, "log_lines"), timeout=WAIT_MS)
    text = _text(window, qtbot, "log_lines")
    assert str(lost.job_id) not in text, text  # never the internal id
    printer_name = tr("device.printer", lang)
    fault = tr(
        "maint.log_words.device_fault",
        lang,
        device=printer_name,
        health=tr("maint.health.fault", lang),
        detail=state_text("printer.paper_out", lang),
    )
    assert (
        f"{tr('maint.log_level.WARNING', lang)} · {tr('maint.log_topic.device', lang)} · {fault}"
        in text
    ), text
    back = tr("maint.log_words.device_ok", lang, device=printer_name)
    assert back in text, text  # the end of the problem, under 问题 too
    # Words of the panel's language, not the lines as logged.
    logged = ["print job", "not printed (", "device printer", "embedded platform console"]
    for english in logged + (["INSECURE DEV", "embedded reference"] if lang == "zh" else []):
        assert english not in text, (english, text)
