"""A technician opens the maintenance panel through the real window and presses every button.

Real parts behind the window: a loopback network printer that captures the bytes,
the reference platform embedded on loopback with the sync agent delivering to it,
worker threads for every action, and a folder standing for the USB drive.
"""

from __future__ import annotations

import json
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from drivers.printer.document import Document, Text
from kiosk.app import KioskApp, build_app
from kiosk.audit.chain import verify
from kiosk.flow import Screen
from kiosk.settings import CONFIG_DIR, Settings, load_settings
from kiosk.workers import ThreadExecutor
from offline_cache.outbox_protocol import RecordKind, RecordState
from tests.integration.printer.loopback_printer import LoopbackPrinter
from tests.ui.helpers import wait_until_tappable
from ui.theme import NORMAL, chosen_colours
from ui.widgets.chosen_mark import mark_rect

ID_NUMBER = "11010519491231002X"
NAME = "张三丰"
DEMO_PIN = "246810"
DEMO_TECHNICIAN = "1000"
WAIT_MS = 20_000


@pytest.fixture
def printer() -> Iterator[LoopbackPrinter]:
    p = LoopbackPrinter().start()
    yield p
    p.stop()


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    d = tmp_path / "usb"
    d.mkdir()
    return d


def tech_settings(tmp_path: Path, printer: LoopbackPrinter, usb: Path) -> Settings:
    """The demo's settings on a fresh data folder, the loopback printer and ``usb``."""
    s = load_settings(CONFIG_DIR / "demo.toml")
    return s.model_copy(
        update={
            "storage": s.storage.model_copy(update={"data_dir": tmp_path / "data"}),
            "printer": s.printer.model_copy(
                update={"driver": "network", "host": "127.0.0.1", "port": printer.port}
            ),
            "maintenance": s.maintenance.model_copy(update={"export_dir": usb}),
        }
    )


@pytest.fixture
def tech_app(tmp_path: Path, printer: LoopbackPrinter, usb: Path) -> Iterator[KioskApp]:
    app = build_app(tech_settings(tmp_path, printer, usb), executor=ThreadExecutor())
    yield app
    app.stop()


def _dead_record(app: KioskApp, n: int) -> uuid.UUID:
    """An application (with identity data in it) the platform once refused for good."""
    body = json.dumps({"service_id": "gongan.hukou_certificate", "id": ID_NUMBER, "name": NAME})
    rec = app.backend.outbox.enqueue(
        RecordKind.APPLICATION, body.encode(), f"M001-261123-000{n}X", app.backend.clock()
    )
    app.backend.outbox.mark_dead(rec.id, "422 invalid body", app.backend.clock())
    return rec.id


def _failed_receipt(app: KioskApp, printer: LoopbackPrinter) -> str:
    printer.paper = "out"
    doc = Document((Text("回执 RECEIPT-FOR-REPRINT"),))
    result = app.backend.printing.print_document(
        "receipt", doc, "M001-261123-0008C", owner_secret=ID_NUMBER
    )
    assert not result.printed
    printer.paper = "ok"
    jobs = app.backend.printing.failed_jobs()
    assert len(jobs) == 1
    return jobs[0].id


def _tap(qtbot, w: QWidget) -> None:  # type: ignore[no-untyped-def]
    assert w is not None and w.isVisible(), "button missing or hidden"
    assert w.isEnabled(), f"{w.objectName()} is disabled"
    wait_until_tappable(w)
    qtbot.mouseClick(w, Qt.MouseButton.LeftButton)


def _button(window: QWidget, name: str) -> QAbstractButton:
    """The visible button called ``name`` (other screens, pre-built, may have one too)."""
    shown = [b for b in window.findChildren(QAbstractButton, name) if b.isVisible()]
    assert len(shown) == 1, f"no (single) button {name!r} on screen"
    return shown[0]


