"""A parser for the ESC/POS subset the kiosk sends, used by the tests and the loopback printer.

It walks the byte stream command by command (so it also finds real-time status
requests only at command boundaries, as a printer does) and raises on anything
it does not know: an unexpected byte in a receipt is a test failure, not noise.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10


class ParseError(ValueError):
    """The bytes are not the ESC/POS the kiosk is supposed to send."""


@dataclass(frozen=True)
class Command:
    """One parsed command: ``name`` like "ESC a", ``args`` parameter bytes, ``data`` payload."""

    name: str
    args: bytes = b""
    data: bytes = b""
    raw: bytes = field(default=b"", repr=False, compare=False)  # set by StreamParser


def next_command(buf: bytes, pos: int, cjk: bool) -> tuple[Command, int] | None:
    """The command at ``pos`` and the position after it; None if ``buf`` ends mid-command."""

    def need(n: int) -> bool:
        return pos + n <= len(buf)

    b = buf[pos]
    if b == 0x0A:
        return Command("LF"), pos + 1
    if b == DLE:
        if not need(3):
            return None
        if buf[pos + 1] == 0x14:
            # DLE DC4 fn: 1 pulse (m t), 2 power off (1 8), 8 clear buffers (1 3 20 1 6 2 8).
            fn = buf[pos + 2]
            size = 10 if fn == 8 else 5
            if not need(size):
                return None
            return Command(f"DLE DC4 {fn}", buf[pos + 3 : pos + size]), pos + size
        if buf[pos + 1] != 0x04:
            raise ParseError(f"unknown DLE command at {pos}")
        return Command("DLE EOT", buf[pos + 2 : pos + 3]), pos + 3
    if b == ESC:
        if not need(2):
            return None
        c = buf[pos + 1]
        if c in b"@2":
            return Command(f"ESC {chr(c)}"), pos + 2
        if c in b"aE-d!3t":
            if not need(3):
                return None
            return Command(f"ESC {chr(c)}", buf[pos + 2 : pos + 3]), pos + 3
        raise ParseError(f"unknown ESC {c:#x} at {pos}")
    if b == FS:
        if not need(2):
            return None
        c = buf[pos + 1]
        if c in b"&.":
            return Command(f"FS {chr(c)}"), pos + 2
        if c == ord("!"):
            if not need(3):
                return None
            return Command("FS !", buf[pos + 2 : pos + 3]), pos + 3
        raise ParseError(f"unknown FS {c:#x} at {pos}")
    if b == GS:
        return _gs(buf, pos)
    if 0x20 <= b < 0x7F:
        return Command("TEXT", data=buf[pos : pos + 1]), pos + 1
    if b >= 0x81 and cjk:
        if not need(2):
            return None
        if 0x30 <= buf[pos + 1] <= 0x39:  # GB18030 four-byte sequence
            if not need(4):
                return None
            return Command("TEXT", data=buf[pos : pos + 4]), pos + 4
        return Command("TEXT", data=buf[pos : pos + 2]), pos + 2
    raise ParseError(f"unexpected byte {b:#04x} at {pos} (cjk mode {cjk})")


def _gs(buf: bytes, pos: int) -> tuple[Command, int] | None:
    if pos + 2 > len(buf):
        return None
    c = buf[pos + 1]
    if c in b"!hwHfr":
        if pos + 3 > len(buf):
            return None
        return Command(f"GS {chr(c)}", buf[pos + 2 : pos + 3]), pos + 3
    if c == ord("e"):
        # Ejector / presenter: GS e n [m [t]] (n 3: m steps; n 0x20: m steps, t seconds).
        if pos + 3 > len(buf):
            return None
        n = buf[pos + 2]
        size = 3 + {3: 1, 0x20: 2}.get(n, 0)
        if pos + size > len(buf):
            return None
        return Command("GS e", buf[pos + 2 : pos + size]), pos + size
    if c == ord("V"):
        if pos + 3 > len(buf):
            return None
        m = buf[pos + 2]
        if m in (65, 66):
            if pos + 4 > len(buf):
                return None
            return Command("GS V", buf[pos + 2 : pos + 4]), pos + 4
        if m in (0, 1, 48, 49):
            return Command("GS V", buf[pos + 2 : pos + 3]), pos + 3
        raise ParseError(f"bad GS V mode {m}")
    if c == ord("("):
        if pos + 5 > len(buf):
            return None
        fn_class = buf[pos + 2]
        length = buf[pos + 3] | (buf[pos + 4] << 8)
        end = pos + 5 + length
        if end > len(buf):
            return None
        return Command(f"GS ( {chr(fn_class)}", data=buf[pos + 5 : end]), end
    if c == ord("v"):
        if pos + 8 > len(buf):
            return None
        if buf[pos + 2] != ord("0"):
            raise ParseError("only GS v 0 raster is expected")
        xw = buf[pos + 4] | (buf[pos + 5] << 8)
        yh = buf[pos + 6] | (buf[pos + 7] << 8)
        end = pos + 8 + xw * yh
        if end > len(buf):
            return None
        return Command("GS v 0", buf[pos + 3 : pos + 8], buf[pos + 8 : end]), end
    if c == ord("k"):
        if pos + 4 > len(buf):
            return None
        m = buf[pos + 2]
        if m < 65:
            raise ParseError("only GS k m>=65 (length-prefixed) barcodes are expected")
        n = buf[pos + 3]
        end = pos + 4 + n
        if end > len(buf):
            return None
        return Command("GS k", buf[pos + 2 : pos + 4], buf[pos + 4 : end]), end
    raise ParseError(f"unknown GS {c:#x} at {pos}")


class StreamParser:
    """Feeds bytes as they arrive; yields complete commands (for the loopback printer)."""

    def __init__(self) -> None:
        self._buf = b""
        self._cjk = False

    def feed(self, data: bytes) -> list[Command]:
        """Commands completed by ``data``."""
        self._buf += data
        out: list[Command] = []
        pos = 0
        while pos < len(self._buf):
            got = next_command(self._buf, pos, self._cjk)
            if got is None:
                break
            start = pos
            cmd, pos = got
            cmd = dataclasses.replace(cmd, raw=self._buf[start:pos])
            if cmd.name == "FS &":
                self._cjk = True
            elif cmd.name in ("FS .", "ESC @"):
                self._cjk = False
            out.append(cmd)
        self._buf = self._buf[pos:]
        return out


def parse_commands(data: bytes) -> list[Command]:
    """All commands in a complete byte string (ParseError if it ends mid-command)."""
    p = StreamParser()
    cmds = p.feed(data)
    if p._buf:
        raise ParseError(f"{len(p._buf)} trailing bytes do not form a command")
    return cmds


@dataclass
class Receipt:
    """What a receipt's bytes say, as a person would read the paper."""

    lines: list[str] = field(default_factory=list)
    qr_payloads: list[bytes] = field(default_factory=list)
    qr_module_sizes: list[int] = field(default_factory=list)
    barcodes: list[bytes] = field(default_factory=list)
    images: list[tuple[int, int]] = field(default_factory=list)  # (width dots, height dots)
    cuts: list[bytes] = field(default_factory=list)
    status_requests: list[bytes] = field(default_factory=list)
    # The same, with each command's name: GS r (completion) and DLE EOT (real time) both
    # carry 1, and real-time polls may follow the completion check on the wire.
    status_asked: list[tuple[str, bytes]] = field(default_factory=list)
    inits: int = 0
    bold_lines: list[str] = field(default_factory=list)
    sized_lines: list[tuple[str, int]] = field(default_factory=list)  # (text, GS ! byte)

    @property
    def text(self) -> str:
        """All lines joined with newlines."""
        return "\n".join(self.lines)


