"""The console's pages: sign-in, sign-out, hall view and fleet view (under ``/console``).

Every page but the sign-in form needs a session cookie (HttpOnly, SameSite=Strict,
Secure over TLS); every POST form carries a CSRF token that must match the session's
(the sign-in form's token matches a cookie set with the form). Pages a role may not
see answer 403. Forms are read with the standard library's URL-encoded parser: the
console posts nothing else.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hmac
import json
import logging
import math
import re
import secrets
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from central import queue
from central.console import audit, cases, catalog_routes, lookup, views
from central.console.accounts import (
    FAILURE_REASONS,
    LOCKOUT,
    MAX_FAILURES,
    SOURCE_MAX_FAILURES,
    SOURCE_WINDOW,
    ConsoleEvent,
    SignIn,
    Staff,
    StaffStore,
    source_keys,
)
from central.console.audit_words import call_words, details_words, kind_words
from central.console.i18n import LANGUAGES, label, pick_language, place, tr
from central.store import PlatformStore
from central.tracking_text import shown_form, typed_number

# The cookies' names; each is sent with the platform's port (cookie_name).
SESSION_COOKIE = "console_session"
PRESIGN_COOKIE = "console_presign"
LANG_COOKIE = "console_lang"
PREFIX = "/console"
MAX_FORM_BYTES = 16384
MAX_CATALOG_FORM_BYTES = 2 * 1024 * 1024  # the catalog editor posts whole documents
MAX_NOTE_CHARS = 2000
HALL_REFRESH_S = 3  # staff calls show up within seconds without any script
ERROR_REFRESH_S = 10  # a 叫号 refused: long enough to read why, then the hall page again
COUNTER = re.compile(r"[0-9A-Za-z]{1,4}")  # a counter's mark as painted above it: 3, B2
MAX_CALL_TRIES = 5
log = logging.getLogger(__name__)


@cache
def _roles() -> dict[str, frozenset[str]]:
    text = resources.files("central.console").joinpath("data/roles.json").read_text("utf-8")
    return {k: frozenset(v) for k, v in json.loads(text).items() if not k.startswith("_")}


@dataclass
class ConsoleDeps:
    """What the console reads and writes."""

    store: PlatformStore
    staff: StaffStore
    heartbeat_interval_s: int
    now: Callable[[], dt.datetime]
    # The catalog in force (version, document), and storing a new version to serve.
    catalog: Callable[[], tuple[int, dict[str, Any]]]
    publish: Callable[[dict[str, Any]], int]
    # The ETag the catalog in force is served under (the fleet page compares kiosks' to it).
    catalog_etag: Callable[[], str] | None = None
    # The real time (``now`` is the hall's, simulated in the demo): what the audit page
    # lists under 时间（UTC） is stamped by it (try-out 10, K1). None: ``now``.
    real_now: Callable[[], dt.datetime] | None = None
    # A tracking number's status as the kiosk's 查询 gets it (Platform.status: the demo
    # timer moves it on first), so 受理查询 never tells staff less than the citizen
    # reads; None: the stored history as it is.
    status: Callable[[str], dict[str, Any] | None] | None = None

    def real(self) -> dt.datetime:
        """The real time now."""
        return (self.real_now or self.now)()


class _Page:
    """One request's language, signed-in member of staff and CSRF token."""

    def __init__(self, request: Request, staff: Staff | None, csrf: str | None) -> None:
        self.request = request
        self.staff = staff
        self.csrf = csrf
        self.lang = pick_language(
            request.query_params.get("lang"), request.cookies.get(cookie_name(request, LANG_COOKIE))
        )

    def context(self, **extra: Any) -> dict[str, Any]:
        lang = self.lang
        return {
            "t": lambda key: tr(key, lang),
            "label": lambda kind, code: label(kind, str(code), lang),
            "lang": lang,
            "other_lang": next(x for x in LANGUAGES if x != lang),
            "staff": self.staff,
            "csrf": self.csrf,
            "pages": [
                p for p, roles in _roles().items() if self.staff and self.staff.role in roles
            ],
            **extra,
        }


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def cookie_name(request: Request, name: str) -> str:
    """``name`` as this platform's cookie: with the port the browser reached it on.
    A browser keeps cookies by host, whatever the port (RFC 6265 §8.5), so two
    platforms on one host (the demo's kiosks side by side, each with its own on
    127.0.0.1) shared one ``console_session``: signing in to one signed staff out of
    the other (try-out 17, K4). Instances behind one address and port (several
    processes on one database) share the name, as they share the sessions."""
    port = request.url.port or (443 if _secure(request) else 80)
    return f"{name}_{port}"