def _tap_named(window, qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    """Tap the button called ``name`` once it is on screen (pages redraw after each action)."""
    qtbot.waitUntil(lambda: _has_button(window, name), timeout=WAIT_MS)
    _tap(qtbot, _button(window, name))


def _has_button(window: QWidget, name: str) -> bool:
    return any(b.isVisible() for b in window.findChildren(QAbstractButton, name))


def _shown_label(window: QWidget, name: str) -> QLabel | None:
    shown = [w for w in window.findChildren(QLabel, name) if w.isVisible()]
    return shown[0] if shown else None


def _text(window, qtbot, name: str) -> str:  # type: ignore[no-untyped-def]
    """The text of the label called ``name`` once it is on screen."""
    qtbot.waitUntil(lambda: _shown_label(window, name) is not None, timeout=WAIT_MS)
    label = _shown_label(window, name)
    assert label is not None
    return label.text()


def _result(window: QWidget) -> str:
    label = _shown_label(window, "maint_result")
    return label.text() if label is not None else ""


def open_panel_with_corners(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """What a technician does: tap the four corners clockwise.

    The taps go to the window as the touchscreen delivers them (to its QWindow,
    through the window's input watcher), not to a widget.
    """
    w, h = window.width(), window.height()
    for x, y in ((2, 2), (w - 3, 2), (w - 3, h - 3), (2, h - 3)):
        QTest.mouseClick(
            window.windowHandle(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            QPoint(x, y),
        )
    qtbot.waitUntil(lambda: window.core.screen() == Screen.MAINTENANCE, timeout=2000)


def sign_in(window, qtbot, pin: str, number: str = DEMO_TECHNICIAN) -> None:  # type: ignore[no-untyped-def]
    """Technician number, Next, PIN, Unlock: as typed on the touchscreen (after a wrong
    try the panel stays on the PIN step: 更改编号 first, to type the number again)."""
    if _has_button(window, "btn_change_number"):
        _tap_named(window, qtbot, "btn_change_number")
    for ch in number:
        _tap_named(window, qtbot, f"key_{ch}")
    _tap_named(window, qtbot, "btn_next")
    for ch in pin:
        _tap_named(window, qtbot, f"key_{ch}")
    _tap_named(window, qtbot, "btn_unlock")


@pytest.fixture
def window(qtbot, tech_app: KioskApp):  # type: ignore[no-untyped-def]
    from tests.support.tap_clock import LookAheadClock
    from ui.main_window import MainWindow

    w = MainWindow(tech_app.core, tap_clock=LookAheadClock())
    qtbot.addWidget(w)
    w.resize(1920, 1080)
    w.show()
    qtbot.waitExposed(w)
    qtbot.wait(300)  # the window starts watching input after its first paint
    yield w
    w.close()  # before the app stops: the panel's timers must not outlive the workers


def _page(window, qtbot, page: str) -> None:  # type: ignore[no-untyped-def]
    _tap_named(window, qtbot, f"tab_{page}")
    qtbot.waitUntil(lambda: _button(window, f"tab_{page}").isChecked(), timeout=WAIT_MS)


def _press(window, qtbot, name: str, expect: str) -> str:  # type: ignore[no-untyped-def]
    """Tap an action button and wait until the result line says ``expect``."""
    _tap_named(window, qtbot, name)
    qtbot.waitUntil(lambda: expect in _result(window), timeout=WAIT_MS)
    return _result(window)


def _restart(window, qtbot, expect: str) -> str:  # type: ignore[no-untyped-def]
    """重启 asks first: tap, see it ask, tap 确认重启, wait for ``expect``."""
    _tap_named(window, qtbot, "btn_restart")
    qtbot.waitUntil(lambda: _button(window, "btn_restart").text() == "确认重启", timeout=WAIT_MS)
    return _press(window, qtbot, "btn_restart", expect)


def test_every_panel_button_does_what_it_says(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, usb: Path, qtbot
) -> None:
    dead_one = _dead_record(tech_app, 1)
    dead_two = _dead_record(tech_app, 2)
    job_id = _failed_receipt(tech_app, printer)
    slipped = tech_app.paths.logs / "kiosk.jsonl"
    oops = {"level": "WARNING", "logger": "drivers.card", "msg": f"oops {ID_NUMBER}"}
    slipped.write_text(json.dumps(oops) + "\n", encoding="utf-8")
    tech_app.backend.start()
    assert tech_app.backend.wait_started(30)
    platform = tech_app.backend.platform
    assert platform is not None

    def arrived(record: uuid.UUID) -> bool:
        keys = {s["idempotency_key"] for s in platform.platform.store.list_submissions()}
        return str(record) in keys

    # A long press on the kiosk name no longer opens anything.
    label = window.findChild(QLabel, "kiosk_name")
    wait_until_tappable(label)
    qtbot.mousePress(label, Qt.MouseButton.LeftButton)
    qtbot.wait(3200)
    qtbot.mouseRelease(label, Qt.MouseButton.LeftButton)
    assert window.core.screen() == Screen.HOME

    open_panel_with_corners(window, qtbot)
    sign_in(window, qtbot, "111111")
    qtbot.waitUntil(lambda: _shown_label(window, "pin_error") is not None, timeout=WAIT_MS)
    assert "不正确" in _text(window, qtbot, "pin_error")
    sign_in(window, qtbot, DEMO_PIN)
    qtbot.waitUntil(lambda: _shown_label(window, "device_printer") is not None, timeout=WAIT_MS)
    assert DEMO_TECHNICIAN in _text(window, qtbot, "signed_in_as")
    _tap_named(window, qtbot, "btn_refresh")

    # Devices: a test per device, then restart.
    assert "通过" in _press(window, qtbot, "btn_test_card", "测试")
    before = len(printer.jobs())
    _press(window, qtbot, "btn_test_page", "已打印")
    page = b"".join(printer.jobs()[before:])
    assert b"M001" in page and b"\x1dV" in page  # the kiosk code, then the cut
    _tap_named(window, qtbot, "btn_test_scanner")
    qtbot.waitUntil(lambda: "二维码" in _result(window), timeout=WAIT_MS)
    qtbot.wait(200)
    tech_app.backend.scanner.present("MAINT-TEST-CODE")
    qtbot.waitUntil(lambda: "已读到" in _result(window), timeout=WAIT_MS)
    assert "15" in _result(window)  # the code's length, not the code
    voice = tech_app.backend.voice
    assert voice is not None
    played = voice.player.started  # type: ignore[attr-defined]
    assert "通过" in _press(window, qtbot, "btn_test_speech", "测试")
    qtbot.waitUntil(lambda: voice.player.started > played, timeout=WAIT_MS)  # type: ignore[attr-defined]
    # The button names what it restarts (try-out 3: "重启设备" said not which).
    qtbot.waitUntil(lambda: _has_button(window, "btn_restart"), timeout=WAIT_MS)  # redrawn
    assert _button(window, "btn_restart").text() == "重启证件读卡器和摄像头"
    assert "摄像头：已重启" in _restart(window, qtbot, "证件读卡器：已重启，正常")

    # Outbox: counts, the dead records with their reason; send one, then all, again.
    _page(window, qtbot, "outbox")
    qtbot.waitUntil(lambda: _has_button(window, f"requeue_{dead_one}"), timeout=WAIT_MS)
    assert "失败 2" in _text(window, qtbot, "outbox_counts")
    assert "422 invalid body" in _text(window, qtbot, f"record_{dead_one}")
    assert _text(window, qtbot, f"record_{dead_one}").startswith("失败 · 办件申请 ·")  # words
    assert "最早失败" in _text(window, qtbot, "oldest_dead")
    _press(window, qtbot, f"requeue_{dead_one}", "已重新排队 1")
    qtbot.waitUntil(lambda: arrived(dead_one), timeout=WAIT_MS)
    assert not arrived(dead_two)
    _press(window, qtbot, "btn_requeue_all", "已重新排队 1")
    qtbot.waitUntil(lambda: arrived(dead_two), timeout=WAIT_MS)

    def delivered(rid: uuid.UUID) -> bool:
        rec = tech_app.backend.outbox.get(rid)
        return rec is not None and rec.state == RecordState.DELIVERED

    for rid in (dead_one, dead_two):  # the platform's answer is booked just after it stores
        qtbot.waitUntil(lambda rid=rid: delivered(rid), timeout=WAIT_MS)

    # Print jobs: reprint the receipt the paper-out lost.
    _page(window, qtbot, "jobs")
    # The page on show is marked: the chosen answer's fill and a ✓ ("you are here"),
    # not an action's (恢复服务's) fill (try-out 14, C17/E5); the others not.
    tabs = {n: _button(window, f"tab_{n}") for n in ("jobs", "devices", "outbox")}
    assert [t.property("role") for t in tabs.values()] == ["primary", "secondary", "secondary"]

    def fill(b: QAbstractButton):  # type: ignore[no-untyped-def]
        return b.grab().toImage().pixelColor(b.width() // 8, b.height() // 2).name()

    assert fill(tabs["jobs"]) != fill(tabs["devices"]) == fill(tabs["outbox"])
    fill_chosen, label = chosen_colours(NORMAL)

    def ticked(b: QAbstractButton) -> bool:
        """A ✓ drawn in its words' colour where a chosen answer has it."""
        where, face = mark_rect(b), b.grab().toImage()
        ink = {
            face.pixelColor(x, y).name()
            for x in range(where.left(), where.right())
            for y in range(where.top(), where.bottom())
        }
        return label.lower() in ink

    assert fill(tabs["jobs"]) == fill_chosen.lower() != NORMAL.primary.lower()
    assert [ticked(t) for t in tabs.values()] == [True, False, False]  # on show only
    # In words of the panel's language, not "receipt · failed · not_sent: paper_out: ...".
    job = _text(window, qtbot, f"job_{job_id}")
    assert job.startswith("回执 · M001-261123-0008C · 未打印 · 未送到打印机，缺纸"), job
    assert "failed" not in job and "not_sent" not in job and "paper_out" not in job
    before = len(printer.jobs())
    _press(window, qtbot, f"reprint_{job_id}", "已打印")
    assert b"RECEIPT-FOR-REPRINT" in b"".join(printer.jobs()[before:])
    # Its row stays where it was, saying it printed, until the page is left: the next
    # failed job must not slide under the finger (try-out 10, T2).
    row = f"job_{job_id}"
    qtbot.waitUntil(lambda: _text(window, qtbot, row).endswith("已打印"), timeout=WAIT_MS)
    _page(window, qtbot, "outbox")
    _page(window, qtbot, "jobs")
    qtbot.waitUntil(lambda: _shown_label(window, "jobs_none") is not None, timeout=WAIT_MS)

    # Platform link: latency and clock offset from a real round trip.
    # Opening the page tests the link: never "not tested" on arrival.
    _page(window, qtbot, "platform")
    qtbot.waitUntil(lambda: "延迟" in _text(window, qtbot, "link_result"), timeout=WAIT_MS)
    # The result once, on its line; not again in the banner above (try-out 3).
    assert _result(window) == ""  # the banner is empty (its room is kept)
    _press(window, qtbot, "btn_check_link", "已测试连接")
    assert "延迟" not in _result(window)
    text = _text(window, qtbot, "link_result")
    assert "ms" in text and "时钟偏差" in text
    assert "-0 秒" not in text and "T" not in text.split("·")[0]  # local time, not ISO

    # Logs: the last lines, identity numbers masked.
    _page(window, qtbot, "logs")
    qtbot.waitUntil(lambda: "oops" in _text(window, qtbot, "log_lines"), timeout=WAIT_MS)
    assert ID_NUMBER not in _text(window, qtbot, "log_lines")
    # The lines shown (问题) are an answer chosen, as the page on show: not an action.
    problems = _button(window, "btn_logs_problems")
    assert fill(problems) == fill_chosen.lower() and ticked(problems)

    # Diagnostics: one archive on the drive, the right parts, no identity data.
    _page(window, qtbot, "diagnostics")
    _tap_named(window, qtbot, "btn_export")
    qtbot.waitUntil(lambda: list(usb.glob("diagnostics-*.zip")) != [], timeout=WAIT_MS)
    (archive,) = usb.glob("diagnostics-*.zip")
    qtbot.waitUntil(lambda: archive.name in _result(window), timeout=WAIT_MS)
    with zipfile.ZipFile(archive) as zf:
        names = set(zf.namelist())
        assert {"status.json", "config.json", "versions.json", "logs/kiosk.jsonl"} <= names
        blob = b"".join(zf.read(n) for n in names)
        status = json.loads(zf.read("status.json"))
        config = json.loads(zf.read("config.json"))
        versions = json.loads(zf.read("versions.json"))
    assert ID_NUMBER.encode() not in blob and NAME.encode() not in blob
    assert ID_NUMBER[:6].encode() in blob  # the slipped log line is there, masked
    assert set(status["devices"]) >= {"card", "printer", "scanner"}
    assert config["kiosk"]["code"] == "M001"
    assert config["maintenance"]["demo_technician_pin"] == "(withheld)"
    assert DEMO_PIN.encode() not in blob
    assert "kiosk" in versions and "cryptography" in versions

    # Out of service: citizens see 暂停服务, with no way around it; then back.
    # (It asks first: the second tap, on 确认暂停服务, acts.)
    _page(window, qtbot, "service")
    _tap_named(window, qtbot, "btn_suspend")
    qtbot.waitUntil(
        lambda: _button(window, "btn_suspend").text() == "确认暂停服务", timeout=WAIT_MS
    )
    _press(window, qtbot, "btn_suspend", "已暂停服务")
    _tap_named(window, qtbot, "btn_exit")
    assert window.core.screen() == Screen.OUT_OF_SERVICE
    assert _text(window, qtbot, "oos_title") == "暂停服务"
    assert not _has_button(window, "btn_unlock")
    # No Back or Home that would lead nowhere.
    assert not window.back_btn.isVisible() and not window.home_btn.isVisible()
    assert (tech_app.paths.root / "out-of-service").exists()  # survives a restart
    open_panel_with_corners(window, qtbot)
    sign_in(window, qtbot, DEMO_PIN)
    qtbot.waitUntil(lambda: _has_button(window, "tab_service"), timeout=WAIT_MS)
    _page(window, qtbot, "service")
    _tap_named(window, qtbot, "btn_resume")
    qtbot.waitUntil(lambda: _button(window, "btn_resume").text() == "确认恢复服务", timeout=WAIT_MS)
    _press(window, qtbot, "btn_resume", "正在服务")
    assert not (tech_app.paths.root / "out-of-service").exists()

    # Sign out: the pad is back; leave: citizens' home screen.
    _tap_named(window, qtbot, "btn_sign_out")
    assert _has_button(window, "btn_next") and not _has_button(window, "tab_devices")
    _tap_named(window, qtbot, "btn_exit")
    assert window.core.screen() == Screen.HOME

    # The audit trail holds who did what, intact, with no PIN and no identity data.
    trail = tech_app.backend.audit
    assert trail is not None
    assert verify(
        trail.log.path, (tech_app.paths.key_file.with_name("audit.key")).read_bytes()
    ).intact
    text = trail.log.path.read_text(encoding="utf-8")
    kinds = [json.loads(line)["kind"] for line in text.splitlines()]
    for kind in (
        "key.created",
        "config.loaded",
        "signin.failed",
        "signin.ok",
        "panel.test_page",
        "panel.test_scanner",
        "panel.requeue",
        "panel.requeue_all",
        "panel.print_again",  # the receipt the paper-out lost: its first paper, no copy
        "panel.check_link",
        "panel.export_diagnostics",
        "panel.out_of_service",
        "panel.back_in_service",
        "signout",
    ):
        assert kind in kinds, kind
    assert DEMO_PIN not in text and "111111" not in text
    assert ID_NUMBER not in text and NAME not in text


def test_export_without_a_drive_says_so(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, usb: Path, qtbot
) -> None:
    usb.rmdir()
    open_panel_with_corners(window, qtbot)
    sign_in(window, qtbot, DEMO_PIN)
    qtbot.waitUntil(lambda: _has_button(window, "tab_diagnostics"), timeout=WAIT_MS)
    _page(window, qtbot, "diagnostics")
    _tap_named(window, qtbot, "btn_export")
    qtbot.waitUntil(lambda: "U盘" in _result(window), timeout=WAIT_MS)
