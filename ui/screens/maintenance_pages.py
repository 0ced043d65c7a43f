"""The maintenance panel's pages, each drawn from one snapshot of the kiosk.

Pages: devices (state, last problem, a test per device, restart), outbox (counts,
oldest record, dead records with their reason, send again), print jobs (reprint),
platform link (last success, latency, clock offset), logs (redacted lines),
diagnostics (export to a USB drive) and the out-of-service switch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScroller, QVBoxLayout, QWidget
from shiboken6 import isValid

from kiosk.events import Device
from kiosk.hall_clock import HallClock
from kiosk.maintenance import (
    DeviceRestart,
    DeviceTest,
    JobLine,
    LinkCheck,
    Snapshot,
    SyncProblem,
)
from kiosk.maintenance_logs import LogEntry
from kiosk.printing import PrintResult
from kiosk.tracking import shown_tracking_number
from ui.a11y import NORMAL_LIMITS
from ui.device_words import fault_only, state_text, state_words
from ui.i18n import STRINGS, tr
from ui.widgets.cell_grid import CellGrid
from ui.widgets.chosen_mark import AnswerButton

if TYPE_CHECKING:
    from ui.screens.maintenance import MaintenanceScreen

PAGES = ("devices", "outbox", "jobs", "platform", "logs", "diagnostics", "service")
# The citizen's application receipt (stored as "submission_receipt"; "receipt" by older
# kiosks) is the slip a technician prints again; a second queue ticket would be a
# second place in the queue. 补打 was offered for "receipt" alone, never for the
# receipts the kiosk prints now (try-out 6).
REPRINTABLE = frozenset({"receipt", "submission_receipt"})
HEALTH_MARK = {"ok": "✔", "degraded": "▲", "fault": "✖", "unknown": "?"}


# Between two device rows in portrait: the page has the height (try-out 13, T1).
PORTRAIT_ROW_GAP_MM = 8


def render_page(s: MaintenanceScreen, page: str, snap: Snapshot) -> None:
    """Fill ``s.body`` with ``page``."""
    {
        "devices": _devices,
        "outbox": _outbox,
        "jobs": _jobs,
        "platform": _platform,
        "logs": _logs,
        "diagnostics": _diagnostics,
        "service": _service,
    }[page](s, snap)


def _age(seconds: float | None, s: MaintenanceScreen) -> str:
    """An age in the panel's language ("56 s" read as English in the Chinese panel, T3)."""
    if seconds is None:
        return "—"
    if seconds < 120:
        return s.t("maint.age_s", n=f"{seconds:.0f}")
    if seconds < 7200:
        return s.t("maint.age_min", n=f"{seconds / 60:.0f}")
    return s.t("maint.age_h", n=f"{seconds / 3600:.1f}")


def _test_done(s: MaintenanceScreen) -> Any:
    def done(r: DeviceTest) -> tuple[str, str]:
        detail = state_text(r.detail, s.lang) if r.detail else "—"
        key = "maint.test_ok" if r.ok else "maint.test_failed"
        return s.t(key, detail=detail), "ok" if r.ok else "fail"

    return done


def _printed(s: MaintenanceScreen) -> Any:
    return lambda r: (s.t(print_result_key(r)), "ok" if r.printed else "fail")


def print_result_key(r: PrintResult) -> str:
    """What a print or reprint came to, with the reason and what to do when it did not
    print: 缺纸, 未连接, 故障 (try-out 6: "打印未完成，请检查打印机" said none of them)."""
    if r.printed:
        return "maint.printed"
    if r.outcome.value in ("unconfirmed", "not_found"):
        return f"maint.not_printed.{r.outcome.value}"
    state = r.printer_state.value if r.printer_state is not None else ""
    key = f"maint.not_printed.{state}"
    return key if key in STRINGS else "maint.not_printed"


