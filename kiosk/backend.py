"""Devices, stores and the sync agent, built from settings (the composition root's parts).

Heavy libraries (OpenCV, python-escpos, uvicorn, requests) are imported inside
the builders, so start-up only pays for what the configuration selects, and the
embedded reference platform and the sync agent start on a background thread
after the window is up (:meth:`Backend.start`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drivers.card.protocol import CardReader
from drivers.card.types import CardEvent, CardEventKind
from drivers.idcard.protocol import IdCardReader
from drivers.idcard.types import ReaderState
from drivers.idcard.types import ReadResult as IdCardResult
from drivers.printer.protocol import Printer
from drivers.scanner.protocol import Scanner
from drivers.speech.types import PlayerStatus
from kiosk import __version__
from kiosk.events import (
    CardPresence,
    Device,
    DeviceStatusChanged,
    EventBus,
    Health,
    ResidentCardLifted,
    ResidentCardRead,
)
from kiosk.hall_clock import HallClock, HallSyncClock, real_clock
from kiosk.housekeeping import OWN_KEEP, STATUS_KEEP, Housekeeper
from kiosk.paths import DataPaths, move_legacy_keys
from kiosk.payloads.codes import ReceiptSigner
from kiosk.payloads.keys import (
    VerificationKeys,
    load_private_key,
    load_public_key,
    private_key_text,
    public_key_text,
)
from kiosk.printing import PrintService, printer_from_settings
from kiosk.private_file import write_private
from kiosk.session import Clock
from kiosk.settings import Settings
from kiosk.storage_guard import StorageGuard
from kiosk.supervisor import (
    CARD_HEALTH,
    PRINTER_HEALTH,
    DeviceSupervisor,
    Probe,
    idcard_code,
    scanner_probe,
)
from kiosk.tracking import TrackingNumberMinter
from offline_cache.crypto import KeyRing
from offline_cache.db import Database
from offline_cache.outbox_protocol import Outbox, RecordKind
from offline_cache.own_submissions import SqliteOwnSubmissions
from offline_cache.print_jobs import PrintJobStore
from offline_cache.sqlite_caches import SqliteCatalogCache, SqliteSequences, SqliteStatusCache
from offline_cache.sqlite_outbox import SqliteOutbox

if TYPE_CHECKING:
    from central.eid import EidIssuer
    from central.embedded import EmbeddedPlatform
    from drivers.techcard.protocol import TechCardReader
    from kiosk.audit.trail import AuditTrail
    from kiosk.sync.agent import SyncAgent
    from kiosk.sync.config import SyncConfig
    from kiosk.voice import VoiceService

log = logging.getLogger(__name__)

# How long a shutdown waits for the platform link to finish coming up (the embedded
# platform's start is the slow part: seconds on a loaded machine).
START_JOIN_S = 30.0


@dataclass
class Backend:
    """Everything below the UI that touches a device, the disk or the network."""

    settings: Settings
    paths: DataPaths
    clock: Clock
    bus: EventBus
    db: Database
    keys: KeyRing
    outbox: Outbox
    catalog_cache: SqliteCatalogCache
    status_cache: SqliteStatusCache
    own_submissions: SqliteOwnSubmissions
    tracking: TrackingNumberMinter
    printer: Printer
    printing: PrintService
    card: CardReader
    scanner: Scanner
    receipt_signer: ReceiptSigner
    verification_keys: VerificationKeys
    storage: StorageGuard
    supervisor: DeviceSupervisor | None = None
    idcard: IdCardReader | None = None  # resident ID (SAM) reader, when configured
    idcard_simulator: Any = None  # the pty reader behind ``idcard`` in the demo
    voice: VoiceService | None = None
    sync: SyncAgent | None = None
    platform: EmbeddedPlatform | None = None
    # The embedded platform's e-ID issuer, kept when the demo cuts the network: a phone
    # keeps the code it was issued, so the demo can still show one (kiosk.demo).
    embedded_eid_issuer: EidIssuer | None = None
    # Why the embedded platform did not start (the demo panel says so at F12), or None.
    platform_problem: str | None = None
    audit: AuditTrail | None = None  # set by the composition root (kiosk/app.py)
    techcard: TechCardReader | None = None  # technician cards ([maintenance] card_driver)
    # Set by the core: the personal strings of the session in progress (voice guard),
    # device health for the heartbeat, and where a fresh catalog goes.
    sensitive: Callable[[], frozenset[str]] = frozenset
    device_statuses: Callable[[], dict[str, str]] = dict
    # In or out of service (暂停服务, since when) for the heartbeat; None: not said.
    service_state: Callable[[], dict[str, str] | None] = lambda: None
    # Staff calls whose citizen's journey ended, and when, for the heartbeat (K4).
    calls_ended: Callable[[], dict[str, str]] = dict
    # And what became of calls since (asked again, printer, receipt), by call id (C1/K1).
    call_updates: Callable[[], dict[str, dict[str, Any]]] = dict
    on_catalog: Callable[[bytes], None] = lambda _raw: None
    _platform_port: int = 0
    _stoppers: list[Callable[[], None]] = field(default_factory=list)
    _started: threading.Event = field(default_factory=threading.Event)
    # Start (on its own thread) and stop may overlap: a kiosk shut down while its platform
    # link is still coming up. The lock orders them; once stopping, nothing more starts.
    _lifecycle: threading.Lock = field(default_factory=threading.Lock)
    _stopping: bool = False
    _start_thread: threading.Thread | None = None
    # The demo's F12 stops and starts the embedded platform on a worker (it waits for the
    # server's thread): one at a time, and never one started after the kiosk stopped it.
    _platform_lock: threading.Lock = field(default_factory=threading.Lock)

    # --- outbox helpers used by every journey ---------------------------------------

    def enqueue(self, kind: RecordKind, body: dict[str, Any], tracking_number: str | None) -> None:
        """Store a record durably and nudge the sync agent (blocking: call off the GUI thread)."""
        payload = json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
        self.outbox.enqueue(kind, payload, tracking_number, self.clock())
        if self.sync is not None:
            self.sync.wake()

    # --- lifecycle -------------------------------------------------------------------

    def start(self) -> None:
        """Start device watching, then (off the caller's thread) the platform link."""
        self.card.start(self.on_card_event)
        self._stoppers.append(self.card.stop)
        if self.techcard is not None:
            from kiosk.events import TechnicianCardPresence

            bus = self.bus
            self.techcard.start(lambda e: bus.publish(TechnicianCardPresence(e.number)))
            self._stoppers.append(self.techcard.stop)
        if self.idcard is not None:
            self.idcard.start(self.on_idcard_read)
            self._stoppers.append(self.idcard.stop)
        self.supervisor = DeviceSupervisor(self.bus, _probes(self))
        self.supervisor.start()
        self._stoppers.append(self.supervisor.stop)
        keeper = housekeeper(self)
        keeper.start()
        self._stoppers.append(keeper.stop)
        self._start_thread = threading.Thread(
            target=self._start_network, name="backend-start", daemon=True
        )
        self._start_thread.start()

    def on_card_event(self, event: CardEvent) -> None:
        """Card reader events: presence goes on the bus; any change re-polls health."""
        if event.kind in (CardEventKind.CARD_INSERTED, CardEventKind.CARD_REMOVED):
            self.bus.publish(CardPresence(present=event.kind == CardEventKind.CARD_INSERTED))
        if self.supervisor is not None:
            self.supervisor.poke()

    def on_idcard_read(self, result: IdCardResult) -> None:
        """A card read (or a failure the citizen should hear about) goes on the bus."""
        self.bus.publish(ResidentCardRead(read=result))
        if self.supervisor is not None:
            self.supervisor.poke()

    def watch_idcard_removal(self, first: Callable[[], None] | None = None) -> None:
        """Until :meth:`stop_idcard_watch`: put :class:`ResidentCardLifted` on the bus once
        the card read on the SAM reader is seen gone (try-out 8, C1), after calling
        ``first`` (on the reader's thread) if given. The checks run on the reader's own
        polling thread; this returns at once, on any thread."""
        idcard, bus = self.idcard, self.bus
        if idcard is None:
            return

        def gone() -> None:
            if first is not None:
                first()
            bus.publish(ResidentCardLifted())

        idcard.watch_removal(gone)

    def stop_idcard_watch(self) -> None:
        """No more presence checks of the SAM reader's card (returns at once)."""
        if self.idcard is not None:
            self.idcard.stop_watch()

    def idcard_sam_id(self) -> str | None:
        """The resident ID reader's SAM id (maintenance panel), or None."""
        return self.idcard.sam_id() if self.idcard is not None else None

    def wait_started(self, timeout: float | None = None) -> bool:
        """Block until :meth:`start` has finished (tests, benchmarks)."""
        return self._started.wait(timeout)

    def _start_network(self) -> None:
        # Jobs a crash left half-printed become reprintable (maintenance panel, citizen).
        try:
            recovered = self.printing.recover()
            if recovered:
                log.info("%d print jobs were interrupted at the last stop", recovered)
        except Exception:
            log.exception("could not recover print jobs")
        try:
            base_url = self.settings.platform.base_url
            if self.settings.platform.mode == "embedded":
                if self._stopping:
                    return
                platform = _start_platform(self.paths, now=self.clock)
                self.platform = platform
                if not self._stopped_with_the_rest(self.stop_embedded_platform):
                    return
                base_url = platform.base_url
                issuer = platform.platform.issuer
                self.embedded_eid_issuer = issuer
                self.verification_keys = _with_platform_key(
                    self.verification_keys, issuer.kid, issuer.public_pem()
                )
            with self._lifecycle:
                # Not once stopping: the agent would run on against a closed database.
                if self._stopping:
                    return
                self.sync = _build_sync(self, base_url)
                self.sync.start()
                self._stoppers.append(self.sync.stop)
        except Exception as exc:
            log.exception("could not start the platform link; the kiosk keeps working offline")
            self.platform_problem = f"{type(exc).__name__}: {exc}"
            self.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.FAULT, "platform.down"))
        finally:
            self._started.set()

    def stop_embedded_platform(self) -> None:
        """Demo "network down": the embedded platform stops, its port refuses connections."""
        with self._platform_lock:
            if self.platform is not None:
                self._platform_port = int(self.platform.base_url.rsplit(":", 1)[1].strip("/"))
                self.platform.stop()
                self.platform = None

    def restart_embedded_platform(self) -> None:
        """Demo "network up": the embedded platform comes back on the same address."""
        with self._platform_lock:
            if self._stopping:
                return  # the kiosk is shutting down: nothing more starts
            if self.platform is None and self._platform_port:
                self.platform = _start_platform(self.paths, self._platform_port, now=self.clock)
                if self.sync is not None:
                    self.sync.wake()

    def _stopped_with_the_rest(self, stopper: Callable[[], None]) -> bool:
        """Register what was just started to be stopped by :meth:`stop`; when the backend
        is already stopping, stop it now instead and return False."""
        with self._lifecycle:
            if not self._stopping:
                self._stoppers.append(stopper)
                return True
        stopper()
        return False

    def stop(self) -> None:
        """Stop everything started, newest first: the sync agent before the database."""
        with self._lifecycle:
            self._stopping = True
        # The platform link may still be coming up: let it finish (it starts nothing
        # more now), so its agent is stopped here and not left running on closed stores.
        starting = self._start_thread
        if starting is not None and starting is not threading.current_thread():
            starting.join(START_JOIN_S)
            if starting.is_alive():
                log.warning("the platform link was still starting at shutdown")
        with self._lifecycle:
            stoppers = list(reversed(self._stoppers))
            self._stoppers.clear()
        for stop in stoppers:
            try:
                stop()
            except Exception:
                log.exception("error while stopping")


