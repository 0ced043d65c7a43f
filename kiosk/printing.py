"""The print service: durable receipts that are never silently lost.

Order of events for every receipt:

1. the rendered document is stored as a job (one durable SQLite commit);
2. the job is marked ``printing`` and sent to the printer, which checks its
   status first and confirms afterwards that the receipt went through;
3. the job is marked ``done`` only on that confirmation; anything else (paper
   out, cover open, offline, connection refused or dropped mid-job, no answer)
   marks it ``failed`` with the reason, and the caller gets
   :attr:`PrintOutcome.SHOW_ON_SCREEN`: the UI shows the receipt's QR code for the
   citizen to photograph and offers a reprint later.

Every method blocks (disk and device I/O): call them from a worker thread via
``kiosk.workers``, never from the GUI thread.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from drivers.printer.document import Align, Document, Separator, Text
from drivers.printer.protocol import Printer
from drivers.printer.types import (
    PAPER_58MM,
    PAPER_80MM,
    PrinterState,
    PrinterStatus,
    SendOutcome,
    profile_named,
)
from kiosk.receipts.strings import LANGS, fmt_datetime, t
from kiosk.session import Clock, utc_now
from kiosk.settings import PrinterSection
from offline_cache.print_jobs import (
    JobState,
    PayloadUnreadableError,
    PrintAttempt,
    PrintJobInfo,
    PrintJobStore,
)

log = logging.getLogger(__name__)

__all__ = [
    "AskedBy",
    "JobKind",
    "JobState",
    "PrintAttempt",
    "PrintJobInfo",
    "PrintOutcome",
    "PrintResult",
    "PrintService",
    "PrinterState",
    "PrinterStatus",
    "printer_from_settings",
]


class AskedBy(StrEnum):
    """Who asked for a print job to be printed again (kept with the attempt: the panel's
    print list names a citizen's 补打 apart from a technician's, try-out 17, T1)."""

    CITIZEN = "citizen"  # their own receipt, from 查询 or the receipt page
    TECHNICIAN = "technician"  # 补打 on the maintenance panel


class JobKind(StrEnum):
    """What a print job is (stored with the job, shown in the maintenance panel)."""

    RECEIPT = "receipt"  # older kiosks' application receipt
    SUBMISSION_RECEIPT = "submission_receipt"  # the application receipt (services/apply.py)
    APPOINTMENT = "appointment"  # a booking slip (services/appointments.py)
    QUEUE_TICKET = "queue_ticket"
    STATUS_SLIP = "status_slip"
    RATING_THANKS = "rating_thanks"
    COMPLAINT_SLIP = "complaint_slip"
    TEST_PAGE = "test_page"
    DAILY_SUMMARY = "daily_summary"


# What a citizen reprints by tracking number and ID number: the application receipt.
RECEIPT_KINDS = frozenset({JobKind.RECEIPT.value, JobKind.SUBMISSION_RECEIPT.value})


class PrintOutcome(StrEnum):
    """What the UI should do after a print request."""

    PRINTED = "printed"  # the printer confirmed the receipt
    SHOW_ON_SCREEN = "show_on_screen"  # not printed: show the QR on screen, reprint later
    # Sent whole, never confirmed: it may be in the tray. The QR is shown too, and the
    # job waits for staff; it is never reprinted automatically (no second copy).
    UNCONFIRMED = "unconfirmed"
    NOT_FOUND = "not_found"  # no such job / tracking number
    NOT_ALLOWED = "not_allowed"  # tracking number and ID number do not belong together


# Message keys for the UI's translation table, per printer state.
_MESSAGE = {
    PrinterState.READY: "print.ok",
    PrinterState.PAPER_NEAR_END: "print.ok",
    PrinterState.PAPER_OUT: "print.failed.paper_out",
    PrinterState.COVER_OPEN: "print.failed.cover_open",
    PrinterState.OFFLINE: "print.failed.offline",
    PrinterState.ERROR: "print.failed.error",
}


@dataclass(frozen=True, slots=True)
class PrintResult:
    """A print or reprint request's result, ready for the UI.

    ``screen_qr`` is the receipt code (the document's first QR payload) to show
    on screen when the paper did not come out; ``message_key`` is a translation key.
    """

    outcome: PrintOutcome
    message_key: str
    job_id: str | None = None
    tracking_number: str | None = None
    printer_state: PrinterState | None = None
    detail: str = ""  # technical reason, for the maintenance panel and logs
    screen_qr: str | None = None
    # A reprint of a job a paper of which may already exist (printed, or sent and never
    # confirmed): a copy, 补打. False for a first paper, also one printed at a later tap
    # after 缺纸: the citizen's page, the panel and the audit name that 重新打印, not 补打
    # (try-out 20, T1). Decided once, here, for every caller.
    copy: bool = False

    @property
    def printed(self) -> bool:
        """True when the receipt came out."""
        return self.outcome is PrintOutcome.PRINTED


def paper_may_exist(states: Iterable[JobState]) -> bool:
    """Whether a job that went through ``states`` may already have a paper (printed, or
    sent and never confirmed): a print of it then is a copy, 补打 (PrintResult.copy);
    else it prints as itself, its first paper. The one rule for the citizen's page, the
    panel's 打印任务 and the audit (try-out 20, T1)."""
    return any(st in (JobState.DONE, JobState.UNCONFIRMED) for st in states)


class PrintService:
    """Prints documents as durable jobs; reprints by job id or tracking number."""

    def __init__(self, printer: Printer, store: PrintJobStore, clock: Clock = utc_now) -> None:
        self._printer = printer
        self._store = store
        self._clock = clock
        self._lock = threading.Lock()
        # Set by the core once the outbox and catalog are there (kiosk/receipt_truth.py):
        # a stored receipt printed again says where its application stands now.
        self.as_of_now: Callable[[PrintJobInfo, Document], Document] | None = None
        # Told each job's tracking number once it printed, and whether that paper was a
        # copy (PrintResult.copy) (kiosk/app.py): a staff call that asked for that receipt
        # says it came out, 补打 only for a copy (try-out 17, K1; try-out 20, T1).
        self.on_printed: Callable[[str | None, bool], None] | None = None
        # The audit trail (kiosk/app.py): a citizen's own reprint is recorded there as a
        # technician's is (try-out 17, T1: only the panel's 补打 was), by its number only.
        self.audit: Callable[[str, dict[str, object]], None] | None = None

    @property
    def printer(self) -> Printer:
        """The printer in use (status polls for the device supervisor)."""
        return self._printer

    def recover(self) -> int:
        """Call once at start-up: jobs a crash left unfinished become failed, reprintable."""
        n = self._store.recover_interrupted(self._clock())
        if n:
            log.warning("%d print job(s) were interrupted by a restart", n)
        return n

    def close(self) -> None:
        """Close the job store (at shutdown; its database stays open until then)."""
        self._store.close()

    def warm_up(self) -> None:
        """Let the printer load its renderer now (a worker, at start-up), not mid-journey."""
        try:
            self._printer.warm_up()
        except Exception:  # the first real receipt will load it, or report the problem
            log.exception("could not prepare the receipt renderer")

    def printer_status(self) -> PrinterStatus:
        """Ask the printer (short timeout)."""
        return self._printer.status()

    def print_document(
        self,
        kind: str,
        doc: Document,
        tracking_number: str | None = None,
        owner_secret: str | None = None,
        personal: bool = True,
        label: str | None = None,
        lang: str | None = None,
        translations: Mapping[str, Document] | None = None,
    ) -> PrintResult:
        """Store ``doc`` as a job, then print it.

        ``owner_secret`` (the citizen's document number) lets the citizen reprint
        later with tracking number + ID; only a keyed hash of it is stored.
        ``personal=False`` stores the payload unencrypted (test page, staff summary).
        ``label`` names a slip that has no tracking number (a queue ticket's A012).
        ``lang`` is the language ``doc`` is in; ``translations`` the same slip in the
        kiosk's other languages, kept with the job (sealed as ``doc`` is) so that a
        citizen's reprint comes out in the language the citizen is using then.
        """
        info = self._store.add(
            kind,
            doc.to_json(),
            tracking_number,
            self._clock(),
            personal,
            owner_secret,
            label,
            _renditions_json(lang, translations or {}) if lang is not None else None,
        )
        return self._run(info.id, doc)

    def reprint(
        self, job_id: str, lang: str | None = None, asked_by: AskedBy | None = None
    ) -> PrintResult:
        """Print a stored job again: as first printed (maintenance panel: ``lang`` None,
        it re-prints the job), or in ``lang`` where the job was kept in it (a citizen's
        reprint, in the language the citizen is using); ``asked_by`` is kept with the
        attempt."""
        try:
            job = self._store.get(job_id)
        except PayloadUnreadableError:
            log.error("print job %s cannot be decrypted", job_id)
            return PrintResult(PrintOutcome.NOT_FOUND, "print.not_found", job_id=job_id)
        if job is None:
            return PrintResult(PrintOutcome.NOT_FOUND, "print.not_found", job_id=job_id)
        doc, doc_lang = self._in_language(job_id, Document.from_json(job.payload), lang)
        if self.as_of_now is not None:
            doc = self.as_of_now(job.info, doc)
        copy = self._printed_before(job.id)
        if copy:
            doc = marked_reprint(doc, self._clock(), doc_lang)
        return dataclasses.replace(self._run(job.id, doc, asked_by, copy), copy=copy)

    def _in_language(
        self, job_id: str, doc: Document, lang: str | None
    ) -> tuple[Document, str | None]:
        """The job's slip in ``lang`` when it was kept in it, else as printed; with the
        language of what is returned (None: not known, a job stored before renditions)."""
        try:
            raw = self._store.renditions(job_id)
            printed, others = _renditions_from(raw) if raw is not None else (None, {})
        except (PayloadUnreadableError, ValueError):
            # The stored paper itself still prints: better in its language than nothing.
            log.exception("renditions of print job %s cannot be read", job_id)
            return doc, None
        if lang is not None and lang != printed and lang in others:
            return others[lang], lang
        return doc, printed

    def _printed_before(self, job_id: str) -> bool:
        """Whether a paper of this job may already exist: :func:`paper_may_exist` of its
        tries and its state."""
        info = self._store.get_info(job_id)
        tries = self._store.attempts([job_id]).get(job_id, [])
        states = [t.state for t in tries] + ([info.state] if info is not None else [])
        return paper_may_exist(states)

    def reprint_by_tracking_number(
        self, tracking_number: str, owner_secret: str | None, lang: str | None = None
    ) -> PrintResult:
        """Reprint the newest receipt for a tracking number, in ``lang`` (the citizen's
        language now) where it was kept in it.

        A citizen must give the ID number the receipt was printed for
        (``owner_secret``); pass None only from the staff-authenticated panel.
        """
        # The receipt, not the newest slip of any kind: a progress slip printed since
        # has no owner to match, and the right ID number was refused as not matching.
        info = self._store.latest_for_tracking(tracking_number.strip(), RECEIPT_KINDS)
        if info is None:
            return PrintResult(PrintOutcome.NOT_FOUND, "print.not_found")
        if owner_secret is not None and not self._store.owner_matches(info.id, owner_secret):
            return PrintResult(PrintOutcome.NOT_ALLOWED, "print.not_allowed")
        if owner_secret is None:
            return self.reprint(info.id, lang, AskedBy.TECHNICIAN)
        result = self.reprint(info.id, lang, AskedBy.CITIZEN)
        if self.audit is not None:
            # The tracking number and the job: nothing of the citizen's (the ID typed
            # stays in this call).
            data: dict[str, object] = {"job": info.id, "printed": result.printed}
            # A copy (补打) only where a paper may already exist; the receipt that never
            # came out (paper out), printed at the citizen's tap, is their 重新打印回执, as
            # the receipt page's button and the panel's 打印任务 name it (try-out 20, T1).
            kind = "citizen.reprint" if result.copy else "citizen.print_again"
            self.audit(kind, {"tracking_number": info.tracking_number, **data})
        return result

    def receipt_copy_next(self, tracking_number: str) -> bool:
        """Whether the citizen's print now of the newest receipt for ``tracking_number``
        (:meth:`reprint_by_tracking_number`) would be a copy, PrintResult.copy's rule: its
        page then says 补打回执, else 打印回执 (try-out 20, T1 follow-up). True where this
        kiosk has none (printed elsewhere, or gone). Blocking: the disk."""
        info = self._store.latest_for_tracking(tracking_number.strip(), RECEIPT_KINDS)
        return info is None or self._printed_before(info.id)

    def receipt_not_printed(self, tracking_number: str) -> bool:
        """Whether the newest receipt for ``tracking_number`` surely did not print (its
        last try failed): a staff call from that citizen asks for its reprint."""
        info = self._store.latest_for_tracking(tracking_number.strip(), RECEIPT_KINDS)
        return info is not None and info.state is JobState.FAILED

    def retract_uncollected(self) -> bool:
        """Session over: pull a presented receipt back in if the printer can (presenter).

        Receipts carry masked personal data; on a presenter model nothing is left in the
        tray for the next person. Blocks briefly: call on a worker.
        """
        with self._lock:
            if not self._presented:
                return False
            self._presented = False
        retract = getattr(self._printer, "retract", None)
        try:
            return bool(retract()) if callable(retract) else False
        except Exception:  # the printer's problem is reported by its status, not here
            log.exception("could not retract the receipt")
            return False

    _presented = False

    def reprint_when_paper_returns(
        self,
        job_id: str,
        citizen_present: Callable[[], bool],
        *,
        poll_s: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> PrintResult:
        """After paper out: reprint ``job_id`` as soon as the printer is ready again,
        while ``citizen_present()`` holds; otherwise leave it queued for staff.

        Call on a worker thread. Only FAILED jobs are reprinted (the driver cleared
        what the printer held, so this is the only copy); an UNCONFIRMED job may be
        in the tray and is left for staff.
        """
        while True:
            info = self._store.get_info(job_id)
            if info is None:
                return PrintResult(PrintOutcome.NOT_FOUND, "print.not_found", job_id=job_id)
            if info.state is not JobState.FAILED:
                outcome = (
                    PrintOutcome.PRINTED
                    if info.state is JobState.DONE
                    else PrintOutcome.UNCONFIRMED
                )
                return PrintResult(outcome, "print.queued_for_staff", job_id, info.tracking_number)
            if not citizen_present():
                log.info("print job %s left for staff: the citizen has gone", job_id)
                return PrintResult(
                    PrintOutcome.SHOW_ON_SCREEN,
                    "print.queued_for_staff",
                    job_id,
                    info.tracking_number,
                )
            if self._printer.status().can_print:
                return self.reprint(job_id)
            sleep(poll_s)

    def purge_printed(self, older_than: dt.datetime) -> int:
        """Retention: forget printed jobs (their masked personal data) older than this."""
        return self._store.purge_done(older_than)

    def failed_jobs(self, limit: int = 100) -> list[PrintJobInfo]:
        """Jobs that did not print, newest first (maintenance panel)."""
        return self._store.failed(limit)

    def recent_jobs(self, limit: int = 20) -> list[PrintJobInfo]:
        """The jobs made last, in every state, newest first (the panel reprints a lost
        receipt). By when each was made, not last printed: a reprint that brought its job
        to the top slid another citizen's 补打 under the technician's finger (try-out 10,
        T2); a reprint is one more try of the same row."""
        return self._store.list_jobs(None, limit)

    def attempts(self, job_ids: list[str]) -> dict[str, list[PrintAttempt]]:
        """Each job's attempts, first to last: when, and how each ended."""
        return self._store.attempts(job_ids)

    def job(self, job_id: str) -> PrintJobInfo | None:
        """One job's metadata."""
        return self._store.get_info(job_id)

    def document(self, job_id: str) -> Document | None:
        """A stored job's document."""
        job = self._store.get(job_id)
        return None if job is None else Document.from_json(job.payload)

    def latest_document(self, tracking_number: str) -> Document | None:
        """The newest document printed for ``tracking_number`` (what is on the citizen's paper)."""
        info = self._store.latest_for_tracking(tracking_number)
        return None if info is None else self.document(info.id)

    def preview_png(self, job_id: str) -> bytes | None:
        """The stored receipt as a PNG laid out for this printer's paper (screen, panel)."""
        from drivers.printer.png_render import render_png

        doc = self.document(job_id)
        return None if doc is None else render_png(doc, self._printer.profile)

    def _run(
        self, job_id: str, doc: Document, asked_by: AskedBy | None = None, copy: bool = False
    ) -> PrintResult:
        with self._lock:
            by = None if asked_by is None else asked_by.value
            info = self._store.mark_printing(job_id, self._clock(), by)
            qr = next(iter(doc.qr_payloads()), None)
            try:
                sent = self._printer.print_document(dataclasses.replace(doc, kind=info.kind))
            except Exception as exc:  # a bug, not a printer condition: keep the job, tell the user
                log.exception("printing job %s failed unexpectedly", job_id)
                self._store.mark_failed(
                    job_id, f"internal error: {type(exc).__name__}", self._clock()
                )
                return PrintResult(
                    PrintOutcome.SHOW_ON_SCREEN,
                    _MESSAGE[PrinterState.ERROR],
                    job_id,
                    info.tracking_number,
                    PrinterState.ERROR,
                    type(exc).__name__,
                    qr,
                )
            state = sent.status.state
            if sent.ok:
                self._store.mark_done(job_id, self._clock())
                self._presented = self._printer.profile.presenter
                if self.on_printed is not None:
                    try:
                        self.on_printed(info.tracking_number, copy)
                    except Exception:  # the paper is out: a listener's bug changes nothing
                        log.exception("print listener failed")
                return PrintResult(
                    PrintOutcome.PRINTED,
                    _MESSAGE[state],
                    job_id,
                    info.tracking_number,
                    state,
                    sent.status.detail,
                )
            reason = f"{sent.outcome.value}: {state.value}: {sent.status.detail}"
            if sent.maybe_printed:
                self._store.mark_unconfirmed(job_id, reason, self._clock())
                log.warning("print job %s sent but not confirmed (%s)", job_id, state.value)
                return PrintResult(
                    PrintOutcome.UNCONFIRMED,
                    "print.unconfirmed",
                    job_id,
                    info.tracking_number,
                    state,
                    sent.status.detail,
                    qr,
                )
            if state.can_print:
                # Refused or cut off while the printer still says "ready".
                state = PrinterState.ERROR
            self._store.mark_failed(job_id, reason, self._clock())
            log.warning(
                "print job %s not printed (%s, %s)", job_id, sent.outcome.value, state.value
            )
            if sent.outcome is SendOutcome.INTERRUPTED:
                log.info("job %s was cut off after %d bytes", job_id, sent.bytes_sent)
            return PrintResult(
                PrintOutcome.SHOW_ON_SCREEN,
                _MESSAGE[state],
                job_id,
                info.tracking_number,
                state,
                sent.status.detail,
                qr,
            )


def printer_from_settings(section: PrinterSection, simulator_dir: Path) -> Printer:
    """Build the configured printer from ``settings.printer``."""
    profile = PAPER_58MM if section.paper_mm == 58 else PAPER_80MM
    if section.profile is not None:
        profile = profile_named(section.profile)
    if section.status is not None:
        profile = dataclasses.replace(profile, status=section.status)
    if section.driver == "simulator":
        from drivers.printer.simulator import SimulatedPrinter

        return SimulatedPrinter(simulator_dir, profile)
    # Imported here: python-escpos, Pillow and NumPy are only needed for a real printer.
    from drivers.printer import escpos_printer as ep
    from drivers.printer.transports import FileConfig, SerialConfig, UsbConfig

    timing = ep.StatusTiming(status_timeout_s=section.status_timeout_s)
    match section.driver:
        case "network":
            return ep.network_printer(section.host, section.port, profile, timing)
        case "usb":
            return ep.printer_from_config(
                UsbConfig(section.usb_vendor, section.usb_product), profile, timing, True
            )
        case "serial":
            return ep.printer_from_config(
                SerialConfig(section.serial_device, section.baudrate), profile, timing, True
            )
        case "file":
            return ep.printer_from_config(FileConfig(section.file_device), profile, timing)
    raise ValueError(f"unknown printer driver {section.driver!r}")


def marked_reprint(doc: Document, at: dt.datetime, lang: str | None = None) -> Document:
    """``doc`` headed 补打 / REPRINT with the time of this copy: a reprint was the original
    byte for byte, and two papers with one tracking number could not be told apart
    (try-out 9, T4). In ``lang``, the slip's own language (every word on the paper in the
    citizen's: try-out 10, C9); both languages where the slip's is not known."""
    if lang in LANGS:
        heading = t("reprint.mark", lang, at=fmt_datetime(at, lang, seconds=True))
    else:
        heading = f"补打 REPRINT {at:%Y-%m-%d %H:%M:%S}"
    mark = Text(heading, align=Align.CENTER, bold=True)
    return Document((mark, Separator(), *doc.blocks), kind=doc.kind)


def _renditions_json(lang: str, translations: Mapping[str, Document]) -> bytes:
    """What the job store keeps beside the payload: its language and the others."""
    docs = {k: json.loads(d.to_json()) for k, d in translations.items() if k != lang}
    return json.dumps({"lang": lang, "docs": docs}, ensure_ascii=False, sort_keys=True).encode()


def _renditions_from(raw: bytes) -> tuple[str | None, dict[str, Document]]:
    """Inverse of :func:`_renditions_json` (ValueError on anything unexpected)."""
    try:
        data = json.loads(raw)
        docs = {str(k): Document.from_json(json.dumps(v).encode()) for k, v in data["docs"].items()}
        lang = data["lang"]
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"malformed renditions: {exc}") from exc
    return (str(lang) if lang is not None else None), docs