def _set_cookie(request: Request, resp: Response, name: str, value: str, max_age: int) -> None:
    resp.set_cookie(
        cookie_name(request, name),
        value,
        max_age=max_age,
        path=PREFIX,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
    )


def _drop_cookie(request: Request, resp: Response, name: str) -> None:
    # With the attributes it was set with: a browser may keep a cookie whose deletion
    # differs (SameSite, Secure) from the one it holds.
    resp.delete_cookie(
        cookie_name(request, name),
        path=PREFIX,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
    )


class _TooLarge(Exception):
    """A form body over its limit (the argument: the limit in bytes)."""


async def _form(request: Request) -> dict[str, str]:
    body = await request.body()
    limit = (
        MAX_CATALOG_FORM_BYTES
        if request.url.path.startswith(f"{PREFIX}/catalog")
        else MAX_FORM_BYTES
    )
    if len(body) > limit:
        raise _TooLarge(limit)
    parsed = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return {k: v[0] for k, v in parsed.items()}


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def mount(app: FastAPI, deps: ConsoleDeps) -> None:
    """Add the console's routes to the platform app."""
    templates = Jinja2Templates(
        directory=str(Path(str(resources.files("central.console"))) / "templates")
    )
    router = APIRouter(prefix=PREFIX, include_in_schema=False)

    def who(request: Request) -> tuple[Staff, str] | None:
        token = request.cookies.get(cookie_name(request, SESSION_COOKIE))
        return deps.staff.session(token, deps.now()) if token else None

    def _dept_namer(lang: str) -> Callable[[str], str]:
        # Counters by the names the catalog gives them (the id when it names none).
        names: dict[str, str] = {}
        try:
            doc = deps.catalog()[1]
            for d in doc.get("appointment_departments") or []:
                names[str(d.get("id"))] = str((d.get("name") or {}).get(lang) or d.get("id"))
            for d in doc.get("departments") or []:
                names.setdefault(str(d.get("id")), str((d.get("name") or {}).get(lang) or ""))
        except Exception:
            log.exception("catalog unreadable for department names")
        return lambda dept_id: names.get(dept_id) or dept_id

    def render(page: _Page, name: str, status: int = 200, **extra: Any) -> HTMLResponse:
        extra.setdefault("dept", _dept_namer(page.lang))
        # Stored times on pages that say hall time: date, time and the zone's word.
        extra.setdefault("when", lambda iso: views.hall_text(iso, page.lang))
        resp = templates.TemplateResponse(
            page.request, name, page.context(**extra), status_code=status
        )
        resp.headers["Cache-Control"] = "no-store"
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'self' 'unsafe-inline'; form-action 'self';"
            " frame-ancestors 'none'"
        )
        if page.request.query_params.get("lang") in LANGUAGES:
            _set_cookie(page.request, resp, LANG_COOKIE, page.lang, 365 * 86400)
        return resp

    def to_signin() -> RedirectResponse:
        return RedirectResponse(f"{PREFIX}/signin", status_code=303)

    def gate(request: Request, page_name: str) -> _Page | Response:
        found = who(request)
        if found is None:
            return to_signin()
        staff, csrf = found
        page = _Page(request, staff, csrf)
        if staff.role not in _roles()[page_name]:
            return render(page, "message.html", 403, message=tr("forbidden", page.lang))
        return page

    async def posted(
        request: Request, page_name: str | None
    ) -> tuple[_Page, dict[str, str]] | Response:
        """A signed-in POST with a matching CSRF token (else sign-in or 403)."""
        found = who(request)
        if found is None:
            return to_signin()
        staff, csrf = found
        page = _Page(request, staff, csrf)
        try:
            form = await _form(request)
        except _TooLarge as too:
            # Say so: "the form expired" would send them to reload and lose it again.
            limit = int(too.args[0])
            size = f"{limit >> 20} MiB" if limit >= 1 << 20 else f"{limit >> 10} KiB"
            message = tr("form.too_large", page.lang).replace("{limit}", size)
            return render(page, "message.html", 413, message=message)
        if not _same(form.get("csrf"), csrf):
            return render(page, "message.html", 403, message=tr("bad_csrf", page.lang))
        if page_name is not None and staff.role not in _roles()[page_name]:
            return render(page, "message.html", 403, message=tr("forbidden", page.lang))
        return page, form

    @router.get("", response_class=HTMLResponse)
    @router.get("/", response_class=HTMLResponse)
    def home(request: Request) -> Response:
        found = who(request)
        if found is None:
            return to_signin()
        first = next(p for p, roles in _roles().items() if found[0].role in roles)
        return RedirectResponse(f"{PREFIX}/{first}", status_code=303)

    @router.get("/signin", response_class=HTMLResponse)
    def signin_form(request: Request) -> Response:
        return _signin_page(request, None, 200)

    def _signin_page(
        request: Request, error: str | None, status: int, refused: SignIn | None = None
    ) -> Response:
        presign = secrets.token_urlsafe(32)
        page = _Page(request, None, presign)
        words = _throttle_words(tr(error, page.lang)) if error else None
        if refused is not None:
            words = _refusal_words(refused, page.lang)
        resp = render(page, "signin.html", status, error=words)
        _set_cookie(request, resp, PRESIGN_COOKIE, presign, 3600)
        return resp

    # One sign-in at a time from each address (in this process): the throttle and the
    # accounts' lock count a failure once its password was checked, so tries sent side
    # by side all passed both checks before the first was counted (30 at once: 30
    # passwords checked, against one account too). Several platform processes each
    # let one through at a time.
    one_at_a_time = _KeyedLocks()

    @router.post("/signin", response_class=HTMLResponse)
    async def signin(request: Request) -> Response:
        try:
            form = await _form(request)
        except _TooLarge:
            form = {}  # no sign-in form is that large: refused as a stale one
        if not _same(form.get("csrf"), request.cookies.get(cookie_name(request, PRESIGN_COOKIE))):
            return _signin_page(request, "signin.expired", 403)
        username = form.get("username", "").strip()
        # The peer's address (uvicorn puts a trusted proxy's X-Forwarded-For here).
        source = request.client.host if request.client else "unknown"
        # Keyed as the throttle counts: an IPv6 /64's addresses wait for each other too.
        async with one_at_a_time.hold(source_keys(source)[0]):
            return await _signin_from(request, form, username, source)

    async def _signin_from(
        request: Request, form: dict[str, str], username: str, source: str
    ) -> Response:
        # The throttle and the failures the audit page lists run on the real clock (the
        # page says real UTC; a switch of the demo's hall clock moves neither).
        if await _in_thread(deps.staff.source_throttled, source, deps.real()):
            # Refused before any password is checked, the right one too: guessing from
            # one address is slowed to SOURCE_MAX_FAILURES tries per SOURCE_WINDOW.
            first = await _in_thread(
                deps.staff.record_failure, username, source, "throttled", deps.real()
            )
            if first:  # once a minute an address is refused, not a line a try (a flood)
                log.warning("console sign-in refused: too many failures from %s", source)
            return _signin_page(request, "signin.throttled", 429)
        result = await _in_thread(
            deps.staff.sign_in, username, form.get("password", ""), deps.now()
        )
        if result.token is None:
            # On the audit page, never the password (the name as typed, truncated).
            reason = result.reason or "wrong_password"
            await _in_thread(deps.staff.record_failure, username, source, reason, deps.real())
            return _signin_page(request, None, 401, refused=result)
        # Who was on the console, and since when: on the audit page (try-out 9, K3).
        await _in_thread(deps.staff.record_event, username, "signin", "", None, deps.real())
        resp = RedirectResponse(PREFIX, status_code=303)
        _set_cookie(request, resp, SESSION_COOKIE, result.token, 10 * 3600)
        _drop_cookie(request, resp, PRESIGN_COOKIE)
        return resp

    @router.post("/signout")
    async def signout(request: Request) -> Response:
        got = await posted(request, None)
        if isinstance(got, Response):
            return got
        deps.staff.sign_out(request.cookies.get(cookie_name(request, SESSION_COOKIE), ""))
        resp = to_signin()
        _drop_cookie(request, resp, SESSION_COOKIE)
        return resp

    @router.get("/hall", response_class=HTMLResponse)
    def hall(request: Request) -> Response:
        page = gate(request, "hall")
        if isinstance(page, Response):
            return page
        return hall_page(
            page,
            request.query_params.get("called", ""),
            day=_day(request),
            hall=request.query_params.get("hall"),
        )

    def clock_offsets() -> dict[str, float]:
        """Each kiosk's clock offset from its last heartbeat (read only for a late call)."""
        out = {}
        for k in deps.store.kiosks():
            offset = (k.get("last") or {}).get("clock_offset_s")
            if isinstance(offset, int | float):
                out[str(k["kiosk_id"])] = float(offset)
        return out

    def _places_en(
        lang: str,
        calls: list[dict[str, Any]],
        appointments: list[dict[str, Any]],
        beats: dict[str, dict[str, Any]],
        kiosks: list[str],
    ) -> dict[str, str]:
        """The English name of each place the English hall page names (the hall, its
        kiosks' places), as the kiosks say them in their heartbeats and calls (try-out 15,
        K5: "Hall：政务服务中心一楼大厅"); read for the kiosks the page lists, not the fleet's."""
        if lang != "en":
            return {}
        more = sorted({str(a["kiosk_id"]) for a in appointments if a.get("kiosk_id")} - set(kiosks))
        out: dict[str, str] = {}
        for beat in [*beats.values(), *deps.store.last_heartbeats(more).values()]:
            zh, en = beat.get("location"), beat.get("location_en")
            if isinstance(zh, str) and isinstance(en, str) and zh and en:
                out.setdefault(zh, en)
        for r in calls:
            payload = (r.get("body") or {}).get("payload") or {}
            zh, en = payload.get("location"), payload.get("location_en")
            if isinstance(zh, str) and isinstance(en, str) and zh and en:
                out.setdefault(zh, en[:200])
        return out

    def _day(request: Request) -> dt.date | None:
        """The day whose bookings the hall page shows (``?day=2026-12-07``); None: today."""
        try:
            return dt.date.fromisoformat(request.query_params.get("day", "")[:10])
        except ValueError:
            return None

    def hall_page(
        page: _Page,
        called: str,
        status: int = 200,
        error: str = "",
        day: dt.date | None = None,
        hall: str | None = None,
    ) -> Response:
        if hall is None:
            # No hall asked for: the platform's one hall, or the halls to choose from
            # (a province platform's ~500 halls' records of a day are ~150,000: a page
            # reads one hall's, issue 16).
            known = deps.store.halls()
            if len(known) > 1:
                return render(page, "hall.html", status, calls=[], hall=None, halls=known)
            hall = known[0] if known else ""
        today = deps.now().astimezone().date()
        # The day the page shows, every section of it (try-out 11, K4: on 后一天 the
        # calls and queue tickets above the bookings were still today's, unheaded).
        shown = day or today
        # The hall's own calls only (its staff answer those), of that day; today's page
        # also yesterday's: one left unanswered overnight is still listed the next
        # morning (try-out 8, K4).
        days = [shown.isoformat()]
        if shown == today:
            days.insert(0, (today - dt.timedelta(days=1)).isoformat())
        rows = deps.store.staff_calls_on(days, hall)
        keys = [r["idempotency_key"] for r in rows]
        acks = deps.staff.acknowledgements(keys)
        steps = deps.staff.call_steps(keys)
        # Calls still open: whether their citizen's journey has ended, as each kiosk's
        # last heartbeat says (try-out 15, K4).
        kiosks = sorted({str(r["kiosk_id"]) for r in rows if r.get("kiosk_id")})
        beats = deps.store.last_heartbeats(kiosks) if rows else {}
        ended = {
            str(k): str(v)
            for beat in beats.values()
            if isinstance(beat.get("calls_ended"), dict)
            for k, v in beat["calls_ended"].items()
        }
        # And what became of each call since, as its own kiosk says (try-out 17, C1/K1).
        updates = {
            str(k): (kiosk, v)
            for kiosk, beat in beats.items()
            if isinstance(beat.get("call_updates"), dict)
            for k, v in beat["call_updates"].items()
            if isinstance(v, dict)
        }
        calls = views.staff_calls(
            rows,
            acks,
            deps.now(),
            offsets=clock_offsets,
            steps=steps,
            ended=ended,
            updates=updates,
        )
        # Every ticket and booking of the day, read by its hall and day (the newest
        # 2,000 appointment records left out some of a busy hall's: issue 16).
        appointments = deps.store.appointments_on(shown.isoformat(), hall)
        ordered = queue.tickets(appointments, newest_first=False)
        ticket_calls = deps.staff.ticket_calls([t.key for t in ordered])
        tickets, todays = views.todays_tickets(appointments, shown, ticket_calls)
        bookings = (
            todays
            if shown == today
            else views.day_bookings(deps.store.bookings_on(shown.isoformat(), hall), shown)
        )
        # 叫号 calls today's tickets only (queue.next_to_call); another day has none.
        waiting = [t for t in ordered if t.key not in ticket_calls] if shown == today else []
        places_en = _places_en(page.lang, rows, appointments, beats, kiosks) if hall else {}
        return render(
            page,
            "hall.html",
            status,
            calls=calls,
            hall=hall,
            hall_q=urlencode({"hall": hall}),
            tickets=tickets,
            bookings=bookings,
            booking_day=shown,
            booking_today=shown == today,
            day_before=shown - dt.timedelta(days=1),
            day_after=shown + dt.timedelta(days=1),
            queues=views.queues(waiting, today.isoformat()),
            places_en=places_en,
            called=called[:40],
            error=error,
            # An answer to a form post: reloading its address would post again (or ask
            # to); the hall page itself comes back once the words have been read.
            refresh_s=ERROR_REFRESH_S if error else HALL_REFRESH_S,
            refresh_url=f"{PREFIX}/hall?{urlencode({'hall': hall})}" if error else None,
        )

    @router.post("/hall/queues/call")
    async def call_next(request: Request) -> Response:
        """叫号: the oldest ticket of a queue nobody has called goes to the staff's counter."""
        got = await posted(request, "hall")
        if isinstance(got, Response):
            return got
        page, form = got
        assert page.staff is not None
        counter = form.get("counter", "").strip()
        hall, dept = form.get("hall", ""), form.get("department_id", "")
        if not COUNTER.fullmatch(counter):
            return hall_page(page, "", 400, tr("hall.bad_counter", page.lang), hall=hall)
        day = deps.now().astimezone().date().isoformat()
        # Two members of staff may press at once: the first insert wins, the other
        # takes the next ticket.
        for _ in range(MAX_CALL_TRIES):
            ordered, calls = queue.load(deps.store, deps.staff, day, hall)
            ticket = queue.next_to_call(ordered, calls, hall, dept, day)
            if ticket is None:
                return hall_page(page, "", 409, tr("hall.queue_empty", page.lang), hall=hall)
            who = page.staff.username
            if deps.staff.call_ticket(ticket.key, ticket.number, counter, who, deps.now()):
                log.info("ticket %s called to counter %s by %s", ticket.number, counter, who)
                query = urlencode({"hall": hall, "called": f"{ticket.number} → {counter}"})
                return RedirectResponse(f"{PREFIX}/hall?{query}", status_code=303)
        return hall_page(page, "", 409, tr("hall.queue_empty", page.lang), hall=hall)

    def posted_hall(form: dict[str, str]) -> str | None:
        """The hall a hall-page form was posted from; without one, the platform's one
        hall (None with several: no hall's to act on)."""
        if "hall" in form:
            return form["hall"]
        known = deps.store.halls()
        return known[0] if len(known) == 1 else None

    @router.post("/hall/calls/{call_id}/{step}")
    async def call_step(call_id: str, step: str, request: Request) -> Response:
        """A hall's step on a staff call: ack (确认收到), coming (正在前往: only then
        does the kiosk say 工作人员正在赶来), done (已处理: the kiosk's chip goes)."""
        got = await posted(request, "hall")
        if isinstance(got, Response):
            return got
        page, form = got
        # Back to the hall page the step was taken on (its hall's, or the chooser).
        back = f"{PREFIX}/hall" + (
            f"?{urlencode({'hall': form['hall']})}" if "hall" in form else ""
        )
        step = {"ack": "acknowledged", "coming": "coming", "done": "done"}.get(step, "")
        owner = deps.store.submission_owner(call_id)
        # Only a call of the hall whose page posted it (its hidden ``hall``; none named:
        # the platform's one hall, as the page reads it): another hall's call is not this
        # page's to answer (issue 16).
        if (
            not step
            or owner is None
            or owner[0] != "staff_call"
            or deps.store.submission_hall(call_id) != posted_hall(form)
        ):
            return render(page, "message.html", 404, message=tr("hall.no_calls", page.lang))
        assert page.staff is not None
        who, now = page.staff.username, deps.now()
        if deps.staff.call_step(call_id, owner[1], step, who, now):
            # The hall page tells the step in hall time, the audit page in real UTC.
            deps.staff.record_event(who, f"call.{step}", call_id, owner[1], deps.real())
        return RedirectResponse(back, status_code=303)

    @router.get("/applications", response_class=HTMLResponse)
    def applications(request: Request, q: str = "") -> Response:
        """受理查询: an application (or a booking) by its 受理编号, in either written
        form (try-out 17, K1: staff could not confirm an offline application arrived)."""
        page = gate(request, "applications")
        if isinstance(page, Response):
            return page
        typed = q.strip()[:64]
        if not typed:
            return render(page, "applications.html", q="", item=None, problem=None)
        key = typed_number(typed)
        if key is None:
            return render(page, "applications.html", q=typed, item=None, problem="bad")
        record = deps.store.record_by_tracking(key)
        assert page.staff is not None
        # Who looked at a citizen's application, and when: kept for the audit as the
        # calls they answered are (personal data read is accounted for, found or not).
        kiosk_of = str(record.get("kiosk_id") or "") or None if record is not None else None
        who = page.staff.username
        deps.staff.record_event(who, "application.lookup", shown_form(key), kiosk_of, deps.real())
        if record is None:
            # Shown as the receipt prints it, whichever form was typed.
            shown = shown_form(key)
            return render(page, "applications.html", q=typed, item=None, problem=shown)
        status = (
            deps.status(key)
            if deps.status is not None
            else {"timeline": deps.store.timeline(key) or []}
        )
        services = {str(s.get("id")): s for s in deps.catalog()[1].get("services") or []}
        item = lookup.found(record, status, services, page.lang)
        beat = deps.store.last_heartbeats([item.kiosk_id]).get(item.kiosk_id, {})
        payload = (record.get("body") or {}).get("payload") or {}
        # Where the kiosk stands, as its heartbeat says it (a booking names its hall).
        where = place(beat, page.lang) or str(payload.get("hall") or "")
        return render(
            page,
            "applications.html",
            q=typed,
            item=item,
            where=where,
            problem=None,
            moment=lookup.moment,
        )

    @router.get("/fleet", response_class=HTMLResponse)
    def fleet(request: Request) -> Response:
        page = gate(request, "fleet")
        if isinstance(page, Response):
            return page
        published_version = str(deps.catalog()[1].get("version", ""))
        published = (
            (published_version, deps.catalog_etag()) if deps.catalog_etag is not None else None
        )
        rows = views.fleet(
            deps.store.kiosks(), deps.now(), deps.heartbeat_interval_s, page.lang, published
        )
        return render(
            page,
            "fleet.html",
            kiosks=rows,
            paper_states=views.PAPER_STATES,
            refresh_s=deps.heartbeat_interval_s,
            published_version=published_version,
            lagging=sum(1 for k in rows if k.catalog_behind),
        )

    @router.get("/cases", response_class=HTMLResponse)
    def cases_page(request: Request) -> Response:
        page = gate(request, "cases")
        if isinstance(page, Response):
            return page
        query = request.query_params
        return _cases_page(page, query.get("state", ""), None, 200, query.get("recorded", ""))

    def _cases_page(
        page: _Page, state: str, error: str | None, status: int, recorded: str = ""
    ) -> Response:
        """The cases in ``state`` (STATES; any other word: all), with how many each
        filter holds, and the case whose follow-up was just recorded (try-out 10, K4)."""
        found = _cases()
        state = state if state in cases.STATES else ""
        return render(
            page,
            "cases.html",
            status,
            cases=cases.in_state(found, state),
            state=state,
            counts={s: len(cases.in_state(found, s)) for s in ("", *cases.STATES)},
            recorded=next((c for c in found if c.key == recorded), None),
            error=error,
            **_case_words(page.lang),
        )

    def _case_words(lang: str) -> dict[str, Any]:
        """Services and kiosks by name, for the call-back clerk (try-out 9, K4)."""
        services = {
            str(s.get("id")): str(
                (s.get("name") or {}).get(lang) or (s.get("name") or {}).get("zh")
            )
            for s in deps.catalog()[1].get("services") or []
        }
        places = {str(k["kiosk_id"]): place(k.get("last") or {}, lang) for k in deps.store.kiosks()}
        return {"service_names": services, "kiosk_places": places}

    def _cases() -> list[cases.Case]:
        # Every open case however old (issue 16), and the newest closed ones.
        records = deps.store.case_records(lambda keys: set(deps.staff.follow_ups(keys)))
        ratings = [r for r in records if r["kind"] == "rating"]
        feedback = [r for r in records if r["kind"] == "feedback"]
        keys = [r["idempotency_key"] for r in records]
        today = deps.now().astimezone().date()
        return cases.cases(ratings, feedback, deps.staff.follow_ups(keys), today)

    @router.post("/cases/{record_key}/follow-up")
    async def follow_up(record_key: str, request: Request) -> Response:
        got = await posted(request, "cases")
        if isinstance(got, Response):
            return got
        page, form = got
        owner = deps.store.submission_owner(record_key)
        if owner is None or owner[0] not in ("rating", "feedback"):
            return render(page, "message.html", 404, message=tr("cases.none", page.lang))
        note = form.get("note", "").strip()
        state = form.get("state", "")
        if not note or len(note) > MAX_NOTE_CHARS:
            return _cases_page(page, state, tr("cases.note_missing", page.lang), 400)
        assert page.staff is not None
        deps.staff.add_follow_up(record_key, page.staff.username, note, deps.now())
        # Back to the list the clerk was working through, saying what was recorded (on
        # the 待回访 list the case itself has left: it is handled).
        query = urlencode({"state": state if state in cases.STATES else "", "recorded": record_key})
        return RedirectResponse(f"{PREFIX}/cases?{query}", status_code=303)

    @router.get("/audit", response_class=HTMLResponse)
    def audit_page(request: Request, kiosk: str = "", q: str = "") -> Response:
        page = gate(request, "audit")
        if isinstance(page, Response):
            return page
        found = audit.entries(deps.store.submissions_of_kind("audit", limit=100_000))
        lang = page.lang

        def words(e: audit.Entry) -> str:  # what the page shows, searchable too
            return " ".join([kind_words(e.kind, lang), *details_words(e.kind, e.data, lang)])

        events = deps.staff.events()
        # A staff call by its kiosk, place and screen, not its bare id (try-out 10, K3).
        calls = deps.store.submissions_by_key(
            sorted({e.target for e in events if e.action.startswith("call.") and e.target})
        )

        def about(e: ConsoleEvent) -> str:
            if e.action.startswith("call.") and e.target:
                return call_words(e.target, calls.get(e.target), lang)
            return e.target

        return render(
            page,
            "audit.html",
            chains=audit.verify(found),
            entries=audit.search(found, kiosk.strip(), q[:200], words=words),
            utc=audit.utc_text,
            kind_words=lambda kind: kind_words(kind, lang),
            details_words=lambda kind, data: details_words(kind, data, lang),
            publications=audit.publications(deps.staff.catalog_drafts.publications(), q[:200]),
            # What staff did on the console: sign-ins, answers to staff calls (try-out 9, K3).
            console_events=audit.console_events(
                events,
                kiosk.strip(),
                q[:200],
                lambda a: tr(f"audit.console.{a}", lang),
                about,
            ),
            about=about,
            # Failed sign-ins (no kiosk's: none when a kiosk is asked for).
            failed_note=_throttle_words(tr("audit.failed.note", lang)),
            signin_failures=[]
            if kiosk.strip()
            else deps.staff.signin_failures(q[:200], _reasons_matching(q[:200], lang)),
            kiosk=kiosk,
            q=q,
        )

    def _reasons_matching(text: str, lang: str) -> list[str]:
        """The failure reasons whose code or page words contain ``text``."""
        needle = text.strip().lower()
        return [
            r
            for r in FAILURE_REASONS
            if needle and (needle in r or needle in tr(f"audit.failed.{r}", lang).lower())
        ]

    catalog_routes.add(router, deps, gate, posted, render)
    app.include_router(router)


