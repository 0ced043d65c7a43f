"""Device supervisor: polls every device's status off the GUI thread and publishes changes.

Polling (rather than trusting driver callbacks alone) is what catches the quiet
failures: a printer switched off between jobs, a camera unplugged while nobody
is scanning. Each poll is bounded by the driver's own short timeout.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from drivers.card.types import ReaderStatus
from drivers.idcard.protocol import IdCardReader
from drivers.printer.types import PrinterState
from drivers.scanner.protocol import Scanner
from drivers.scanner.types import ScannerState, ScannerStatus
from kiosk.events import Device, DeviceStatusChanged, EventBus, Health

log = logging.getLogger(__name__)

PRINTER_HEALTH = {
    PrinterState.READY: Health.OK,
    PrinterState.PAPER_NEAR_END: Health.DEGRADED,
    PrinterState.PAPER_OUT: Health.FAULT,
    PrinterState.COVER_OPEN: Health.FAULT,
    PrinterState.OFFLINE: Health.FAULT,
    PrinterState.ERROR: Health.FAULT,
}

CARD_HEALTH = {
    ReaderStatus.NO_READER: Health.FAULT,
    ReaderStatus.NO_CARD: Health.OK,
    ReaderStatus.CARD_PRESENT: Health.OK,
    ReaderStatus.READING: Health.OK,
    ReaderStatus.ERROR: Health.FAULT,
}

SCANNER_HEALTH = {
    ScannerState.STOPPED: Health.OK,
    ScannerState.STARTING: Health.OK,
    ScannerState.RUNNING: Health.OK,
    ScannerState.RECONNECTING: Health.DEGRADED,
    ScannerState.ENDED: Health.OK,
    ScannerState.FAILED: Health.FAULT,
}

Probe = Callable[[], tuple[Health, str]]


def scanner_reading(status: ScannerStatus) -> tuple[Health, str]:
    """The camera's health: a camera with no picture is faulty, whether a screen runs it
    (reconnecting) or not (stopped), until a frame really comes again. "Stopped" read as
    healthy, so a pulled camera showed 正常 on the panel and 恢复正常 in the log five
    seconds after the fault (try-out 9, T1); "reconnecting" read as partly usable, and
    the audit trail (the panel's 最近故障) records faults only."""
    if status.picture_lost:
        return Health.FAULT, "scanner.no_picture"
    return SCANNER_HEALTH[status.state], f"scanner.{status.state.value}"


def idcard_code(reader: IdCardReader) -> str:
    """The resident ID reader's state as a code; a faulty one says why when its driver
    knows (``idcard.not_answering``: "reader fault" said nothing of a silent reader)."""
    st = reader.status()
    why = getattr(reader, "fault_reason", lambda: None)()
    return f"idcard.{why}" if why else f"idcard.{st.value}"


def scanner_probe(scanner: Scanner) -> Probe:
    """The camera's probe: its reading, and while no screen runs a camera that lost its
    picture, one look whether it was plugged back in (bounded by the source's timeouts;
    a camera reported faulty is not offered to citizens, so nothing else would open it)."""

    def probe() -> tuple[Health, str]:
        st = scanner.status()
        if st.picture_lost and st.state is ScannerState.STOPPED:
            check = getattr(scanner, "check_picture", None)
            if check is not None and check():
                st = scanner.status()
        return scanner_reading(st)

    return probe


def _log_change(device: Device, before: tuple[Health, str] | None, now: tuple[Health, str]) -> None:
    """A device going wrong is a problem in the log in its own right, and its recovery
    ends it (try-out 8, T2: a printer gone offline showed only as the jobs it failed).
    Only changes of health are logged (a fault's detail changing is logged too; the
    first reading only when it is not OK). The detail is a device state code, never a
    citizen's data. The panel says these lines in words (kiosk/data/log_words.json)."""
    if device is Device.PLATFORM:
        return  # the link logs its own reasons, once per change (kiosk/sync/link_words.py)
    health, detail = now
    if _trouble(now):
        log.warning("device %s: %s (%s)", device.value, health.value, detail)
    elif health is Health.OK and before is not None and _trouble(before):
        log.info("device %s: back to normal", device.value)


# Readings that are work, not trouble: the resident ID reader is "busy" (DEGRADED) for
# the 0.6 s of each card read; logged, every citizen's card was a problem on the panel.
_AT_WORK = ("idcard.busy",)


def _trouble(reading: tuple[Health, str]) -> bool:
    health, detail = reading
    if health is Health.FAULT:
        return True
    return health is Health.DEGRADED and not detail.startswith(_AT_WORK)


class DeviceSupervisor:
    """Runs each probe every ``interval_s`` on one thread; publishes only changes."""

    def __init__(self, bus: EventBus, probes: dict[Device, Probe], interval_s: float = 5.0) -> None:
        self._bus = bus
        self._probes = probes
        self._interval = interval_s
        self._last: dict[Device, tuple[Health, str]] = {}
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def poll_once(self) -> None:
        """Probe every device now (blocking; used by the thread and by tests)."""
        for device, probe in self._probes.items():
            try:
                reading = probe()
            except Exception:
                # A driver bug must not stop supervision of the other devices.
                log.exception("status probe failed for %s", device.value)
                reading = (Health.FAULT, f"{device.value}.error")
            before = self._last.get(device)
            if before != reading:
                self._last[device] = reading
                _log_change(device, before, reading)
                self._bus.publish(DeviceStatusChanged(device, *reading))

    def read(self, device: Device) -> tuple[Health, str] | None:
        """Probe one device now and return its reading, without publishing it (blocking;
        the next poll publishes any change). None when the device is not supervised."""
        probe = self._probes.get(device)
        if probe is None:
            return None
        try:
            return probe()
        except Exception:
            log.exception("status probe failed for %s", device.value)
            return Health.FAULT, f"{device.value}.error"

    def poke(self) -> None:
        """Poll again soon (after a print job, a demo control, a maintenance test)."""
        self._wake.set()

    def start(self) -> None:
        """Start the polling thread."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="device-supervisor", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop polling and wait for the thread."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll_once()
            self._wake.wait(self._interval)
            self._wake.clear()
