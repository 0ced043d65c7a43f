"""What the hall and fleet pages show, computed from the platform's records.

Pure functions over store rows, so the pages' rules (what is "today", what is an
alert) are read in one place and tested without a browser.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from central.console.audit import parse_utc
from central.console.i18n import place, tr
from central.tracking_text import shown_form

# A kiosk is offline after this many heartbeat intervals without one.
OFFLINE_AFTER_INTERVALS = 3
FAULT = "fault"
# A staff call that reached the platform this long after it was pressed waited in the
# kiosk's outbox (the platform was unreachable): online, the agent is woken at the press
# and delivers within seconds, and a few quick retries stay well under a minute.
LATE_AFTER_S = 60
# An unanswered call this old may have nobody left at the kiosk: by then even a 长辈模式
# session left alone has been wiped (default idle warning 60 s and countdown 30 s, both
# × 3 in assisted mode = 4.5 min), so the kiosk no longer shows the citizen the call.
MAY_HAVE_LEFT_AFTER_S = 5 * 60


# Device states a paper roll mends (kiosk/supervisor.py's printer states).
PAPER_REASONS = frozenset({"printer.paper_out", "printer.paper_near_end"})


@dataclass(frozen=True, slots=True)
class StaffCallRow:
    """One staff call on the hall page."""

    call_id: str
    kiosk_id: str | None
    location: str
    screen: str
    at: str  # when it was pressed, hall time with its date "2026-12-05 19:02:11"
    assisted: bool
    acknowledged_by: str | None
    acknowledged_at: str = ""  # hall time "19:02:40", as the press (try-out 7, 35)
    pressed_hm: str = ""  # "19:02"
    late_min: int | None = None  # delivered this many minutes after the press (was offline)
    age_min: int = 0  # minutes since the press
    may_have_left: bool = False  # unanswered and older than MAY_HAVE_LEFT_AFTER_S
    # The steps after 确认收到 (try-out 9, K1): who set out (正在前往), who closed it.
    coming_by: str | None = None
    coming_at: str = ""
    done_by: str | None = None
    done_at: str = ""
    # The device state that made the call ("printer.paper_out"; try-out 14, K4: a call
    # to add paper came as an ordinary call), "" for a citizen's own call.
    reason: str = ""
    # The 受理编号 whose receipt did not print, when the kiosk knew (try-out 15, K1:
    # staff walked over not knowing a reprint was wanted); "" otherwise.
    reprint: str = ""
    # The printer's state as the call was made, whatever made it ("printer.paper_out";
    # try-out 15, K1: the receipt page's call said nothing of paper); "" when it printed.
    printer: str = ""
    # When the journey behind the call ended on the kiosk (hall time, "" while it goes
    # on or the kiosk has not said): staff may still go, but nobody is waiting there
    # (try-out 15, K4).
    journey_ended_at: str = ""
    # The citizen tapped 呼叫工作人员 again on this call (its kiosk makes no new call while
    # it is open: try-out 17, C1/K4): taps in all, and the latest (hall time).
    asked: int = 1
    asked_last: str = ""
    # The printer works again since the call (hall time; try-out 17, K1: the row still
    # said 缺纸 after the paper was put back), and when the receipt to reprint printed.
    printer_back_at: str | None = None
    reprinted_at: str | None = None
    # What printed was a copy (补打, 回执已补打); else its first paper (回执已打印: the call
    # was about a receipt that did not come out; try-out 20, T1 follow-up).
    reprinted_copy: bool = False
    # The queue number or booking number the call was made with (the ticket page: try-out
    # 19, K2: the row said 取号或预约结果 but not the 2-E001 staff could call out); "".
    ticket: str = ""
    booking: str = ""

    @property
    def bring_paper(self) -> bool:
        """Whether staff should bring a paper roll with them."""
        if self.printer_back_at is not None:
            return False
        return self.reason in PAPER_REASONS or self.printer in PAPER_REASONS


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
    location: str  # where it stands, from its heartbeat ("" from a kiosk that does not say)
    paper: str
    outbox: int
    version: str
    clock_offset_s: float | None
    offline: bool
    faults: list[str] = field(default_factory=list)
    age: tuple[int, str] = (0, "s")  # since the last heartbeat: (n, unit of fleet.age.*)
    # The catalog version the kiosk offers a new citizen ("" when it does not say), and
    # whether it is not the one published: it still quotes the old fees (try-out 10, K2).
    catalog_version: str = ""
    catalog_behind: bool = False
    # Put out of service (暂停服务) from its maintenance panel: since when (hall time,
    # "" when the kiosk did not say) and why if it said (try-out 11, K2).
    paused: bool = False
    paused_since: str = ""
    paused_reason: str = ""


def _is_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def mask_name(name: str) -> str:
    """A name as the console shows it (hall, 受理查询), masked as the kiosk's screens and
    the receipt mask it, so staff and citizen read the same 王*明 (try-out 18, K2; it was
    王** here): 张三丰 → 张*丰, 李四 → *四, WANG XIAOMING → WANG X*******. The kiosk's rule
    (kiosk.identity.mask_name); the platform shares no code with the kiosk
    (import-linter), so this is its one copy on the platform's side."""
    name = name.strip()
    if not name:
        return ""
    if _is_cjk(name):
        if len(name) <= 2:  # one character stays; of two, the surname is hidden
            return name if len(name) == 1 else "*" + name[1]
        return name[0] + "*" * (len(name) - 2) + name[-1]
    first, *rest = name.split()
    if not rest:  # one word (a mononym): it alone would be the whole name
        return first[0] + "*" * (len(first) - 1)
    return " ".join([first, *(w[0] + "*" * (len(w) - 1) for w in rest)])