def housekeeper(b: Backend) -> Housekeeper:
    """Retention steps over the stores, per the configured window."""
    window = dt.timedelta(days=b.settings.storage.retention_days)
    return Housekeeper(
        b.clock,
        {
            "delivered_payloads": b.outbox.purge_delivered_payloads,
            "statuses": lambda now: b.status_cache.purge_older_than(now - STATUS_KEEP),
            "own_submissions": lambda now: b.own_submissions.purge_older_than(now - OWN_KEEP),
            "printed_jobs": lambda now: b.printing.purge_printed(now - window),
        },
    )


def _probes(b: Backend) -> dict[Device, Probe]:
    def card() -> tuple[Health, str]:
        st = b.card.status()
        return CARD_HEALTH[st], f"card.{st.value}"

    def printer() -> tuple[Health, str]:
        st = b.printer.status().state
        return PRINTER_HEALTH[st], f"printer.{st.value}"

    def storage() -> tuple[Health, str]:
        reading = b.storage.read()
        return reading.health, reading.detail

    probes: dict[Device, Probe] = {
        Device.CARD: card,
        Device.PRINTER: printer,
        Device.SCANNER: scanner_probe(b.scanner),
        Device.STORAGE: storage,
    }
    idcard = b.idcard
    if idcard is not None:

        def idcard_probe() -> tuple[Health, str]:
            st = idcard.status()
            sam = idcard.sam_id()
            detail = idcard_code(idcard) + (f" SAM {sam}" if sam else "")
            if not idcard.photo_available():
                detail += " photo not available"  # no WLT decoder configured
            return IDCARD_HEALTH[st], detail

        probes[Device.IDCARD] = idcard_probe
    voice = b.voice
    if voice is not None:

        def speech() -> tuple[Health, str]:
            # No sound is a degradation, not a fault: every prompt is also on screen.
            st = voice.player_status()
            health = Health.OK if st == PlayerStatus.READY else Health.DEGRADED
            return health, f"speech.{st.value}"

        probes[Device.SPEECH] = speech
    return probes


