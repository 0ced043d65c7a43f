"""The track, appointment and feedback services, built once per core from its backend.

The composition root may install them explicitly (:func:`install`); otherwise
:func:`citizen_services` builds them on first use from ``core.backend``. The
services read the backend's parts at call time, because the sync agent and the
platform keys only appear once the network side has started.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import urllib.parse
import uuid
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.catalog import AppointmentDepartment, parse_appointment_departments
from kiosk.core import KioskCore
from kiosk.services.appointments import AppointmentService, IssuedTicket
from kiosk.services.feedback import FeedbackService
from kiosk.services.track import TrackService
from kiosk.tracking import SequenceSource

log = logging.getLogger(__name__)

_INSTALLED: weakref.WeakKeyDictionary[KioskCore, CitizenServices] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class CitizenServices:
    """What the track, appointment, ticket, rate and feedback screens call."""

    track: TrackService
    appointments: AppointmentService
    feedback: FeedbackService


def bundled_appointment_departments() -> tuple[AppointmentDepartment, ...]:
    """Appointment departments from the catalog snapshot shipped with the kiosk."""
    from importlib import resources

    text = resources.files("kiosk").joinpath("data/catalog.json").read_text(encoding="utf-8")
    return parse_appointment_departments(json.loads(text))


def departments_from_backend(backend: Any) -> tuple[AppointmentDepartment, ...]:
    """The newest catalog's departments (the cached download), else the shipped snapshot."""
    cache = getattr(backend, "catalog_cache", None)
    entry = None
    if cache is not None:
        try:
            entry = cache.load()
        except Exception:
            log.exception("catalog cache unreadable")
    if entry is not None:
        try:
            found = parse_appointment_departments(json.loads(entry.services_json))
        except (UnicodeDecodeError, json.JSONDecodeError):
            found = ()
        if found:
            return found
    return bundled_appointment_departments()


def _platform_get(backend: Any) -> Callable[..., Any]:
    """GET ``path`` from the platform (or POST ``body``, JSON, when given): its JSON, or
    None when it cannot be asked now (the sync agent says it is offline or backing off:
    a kiosk must not add load to a platform that asked for quiet) or did not answer.
    Blocking (network)."""
    lock = threading.Lock()
    clients: dict[int, Any] = {}

    def get(path: str, body: Mapping[str, Any] | None = None) -> Any:
        agent: Any = getattr(backend, "sync", None)
        config = getattr(agent, "config", None)
        if agent is None or config is None or agent.online is False or agent.blocked_for_s > 0:
            return None
        from kiosk.sync.http import PlatformClient

        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        with lock:  # one client per agent, used by one worker at a time
            client = clients.setdefault(id(agent), PlatformClient(config))
            method = "GET" if data is None else "POST"
            out = client.request(method, path, dt.datetime.now(dt.UTC), body=data)
        return out.data if out.ok else None

    return get


def platform_seats(backend: Any) -> Callable[[str, dt.date], Mapping[str, int] | None]:
    """Asks the platform for free places per slot (None when it cannot be asked)."""
    get = _platform_get(backend)

    def lookup(department_id: str, day: dt.date) -> Mapping[str, int] | None:
        query = urllib.parse.urlencode({"department_id": department_id, "date": day.isoformat()})
        data = get(f"/v1/appointments/slots?{query}")
        slots = data.get("slots") if isinstance(data, dict) else None
        if not isinstance(slots, list):
            return None
        return {
            str(s["start"]): int(s["remaining"])
            for s in slots
            if isinstance(s, dict) and "start" in s and "remaining" in s
        }

    return lookup


def platform_queue_position(backend: Any) -> Callable[[str], Mapping[str, Any] | None]:
    """Asks the platform where a queue ticket (its outbox record id) stands."""
    get = _platform_get(backend)

    def lookup(ticket_id: str) -> Mapping[str, Any] | None:
        data = get(f"/v1/queue-tickets/{urllib.parse.quote(ticket_id)}")
        return data if isinstance(data, dict) else None

    return lookup


def platform_held_ticket(
    backend: Any,
) -> Callable[[str, str, dt.date, str], Mapping[str, Any] | None]:
    """Asks the platform for the uncalled number a person holds for a queue today
    (issued by any kiosk of the hall); the document number travels in the body."""
    get = _platform_get(backend)

    def lookup(
        hall: str, department_id: str, day: dt.date, document_number: str
    ) -> Mapping[str, Any] | None:
        body = {
            "hall": hall,
            "department_id": department_id,
            "date": day.isoformat(),
            "document_number": document_number,
        }
        data = get("/v1/queue-tickets/held", body)
        return data if isinstance(data, dict) else None

    return lookup


def build_citizen_services(
    core: KioskCore, backend: Any, sequences: SequenceSource | None = None
) -> CitizenServices:
    """Services over ``backend`` (a :class:`kiosk.backend.Backend` or a test double)."""
    if sequences is None:
        sequences = getattr(backend, "sequences", None)
    if sequences is None:
        from offline_cache.sqlite_caches import SqliteSequences

        sequences = SqliteSequences(backend.db)
    kiosk_id = core.settings.kiosk.code
    return CitizenServices(
        # Receipt and status times are compared with the platform's: its clock.
        track=TrackService(backend, getattr(core, "trusted_now", core.clock), kiosk_id),
        appointments=AppointmentService(
            backend,
            lambda: departments_from_backend(backend),
            sequences,
            # Opening hours and ticket times are the hall's (the header shows the same).
            # Read at each call: the demo panel may switch it (kiosk/hall_clock.py).
            lambda: getattr(core, "hall_clock", core.clock)(),
            kiosk_id,
            platform_seats(backend),
            core.settings.kiosk.queue_prefix,
            platform_queue_position(backend),
            # The hall is where the kiosk stands: tickets of one hall share a queue.
            core.settings.kiosk.location_zh,
            platform_held_ticket(backend),
        ),
        feedback=FeedbackService(backend, core.clock, kiosk_id, sequences),
    )


def install(core: KioskCore, services: CitizenServices) -> None:
    """Attach ``services`` to ``core`` (composition root, tests)."""
    _INSTALLED[core] = services


def session_ticket(core: KioskCore, session_id: uuid.UUID) -> IssuedTicket | None:
    """The queue number or booking issued in session ``session_id``, if any. Reads the
    services already attached (never builds them): a session that holds a ticket got it
    through them, and a worker thread (a staff call) must not build a second set."""
    found = _INSTALLED.get(core)
    return found.appointments.last_ticket(session_id) if found is not None else None


def citizen_services(core: KioskCore) -> CitizenServices | None:
    """The services for ``core``; None when there is no backend (the screens say so calmly)."""
    found = _INSTALLED.get(core)
    if found is not None:
        return found
    try:
        backend = getattr(core, "backend", None)
    except RuntimeError:  # a core built without devices and stores (some tests, tools)
        return None
    if backend is None:
        return None
    try:
        services = build_citizen_services(core, backend)
    except Exception:
        log.exception("citizen services could not be built")
        return None
    _INSTALLED[core] = services
    return services
