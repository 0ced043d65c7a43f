# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""Try-out 10's technician findings, through the real window.

T1: a receipt printed while the network was down, printed again once the platform has
the application (the panel's 补打, the citizen's 补打回执), says it was delivered, when,
and the 预计办结 date, under its 补打 heading. T2: after 补打 nothing moves under
the technician's finger: rows keep their order (by when each job was made, a reprint
is one more try under its row), and a second tap at the same spot is never a reprint of
a different job. T3: at 1280x800 the 日志 page gives the log most of its height, in
whole lines; 问题 leaves out the demo platform's own start-up notices; under a simulated
hall clock the log's times are the hall's (try-out 14, T1), never 今天 of another day than
the header's.
T4: at 1280x800 the 设备 page shows every device whole with three of them faulted.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QWidget

from drivers.printer.document import Document, Text
from kiosk.app import KioskApp, build_app
from kiosk.events import Device, Health
from kiosk.flow import Journey, Screen
from kiosk.hall_clock import HallClock
from kiosk.receipts.strings import fmt_date
from kiosk.services.apply import ApplicationDraft, add_working_days, apply_service
from kiosk.workers import ThreadExecutor
from offline_cache.outbox_protocol import RecordState
from tests.integration.printer.loopback_printer import LoopbackPrinter
from tests.ui.conftest_apply import ID_NUMBER, manual_identity
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_maintenance_findings import _log
from tests.ui.test_maintenance_panel import (  # noqa: F401 (fixtures: a loopback printer)
    WAIT_MS,
    _button,
    _has_button,
    _page,
    _result,
    _shown_label,
    _tap_named,
    printer,
    tech_settings,
    usb,
    window,
)
from tests.ui.test_maintenance_tryout6 import DEVICES, _devices_seen, _open, lang  # noqa: F401
from tests.ui.test_nothing_moves import _where
from ui.a11y import visible_rect
from ui.demo_panel import install_demo_panel
from ui.i18n import tr
from ui.screens.maintenance import MaintenanceScreen
from ui.tap_guard import control_of

PENDING = "提交时网络不通"
SERVICE = "shuiwu.tax_record"


@pytest.fixture
def simulated() -> bool:
    """Whether the hall clock runs on the demo's simulated office hours."""
    return False


@pytest.fixture
def tech_app(  # type: ignore[no-untyped-def]
    tmp_path: Path, printer: LoopbackPrinter, usb: Path, lang: str, simulated: bool
) -> Iterator[KioskApp]:
    """The panel tests' kiosk (tests/ui/test_maintenance_tryout6.py) on the hall clock,
    as `kiosk --demo` runs (simulated: Monday 10:00 from a weekend's evening)."""
    s = tech_settings(tmp_path, printer, usb)
    s = s.model_copy(update={"kiosk": s.kiosk.model_copy(update={"default_language": lang})})
    hall = HallClock()
    if simulated:
        hall.use_office_hours()
    app = build_app(s, clock=hall, executor=ThreadExecutor())
    yield app
    app.stop()


def _offline_receipt(app: KioskApp, qtbot) -> tuple[str, str, dt.date]:  # type: ignore[no-untyped-def]
    """An application saved while the network was down (its receipt printed saying so),
    then delivered by the sync agent: its tracking number, its receipt's job, and the
    预计办结 date counted from the day of delivery."""
    app.backend.start()
    assert app.backend.wait_started(30)
    core = app.core
    service = core.catalog.by_id(SERVICE)
    assert service is not None
    applying = apply_service(core)
    assert applying is not None
    draft = ApplicationDraft(
        service=service,
        identity=manual_identity(),
        agent=None,
        form_values={f.id: "2024" for f in service.form},
        pages=(),
        language="zh",
    )
    saved = applying.submit(draft, offline=True)
    assert saved.saved and saved.tracking_number and saved.record_id is not None
    outbox = app.backend.outbox

    def delivered() -> bool:
        record = outbox.get(saved.record_id)  # type: ignore[arg-type]
        return record is not None and record.state is RecordState.DELIVERED

    qtbot.waitUntil(delivered, timeout=WAIT_MS)  # the embedded platform took it
    record = outbox.get(saved.record_id)
    assert record is not None and record.delivered_at is not None
    day = record.delivered_at.astimezone().date()
    [job] = [j for j in app.backend.printing.recent_jobs() if j.kind == "submission_receipt"]
    return saved.tracking_number, job.id, add_working_days(day, service.time_limit_days)


def _says_delivered(copy: str, expected: dt.date) -> None:
    # Headed in the receipt's own language, 中文 (try-out 10, C9: the heading was both).
    assert "补打 " in copy and "REPRINT" not in copy, copy
    assert PENDING not in copy, copy
    assert "已送达受理平台：" in copy, copy
    assert "预计办结" in copy and fmt_date(expected, "zh") in copy, copy
    assert copy.index("补打 ") < copy.index("已送达受理平台")


