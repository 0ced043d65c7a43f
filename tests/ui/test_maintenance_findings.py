"""Try-out 3, item 16, through the real window: the log page shows what went wrong
first (问题 / 全部, repeats collapsed, human times, zh words, no identity data); the
devices page shows each device's last fault from the audit trail; 身份证阅读器, 政务平台
and 数据存储 have test buttons that do real work and answer in words."""

from __future__ import annotations

import datetime as dt
import json

from drivers.idcard.simulator import Fault
from drivers.idcard.types import ReaderState
from kiosk.events import Device, Health
from kiosk.maintenance_logs import LogEntry
from tests.ui.test_maintenance_panel import (  # noqa: F401  (fixtures)
    DEMO_PIN,
    ID_NUMBER,
    WAIT_MS,
    _page,
    _press,
    _shown_label,
    _tap_named,
    _text,
    open_panel_with_corners,
    printer,
    sign_in,
    tech_app,
    usb,
    window,
)
from ui.screens.maintenance_pages import log_line


def _log(logger: str, level: str, msg: str, **extra: str) -> str:
    ts = dt.datetime.now().strftime("%Y-%m-%dT%H:%M:%S")
    return json.dumps({"ts": ts, "level": level, "logger": logger, "msg": msg, **extra})


def _health_is(w, qtbot, health: Health) -> None:  # type: ignore[no-untyped-def]
    """Wait until the supervisor has seen the reader's state (it polls every 5 s)."""

    def seen() -> bool:
        w.core.backend.supervisor.poke()
        return w.core.health(Device.IDCARD).health is health

    qtbot.waitUntil(seen, timeout=WAIT_MS)


def _signed_in(w, app, qtbot) -> None:  # type: ignore[no-untyped-def]
    app.backend.start()
    assert app.backend.wait_started(30)
    open_panel_with_corners(w, qtbot)
    sign_in(w, qtbot, DEMO_PIN)
    qtbot.waitUntil(lambda: _shown_label(w, "device_printer") is not None, timeout=WAIT_MS)


