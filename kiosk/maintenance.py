"""What a technician can see and do at the kiosk (the maintenance panel's back end).

Every method blocks (disk, devices, network) and is meant for a worker thread.
Nothing here returns personal data: records are listed by kind, tracking number,
state and reason; print jobs by kind and tracking number; log lines redacted.
Every action is reported to ``on_action`` (the audit trail) with the technician
signed in, never with a PIN or anything a citizen typed.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from drivers.scanner.types import ScanResult
from kiosk import __version__
from kiosk.backend import Backend
from kiosk.diagnostics import archive_name, find_drive, write_archive
from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.maintenance_logs import LogEntry, read_log
from kiosk.printing import AskedBy, PrintResult, paper_may_exist
from kiosk.receipts.data import PrinterTestPageData
from kiosk.receipts.templates import printer_test_page
from kiosk.supervisor import idcard_code
from kiosk.sync.agent import SyncError
from kiosk.sync.resend import resend_dead
from kiosk.technicians.check import register_for
from kiosk.technicians.lockout import Lockout
from kiosk.technicians.signin import SignInOutcome, SignInResult, TechnicianGate
from offline_cache.outbox_protocol import OutboxStats, RecordKind, RecordState
from offline_cache.print_jobs import JobState, PrintAttempt, PrintJobInfo

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RecordLine:
    """One outbox record as the panel lists it."""

    id: str
    kind: str
    tracking_number: str | None
    state: str
    attempts: int
    created_at: str
    last_error: str | None


@dataclass(frozen=True, slots=True)
class JobTry:
    """One attempt at a print job: its number (1: the first print, then reprints), when
    it began (ISO) and how it ended (a job state and the stored reason)."""

    n: int
    at: str
    state: str
    reason: str | None
    asked_by: str | None = None  # "citizen", "technician" (kiosk.printing.AskedBy); None
    # A paper of the job may have come out before this try (kiosk.printing.paper_may_exist,
    # PrintResult.copy's rule): it was a copy, 补打; else its first paper (try-out 20, T1).
    copy: bool = False


@dataclass(frozen=True, slots=True)
class JobLine:
    """One print job: what, whose (tracking number only), where it stands, when."""

    id: str
    kind: str
    tracking_number: str | None
    state: str
    reason: str | None
    attempts: int
    at: str = ""  # ISO time it was made
    label: str | None = None  # the slip's own number (a queue ticket's A012)
    # Every attempt, first to last: a reprint after 缺纸 shows the failure and the
    # reprint, each with its time (try-out 7: only the last state was shown).
    tries: tuple[JobTry, ...] = ()
    # A print of it now would be a copy (paper_may_exist): the panel offers 补打, else 打印
    # (try-out 20, T1 follow-up: a job that never came out was offered 补打).
    copy_next: bool = False


@dataclass(frozen=True, slots=True)
class SyncProblem:
    """The same failed exchange with the platform, however often it came back: what was
    tried, what came back, how often and between when (ISO times, the kiosk's clock)."""

    operation: str  # "heartbeat", "deliver", ...
    message: str  # the agent's own short reason ("connection error", "HTTP 503" ...)
    status: int | None
    retryable: bool
    count: int
    first_at: str
    last_at: str
    # The kind of record the failed upload carried ("staff_call", "rating" …), None when
    # the exchange carried no one record: the panel names it (try-out 17, P1).
    record_kind: str | None = None


@dataclass(frozen=True, slots=True)
class LinkCheck:
    """One round trip to the platform, as the Platform link page shows it."""

    ok: bool
    latency_ms: float | None
    clock_offset_s: float | None  # platform's clock minus the kiosk's (Date header, ±1 s)
    at: str
    error: str | None = None


@dataclass(frozen=True, slots=True)
class DeviceTest:
    """What a device test found: ``ok`` and a short, non-personal detail."""

    device: str
    ok: bool
    detail: str


@dataclass(frozen=True, slots=True)
class DeviceRestart:
    """One device after a restart: its health (``Health`` value) and, if not ok, why."""

    device: str
    health: str
    detail: str


@dataclass(frozen=True, slots=True)
class DeviceProblem:
    """A device's last fault as the audit trail recorded it: ISO time and detail code."""

    device: str
    at: str
    detail: str


SCAN_WAIT_S = 15.0
SCAN_STEP_S = 0.25
NO_PICTURE_S = 5.0  # a camera just opened may take this long for its first frame
RECENT_JOBS_SHOWN = 10
SYNC_PROBLEMS_SHOWN = 10
LOG_ENTRIES_SHOWN = 60
Action = Callable[[str, dict[str, object]], None]


def _by_kind(counts: dict[RecordKind, int]) -> tuple[tuple[str, int], ...]:
    """Counts by kind, most first (ties by name): what the panel lists."""
    return tuple(
        sorted(((k.value, n) for k, n in counts.items() if n), key=lambda kn: (-kn[1], kn[0]))
    )


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything the panel shows at once."""

    devices: tuple[DeviceStatusChanged, ...]
    outbox: OutboxStats
    problem_records: tuple[RecordLine, ...]
    failed_jobs: tuple[JobLine, ...]
    # Repeats collapsed, newest first (try-out 7: the same raw line ×N, oldest first).
    sync_errors: tuple[SyncProblem, ...]
    online: bool | None
    # The platform refused this kiosk's certificate or token (401/403): records wait.
    credentials_refused: bool = False
    oldest_dead_age_s: float | None = None
    last_link: LinkCheck | None = None
    out_of_service: bool = False
    last_problems: tuple[DeviceProblem, ...] = ()
    last_check: LinkCheck | None = None  # the newest link test, ok or not
    # The newest jobs in every state: a receipt that printed but was lost is reprinted
    # from here (try-out 4: the page listed failed jobs only).
    recent_jobs: tuple[JobLine, ...] = ()
    # The delivered records by kind (RecordKind's values), most first: what 已送达 N is
    # made of (try-out 11, T2).
    delivered_kinds: tuple[tuple[str, int], ...] = ()
    # The same for the records still on their way: whether a citizen's record is among
    # 待发送 (try-out 15, T1).
    waiting_kinds: tuple[tuple[str, int], ...] = ()


# A change of service asked for on the panel and not confirmed when the technician was
# signed out by the panel itself (try-out 8, T1): its words in the log file (English, as
# logged; the panel says them in its language, kiosk/data/log_words.json).
UNAPPLIED_CHANGES = {"suspend": "out of service", "resume": "back in service"}
UNAPPLIED_WHY = {"idle": "idle", "card_removed": "card removed"}


@dataclass(frozen=True, slots=True)
class Unapplied:
    """A change of service ("suspend", "resume") asked for and not confirmed, dropped
    when the technician was signed out ("idle", "card_removed")."""

    change: str
    why: str


def out_of_service_flag(data_dir: Path) -> Path:
    """The file whose presence keeps the kiosk out of service (set from the panel); it
    holds the moment it was set (ISO 8601, hall time)."""
    return data_dir / "out-of-service"


def service_state(data_dir: Path) -> dict[str, str]:
    """Whether the kiosk serves citizens, for its heartbeat (the console's 终端 page
    shows 暂停服务 and since when: try-out 11, K2). Read on the sync thread. A flag
    written before it held its moment (or unreadable) says since when by its mtime."""
    flag = out_of_service_flag(data_dir)
    try:
        text = flag.read_text(encoding="utf-8").strip()
        mtime = flag.stat().st_mtime
    except FileNotFoundError:
        return {"state": "in_service"}
    except OSError:
        return {"state": "out_of_service"}
    try:
        since = dt.datetime.fromisoformat(text)
    except ValueError:
        since = dt.datetime.fromtimestamp(mtime, dt.UTC)
    return {"state": "out_of_service", "since": since.isoformat(timespec="seconds")}


class Maintenance:
    """Technician operations over the backend."""

    def __init__(
        self,
        backend: Backend,
        health: dict[Device, DeviceStatusChanged],
        on_action: Action | None = None,
        suspend: Callable[[bool], None] | None = None,
    ) -> None:
        self._b = backend
        self._health = health
        self._on_action: Action = on_action or (lambda _kind, _data: None)
        self._suspend = suspend or (lambda _on: None)
        # Kept in a flag file: a kiosk put out of service stays so across a restart.
        self._oos_flag = out_of_service_flag(backend.paths.root)
        self.out_of_service = self._oos_flag.exists()
        # The last change dropped unconfirmed (see change_not_applied): the sign-in page
        # says so until a technician signs in again.
        self.unapplied: Unapplied | None = None
        self._last_link: LinkCheck | None = None  # the last successful link test
        self._last_check: LinkCheck | None = None
        s = backend.settings
        self.gate = TechnicianGate(
            register_for(s),
            Lockout(backend.paths.root / "technician-lockout.json", backend.clock),
            backend.clock,
            demo_pin=s.maintenance.demo_technician_pin if s.demo.enabled else None,
            on_event=self._on_action,
        )

    def _did(self, action: str, **data: object) -> None:
        """Report a panel action (with who did it) to the audit trail."""
        s = self.gate.session
        self._on_action("panel." + action, {"technician": s.technician_id if s else None, **data})

    # --- sign-in ----------------------------------------------------------------------

    def sign_in(self, tech_id: str, pin: str) -> SignInResult:
        """Technician number and PIN (Argon2 and the lockout file: a worker's job)."""
        return self._seen(self.gate.sign_in(tech_id, pin))

    def _seen(self, result: SignInResult) -> SignInResult:
        """A technician in: the sign-in page's word on a dropped change has been read."""
        if result.outcome == SignInOutcome.OK:
            self.unapplied = None
        return result

    def change_not_applied(self, change: str, why: str, technician: str) -> None:
        """The panel signed its technician out (``why``) with a change of service asked
        for and not confirmed (``change``): it is dropped, never made. Said in the log
        (a warning: the 日志 page's 问题) and the audit trail, and kept for the sign-in
        page, in case nobody was there to read it."""
        self.unapplied = Unapplied(change, why)
        log.warning(
            "%s asked on the panel, not confirmed: not applied (signed out: %s)",
            UNAPPLIED_CHANGES[change],
            UNAPPLIED_WHY[why],
        )
        self._on_action(
            "panel.change_not_applied", {"technician": technician, "change": change, "why": why}
        )

    def sign_in_with_card(self, tech_id: str, pin: str) -> SignInResult:
        """Technician card in the reader and its PIN: the card signs a fresh challenge."""
        card = self._b.techcard
        if card is None:
            return SignInResult(SignInOutcome.CARD_REFUSED)
        demo_key = None
        if self._b.settings.demo.enabled and hasattr(card, "public_key_pem"):
            demo_key = card.public_key_pem()  # the demo card's key is made per run
        return self._seen(self.gate.sign_in_with_card(tech_id, pin, card, demo_key))

    def card_removed(self) -> bool:
        """The technician card left its reader: a card session ends (True if one did)."""
        return self.gate.card_removed()

    def sign_out(self) -> None:
        """The technician leaves the panel."""
        self.gate.sign_out()

    def snapshot(self) -> Snapshot:
        """Devices, queue depth, dead or failing records, failed print jobs, sync errors."""
        b = self._b
        now = b.clock()
        records = b.outbox.list(frozenset({RecordState.DEAD, RecordState.FAILED}), limit=50)
        lines = tuple(
            RecordLine(
                str(r.id),
                r.kind.value,
                r.tracking_number,
                r.state.value,
                r.attempts,
                r.created_at.isoformat(timespec="seconds"),
                r.last_error,
            )
            for r in records
        )
        failed = b.printing.failed_jobs(limit=50)
        latest = b.printing.recent_jobs(limit=RECENT_JOBS_SHOWN)
        tries = b.printing.attempts(list({j.id: None for j in (*failed, *latest)}))
        # A job that printed and whose reprint then failed has its paper: not among the
        # jobs that did not print (try-out 15, T2: it read 未打印 under 未打印成功).
        jobs = tuple(
            line
            for line in (_job_line(j, tries.get(j.id, [])) for j in failed)
            if line.state != REPRINT_FAILED
        )
        recent = tuple(_job_line(j, tries.get(j.id, [])) for j in latest)
        errors: tuple[SyncProblem, ...] = ()
        online: bool | None = None
        refused = False
        if b.sync is not None:
            errors = collapse_errors(b.sync.recent_errors())[:SYNC_PROBLEMS_SHOWN]
            online = b.sync.online
            refused = b.sync.credentials_refused
        devices = tuple(
            self._health.get(d, DeviceStatusChanged(d, Health.UNKNOWN, "")) for d in Device
        )
        dead_ages = [
            (now - r.created_at).total_seconds() for r in records if r.state == RecordState.DEAD
        ]
        faults = b.audit.last_faults() if b.audit is not None else {}
        problems = tuple(DeviceProblem(d, at, detail) for d, (at, detail) in sorted(faults.items()))
        return Snapshot(
            devices,
            b.outbox.stats(now),
            lines,
            jobs,
            errors,
            online,
            refused,
            max(dead_ages) if dead_ages else None,
            self._last_link,
            self.out_of_service,
            problems,
            self._last_check,
            recent,
            _by_kind(b.outbox.delivered_kinds()),
            _by_kind(b.outbox.waiting_kinds()),
        )

    def print_test_page(self, lang: str) -> PrintResult:
        """Code pages, barcode, QR and a cut: proves the printer end to end."""
        b = self._b
        paper = f"{b.settings.printer.paper_mm}mm"
        data = PrinterTestPageData(b.settings.kiosk.code, b.clock(), __version__, paper)
        result = b.printing.print_document(
            "test_page", printer_test_page(data, lang), personal=False
        )
        self._did("test_page", printed=result.printed)
        return result

    def reprint(self, job_id: str) -> PrintResult:
        """Print a failed job again."""
        result = self._b.printing.reprint(job_id, asked_by=AskedBy.TECHNICIAN)
        # The slip as people name it beside the job's id: the audit page said only
        # "打印任务：e849…", which no complaint about a receipt can be matched with
        # (try-out 15, K3). A tracking number or a ticket's number: nothing personal.
        info = self._b.printing.job(job_id)
        named: dict[str, object] = {}
        if info is not None and info.tracking_number:
            named["tracking_number"] = info.tracking_number
        elif info is not None and info.label:
            named["slip_label"] = info.label
        # A job that never came out printed now is no copy: panel.print_again, as the
        # panel's 打印任务 says 技术员重新打印 (try-out 20, T1 follow-up: the console
        # read 补打凭条 for it); panel.reprint stays a real copy's.
        self._did(
            "reprint" if result.copy else "print_again", job=job_id, **named, printed=result.printed
        )
        return result

    def requeue(self, record_id: str) -> int:
        """Give one dead record another chance (after the cause was fixed)."""
        n = self.resend_dead(record_id)
        self._did("requeue", record=record_id, records=n)
        return n

    def requeue_all(self) -> int:
        """Every dead record gets another chance; returns how many."""
        n = self.resend_dead()
        self._did("requeue_all", records=n)
        return n

    def test_card(self) -> DeviceTest:
        """Ask the reader what it sees (lay any card on it first)."""
        st = self._b.card.status()
        ok = st.value in ("no_card", "card_present")
        self._did("test_card", status=st.value)
        return DeviceTest("card", ok, f"card.{st.value}")

    def test_idcard(self) -> DeviceTest:
        """Ask the resident-ID reader's security module for its self-check (SAM status),
        then report the reader's state and SAM id as the devices page words them."""
        reader = self._b.idcard
        if reader is None:
            return DeviceTest("idcard", False, "idcard.none")
        check = getattr(reader, "sam_status", None)  # the serial reader has one; an SDK may not
        outcome = check().value if check is not None else None
        state = reader.status()
        sam = reader.sam_id()
        ok = outcome in (None, "ok") and state.value == "ready"
        detail = idcard_code(reader) + (f" SAM {sam}" if sam else "")
        if not reader.photo_available():
            detail += " photo not available"  # said here, not glued to a fault (T2)
        self._did("test_idcard", outcome=outcome, status=state.value)
        return DeviceTest("idcard", ok, detail)

    def test_storage(self) -> DeviceTest:
        """Write, read back and delete a probe record where records are kept, and read
        the free space: the data disk works end to end, not just "has room"."""
        b = self._b
        reading = b.storage.read()
        try:
            written = b.outbox.probe()
        except Exception as exc:  # full disk, read-only file system, a damaged file
            log.warning("storage test failed: %s", type(exc).__name__)
            written = False
        detail = reading.detail if written else "storage.probe_failed"
        ok = written and reading.health is not Health.FAULT
        self._did("test_storage", written=written, space=reading.detail)
        return DeviceTest("storage", ok, detail)

    def test_scanner(self) -> DeviceTest:
        """Wait for a code held up to the camera (the test page's QR will do)."""
        b = self._b
        got: list[str] = []
        seen = threading.Event()

        def on_code(result: ScanResult) -> None:
            got.append(result.text or "")
            seen.set()

        b.scanner.stop()  # a citizen screen's listener must not take the code
        b.scanner.start(on_code, None)
        blind = False
        try:
            # A camera still without a picture after NO_PICTURE_S cannot read any code:
            # say so then, not "no code read" after 15 s (try-out 9, T1: the test blamed
            # the missing QR code while the camera's cable was out).
            waited = 0.0
            while waited < SCAN_WAIT_S and not seen.wait(SCAN_STEP_S):
                waited += SCAN_STEP_S
                if waited >= NO_PICTURE_S and b.scanner.status().picture_lost:
                    blind = True
                    break
            blind = blind or (not got and b.scanner.status().picture_lost)
        finally:
            b.scanner.stop()
        if b.supervisor is not None:
            b.supervisor.poke()  # the devices page follows what the test found
        # The code's length only: a citizen's code held up by mistake is not copied anywhere.
        detail = f"{len(got[0])}" if got else ("scanner.no_picture" if blind else "")
        self._did("test_scanner", read=bool(got), picture=not blind)
        return DeviceTest("scanner", bool(got), detail)

    def test_speech(self, lang: str) -> DeviceTest:
        """Speak a fixed line through the kiosk's speaker."""
        voice = self._b.voice
        if voice is None:
            return DeviceTest("speech", False, "speech.none")
        line = "这是语音测试。" if lang == "zh" else "This is a speech test."
        voice.say(line, lang, public=(line,))
        st = voice.player_status()
        self._did("test_speech", status=st.value)
        return DeviceTest("speech", st.value == "ready", f"speech.{st.value}")

    def check_link(self) -> LinkCheck:
        """One request to the platform: latency and the platform's clock against ours."""
        b = self._b
        now = b.clock()
        sync = b.sync
        if sync is None:
            result = LinkCheck(False, None, None, now.isoformat(timespec="seconds"), "no link")
        else:
            result = _probe(sync.config, now)
        if result.ok:
            self._last_link = result
        self._last_check = result
        self._did("check_link", ok=result.ok)
        return result

    def log_entries(
        self, problems_only: bool, n: int = LOG_ENTRIES_SHOWN, *, asked: bool = True
    ) -> list[LogEntry]:
        """The newest log entries, repeats collapsed, redacted; with ``problems_only``
        warnings and errors only. ``asked``: the technician asked for this view (the
        audit records it); a redraw of a page already open reads again unrecorded, or
        one tap was recorded twice in the same second (try-out 8, K5)."""
        path = self._b.paths.logs / "kiosk.jsonl"
        entries = read_log(path, problems_only=problems_only, limit=n)
        if asked:
            self._did("view_logs", problems_only=problems_only)
        return [self._with_job(e) for e in entries]

    def _with_job(self, e: LogEntry) -> LogEntry:
        """A line naming a print job by its id, with the job as the 打印任务 page names it
        (申请回执 · M001-…): the id alone matched nothing a technician can see."""
        job_id = e.field("job")
        info = self._b.printing.job(job_id) if job_id else None
        if info is None:
            return e
        return replace(e, job=(info.kind, info.label or "", info.tracking_number or ""))

    def set_out_of_service(self, on: bool) -> bool:
        """Citizens see 暂停服务 (True) or the kiosk serves again (False)."""
        self.out_of_service = on
        if on:
            self._oos_flag.write_text(
                self._b.clock().isoformat(timespec="seconds") + "\n", encoding="utf-8"
            )
        else:
            self._oos_flag.unlink(missing_ok=True)
        self._suspend(on)
        self._did("out_of_service" if on else "back_in_service")
        if self._b.sync is not None:
            self._b.sync.send_heartbeat_soon()  # the console sees it now, not in a minute
        return on

    def resend_dead(self, record_id: str | None = None) -> int:
        """Send dead records again: the one named by ``record_id``, or every dead one.

        For the maintenance panel's "send again" / "send all again" buttons, after the
        cause was fixed (e.g. the platform's catalog or this kiosk's credentials). Each
        record goes back to ``pending`` with its attempt count reset and keeps its id,
        so the platform still stores it at most once (the id is the idempotency key).
        A record that is not dead (already delivered, or re-sent meanwhile) is left
        alone. The sync agent is woken and tries at once, even during a backoff.
        Blocks on the disk: call it from a worker thread. Returns how many records
        were put back in the queue.
        """
        rid = uuid.UUID(record_id) if record_id is not None else None
        return resend_dead(self._b.outbox, self._b.clock(), rid, self._b.sync)

    def restart_devices(self) -> tuple[DeviceRestart, ...]:
        """Stop and start the card reader and camera (what a technician would unplug),
        then read each one again: what happened, per device."""
        b = self._b
        b.scanner.stop()  # the camera starts again when a screen needs it
        b.card.stop()
        b.card.start(b.on_card_event)
        out: list[DeviceRestart] = []
        for device in (Device.CARD, Device.SCANNER):
            reading = b.supervisor.read(device) if b.supervisor is not None else None
            health, detail = reading if reading is not None else (Health.UNKNOWN, "")
            out.append(DeviceRestart(device.value, health.value, detail))
        if b.supervisor is not None:
            b.supervisor.poke()
        self._did("restart_devices", **{r.device: r.health for r in out})
        return tuple(out)

    def export_diagnostics(self) -> Path:
        """One archive on the removable drive: logs, public config, versions, states.

        Raises :class:`~kiosk.diagnostics.NoDriveError` when no drive is mounted.
        """
        b = self._b
        target = find_drive(b.settings.maintenance.export_dir)
        path = target / archive_name(b.settings.kiosk.code, b.clock())
        snap = self.snapshot()
        status = {
            "kiosk": b.settings.kiosk.code,
            "version": __version__,
            "at": b.clock().isoformat(),
            "online": snap.online,
            "devices": {d.device.value: [d.health.value, d.detail] for d in snap.devices},
            "outbox": asdict(snap.outbox),
            "problem_records": [asdict(r) for r in snap.problem_records],
            "failed_jobs": [asdict(j) for j in snap.failed_jobs],
            "sync_errors": [asdict(e) for e in snap.sync_errors],
        }
        logs = sorted(b.paths.logs.glob("kiosk.jsonl*"))
        write_archive(path, status=status, config=b.settings.model_dump(), log_files=logs)
        log.info("diagnostics exported to %s", path.name)
        self._did("export_diagnostics", archive=path.name)
        return path


def _probe(config: object, now: dt.datetime) -> LinkCheck:
    """GET /v1/capabilities with the sync agent's TLS settings; time it, read the Date."""
    from kiosk.sync.config import SyncConfig
    from kiosk.sync.http import build_session
    from kiosk.sync.link_words import cause_of

    assert isinstance(config, SyncConfig)
    at = now.isoformat(timespec="seconds")
    session = build_session(config)
    try:
        t0 = time.perf_counter()
        resp = session.get(
            config.base_url.rstrip("/") + "/v1/capabilities",
            timeout=(config.connect_timeout_s, config.read_timeout_s),
            headers={"X-Kiosk-Id": config.kiosk_id},
        )
        latency = (time.perf_counter() - t0) * 1000
    except Exception as exc:  # any network failure is a result here, not a crash
        # Why, as the log says it (kiosk/sync/link_words.py), not the exception's class:
        # the page read "连接失败：ConnectionError" beside a log in words (try-out 15, T3).
        return LinkCheck(False, None, None, at, cause_of(exc))
    finally:
        session.close()
    offset = None
    date = resp.headers.get("Date")
    if date:
        try:
            offset = (
                # Against the kiosk's clock (the demo's hall clock: kiosk/hall_clock.py).
                email.utils.parsedate_to_datetime(date) - (now + dt.timedelta(milliseconds=latency))
            ).total_seconds()
        except (TypeError, ValueError):
            offset = None
    ok = resp.status_code < 400
    return LinkCheck(ok, round(latency, 1), offset, at, None if ok else f"HTTP {resp.status_code}")


def collapse_errors(errors: list[SyncError]) -> tuple[SyncProblem, ...]:
    """The agent's errors (oldest first) as problems: one per kind (what was tried, what
    came back), with how often and the first and last time; the latest first. A staff
    call's failed upload is not a rating's: the record's kind is part of what was tried."""
    seen: dict[tuple[str, str, int | None, bool, str | None], SyncProblem] = {}
    for e in errors:
        kind = e.record_kind.value if e.record_kind is not None else None
        key = (e.operation, e.message, e.status, e.retryable, kind)
        at = e.at.isoformat(timespec="seconds")
        was = seen.pop(key, None)  # popped: re-inserted last, as the latest
        seen[key] = SyncProblem(
            e.operation,
            e.message,
            e.status,
            e.retryable,
            (was.count if was else 0) + 1,
            was.first_at if was else at,
            at,
            kind,
        )
    return tuple(reversed(seen.values()))


# A JobLine's state for a job that printed once and whose latest reprint did not: the
# job's own row keeps only its latest attempt, and a failed 补打 turned a receipt that had
# printed into 未打印 (try-out 15, T2). Its paper exists; the reprint's failure is its
# own line under it.
REPRINT_FAILED = "reprint_failed"


def _job_state(j: PrintJobInfo, tries: list[PrintAttempt]) -> str:
    earlier = tries[:-1]
    if j.state is JobState.FAILED and any(t.state is JobState.DONE for t in earlier):
        return REPRINT_FAILED
    return j.state.value


def _job_line(j: PrintJobInfo, tries: list[PrintAttempt]) -> JobLine:
    return JobLine(
        j.id,
        j.kind,
        j.tracking_number,
        _job_state(j, tries),
        j.reason,
        j.attempts,
        # When it was first printed: the row's place and name, which a reprint (one
        # more of its tries, listed under it) does not change (try-out 10, T2).
        (tries[0].started_at if tries else j.created_at).isoformat(timespec="seconds"),
        j.label,
        tuple(
            JobTry(
                t.n,
                t.started_at.isoformat(timespec="seconds"),
                t.state.value,
                t.reason,
                t.asked_by,
                paper_may_exist(e.state for e in tries[:k]),
            )
            for k, t in enumerate(tries)
        ),
        paper_may_exist([*(t.state for t in tries), j.state]),
    )
