"""Submitting an application: payload, tracking number, durable enqueue, then the receipt.

Order matters and is the point of this module:

1. mint the tracking number (durable sequence: never reused after a restart);
2. enqueue the application in the outbox (one durable commit) — from here on the
   application cannot be lost, whatever the printer or the network does;
3. print the receipt (masked name and ID, materials still to bring, expected
   completion date, signed receipt QR). If the paper does not come out, the
   result carries the receipt code for the screen to show as a QR.

Everything here blocks (disk, printer): call :meth:`ApplyService.submit` through
``core.run``. Expected conditions are values of :class:`ApplyOutcome`. The kiosk saves
on the review's tap and prints once the submitted screen has painted
(ui/screens/submitted.py): the printer's raster of the slip is most of the work here
(13-16 ms of CPU; the receipt's documents in both languages 0.2-0.4 ms), and it held up
that screen's first paint (docs/qt-threading.md).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from drivers.printer.document import Document
from kiosk.catalog import Material, Service
from kiosk.identity import Identity, IdentitySource
from kiosk.payloads.codes import ReceiptSigner
from kiosk.printing import PrintOutcome, PrintResult, PrintService
from kiosk.receipts import SubmissionReceiptData, submission_receipt
from kiosk.receipts.strings import LANGS
from kiosk.services.form_rules import prefill_all, validate_all
from kiosk.session import CapturedPage, Clock, Session
from kiosk.settings import KioskSection
from kiosk.tracking import TrackingNumber, TrackingNumberMinter, parse_tracking_number
from offline_cache.outbox_protocol import Outbox, RecordKind, RecordState, StorageFullError
from offline_cache.own_submissions import OwnSubmission, OwnSubmissionStore

if TYPE_CHECKING:
    from kiosk.core import KioskCore

log = logging.getLogger(__name__)

PAYLOAD_SCHEMA = "kiosk.application/1"
RECEIPT_KIND = "submission_receipt"


class ApplyOutcome(StrEnum):
    """How a submission ended."""

    SAVED = "saved"  # in the outbox; the receipt is not printed yet
    PRINTED = "printed"  # saved and the receipt came out
    PRINTER_PROBLEM = "printer_problem"  # saved; receipt shown on screen as a QR code
    NOT_SAVED = "not_saved"  # storage failed: nothing was submitted, nothing printed
    STORAGE_FULL = "storage_full"  # the disk is full: retrying here will not help
    INCOMPLETE = "incomplete"  # no identity, no service, or the form has errors

    @property
    def saved(self) -> bool:
        """True when the application is safely in the outbox."""
        return self in (ApplyOutcome.SAVED, ApplyOutcome.PRINTED, ApplyOutcome.PRINTER_PROBLEM)


@dataclass(frozen=True, slots=True)
class ApplicationDraft:
    """A frozen snapshot of what the citizen submits (taken on the GUI thread)."""

    service: Service
    identity: Identity = field(repr=False)
    agent: Identity | None = field(repr=False)
    form_values: dict[str, str] = field(repr=False)
    pages: tuple[CapturedPage, ...] = field(repr=False)
    language: str
    catalog_version: str = ""


@dataclass(frozen=True, slots=True)
class ApplyResult:
    """What the submitted screen shows.

    ``receipt_code`` is the signed receipt QR text (set whenever the application
    was saved); ``offline`` means the platform was not reachable when it was saved
    and the application will be sent automatically. ``record_id`` names its outbox
    record, so the screen can follow it: ``delivered`` once the platform has it
    (the screen says so), ``refused`` when the platform refused it for good.
    """

    outcome: ApplyOutcome
    tracking_number: str | None = None
    receipt_code: str | None = None
    offline: bool = False
    print_message_key: str = ""
    materials_to_bring: tuple[Material, ...] = ()
    expected_completion: dt.date | None = None
    form_errors: dict[str, str] = field(default_factory=dict)
    submitted_at: dt.datetime | None = None
    record_id: uuid.UUID | None = None
    delivered: bool = False
    refused: bool = False

    @property
    def saved(self) -> bool:
        """True when nothing can be lost any more."""
        return self.outcome.saved

    @property
    def message_key(self) -> str:
        """Translation key for the headline message."""
        return f"submitted.{self.outcome.value}"


def draft_from_session(
    session: Session, service: Service, catalog_version: str = ""
) -> ApplicationDraft | None:
    """Snapshot the session for submission; None when there is no identity yet."""
    if session.identity is None:
        return None
    values = dict(session.form_values)
    values.update(prefill_all(service.form, session.identity))
    return ApplicationDraft(
        service=service,
        identity=session.identity,
        agent=session.agent,
        form_values=values,
        pages=tuple(p for k in sorted(session.pages) for p in session.pages[k]),
        language=session.language,
        catalog_version=catalog_version,
    )


def materials_to_bring(
    service: Service, captured: set[int], identity: Identity | None = None
) -> tuple[Material, ...]:
    """Required materials neither read from the ID nor photographed here (by catalog index).

    An identity typed by hand was not read from any document: the document itself
    must still be shown at the counter, so it is on the list too.
    """
    typed = identity is not None and identity.source is IdentitySource.MANUAL
    return tuple(
        m
        for i, m in enumerate(service.materials)
        if m.required and (typed or not m.from_identity) and i not in captured
    )


def optional_not_given(service: Service, captured: set[int]) -> tuple[Material, ...]:
    """Optional papers the kiosk asked for and the citizen skipped (not "all received")."""
    return tuple(
        m
        for i, m in enumerate(service.materials)
        if not m.required and m.capturable and not m.from_identity and i not in captured
    )


def add_working_days(start: dt.date, days: int) -> dt.date:
    """``days`` working days (Monday to Friday) after ``start``; public holidays are the
    platform's business, so this is the earliest date, printed as 'expected'."""
    d = start
    left = days
    while left > 0:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            left -= 1
    return d


