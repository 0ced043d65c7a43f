"""What the hall and fleet pages show, computed from the platform's records.

Pure functions over store rows, so the pages' rules (what is "today", what is an
alert) are read in one place and tested without a browser.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# A kiosk is offline after this many heartbeat intervals without one.
OFFLINE_AFTER_INTERVALS = 3
FAULT = "fault"


@dataclass(frozen=True, slots=True)
class StaffCallRow:
    """One staff call on the hall page."""

    call_id: str
    kiosk_id: str | None
    location: str
    screen: str
    at: str
    assisted: bool
    acknowledged_by: str | None


@dataclass(frozen=True, slots=True)
class TicketRow:
    """A queue ticket or a booking on the hall page."""

    number: str
    department_id: str
    at: str
    applicant: str = ""
    tracking_number: str = ""
    called: str = ""  # "3 · alice 09:12": the counter it was called to, by whom, when


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One walk-in queue of the hall today, with its 叫号 button."""

    hall: str
    department_id: str
    waiting: int
    next_number: str


@dataclass(frozen=True, slots=True)
class KioskRow:
    """One kiosk on the fleet page."""

    kiosk_id: str
    received_at: str
    devices: dict[str, str]
    paper: str
    outbox: int
    version: str
    clock_offset_s: float | None
    offline: bool
    faults: list[str] = field(default_factory=list)


def mask_name(name: str) -> str:
    """A name as the hall may see it: the first character, the rest hidden."""
    return name[:1] + "*" * max(0, len(name) - 1) if name else ""


def staff_calls(rows: list[dict[str, Any]], acks: dict[str, tuple[str, str]]) -> list[StaffCallRow]:
    """Staff-call submissions (newest first) as rows, with who acknowledged them."""
    out = []
    for r in rows:
        payload = (r.get("body") or {}).get("payload") or {}
        key = r["idempotency_key"]
        at = str(payload.get("at") or r["received_at"])
        out.append(
            StaffCallRow(
                call_id=key,
                kiosk_id=r.get("kiosk_id"),
                location=str(payload.get("location") or payload.get("kiosk") or ""),
                screen=str(payload.get("screen") or ""),
                at=at[11:19] if len(at) >= 19 else at,
                assisted=bool(payload.get("assisted")),
                acknowledged_by=acks[key][0] if key in acks else None,
            )
        )
    return out


def todays_tickets(
    rows: list[dict[str, Any]],
    today: dt.date,
    calls: dict[str, tuple[str, str, str]] | None = None,
) -> tuple[list[TicketRow], list[TicketRow]]:
    """Today's queue tickets (with their calls: ``key -> (counter, username, at)``) and
    today's bookings from the appointment records."""
    day = today.isoformat()
    calls = calls or {}
    tickets, bookings = [], []
    for r in rows:
        payload = (r.get("body") or {}).get("payload") or {}
        kind = payload.get("type")
        if kind == "queue_ticket" and str(payload.get("issued_at", "")).startswith(day):
            call = calls.get(str(r.get("idempotency_key")))
            tickets.append(
                TicketRow(
                    str(payload.get("number", "")),
                    str(payload.get("department_id", "")),
                    str(payload["issued_at"])[11:16],
                    called=f"{call[0]} · {call[1]} {_local_hm(call[2])}" if call else "",
                )
            )
        elif kind == "appointment" and str(payload.get("slot_start", "")).startswith(day):
            applicant = payload.get("applicant") or {}
            bookings.append(
                TicketRow(
                    number="",
                    department_id=str(payload.get("department_id", "")),
                    at=f"{str(payload['slot_start'])[11:16]}–{str(payload.get('slot_end'))[11:16]}",
                    applicant=mask_name(str(applicant.get("name", ""))),
                    tracking_number=str(r.get("tracking_number") or ""),
                )
            )
    tickets.sort(key=lambda t: t.at)
    bookings.sort(key=lambda t: t.at)
    return tickets, bookings


def queues(waiting: list[Any], day: str) -> list[QueueRow]:
    """The hall's queues of ``day`` with tickets still waiting (``central.queue.QueueTicket``
    in order of issue, the called ones left out), the next to call first in each."""
    out: dict[tuple[str, str], list[Any]] = {}
    for t in waiting:
        if t.day == day:
            out.setdefault((t.hall, t.department_id), []).append(t)
    return [QueueRow(hall, dept, len(ts), ts[0].number) for (hall, dept), ts in sorted(out.items())]


def _local_hm(iso: str) -> str:
    try:
        return dt.datetime.fromisoformat(iso).astimezone().strftime("%H:%M")
    except ValueError:
        return iso


def human_time(at: dt.datetime, now: dt.datetime) -> str:
    """A moment as staff read it, like the hall page: local "19:01:54" today, with the
    date before it on another day (try-out 3: the fleet page showed raw ISO UTC)."""
    local, today = at.astimezone(), now.astimezone().date()
    return f"{local:%H:%M:%S}" if local.date() == today else f"{local:%Y-%m-%d %H:%M:%S}"


def fleet(rows: list[dict[str, Any]], now: dt.datetime, interval_s: int) -> list[KioskRow]:
    """Every kiosk's latest heartbeat, with its offline and fault alerts."""
    out = []
    for r in rows:
        beat = r.get("last") or {}
        received = dt.datetime.fromisoformat(str(r["received_at"]).replace("Z", "+00:00"))
        devices = {str(k): str(v) for k, v in (beat.get("devices") or {}).items()}
        queue = beat.get("queue") or {}
        offset = beat.get("clock_offset_s")
        out.append(
            KioskRow(
                kiosk_id=str(r["kiosk_id"]),
                received_at=human_time(received, now),
                devices={k: v for k, v in devices.items() if k != "paper"},
                paper=devices.get("paper", "unknown"),
                outbox=sum(int(queue.get(k, 0)) for k in ("pending", "sending", "failed")),
                version=str(beat.get("version", "")),
                clock_offset_s=float(offset) if isinstance(offset, int | float) else None,
                offline=(now - received).total_seconds() > OFFLINE_AFTER_INTERVALS * interval_s,
                faults=sorted(k for k, v in devices.items() if v == FAULT),
            )
        )
    return out
