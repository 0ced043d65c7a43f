"""The real receipt printer: ESC/POS over a python-escpos transport."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from .document import WARM_UP_DOCUMENT, Document
from .escpos_render import render_escpos
from .status import (
    DLE_EOT_ERROR_CAUSE,
    DLE_EOT_OFFLINE_CAUSE,
    DLE_EOT_PAPER,
    DLE_EOT_PRINTER,
    GS_R_PAPER,
    StatusBytes,
    interpret,
    interpret_gs_r,
    is_dle_eot_reply,
    is_gs_r_reply,
)
from .transports import (
    FileConfig,
    Link,
    NetworkConfig,
    PrinterConfig,
    SerialConfig,
    UsbConfig,
    make_link,
)
from .types import (
    PAPER_80MM,
    PaperProfile,
    PrinterState,
    PrinterStatus,
    SendOutcome,
    SendResult,
)

log = logging.getLogger(__name__)

_CHUNK = 4096
_NO_CONFIRMATION = "not confirmed"
# Commands that discard data a printer holds after paper out (profile "clear_held").
# DLE DC4 fn 8 (Epson, real-time): 10 14 08 01 03 14 01 06 02 08. ESC @ for others.
_CLEAR_COMMANDS: dict[str, bytes] = {
    "dle_dc4": b"\x10\x14\x08\x01\x03\x14\x01\x06\x02\x08",
    "esc_at": b"\x1b@",
    "none": b"",
}


@dataclass(frozen=True, slots=True)
class StatusTiming:
    """How long to wait for the printer.

    ``status_timeout_s`` bounds each DLE EOT question; a silent printer is
    reported OFFLINE after one of them. ``confirm_timeout_s`` bounds the wait for
    the printer to finish a job (the GS r reply); meanwhile it is asked in real
    time every ``poll_interval_s`` so paper out or an open cover mid-job is
    reported at once. Printers without GS r: set ``confirm_with_gs_r=False``;
    the driver then waits ``settle_s`` and asks DLE EOT.
    """

    status_timeout_s: float = 0.4
    confirm_timeout_s: float = 15.0
    poll_interval_s: float = 0.25
    confirm_with_gs_r: bool = True
    settle_s: float = 0.5


class EscposPrinter:
    """A receipt printer on any python-escpos transport (see :mod:`.transports`).

    The link is opened per operation unless ``keep_open``: network printers
    commonly drop idle connections, and a fresh connect turns "switched off"
    into an immediate refusal instead of a half-open socket.
    """

    def __init__(
        self,
        link: Link,
        profile: PaperProfile = PAPER_80MM,
        timing: StatusTiming | None = None,
        keep_open: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._link = link
        self._profile = profile
        self._timing = timing or StatusTiming()
        self._keep_open = keep_open
        self._clock = clock
        self._lock = threading.Lock()
        self._is_open = False
        self._pending = bytearray()
        # True while a broken job may sit in the printer's buffer, to print on its own
        # when paper returns; cleared by the profile's command at the first chance.
        self._maybe_held = False

    @property
    def profile(self) -> PaperProfile:
        """Paper profile used for layout."""
        return self._profile

    # -- public API ---------------------------------------------------------

    def status(self) -> PrinterStatus:
        """Query DLE EOT 1/2/(3)/4 with a short timeout per question."""
        with self._lock:
            try:
                self._ensure_open()
                return self._query()
            except OSError as exc:
                self._drop()
                return PrinterStatus(PrinterState.OFFLINE, _why(exc))
            finally:
                self._release()

    def print_document(self, doc: Document) -> SendResult:
        """Check status, send the rendered receipt, then wait for the printer to confirm."""
        data = render_escpos(doc, self._profile)
        with self._lock:
            try:
                return self._print(data)
            finally:
                self._release()

    def send_raw(self, data: bytes) -> SendResult:
        """Send pre-rendered ESC/POS bytes through the same checks (test page, diagnostics)."""
        with self._lock:
            try:
                return self._print(data)
            finally:
                self._release()

    def retract(self) -> bool:
        """Pull an uncollected receipt back into the printer (presenter models only).

        The kiosk calls this when a session ends, so a receipt with masked personal
        data is not left in the tray for the next person. Returns whether it was sent.
        """
        command = bytes.fromhex(self._profile.retract_hex)
        if not (self._profile.presenter and command):
            return False
        with self._lock:
            try:
                self._ensure_open()
                self._link.write(command)
                return True
            except OSError:
                self._drop()
                return False
            finally:
                self._release()

    def _present(self) -> None:
        """Presenter models: hand the receipt out (the printer retracts it on its timeout)."""
        command = bytes.fromhex(self._profile.present_hex)
        if not (self._profile.presenter and command):
            return
        try:
            self._link.write(command)
        except OSError:
            self._drop()  # printed and confirmed; the tray still has it

    def warm_up(self) -> None:
        """Render a sample receipt to ESC/POS bytes (QR and barcode encoders); sends nothing."""
        render_escpos(WARM_UP_DOCUMENT, self._profile)

    def close(self) -> None:
        """Release the device."""
        with self._lock:
            self._drop()

    # -- internals ------------------------------------------------------------

    def _print(self, data: bytes) -> SendResult:
        try:
            self._ensure_open()
        except OSError as exc:
            self._drop()
            return SendResult(SendOutcome.NOT_SENT, PrinterStatus(PrinterState.OFFLINE, _why(exc)))
        sent = 0
        try:
            self._pending.clear()
            self._drain()
            if self._maybe_held:
                # An earlier job may still sit in the printer's buffer: discard it first.
                self._clear_held()
            before = self._query()
            if not before.can_print:
                return SendResult(SendOutcome.NOT_SENT, before)
            for start in range(0, len(data), _CHUNK):
                chunk = data[start : start + _CHUNK]
                self._link.write(chunk)
                sent += len(chunk)
        except OSError as exc:
            self._drop()
            if not sent:
                return SendResult(
                    SendOutcome.NOT_SENT, PrinterStatus(PrinterState.OFFLINE, _why(exc))
                )
            # Part of the job reached the printer: it may hold it (paper out) and print
            # it later. Clear that now, or remember to before the next job.
            self._maybe_held = True
            self._settle_after_fault()
            status = PrinterStatus(PrinterState.OFFLINE, f"{_why(exc)} after {sent} bytes")
            return SendResult(SendOutcome.INTERRUPTED, status, sent)
        try:
            after = self._confirm()
        except _StalledError as exc:
            # The printer stopped taking bytes (paper out with a full buffer): not printed.
            self._drop()
            self._maybe_held = True
            self._settle_after_fault()
            return SendResult(
                SendOutcome.INTERRUPTED, PrinterStatus(PrinterState.OFFLINE, str(exc)), sent
            )
        except OSError as exc:
            # Every byte was written: a reset now does not mean the receipt is lost,
            # nor that it printed (ESC/POS cannot ask about a job on a new connection).
            # Ask the printer again: a fault it reports is certain; "ready" is not proof.
            self._drop()
            log.info("printer: link lost while confirming (%s); asking again", _why(exc))
            now = self._reconfirm()
            if now.can_print or now.state is PrinterState.OFFLINE:
                after = PrinterStatus(
                    PrinterState.OFFLINE,
                    f"{_NO_CONFIRMATION}: connection reset after the whole job was sent "
                    f"(printer now {now.state.value}; it may have printed)",
                )
            else:
                after = now
        if after.can_print and not after.detail.startswith(_NO_CONFIRMATION):
            self._present()
            return SendResult(SendOutcome.PRINTED, after, sent)
        if after.state in (PrinterState.PAPER_OUT, PrinterState.COVER_OPEN):
            # The printer holds the rest of the receipt and would print it when paper
            # is loaded: discard it, so the reprint is the only copy.
            self._maybe_held = True
            self._clear_held_quietly()
        return SendResult(SendOutcome.UNCONFIRMED, after, sent)

    def _reconfirm(self) -> PrinterStatus:
        try:
            self._ensure_open()
            self._pending.clear()
            return self._query()
        except OSError as exc:
            self._drop()
            return PrinterStatus(PrinterState.OFFLINE, f"{_NO_CONFIRMATION} ({_why(exc)})")

    def _settle_after_fault(self) -> None:
        """After a broken job: reconnect once and clear held data if the printer answers."""
        try:
            self._ensure_open()
            self._clear_held()
        except OSError:
            self._drop()  # unreachable now: the next status poll or job clears it

    def _clear_held_quietly(self) -> None:
        try:
            self._clear_held()
        except OSError:
            self._drop()

    def _clear_held(self) -> None:
        """Send the profile's command that discards data the printer holds (paper out)."""
        command = _CLEAR_COMMANDS[self._profile.clear_held]
        if command:
            self._link.write(command)
            self._maybe_held = False
            log.info("printer: held data cleared (%s)", self._profile.clear_held)

    def _ensure_open(self) -> None:
        if not self._is_open:
            self._link.open()
            self._is_open = True

    def _release(self) -> None:
        if not self._keep_open:
            self._drop()

    def _drop(self) -> None:
        self._is_open = False
        self._pending.clear()
        self._link.close()

    def _drain(self) -> None:
        """Discard bytes left from earlier exchanges (late replies, auto status back)."""
        while self._link.read(0.0):
            pass

    def _reply(self, accept: Callable[[int], bool], timeout: float) -> int | None:
        """The first buffered or arriving byte that ``accept`` recognises, or None on timeout."""
        deadline = self._clock() + timeout
        last_look = False
        while True:
            for i, b in enumerate(self._pending):
                if accept(b):
                    # Only this byte: a GS r reply queued before a DLE EOT reply (a busy
                    # printer answers both at once) must still be there for its reader.
                    del self._pending[i]
                    return b
            left = deadline - self._clock()
            if left <= 0:
                if last_look:
                    return None
                # One look at what already arrived before calling it silence: the time may
                # have gone while this thread could not run (a GUI stall holding the GIL).
                last_look = True
            self._pending += self._link.read(max(0.0, left))
            # Bound the buffer: anything unrecognised this old is noise.
            if len(self._pending) > 64:
                del self._pending[:-64]

    def _ask(self, command: bytes) -> int | None:
        self._link.write(command)
        return self._reply(is_dle_eot_reply, self._timing.status_timeout_s)

    def _query(self) -> PrinterStatus:
        if not self._link.bidirectional or self._profile.status == "none":
            return PrinterStatus(PrinterState.READY, "device cannot report status (assumed ready)")
        status = self._ask_status()
        if status is None:
            return interpret(StatusBytes(None))
        if self._maybe_held:
            self._clear_held()  # reachable again after a fault: discard what it held
        return status

    def _ask_status(self) -> PrinterStatus | None:
        """DLE EOT status, or None when the printer did not answer (busy or gone)."""
        printer = self._ask(DLE_EOT_PRINTER)
        if printer is None:
            return None
        cause = self._ask(DLE_EOT_OFFLINE_CAUSE)
        error = self._ask(DLE_EOT_ERROR_CAUSE) if cause is not None and cause & 0x40 else None
        paper = self._ask(DLE_EOT_PAPER)
        return interpret(StatusBytes(printer, cause, error, paper))

    def _confirm(self) -> PrinterStatus:
        """Wait until the printer confirms the job, reports a fault, or the time is up.

        Silence is not failure: many printers stop answering while they print.
        Only a reply that says paper out, cover open or error ends the wait early.
        """
        t = self._timing
        if not self._link.bidirectional or self._profile.status == "none":
            return PrinterStatus(PrinterState.READY, "device cannot report status (assumed ready)")
        use_gs_r = t.confirm_with_gs_r and self._profile.status == "full"
        deadline = self._clock() + t.confirm_timeout_s
        if use_gs_r:
            self._link.write(GS_R_PAPER)
        else:
            time.sleep(t.settle_s)
        heard = False
        backlog = _unsent(self._link)
        while True:
            if use_gs_r:
                wait = max(0.0, min(t.poll_interval_s, deadline - self._clock()))
                done = self._reply(is_gs_r_reply, wait)
                if done is not None:
                    return interpret_gs_r(done)
            now = self._ask_status()
            if now is not None:
                heard = True
                if not now.can_print:
                    return now
                if not use_gs_r:
                    return now  # no GS r: a ready DLE EOT after the settle is the confirmation
            else:
                left = _unsent(self._link)
                if left and backlog is not None and left >= backlog:
                    # Silent *and* not reading: a busy printer drains its input; this one
                    # has stopped. Our bytes are still here, so it cannot have printed.
                    raise _StalledError(f"printer stopped taking data ({left} bytes unsent)")
                backlog = left
            if self._clock() >= deadline:
                break
            if not use_gs_r:
                time.sleep(min(t.poll_interval_s, max(0.0, deadline - self._clock())))
        if heard:
            return PrinterStatus(PrinterState.ERROR, f"{_NO_CONFIRMATION}: no GS r reply in time")
        return PrinterStatus(
            PrinterState.OFFLINE, f"{_NO_CONFIRMATION}: silent after the job (it may have printed)"
        )


