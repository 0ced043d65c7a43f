"""The façade ``ui/`` talks to: sessions, navigation, catalog, device health.

It owns no widgets and no threads of its own; blocking work goes to the
injected :class:`~kiosk.workers.Executor`, results come back through callbacks
(which ``ui/`` marshals to the GUI thread).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.card_watch import ResidentCardWatch
from kiosk.catalog import Catalog
from kiosk.events import (
    CardPresence,
    Device,
    DeviceStatusChanged,
    Event,
    EventBus,
    Health,
    TechnicianCardPresence,
)
from kiosk.flow import Journey, Navigator, Screen, choose_screen
from kiosk.hall_clock import real_clock
from kiosk.session import TASK_ONLY, Clock, EndReason, SessionManager
from kiosk.settings import Settings
from kiosk.warming import Warming
from kiosk.workers import Executor

if TYPE_CHECKING:
    from kiosk.backend import Backend
    from kiosk.maintenance import Maintenance
    from kiosk.services.staff_call import CallAnswer, StaffCalls, StaffCallState
    from kiosk.voice import VoiceService

log = logging.getLogger(__name__)

BACKEND_WAIT_S = 30.0


class KioskCore:
    """Application state shared by every screen."""

    def __init__(
        self,
        settings: Settings,
        clock: Clock,
        executor: Executor,
        bus: EventBus | None = None,
        catalog: Catalog | None = None,
        backend: Backend | None = None,
    ) -> None:
        self.settings = settings
        self.clock = clock
        # The time the header shows and opening hours are judged by: the clock, except
        # in the demo, whose panel can move it into office hours (kiosk/hall_clock.py).
        self.hall_clock: Clock = clock
        self.executor = executor
        self.bus = bus or EventBus()
        t = settings.timeouts
        self.sessions = SessionManager(
            real_clock(clock),  # a switch of the demo's hall clock must not end a visit
            settings.kiosk.default_language,
            t.idle_warning_s,
            t.countdown_s,
            t.assisted_factor,
            t.staff_wait_s,
        )
        self.nav = Navigator()
        # Start-up work on workers (building the devices, warming caches): the window
        # pre-builds its screens once it is over (kiosk/warming.py).
        self.warming = Warming()
        # Devices, stores and the platform link: attached once built (a worker's job at
        # start-up, so the home screen paints first); None only in pure-logic tests.
        self._backend: Backend | None = None
        self._backend_ready = threading.Event()
        if backend is not None:
            self.attach_backend(backend)
        self._catalog = catalog or Catalog(services=())
        self._pending_catalog: Catalog | None = None  # arrived mid-journey (see catalog)
        self._health: dict[Device, DeviceStatusChanged] = {}
        self._lock = threading.Lock()
        self.maintenance_mode = False
        # Put out of service by a technician: citizens see the calm 暂停服务 screen.
        self.suspended = False
        # The number of the technician card in its reader (None: no card).
        self.technician_card: str | None = None
        # Whether an identity document lies on the chip reader, as its last presence news
        # said: the window asks for it back at a session's end, and the passport keypad
        # asks to put it down only while it is not there.
        self.document_on_reader = False
        self._maintenance: Maintenance | None = None
        # The audit trail's entry point (kind, data); wired by the composition root.
        self.audit: Callable[[str, dict[str, object]], None] = lambda _kind, _data: None
        # Wired by the composition root (kiosk.services.staff_call.StaffCalls): a call is
        # stored, then its state is read back; the screen never claims more than that.
        self.staff_calls: StaffCalls | None = None
        # Called with the device state that made the call ("printer.paper_out"), or None.
        self.staff_caller: Callable[[str | None], CallAnswer] | None = None
        self.bus.subscribe(self._track_health)

    def attach_backend(self, backend: Backend) -> None:
        """Connect the devices and stores (from any thread, once)."""
        backend.sensitive = lambda: frozenset(self.sessions.current.sensitive)
        if backend.voice is not None:
            voice = backend.voice
            # 首页/完成 end the task, not the visit: the citizen's volume stays too.
            self.sessions.on_end(lambda reason: voice.reset(keep_volume=reason in TASK_ONLY))
        printing = getattr(backend, "printing", None)
        if printing is not None:
            from kiosk.receipt_truth import ReceiptsAsOfNow

            # A receipt printed offline, printed again: it says where it stands now.
            printing.as_of_now = ReceiptsAsOfNow(
                backend.outbox, getattr(backend, "own_submissions", None), lambda: self.catalog
            )
            # Presenter printers: an uncollected receipt goes back in when the citizen leaves.
            self.sessions.on_end(
                lambda _reason: self.executor.submit(
                    printing.retract_uncollected, lambda _r: None, lambda _e: None
                )
            )
        # The SAM reader's card is watched from its read to the end of the session.
        ResidentCardWatch(self.sessions, backend)
        self._backend = backend
        self._backend_ready.set()

    def backend_failed(self) -> None:
        """The devices and stores could not be built: stop anyone waiting for them."""
        self._backend_ready.set()

    @property
    def backend(self) -> Backend:
        """Devices, stores and sync; a tap in the first second after start-up waits for them."""
        if self._backend is None:
            self._backend_ready.wait(BACKEND_WAIT_S)
        if self._backend is None:
            raise RuntimeError("the kiosk's devices and stores did not start")
        return self._backend

    # --- catalog ---------------------------------------------------------------

    @property
    def catalog(self) -> Catalog:
        """The service catalog currently in force (cached copy when offline).

        A catalog that arrived while a citizen had a service chosen waits for the end of
        that session (首页, 完成, the idle timeout): the citizen finishes under the fees
        and materials they read, and their application names that catalog's version
        (``catalog_version``); the next citizen gets the new one (try-out 10, K2).
        """
        if self._pending_catalog is not None and self.sessions.current.service_id is None:
            with self._lock:
                if self._pending_catalog is not None:
                    self._catalog, self._pending_catalog = self._pending_catalog, None
        return self._catalog

    def set_catalog(self, catalog: Catalog) -> None:
        """Replace the catalog (called when a fresh one arrives from the platform): at
        once between citizens, else when the citizen's session ends (see :attr:`catalog`)."""
        with self._lock:
            if self.sessions.current.service_id is None:
                self._catalog, self._pending_catalog = catalog, None
            else:
                self._pending_catalog = catalog

    # --- device health ------------------------------------------------------------

    def _track_health(self, event: Event) -> None:
        if isinstance(event, TechnicianCardPresence):
            self.technician_card = event.number
        if isinstance(event, CardPresence):
            self.document_on_reader = event.present
        if isinstance(event, DeviceStatusChanged):
            with self._lock:
                self._health[event.device] = event

    def health(self, device: Device) -> DeviceStatusChanged:
        """The last known status of ``device``."""
        with self._lock:
            return self._health.get(device, DeviceStatusChanged(device, Health.UNKNOWN, ""))

    def faults(self) -> frozenset[Device]:
        """Devices that are currently unusable."""
        with self._lock:
            return frozenset(d for d, s in self._health.items() if s.health == Health.FAULT)

    @property
    def online(self) -> bool:
        """Whether the platform answered the last request."""
        return self.health(Device.PLATFORM).health == Health.OK

    def trusted_now(self) -> dt.datetime:
        """The time for validity checks: ours, moved onto the platform's clock when ours
        has drifted (learnt from its answers; see kiosk.sync.clock_offset)."""
        now = self.clock()
        agent = getattr(self._backend, "sync", None)
        offset = getattr(agent, "clock_offset", None)
        return offset.corrected(now) if offset is not None else now

    # --- navigation ---------------------------------------------------------------

    def screen(self) -> Screen:
        """The screen to show now, by priority (maintenance, out of service, fault, flow)."""
        if self.suspended and not self.maintenance_mode:
            return Screen.OUT_OF_SERVICE
        return choose_screen(self.nav.screen, self.maintenance_mode, self.faults())

    def start(self, journey: Journey) -> Screen:
        """Begin a journey from home."""
        self.sessions.touch()
        calls = self.staff_calls
        if calls is not None:
            calls.new_citizen()  # whoever begins now is not the one who called before
        return self.nav.start(journey)

    def next(self) -> Screen:
        """Advance the journey; finishing it wipes the session."""
        self.sessions.touch()
        screen = self.nav.next()
        if screen == Screen.HOME:
            self.sessions.end(EndReason.FINISHED)
        return screen

    def go(self, screen: Screen) -> Screen:
        """Branch to a specific screen."""
        self.sessions.touch()
        return self.nav.go(screen)

    def back(self) -> Screen:
        """One step back."""
        self.sessions.touch()
        return self.nav.back()

    def home(self, reason: EndReason = EndReason.HOME) -> Screen:
        """Back to the start; the session (and any identity in it) is wiped."""
        self.nav.home()
        self.sessions.end(reason)
        return self.nav.screen

    # --- voice (assisted mode) -----------------------------------------------------

    @property
    def voice(self) -> VoiceService | None:
        """Voice guidance, when the kiosk has it."""
        return self._backend.voice if self._backend is not None else None

    def say(self, text: str) -> None:
        """Speak a screen prompt in assisted mode (returns at once; interrupts the last)."""
        voice = self.voice
        s = self.sessions.current
        if voice is not None and s.assisted:
            voice.say(text, s.language)

    # --- maintenance ----------------------------------------------------------------

    def maintenance_ops(self) -> Maintenance:
        """The technician operations (lazily built: citizens never need them)."""
        if self._maintenance is None:
            from kiosk.maintenance import Maintenance

            self._maintenance = Maintenance(
                self.backend,
                self._health,
                on_action=lambda kind, data: self.audit(kind, data),
                suspend=self._suspend,
            )
        return self._maintenance

    def _suspend(self, on: bool) -> None:
        self.suspended = on

    def enter_maintenance(self) -> Screen:
        """A technician takes over: the citizen session (if any) is wiped first."""
        self.sessions.end(EndReason.MAINTENANCE)
        self.nav.home()
        self.maintenance_mode = True
        return self.screen()

    def leave_maintenance(self) -> Screen:
        """Back to citizen service; whoever was signed in is signed out (on a worker:
        the audit trail writes to disk)."""
        self.maintenance_mode = False
        ops = self._maintenance
        if ops is not None and ops.gate.session is not None:
            self.executor.submit(ops.sign_out, lambda _none: None, lambda _exc: None)
        return self.screen()

    def call_staff(self, on_done: Callable[[CallAnswer], None], reason: str | None = None) -> None:
        """Store a staff call; ``on_done`` gets its state (waiting until the platform has
        it), and when the tap only asked again on this citizen's open call, since when.

        ``reason``: the device state the call is about, when a device made it (the
        printer out of paper at 确认提交: "printer.paper_out"), so staff bring what is
        needed (try-out 14, K4). A device state code only, never anything of the citizen's.
        """
        from kiosk.services.staff_call import CallAnswer, StaffCallState

        not_saved = CallAnswer(StaffCallState.NOT_SAVED)
        caller = self.staff_caller
        if caller is None:
            on_done(not_saved)
            return
        self.executor.submit(lambda: caller(reason), on_done, lambda _exc: on_done(not_saved))

    def staff_call_state(self, on_done: Callable[[StaffCallState], None]) -> None:
        """Read the latest staff call's state off the caller's thread (outbox read)."""
        calls = self.staff_calls
        if calls is None:
            return
        self.executor.submit(calls.state, on_done, lambda _exc: None)

    def run(
        self,
        job: Callable[[], object],
        on_result: Callable[[object], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Run ``job`` off the caller's thread."""
        self.executor.submit(job, on_result, on_error)

    def shutdown(self) -> None:
        """Stop background work."""
        self.executor.shutdown()
