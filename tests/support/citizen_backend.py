"""A backend for the track/appointment/feedback services built from the real parts
that run without hardware: in-memory outbox and caches, the simulated printer with
the real print-job store, the simulated scanner, real Ed25519 keys — plus a status
agent that answers like :class:`kiosk.sync.SyncAgent` (online or offline at will).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from drivers.printer.simulator import SimulatedPrinter
from drivers.scanner.simulator import SimulatedScanner
from kiosk.payloads import ReceiptSigner, VerificationKeys
from kiosk.payloads.keys import public_key_text
from kiosk.printing import PrintService
from kiosk.sync.agent import LookupProof, StatusOutcome, StatusResult
from kiosk.tracking import TrackingNumber, TrackingNumberMinter
from offline_cache.memory_caches import MemorySequences, MemoryStatusCache
from offline_cache.memory_outbox import MemoryOutbox
from offline_cache.print_jobs import PrintJobStore

KIOSK = "A7H3"


class FakeStatusAgent:
    """Answers status requests from a dict, or as an unreachable platform would.

    Like the real agent it answers on its own thread, after the request, and like
    the platform it answers only a holder: a receipt code for that number, or the
    last 4 characters of the ID number in :attr:`id_last4`; a bare number or a wrong
    proof gets NOT_FOUND. Offline, the cached copy is not this fake's business.
    """

    def __init__(self, clock: Callable[[], dt.datetime]) -> None:
        self.online = True
        self.statuses: dict[str, dict[str, Any]] = {}
        self.id_last4: dict[str, str] = {}
        self.asked: list[tuple[str, LookupProof | None]] = []
        self.silent = False  # never answers (a hung platform)
        self.wakes = 0
        self.watched_calls: dict[Any, Callable[[Any], None]] = {}
        self.heartbeats_asked = 0
        self._clock = clock
        self._listeners: list[Callable[[StatusResult], None]] = []

    def add_status_listener(self, cb: Callable[[StatusResult], None]) -> None:
        self._listeners.append(cb)

    def wake(self) -> None:
        self.wakes += 1

    def watch_staff_call(self, call_id: Any, on_acknowledged: Callable[[Any], None]) -> None:
        self.watched_calls[call_id] = on_acknowledged

    def unwatch_staff_calls(self, call_ids: list[Any]) -> None:
        for call_id in call_ids:
            self.watched_calls.pop(call_id, None)

    def send_heartbeat_soon(self) -> None:
        self.heartbeats_asked += 1

    def _holds(self, tracking_number: str, proof: LookupProof | None) -> bool:
        if proof is None:
            return False
        if proof.no_identity:
            # As the platform: a proof-less look-up is answered for a complaint alone.
            return self.statuses[tracking_number].get("kind") == "complaint"
        if proof.receipt_code is not None:
            compact = tracking_number.replace("-", "")
            return proof.receipt_code.split(".")[1:2] == [compact]
        return self.id_last4.get(tracking_number) == proof.id_last4

    def request_status(self, tracking_number: str, proof: LookupProof | None = None) -> None:
        self.asked.append((tracking_number, proof))
        if self.silent:
            return
        if not self.online:
            result = StatusResult(tracking_number, StatusOutcome.OFFLINE, None, None, True)
        elif tracking_number in self.statuses and self._holds(tracking_number, proof):
            result = StatusResult(
                tracking_number,
                StatusOutcome.FOUND,
                self.statuses[tracking_number],
                self._clock(),
                False,
            )
        else:
            result = StatusResult(tracking_number, StatusOutcome.NOT_FOUND, None, None, False)

        def answer() -> None:
            for cb in self._listeners:
                cb(result)

        t = threading.Thread(target=answer, daemon=True)
        t.start()
        t.join()


@dataclass
class CitizenBackend:
    """Duck-types the parts of :class:`kiosk.backend.Backend` the services read."""

    outbox: MemoryOutbox
    status_cache: MemoryStatusCache
    sequences: MemorySequences
    tracking: TrackingNumberMinter
    printer: SimulatedPrinter
    printing: PrintService
    scanner: SimulatedScanner
    receipt_signer: ReceiptSigner
    verification_keys: VerificationKeys
    sync: Any = None
    printed_dir: Path = field(default_factory=Path)

    def close(self) -> None:
        """Stop the scanner and close the print-job store (its database's descriptors)."""
        self.scanner.stop()
        self.printing.close()

    def records(self) -> list[dict[str, Any]]:
        """Every outbox record, oldest first, with its decoded payload."""
        out = []
        for r in reversed(self.outbox.list(limit=10_000)):
            body = json.loads(r.payload or b"{}")
            out.append({"kind": r.kind.value, "tracking_number": r.tracking_number, **body})
        return out


def make_backend(tmp: Path, clock: Callable[[], dt.datetime]) -> CitizenBackend:
    """A fresh backend under ``tmp``."""
    key = Ed25519PrivateKey.generate()
    keys = VerificationKeys.from_config(receipt={f"{KIOSK}.1": public_key_text(key)})
    printer = SimulatedPrinter(tmp / "printed")
    store = PrintJobStore(tmp / "print_jobs.sqlite3", os.urandom(32))
    return CitizenBackend(
        outbox=MemoryOutbox(),
        status_cache=MemoryStatusCache(),
        sequences=MemorySequences(),
        tracking=TrackingNumberMinter(KIOSK, MemorySequences()),
        printer=printer,
        printing=PrintService(printer, store, clock),
        scanner=SimulatedScanner(latency_s=0.0),
        receipt_signer=ReceiptSigner(KIOSK, key),
        verification_keys=keys,
        sync=FakeStatusAgent(clock),
        printed_dir=tmp / "printed",
    )


def platform_status(tn: str, statuses: list[tuple[str, str]], service_id: str) -> dict[str, Any]:
    """A status document as the reference platform serves it."""
    return {
        "tracking_number": tn,
        "kind": "application",
        "service_id": service_id,
        "status": statuses[-1][0],
        "final": statuses[-1][0] in ("completed", "rejected"),
        "timeline": [
            {"status": s, "at": at, "note": {"zh": f"{s} 说明", "en": f"{s} note"}}
            for s, at in statuses
        ],
    }


def tracking_number(day: dt.date, seq: int = 42) -> TrackingNumber:
    """A valid number from the test kiosk."""
    return TrackingNumber(KIOSK, day, seq)
