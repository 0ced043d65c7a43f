"""Composition root: builds the core and its devices from settings. No Qt here."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kiosk.bundled_catalog import load_bundled_catalog
from kiosk.catalog import Catalog, parse_catalog
from kiosk.core import KioskCore
from kiosk.daily_maintenance import DailyMaintenance
from kiosk.events import Device, DeviceStatusChanged, EventBus, Health
from kiosk.flow import Screen
from kiosk.hall_clock import HallClock, real_clock
from kiosk.heap import full_collections_held, settle_heap
from kiosk.paths import DataPaths, resolve_paths
from kiosk.services.appointments import TicketKind
from kiosk.services.citizen import session_ticket
from kiosk.services.staff_call import STAFF_CALL_REASON, CallAnswer, StaffCalls, StaffCallState
from kiosk.session import Clock, EndReason, utc_now
from kiosk.settings import Settings
from kiosk.warming import start_up_imports
from kiosk.workers import Executor, ThreadExecutor

if TYPE_CHECKING:
    from kiosk.backend import Backend
    from kiosk.printing import PrintService

log = logging.getLogger(__name__)


@dataclass
class KioskApp:
    """Everything the running kiosk is made of; ``stop`` releases it all."""

    settings: Settings
    paths: DataPaths
    core: KioskCore
    backend: Backend

    warmed_up: threading.Event = field(default_factory=threading.Event)
    # Set by the GUI layer: end the event loop cleanly (the service manager restarts us).
    request_restart: Callable[[], None] = lambda: log.warning("no restart handler installed")
    daily: DailyMaintenance | None = None

    def start(self) -> None:
        """Start network links and warm caches in the background (once the window is up)."""
        self.backend.start()
        self.core.warming.begin()  # before it is queued: the pre-build waits from now on
        self.core.executor.submit(self._warm_up, lambda _none: None, lambda _exc: None)
        d = self.settings.daily
        if d.enabled:
            self.daily = DailyMaintenance(
                at=d.at,
                window=dt.timedelta(minutes=d.window_min),
                restart=d.restart,
                idle=self.idle,
                self_test=self.self_test,
                request_restart=lambda: self.request_restart(),
                clock=self.core.clock,
                state_file=self.paths.root / "daily-maintenance.last",
            )
            self.daily.start()

    def idle(self) -> bool:
        """Nobody is using the kiosk: home screen, no session, no technician."""
        core = self.core
        return core.nav.screen == Screen.HOME and not core.maintenance_mode

    def self_test(self) -> dict[str, str]:
        """Every device probed now, plus the database's own consistency check (blocking)."""
        supervisor = self.backend.supervisor
        if supervisor is not None:
            supervisor.poll_once()
        result = {d.value: self.core.health(d).health.value for d in Device}
        rows = self.backend.db.execute("PRAGMA quick_check")
        result["database"] = "ok" if rows and rows[0][0] == "ok" else "damaged"
        log.info("daily self-test: %s", result)
        return result

    def _warm_up(self) -> None:
        # What the first citizen would otherwise pay for mid-journey, on a worker that
        # holds the interpreter while the GUI thread paints: the pinyin index (~0.5 s of
        # pure Python) and the receipt renderer's libraries and fonts (~0.3 s). The
        # window pre-builds its screens after this (kiosk/warming.py), not beside it.
        from kiosk import voice_guard
        from kiosk.services.pinyin import load_index

        try:
            with full_collections_held():
                try:
                    voice_guard.preload()  # pypinyin's dictionaries, for the voice
                except Exception:  # the voice loads them when it first needs them
                    log.exception("could not preload the pinyin dictionaries")
                load_index()
                self.backend.printing.warm_up()
                # Their objects (~100,000 for the index) are set aside from the cyclic
                # collector before any full collection could walk them.
                settle_heap("warm-up")
        finally:
            self.core.warming.end()
            self.warmed_up.set()

    def stop(self) -> None:
        """Stop workers first (they may still use devices), then devices and stores."""
        if self.daily is not None:
            self.daily.stop()
        self.core.shutdown()
        self.backend.stop()


def build_core(
    settings: Settings,
    *,
    clock: Clock = utc_now,
    executor: Executor | None = None,
    catalog: Catalog | None = None,
) -> KioskCore:
    """The part of the kiosk the first screen needs: sessions, flow, the shipped catalog.

    Cheap to import and build, so the home screen can paint before the devices,
    stores and the platform link (:func:`attach_backend`) are ready.
    """
    from kiosk.heap import tune_allocator

    tune_allocator()  # before the GUI's big allocations (kiosk/heap.py)
    return KioskCore(
        settings,
        clock=clock,
        executor=executor or ThreadExecutor(),
        bus=EventBus(),
        catalog=catalog if catalog is not None else load_bundled_catalog(),
    )