def _identity_json(identity: Identity) -> dict[str, Any]:
    return {
        "document_type": identity.document_type.value,
        "document_number": identity.document_number,
        "surname": identity.surname,
        "given_names": identity.given_names,
        "full_name": identity.full_name,
        "birth_date": identity.birth_date.isoformat() if identity.birth_date else None,
        "sex": identity.sex.value,
        "nationality": identity.nationality,
        "expiry_date": identity.expiry_date.isoformat() if identity.expiry_date else None,
        "source": identity.source.value,
    }


def build_payload(
    draft: ApplicationDraft,
    tracking: TrackingNumber,
    kiosk_code: str,
    now: dt.datetime,
    receipt_code: str | None = None,
) -> bytes:
    """The application as JSON bytes for the outbox (frozen from here on).

    ``receipt_code``: the signed code printed on the receipt; only its SHA-256 is
    sent, so the platform can check a citizen's receipt without holding kiosk keys.
    """
    service = draft.service
    attachments = [
        {
            "material_index": p.material_index,
            "material": service.materials[p.material_index].name.zh
            if 0 <= p.material_index < len(service.materials)
            else "",
            "mime": "image/jpeg",
            "width": p.width,
            "height": p.height,
            "sha256": hashlib.sha256(p.jpeg).hexdigest(),
            "data_b64": base64.b64encode(p.jpeg).decode("ascii"),
        }
        for p in draft.pages
    ]
    body: dict[str, Any] = {
        "schema": PAYLOAD_SCHEMA,
        "tracking_number": str(tracking),
        "kiosk_code": kiosk_code,
        "service_id": service.id,
        "service_name": service.name.zh,
        "catalog_version": draft.catalog_version,
        "submitted_at": now.isoformat(),
        "language": draft.language,
        "applicant": _identity_json(draft.identity),
        # Typed by hand: nothing was read from a document, staff must check it at the counter.
        "identity_verified": draft.identity.source is not IdentitySource.MANUAL,
        # 代办: the person at the kiosk acted for the applicant; both are on record.
        "proxy": draft.agent is not None,
        "agent": (
            {**_identity_json(draft.agent), "role": "agent"} if draft.agent is not None else None
        ),
        "form": {f.id: draft.form_values.get(f.id, "") for f in service.form},
        "attachments": attachments,
    }
    if receipt_code is not None:
        body["receipt_code_sha256"] = hashlib.sha256(receipt_code.encode("ascii")).hexdigest()
    return json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")


