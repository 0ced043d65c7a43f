"""The 256-byte UCS-2LE text block: parse it by card type, and build it (simulator, tests).

The layouts (field names and byte lengths) are data, in data/layouts.json; the
card type is the character at byte 248. Text is UCS-2 little-endian padded with
spaces (some readers pad with NULs); both are stripped.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from typing import Any

from drivers.idcard.nations import nation
from drivers.idcard.types import CardKind, ResidentCard

TEXT_BYTES = 256
LONG_TERM = "长期"


class TextBlockError(ValueError):
    """The block is not a text block of a known layout."""


@cache
def _layouts() -> dict[str, Any]:
    raw = resources.files("drivers.idcard").joinpath("data/layouts.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def layout(kind: CardKind) -> list[tuple[str, int]]:
    """Field names and byte lengths, in order, for ``kind``."""
    return [(name, size) for name, size in _layouts()["layouts"][kind.value]]


def card_kind(block: bytes) -> CardKind:
    """The layout the card-type character at byte 248 names."""
    if len(block) < TEXT_BYTES:
        raise TextBlockError(f"text block is {len(block)} bytes, not {TEXT_BYTES}")
    off = int(_layouts()["type_offset"])
    flag = block[off : off + 2].decode("utf-16-le", errors="replace")
    kind = _layouts()["type_flags"].get(flag)
    if kind is None:
        raise TextBlockError(f"unknown card type flag {flag!r}")
    return CardKind(kind)


def split_fields(block: bytes, kind: CardKind) -> dict[str, str]:
    """Every field of the layout as stripped text."""
    out: dict[str, str] = {}
    pos = 0
    for name, size in layout(kind):
        raw = block[pos : pos + size]
        pos += size
        try:
            text = raw.decode("utf-16-le")
        except UnicodeDecodeError:
            raise TextBlockError(f"field {name} is not UCS-2 text") from None
        out[name] = text.replace("\x00", " ").strip()
    return out


def parse_date(text: str) -> dt.date | None:
    """YYYYMMDD, or None when empty or not a real date."""
    t = text.strip()
    if len(t) != 8 or not t.isdigit():
        return None
    try:
        return dt.date(int(t[:4]), int(t[4:6]), int(t[6:]))
    except ValueError:
        return None


def parse_text(block: bytes, *, wlt: bytes = b"", fingerprint: bytes = b"") -> ResidentCard:
    """Parse a text block of any known layout into a :class:`ResidentCard`."""
    kind = card_kind(block)
    f = split_fields(block[:TEXT_BYTES], kind)
    until = f.get("valid_until", "")
    long_term = until.startswith(LONG_TERM)
    english = f.get("english_name", "")
    if kind is CardKind.FOREIGN_2023 and f.get("english_name_more"):
        english = english + f["english_name_more"]
    card_nation = nation(f["nation"]) if kind is CardKind.RESIDENT else None
    issue_count = f.get("issue_count") or f.get("renewal_count", "")
    return ResidentCard(
        kind=kind,
        name=f.get("name", ""),
        sex_code=f.get("sex", ""),
        number=f.get("number", "").upper(),
        birth=parse_date(f.get("birth", "")),
        valid_from=parse_date(f.get("valid_from", "")),
        valid_until=None if long_term else parse_date(until),
        long_term=long_term,
        nation_code=f.get("nation", "") if kind is CardKind.RESIDENT else "",
        nation=card_nation.printed if card_nation else "",
        address=f.get("address", ""),
        authority=f.get("authority", ""),
        english_name=english,
        nationality=f.get("nationality", ""),
        pass_number=f.get("pass_number", ""),
        issue_count=issue_count,
        version=f.get("version", ""),
        authority_code=f.get("authority_code", ""),
        wlt=wlt,
        fingerprint=fingerprint,
    )


def parse_additional_address(data: bytes) -> str:
    """The newest of the (up to four) 70-byte addresses endorsed after issue."""
    addresses = []
    for i in range(0, len(data) - len(data) % 2, 70):
        text = data[i : i + 70].decode("utf-16-le", errors="replace").replace("\x00", " ").strip()
        if text:
            addresses.append(text)
    return addresses[-1] if addresses else ""


def build_text(kind: CardKind, values: dict[str, str]) -> bytes:
    """A text block of ``kind`` with ``values`` (space padded); the type flag is set.

    Raises ValueError when a value does not fit its field: a test fixture or a
    simulated card must never be silently cut.
    """
    flag = {v: k for k, v in _layouts()["type_flags"].items() if k != "\x00"}[kind.value]
    out = bytearray()
    for name, size in layout(kind):
        text = flag if name == "card_type" else values.get(name, "")
        raw = text.encode("utf-16-le")
        if len(raw) > size:
            raise ValueError(f"{name} does not fit in {size} bytes")
        out += raw + " ".encode("utf-16-le") * ((size - len(raw)) // 2)
    if kind is CardKind.RESIDENT:
        off = int(_layouts()["type_offset"])
        out[off : off + 2] = " ".encode("utf-16-le")
    return bytes(out)


def build_additional_address(address: str) -> bytes:
    """One 70-byte additional-address record."""
    raw = address.encode("utf-16-le")
    if len(raw) > 70:
        raise ValueError("additional address does not fit in 70 bytes")
    return raw + " ".encode("utf-16-le") * ((70 - len(raw)) // 2)
