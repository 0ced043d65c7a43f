"""Ratings and complaints that need a 整改回访 (follow-up): what is due, and when.

A rating of 不满意 (2) or 非常不满意 (1), and feedback of the complaint category, is a
case. Its follow-up is due 15 working days after it arrived (data/working_days.json
lists the public holidays and make-up working days).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from central.store import POOR_RATING_LEVELS
from central.tracking_text import shown_form

FOLLOW_UP_WORKING_DAYS = 15
# 非常不满意, 不满意: the store marks the same ratings as cases (one definition).
POOR_LEVELS = POOR_RATING_LEVELS


class CalendarError(ValueError):
    """A working-day calendar file that cannot be used (the message says why)."""


# The operator's calendar file (``kiosk-central --working-days FILE``); None: the
# packaged data/working_days.json.
_calendar_file: Path | None = None


def _parse(text: str, where: str) -> tuple[frozenset[dt.date], frozenset[dt.date], frozenset[int]]:
    try:
        data = json.loads(text)
        holidays = frozenset(dt.date.fromisoformat(d) for d in data["holidays"])
        workdays = frozenset(dt.date.fromisoformat(d) for d in data["workdays"])
        years = frozenset(int(y) for y in data.get("years", []))
    except (ValueError, KeyError, TypeError) as exc:
        raise CalendarError(
            f"{where}: not a working-day calendar ({exc}); expected"
            ' {"years": [2027], "holidays": ["YYYY-MM-DD", ...], "workdays": [...]}'
        ) from None
    if holidays & workdays:
        day = min(holidays & workdays)
        raise CalendarError(f"{where}: {day} is both a holiday and a make-up working day")
    outside = {d.year for d in holidays | workdays} - years
    if outside:
        raise CalendarError(
            f'{where}: dates in {min(outside)} but {min(outside)} is not listed in "years"'
        )
    return holidays, workdays, years


def use_calendar(path: Path | None) -> None:
    """Take the working-day calendar from ``path`` (None: the packaged one); raises
    CalendarError for a file that cannot be used, so the platform refuses to start."""
    global _calendar_file
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CalendarError(f"{path}: cannot read the calendar ({exc.strerror})") from None
        _parse(text, str(path))
    _calendar_file = path
    _calendar.cache_clear()


@cache
def _calendar() -> tuple[frozenset[dt.date], frozenset[dt.date], frozenset[int]]:
    if _calendar_file is not None:
        return _parse(_calendar_file.read_text(encoding="utf-8"), str(_calendar_file))
    text = resources.files("central.console").joinpath("data/working_days.json").read_text()
    return _parse(text, "central/console/data/working_days.json")


def calendar() -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(public holidays, make-up working days) of the calendar in use."""
    holidays, workdays, _ = _calendar()
    return holidays, workdays


def calendar_warning(today: dt.date) -> str | None:
    """Why due dates may be wrong: the calendar does not cover this year (or, from
    December, the next), so they count Monday to Friday only. None: covered."""
    _, _, years = _calendar()
    wanted = [today.year] + ([today.year + 1] if today.month == 12 else [])
    missing = [y for y in wanted if y not in years]
    if not missing:
        return None
    where = _calendar_file or "the packaged calendar (give --working-days FILE)"
    return (
        f"the working-day calendar has no public holidays for {', '.join(map(str, missing))}:"
        f" 整改回访 due dates count Monday to Friday only; list the State Council's"
        f" holidays and make-up working days of that year in {where}"
    )


def is_working_day(
    day: dt.date, holidays: frozenset[dt.date], workdays: frozenset[dt.date]
) -> bool:
    """Monday–Friday unless a holiday, or a make-up working day."""
    if day in workdays:
        return True
    return day.weekday() < 5 and day not in holidays


def due_date(
    received: dt.date,
    days: int = FOLLOW_UP_WORKING_DAYS,
    holidays: frozenset[dt.date] | None = None,
    workdays: frozenset[dt.date] | None = None,
) -> dt.date:
    """The ``days``-th working day after ``received``."""
    if holidays is None or workdays is None:
        holidays, workdays = calendar()
    day, left = received, days
    while left:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays, workdays):
            left -= 1
    return day