def attach_backend(core: KioskCore, *, keep_catalog: bool = False) -> KioskApp:
    """Open the stores and build the devices for ``core`` (blocking: a worker's job)."""
    # Their modules and objects (~220,000) are set aside from the cyclic collector,
    # with no full collection walking them meanwhile (kiosk/heap.py).
    with core.warming.running(), full_collections_held(), start_up_imports():
        app = _attach_backend(core, keep_catalog=keep_catalog)
        settle_heap("devices and stores built")
    return app


def _attach_backend(core: KioskCore, *, keep_catalog: bool) -> KioskApp:
    from kiosk.backend import build_backend, cached_catalog_json

    settings = core.settings
    paths = resolve_paths(settings)
    paths.create()
    backend = build_backend(settings, paths, core.clock, core.bus)
    if not keep_catalog:
        cached = cached_catalog_json(backend)
        catalog = parse_catalog(cached) if cached is not None else None
        if catalog is not None and catalog.services:
            core.set_catalog(catalog)
    backend.on_catalog = lambda raw: _catalog_arrived(core, raw)
    backend.device_statuses = lambda: _device_statuses(core)
    core.staff_calls = StaffCalls(backend, core.clock)
    calls = core.staff_calls

    def journey_ended(reason: EndReason) -> None:
        # The journey behind a staff call ended (首页, 完成, idle): the next heartbeat,
        # sent now, tells the hall's console (try-out 15, K4). In memory: never blocks.
        if calls.journey_ended(core.clock().isoformat(), reason) and backend.sync is not None:
            backend.sync.send_heartbeat_soon()

    core.sessions.on_end(journey_ended)
    backend.calls_ended = calls.ended
    backend.call_updates = calls.follow_ups
    _follow_calls(core, backend, calls)
    core.staff_caller = lambda reason: _call_staff(core, core.staff_calls, reason, backend.printing)
    _start_audit(core, backend, paths)
    # Put out of service from the panel before a restart: still out of service.
    from kiosk.maintenance import out_of_service_flag, service_state

    core.suspended = out_of_service_flag(paths.root).exists()
    backend.service_state = lambda: service_state(paths.root)
    core.attach_backend(backend)
    return KioskApp(settings=settings, paths=paths, core=core, backend=backend)


def _follow_calls(core: KioskCore, backend: Backend, calls: StaffCalls) -> None:
    """What becomes of a staff call's cause reaches its row on the console: the printer
    back (or failing again), the receipt it asked to reprint printed (a technician's
    reprint from the panel, the citizen's own). Try-out 17, K1: the row still said
    缺纸 / 回执未打印 after both were put right. Said by the next heartbeat, sent now."""

    def tell() -> None:
        if backend.sync is not None:
            backend.sync.send_heartbeat_soon()

    def on_event(event: object) -> None:
        if not isinstance(event, DeviceStatusChanged) or event.device is not Device.PRINTER:
            return
        if event.health in (Health.OK, Health.DEGRADED):  # 纸将尽 still prints
            state = "ok"
        elif event.health is Health.FAULT and STAFF_CALL_REASON.fullmatch(event.detail):
            state = event.detail
        else:
            return  # not known: say nothing rather than a guess
        if calls.printer_now(state):
            tell()

    core.bus.subscribe(on_event)
    backend.printing.on_printed = lambda tn, copy: (
        tell() if calls.receipt_printed(tn, copy) else None
    )


def _start_audit(core: KioskCore, backend: Backend, paths: DataPaths) -> None:
    """The audit trail: its key beside the outbox key (apart from the data), its log in
    the data directory, its entries shipped through the outbox (kiosk/audit/)."""
    from kiosk.audit.trail import AuditTrail
    from kiosk.diagnostics import public_config

    def wake() -> None:
        if backend.sync is not None:
            backend.sync.wake()

    trail = AuditTrail(
        paths.root / "audit",
        paths.key_file.with_name("audit.key"),
        core.settings.kiosk.code,
        real_clock(core.clock),  # real UTC even under the demo's hall clock (kiosk/hall_clock.py)
        backend.outbox,
        on_enqueued=wake,
        outbox_clock=core.clock,  # the outbox's one clock: its records' ages (try-out 15, T1)
    )
    trail.config_loaded(public_config(core.settings.model_dump()))
    core.audit = trail.record
    if isinstance(core.clock, HallClock):
        # The trail keeps real UTC; each switch of the demo's hall clock is labelled in it.
        # A switch comes from the demo panel (GUI thread); the trail writes to disk.
        core.clock.on_change(
            lambda hall: core.executor.submit(
                lambda: _audit_hall_clock(core, hall), lambda _r: None, lambda _e: None
            )
        )
        _audit_hall_clock(core, core.clock)
    core.bus.subscribe(trail.on_event)
    backend.audit = trail
    backend.printing.audit = trail.record  # a citizen's own reprint (try-out 17, T1)


