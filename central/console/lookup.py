"""受理查询: one application (or booking) as hall staff look it up by its 受理编号.

Try-out 17, K1: nothing on the console found an application by its number, so staff
could not tell a citizen whether the application the kiosk saved offline had reached
the platform. What the page shows is what the platform holds about it, the citizen's
identity masked as the kiosk's receipt masks it (views.mask_name, mask_number),
never the form's answers or the photographed papers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from central.console.audit import parse_utc
from central.console.views import LATE_AFTER_S, mask_name
from central.tracking_text import shown_form


@dataclass(frozen=True, slots=True)
class Step:
    """One status of the record's history: when (ISO) and the platform's note on it."""

    at: str
    words: str


@dataclass(frozen=True, slots=True)
class Found:
    """An application or a booking as the 受理查询 page shows it."""

    number: str  # as the receipt prints it
    kind: str  # "application" or "appointment"
    service: str  # its name in the page's language ("" when the record names none)
    kiosk_id: str
    submitted_at: str  # the kiosk's clock (ISO as sent), "" when it did not say
    received_at: str  # the platform's clock (ISO)
    # Received this many minutes after it was submitted (saved on the kiosk while the
    # platform could not be reached, or the kiosk's clock is off), None when on time.
    late_min: int | None
    applicant: str  # masked
    document: str  # masked
    identity_read: bool | None  # read from a document (True), typed by hand (False)
    proxy: bool
    materials: list[tuple[str, int]] = field(default_factory=list)  # (name, pages)
    receipt_code: bool = False  # the platform can check the receipt's code
    catalog_version: str = ""
    booking: dict[str, str] = field(default_factory=dict)  # department_id, slot_start/end
    steps: list[Step] = field(default_factory=list)


def mask_number(number: str) -> str:
    """A document number as the kiosk's receipt prints it: a resident ID keeps its
    6-digit region and its last 4 (``110101********1234``), a shorter number its first
    and last 2. The kiosk's rule (kiosk.identity.mask_number); the platform shares no
    code with the kiosk (import-linter), so this is its copy."""
    n = number.strip()
    if len(n) >= 15:
        return n[:6] + "*" * (len(n) - 10) + n[-4:]
    if len(n) >= 6:
        return n[:2] + "*" * (len(n) - 4) + n[-2:]
    return "*" * len(n)


def moment(iso: str) -> tuple[str, str] | None:
    """An ISO time as (date, time) in the hall's zone, as the page shows it beside the
    clock it was read from (the kiosk's, the hall's); None when it is not a time."""
    at = parse_utc(iso)
    if at is None:
        return None
    local = at.astimezone()
    return f"{local:%Y-%m-%d}", f"{local:%H:%M:%S}"


def found(
    record: dict[str, Any],
    status: dict[str, Any] | None,
    services: dict[str, dict[str, Any]],
    lang: str,
) -> Found:
    """``record`` (PlatformStore.record_by_tracking) with its ``status`` (the platform's
    status answer, as the kiosk's 查询 gets it) in the page's language; ``services``:
    the catalog's services by id (names and materials)."""
    payload = (record.get("body") or {}).get("payload") or {}
    service_id = str(payload.get("service_id") or "")
    service = services.get(service_id) or {}
    name = (service.get("name") or {}).get(lang) or payload.get("service_name") or service_id
    applicant = payload.get("applicant")
    applicant = applicant if isinstance(applicant, dict) else {}
    person = str(applicant.get("full_name") or applicant.get("name") or "")
    kind = str(record.get("kind") or "")
    # An application says when it was submitted; a booking when it was made.
    submitted = str(payload.get("submitted_at") or payload.get("booked_at") or "")
    received = str(record.get("received_at") or "")
    late_min = None
    sent_at, got_at = parse_utc(submitted), parse_utc(received)
    if sent_at is not None and got_at is not None:
        late_s = (got_at - sent_at).total_seconds()
        late_min = max(1, round(late_s / 60)) if late_s > LATE_AFTER_S else None
    return Found(
        number=shown_form(str(record.get("tracking_number") or "")),
        kind=kind,
        service=str(name),
        kiosk_id=str(record.get("kiosk_id") or payload.get("kiosk_code") or ""),
        submitted_at=submitted,
        received_at=received,
        late_min=late_min,
        applicant=mask_name(person),
        document=mask_number(str(applicant.get("document_number") or "")),
        identity_read=None
        if kind != "application"
        else payload.get("identity_verified") is not False,
        proxy=payload.get("proxy") is True,
        materials=_materials(payload, service, lang),
        receipt_code=isinstance(payload.get("receipt_code_sha256"), str),
        catalog_version=str(payload.get("catalog_version") or ""),
        booking={
            k: str(payload[k])
            for k in ("department_id", "slot_start", "slot_end")
            if kind == "appointment" and isinstance(payload.get(k), str)
        },
        steps=[
            Step(str(s.get("at") or ""), str((s.get("note") or {}).get(lang) or s.get("status")))
            for s in (status or {}).get("timeline") or []
        ],
    )


def _materials(
    payload: dict[str, Any], service: dict[str, Any], lang: str
) -> list[tuple[str, int]]:
    """The papers the kiosk photographed, by the catalog's name in ``lang`` (the kiosk's
    Chinese name when the catalog no longer has it), with how many pages each."""
    catalog = service.get("materials") or []
    pages: dict[int, int] = {}
    names: dict[int, str] = {}
    for a in payload.get("attachments") or []:
        if not isinstance(a, dict) or not isinstance(a.get("material_index"), int):
            continue
        i = a["material_index"]
        pages[i] = pages.get(i, 0) + 1
        known = catalog[i] if 0 <= i < len(catalog) and isinstance(catalog[i], dict) else {}
        names[i] = str((known.get("name") or {}).get(lang) or a.get("material") or i)
    return [(names[i], pages[i]) for i in sorted(pages)]