def cached_catalog_json(backend: Backend) -> Any | None:
    """The last catalog the platform sent (parsed JSON), or None if there is none usable."""
    try:
        entry = backend.catalog_cache.load()
        return json.loads(entry.services_json) if entry is not None else None
    except (ValueError, OSError):
        log.warning("cached catalog unreadable; using the bundled one")
        return None


def build_backend(settings: Settings, paths: DataPaths, clock: Clock, bus: EventBus) -> Backend:
    """Open the stores and build the configured devices (nothing is started yet)."""
    paths = move_legacy_keys(paths)
    db = Database(paths.database)
    keys = KeyRing.load_or_create(paths.key_file)
    retention = dt.timedelta(days=settings.storage.retention_days)
    storage = StorageGuard(paths.root, settings.storage.min_free_mib)
    outbox = SqliteOutbox(
        db,
        keys,
        retention=retention,
        max_attempts=settings.platform.max_attempts,
        admit=storage.accepts_new_work,
    )
    recovered = outbox.recover_in_flight()
    if recovered:
        log.info("%d records were in flight at the last stop; they will be sent again", recovered)
    printer = printer_from_settings(settings.printer, paths.printed)
    print_key = _load_or_create_raw_key(paths.print_key)
    signing_key = _load_or_create_signing_key(paths.signing_key)
    # Keys were checked when the settings were loaded.
    verification = VerificationKeys.from_config(
        receipt={
            **settings.fleet.receipt_keys,
            f"{settings.kiosk.code}.1": public_key_text(signing_key),
        },
        platform=settings.platform.public_key,
        eid_issuer=settings.platform.eid_issuer,
        receipt_url_base=settings.platform.public_status_url,
    )
    backend = Backend(
        settings=settings,
        paths=paths,
        clock=clock,
        bus=bus,
        db=db,
        keys=keys,
        outbox=outbox,
        catalog_cache=SqliteCatalogCache(db),
        status_cache=SqliteStatusCache(db, keys),
        own_submissions=SqliteOwnSubmissions(db, keys),
        tracking=TrackingNumberMinter(settings.kiosk.code, SqliteSequences(db)),
        printer=printer,
        printing=PrintService(
            printer,
            PrintJobStore(paths.print_jobs, print_key),
            clock,  # the hall's time, as on the slip itself (the maintenance panel lists it)
        ),
        card=_build_card(settings),
        scanner=_build_scanner(settings),
        receipt_signer=ReceiptSigner(
            settings.kiosk.code, signing_key, status_url=settings.platform.public_status_url
        ),
        verification_keys=verification,
        storage=storage,
    )
    backend._stoppers.append(db.close)
    backend._stoppers.append(backend.printing.close)
    # The screens start the scanner when they need it, started backend or not.
    backend._stoppers.append(backend.scanner.stop)
    backend.techcard = _build_techcard(settings)
    backend.idcard, backend.idcard_simulator = _build_idcard(settings)
    if backend.idcard_simulator is not None:
        backend._stoppers.append(backend.idcard_simulator.close)
    backend.voice = _build_voice(settings, paths, backend)
    backend._stoppers.append(backend.voice.close)
    return backend