class ApplyService:
    """Submits applications: enqueue durably, then print the receipt."""

    def __init__(
        self,
        *,
        outbox: Outbox,
        minter: TrackingNumberMinter,
        printing: PrintService,
        signer: ReceiptSigner,
        kiosk: KioskSection,
        clock: Clock,
        wake_sync: Callable[[], None] | None = None,
        own: OwnSubmissionStore | None = None,
    ) -> None:
        self._own = own
        self._outbox = outbox
        self._minter = minter
        self._printing = printing
        self._signer = signer
        self._kiosk = kiosk
        self._clock = clock
        self._wake_sync = wake_sync

    def submit(self, draft: ApplicationDraft, *, offline: bool = False) -> ApplyResult:
        """Save ``draft``, then print its receipt (blocks): both steps of the journey."""
        saved = self.save(draft, offline=offline)
        if saved.outcome is not ApplyOutcome.SAVED:
            return saved
        return self.print_receipt(draft, saved)

    def save(self, draft: ApplicationDraft, *, offline: bool = False) -> ApplyResult:
        """Validate, mint the tracking number and enqueue durably (blocks; no printing)."""
        now = self._clock()
        local = now.astimezone()
        errors = validate_all(draft.service.form, draft.form_values, local.date(), draft.identity)
        if errors:
            return ApplyResult(ApplyOutcome.INCOMPLETE, form_errors=errors)
        captured = {p.material_index for p in draft.pages}
        missing = materials_to_bring(draft.service, captured, draft.identity)
        # The time limit runs from when the platform receives the application: offline, no
        # date can be promised yet (the screen words it as the usual time limit instead).
        expected = (
            None
            if offline
            else add_working_days(local.date(), max(0, draft.service.time_limit_days))
        )
        try:
            tracking = self._minter.mint(local.date())
            code = self._signer.signed_code(tracking)
            payload = build_payload(draft, tracking, self._minter.kiosk_code, now, code)
            record = self._outbox.enqueue(RecordKind.APPLICATION, payload, str(tracking), now)
        except StorageFullError:
            # Expected on a full disk, not a bug: the panel shows storage as faulted.
            log.warning("application refused: the data disk is full")
            return ApplyResult(ApplyOutcome.STORAGE_FULL)
        except Exception:
            # Disk full, database locked for too long, a bug: nothing was promised yet.
            log.exception("application could not be stored")
            return ApplyResult(ApplyOutcome.NOT_SAVED)
        log.info("application %s stored for %s", tracking, draft.service.id)
        self._remember_own(str(tracking), draft, now)
        self._wake()
        return ApplyResult(
            ApplyOutcome.SAVED,
            tracking_number=str(tracking),
            receipt_code=self._signer.qr_text(code),
            offline=offline,
            materials_to_bring=missing,
            expected_completion=expected,
            submitted_at=local,
            record_id=record.id,
        )

    def delivery(self, saved: ApplyResult, time_limit_days: int) -> ApplyResult:
        """``saved`` as its outbox record now stands (blocks: reads the outbox).

        Delivered: the platform has it, under the same tracking number (the kiosk mints
        it), and the service's time limit (``time_limit_days`` working days) runs from
        the delivery, so the expected date is known now. Dead: refused for good.
        """
        if saved.record_id is None or saved.delivered or saved.refused:
            return saved
        record = self._outbox.get(saved.record_id)
        if record is None:
            return saved
        if record.state is RecordState.DEAD:
            return replace(saved, refused=True)
        if record.state is not RecordState.DELIVERED:
            return saved
        if not saved.offline:
            return replace(saved, delivered=True)  # its date was promised when saved
        on = (record.delivered_at or self._clock()).astimezone().date()
        expected = add_working_days(on, max(0, time_limit_days))
        return replace(saved, delivered=True, expected_completion=expected)

    def _remember_own(self, tn: str, draft: ApplicationDraft, now: dt.datetime) -> None:
        # So an offline lookup of this number is never "no record" (the outbox purges
        # delivered payloads). A failure here costs only that: the application is safe.
        if self._own is None:
            return
        number = draft.identity.document_number if draft.identity is not None else ""
        try:
            self._own.put(OwnSubmission(tn, draft.service.id, now, number[-4:].upper() or None))
        except Exception:
            log.exception("own submission record not kept")

    def print_receipt(self, draft: ApplicationDraft, saved: ApplyResult) -> ApplyResult:
        """Print the receipt for a saved application (blocks); never undoes the save."""
        if not saved.saved or saved.tracking_number is None or saved.receipt_code is None:
            return saved
        tracking = parse_tracking_number(saved.tracking_number)
        if tracking is None:  # cannot happen for a number minted here
            return replace(saved, outcome=ApplyOutcome.PRINTER_PROBLEM)
        printed = self._print(
            draft,
            tracking,
            saved.receipt_code,
            saved.materials_to_bring,
            saved.expected_completion,
            saved.submitted_at or self._clock().astimezone(),
            pending=saved.offline and not saved.delivered,
        )
        outcome = ApplyOutcome.PRINTED if printed.printed else ApplyOutcome.PRINTER_PROBLEM
        return replace(saved, outcome=outcome, print_message_key=printed.message_key)

    def _wake(self) -> None:
        if self._wake_sync is None:
            return
        try:
            self._wake_sync()
        except Exception:
            log.exception("could not nudge the sync agent; it will pick the record up anyway")

    def _print(
        self,
        draft: ApplicationDraft,
        tracking: TrackingNumber,
        code: str,
        missing: tuple[Material, ...],
        expected: dt.date | None,
        local: dt.datetime,
        pending: bool = False,
    ) -> PrintResult:
        lang = draft.language if draft.language in LANGS else "zh"

        def in_language(language: str) -> Document:
            data = self._receipt_data(
                draft, tracking, code, missing, expected, local, pending, language
            )
            return submission_receipt(data, language)

        try:
            doc = in_language(lang)
            # The same receipt in the kiosk's other languages, masked as this one, kept
            # with the job: a citizen who reprints it in English gets it in English
            # (try-out 10, C9).
            others = {other: in_language(other) for other in LANGS if other != lang}
            return self._printing.print_document(
                RECEIPT_KIND,
                doc,
                tracking_number=str(tracking),
                owner_secret=draft.identity.document_number,
                lang=lang,
                translations=others,
            )
        except Exception:
            # The application is already safe; a failed receipt must not undo that.
            log.exception("receipt for %s could not be printed", tracking)
            return PrintResult(PrintOutcome.SHOW_ON_SCREEN, "print.failed.error")

    def _receipt_data(
        self,
        draft: ApplicationDraft,
        tracking: TrackingNumber,
        code: str,
        missing: tuple[Material, ...],
        expected: dt.date | None,
        local: dt.datetime,
        pending: bool,
        lang: str,
    ) -> SubmissionReceiptData:
        """The receipt's data in ``lang``: the catalog's words in it, the rest as is."""
        k = self._kiosk
        pickup = draft.service.pickup_for(draft.form_values)
        return SubmissionReceiptData(
            service_name=draft.service.name.get(lang),
            tracking_number=str(tracking),
            applicant_name=draft.identity.full_name,
            id_number=draft.identity.document_number,
            submitted_at=local.replace(tzinfo=None),
            kiosk_id=k.code,
            qr_payload=code,
            materials_to_bring=tuple(m.name.get(lang) for m in missing),
            optional_not_given=tuple(
                m.name.get(lang)
                for m in optional_not_given(draft.service, {p.material_index for p in draft.pages})
            ),
            identity_source=draft.identity.source.value,
            pending_delivery=pending,
            expected_completion=expected,
            # The fee and how it is paid, from the catalog (try-out 8, C4); none: no line.
            fee_fen=round(draft.service.fee_cny * 100) if draft.service.fee_cny > 0 else None,
            fee_pay=draft.service.fee_pay.get(lang) if draft.service.fee_pay else "",
            pickup=pickup.text.get(lang) if pickup is not None and pickup.at_counter else "",
            delivery=pickup.text.get(lang) if pickup is not None and not pickup.at_counter else "",
            kiosk_location=k.location_en if lang == "en" else k.location_zh,
            agent_name=draft.agent.full_name if draft.agent is not None else "",
            agent_id_number=draft.agent.document_number if draft.agent is not None else "",
        )