def _devices(s: MaintenanceScreen, snap: Snapshot) -> None:
    ops = s.core.maintenance_ops()
    lang = s.lang
    # No heading: the page's tab, filled, names it, and its height holds a row of
    # devices at 1280x800 (try-out 7).
    tests: dict[Device, tuple[str, str, Any, Any, str]] = {
        Device.CARD: ("maint.test_card", "btn_test_card", ops.test_card, _test_done(s), ""),
        Device.SCANNER: (
            "maint.test_scanner",
            "btn_test_scanner",
            ops.test_scanner,
            lambda r: (
                (s.t("maint.scan_ok", n=r.detail), "ok")
                if r.ok
                else (s.t("maint.scan_no_picture"), "fail")
                if r.detail == "scanner.no_picture"
                else (s.t("maint.scan_none"), "fail")
            ),
            "maint.scan_wait",
        ),
        Device.PRINTER: (
            "maint.test_page",
            "btn_test_page",
            lambda: ops.print_test_page(lang),
            _printed(s),
            "maint.printing",
        ),
        Device.SPEECH: (
            "maint.test_speech",
            "btn_test_speech",
            lambda: ops.test_speech(lang),
            _test_done(s),
            "",
        ),
        Device.IDCARD: ("maint.test_idcard", "btn_test_idcard", ops.test_idcard, _test_done(s), ""),
        Device.PLATFORM: (
            "maint.test_platform",
            "btn_test_platform",
            ops.check_link,
            lambda r: (_link_text(s, r), "ok" if r is not None and r.ok else "fail"),
            "",
        ),
        Device.STORAGE: (
            "maint.test_storage",
            "btn_test_storage",
            ops.test_storage,
            _storage_done(s),
            "",
        ),
    }
    problems = {p.device: p for p in snap.last_problems}
    # Two devices a row where they fit (landscape), one in portrait: one device a row
    # left the last one cut at the bottom of a 1920x1080 panel (try-out 7).
    t = s.ctx.tokens()
    holder = QWidget()
    holder.setObjectName("device_grid")
    s.body.addWidget(holder)  # in the window: its buttons measure in the window's style
    buttons: list[QPushButton] = []
    states: list[str] = []
    grid_items: list[tuple[str, str, str, str]] = []
    for d in snap.devices:
        mark = HEALTH_MARK.get(d.health.value, "?")
        colon = "：" if s.lang == "zh" else ": "  # full-width in Chinese text
        health = s.t("maint.health." + d.health.value)
        text = f"{mark} {s.t('device.' + d.device.value)}{colon}{health}"
        states.append(text)
        words = state_words(d.detail, s.lang)
        # The fault's words go under the state, after since when: the state stays one
        # line beside its button (try-out 13, T1: "✖ 凭条打印机：故障 · 最近问题：缺纸"
        # wrapped over two in portrait, and in English at 1280x800).
        now_wrong = ""
        if d.detail and d.health.value != "ok":
            # Words a technician reads, never the raw code alone (try-out finding).
            fault = state_words(fault_only(d.detail), lang).words
            now_wrong = " · " + s.t("maint.last_error", detail=fault)
        # The last fault the audit trail recorded for it, even when it works again now:
        # under its state, beside its test button (one row a device, not two: the list
        # had room for one device at 1280x800, try-out 6).
        # A device faulty now: the fault it has and since when (its newest recorded fault
        # is this one: the trail records a fault when the device turns faulty).
        p = problems.get(d.device.value)
        faulty = d.health.value == "fault"
        last = (
            s.t("maint.fault_since", at=hall_time(s, p.at, recorded_real=True))
            if p is not None and faulty
            else s.t("maint.fault_since_unknown")
            if faulty  # not in the trail (yet): never "none recorded" under a fault
            else s.t(
                "maint.last_problem",
                at=hall_time(s, p.at, recorded_real=True),
                detail=state_text(fault_only(p.detail), lang),
            )
            if p is not None
            else s.t("maint.no_problem")
        )
        grid_items.append((text, f"device_{d.device.value}", last + now_wrong, words.code))
    body = QFont(holder.font())
    body.setPixelSize(s.type_px("body"))
    # Rows as close as touch targets may sit (the test buttons are one above the other)
    # and no closer: half the layouts' gap (1.5 mm) failed the 2 mm target gap
    # (test_accessibility); the full 3 mm left 1280x800 scrolling again.
    # A portrait panel has the height for one device a row, in its larger type, the rows
    # parted by a finger's width rather than crowded at the top (T1).
    portrait = s.portrait()
    between = t.mm(PORTRAIT_ROW_GAP_MM if portrait else NORMAL_LIMITS.gap_mm)
    grid = CellGrid(1, t.gap(), most=1 if portrait else 2, between_rows=between)
    holder.setLayout(grid)
    for d, (text, name, last, code_text) in zip(snap.devices, grid_items, strict=True):
        row = s.line(text, name=name, sub=last, sub_name=f"{name}_last_problem", into=grid)

        if d.detail and d.health.value != "ok" and code_text:
            # A state this kiosk has no words for: the code beside, in small type.
            code = QLabel(code_text)
            code.setObjectName(f"{name}_code")
            code.setProperty("role", "muted")
            code.setTextFormat(Qt.TextFormat.PlainText)
            row.addWidget(code)
        if d.device in tests:
            key, bname, job, done, busy = tests[d.device]
            buttons.append(s.action(key, bname, job, done, busy or "maint.working", row=row))
    # The test buttons of one width, in one column down the list (try-out 7: ragged).
    for b in buttons:
        b.ensurePolished()
    width = max((b.sizeHint().width() for b in buttons), default=0)
    for b in buttons:
        b.setFixedWidth(width)
    # A cell holds a device's state on one line beside its button; the fault's words
    # may wrap under it.
    words_w = max((QFontMetrics(body).horizontalAdvance(x) for x in states), default=0)
    grid.set_least(words_w + t.gap() + width)
    restart = _restart_button(s, ops.restart_devices)
    grid.addWidget(restart)


def _restart_button(s: MaintenanceScreen, restart: Any) -> QPushButton:
    """重启 asks first (a stray tap once restarted the devices: try-out 4); the button
    changes its words in place, so nothing moves between the two taps."""
    b = _asking_button(
        s,
        "restart",
        ("maint.restart_devices", "maint.restart_confirm", "maint.restart_confirm_hint"),
        restart,
        _restarted(s),
    )
    b.setObjectName("btn_restart")
    return b


class _RoomyButton(QPushButton):
    """A button as wide as the longest of its ``words`` from the first: the 确认… words
    of a second tap keep its rect (try-out 13, T3: its left edge jumped ~50 px, under the
    finger). Measured when asked, in the font the style sheet gave it."""

    def __init__(self, text: str, words: tuple[str, ...]) -> None:
        super().__init__(text)
        self._words = words

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        fm = self.fontMetrics()
        extra = max(fm.horizontalAdvance(w) for w in self._words) - fm.horizontalAdvance(
            self.text()
        )
        return QSize(hint.width() + max(0, extra), hint.height())