class _StalledError(Exception):
    """The printer stopped reading in the middle of a job."""


def _unsent(link: Link) -> int | None:
    probe = getattr(link, "unsent", None)
    return probe() if callable(probe) else None


def _why(exc: OSError) -> str:
    cause = exc.__cause__
    inner = f" ({type(cause).__name__})" if cause is not None else ""
    return f"{type(exc).__name__}: {exc}{inner}"


def printer_from_config(
    config: PrinterConfig,
    profile: PaperProfile = PAPER_80MM,
    timing: StatusTiming | None = None,
    keep_open: bool = False,
) -> EscposPrinter:
    """An :class:`EscposPrinter` for a transport configuration."""
    return EscposPrinter(make_link(config), profile, timing, keep_open)


def network_printer(
    host: str,
    port: int = 9100,
    profile: PaperProfile = PAPER_80MM,
    timing: StatusTiming | None = None,
    connect_timeout_s: float = 1.0,
) -> EscposPrinter:
    """A network (raw TCP, port 9100) printer."""
    config = NetworkConfig(host, port, connect_timeout_s=connect_timeout_s)
    return printer_from_config(config, profile, timing)


def serial_printer(
    device: str,
    baudrate: int = 9600,
    profile: PaperProfile = PAPER_80MM,
    rtscts: bool = False,
    dsrdtr: bool = True,
    xonxoff: bool = False,
) -> EscposPrinter:
    """A serial printer; pick the flow control the printer's DIP switches are set to."""
    config = SerialConfig(device, baudrate, rtscts=rtscts, dsrdtr=dsrdtr, xonxoff=xonxoff)
    return printer_from_config(config, profile, keep_open=True)


def usb_printer(
    vendor_id: int,
    product_id: int,
    profile: PaperProfile = PAPER_80MM,
    in_ep: int = 0,
    out_ep: int = 0,
) -> EscposPrinter:
    """A USB printer claimed through pyusb (needs read/write access to the device node).

    Endpoints are discovered from the descriptors unless ``in_ep``/``out_ep`` are given.
    """
    return printer_from_config(
        UsbConfig(vendor_id, product_id, in_ep, out_ep), profile, keep_open=True
    )


def file_printer(
    path: str, profile: PaperProfile = PAPER_80MM, bidirectional: bool = True
) -> EscposPrinter:
    """A printer device file such as /dev/usb/lp0."""
    return printer_from_config(FileConfig(path, bidirectional), profile)
