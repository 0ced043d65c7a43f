"""What a technician can see and do at the kiosk (the maintenance panel's back end).

Every method blocks (disk, devices, network) and is meant for a worker thread.
Nothing here returns personal data: records are listed by kind, tracking number,
state and reason; print jobs by kind and tracking number.
"""

from __future__ import annotations

import hmac
import logging
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from kiosk import __version__
from kiosk.backend import Backend
from kiosk.diagnostics import archive_name, find_drive, write_archive
from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.printing import PrintResult
from kiosk.receipts.data import PrinterTestPageData
from kiosk.receipts.templates import printer_test_page
from offline_cache.outbox_protocol import OutboxStats, RecordState

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
class JobLine:
    """One print job that did not come out."""

    id: str
    kind: str
    tracking_number: str | None
    state: str
    reason: str | None
    attempts: int


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything the panel shows at once."""

    devices: tuple[DeviceStatusChanged, ...]
    outbox: OutboxStats
    problem_records: tuple[RecordLine, ...]
    failed_jobs: tuple[JobLine, ...]
    sync_errors: tuple[str, ...]
    online: bool | None
    # The platform refused this kiosk's certificate or token (401/403): records wait.
    credentials_refused: bool = False


class Maintenance:
    """Technician operations over the backend."""

    def __init__(self, backend: Backend, health: dict[Device, DeviceStatusChanged]) -> None:
        self._b = backend
        self._health = health

    def check_pin(self, pin: str) -> bool:
        """Constant-time PIN comparison."""
        return hmac.compare_digest(pin.encode(), self._b.settings.maintenance.pin.encode())

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
        jobs = tuple(
            JobLine(j.id, j.kind, j.tracking_number, j.state.value, j.reason, j.attempts)
            for j in b.printing.failed_jobs(limit=50)
        )
        errors: tuple[str, ...] = ()
        online: bool | None = None
        refused = False
        if b.sync is not None:
            errors = tuple(str(e) for e in b.sync.recent_errors()[-10:])
            online = b.sync.online
            refused = b.sync.credentials_refused
        devices = tuple(
            self._health.get(d, DeviceStatusChanged(d, Health.UNKNOWN, "")) for d in Device
        )
        return Snapshot(devices, b.outbox.stats(now), lines, jobs, errors, online, refused)

    def print_test_page(self, lang: str) -> PrintResult:
        """Code pages, barcode, QR and a cut: proves the printer end to end."""
        b = self._b
        paper = f"{b.settings.printer.paper_mm}mm"
        data = PrinterTestPageData(b.settings.kiosk.code, b.clock(), __version__, paper)
        return b.printing.print_document("test_page", printer_test_page(data, lang), personal=False)

    def reprint(self, job_id: str) -> PrintResult:
        """Print a failed job again."""
        return self._b.printing.reprint(job_id)

    def requeue(self, record_id: str) -> None:
        """Give a dead record another chance (after the cause was fixed)."""
        self._b.outbox.requeue(uuid.UUID(record_id), self._b.clock())
        if self._b.sync is not None:
            self._b.sync.wake()

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
        b = self._b
        now = b.clock()
        dead = frozenset({RecordState.DEAD})
        if record_id is not None:
            rec = b.outbox.get(uuid.UUID(record_id))
            ids = [rec.id] if rec is not None and rec.state is RecordState.DEAD else []
            for rid in ids:
                b.outbox.requeue(rid, now)
        else:
            ids = []
            # list() pages newest first; a re-sent record leaves the dead set.
            while batch := [r.id for r in b.outbox.list(dead, limit=500) if r.id not in ids]:
                for rid in batch:
                    b.outbox.requeue(rid, now)
                ids.extend(batch)
        if ids:
            log.info("maintenance: %d dead record(s) queued again", len(ids))
            if b.sync is not None:
                b.sync.retry_now()
        return len(ids)

    def restart_devices(self) -> None:
        """Stop and start the card reader and camera (what a technician would unplug)."""
        b = self._b
        b.scanner.stop()
        b.card.stop()
        b.card.start(b.on_card_event)
        if b.supervisor is not None:
            b.supervisor.poke()

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
            "sync_errors": list(snap.sync_errors),
        }
        logs = sorted(b.paths.logs.glob("kiosk.jsonl*"))
        write_archive(path, status=status, config=b.settings.model_dump(), log_files=logs)
        log.info("diagnostics exported to %s", path.name)
        return path