def _asking_button(
    s: MaintenanceScreen,
    what: str,
    keys: tuple[str, str, str],
    job: Callable[[], Any],
    done: Callable[[Any], Any],
) -> QPushButton:
    """A button that asks before it acts: the first tap changes its words in place (the
    second of ``keys``) and says what it will do (the third); a second tap runs ``job``."""
    armed = s.armed == what
    b = _RoomyButton(s.t(keys[1] if armed else keys[0]), (s.t(keys[0]), s.t(keys[1])))
    if not armed:
        b.clicked.connect(lambda _=False: s.arm(what, keys[2]))
    else:
        # Red for what stops or interrupts (重启, 暂停服务); 恢复服务 gives citizens their
        # kiosk back, and red read as a warning against it (try-out 8, T3).
        b.setProperty("role", "primary" if keys[0] == "maint.resume" else "danger")

        def confirmed() -> None:
            s.confirmed()
            s.run_action(job, done, "maint.working")

        b.clicked.connect(lambda _=False: confirmed())
    return b


def _storage_done(s: MaintenanceScreen) -> Any:
    def done(r: DeviceTest) -> tuple[str, str]:
        if r.ok:
            return s.t("maint.storage_ok", space=state_text(r.detail, s.lang)), "ok"
        return s.t("maint.test_failed", detail=state_text(r.detail, s.lang)), "fail"

    return done


def _restarted(s: MaintenanceScreen) -> Any:
    """Per device: restarted and working, or still faulty and why."""

    def done(results: tuple[DeviceRestart, ...]) -> tuple[str, str]:
        text = "\n".join(
            s.t(
                f"maint.restarted.{r.health}",
                d=s.t(f"device.{r.device}"),
                detail=state_text(r.detail, s.lang),
            )
            for r in results
        )
        return text, "ok" if all(r.health == "ok" for r in results) else "fail"

    return done


# Records the kiosk makes about itself, not a citizen's (kiosk/audit).
KIOSK_OWN_KINDS = frozenset({"audit"})


def _apart(counts: tuple[tuple[str, int], ...]) -> tuple[list[tuple[str, int]], int]:
    """Citizens' records by kind, and how many of the kiosk's own entries."""
    citizens = [(k, n) for k, n in counts if k not in KIOSK_OWN_KINDS]
    return citizens, sum(n for k, n in counts if k in KIOSK_OWN_KINDS)


def _kinds(s: MaintenanceScreen, counts: list[tuple[str, int]]) -> str:
    return ("、" if s.lang == "zh" else ", ").join(
        s.t("maint.kind_count", kind=_kind_words(s, kind), n=n) for kind, n in counts
    )


def _outbox(s: MaintenanceScreen, snap: Snapshot) -> None:
    ops = s.core.maintenance_ops()
    o = snap.outbox
    s.section("maint.outbox")
    s.line(
        s.t(
            "maint.outbox_counts",
            pending=o.pending,
            sending=o.sending,
            failed=o.failed,
            dead=o.dead,
            delivered=o.delivered,
            age=_age(o.oldest_pending_age_s, s),
        ),
        name="outbox_counts",
    )
    # Citizens' records apart from the kiosk's own audit entries: counted together, a
    # technician checking that citizens' records went out had to subtract them in his
    # head (try-out 14, T2).
    # What waits, told the same way: whether a citizen's record is among 待发送 (try-out 15, T1).
    waiting, own_waiting = _apart(snap.waiting_kinds)
    if waiting:
        s.line(
            s.t("maint.waiting_kinds", n=sum(n for _, n in waiting), kinds=_kinds(s, waiting)),
            name="outbox_waiting",
        )
    elif own_waiting:
        s.line(s.t("maint.waiting_none"), name="outbox_waiting")
    if own_waiting:
        s.line(s.t("maint.waiting_audit", n=own_waiting), name="outbox_waiting_audit")
    citizens, own = _apart(snap.delivered_kinds)
    if citizens:
        s.line(
            s.t("maint.delivered_kinds", n=sum(n for _, n in citizens), kinds=_kinds(s, citizens)),
            name="outbox_delivered",
        )
    if own:
        s.line(s.t("maint.delivered_audit", n=own), name="outbox_audit")
    if snap.oldest_dead_age_s is not None:
        s.line(s.t("maint.oldest_dead", age=_age(snap.oldest_dead_age_s, s)), name="oldest_dead")
    requeued = _requeued(s)
    for r in snap.problem_records:
        # The same words as the counts above: a 'failed' record is being retried.
        state = s.t(f"maint.record_state.{r.state}")
        kind = _kind_words(s, r.kind)
        # The platform's own answer stays as it said it (what a technician reports),
        # marked as its words: bare, "422 invalid body" read as the panel's own English
        # in a Chinese panel (try-out 7). The number as the citizen's paper shows it (C-f).
        said = _record_why(s, r.last_error)
        number = shown_tracking_number(r.tracking_number or "-")
        text = " · ".join(p for p in (state, kind, number, said) if p)
        row = s.line(text, name=f"record_{r.id}")
        if r.state == "dead":
            s.action(
                "maint.requeue",
                f"requeue_{r.id}",
                lambda rid=r.id: ops.requeue(rid),
                requeued,
                row=row,
            )
    if o.dead:
        s.action("maint.requeue_all", "btn_requeue_all", ops.requeue_all, requeued)