@dataclass(frozen=True, slots=True)
class Case:
    """One poor rating or complaint on the cases page."""

    key: str
    kind: str  # "rating" or "complaint"
    level: str  # rating label (e.g. "dissatisfied") or "" for a complaint
    text: str
    reasons: list[str]
    tracking_number: str
    kiosk_id: str
    received: dt.date
    due: dt.date
    phone: str
    follow_ups: list[tuple[str, str, str]]  # (at, username, note)
    overdue: bool
    # What the call-back clerk opens the call with (try-out 9, K4): the service rated (""
    # for a rating from the home screen's 评价 tile) and when (ISO; the page words it).
    service_id: str = ""
    at: str = ""

    @property
    def state(self) -> str:
        """One of STATES: no number to call (no_contact: whatever is recorded, nobody
        can be called back), followed up (handled), past its due date (overdue), or
        open."""
        if not self.phone:
            return "no_contact"
        if self.follow_ups:
            return "handled"
        return "overdue" if self.overdue else "open"


# A case's states, as the cases page filters them (try-out 10, K4); the "open" filter
# also lists the overdue ones: both still wait for their call back. A case whose citizen
# left no number (or gave no consent to use it) waits for no call back: it is listed as
# such, never 待回访 nor 已逾期 (try-out 13, C3/K4: 待回访 with an empty 回访电话 and a
# due date, a case staff could never close by calling).
STATES = ("open", "overdue", "handled", "no_contact")


def in_state(found: list[Case], state: str) -> list[Case]:
    """The cases the page lists under ``state`` (every case for any other word)."""
    if state == "open":
        return [c for c in found if c.state in ("open", "overdue")]
    if state in STATES:
        return [c for c in found if c.state == state]
    return found


def cases(
    ratings: list[dict[str, Any]],
    feedback: list[dict[str, Any]],
    follow_ups: dict[str, list[tuple[str, str, str]]],
    today: dt.date,
) -> list[Case]:
    """Poor ratings and complaints with due dates and follow-ups: those still waiting
    for their call back first, the soonest due first (try-out 10, K4: the clerk works
    down the list), then the handled ones and those with no number to call, newest
    first."""
    out = []
    for kind, rows in (("rating", ratings), ("complaint", feedback)):
        for r in rows:
            p = (r.get("body") or {}).get("payload") or {}
            if kind == "rating" and p.get("level") not in POOR_LEVELS:
                continue
            if kind == "complaint" and p.get("category") != "complaint":
                continue
            received = (
                dt.datetime.fromisoformat(str(r["received_at"]).replace("Z", "+00:00"))
                .astimezone()
                .date()
            )
            due = due_date(received)
            contact = p.get("follow_up") or p.get("contact") or {}
            done = follow_ups.get(r["idempotency_key"], [])
            # Given with consent for exactly this call back (purpose in the record).
            phone = str(contact.get("phone") or "") if contact.get("consent") else ""
            out.append(
                Case(
                    key=r["idempotency_key"],
                    kind=kind,
                    level=str(p.get("label", "")) if kind == "rating" else "",
                    text=str(p.get("comment") or p.get("text") or ""),
                    reasons=[str(x) for x in p.get("reasons") or []],
                    # A rating names the receipt it rates, a complaint its own reference:
                    # the record carries it though only applications own their number.
                    # As on the citizen's receipt: the check character apart (C-f).
                    tracking_number=shown_form(
                        str(
                            r.get("tracking_number")
                            or (r.get("body") or {}).get("tracking_number")
                            or ""
                        )
                    ),
                    kiosk_id=str(r.get("kiosk_id") or ""),
                    received=received,
                    due=due,
                    phone=phone,
                    follow_ups=done,
                    overdue=not done and bool(phone) and today > due,
                    service_id=str(p.get("service_id") or ""),
                    # A rating's rated_at, a complaint's sent_at (offline, either may be
                    # well before the platform received it).
                    at=str(
                        p.get("rated_at") or p.get("sent_at") or p.get("at") or r["received_at"]
                    ),
                )
            )
    out.sort(key=lambda c: c.received, reverse=True)
    waiting = sorted(
        (c for c in out if c.state in ("open", "overdue")), key=lambda c: (c.due, c.received)
    )
    return waiting + [c for c in out if c.state not in ("open", "overdue")]
