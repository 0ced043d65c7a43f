"""An append-only audit log in which each entry is chained to the one before and keyed.

One JSON object per line: ``seq`` (1, 2, 3 …), ``at``, ``kiosk``, ``kind``, ``data``,
``prev`` (the previous entry's ``mac``; 64 zeros for the first) and ``mac``, an
HMAC-SHA256 over the rest with the kiosk's own audit key. Editing an entry breaks
its MAC; deleting or reordering breaks the sequence and the chain; a forged chain
needs the key, which lives with the other keys, away from the data. Cutting
entries off the end is found with the head file (``FILE.head``: the last
``seq`` and ``mac``, itself keyed), and centrally, where every entry also goes.

No personal data goes in: technician numbers, record ids, device names,
reasons. :func:`scrub` refuses values shaped like identity numbers.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.logging_setup import redact
from kiosk.private_file import write_private

GENESIS = "0" * 64
KEY_BYTES = 32


def canonical(entry: Mapping[str, Any]) -> bytes:
    """The bytes the MAC covers: the entry without ``mac``, keys sorted, compact."""
    body = {k: v for k, v in entry.items() if k != "mac"}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def mac_of(key: bytes, entry: Mapping[str, Any]) -> str:
    """HMAC-SHA256 of the entry, hex."""
    return hmac.new(key, canonical(entry), hashlib.sha256).hexdigest()


def scrub(data: Mapping[str, Any]) -> dict[str, Any]:
    """Strings with identity-shaped numbers masked (a second net: callers never pass them)."""
    return {k: redact(v) if isinstance(v, str) else v for k, v in data.items()}


def load_or_create_key(path: Path) -> bytes:
    """The audit key (32 random bytes, owner-only file), made on first use."""
    if path.exists():
        raw = path.read_bytes()
        if len(raw) == KEY_BYTES:
            return raw
        raise ValueError(f"{path}: not an audit key ({len(raw)} bytes)")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = os.urandom(KEY_BYTES)
    write_private(path, key)
    return key


def head_path(log: Path) -> Path:
    """Where the head (last seq and mac) of ``log`` is kept."""
    return log.with_name(log.name + ".head")


class AuditLog:
    """Appends entries (thread-safe, each one fsynced before :meth:`append` returns)."""

    def __init__(
        self,
        path: Path,
        key: bytes,
        kiosk: str,
        clock: Callable[[], Any],
        ship: Callable[[dict[str, Any]], None] | None = None,
    ) -> None:
        self.path = path
        self._key = key
        self._kiosk = kiosk
        self._clock = clock
        self._ship = ship  # the outbox, for the platform's copy
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.seq, self.last_mac = self._read_head()

    def _read_head(self) -> tuple[int, str]:
        # The log's own last line is the truth; the head file only guards the end.
        last: dict[str, Any] | None = None
        try:
            with self.path.open("rb") as fh:
                for line in fh:
                    if line.strip():
                        try:
                            last = json.loads(line)
                        except ValueError:
                            continue
        except FileNotFoundError:
            return 0, GENESIS
        if last is None:
            return 0, GENESIS
        return int(last["seq"]), str(last["mac"])

    def append(self, kind: str, data: Mapping[str, Any]) -> dict[str, Any]:
        """Write one entry durably, update the head, then hand it to the outbox."""
        with self._lock:
            entry: dict[str, Any] = {
                "seq": self.seq + 1,
                "at": self._clock().isoformat(),
                "kiosk": self._kiosk,
                "kind": kind,
                "data": scrub(data),
                "prev": self.last_mac,
            }
            entry["mac"] = mac_of(self._key, entry)
            line = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "ab") as fh:
                fh.write(line.encode("utf-8"))
                fh.flush()
                os.fsync(fh.fileno())
            self.seq, self.last_mac = entry["seq"], entry["mac"]
            self._write_head()
            if self._ship is not None:
                self._ship(entry)
            return entry

    def _write_head(self) -> None:
        head = {"seq": self.seq, "last": self.last_mac}
        head["mac"] = mac_of(self._key, head)
        write_private(head_path(self.path), json.dumps(head).encode("utf-8"))

    def entries_after(self, seq: int) -> list[dict[str, Any]]:
        """Entries with a sequence number above ``seq`` (to ship what a crash held back)."""
        out = []
        with self._lock, self.path.open("rb") as fh:
            for line in fh:
                try:
                    e = json.loads(line)
                except ValueError:
                    continue
                if int(e.get("seq", 0)) > seq:
                    out.append(e)
        return out


@dataclass(frozen=True, slots=True)
class Verdict:
    """``intact`` with the entry count, or the first broken entry (1-based) and why."""

    intact: bool
    entries: int
    broken_at: int | None = None
    reason: str = ""

    def __str__(self) -> str:
        if self.intact:
            return f"intact ({self.entries} entries)"
        return f"broken at entry {self.broken_at}: {self.reason}"


def verify(path: Path, key: bytes, head: Path | None = None) -> Verdict:
    """Check every entry's place, chain link and MAC, then the end against the head."""
    prev, n = GENESIS, 0
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Verdict(False, 0, 1, f"cannot read the file ({exc.strerror})")
    lines = raw.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for n, line in enumerate(lines, start=1):
        try:
            entry = json.loads(line)
            seq, link, mac = int(entry["seq"]), entry["prev"], entry["mac"]
        except (ValueError, KeyError, TypeError):
            return Verdict(False, n - 1, n, "not a complete entry (edited or cut)")
        if not hmac.compare_digest(str(mac), mac_of(key, entry)):
            return Verdict(False, n - 1, n, "its content does not match its MAC (edited)")
        if seq != n:
            return Verdict(
                False, n - 1, n, f"sequence number {seq} where {n} belongs (deleted or moved)"
            )
        if link != prev:
            return Verdict(False, n - 1, n, "does not follow the entry before it (moved)")
        prev = mac
    count = len(lines)
    head = head if head is not None else head_path(path)
    if head.exists():
        try:
            h = json.loads(head.read_text(encoding="utf-8"))
            head_ok = hmac.compare_digest(str(h["mac"]), mac_of(key, h))
            want, last = int(h["seq"]), str(h["last"])
        except (ValueError, KeyError, TypeError, OSError):
            return Verdict(False, count, count + 1, "the head file is damaged")
        if not head_ok:
            return Verdict(False, count, count + 1, "the head file does not match its MAC")
        if want > count:
            return Verdict(False, count, count + 1, f"missing: the log had {want} entries")
        if want == count and count and last != prev:
            return Verdict(False, count, count, "the last entry is not the one recorded")
    return Verdict(True, count)
