# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""Try-out 7's findings on the maintenance panel, through the real window: each attempt at
a print job with its time (T-a), the platform's problems in words, newest first, repeats
collapsed (T-b), 暂停服务 and 恢复服务 asking first and saying what citizens see (T-c),
and every device row whole, its test button one width with the others (T-d)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtWidgets import QPushButton, QWidget

from drivers.printer.document import Document, Text
from kiosk.app import KioskApp
from kiosk.demo import DemoControls
from kiosk.events import Device, Health
from kiosk.flow import Screen
from offline_cache.outbox_protocol import RecordKind
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
from tests.ui.test_maintenance_tryout6 import DEVICES, _open, lang, tech_app  # noqa: F401
from tests.ui.test_nothing_moves import _where
from ui.a11y import visible_rect
from ui.i18n import tr

TIME = r"今天 \d\d:\d\d:\d\d"
NOT_PRINTED = "未打印 · 未送到打印机，缺纸"


def _tries(window, qtbot, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    return _text(window, qtbot, name).split("\n")


def test_each_attempt_at_a_print_job_shows_with_its_time(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    printing = tech_app.backend.printing
    # A citizen's receipt that did not come out (paper out), printed again once the
    # paper was back (the citizen's reprint): 已打印 alone hid the failure.
    printer.paper = "out"
    lost = printing.print_document("submission_receipt", Document((Text("回执"),)), "M001-1")
    assert not lost.printed
    printer.paper = "ok"
    assert printing.reprint(str(lost.job_id)).printed
    # And one that printed the first time: its own line says all.
    fine = printing.print_document("submission_receipt", Document((Text("回执"),)), "M001-2")
    assert fine.printed
    _open(window, qtbot, tech_app, (1920, 1080))
    _page(window, qtbot, "jobs")
    tries = _tries(window, qtbot, f"recent_{lost.job_id}_tries")
    assert len(tries) == 2, tries
    assert re.fullmatch(f"{TIME} 首次打印：{NOT_PRINTED}", tries[0]), tries
    # Its first paper, not a copy of one (try-out 19, T3: it read 补打).
    assert re.fullmatch(f"{TIME} 再次打印：已打印", tries[1]), tries
    assert _shown_label(window, f"recent_{fine.job_id}_tries") is None

    # The technician's reprint adds its line, with the paper out again: failed, and why.
    printer.paper = "out"
    # The button says the act as its line and the console's audit page do (try-out 17,
    # K5: it said 重打, the audit page 补打凭条).
    assert window.findChild(QPushButton, f"again_{fine.job_id}").text() == "补打"
    _tap_named(window, qtbot, f"again_{fine.job_id}")
    qtbot.waitUntil(lambda: "缺纸" in _result(window), timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: _shown_label(window, f"recent_{fine.job_id}_tries") is not None, timeout=WAIT_MS
    )
    tries = _tries(window, qtbot, f"recent_{fine.job_id}_tries")
    assert len(tries) == 2, tries
    assert re.fullmatch(f"{TIME} 首次打印：已打印", tries[0]), tries
    # Whose copy it was (try-out 17, T1: a citizen's own 补打 read the same).
    assert re.fullmatch(f"{TIME} 技术员补打：{NOT_PRINTED}", tries[1]), tries
    # Its first paper exists: not among the slips that did not print (try-out 15, T2).
    assert _shown_label(window, f"job_{fine.job_id}") is None
    # The newest activity first: the job just reprinted tops the list.
    recent = [
        w.objectName()
        for w in window.findChildren(QWidget)
        if w.isVisible() and re.fullmatch(r"recent_[0-9a-f]+", w.objectName())
    ]
    top = min(recent, key=lambda n: _where(_shown_label(window, n), window).top())  # type: ignore[arg-type]
    assert top == f"recent_{fine.job_id}", recent


def _heartbeat_failures(app: KioskApp, qtbot, n: int) -> None:  # type: ignore[no-untyped-def]
    """The link cut (the demo's network switch) until the heartbeat failed ``n`` times,
    then back: the errors are old news by the time the page is read."""
    demo = DemoControls(app.backend)
    agent = app.backend.sync
    assert agent is not None
    demo.set_network(True)

    def failed() -> int:
        return sum(e.operation == "heartbeat" for e in agent.recent_errors())

    for _ in range(200):
        if failed() >= n:
            break
        agent.link_changed()  # probe now, as a kiosk noticing its cable does
        qtbot.wait(100)
    assert failed() >= n
    assert demo.set_network(False) is None
    qtbot.waitUntil(lambda: agent.online is True, timeout=WAIT_MS)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_platform_problems_in_words_newest_first_repeats_collapsed(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, qtbot, lang
) -> None:
    _open(window, qtbot, tech_app, (1920, 1080))
    _heartbeat_failures(tech_app, qtbot, 3)
    agent = tech_app.backend.sync
    assert agent is not None
    errors = agent.recent_errors()
    kinds = {(e.operation, e.message, e.status) for e in errors}
    n = sum(e.operation == "heartbeat" and e.message == "connection error" for e in errors)
    count = f"共 {n} 次，首次 " if lang == "zh" else f"{n} times, first "
    _page(window, qtbot, "platform")

    def lines() -> list[str]:
        shown = [_shown_label(window, f"sync_problem_{i}") for i in range(len(kinds) + 1)]
        return [w.text() for w in shown if w is not None]

    # (The page opens from the last data, then redraws with fresh data.)
    qtbot.waitUntil(lambda: any(count in ln for ln in lines()), timeout=WAIT_MS)
    shown = lines()
    assert len(shown) == len(kinds), (shown, kinds)  # one line a kind of failure
    page = "\n".join(shown)
    # Words of the panel's language, never the agent's own English.
    assert "heartbeat" not in page and "connection error" not in page, page
    heartbeat = [ln for ln in shown if tr("maint.sync_op.heartbeat", lang) in ln]
    assert len(heartbeat) == 1, shown  # repeats collapsed into one line ...
    assert count in heartbeat[0], heartbeat  # ... with how often and since when
    assert tr("maint.sync_why.connection_error", lang) in heartbeat[0]
    # The latest first: the line on top is the kind that failed last.
    last = errors[-1].operation
    assert tr(f"maint.sync_op.{last}", lang) in shown[0], (last, shown)


def test_out_of_service_asks_first_and_says_what_citizens_see(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    _open(window, qtbot, tech_app, (1280, 800))
    flag = tech_app.paths.root / "out-of-service"
    _page(window, qtbot, "service")
    # What citizens will see, before anything is tapped: the 暂停服务 screen's words.
    means = _text(window, qtbot, "service_means")
    assert tr("suspended.body", "zh") in means and "不能办理业务" in means, means
    # One tap asks; nothing has changed for citizens yet.
    _tap_named(window, qtbot, "btn_suspend")
    qtbot.waitUntil(
        lambda: _button(window, "btn_suspend").text() == "确认暂停服务", timeout=WAIT_MS
    )
    assert "再按一次" in _result(window)
    assert not flag.exists() and not window.core.suspended
    # Another page forgets the question: back here, it asks again.
    _page(window, qtbot, "devices")
    _page(window, qtbot, "service")
    qtbot.waitUntil(lambda: _has_button(window, "btn_suspend"), timeout=WAIT_MS)
    assert _button(window, "btn_suspend").text() == "暂停服务"
    _tap_named(window, qtbot, "btn_suspend")
    qtbot.waitUntil(
        lambda: _button(window, "btn_suspend").text() == "确认暂停服务", timeout=WAIT_MS
    )
    _tap_named(window, qtbot, "btn_suspend")
    qtbot.waitUntil(lambda: _has_button(window, "btn_resume"), timeout=WAIT_MS)
    assert flag.exists() and window.core.suspended
    assert "本机已暂停服务" in _result(window)
    # Suspended: what citizens see now, and what 恢复服务 gives them; with the printer
    # faulted meanwhile, the page says so (back in service is not all working).
    means = _text(window, qtbot, "service_means")
    assert "现在显示" in means and tr("suspended.body", "zh") in means, means
    assert "恢复后，市民屏幕回到首页" in means and "故障" not in means, means
    printer.paper = "out"
    supervisor = tech_app.backend.supervisor
    assert supervisor is not None
    supervisor.poke()
    qtbot.waitUntil(lambda: Device.PRINTER in window.core.faults(), timeout=WAIT_MS)
    _tap_named(window, qtbot, "btn_refresh")
    qtbot.waitUntil(
        lambda: "凭条打印机现在有故障" in _text(window, qtbot, "service_means"), timeout=WAIT_MS
    )
    _tap_named(window, qtbot, "btn_resume")
    qtbot.waitUntil(lambda: _button(window, "btn_resume").text() == "确认恢复服务", timeout=WAIT_MS)
    assert flag.exists() and window.core.suspended  # one tap changed nothing
    _tap_named(window, qtbot, "btn_resume")
    qtbot.waitUntil(lambda: _has_button(window, "btn_suspend"), timeout=WAIT_MS)
    assert not flag.exists() and not window.core.suspended
    _tap_named(window, qtbot, "btn_exit")
    assert window.core.screen() == Screen.HOME


def _device_rows_whole(window: QWidget) -> list[str]:
    """The devices whose row (state, last fault and test button) is not whole on screen."""
    cut = []
    for d in DEVICES:
        label = _shown_label(window, f"device_{d}")
        assert label is not None, d
        row = label.parentWidget()
        assert row is not None
        if visible_rect(row, window) != _where(row, window):
            cut.append(d)
    restart = _button(window, "btn_restart")
    if visible_rect(restart, window) != _where(restart, window):
        cut.append("restart")
    return cut


def _check_sizes(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    for size in ((1920, 1080), (1280, 800), (1080, 1920)):
        window.resize(*size)
        qtbot.wait(300)
        _page(window, qtbot, "devices")
        qtbot.waitUntil(lambda: _has_button(window, "btn_test_storage"), timeout=WAIT_MS)
        qtbot.wait(300)
        # Every row whole without scrolling (the last was cut at 1920x1080).
        assert _device_rows_whole(window) == [], (size, _device_rows_whole(window))
        # Nothing to scroll (a scroll bar took the list's width and said there was more).
        scroll = window.findChild(QWidget, "maint_scroll")
        assert scroll.verticalScrollBar().maximum() == 0, size
        widths = {
            d: _button(window, f"btn_test_{d}").width()
            for d in ("card", "scanner", "page", "speech", "platform", "storage", "idcard")
        }
        assert len(set(widths.values())) == 1, (size, widths)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_device_row_whole_and_its_button_one_width(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot, lang
) -> None:
    _open(window, qtbot, tech_app, (1920, 1080))
    # Every device read once (at start-up the ID reader's row says it is starting).
    qtbot.waitUntil(
        lambda: all(window.core.health(d).health is not Health.UNKNOWN for d in Device),
        timeout=WAIT_MS,
    )
    _check_sizes(window, qtbot)
    # A faulted printer: its row says why in more words (two lines in English at
    # 1280x800), and still every row is whole.
    printer.paper = "out"
    supervisor = tech_app.backend.supervisor
    assert supervisor is not None
    supervisor.poke()
    qtbot.waitUntil(lambda: Device.PRINTER in window.core.faults(), timeout=WAIT_MS)
    _tap_named(window, qtbot, "btn_refresh")
    qtbot.waitUntil(lambda: "✖" in (_text(window, qtbot, "device_printer") or ""), timeout=WAIT_MS)
    _check_sizes(window, qtbot)


def test_a_retrying_record_says_why_in_words_and_the_platform_is_quoted(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, qtbot
) -> None:
    outbox = tech_app.backend.outbox
    now = tech_app.backend.clock()
    waiting = outbox.enqueue(RecordKind.APPLICATION, b"{}", "M001-261207-0003X", now)
    assert waiting.id in [r.id for r in outbox.claim(50, now)]  # (the demo's own too)
    # Not due again for a day: the agent leaves it waiting while the page is read.
    outbox.mark_failed(waiting.id, "connection error", now + dt.timedelta(days=1), now)
    refused = outbox.enqueue(RecordKind.APPLICATION, b"{}", "M001-261207-0004X", now)
    outbox.mark_dead(refused.id, "422 invalid body", now)
    _open(window, qtbot, tech_app, (1280, 800))
    _page(window, qtbot, "outbox")
    line = _text(window, qtbot, f"record_{waiting.id}")
    # The kiosk's own reason in words (never "connection error", nor as the platform's).
    assert line.endswith(" · 连接不上") and "平台答复" not in line, line
    # The platform's own answer stays as it said it, marked as its words.
    assert _text(window, qtbot, f"record_{refused.id}").endswith(" · 平台答复：422 invalid body")