def _kind_words(s: MaintenanceScreen, kind: str) -> str:
    """A record's kind in words (办件申请, 好差评 …), never its stored code."""
    key = f"maint.record_kind.{kind}"
    return s.t(key if key in STRINGS else "maint.record_kind.other")


def _record_why(s: MaintenanceScreen, error: str | None) -> str:
    """Why a record waits: the kiosk's own reasons (连接不上, 平台未及时应答 …) in words,
    anything else as the platform's answer, marked as its words (a retrying record read
    "平台答复：connection error", a reason the platform never gave)."""
    if not error:
        return ""
    slug = next((k for start, k in _SYNC_WHY if error.startswith(start)), None)
    if slug is not None:
        return s.t(f"maint.sync_why.{slug}")
    return s.t("maint.platform_said", text=error)


def _requeued(s: MaintenanceScreen) -> Any:
    return lambda n: (s.t("maint.requeued", n=n), "ok")


def _jobs(s: MaintenanceScreen, snap: Snapshot) -> None:
    ops = s.core.maintenance_ops()
    # A job reprinted from this list stays in its row, saying how it went, until the
    # page is left: the row going slid the next failed job's 补打 under the finger that
    # had just tapped, and a second tap reprinted a different citizen's receipt
    # (try-out 10, T2). Rows are in the order the jobs were made.
    recent = {j.id: j for j in snap.recent_jobs}
    s.jobs_kept.update(j.id for j in snap.failed_jobs)
    failed = {j.id: j for j in snap.failed_jobs}
    failed.update({i: recent[i] for i in s.jobs_kept if i not in failed and i in recent})
    # Both lists come newest made first (to the microsecond; the shown times are to the
    # second): one older than every recent job is older still.
    rank = {j.id: k for k, j in enumerate(snap.recent_jobs)}
    rank.update({j.id: len(rank) + k for k, j in enumerate(snap.failed_jobs) if j.id not in rank})
    listed = sorted(failed.values(), key=lambda j: rank[j.id])
    # Kept rows whose job has printed since (here): the heading and the row say so, and
    # their button turns into a spent 已打印 / 已补打 in its place (try-out 11, T1: a printed
    # job sat under 未打印成功 with 补打 still offered; it still may not leave under the
    # finger). 补打 only where that paper was a copy (JobTry.copy, PrintResult.copy's
    # rule): one that never came out before printed its first (try-out 20, T1 follow-up).
    still = {j.id for j in snap.failed_jobs}
    reprinted = {j.id: j for j in listed if j.id not in still and j.state == "done"}
    if not reprinted:
        s.section("maint.print_jobs")
    elif all(j.tries and j.tries[-1].copy for j in reprinted.values()):
        s.section("maint.print_jobs_reprinted", n=len(reprinted))
    else:
        s.section("maint.print_jobs_printed", n=len(reprinted))  # true of a copy too
    if not listed:
        s.line(s.t("maint.none"), name="jobs_none")
    for j in listed:
        text = job_line(j.kind, j.tracking_number, j.state, j.reason, s.lang, j.label)
        row = s.line(text, f"job_{j.id}", _tries_text(s, j), f"job_{j.id}_tries")
        b = _reprint_button(s, row, j, f"reprint_{j.id}", lambda jid=j.id: ops.reprint(jid))
        if j.id in reprinted:
            copy = bool(j.tries) and j.tries[-1].copy
            b.setText(s.t("maint.reprinted" if copy else "maint.printed_now"))
            b.setEnabled(False)  # 补打 below prints it again if its paper was lost
    # Every recent job, whatever its state: a receipt that printed and was lost is
    # printed again from here (try-out 4). The line names no one (kind, tracking number,
    # time, state); the copy is the stored, masked receipt. Newest made first, each in
    # its place: a reprint is one more try under its row (try-out 10, T2).
    s.section("maint.recent_jobs")
    not_printed = {j.id for j in snap.failed_jobs}
    if not snap.recent_jobs:
        s.line(s.t("maint.none"), name="recent_none")
    for j in snap.recent_jobs:
        when = hall_time(s, j.at) if j.at else "—"
        what = job_line(j.kind, j.tracking_number, j.state, j.reason, s.lang, j.label)
        text = f"{when} · {what}"
        row = s.line(text, f"recent_{j.id}", _tries_text(s, j), f"recent_{j.id}_tries")
        # A receipt in any state (printed and lost); any other slip while it has not
        # printed, as in the list above (a failed test page had 补打 there and not here:
        # try-out 9, T4). A printed queue ticket is not offered: a second place in line.
        if j.kind in REPRINTABLE or j.id in not_printed:
            _reprint_button(s, row, j, f"again_{j.id}", lambda jid=j.id: ops.reprint(jid))


def _reprint_button(
    s: MaintenanceScreen,
    row: QHBoxLayout,
    j: JobLine,
    name: str,
    job: Callable[[], PrintResult],
) -> QPushButton:
    """补打 (打印 where no paper of the job may exist yet: JobLine.copy_next) at the top
    of its row: the row grows downwards when the reprint's try is listed under it, and
    the button stays where the finger is. One reprint of a job at a time: a double tap
    prints one copy."""
    key = "maint.reprint" if j.copy_next else "maint.print_now"
    b = s.action(key, name, job, _printed(s), "maint.printing", row=row, once=f"print:{j.id}")
    row.setAlignment(b, Qt.AlignmentFlag.AlignTop)
    return b