def test_the_log_page_shows_problems_first(window, tech_app, qtbot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    logs = tech_app.paths.logs
    logs.mkdir(parents=True, exist_ok=True)
    lines = [_log("ui.main_window", "INFO", "screen submitted") for _ in range(6)]
    lines += [
        _log("drivers.idcard.serial_reader", "WARNING", "ID card reader port failed: OSError"),
        _log("kiosk.sync.agent", "INFO", f"record for {ID_NUMBER} delivered"),
        _log("kiosk.flow", "ERROR", "receipt failed", exc=f"Traceback\nValueError: {ID_NUMBER}"),
        _log("ui.main_window", "INFO", "screen home"),
    ]
    (logs / "kiosk.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _signed_in(window, tech_app, qtbot)
    _page(window, qtbot, "logs")

    def shown(expect: str) -> str:
        qtbot.waitUntil(lambda: expect in _text(window, qtbot, "log_lines"), timeout=WAIT_MS)
        return _text(window, qtbot, "log_lines")

    # 问题 (the default): the device warning, the error; no screen noise, and no routine
    # network line either (try-out 5: info lines read as problems).
    text = shown("ID card reader port failed")
    rows = text.split("\n")
    assert len(rows) == 2, rows
    assert rows[0].startswith("今天 ") and " · 警告 · 设备 · ID card reader port failed" in rows[0]
    assert " · 错误 · 系统 · receipt failed | ValueError: 110105********002X" in rows[1]
    assert "screen" not in text and "delivered" not in text
    assert ID_NUMBER not in text  # already filtered in the file; masked again here

    # 全部: every line, the six taps' "screen submitted" as one line with its count.
    _tap_named(window, qtbot, "btn_logs_all")
    text = shown("screen home")
    rows = text.split("\n")
    assert [r for r in rows if "screen submitted" in r] == [rows[0]]
    assert rows[0].endswith(" · 信息 · 界面 · screen submitted ×6"), rows[0]
    assert len(rows) == 5 and ID_NUMBER not in text
    _tap_named(window, qtbot, "btn_logs_problems")
    assert "screen" not in shown("ID card reader port failed")


def test_log_lines_in_english() -> None:
    today = dt.date(2026, 12, 4)
    e = LogEntry("2026-12-03T19:00:35", "WARNING", "device", "reader silent", 3)
    assert log_line(e, "en", today) == "yesterday 19:00:35 · Warning · Device · reader silent ×3"
    e = LogEntry("2026-11-23T09:00:00", "INFO", "outbox", "sent", 1)
    assert log_line(e, "zh", today) == "2026-11-23 09:00:00 · 信息 · 上传 · sent"


def test_devices_last_fault_and_the_three_new_tests(window, tech_app, qtbot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    _signed_in(window, tech_app, qtbot)
    b = tech_app.backend
    reader, sim = b.idcard, b.idcard_simulator
    qtbot.waitUntil(lambda: reader.status() is ReaderState.READY, timeout=WAIT_MS)
    _health_is(window, qtbot, Health.OK)  # seen ready (before its port opened: disconnected)
    # Reader self-check: the SAM answers; its id in words.
    text = _press(window, qtbot, "btn_test_idcard", "测试通过")
    assert "测试通过：就绪，安全模块 05.01-" in text, text

    # The reader stops answering: the self-check says so, and the devices page keeps
    # the fault the audit trail recorded, with its time, after the reader recovers.
    sim.fault(Fault.SILENCE, times=None)
    try:
        qtbot.waitUntil(lambda: reader.status() is ReaderState.FAULT, timeout=WAIT_MS)
        _health_is(window, qtbot, Health.FAULT)
        assert "测试未通过：读卡器没有应答" in _press(window, qtbot, "btn_test_idcard", "未通过")
    finally:
        sim.clear_faults()
    qtbot.waitUntil(lambda: reader.status() is ReaderState.READY, timeout=WAIT_MS)
    _health_is(window, qtbot, Health.OK)
    _tap_named(window, qtbot, "btn_refresh")

    def last_fault() -> str:
        label = _shown_label(window, "device_idcard_last_problem")
        return label.text() if label is not None else ""

    # The fault's words stand under the state while it lasts too (故障开始于… · 最近问题：…,
    # try-out 13, T1): wait for the row of a reader working again, which keeps its last fault.
    qtbot.waitUntil(lambda: last_fault().startswith("最近故障："), timeout=WAIT_MS)
    assert last_fault().startswith("最近故障：今天 "), last_fault()
    assert "读卡器没有应答" in last_fault(), last_fault()
    # Working again now, and the last fault still shown.
    qtbot.waitUntil(lambda: "：正常" in _text(window, qtbot, "device_idcard"), timeout=WAIT_MS)
    assert "读卡器没有应答" in last_fault()
    assert _text(window, qtbot, "device_printer_last_problem") == "最近故障：无记录"

    # Platform: a real round trip, then the platform gone.
    assert "延迟" in _press(window, qtbot, "btn_test_platform", "延迟")
    b.stop_embedded_platform()
    assert "连接失败" in _press(window, qtbot, "btn_test_platform", "连接失败")

    # Storage: a probe record written, read back and deleted where records are kept;
    # the queue is as it was, nothing reaches the platform.
    def others() -> list[tuple[str, int]]:  # records other than the audit trail's own
        return b.outbox._db.execute(  # type: ignore[no-any-return]
            "SELECT kind, count(*) FROM enqueued WHERE kind != 'audit' GROUP BY kind"
        )

    before = others()
    text = _press(window, qtbot, "btn_test_storage", "存储测试")
    assert text == "存储测试通过：测试记录已写入、读回并删除；空间充足", text
    assert others() == before and "probe" not in dict(before)
