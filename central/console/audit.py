"""Audit trails the kiosks deliver ("audit" records): search, and chain verification.

Each entry is ``seq, at, kiosk, kind, data, prev, mac`` (kiosk/audit/chain.py): ``prev``
is the previous entry's ``mac``, 64 zeros for the first. The MAC key stays on the
kiosk, so the platform checks what it can without it: the sequence has no gaps, each
``prev`` matches the entry before, no ``seq`` arrives twice with different contents.
A gap may only be entries still in a kiosk's outbox; a broken link or a conflict is
tampering or a bug, and both are shown.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from central.console.accounts import ConsoleEvent
from central.console.drafts import Publication
from central.tracking_text import stored_form

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class Entry:
    """One audit entry as delivered."""

    kiosk: str
    seq: int
    at: str
    kind: str
    data: dict[str, Any]
    prev: str
    mac: str


@dataclass(slots=True)
class ChainReport:
    """What the platform can say about one kiosk's chain."""

    kiosk: str
    entries: int = 0
    last_seq: int = 0
    gaps: list[tuple[int, int]] = field(default_factory=list)  # missing seq ranges
    broken: list[int] = field(default_factory=list)  # seqs whose prev does not match
    conflicts: list[int] = field(default_factory=list)  # seqs delivered twice, differently

    @property
    def intact(self) -> bool:
        """No gap, no broken link, no conflict."""
        return not (self.gaps or self.broken or self.conflicts)


def entries(rows: list[dict[str, Any]]) -> list[Entry]:
    """Audit submissions as entries (malformed ones are skipped: they cannot be chained)."""
    out = []
    for r in rows:
        p = (r.get("body") or {}).get("payload") or {}
        try:
            out.append(
                Entry(
                    kiosk=str(p.get("kiosk") or r.get("kiosk_id") or ""),
                    seq=int(p["seq"]),
                    at=str(p.get("at", "")),
                    kind=str(p.get("kind", "")),
                    data=dict(p.get("data") or {}),
                    prev=str(p["prev"]),
                    mac=str(p["mac"]),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return out


def verify(all_entries: list[Entry]) -> list[ChainReport]:
    """One report per kiosk, in kiosk order."""
    by_kiosk: dict[str, dict[int, Entry]] = {}
    reports: dict[str, ChainReport] = {}
    for e in all_entries:
        report = reports.setdefault(e.kiosk, ChainReport(e.kiosk))
        seen = by_kiosk.setdefault(e.kiosk, {})
        if e.seq in seen:
            if seen[e.seq] != e and e.seq not in report.conflicts:
                report.conflicts.append(e.seq)
            continue
        seen[e.seq] = e
    for kiosk, chain in by_kiosk.items():
        report = reports[kiosk]
        report.entries = len(chain)
        report.last_seq = max(chain)
        expected_prev: str | None = GENESIS
        for seq in range(1, report.last_seq + 1):
            e = chain.get(seq)
            if e is None:
                if report.gaps and report.gaps[-1][1] == seq - 1:
                    report.gaps[-1] = (report.gaps[-1][0], seq)
                else:
                    report.gaps.append((seq, seq))
                expected_prev = None  # unknown until the missing entry arrives
                continue
            if expected_prev is not None and e.prev != expected_prev:
                report.broken.append(seq)
            expected_prev = e.mac
    return [reports[k] for k in sorted(reports)]


def search(
    all_entries: list[Entry],
    kiosk: str,
    text: str,
    limit: int = 500,
    words: Callable[[Entry], str] | None = None,
) -> list[Entry]:
    """Entries (newest first) of ``kiosk`` (any if empty) whose kind or data contain
    ``text``, or the ``words`` the page shows for them (查看日志 finds panel.view_logs)."""
    # A tracking number copied from a receipt (the check character apart) finds the
    # entries that carry it as the kiosk sent it (try-out 7, C-f).
    needle = stored_form(text.strip()).lower()
    found = []
    for e in sorted(all_entries, key=lambda e: (e.at, e.seq), reverse=True):
        if kiosk and e.kiosk != kiosk:
            continue
        hay = (e.kind + " " + json.dumps(e.data, ensure_ascii=False)).lower()
        if words is not None:
            hay += " " + words(e).lower()
        if needle and needle not in hay:
            continue
        found.append(e)
        if len(found) >= limit:
            break
    return found


def publications(found: list[Publication], text: str) -> list[Publication]:
    """Catalog publications from the console whose who, version or services contain ``text``."""
    needle = text.strip().lower()
    if not needle:
        return found
    return [
        p
        for p in found
        if needle
        in " ".join([p.username, p.catalog_version, *p.added, *p.changed, *p.removed]).lower()
    ]


def console_events(
    found: list[ConsoleEvent],
    kiosk: str,
    text: str,
    words: Callable[[str], str],
    about: Callable[[ConsoleEvent], str] | None = None,
) -> list[ConsoleEvent]:
    """Console events of ``kiosk`` (any when empty) whose who, action (also as the page
    words it), call (also as ``about`` words it) or kiosk contain ``text``."""
    needle = text.strip().lower()
    out = []
    for e in found:
        if kiosk and e.kiosk_id != kiosk:
            continue
        hay = " ".join([e.username, e.action, words(e.action), e.target, e.kiosk_id or ""])
        if about is not None:
            hay += " " + about(e)
        if needle and needle not in hay.lower():
            continue
        out.append(e)
    return out


def parse_utc(at: str) -> dt.datetime | None:
    """A kiosk's ISO time (``Z`` or an offset; UTC when it names none), or None when the
    text is not a time."""
    try:
        moment = dt.datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def utc_text(at: str) -> str:
    """An entry's time as technicians match it with system and network logs: real UTC,
    to the second, labelled (README: the audit trail keeps real UTC on purpose, also
    under the demo's simulated hall time); the text itself when it is not a time."""
    moment = parse_utc(at)
    if moment is None:
        return at
    return f"{moment.astimezone(dt.UTC):%Y-%m-%d %H:%M:%S} UTC"