def _build_voice(settings: Settings, paths: DataPaths, backend: Backend) -> VoiceService:
    from drivers.speech.cache import ClipCache
    from drivers.speech.protocol import Player, SpeechEngine
    from drivers.speech.volume import Volume, VolumePolicy
    from kiosk.voice import VoiceService
    from kiosk.voice_guard import SpeechGuard

    engine: SpeechEngine
    player: Player
    if settings.speech.driver == "simulator":
        from drivers.speech.simulator import FakeEngine, FakePlayer

        engine, player = FakeEngine(), FakePlayer()
    else:
        from drivers.speech.espeak import EspeakEngine
        from drivers.speech.player import detect_player

        engine, player = EspeakEngine(), detect_player()
    return VoiceService(
        ClipCache(engine, paths.speech_cache),
        player,
        SpeechGuard(private_audio=settings.speech.private_audio),
        # The live session's names and numbers: never spoken on a loudspeaker.
        sensitive=lambda: backend.sensitive(),
        volume=Volume(VolumePolicy(default_percent=settings.speech.default_volume)),
    )


def _load_or_create_raw_key(path: Path) -> bytes:
    """A 256-bit key in an owner-only file (print jobs hold masked personal data)."""
    if path.exists():
        raw = path.read_bytes()
        if len(raw) == 32:
            return raw
        log.error("print-job key file is damaged; starting a new one (old jobs unreadable)")
    key = os.urandom(32)
    write_private(path, key)
    return key


