"""A SAM reader on a serial or USB-serial port, speaking GA 467-style frames (pyserial).

Each command is one request and one reply. Every failure (no reply, noise, a bad
check byte, a status byte that says no) ends the attempt with a
:class:`ReadOutcome`, the input is drained until the line is quiet, and the
reader is usable for the next attempt. Card contents are never logged.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from drivers.fd_wait import wait_readable, wait_writable
from drivers.idcard.frames import (
    Command,
    FrameError,
    FrameParser,
    Reply,
    command_frame,
    parse_reply,
)
from drivers.idcard.photo import WltDecoder
from drivers.idcard.polling import FAULT_REASONS, PollingReader, with_photo
from drivers.idcard.read_log import ReadLog
from drivers.idcard.status import CARD_FOUND, NO_CONTENT, SUCCESS, status_of
from drivers.idcard.text_block import (
    TEXT_BYTES,
    TextBlockError,
    parse_additional_address,
    parse_text,
)
from drivers.idcard.types import Presence, ReaderState, ReadOutcome, ReadResult
from drivers.wait_budget import WaitBudget

log = logging.getLogger(__name__)

BAUDRATE = 115200
# The serial read waits 20 ms per look; a look that took longer than this means the
# thread was not running (see drivers/wait_budget.py), and the excess is not counted.
STALL_SLICE_S = 0.1
STALL_NOTED_S = 0.5


class _Failed(Exception):
    """An attempt ended early; carries the outcome (and the status byte, if any)."""

    def __init__(self, outcome: ReadOutcome, status: int | None = None) -> None:
        super().__init__(outcome.value)
        self.outcome = outcome
        self.status = status


def format_sam_id(data: bytes) -> str | None:
    """The SAM id as vendors' tools print it: ``05.01-20101222-0007513478-2146483641``."""
    if len(data) < 16:
        return None

    def u32(b: bytes) -> int:
        return int.from_bytes(b, "little")

    a, b = int.from_bytes(data[0:2], "little"), int.from_bytes(data[2:4], "little")
    return f"{a:02d}.{b:02d}-{u32(data[4:8]):08d}-{u32(data[8:12]):010d}-{u32(data[12:16]):010d}"


def _open_serial(port: str, baudrate: int) -> Any:
    import serial

    return serial.Serial(port, baudrate=baudrate, timeout=READ_SLICE_S, write_timeout=WRITE_S)


# pyserial opens and sets up the line; the bytes go through the port's descriptor here:
# pyserial's own read and write wait with select.select, which fails on a descriptor
# numbered past 1,024 (drivers/fd_wait.py), and a kiosk must not lose its reader to that.
READ_SLICE_S = 0.02  # one wait for bytes
WRITE_S = 1.0  # a frame not taken by then: the port is stuck


def _send(ser: Any, frame: bytes) -> None:
    """Write all of ``frame`` to the port, waiting at most :data:`WRITE_S` for room."""
    fd = ser.fileno()
    rest = memoryview(frame)
    deadline = time.monotonic() + WRITE_S
    while rest:
        with contextlib.suppress(BlockingIOError):  # full: wait for room below
            rest = rest[os.write(fd, rest) :]
        if rest and not wait_writable(fd, deadline - time.monotonic()):
            raise TimeoutError("the ID card reader's port took no bytes")


def _receive(ser: Any, wait_s: float) -> bytes:
    """The bytes waiting on the port, after at most ``wait_s`` for some to come."""
    fd = ser.fileno()
    if not wait_readable(fd, wait_s):
        return b""
    try:
        data = os.read(fd, 4096)
    except BlockingIOError:
        return b""
    if not data:  # readable yet nothing: the device went away (as pyserial reports it)
        raise OSError("the ID card reader's port gave no data")
    return data