def _tries_text(s: MaintenanceScreen, j: JobLine) -> str:
    """Each attempt at a job printed more than once, first to last, under its line: the
    failure (缺纸) and the reprint after it, with their times (try-out 7: a job that
    failed and was reprinted read 已打印 alone, and a reprint added nothing)."""
    if len(j.tries) < 2:
        return ""  # the job's own line says its one attempt
    lines = []
    for t in j.tries:
        # A copy (JobTry.copy, PrintResult.copy's rule) is 补打; a try after none came out,
        # the paper still to come (再次打印: try-out 19, T3 read a first paper after 缺纸 as
        # 补打). Who asked is said of both: 市民补打 or 技术员补打 (try-out 17, T1), and the
        # citizen's tap after 缺纸 as 市民重新打印, as the audit names it (try-out 20, T1).
        key = "maint.job_try.first" if t.n == 1 else "maint.job_try.again"
        if t.n > 1 and not t.copy:
            key = "maint.job_try.retry"
        if t.n > 1 and f"{key}.{t.asked_by}" in STRINGS:
            key = f"{key}.{t.asked_by}"
        at, result = hall_time(s, t.at), job_outcome(t.state, t.reason, s.lang)
        lines.append(s.t(key, at=at, result=result))
    return "\n".join(lines)


def job_outcome(state: str, reason: str | None, lang: str) -> str:
    """Where a job (or one attempt at it) stands and why, in words: 未打印 · 未送到打印机，缺纸."""
    state_key = f"maint.job_state.{state}"
    state_text_ = tr(state_key if state_key in STRINGS else "maint.job_state.other", lang)
    parts = (reason or "").split(": ", 2)
    why: list[str] = []
    if parts[0]:
        out_key = f"maint.job_outcome.{parts[0].replace(' ', '_')}"
        why.append(tr(out_key if out_key in STRINGS else "maint.job_outcome.other", lang))
    if len(parts) > 1 and parts[1] and parts[0] != "internal error":  # its 2nd: a bug's name
        why.append(state_words(f"printer.{parts[1]}", lang).words)
    reason_text = "，".join(why) if lang == "zh" else ", ".join(why)
    return " · ".join(p for p in (state_text_, reason_text) if p)


def job_line(
    kind: str, tn: str | None, state: str, reason: str | None, lang: str, label: str | None = None
) -> str:
    """A print job in the technician's language: what it is (with the slip's own number,
    a queue ticket's A012), whose, where it stands and why (the stored reason is
    "outcome: printer state: driver detail"). No "-" for what a slip has not: "排队叫号单 ·
    - · 未打印" named no ticket (try-out 5)."""
    # Every word from the string tables: a kind, state or outcome with no words gets a
    # generic one, and the driver's own detail (the stored reason's third part, e.g.
    # "simulated") stays in the job store and the diagnostics export, off the screen
    # (try-out 6: "其他凭条（submission_receipt）", "缺纸，simulated").
    kind_key = f"maint.job_kind.{kind}"
    kind_text = tr(kind_key if kind_key in STRINGS else "maint.job_kind.other", lang)
    what = f"{kind_text} {label}" if label else kind_text
    # The number as the citizen's paper shows it (try-out 7, C-f).
    number = shown_tracking_number(tn) if tn else tn
    return " · ".join(p for p in (what, number, job_outcome(state, reason, lang)) if p)


def _link_text(s: MaintenanceScreen, link: LinkCheck | None) -> str:
    if link is None:
        return s.t("maint.link_never")
    if not link.ok:
        error = link.error or "?"
        key = f"maint.link_error.{error.replace(' ', '_')}"  # words where we have them
        # The log's words for why the platform was not reached (try-out 15, T3).
        slug = next((k for start, k in _LINK_WHY if error.startswith(start)), None)
        if slug is not None:
            words = s.t(f"maint.log_why.{slug}")
        else:
            words = s.t(key) if key in STRINGS else error
        return s.t("maint.link_failed", error=words)
    offset = "—"
    if link.clock_offset_s is not None:
        n = round(link.clock_offset_s)
        offset = "0" if n == 0 else f"{n:+d}"  # never "-0"
    # 今天 HH:MM:SS as every other time on the panel (it read 2026-12-07 10:16:26 over
    # problems timed 今天, try-out 7).
    at = hall_time(s, link.at)
    return s.t("maint.link_result", at=at, latency=link.latency_ms, offset=offset)


def human_time(iso: str, lang: str, today: dt.date | None = None, dated: bool = False) -> str:
    """A logged or recorded time as a technician reads it: 今天 19:00:35, 昨天 …, or the
    date (always, with ``dated``). An ISO time with a zone is shown in local time; one
    without is local already."""
    try:
        t = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso or "—"
    if t.tzinfo is not None:
        t = t.astimezone()
    today = today or dt.date.today()
    clock = f"{t:%H:%M:%S}"
    if dated:
        return f"{t:%Y-%m-%d} {clock}"
    if t.date() == today:
        return tr("maint.time_today", lang, t=clock)
    if t.date() == today - dt.timedelta(days=1):
        return tr("maint.time_yesterday", lang, t=clock)
    return f"{t:%Y-%m-%d} {clock}"