def _audit_hall_clock(core: KioskCore, hall: HallClock) -> None:
    """Label the audit trail (and the log) with the hall time in force: the trail's own
    times stay real UTC, so a reader can translate what citizens saw."""
    data: dict[str, object] = {
        "simulated": hall.simulated,
        "hall_time": hall().isoformat(timespec="seconds"),
        "shift_s": int(hall.shift.total_seconds()),
    }
    log.info("demo hall clock: %s (logs and the audit trail keep real UTC)", data)
    core.audit("hall_clock.in_force", data)


def build_app(
    settings: Settings,
    *,
    clock: Clock = utc_now,
    executor: Executor | None = None,
    catalog: Catalog | None = None,
) -> KioskApp:
    """Assemble the whole kiosk for ``settings`` at once (tests, tour, benchmarks)."""
    core = build_core(settings, clock=clock, executor=executor, catalog=catalog)
    return attach_backend(core, keep_catalog=catalog is not None)


def _device_statuses(core: KioskCore) -> dict[str, str]:
    """Device health for the heartbeat: every device, and the printer's paper state."""
    out = {d.value: core.health(d).health.value for d in Device if d != Device.PLATFORM}
    out["paper"] = core.health(Device.PRINTER).detail.removeprefix("printer.") or "unknown"
    return out


def _catalog_arrived(core: KioskCore, raw: bytes) -> None:
    """A newer catalog from the platform replaces the one in force (if it parses)."""
    try:
        catalog = parse_catalog(json.loads(raw))
    except ValueError:
        log.warning("the platform sent a catalog that is not JSON; keeping the current one")
        return
    if catalog.services:
        core.set_catalog(catalog)


def _call_staff(
    core: KioskCore,
    calls: StaffCalls | None,
    reason: str | None = None,
    printing: PrintService | None = None,
) -> CallAnswer:
    """Store a staff call (durably), or ask again on this citizen's open one, and say
    where it stands; ``reason``, the device state that made it (see KioskCore.call_staff)."""
    if calls is None:
        return CallAnswer(StaffCallState.NOT_SAVED)
    session = core.sessions.current
    body = {
        "kiosk": core.settings.kiosk.code,
        "location": core.settings.kiosk.location_zh,
        "screen": core.screen().value,
        "assisted": session.assisted,
        "language": session.language,
        "at": core.clock().isoformat(),
    }
    if reason is not None and STAFF_CALL_REASON.fullmatch(reason):
        # What the hall's console says the call is about (try-out 14, K4).
        body["reason"] = reason
    printer = core.health(Device.PRINTER)
    if printer.health is Health.FAULT and STAFF_CALL_REASON.fullmatch(printer.detail):
        # The printer's state as the call is made, whatever button made it (the top bar's
        # 呼叫工作人员 on the receipt page, which tells the citizen to call staff for a
        # reprint): staff bring paper (try-out 15, K1: only 确认提交's call said so). Not
        # its "reason": the citizen may be calling about something else.
        body["printer"] = printer.detail
    tn = session.tracking_number
    if tn and printing is not None and printing.receipt_not_printed(tn):
        # Which receipt to reprint (a tracking number, nothing of the citizen's): the
        # record carries the number; this says its receipt did not print (try-out 15, K1).
        body["receipt_not_printed"] = True
    ticket = session_ticket(core, session.id)
    if ticket is not None:
        # The number staff can call out in the hall, as the citizen's slip has it: the row
        # said only the screen (try-out 19, K2). A queue or booking number, nothing personal.
        if ticket.kind is TicketKind.QUEUE:
            body["ticket"] = ticket.number
        else:
            body["booking"] = ticket.tracking_number or ticket.number
    if core.settings.kiosk.location_zh:
        # The hall's console lists its own hall's calls, by this (issue 16).
        body["hall"] = core.settings.kiosk.location_zh
    if core.settings.kiosk.location_en:
        # The English console's words for the place (try-out 15, K5).
        body["location_en"] = core.settings.kiosk.location_en
    return calls.call(body, session.tracking_number)