class SerialSamReader(PollingReader):
    """The real driver. ``serial_factory(port, baudrate)`` is for tests only."""

    def __init__(
        self,
        port: str,
        *,
        baudrate: int = BAUDRATE,
        reply_timeout_s: float = 0.5,
        read_timeout_s: float = 2.5,
        poll_interval_s: float = 0.15,
        read_fingerprint: bool = False,
        read_additional_address: bool = True,
        photo_decoder: WltDecoder | None = None,
        serial_factory: Callable[[str, int], Any] = _open_serial,
    ) -> None:
        self.port = port
        self._baud = baudrate
        self._reply_timeout = reply_timeout_s
        self._read_timeout = read_timeout_s
        self._fingerprint = read_fingerprint
        self._additional = read_additional_address
        self._decoder = photo_decoder
        self._factory = serial_factory
        self._ser: Any = None
        self._parser = FrameParser()
        self._read_log = ReadLog(log, "ID card read")  # a silent reader: 2 lines, not 1 a poll
        super().__init__(poll_interval_s, "idcard-serial")

    # --- Protocol ----------------------------------------------------------------------

    def stop(self) -> None:
        """Stop polling and close the port."""
        self._poller.stop()
        with self._lock:
            self._close()

    def read_once(self) -> ReadResult:
        """Find, select and read a card; the outcome says how it went."""
        t0 = time.perf_counter()
        with self._lock:
            try:
                result = self._read()
            except _Failed as f:
                if f.outcome in (ReadOutcome.BAD_FRAME, ReadOutcome.TIMEOUT):
                    self._drain()
                result = ReadResult(f.outcome, status_byte=f.status)
            self._after(result.outcome)
        self._read_log.note(result.outcome)  # the outcome only, never the contents
        return _timed(result, t0)

    def card_present(self) -> Presence:
        """Whether a card lies on the reader: PRESENT, ABSENT, or UNKNOWN without a clean answer.

        A find alone cannot tell: a card that has been read stays halted and is not found
        again until it is lifted and laid again (docs/resident-id.md), so "no card found"
        is also the answer while the card just read still lies there. That card is asked
        for its additional address, which it gives (or says it has none) while it lies on
        the reader and cannot once it has left the field (vendors' sample code watches for
        removal the same way after a read). The address is dropped unread, never logged.
        """
        with self._lock:
            try:
                self._ensure_open()
                find = self._transact(Command.FIND_CARD, b"", self._reply_timeout)
                if find.status == CARD_FOUND:
                    self._state = ReaderState.READY
                    return Presence.PRESENT  # a card not yet read (or laid again)
                if status_of(find.status).outcome is not ReadOutcome.NO_CARD:
                    raise _Failed(status_of(find.status).outcome, find.status)
                held = self._transact(Command.READ_ADDITIONAL_ADDRESS, b"", self._reply_timeout)
            except _Failed as f:
                if f.outcome in (ReadOutcome.BAD_FRAME, ReadOutcome.TIMEOUT):
                    self._drain()
                self._after(f.outcome)
                return Presence.UNKNOWN
            self._after(status_of(held.status).outcome)
            return _held(held.status)

    def reset_sam(self) -> ReadOutcome:
        """SAM reset (maintenance)."""
        with self._lock:
            try:
                self._ensure_open()
                self._expect(Command.SAM_RESET, b"", self._reply_timeout, SUCCESS)
                return ReadOutcome.OK
            except _Failed as f:
                return f.outcome

    def sam_status(self) -> ReadOutcome:
        """SAM self-check status (maintenance, supervisor)."""
        with self._lock:
            try:
                self._ensure_open()
                self._expect(Command.SAM_STATUS, b"", self._reply_timeout, SUCCESS)
                self._state = ReaderState.READY
                return ReadOutcome.OK
            except _Failed as f:
                self._after(f.outcome)
                return f.outcome

    def _after(self, outcome: ReadOutcome) -> None:
        """The reader's state after an exchange that came to ``outcome``, and, when that
        made it faulty, why (the panel says "not answering", not just "fault")."""
        self._state = _state_after(outcome, self._state)
        if self._state is ReaderState.FAULT and outcome in FAULT_REASONS:
            self._why = outcome

    # --- the exchange --------------------------------------------------------------------

    def _read(self) -> ReadResult:
        self._ensure_open()
        find = self._transact(Command.FIND_CARD, b"", self._reply_timeout)
        if find.status != CARD_FOUND:
            raise _Failed(status_of(find.status).outcome, find.status)
        self._expect(Command.SELECT_CARD, b"", self._reply_timeout, SUCCESS)
        command = Command.READ_WITH_FINGERPRINT if self._fingerprint else Command.READ_TEXT_PHOTO
        reply = self._expect(command, b"", self._read_timeout, SUCCESS)
        card = _parse_read(reply.data, with_fingerprint=self._fingerprint)
        if self._additional:
            extra = self._transact(Command.READ_ADDITIONAL_ADDRESS, b"", self._reply_timeout)
            if extra.status == SUCCESS and extra.data:
                address = parse_additional_address(extra.data)
                if address:
                    card = replace(card, additional_address=address)
            elif extra.status != NO_CONTENT:
                log.info("additional address not read: 0x%02X", extra.status)
        return with_photo(card, self._decoder)

    def _expect(self, command: Command, data: bytes, timeout: float, ok: int) -> Reply:
        reply = self._transact(command, data, timeout)
        if reply.status != ok:
            raise _Failed(status_of(reply.status).outcome, reply.status)
        return reply

    def _transact(self, command: Command, data: bytes, timeout: float) -> Reply:
        ser = self._ser
        try:
            ser.reset_input_buffer()
            self._parser.clear()
            _send(ser, command_frame(command, data))
            ser.flush()
            # Only time this thread spent waiting counts: a stretch it could not run
            # (the GUI thread holding the GIL, a loaded machine) is not the reader's silence.
            budget = WaitBudget(timeout, slice_s=STALL_SLICE_S)
            while True:
                body = self._parser.next_body()
                if body is not None:
                    if budget.not_running_s > STALL_NOTED_S:
                        log.info("ID card reply after a %.1f s stall", budget.not_running_s)
                    return parse_reply(body)
                if budget.expired():
                    # Bytes came, but never a frame: noise on the line, not silence.
                    noisy = self._parser.skipped > 0
                    raise _Failed(ReadOutcome.BAD_FRAME if noisy else ReadOutcome.TIMEOUT)
                chunk = _receive(ser, READ_SLICE_S)
                if chunk:
                    self._parser.feed(chunk)
        except FrameError as exc:
            log.info("ID card reader reply garbled: %s", exc)
            raise _Failed(ReadOutcome.BAD_FRAME) from None
        except _Failed:
            raise
        except Exception as exc:  # serial.SerialException, OSError: cable out, port gone
            log.warning("ID card reader port failed: %s", type(exc).__name__)
            self._close()
            raise _Failed(ReadOutcome.NO_READER) from None

    def _ensure_open(self) -> None:
        if self._ser is not None:
            return
        try:
            self._ser = self._factory(self.port, self._baud)
        except Exception as exc:
            self._state = ReaderState.DISCONNECTED
            log.warning("ID card reader port %s not opened: %s", self.port, type(exc).__name__)
            raise _Failed(ReadOutcome.NO_READER) from None
        self._parser.clear()
        try:
            reply = self._transact(Command.SAM_ID, b"", self._reply_timeout)
            if reply.status == SUCCESS:
                self._sam_id = format_sam_id(reply.data)
        except _Failed as f:
            if f.outcome is ReadOutcome.NO_READER:
                raise
            self._drain()

    def _drain(self) -> None:
        """Wait for the line to go quiet, dropping whatever arrives (after noise or silence)."""
        ser = self._ser
        if ser is None:
            return
        quiet_since = time.monotonic()
        give_up = quiet_since + 0.5
        try:
            while time.monotonic() < give_up:
                if _receive(ser, READ_SLICE_S):
                    quiet_since = time.monotonic()
                elif time.monotonic() - quiet_since > 0.06:
                    break
            ser.reset_input_buffer()
        except Exception:
            self._close()
        self._parser.clear()

    def _close(self) -> None:
        ser, self._ser = self._ser, None
        if ser is not None:
            try:
                ser.close()
            except Exception:
                log.debug("closing the ID card port failed", exc_info=True)
        self._state = ReaderState.DISCONNECTED