def apply_service(core: KioskCore) -> ApplyService | None:
    """The service wired to the running kiosk's backend, or None when there is none."""
    b = getattr(core, "backend", None)
    if b is None:
        return None
    sync = getattr(b, "sync", None)
    wake = getattr(sync, "wake", None) if sync is not None else None
    return ApplyService(
        outbox=b.outbox,
        minter=b.tracking,
        printing=b.printing,
        signer=b.receipt_signer,
        kiosk=core.settings.kiosk,
        clock=core.clock,
        wake_sync=wake,
        own=getattr(b, "own_submissions", None),
    )


def platform_offline(core: KioskCore) -> bool:
    """True when the platform is known to be unreachable (submissions wait in the outbox)."""
    from kiosk.events import Device, Health

    b = getattr(core, "backend", None)
    sync = getattr(b, "sync", None) if b is not None else None
    if sync is not None and getattr(sync, "online", None) is False:
        return True
    return core.health(Device.PLATFORM).health is Health.FAULT


# --- supporting documents ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageCapture:
    """A photographed material, or why there is none (``message_key`` for the UI)."""

    page: CapturedPage | None
    message_key: str = ""

    @property
    def ok(self) -> bool:
        """True when a usable photo was taken."""
        return self.page is not None


def capturable_materials(service: Service) -> list[tuple[int, Material]]:
    """Materials the camera can take, with their catalog index."""
    return [(i, m) for i, m in enumerate(service.materials) if m.capturable and not m.from_identity]


def capture_page(core: KioskCore, material_index: int) -> PageCapture:
    """Photograph the paper under the camera (blocks ~1-2 s: run through ``core.run``)."""
    b = getattr(core, "backend", None)
    scanner = getattr(b, "scanner", None) if b is not None else None
    if scanner is None:
        return PageCapture(None, "docs.err.failed")
    try:
        shot = scanner.capture_document()
    except Exception:
        log.exception("document capture raised")
        return PageCapture(None, "docs.err.failed")
    if shot.status.value != "ok" or not shot.jpeg:
        # Quality gates (drivers/scanner/document.py): no plausible page, or a page too
        # small to read, is a retake, never a photo that would be sent anyway.
        key = _CAPTURE_MESSAGES.get(shot.status.value, "docs.err.failed")
        return PageCapture(None, key)
    # The JPEG kept here is exactly what is previewed and, if used, sent.
    return PageCapture(CapturedPage(material_index, shot.jpeg, shot.width, shot.height))


_CAPTURE_MESSAGES = {"no_page": "docs.err.no_page", "too_small": "docs.err.too_small"}