class _KeyedLocks:
    """An asyncio lock per key, on the event loop's thread, forgotten once nobody holds
    or waits for it (a flood of addresses leaves nothing behind)."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lock, users = self._locks.get(key, (None, 0))
        lock = lock or asyncio.Lock()
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            users = self._locks[key][1] - 1
            if users:
                self._locks[key] = (lock, users)
            else:
                del self._locks[key]


def _refusal_words(result: SignIn, lang: str) -> str:
    """A refused password in words: how many tries are left before the account locks,
    or that it is locked, for how much longer, and whom to ask (try-out 11, K1). An
    unknown name is counted as an account is (central.console.accounts), so it reads
    the same."""
    if result.wait is not None:
        minutes = max(1, math.ceil(result.wait.total_seconds() / 60))
        key = "signin.locked" if result.locked else "signin.failed_locked"
        return tr(key, lang).replace("{minutes}", str(minutes))
    left = MAX_FAILURES if result.tries_left is None else result.tries_left
    minutes = int(LOCKOUT.total_seconds() // 60)
    key = "signin.failed_one" if left == 1 else "signin.failed"
    return tr(key, lang).replace("{n}", str(left)).replace("{minutes}", str(minutes))


def _throttle_words(text: str) -> str:
    """``text`` with the sign-in throttle's numbers filled in."""
    minutes = int(SOURCE_WINDOW.total_seconds() // 60)
    return text.replace("{minutes}", str(minutes)).replace("{n}", str(SOURCE_MAX_FAILURES))


async def _in_thread(fn: Callable[..., Any], *args: Any) -> Any:
    """Run a slow call (Argon2 verification) off the event loop."""
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(fn, *args)
