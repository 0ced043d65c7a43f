"""A simulated SAM reader on a pseudo-terminal: the real driver talks to it as to hardware.

:class:`PtySamReader` opens a pty (``os.openpty``), serves GA 467-style frames on
the master side from a thread, and paces its replies as a 115200-baud line plus
the reader's own processing time (finding a card, the radio read of text and
photo). The driver opens the slave side (``.port``) with pyserial.

Cards behave as on real readers: a card that has been read is halted and is not
found again until it is lifted and laid again, yet still answers the commands that
address it (its additional address) for as long as it lies in the field; once lifted
(:meth:`PtySamReader.lift`, Shift+F5 in the demo) it answers nothing, and a card laid
again is not selected until found. Faults, one-shot by default:
the card lifted mid-read, SAM busy, a bad check byte, garbage, silence.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import threading
import time
import tty
from collections import deque
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources

from drivers.fd_wait import wait_readable
from drivers.idcard.frames import Command, FrameError, FrameParser, reply_frame
from drivers.idcard.status import CARD_FOUND, NO_CONTENT, SUCCESS
from drivers.idcard.text_block import build_additional_address, build_text
from drivers.idcard.types import CardKind

# Radio and SAM work per command, as vendors' data sheets give them (text+photo
# under a second all told at 115200 baud).
FIND_S = 0.010
SELECT_S = 0.012
READ_S = 0.40
FINGERPRINT_S = 0.25
SAM_S = 0.005
RESET_S = 0.08

SAM_ID_BYTES = bytes.fromhex("0500010059983301ce6c5b00b9b8f07f")


class Fault(StrEnum):
    """Something the simulated reader can be told to do wrong."""

    CARD_LIFTED = "card_lifted"  # the read fails (0x41) and the card is gone
    SAM_BUSY = "sam_busy"  # every reply is 0x60 (SAM cannot take commands)
    BAD_CHECK = "bad_check"  # the reply's check byte is wrong
    GARBAGE = "garbage"  # random bytes instead of a reply
    SILENCE = "silence"  # no reply at all


@dataclass(frozen=True, slots=True)
class SimulatedCard:
    """A card to lay on the simulated reader."""

    kind: CardKind
    values: dict[str, str]
    wlt: bytes = field(default=b"", repr=False)
    fingerprint: bytes = field(default=b"", repr=False)
    additional_address: str = ""

    def text(self) -> bytes:
        """The 256-byte text block the card holds."""
        return build_text(self.kind, self.values)

    def __repr__(self) -> str:
        return f"SimulatedCard({self.kind.value})"


def sample_wlt(seed: int = 1) -> bytes:
    """1024 bytes standing in for a WLT photo (starts like one: 'WL')."""
    rnd = random.Random(seed)
    return b"WL" + bytes(rnd.randrange(256) for _ in range(1022))


@cache
def _samples() -> dict[str, dict[str, object]]:
    raw = resources.files("drivers.idcard").joinpath("data/samples.json").read_text("utf-8")
    data: dict[str, dict[str, object]] = json.loads(raw)["cards"]
    return data


def sample_card(key: str) -> SimulatedCard:
    """A fictitious card from data/samples.json (see :func:`sample_keys`)."""
    spec = _samples()[key]
    values = spec["values"]
    assert isinstance(values, dict)
    return SimulatedCard(
        CardKind(str(spec["kind"])),
        {str(k): str(v) for k, v in values.items()},
        wlt=sample_wlt(len(key)),
        additional_address=str(spec.get("additional_address", "")),
    )


def sample_keys() -> tuple[str, ...]:
    """The names of the sample cards."""
    return tuple(_samples())


class PtySamReader:
    """The simulated reader; ``port`` is the device path the driver opens."""

    def __init__(self, baudrate: int = 115200, *, seed: int = 7) -> None:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no line editing: a plain byte pipe like a UART
        self.port = os.ttyname(self._slave)
        self._byte_s = 10.0 / baudrate  # start bit, 8 data bits, stop bit
        self._rnd = random.Random(seed)
        self._lock = threading.Lock()
        self._card: SimulatedCard | None = None
        self._halted = False  # read once already; real readers then stop finding it
        self._selected = False  # selected since laid: it answers for its additional address
        self._faults: list[tuple[Fault, int | None, Command | None]] = []
        # What the driver sent, for the tests; the latest only, as the driver polls
        # for a card several times a second for as long as the demo runs.
        self.commands: deque[Command | None] = deque(maxlen=1000)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="pty-sam-reader", daemon=True)
        self._thread.start()

    # --- the lobby ------------------------------------------------------------------------

    def lay(self, card: SimulatedCard) -> None:
        """Put a card on the reader."""
        with self._lock:
            self._card, self._halted, self._selected = card, False, False

    def lift(self) -> None:
        """Take the card away."""
        with self._lock:
            self._card, self._halted, self._selected = None, False, False

    @property
    def card_present(self) -> bool:
        """Whether a card lies on the reader (read or not)."""
        return self._card is not None

    def fault(self, fault: Fault, times: int | None = 1, *, command: Command | None = None) -> None:
        """Misbehave ``times`` replies in a row (None: until :meth:`clear_faults`); with
        ``command``, only the replies to that command (a reader failing mid-exchange)."""
        with self._lock:
            self._faults.append((fault, times, command))

    def clear_faults(self) -> None:
        """Behave again."""
        with self._lock:
            self._faults.clear()

    def close(self) -> None:
        """Stop serving and close the pty."""
        self._stop.set()
        self._thread.join(timeout=2.0)
        for fd in (self._master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)

    # --- the wire -------------------------------------------------------------------------

    def _serve(self) -> None:
        parser = FrameParser()
        while not self._stop.is_set():
            try:
                if not wait_readable(self._master, 0.05):
                    continue
                parser.feed(os.read(self._master, 4096))
            except OSError:
                return
            while True:
                try:
                    body = parser.next_body()
                except FrameError:
                    self._send(reply_frame(0x10))  # "received a bad check byte"
                    continue
                if body is None:
                    break
                self._answer(body)

    def _answer(self, body: bytes) -> None:
        code = tuple(body[:2])
        command = next((c for c in Command if c.value == code), None)
        self.commands.append(command)
        fault = self._take_fault(command)
        if fault is Fault.SILENCE:
            return
        if fault is Fault.SAM_BUSY:
            time.sleep(SAM_S)
            self._send(reply_frame(0x60))
            return
        frame = reply_frame(0x21) if command is None else self._reply(command, fault)
        if fault is Fault.BAD_CHECK:
            frame = frame[:-1] + bytes([frame[-1] ^ 0x5A])
        elif fault is Fault.GARBAGE:
            frame = bytes(self._rnd.randrange(256) for _ in range(self._rnd.randrange(8, 64)))
            frame = frame.replace(b"\xaa\xaa\xaa", b"\xaa\x00\xaa")  # noise, not a header
        self._send(frame)

    def _reply(self, command: Command, fault: Fault | None) -> bytes:
        with self._lock:
            card, halted = self._card, self._halted
        if command is Command.SAM_RESET:
            time.sleep(RESET_S)
            return reply_frame(SUCCESS)
        if command is Command.SAM_STATUS:
            time.sleep(SAM_S)
            return reply_frame(SUCCESS)
        if command is Command.SAM_ID:
            time.sleep(SAM_S)
            return reply_frame(SUCCESS, SAM_ID_BYTES)
        if command is Command.FIND_CARD:
            time.sleep(FIND_S)
            if card is None or halted:
                return reply_frame(0x80)
            return reply_frame(CARD_FOUND, bytes(4))
        if command is Command.SELECT_CARD:
            time.sleep(SELECT_S)
            if card is None or halted:
                return reply_frame(0x81)
            with self._lock:
                self._selected = self._card is card
            return reply_frame(SUCCESS, bytes(8))
        if command is Command.READ_ADDITIONAL_ADDRESS:
            time.sleep(FIND_S)
            with self._lock:
                selected = self._selected and self._card is card
            if card is None or not selected:
                return reply_frame(0x41)
            if not card.additional_address:
                return reply_frame(NO_CONTENT)
            return reply_frame(SUCCESS, build_additional_address(card.additional_address))
        # The two reads.
        fingerprint = command is Command.READ_WITH_FINGERPRINT
        time.sleep(READ_S * (0.5 if fault is Fault.CARD_LIFTED else 1.0))
        if fault is Fault.CARD_LIFTED or card is None:
            self.lift()
            return reply_frame(0x41)
        with self._lock:
            self._halted = True
        text, wlt = card.text(), card.wlt
        head = len(text).to_bytes(2, "big") + len(wlt).to_bytes(2, "big")
        data = text + wlt
        if fingerprint:
            fp = card.fingerprint
            head += len(fp).to_bytes(2, "big")
            data += fp
            time.sleep(FINGERPRINT_S)
        return reply_frame(SUCCESS, head + data)

    def _take_fault(self, command: Command | None) -> Fault | None:
        """The first fault queued that applies to this reply (counted down if it does)."""
        reading = command in (Command.READ_TEXT_PHOTO, Command.READ_WITH_FINGERPRINT)
        with self._lock:
            for i, (fault, times, only) in enumerate(self._faults):
                if fault is Fault.CARD_LIFTED and not reading:
                    continue  # the card goes during the radio read, not before
                if only is not None and command is not only:
                    continue
                if times is not None:
                    if times <= 1:
                        self._faults.pop(i)
                    else:
                        self._faults[i] = (fault, times - 1, only)
                return fault
            return None

    def _send(self, frame: bytes) -> None:
        # Paced like a UART: the bytes arrive no faster than the baud rate allows.
        for i in range(0, len(frame), 256):
            chunk = frame[i : i + 256]
            t0 = time.perf_counter()
            try:
                os.write(self._master, chunk)
            except OSError:
                return
            left = len(chunk) * self._byte_s - (time.perf_counter() - t0)
            if left > 0:
                time.sleep(left)


__all__ = ["Fault", "PtySamReader", "SimulatedCard", "sample_card", "sample_keys"]
