"""GA 467-style frames: ``AA AA AA 96 69``, a 2-byte length, the body and an XOR check.

A command body is command and parameter bytes then data; a reply body is three
status bytes (SW1 SW2 SW3) then data. The length counts the body plus the check
byte; the check byte is the XOR of the length bytes and the body. These functions
are pure, so the frames are unit-tested byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

HEADER = bytes.fromhex("AAAAAA9669")
MAX_BODY = 4096  # the largest reply (text + photo + fingerprint) is ~2.3 KB


class Command(Enum):
    """Command and parameter bytes of the commands the kiosk sends."""

    SAM_RESET = (0x10, 0xFF)
    SAM_STATUS = (0x11, 0xFF)
    SAM_ID = (0x12, 0xFF)
    FIND_CARD = (0x20, 0x01)
    SELECT_CARD = (0x20, 0x02)
    READ_TEXT_PHOTO = (0x30, 0x01)
    READ_ADDITIONAL_ADDRESS = (0x30, 0x03)
    READ_WITH_FINGERPRINT = (0x30, 0x10)

    @property
    def code(self) -> bytes:
        """The two bytes on the wire."""
        return bytes(self.value)


class FrameError(Exception):
    """Bytes that are not a well-formed frame (bad length or check byte)."""


def xor(data: bytes) -> int:
    """XOR of every byte."""
    x = 0
    for b in data:
        x ^= b
    return x


def encode(body: bytes) -> bytes:
    """A whole frame around ``body`` (command+parameter+data, or status+data)."""
    if len(body) + 1 > 0xFFFF:
        raise ValueError("frame body too long")
    length = (len(body) + 1).to_bytes(2, "big")
    return HEADER + length + body + bytes([xor(length + body)])


def command_frame(command: Command, data: bytes = b"") -> bytes:
    """The frame the kiosk sends for ``command``."""
    return encode(command.code + data)


@dataclass(frozen=True, slots=True)
class Reply:
    """A reader's reply: the three status bytes and the data after them."""

    sw1: int
    sw2: int
    sw3: int
    data: bytes = field(repr=False)

    @property
    def status(self) -> int:
        """SW3, the byte that says what happened (SW1 and SW2 are 00 on success)."""
        return self.sw3


def reply_frame(status: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    """A reader's reply frame (used by the simulator and the tests)."""
    return encode(bytes([sw1, sw2, status]) + data)


def parse_reply(body: bytes) -> Reply:
    """Split a checked reply body into status bytes and data."""
    if len(body) < 3:
        raise FrameError("reply shorter than its status bytes")
    return Reply(body[0], body[1], body[2], body[3:])


class FrameParser:
    """Incremental parser: feed bytes as they arrive, take whole bodies out.

    Bytes before a header (line noise, a half frame from a fault) are skipped, so
    the stream resynchronises on the next header by itself. A frame whose check
    byte or length is wrong raises :class:`FrameError` once and is dropped.
    """

    def __init__(self) -> None:
        self._buf = bytearray()
        self.skipped = 0  # bytes dropped while looking for a header

    def feed(self, data: bytes) -> None:
        """Append received bytes."""
        self._buf += data

    def clear(self) -> None:
        """Forget everything buffered (after a fault)."""
        self._buf.clear()
        self.skipped = 0

    def next_body(self) -> bytes | None:
        """The next complete, checked frame body, or None if more bytes are needed."""
        start = self._buf.find(HEADER)
        if start < 0:
            # Keep a possible partial header at the end; drop the rest as noise.
            keep = 0
            for n in range(len(HEADER) - 1, 0, -1):
                if self._buf.endswith(HEADER[:n]):
                    keep = n
                    break
            self.skipped += len(self._buf) - keep
            del self._buf[: len(self._buf) - keep]
            return None
        if start:
            self.skipped += start
            del self._buf[:start]
        if len(self._buf) < len(HEADER) + 2:
            return None
        length = int.from_bytes(self._buf[5:7], "big")
        if length < 2 or length > MAX_BODY:
            del self._buf[: len(HEADER)]  # not a real frame: look for the next header
            raise FrameError(f"implausible frame length {length}")
        end = len(HEADER) + 2 + length
        if len(self._buf) < end:
            return None
        frame = bytes(self._buf[:end])
        del self._buf[:end]
        body, check = frame[7:-1], frame[-1]
        if xor(frame[5:-1]) != check:
            raise FrameError("check byte mismatch")
        return body