def _parse_read(data: bytes, *, with_fingerprint: bool) -> Any:
    head = 6 if with_fingerprint else 4
    if len(data) < head:
        raise _Failed(ReadOutcome.BAD_FRAME)
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    fp_len = int.from_bytes(data[4:6], "big") if with_fingerprint else 0
    if text_len < TEXT_BYTES or len(data) < head + text_len + photo_len + fp_len:
        raise _Failed(ReadOutcome.BAD_FRAME)
    text = data[head : head + text_len]
    wlt = data[head + text_len : head + text_len + photo_len]
    fp = data[head + text_len + photo_len : head + text_len + photo_len + fp_len]
    try:
        return parse_text(text, wlt=wlt, fingerprint=fp)
    except TextBlockError as exc:
        log.info("ID card text not understood: %s", type(exc).__name__)
        raise _Failed(ReadOutcome.UNKNOWN_CARD) from None


def _held(status: int) -> Presence:
    """What the additional-address answer says of the card read earlier."""
    if status in (SUCCESS, NO_CONTENT):
        return Presence.PRESENT
    if status_of(status).outcome in (ReadOutcome.CARD_LIFTED, ReadOutcome.NO_CARD):
        return Presence.ABSENT  # 0x41 "reading the card failed", 0x80/0x81: nothing there
    return Presence.UNKNOWN  # SAM busy, a refusal, an unknown byte: no word on the card


def _state_after(outcome: ReadOutcome, before: ReaderState) -> ReaderState:
    if outcome is ReadOutcome.NO_READER:
        return ReaderState.DISCONNECTED
    if outcome is ReadOutcome.SAM_FAULT:
        return ReaderState.FAULT
    if outcome is ReadOutcome.SAM_BUSY:
        return ReaderState.BUSY
    if outcome is ReadOutcome.TIMEOUT:
        return ReaderState.FAULT  # a silent reader is faulty until it answers again
    if outcome is ReadOutcome.BAD_FRAME:
        stays = before not in (ReaderState.DISCONNECTED, ReaderState.STARTING)
        return before if stays else ReaderState.FAULT
    return ReaderState.READY


def _timed(result: ReadResult, t0: float) -> ReadResult:
    return replace(result, elapsed_ms=(time.perf_counter() - t0) * 1000.0)