def hall_time(s: MaintenanceScreen, iso: str, recorded_real: bool = False) -> str:
    """A time on the panel as the hall's clock tells it (the header's clock): under the
    demo's simulated hall time a time the audit trail recorded in real UTC
    (``recorded_real``) is moved by the same shift, and 今天 is the hall's today (try-out 5:
    real UTC times read 今天 under a header on another day). The log page alone keeps the
    real time, and says so."""
    clock = s.core.clock
    shift = clock.shift if isinstance(clock, HallClock) and recorded_real else dt.timedelta(0)
    if shift:
        try:
            at = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
        except ValueError:
            return iso or "—"
        iso = (at + shift).isoformat()
    return human_time(iso, s.lang, today=clock().astimezone().date())


def _platform(s: MaintenanceScreen, snap: Snapshot) -> None:
    ops = s.core.maintenance_ops()
    s.section("maint.sync")
    online = {True: "maint.online", False: "maint.offline", None: "maint.unknown"}[snap.online]
    s.line(s.t(online), name="link_state")
    if snap.credentials_refused:
        # Records wait (none dies for it); the fix is at the platform or in the kiosk's keys.
        s.line(s.t("maint.credentials_refused"), name="credentials_refused")
    # Opening the page is asking how the link is: test it rather than say "not tested".
    start = snap.last_link is None and not s.link_tested_on_open
    testing = start or s.link_test_running  # a redraw meanwhile still says "working"
    link = s.t("maint.working") if testing else _link_text(s, snap.last_link)
    failed = snap.last_check
    if not testing and failed is not None and not failed.ok:
        # The newest test failed: say so (a failed test once read "not tested yet").
        link = _link_text(s, failed)
        if snap.last_link is not None:
            link += " · " + _link_text(s, snap.last_link)
    s.line(link, name="link_result")
    # The result is the line above (fresh data redraws it): the banner only says it ran,
    # rather than the same line twice (try-out 3).
    s.action(
        "maint.check_link", "btn_check_link", ops.check_link, lambda _r: s.t("maint.link_tested")
    )
    if start:
        s.link_tested_on_open = True
        s.link_test_running = True
        s.work(ops.check_link, lambda _r: s.finish_link_test(), lambda _e: s.finish_link_test())
    if snap.sync_errors:
        s.section("maint.sync_problems")
    for i, e in enumerate(snap.sync_errors):
        s.line(sync_problem_text(s, e), name=f"sync_problem_{i}")


# What the sync agent says went wrong (kiosk/sync/http.py, agent.py), by how it begins:
# the words a technician reads, never the agent's English (try-out 7).
_SYNC_WHY = (
    ("connection error", "connection_error"),
    ("timeout", "timeout"),
    ("TLS", "tls"),
    ("backing off", "backing_off"),
    ("request failed", "request_failed"),
    ("malformed JSON", "unreadable"),
    ("unexpected content type", "unreadable"),
    ("catalog is not a catalog", "unreadable"),
    ("answer does not name", "unreadable"),
)


def sync_problem_text(s: MaintenanceScreen, e: SyncProblem) -> str:
    """One kind of failed exchange with the platform, in the panel's language: when last
    (and first, and how often, when it came back), what was tried, why it failed."""
    op_key = f"maint.sync_op.{e.operation}"
    what = s.t(op_key if op_key in STRINGS else "maint.sync_op.other")
    if e.record_kind is not None:
        # Which record's upload failed, in the outbox page's words (try-out 17, P1: a
        # staff call's read 上传申请).
        what = s.t("maint.sync_op.of_kind", what=what, kind=_kind_words(s, e.record_kind))
    if e.status is not None:
        why = s.t(
            "maint.sync_why.refused" if 400 <= e.status < 500 else "maint.sync_why.http",
            status=e.status,
        )
    else:
        slug = next((k for start, k in _SYNC_WHY if e.message.startswith(start)), "other")
        why = s.t(f"maint.sync_why.{slug}")
    if not e.retryable:
        why += s.t("maint.sync_why.not_retried")
    last = hall_time(s, e.last_at)
    if e.count == 1:
        return s.t("maint.sync_problem_once", last=last, what=what, why=why)
    first = hall_time(s, e.first_at)
    return s.t("maint.sync_problem", last=last, first=first, n=e.count, what=what, why=why)