def _load_or_create_signing_key(path: Path) -> Any:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    if path.exists():
        return load_private_key(path.read_text(encoding="ascii"))
    key = Ed25519PrivateKey.generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(private_key_text(key), encoding="ascii")
    return key


def _with_platform_key(keys: VerificationKeys, kid: str, pem: str) -> VerificationKeys:
    platform = dict(keys.platform)
    platform[kid] = load_public_key(pem)
    return VerificationKeys(
        keys.receipt, platform, keys.eid_issuer, keys.leeway_s, keys.receipt_url_base
    )


def _build_techcard(settings: Settings) -> TechCardReader | None:
    m = settings.maintenance
    if m.card_driver == "simulator":
        from drivers.techcard.simulator import SimulatedTechCardReader

        return SimulatedTechCardReader()
    if m.card_driver == "pcsc":
        from drivers.techcard.pcsc import PcscTechCardReader

        return PcscTechCardReader(m.card_reader)
    return None


def _build_card(settings: Settings) -> CardReader:
    if settings.card.driver == "simulator":
        from drivers.card.simulator import SimulatedCardReader

        return SimulatedCardReader()
    from drivers.card.passive_auth import load_trust_list
    from drivers.card.pcsc import PyscardCardReader

    trust_path = settings.card.csca_trust_list
    return PyscardCardReader(
        reader_filter=settings.card.reader_name,
        read_timeout_s=settings.card.read_timeout_s,
        command_timeout_s=settings.card.command_timeout_s,
        # A configured but unusable trust list stops the start with its reason
        # (TrustListError) rather than silently reading every chip as unverifiable.
        trust_list=None if trust_path is None else load_trust_list(trust_path),
    )


IDCARD_HEALTH = {
    ReaderState.READY: Health.OK,
    ReaderState.BUSY: Health.DEGRADED,
    ReaderState.FAULT: Health.FAULT,
    ReaderState.DISCONNECTED: Health.FAULT,
    ReaderState.STARTING: Health.UNKNOWN,
}


def _build_idcard(settings: Settings) -> tuple[IdCardReader | None, Any]:
    """The resident ID reader (and, in the demo, the simulated reader behind it)."""
    s = settings.idcard
    if s.driver == "none":
        return None, None
    from drivers.idcard.photo import load_wlt_decoder

    decoder = load_wlt_decoder(s.wlt_library)
    if s.driver == "sdk":
        from drivers.idcard.sdk_reader import SdkSamReader

        assert s.sdk_library is not None  # checked when the settings were loaded
        sdk = SdkSamReader(
            s.sdk_library,
            port=s.sdk_port,
            output_dir=s.sdk_output_dir,
            poll_interval_s=s.poll_ms / 1000.0,
            photo_decoder=decoder,
        )
        return sdk, None
    from drivers.idcard.serial_reader import SerialSamReader

    simulator = None
    port = s.port
    if s.driver == "simulator":
        from drivers.idcard.simulator import PtySamReader

        simulator = PtySamReader(s.baudrate)
        port = simulator.port
    reader = SerialSamReader(
        port,
        baudrate=s.baudrate,
        poll_interval_s=s.poll_ms / 1000.0,
        read_fingerprint=s.read_fingerprint,
        photo_decoder=decoder,
    )
    return reader, simulator