def staff_calls(
    rows: list[dict[str, Any]],
    acks: dict[str, tuple[str, str]],
    now: dt.datetime,
    offsets: Callable[[], dict[str, float]] | None = None,
    steps: dict[str, dict[str, tuple[str, str]]] | None = None,
    ended: dict[str, str] | None = None,
    updates: dict[str, tuple[str, dict[str, Any]]] | None = None,
) -> list[StaffCallRow]:
    """Staff-call submissions (newest first) as rows, with who acknowledged them, when
    each was pressed (hall time), whether it arrived late (saved offline on the kiosk)
    and whether its citizen may have left.

    ``offsets`` gives each kiosk's reported clock offset (platform minus kiosk), asked
    only when a call looks late, so a kiosk whose clock is wrong is not called late.
    ``updates``: call id -> (the kiosk that said it, its follow-ups: models.CallUpdateIn),
    each taken from the call's own kiosk only.
    """
    out = []
    known: dict[str, float] | None = None
    for r in rows:
        payload = (r.get("body") or {}).get("payload") or {}
        key = r["idempotency_key"]
        raw = str(payload.get("at") or r["received_at"])
        pressed, received = parse_utc(raw), parse_utc(str(r["received_at"]))
        acked_by = acks[key][0] if key in acks else None
        row = StaffCallRow(
            call_id=key,
            kiosk_id=r.get("kiosk_id"),
            location=str(payload.get("location") or payload.get("kiosk") or ""),
            screen=str(payload.get("screen") or ""),
            at=raw[11:19] if len(raw) >= 19 else raw,
            assisted=bool(payload.get("assisted")),
            reason=str(payload.get("reason") or "")[:64],
            printer=str(payload.get("printer") or "")[:64],
            # A call refers to its number, never owns it: kept in its body, not the column.
            # The kiosk sends it as stored; staff match it with the citizen's paper
            # (try-out 17, K2: "M001-261207-00010" against the receipt's "…-0001-0").
            reprint=shown_form(str((r.get("body") or {}).get("tracking_number") or "")[:64])
            if payload.get("receipt_not_printed") is True
            else "",
            acknowledged_by=acked_by,
            acknowledged_at=human_iso(acks[key][1], now) if key in acks else "",
            ticket=str(payload.get("ticket") or "")[:32],
            booking=shown_form(str(payload.get("booking") or "")[:64]),
        )
        if key in (ended or {}):
            row = replace(row, journey_ended_at=human_iso((ended or {})[key], now))
        said_by, said = (updates or {}).get(key, ("", {}))
        if said and said_by == r.get("kiosk_id"):
            row = _followed(row, said, now)
        taken = (steps or {}).get(key, {})
        if "coming" in taken:
            by, when = taken["coming"]
            row = replace(row, coming_by=by, coming_at=human_iso(when, now))
        if "done" in taken:
            by, when = taken["done"]
            row = replace(row, done_by=by, done_at=human_iso(when, now))
        if pressed is not None and received is not None:
            late_s = (received - pressed).total_seconds()
            if late_s > LATE_AFTER_S and offsets is not None and r.get("kiosk_id"):
                known = offsets() if known is None else known
                # The press on the platform's clock: the kiosk's clock plus its offset.
                shift = dt.timedelta(seconds=known.get(str(r["kiosk_id"]), 0.0))
                pressed += shift
                late_s -= shift.total_seconds()
            age_s = max(0.0, (now - pressed).total_seconds())
            local = pressed.astimezone()
            row = replace(
                row,
                # With its date: a list of calls read the next morning, or one left
                # unanswered overnight, is otherwise ambiguous (try-out 8, K4).
                at=f"{local:%Y-%m-%d %H:%M:%S}",
                pressed_hm=f"{local:%H:%M}",
                late_min=max(1, round(late_s / 60)) if late_s > LATE_AFTER_S else None,
                age_min=int(age_s // 60),
                may_have_left=acked_by is None
                and age_s > MAY_HAVE_LEFT_AFTER_S
                and not row.journey_ended_at,
            )
        out.append(row)
    return out


def _followed(row: StaffCallRow, said: dict[str, Any], now: dt.datetime) -> StaffCallRow:
    """A call's row as its kiosk's follow-ups update it: asked again, the printer back
    or failing otherwise now, the receipt reprinted."""
    asked = said.get("asked")
    if isinstance(asked, int) and asked > 1:
        row = replace(row, asked=asked, asked_last=human_iso(str(said.get("asked_at") or ""), now))
    printer = said.get("printer")
    if printer == "ok" and (row.printer or row.reason.startswith("printer.")):
        row = replace(row, printer_back_at=human_iso(str(said.get("printer_at") or ""), now))
    elif isinstance(printer, str) and printer.startswith("printer."):
        row = replace(row, printer=printer[:64])  # its state now, not at the call
    if said.get("receipt_printed_at") and row.reprint:
        at = human_iso(str(said["receipt_printed_at"]), now)
        row = replace(row, reprinted_at=at, reprinted_copy=said.get("receipt_copy") is True)
    return row


def todays_tickets(
    rows: list[dict[str, Any]],
    today: dt.date,
    calls: dict[str, tuple[str, str, str]] | None = None,
) -> tuple[list[TicketRow], list[TicketRow]]:
    """Today's queue tickets (with their calls: ``key -> (counter, username, at)``) and
    today's bookings (:func:`day_bookings`) from the appointment records."""
    day = today.isoformat()
    calls = calls or {}
    tickets = []
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
    tickets.sort(key=lambda t: t.at)
    return tickets, day_bookings(rows, today)


def day_bookings(rows: list[dict[str, Any]], day: dt.date) -> list[TicketRow]:
    """The bookings for ``day`` among appointment records, by slot time, the citizen's
    name masked and no document number (queue tickets and other days are left out)."""
    out = []
    for r in rows:
        payload = (r.get("body") or {}).get("payload") or {}
        if payload.get("type") != "appointment":
            continue
        if not str(payload.get("slot_start", "")).startswith(day.isoformat()):
            continue
        applicant = payload.get("applicant") or {}
        out.append(
            TicketRow(
                number="",
                department_id=str(payload.get("department_id", "")),
                at=f"{str(payload['slot_start'])[11:16]}–{str(payload.get('slot_end'))[11:16]}",
                applicant=mask_name(str(applicant.get("name", ""))),
                # As on the citizen's slip: the check character apart (C-f).
                tracking_number=shown_form(str(r.get("tracking_number") or "")),
            )
        )
    out.sort(key=lambda t: t.at)
    return out


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


def human_iso(iso: str, now: dt.datetime) -> str:
    """An ISO time as :func:`human_time` words it (the text itself when it is not one)."""
    at = parse_utc(iso)
    return iso if at is None else human_time(at, now)


def hall_text(iso: str, lang: str) -> str:
    """A stored time where a page says hall time, in the console's one format: date,
    time to the second and the zone's word, "2026-12-07 10:13:08 大厅时间" (try-out 10,
    K1: raw ISO with "Z" or "+00:00" read as UTC, yet it was the hall's time); the
    text itself when it is not a time. The audit page's UTC times read the same way
    (central.console.audit.utc_text)."""
    at = parse_utc(iso)
    return iso if at is None else f"{at.astimezone():%Y-%m-%d %H:%M:%S} {tr('time.hall', lang)}"


# The paper states a printer reports. Anything else in the heartbeat's "paper" is the
# printer's own state (an offline printer reports "offline"): the paper is then not
# known, and the fleet page says so instead of calling the paper 离线 (try-out 8, K3).
PAPER_STATES = frozenset({"ok", "ready", "paper_near_end", "paper_out", "unknown"})


def dated_time(at: dt.datetime) -> str:
    """A moment in hall time with its date, "2026-12-05 19:01:54"."""
    return f"{at.astimezone():%Y-%m-%d %H:%M:%S}"


def age(at: dt.datetime, now: dt.datetime) -> tuple[int, str]:
    """How long ago ``at`` was, as (n, unit) in the largest whole unit: s, min, h or d."""
    s = max(0, int((now - at).total_seconds()))
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if s >= size:
            return s // size, unit
    return s, "s"


def _catalog_behind(beat: dict[str, Any], published: tuple[str, str] | None) -> bool:
    """Whether a kiosk's heartbeat reports a catalog other than the published one: by
    its ETag (exact), else by the catalog's own version; not said: not flagged."""
    if published is None:
        return False
    version, etag = published
    held = beat.get("catalog_etag")
    if isinstance(held, str) and held:
        return held.removeprefix("W/") != etag.removeprefix("W/")
    said = beat.get("catalog_version")
    return isinstance(said, str) and bool(said) and said != version


def fleet(
    rows: list[dict[str, Any]],
    now: dt.datetime,
    interval_s: int,
    lang: str,
    published: tuple[str, str] | None = None,
) -> list[KioskRow]:
    """Every kiosk's latest heartbeat, with its offline and fault alerts, its place in
    ``lang``; ``published`` (the catalog's own version, its ETag) flags kiosks that hold
    another catalog."""
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
                # Date and age both: "10:08:04" alone does not say whether it is
                # today's or how stale it is (try-out 8, K3).
                received_at=dated_time(received),
                location=place(beat, lang),
                age=age(received, now),
                devices={k: v for k, v in devices.items() if k != "paper"},
                paper=devices.get("paper", "unknown"),
                outbox=sum(int(queue.get(k, 0)) for k in ("pending", "sending", "failed")),
                version=str(beat.get("version", "")),
                clock_offset_s=float(offset) if isinstance(offset, int | float) else None,
                offline=(now - received).total_seconds() > OFFLINE_AFTER_INTERVALS * interval_s,
                faults=sorted(k for k, v in devices.items() if v == FAULT),
                catalog_version=str(beat.get("catalog_version") or ""),
                catalog_behind=_catalog_behind(beat, published),
                **_paused(beat),
            )
        )
    return out


def _paused(beat: dict[str, Any]) -> dict[str, Any]:
    """KioskRow's 暂停服务 fields from a heartbeat's ``service`` (absent from a kiosk older
    than try-out 11: nothing said, nothing shown)."""
    service = beat.get("service")
    if not isinstance(service, dict) or service.get("state") != "out_of_service":
        return {}
    since = ""
    with contextlib.suppress(ValueError):  # a moment not said or garbled: no "since"
        since = dated_time(dt.datetime.fromisoformat(str(service.get("since") or "")))
    return {
        "paused": True,
        "paused_since": since,
        "paused_reason": str(service.get("reason") or ""),
    }
