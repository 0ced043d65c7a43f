"""Strict BER-TLV decoding for data from an untrusted chip.

Every function returns None on malformed input instead of raising: a hostile chip
must produce a result value, never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_LENGTH = 0xFFFFFF


@dataclass(frozen=True, slots=True)
class Tlv:
    """One decoded element: ``tag`` as an int (multi-byte tags big-endian)."""

    tag: int
    value: bytes


def read_header(data: bytes, pos: int = 0) -> tuple[int, int, int] | None:
    """Decode a tag and length at ``pos``: (tag, length, value offset), or None.

    The value itself need not be present yet (used to size a file from its first bytes).
    """
    if pos >= len(data):
        return None
    tag = data[pos]
    pos += 1
    if tag & 0x1F == 0x1F:
        for _ in range(3):
            if pos >= len(data):
                return None
            tag = (tag << 8) | data[pos]
            pos += 1
            if not data[pos - 1] & 0x80:
                break
        else:
            return None
    if pos >= len(data):
        return None
    first = data[pos]
    pos += 1
    if first < 0x80:
        return tag, first, pos
    count = first & 0x7F
    if count == 0 or count > 3 or pos + count > len(data):
        return None  # indefinite or over-long lengths never occur in an LDS
    length = int.from_bytes(data[pos : pos + count], "big")
    return tag, length, pos + count


def decode_all(data: bytes) -> list[Tlv] | None:
    """Decode a concatenation of TLVs that must cover ``data`` exactly."""
    out: list[Tlv] = []
    pos = 0
    while pos < len(data):
        header = read_header(data, pos)
        if header is None:
            return None
        tag, length, start = header
        end = start + length
        if end > len(data):
            return None
        out.append(Tlv(tag, data[start:end]))
        pos = end
    return out


def decode_one(data: bytes, tag: int) -> bytes | None:
    """The value of a single TLV with ``tag`` that spans ``data`` exactly."""
    items = decode_all(data)
    if items is None or len(items) != 1 or items[0].tag != tag:
        return None
    return items[0].value


def find(items: list[Tlv], tag: int) -> bytes | None:
    """The value of the only element with ``tag``; None if absent or repeated."""
    found = [t.value for t in items if t.tag == tag]
    return found[0] if len(found) == 1 else None


def encode(tag: int, value: bytes) -> bytes:
    """Encode one TLV with a definite minimal length (for the emulator and tests)."""
    tag_bytes = tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big")
    n = len(value)
    if n < 0x80:
        length = bytes([n])
    elif n <= 0xFF:
        length = b"\x81" + bytes([n])
    elif n <= 0xFFFF:
        length = b"\x82" + n.to_bytes(2, "big")
    else:
        length = b"\x83" + n.to_bytes(3, "big")
    return tag_bytes + length + value