def _build_scanner(settings: Settings) -> Scanner:
    if settings.scanner.driver == "simulator":
        from drivers.scanner.simulator import SimulatedScanner

        # The demo's viewfinder lives at the configured rate, like a real camera's.
        return SimulatedScanner(preview_fps=settings.scanner.preview_fps)
    from drivers.scanner.camera import scanner_from_settings

    # Every key of [scanner] reaches the driver (tests/unit/scanner/test_scanner_settings.py).
    sc = settings.scanner
    source: str | int = int(sc.source) if sc.source.isdigit() else sc.source
    return scanner_from_settings(
        source,
        backend=sc.decoder,
        fps=sc.fps,
        width=sc.width,
        height=sc.height,
        roi=sc.roi,
        max_decode_width=sc.max_decode_width,
        preview_fps=sc.preview_fps,
    )


def _start_platform(paths: DataPaths, port: int = 0, *, now: Clock) -> EmbeddedPlatform:
    from central.app import PlatformConfig
    from central.embedded import start_embedded

    # The embedded platform is the demo's stand-in: no kiosk credentials, so it runs
    # in the platform's explicit insecure-dev mode, on loopback only, and says so.
    log.warning(
        "embedded reference platform in INSECURE DEV mode (no kiosk authentication,"
        " loopback only): a demo stand-in, never a production platform"
    )
    config = PlatformConfig(
        db_path=paths.root / "embedded-platform.sqlite3",
        eid_key_path=paths.root / "embedded-platform-eid.key",
        data_key_path=paths.key_file.parent / "embedded-platform-data.key",
        insecure_dev=True,
        advance_every_s=20.0,
        # The kiosk's clock: under the demo's hall clock the console's "today" is the
        # hall's day, so its tickets and bookings are listed (kiosk/hall_clock.py).
        now=now,
        # The console's audit of staff actions keeps the real UTC its page promises, as
        # the kiosk's own audit trail does (try-out 10, K1).
        real_now=real_clock(now),
    )
    # Under the demo's hall clock its answers are dated by it too (kiosk/hall_clock.py).
    dated = isinstance(now, HallClock)
    platform = start_embedded(config, host="127.0.0.1", port=port, date_from_config=dated)
    # The console is what a newcomer looks for next (try-out finding): where it is and
    # how to make a staff account on this very database.
    log.warning(
        "embedded platform console: %s/console (a staff account: kiosk-central staff"
        " --db %s add NAME --role hall; without kiosk-central on the PATH: %s -m central"
        " staff …, from the checkout's root)",
        platform.base_url,
        config.db_path,
        sys.executable,
    )
    return platform


def sync_config(settings: Settings, base_url: str) -> SyncConfig:
    """The sync agent's settings from the kiosk's configuration (``[platform]``)."""
    from kiosk.sync.config import SyncConfig

    p = settings.platform
    return SyncConfig(
        base_url=base_url,
        kiosk_id=settings.kiosk.code,
        version=__version__,
        location=settings.kiosk.location_zh,
        location_en=settings.kiosk.location_en,
        connect_timeout_s=p.connect_timeout_s,
        read_timeout_s=p.read_timeout_s,
        ca_bundle=p.ca_bundle,
        client_cert=p.client_cert,
        client_key=p.client_key,
        token_file=p.token_file,
        backoff_base_s=p.backoff_base_s,
        backoff_cap_s=p.backoff_cap_s,
        retry_after_cap_s=p.retry_after_cap_s,
        batch_size=p.batch_size,
        heartbeat_s=float(p.heartbeat_s),
    )


def _build_sync(backend: Backend, base_url: str) -> SyncAgent:
    from kiosk.sync.agent import SyncAgent

    agent = SyncAgent(
        sync_config(backend.settings, base_url),
        backend.outbox,
        catalog_cache=backend.catalog_cache,
        status_cache=backend.status_cache,
        device_statuses=lambda: backend.device_statuses(),
        service_state=lambda: backend.service_state(),
        calls_ended=lambda: backend.calls_ended(),
        call_updates=lambda: backend.call_updates(),
        # The demo's hall clock stamps the outbox as it stamps everything else.
        clock=HallSyncClock(backend.clock) if isinstance(backend.clock, HallClock) else None,
    )
    agent.add_catalog_listener(lambda raw, _etag: backend.on_catalog(raw))

    def online(up: bool) -> None:
        health = Health.OK if up else Health.FAULT
        backend.bus.publish(
            DeviceStatusChanged(Device.PLATFORM, health, "platform.up" if up else "platform.down")
        )

    agent.add_online_listener(online)
    return agent