def test_a_reprint_from_the_panel_says_the_offline_receipt_was_delivered(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    """T1: 补打 on a receipt submitted offline and delivered since still said in bold
    "提交时网络不通：申请已保存在本机…" and had no 预计办结."""
    tn, job, expected = _offline_receipt(tech_app, qtbot)
    assert PENDING in printer.printed_text()  # the first paper told the truth then
    _open(window, qtbot, tech_app, (1280, 800))
    _page(window, qtbot, "jobs")
    before = printer.printed_text()
    _tap_named(window, qtbot, f"again_{job}")
    qtbot.waitUntil(lambda: _result(window) == "已打印", timeout=WAIT_MS)
    _says_delivered(printer.printed_text()[len(before) :], expected)
    # The stored receipt is the paper as first printed: a copy is made, not a record changed.
    stored = tech_app.backend.printing.document(job)
    assert stored is not None and any(PENDING in getattr(b, "text", "") for b in stored.blocks)
    assert tn in tech_app.backend.printing.job(job).tracking_number  # type: ignore[union-attr]


def test_the_citizen_s_reprint_says_the_offline_receipt_was_delivered(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    """T1, the citizen's side: 补打回执 with the receipt number and the ID number."""
    tn, _job, expected = _offline_receipt(tech_app, qtbot)
    window.resize(1280, 800)
    core = window.core
    core.start(Journey.TRACK)
    core.sessions.current.tracking_number = tn
    core.go(Screen.REPRINT)
    window.show_screen()
    before = printer.printed_text()
    for ch in ID_NUMBER:
        keys = [w for w in window.findChildren(QAbstractButton, f"key_{ch}") if w.isVisible()]
        assert keys, f"no key {ch!r}"
        wait_until_tappable(keys[0])
        qtbot.mouseClick(keys[0], Qt.MouseButton.LeftButton)
    _tap_named(window, qtbot, "btn_reprint_receipt")
    qtbot.waitUntil(
        lambda: "已送达受理平台" in printer.printed_text()[len(before) :], timeout=WAIT_MS
    )
    _says_delivered(printer.printed_text()[len(before) :], expected)


def _finger(window, qtbot, at: QPoint) -> None:  # type: ignore[no-untyped-def]
    """A tap on the touchscreen at ``at`` (window coordinates), through the window."""
    QTest.mouseClick(
        window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at
    )


def _under(window: QWidget, at: QPoint) -> str:
    control = control_of(window.childAt(at))
    return control.objectName() if control is not None else ""


def _centre(window: QWidget, name: str) -> QPoint:
    b = _button(window, name)
    return b.mapTo(window, b.rect().center())


def _tries(app: KioskApp, job: str) -> int:
    return len(app.backend.printing.attempts([job]).get(job, []))


def _settled(window, qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    """The reprint answered and the page drawn again with its try under the row."""
    qtbot.waitUntil(lambda: _result(window) == "已打印", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: _shown_label(window, f"{name}_tries") is not None, timeout=WAIT_MS)
    qtbot.wait(200)


def test_after_a_reprint_the_same_job_stays_under_the_finger(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    """T2: after 补打 the list re-sorted newest-first by last print, the row just printed
    jumped to the top and another citizen's 补打 slid under the finger."""
    printing = tech_app.backend.printing
    older = printing.print_document("submission_receipt", Document((Text("OLDER"),)), "M001-1")
    newer = printing.print_document("submission_receipt", Document((Text("NEWER"),)), "M001-2")
    assert older.printed and newer.printed and older.job_id and newer.job_id
    _open(window, qtbot, tech_app, (1280, 800))
    _page(window, qtbot, "jobs")
    qtbot.waitUntil(lambda: _has_button(window, f"again_{older.job_id}"), timeout=WAIT_MS)
    at = _centre(window, f"again_{older.job_id}")
    assert _centre(window, f"again_{newer.job_id}").y() < at.y()  # newest made first
    wait_until_tappable(_button(window, f"again_{older.job_id}"))
    _finger(window, qtbot, at)
    _settled(window, qtbot, f"recent_{older.job_id}")
    assert _tries(tech_app, older.job_id) == 2
    # The same job's 补打 under the finger, the rows in the order they were.
    assert _under(window, at) == f"again_{older.job_id}"
    assert _centre(window, f"again_{newer.job_id}").y() < at.y()
    # A second tap there is never the other citizen's receipt.
    _finger(window, qtbot, at)
    qtbot.wait(500)
    assert _tries(tech_app, newer.job_id) == 1


def test_a_failed_job_reprinted_keeps_its_row_until_the_page_is_left(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    """T2 in 未打印成功的打印任务: the job printed left the list and the next failed job's
    补打 moved up under the finger."""
    printing = tech_app.backend.printing
    printer.paper = "out"
    first = printing.print_document("submission_receipt", Document((Text("ONE"),)), "M001-3")
    second = printing.print_document("submission_receipt", Document((Text("TWO"),)), "M001-4")
    assert not first.printed and not second.printed and first.job_id and second.job_id
    printer.paper = "ok"
    _open(window, qtbot, tech_app, (1280, 800))
    _page(window, qtbot, "jobs")
    qtbot.waitUntil(lambda: _has_button(window, f"reprint_{second.job_id}"), timeout=WAIT_MS)
    at = _centre(window, f"reprint_{second.job_id}")  # the newest failed job: on top
    assert _centre(window, f"reprint_{first.job_id}").y() > at.y()
    wait_until_tappable(_button(window, f"reprint_{second.job_id}"))
    _finger(window, qtbot, at)
    _settled(window, qtbot, f"job_{second.job_id}")
    assert _under(window, at) == f"reprint_{second.job_id}"
    # Its row says how it went: the failure and the reprint that printed.
    tries = _shown_label(window, f"job_{second.job_id}_tries")
    assert tries is not None and "已打印" in tries.text()
    _finger(window, qtbot, at)
    qtbot.wait(500)
    assert _tries(tech_app, first.job_id) == 1  # never the other job
    # Left and opened again: the list is what has not printed.
    _page(window, qtbot, "devices")
    _page(window, qtbot, "jobs")
    qtbot.waitUntil(lambda: _has_button(window, f"reprint_{first.job_id}"), timeout=WAIT_MS)
    assert not _has_button(window, f"reprint_{second.job_id}")


# The demo's embedded platform at every start: expected, nothing a technician can act on.
NOTICES = [
    _log(
        "kiosk.backend",
        "WARNING",
        "embedded reference platform in INSECURE DEV mode (no kiosk authentication,"
        " loopback only): a demo stand-in, never a production platform",
    ),
    _log(
        "central.app",
        "WARNING",
        "INSECURE DEV MODE: kiosks are not authenticated (the X-Kiosk-Id header is trusted);"
        " for development on loopback only, never in production",
    ),
    _log(
        "kiosk.backend",
        "WARNING",
        "embedded platform console: http://127.0.0.1:46395/console (a staff account:"
        " kiosk-central staff --db /tmp/d/embedded-platform.sqlite3 add NAME --role hall)",
    ),
]


def _write(app: KioskApp, lines: list[str]) -> None:
    logs = app.paths.logs
    logs.mkdir(parents=True, exist_ok=True)
    (logs / "kiosk.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _lines(window: QWidget) -> str:
    """The log lines on show ("" while the page is drawn again)."""
    label = _shown_label(window, "log_lines")
    return label.text() if label is not None else ""


def _log_label(window, qtbot, expect: str):  # type: ignore[no-untyped-def]
    _page(window, qtbot, "logs")
    qtbot.waitUntil(lambda: expect in _lines(window), timeout=WAIT_MS)
    qtbot.wait(300)  # the page settles at its end
    label = _shown_label(window, "log_lines")
    assert label is not None
    return label


def test_the_log_has_most_of_the_page_in_whole_lines_and_problems_only_under_problems(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    """T3: at 1280x800 the log had a strip of 4 lines under the heading, the note and the
    switch, its first and last lines cut through the middle; 问题 listed the embedded
    platform's insecure-dev and console-address notices from every F12."""
    lines = [*NOTICES]
    lines += [
        _log("kiosk.printing", "WARNING", f"the printer answered late #{i}") for i in range(40)
    ]
    _write(tech_app, lines)
    _open(window, qtbot, tech_app, (1280, 800))
    label = _log_label(window, qtbot, "#39")
    viewport = window.findChild(MaintenanceScreen).scroll.viewport()
    step = label.fontMetrics().lineSpacing()
    # Most of the page under the tabs, in whole lines, from where a line begins.
    page_top = _where(_button(window, "tab_logs"), window).bottom()
    page = _where(viewport, window).bottom() - page_top
    assert viewport.height() >= 8 * step, (viewport.height(), step)
    assert viewport.height() >= page * 0.6, (viewport.height(), page)
    assert viewport.height() % step == 0, (viewport.height(), step)
    seen_from = label.mapFrom(viewport, QPoint(0, 0)).y() - label.contentsRect().top()
    assert seen_from > 0 and seen_from % step == 0, (seen_from, step)
    # The switch, the heading and the note whole above it.
    for name in ("btn_logs_problems", "btn_logs_all"):
        w = _button(window, name)
        assert visible_rect(w, window) == _where(w, window), name
    # 问题: not the demo's own notices; 全部: every line.
    notices = [
        tr(f"maint.log_words.{w}", "zh") for w in ("insecure_dev_embedded", "insecure_dev_platform")
    ]
    assert not any(n in label.text() for n in notices), label.text()
    assert "127.0.0.1:46395" not in label.text()
    _tap_named(window, qtbot, "btn_logs_all")
    qtbot.waitUntil(lambda: "46395" in _lines(window), timeout=WAIT_MS)
    text = _lines(window)
    assert all(n in text for n in notices), text


def _log_at(at: dt.datetime, msg: str) -> str:
    """A log file's line written at ``at`` (local, as the log's own times)."""
    ts = at.strftime("%Y-%m-%dT%H:%M:%S")
    return json.dumps({"ts": ts, "level": "WARNING", "logger": "kiosk.printing", "msg": msg})


@pytest.mark.parametrize("simulated", [True])
def test_under_a_simulated_hall_clock_the_log_s_times_are_the_hall_s(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    """Try-out 14, T1: the 日志 page listed the log's real times (01:35) under a header
    clock in hall time (10:20), and the technician did the arithmetic. Each line is told
    in the hall's time of its moment, as the header; a line from before this start (the
    shift then not known) says it is the real time, with its date (try-out 10, T3: never
    今天 of another day than the header's)."""
    clock = tech_app.core.clock
    assert isinstance(clock, HallClock) and clock.simulated
    real = clock.real().astimezone().replace(microsecond=0, tzinfo=None)
    before, at = real - dt.timedelta(hours=1), real + dt.timedelta(seconds=2)
    _write(tech_app, [_log_at(before, "answered late OLD"), _log_at(at, "answered late NEW")])
    _open(window, qtbot, tech_app, (1280, 800))
    text = _log_label(window, qtbot, "NEW").text()
    old, new = [r for r in text.split("\n") if "answered late" in r]
    hall = at + clock.shift  # the header's clock at that moment: 10:00 of another day
    assert hall.date() != at.date()
    assert new.startswith(f"今天 {hall:%H:%M:%S} · 警告 · "), new
    assert old.startswith(f"真实时间 {before:%Y-%m-%d %H:%M:%S} · 警告 · "), old
    note = _shown_label(window, "logs_real_time")
    assert note is not None and note.text() == tr("maint.logs_real_time", "zh"), note


def _fault(window, qtbot, key: Qt.Key, device: Device) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClick(window, key, Qt.KeyboardModifier.ShiftModifier)

    def seen() -> bool:
        window.core.backend.supervisor.poke()
        return window.core.health(device).health is Health.FAULT

    qtbot.waitUntil(seen, timeout=WAIT_MS)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_device_is_whole_on_the_devices_page_or_more_below_is_said(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot, lang
) -> None:
    """T4: at 1280x800 with the card reader, the camera and the SAM reader faulted, the
    SAM reader's 故障开始于… line was cut off at the foot of the list, only a scroll bar
    hinting at more. In Chinese every device now fits; in English (longer words, the
    tabs in two rows) the foot of the list says there is more below until it is seen."""
    _open(window, qtbot, tech_app, (1280, 800))
    panel = install_demo_panel(window, tech_app)
    qtbot.addWidget(panel)
    reader = tech_app.backend.idcard
    qtbot.waitUntil(lambda: reader.sam_id() is not None, timeout=WAIT_MS)
    _fault(window, qtbot, Qt.Key.Key_F10, Device.CARD)
    _fault(window, qtbot, Qt.Key.Key_F9, Device.SCANNER)
    _fault(window, qtbot, Qt.Key.Key_F11, Device.IDCARD)
    since = tr("maint.fault_since", lang, at="")

    def all_faulted() -> bool:
        _tap_named(window, qtbot, "btn_refresh")
        qtbot.wait(100)
        under = [_shown_label(window, f"device_{d}_last_problem") for d in ("card", "idcard")]
        return all(u is not None and u.text().startswith(since) for u in under)

    qtbot.waitUntil(all_faulted, timeout=WAIT_MS)
    qtbot.wait(300)
    seen = _devices_seen(window)
    restart = _button(window, "btn_restart")
    if lang == "zh":  # fitting first: every device whole, and the restart button
        assert sorted(seen) == sorted(DEVICES), seen
        assert visible_rect(restart, window) == _where(restart, window)
        assert _shown_label(window, "more_below") is None
        return
    assert sorted(seen) != sorted(DEVICES), seen  # (else this case tests nothing)
    more = _shown_label(window, "more_below")
    assert more is not None and more.text() == tr("maint.more_below", lang)
    assert visible_rect(more, window) == _where(more, window)
    # Swiped to the end: the rest whole, and the strip gone.
    bar = window.findChild(MaintenanceScreen).scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: _shown_label(window, "more_below") is None, timeout=WAIT_MS)
    assert "idcard" in _devices_seen(window)
    assert visible_rect(restart, window) == _where(restart, window)