def _logs(s: MaintenanceScreen, _snap: Snapshot) -> None:
    ops = s.core.maintenance_ops()
    s.pin_head(True)  # heading, note and switch stay put above the scrolling lines
    # One row: the switch, and beside it the heading and the note on the times. Three
    # rows of them left the log a strip of 4 lines at 1280x800 (try-out 10, T3).
    row = s.line(s.t("maint.logs"), name="logs_heading")
    hall = s.core.clock
    # The log keeps real time (kiosk/hall_clock.py); once the demo has moved the hall's
    # clock, each line is told in the hall time of its moment, as the header's clock,
    # and says so (try-out 14, T1: real 01:35 under a header saying 10:20).
    moved = hall if isinstance(hall, HallClock) and hall.ever_moved else None
    if moved is not None:
        note = QLabel(s.t("maint.logs_real_time"))
        note.setObjectName("logs_real_time")
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setProperty("role", "muted")
        words = row.itemAt(0)
        column = words.layout() if words is not None else None
        if column is None:  # the heading alone in the row: a column for both
            heading = row.takeAt(0).widget()
            stack = QVBoxLayout()
            stack.setSpacing(0)
            stack.addWidget(heading)
            row.addLayout(stack, 1)
            column = stack
        column.addWidget(note)
    # 问题 first: what went wrong; 全部 for every line (try-out 3: the log was noise).
    switches = (
        ("maint.logs_problems", "btn_logs_problems", True),
        ("maint.logs_all", "btn_logs_all", False),
    )
    for i, (key, name, problems) in enumerate(switches):
        # The lines shown are an answer chosen (its own fill and a ✓), not an action
        # (try-out 14, C17/E5: filled like 恢复服务).
        b = s.as_button(AnswerButton(), key, lambda p=problems: s.show_logs(p))
        b.setObjectName(name)
        b.setCheckable(True)
        b.setChecked(s.logs_problems_only == problems)
        b.setProperty("role", "primary" if s.logs_problems_only == problems else "secondary")
        row.insertWidget(i, b)  # on the left, before the words
    s.pin_head(False)
    out = QLabel()
    out.setTextFormat(Qt.TextFormat.PlainText)
    out.setObjectName("log_lines")
    # Older lines scroll away above, whole (ui/clipping.py skips it for this reason).
    out.setProperty("may_clip", "a log read from its end; older lines scroll off whole")
    out.setWordWrap(True)
    out.setTextFormat(Qt.TextFormat.PlainText)
    s.body.addWidget(out)
    problems_only = s.logs_problems_only
    lang = s.lang

    shown: list[str] = []

    def show(entries: list[LogEntry]) -> None:
        if not isValid(out):  # the page was redrawn (fresh data) while the lines were read
            return
        out.setContentsMargins(0, 0, 0, 0)
        empty = "maint.logs_no_problems" if problems_only else "maint.none"
        if moved is None:
            shown[:] = [log_line(e, lang) for e in entries]
        else:
            today = moved().astimezone().date()
            shown[:] = [
                log_line(e, lang, when=_hall_log_time(moved, e.at, lang, today)) for e in entries
            ]
        out.setText("\n".join(shown) or s.t(empty))
        s.scroll_to_end()  # the newest lines are last: open there, as a terminal would

    def whole_lines() -> None:
        # Opened at its end, the page's top edge fell mid-line: the first line shown was
        # cut under the tabs (try-out 3); then between two lines of one entry, so that
        # the list began with the tail of a wrapped entry, "role hall)" (try-out 9, T3).
        # Room under the last line moves the end so the top edge falls where an entry
        # begins.
        pending.clear()
        if not isValid(out) or not out.text():
            return
        area = s.scroll
        bar = area.verticalScrollBar()
        end = bar.maximum()
        if end <= 0:
            return
        if out.height() != out.heightForWidth(out.width()) or end != (
            area.widget().height() - area.viewport().height()
        ):
            # Not yet laid out at its new text, margin or window: worked out from such a
            # moment the room was added to the last and the list crept to an entry's
            # start over several redraws (a line or two under the finger; try-out 14, T1
            # in portrait). The range moves again once it is, and this runs again.
            return
        step = out.fontMetrics().lineSpacing()
        top = out.mapTo(out.parentWidget(), out.contentsRect().topLeft()).y()
        # The window onto the log in whole lines, and a flick comes to rest where a line
        # begins: its first and last lines were cut through the middle (try-out 10, T3).
        room = area.viewport().height() + area.viewportMargins().bottom()
        if area.viewportMargins().bottom() != room % step:
            area.setViewportMargins(0, 0, 0, room % step)
            return  # the window's new range: worked out again when it comes
        QScroller.scroller(area.viewport()).setSnapPositionsY(float(top), float(step))
        # Where the window's top falls without the room added below the last line.
        offset = end - top - out.contentsMargins().bottom()
        starts = _entry_starts(out, shown)
        first = next((k * step for k in starts if k * step >= offset), None)
        if first is None:  # past the last entry's start: whole lines, as before
            first = offset + (step - offset % step) % step
        if out.contentsMargins().bottom() != first - offset:
            out.setContentsMargins(0, 0, 0, first - offset)

    # Worked out once the range has moved and the events it posted are handled (the
    # label's new height, the window's), not in the middle of them.
    pending: list[bool] = []

    def range_moved(_lo: int, _hi: int) -> None:
        if not pending and isValid(out):  # not a page since redrawn
            pending.append(True)
            QTimer.singleShot(0, out, whole_lines)

    s.scroll.verticalScrollBar().rangeChanged.connect(range_moved)
    asked, s.logs_asked = s.logs_asked, False
    s.work(lambda: ops.log_entries(problems_only, asked=asked), show)


def _entry_starts(out: QLabel, entries: list[str]) -> list[int]:
    """The wrapped line each entry begins on in ``out`` (its text: the entries, one a
    paragraph), laid out as the label draws plain text at its width."""
    fm = out.fontMetrics()
    width = max(1, out.contentsRect().width())
    step = fm.lineSpacing()
    flags = int(Qt.TextFlag.TextWordWrap) | int(out.alignment())
    starts, line = [], 0
    for text in entries:
        starts.append(line)
        h = fm.boundingRect(0, 0, width, 1 << 20, flags, text).height()
        line += max(1, round((h + fm.leading()) / step))
    return starts


def _hall_log_time(hall: HallClock, at: str, lang: str, today: dt.date) -> str:
    """A log line's time (real, local, to the second) as the hall's clock told it then:
    今天 10:20:09 as the header's clock; "real time 2026-12-06 01:35:09" when the shift
    then is not known (before this run, or in the second the clock was switched)."""
    try:
        real = dt.datetime.fromisoformat(at).astimezone()
    except ValueError:
        return at  # a line without a time (or a garbled one): as logged
    shift = hall.shift_at(real)
    if shift is None or shift != hall.shift_at(real + dt.timedelta(seconds=1)):
        return tr("maint.log_time_real", lang, t=human_time(at, lang, dated=True))
    return human_time((real + shift).isoformat(), lang, today=today)


