"""The running kiosk's audit trail: what goes in, and its copy travelling to the platform.

Each entry is appended to the local chain (kiosk/audit/chain.py) first, then put
in the outbox as an ``audit`` record, so it reaches the platform exactly once
like a submission (the record id is the idempotency key). A small marker file
remembers the last entry handed to the outbox; after a crash between the two
writes, :meth:`AuditTrail.catch_up` finds the entries the outbox does not hold yet
(looking the newest audit record up by its ``AUDIT-<kiosk>-<seq>`` label) and
enqueues only those.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.audit.chain import AuditLog, load_or_create_key
from kiosk.events import Device, DeviceStatusChanged, Event, Health
from offline_cache.outbox_protocol import Outbox, RecordKind, RecordState

log = logging.getLogger(__name__)

ALL_STATES = frozenset(RecordState)
LOOK_BACK = 50  # newest outbox records searched for the last shipped entry after a crash


def label(kiosk: str, seq: int) -> str:
    """The outbox record's label (its ``tracking_number`` field) for entry ``seq``."""
    return f"AUDIT-{kiosk}-{seq:08d}"


class AuditTrail:
    """Record events durably and ship them; one per kiosk process."""

    def __init__(
        self,
        directory: Path,
        key_path: Path,
        kiosk: str,
        clock: Callable[[], Any],
        outbox: Outbox,
        on_enqueued: Callable[[], None] = lambda: None,
        outbox_clock: Callable[[], Any] | None = None,
    ) -> None:
        self._kiosk = kiosk
        self._outbox = outbox
        self._clock = clock
        # The outbox's records are all stamped by one clock, the kiosk's (under the demo the
        # hall's): the panel ages them against it. An audit record stamped in real time
        # showed "最早待发送 29.0 h" seconds after it was made (try-out 15, T1); the
        # entry itself keeps the real time (its "at").
        self._outbox_clock = outbox_clock or clock
        self._on_enqueued = on_enqueued  # wakes the sync agent
        created = not key_path.exists()
        key = load_or_create_key(key_path)
        self._marker = directory / "shipped"
        self.log = AuditLog(directory / "audit.jsonl", key, kiosk, clock, ship=self._ship)
        self._health: dict[Device, Health] = {}
        # Each device's last fault as recorded here (time, detail): the maintenance
        # panel's "last problem". Read from the chain on first use, then kept up to date.
        self._faults: dict[str, tuple[str, str]] | None = None
        self._faults_lock = threading.Lock()
        self.catch_up()
        if created:
            self.record("key.created", {"key": "audit", "file": key_path.name})

    # --- recording ---------------------------------------------------------------------

    def record(self, kind: str, data: dict[str, object]) -> None:
        """Append one entry (blocking: disk and outbox; never the GUI thread)."""
        try:
            self.log.append(kind, data)
        except Exception:
            # The trail must never take the kiosk down; the gap shows up in verify.
            log.exception("audit entry %s could not be written", kind)

    def config_loaded(self, public_config: dict[str, Any]) -> None:
        """The configuration in force, by digest (what changed shows in diagnostics)."""
        blob = json.dumps(public_config, sort_keys=True, default=str).encode()
        self.record("config.loaded", {"sha256": hashlib.sha256(blob).hexdigest()})

    def on_event(self, event: Event) -> None:
        """Device faults and recoveries, from the event bus."""
        if not isinstance(event, DeviceStatusChanged):
            return
        before = self._health.get(event.device)
        self._health[event.device] = event.health
        if event.health == Health.FAULT and before != Health.FAULT:
            self.record("device.fault", {"device": event.device.value, "detail": event.detail})
            with self._faults_lock:
                if self._faults is not None:
                    self._faults[event.device.value] = (self._clock().isoformat(), event.detail)
        elif before == Health.FAULT and event.health != Health.FAULT:
            self.record("device.recovered", {"device": event.device.value})

    def last_faults(self) -> dict[str, tuple[str, str]]:
        """Per device, its newest ``device.fault`` entry: (ISO time, detail). The first
        call reads the chain (blocking: a worker's job); later ones are kept current."""
        with self._faults_lock:
            return dict(self._read_faults())

    def _read_faults(self) -> dict[str, tuple[str, str]]:
        if self._faults is None:
            found: dict[str, tuple[str, str]] = {}
            try:
                entries = self.log.entries_after(0)
            except OSError:
                entries = []
            for e in entries:
                data = e.get("data")
                if e.get("kind") == "device.fault" and isinstance(data, dict):
                    at, detail = str(e.get("at", "")), str(data.get("detail", ""))
                    found[str(data.get("device"))] = (at, detail)
            self._faults = found
        return self._faults

    # --- shipping ------------------------------------------------------------------------

    def _ship(self, entry: dict[str, Any]) -> None:
        payload = json.dumps(entry, ensure_ascii=False, sort_keys=True).encode("utf-8")
        self._outbox.enqueue(
            RecordKind.AUDIT, payload, label(self._kiosk, entry["seq"]), self._outbox_clock()
        )
        self._mark(int(entry["seq"]))
        self._on_enqueued()

    def _mark(self, seq: int) -> None:
        tmp = self._marker.with_suffix(".tmp")
        with open(tmp, "w", encoding="ascii") as fh:
            fh.write(str(seq))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self._marker)

    def _shipped(self) -> int:
        try:
            marked = int(self._marker.read_text(encoding="ascii"))
        except (FileNotFoundError, ValueError):
            marked = 0
        # A crash between enqueue and marker: the outbox is the truth for what follows.
        newest = self._outbox.list(ALL_STATES, limit=LOOK_BACK)
        prefix = f"AUDIT-{self._kiosk}-"
        for rec in newest:
            tn = rec.tracking_number or ""
            if rec.kind == RecordKind.AUDIT and tn.startswith(prefix):
                marked = max(marked, int(tn[len(prefix) :]))
        return marked

    def catch_up(self) -> int:
        """Enqueue entries written but not yet in the outbox; returns how many."""
        shipped = self._shipped()
        missing = [e for e in self.log.entries_after(shipped)] if self.log.seq > shipped else []
        for entry in missing:
            self._ship(entry)
        if missing:
            log.info("audit: %d entries queued for the platform after a restart", len(missing))
        return len(missing)