def parse_receipt(data: bytes) -> Receipt:
    """Decode a receipt: text lines (GB18030 inside FS & … FS .), QR, barcodes, images, cuts."""
    r = Receipt()
    line = bytearray()
    bold = False
    size = 0
    cjk = False
    pending_image: tuple[int, int] | None = None
    for cmd in parse_commands(data):
        match cmd.name:
            case "TEXT":
                if len(cmd.data) > 1 and not cjk:
                    raise ParseError("multi-byte text outside FS & … FS .")
                line += cmd.data
            case "FS &":
                cjk = True
            case "FS .":
                cjk = False
            case "LF":
                text = line.decode("gb18030")
                r.lines.append(text)
                if bold:
                    r.bold_lines.append(text)
                if size:
                    r.sized_lines.append((text, size))
                line.clear()
            case "ESC @":
                r.inits += 1
            case "ESC E":
                bold = bool(cmd.args[0])
            case "GS !":
                size = cmd.args[0]
            case "GS ( k":
                fn = cmd.data[1]
                if fn == 80:
                    r.qr_payloads.append(cmd.data[3:])
                elif fn == 67:
                    r.qr_module_sizes.append(cmd.data[2])
            case "GS k":
                payload = cmd.data[2:] if cmd.data.startswith(b"{B") else cmd.data
                r.barcodes.append(payload)
            case "GS v 0":
                xw = cmd.args[1] | (cmd.args[2] << 8)
                yh = cmd.args[3] | (cmd.args[4] << 8)
                # Consecutive bands of one image are one image.
                if pending_image and pending_image[0] == xw * 8:
                    pending_image = (xw * 8, pending_image[1] + yh)
                    r.images[-1] = pending_image
                else:
                    pending_image = (xw * 8, yh)
                    r.images.append(pending_image)
                continue
            case "GS V":
                r.cuts.append(cmd.args)
            case "DLE EOT" | "GS r" | "DLE DC4 8" | "DLE DC4 1" | "DLE DC4 2":
                r.status_requests.append(cmd.args)
                r.status_asked.append((cmd.name, cmd.args))
        pending_image = None
    if line:
        r.lines.append(line.decode("gb18030"))
    return r