def log_line(e: LogEntry, lang: str, today: dt.date | None = None, when: str | None = None) -> str:
    """One entry in the technician's language: when, how bad, about what, what, how often.
    ``when``: the time as said (the hall's: _hall_log_time), else the log's own."""
    if when is None and e.at:
        when = human_time(e.at, lang, today)
    parts = [when] if when else []
    level_key = f"maint.log_level.{e.level}"
    if level_key in STRINGS:
        parts.append(tr(level_key, lang))
    parts.append(tr(f"maint.log_topic.{e.topic}", lang))
    parts.append(log_words(e, lang))
    line = " · ".join(parts)
    return f"{line} ×{e.count}" if e.count > 1 else line


# Why the platform was not reached (kiosk/sync/link_words.py), by how it begins.
_LINK_WHY = (
    ("connection refused", "connection_refused"),
    ("host name not found", "dns"),
    ("connection reset", "reset"),
    ("no answer in time", "timeout"),
    ("TLS failure", "tls"),
    ("no answer", "no_answer"),
)


def log_words(e: LogEntry, lang: str) -> str:
    """What a log line says, in the panel's language where it has the words (a print
    job named as the 打印任务 page names it: 申请回执 · M001-…); else as logged."""
    f = e.field
    if e.words in ("print_not_printed", "print_unconfirmed"):
        state = "failed" if e.words == "print_not_printed" else "unconfirmed"
        outcome = f("outcome") if state == "failed" else "unconfirmed"
        reason = f"{outcome}: {f('state')}"
        if e.job is None:
            return f"{tr('maint.log_words.job_unknown', lang)} · {job_outcome(state, reason, lang)}"
        kind, label, number = e.job
        return job_line(kind, number or None, state, reason, lang, label or None)
    if e.words.startswith("print_"):
        job = tr("maint.log_words.job_unknown", lang)
        if e.job is not None:
            kind, label, number = e.job
            key = f"maint.job_kind.{kind}"
            job = tr(key if key in STRINGS else "maint.job_kind.other", lang)
            job = " · ".join(
                p
                for p in (f"{job} {label}".strip(), shown_tracking_number(number) if number else "")
                if p
            )
        return tr(f"maint.log_words.{e.words}", lang, job=job, n=f("n"))
    if e.words in ("device_fault", "device_ok"):
        device_key = f"device.{f('device')}"
        if device_key not in STRINGS:
            return e.text
        return tr(
            f"maint.log_words.{e.words}",
            lang,
            device=tr(device_key, lang),
            health=tr(f"maint.health.{f('health') or 'ok'}", lang),
            detail=state_text(f("detail"), lang),
        )
    if e.words == "platform_not_reached":
        slug = next((k for start, k in _LINK_WHY if f("why").startswith(start)), None)
        if slug is None:
            return e.text  # a cause this panel has no words for: as logged
        return tr(
            "maint.log_words.platform_not_reached", lang, why=tr(f"maint.log_why.{slug}", lang)
        )
    key = f"maint.log_words.{e.words}"
    if e.words and key in STRINGS:
        return tr(key, lang, **dict(e.fields))
    return e.text


def _diagnostics(s: MaintenanceScreen, _snap: Snapshot) -> None:
    ops = s.core.maintenance_ops()
    s.section("maint.tab.diagnostics")
    s.line(s.t("maint.export_help"))
    s.action(
        "maint.export",
        "btn_export",
        ops.export_diagnostics,
        lambda path: (s.t("maint.done_path", path=path.name), "ok"),
    )


def _service(s: MaintenanceScreen, snap: Snapshot) -> None:
    """The switch, and what citizens see on either side of it: one tap asks, the second
    acts (try-out 7: 暂停服务 acted at once, and nothing said what citizens would see)."""
    ops = s.core.maintenance_ops()
    s.section("maint.tab.service")
    off = snap.out_of_service
    shown = s.t("maint.citizens_see", title=s.t("suspended.title"), body=s.t("suspended.body"))
    if off:
        then = s.t("maint.resume_means")
        broken = [
            s.t(f"device.{d.device.value}")
            for d in snap.devices
            if d.health.value == "fault" and d.device is not Device.PLATFORM
        ]
        if broken:
            # Back in service is not all working: what still fails stays refused.
            sep = "、" if s.lang == "zh" else ", "
            then += s.t("maint.resume_faults", devices=sep.join(broken))
        sub = s.t("maint.citizens_see_now", shown=shown) + then
    else:
        sub = s.t("maint.suspend_means", shown=shown)
    state = "maint.service_off" if off else "maint.service_on"
    row = s.line(s.t(state), name="service_state", sub=sub, sub_name="service_means")
    if off:
        b = _asking_button(
            s,
            "service",
            ("maint.resume", "maint.resume_confirm", "maint.resume_confirm_hint"),
            lambda: ops.set_out_of_service(False),
            lambda _r: (s.t("maint.service_on"), "ok"),
        )
        b.setObjectName("btn_resume")
    else:
        b = _asking_button(
            s,
            "service",
            ("maint.suspend", "maint.suspend_confirm", "maint.suspend_confirm_hint"),
            lambda: ops.set_out_of_service(True),
            lambda _r: (s.t("maint.service_off"), "ok"),
        )
        b.setObjectName("btn_suspend")
    row.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)
