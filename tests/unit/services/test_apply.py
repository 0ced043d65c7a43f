"""Submitting: durable enqueue before print, nothing lost when the printer fails, masked receipt."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from drivers.printer.document import Document
from drivers.printer.simulator import SimulatedPrinter
from drivers.printer.types import SendResult
from kiosk.bundled_catalog import load_bundled_catalog
from kiosk.catalog import Service
from kiosk.identity import DocumentType, Identity, IdentitySource, Sex
from kiosk.payloads import VerificationKeys, parse_payload, public_key_text
from kiosk.payloads.codes import ReceiptSigner
from kiosk.printing import PrintService
from kiosk.services.apply import (
    ApplicationDraft,
    ApplyOutcome,
    ApplyService,
    add_working_days,
    draft_from_session,
    materials_to_bring,
)
from kiosk.session import CapturedPage, Session
from kiosk.settings import KioskSection
from kiosk.tracking import TrackingNumberMinter, parse_tracking_number, shown_tracking_number
from offline_cache.memory_caches import MemorySequences
from offline_cache.memory_outbox import MemoryOutbox
from offline_cache.outbox_protocol import OutboxRecord, RecordKind, RecordState
from offline_cache.print_jobs import JobState, PrintJobStore

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)  # a Monday
ID_NUMBER = "110105194912310021"
KIOSK = KioskSection(code="A7H3", location_zh="一楼大厅", location_en="Ground floor")


def _clock() -> dt.datetime:
    return NOW


IDENTITY = Identity(
    DocumentType.RESIDENT_ID,
    ID_NUMBER,
    "张",
    "三丰",
    dt.date(1949, 12, 31),
    Sex.MALE,
    "CHN",
    None,
    IdentitySource.MANUAL,
)


class Journal:
    """Shared record of what happened, in order."""

    def __init__(self) -> None:
        self.events: list[str] = []


class RecordingOutbox(MemoryOutbox):
    def __init__(self, journal: Journal, fail: bool = False) -> None:
        super().__init__()
        self.journal = journal
        self.fail = fail

    def enqueue(
        self, kind: RecordKind, payload: bytes, tracking_number: str | None, now: dt.datetime
    ) -> OutboxRecord:
        if self.fail:
            raise OSError("disk full")
        rec = super().enqueue(kind, payload, tracking_number, now)
        self.journal.events.append("enqueue")
        return rec


class RecordingPrinter(SimulatedPrinter):
    def __init__(self, out: Path, journal: Journal) -> None:
        super().__init__(out)
        self.journal = journal
        self.docs: list[Document] = []

    def print_document(self, doc: Document) -> SendResult:
        self.journal.events.append("print")
        self.docs.append(doc)
        return super().print_document(doc)


class Rig:
    def __init__(self, tmp: Path, *, outbox_fails: bool = False) -> None:
        self.journal = Journal()
        self.outbox = RecordingOutbox(self.journal, outbox_fails)
        self.printer = RecordingPrinter(tmp / "printed", self.journal)
        self.store = PrintJobStore(tmp / "jobs.sqlite3", os.urandom(32))
        self.printing = PrintService(self.printer, self.store, _clock)
        self.key = Ed25519PrivateKey.generate()
        self.woken = 0
        self.service = ApplyService(
            outbox=self.outbox,
            minter=TrackingNumberMinter("A7H3", MemorySequences()),
            printing=self.printing,
            signer=ReceiptSigner("A7H3", self.key),
            kiosk=KIOSK,
            clock=_clock,
            wake_sync=self._wake,
        )

    def _wake(self) -> None:
        self.woken += 1

    def close(self) -> None:
        self.store.close()


@pytest.fixture
def rig(tmp_path: Path):  # type: ignore[no-untyped-def]
    r = Rig(tmp_path)
    yield r
    r.close()


def _service() -> Service:
    # 失业登记: a required paper to photograph, and every common field type.
    service = load_bundled_catalog().by_id("renshe.unemployment_registration")
    assert service is not None
    return service


def _values(service: Service) -> dict[str, str]:
    sample = {
        "text": "测试",
        "number": "2",
        "date": "2026-11-01",
        "phone": "13800138000",
        "address": "北京市东城区测试路1号",
        "id_number": ID_NUMBER,
    }
    out = {}
    for f in service.form:
        if f.type.value == "choice":
            out[f.id] = f.choices[0].value
        elif f.type.value == "number" and f.id == "year":
            out[f.id] = "2024"
        else:
            out[f.id] = sample[f.type.value]
    return out


def _draft(
    service: Service, lang: str = "zh", pages: tuple[CapturedPage, ...] = ()
) -> ApplicationDraft:
    return ApplicationDraft(
        service=service,
        identity=IDENTITY,
        agent=None,
        form_values=_values(service),
        pages=pages,
        language=lang,
    )


def test_enqueue_is_durable_before_the_receipt_prints(rig: Rig) -> None:
    result = rig.service.submit(_draft(_service()))
    assert result.outcome is ApplyOutcome.PRINTED
    assert rig.journal.events == ["enqueue", "print"]
    assert rig.woken == 1


def test_payload_carries_application_and_tracking_number(rig: Rig) -> None:
    service = _service()
    page = CapturedPage(material_index=1, jpeg=b"\xff\xd8page", width=10, height=20)
    result = rig.service.submit(_draft(service, pages=(page,)))
    (rec,) = rig.outbox.list()  # type: ignore[call-arg]
    assert rec.kind is RecordKind.APPLICATION and rec.state is RecordState.PENDING
    assert rec.tracking_number == result.tracking_number
    body = json.loads(rec.payload or b"")
    assert body["service_id"] == service.id
    assert body["applicant"]["document_number"] == ID_NUMBER
    assert body["form"]["applicant_name"] == _values(service)["applicant_name"]
    assert body["attachments"][0]["material_index"] == 1
    assert parse_tracking_number(result.tracking_number or "") is not None


def test_nothing_lost_when_the_printer_is_out_of_paper(rig: Rig) -> None:
    rig.printer.paper_out()
    result = rig.service.submit(_draft(_service()))
    assert result.outcome is ApplyOutcome.PRINTER_PROBLEM and result.saved
    assert result.print_message_key == "print.failed.paper_out"
    (rec,) = rig.outbox.list()  # type: ignore[call-arg]
    assert rec.tracking_number == result.tracking_number
    # The on-screen QR is the signed receipt code and verifies like a printed one.
    keys = VerificationKeys.from_config(receipt={"A7H3.1": public_key_text(rig.key)})
    scanned = parse_payload(result.receipt_code or "", keys, now=NOW)
    assert scanned.ok and str(scanned.tracking) == result.tracking_number
    # The receipt waits as a failed, reprintable job.
    (job,) = rig.printing.failed_jobs()
    assert job.state is JobState.FAILED and job.tracking_number == result.tracking_number
    rig.printer.ready()
    assert rig.printing.reprint_by_tracking_number(result.tracking_number or "", ID_NUMBER).printed


def test_the_application_carries_the_hash_of_its_receipt_code(rig: Rig) -> None:
    import hashlib

    result = rig.service.submit(_draft(_service()))
    (rec,) = rig.outbox.list()  # type: ignore[call-arg]
    body = json.loads(rec.payload or b"")
    keys = VerificationKeys.from_config(receipt={"A7H3.1": public_key_text(rig.key)})
    code = parse_payload(result.receipt_code or "", keys, now=NOW).receipt_code
    assert code is not None and code.startswith("ZWR1.")
    # What the platform checks a scanned receipt against; the code itself never leaves.
    assert body["receipt_code_sha256"] == hashlib.sha256(code.encode()).hexdigest()
    assert code not in rec.payload.decode()  # type: ignore[union-attr]


def test_storage_failure_prints_nothing(tmp_path: Path) -> None:
    r = Rig(tmp_path, outbox_fails=True)
    try:
        result = r.service.submit(_draft(_service()))
        assert result.outcome is ApplyOutcome.NOT_SAVED and not result.saved
        assert "print" not in r.journal.events and result.receipt_code is None
    finally:
        r.close()


def test_invalid_form_is_not_submitted(rig: Rig) -> None:
    service = _service()
    draft = _draft(service)
    bad = dict(draft.form_values, phone="123")
    result = rig.service.submit(ApplicationDraft(service, IDENTITY, None, bad, (), "zh"))
    assert result.outcome is ApplyOutcome.INCOMPLETE and result.form_errors == {
        "phone": "form.err.phone"
    }
    assert rig.journal.events == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_receipt_masks_name_and_id_and_lists_what_to_bring(rig: Rig, lang: str) -> None:
    service = _service()
    result = rig.service.submit(_draft(service, lang=lang))
    (doc,) = rig.printer.docs
    text = doc.to_json().decode("utf-8")
    assert ID_NUMBER not in text and "张三丰" not in text
    assert "110105********0021" in text and "张*丰" in text
    for m in result.materials_to_bring:
        assert m.name.get(lang) in text
    assert result.receipt_code in doc.qr_payloads()
    # Printed as the citizen reads it: the check character apart (try-out 7, C-f).
    assert shown_tracking_number(result.tracking_number or "") in text


def test_offline_flag_is_passed_through(rig: Rig) -> None:
    result = rig.service.submit(_draft(_service()), offline=True)
    assert result.offline and result.outcome is ApplyOutcome.PRINTED


def test_captured_materials_are_not_asked_for_again() -> None:
    service = _service()
    all_missing = materials_to_bring(service, set())
    idx = next(i for i, m in enumerate(service.materials) if m.capturable and m.required)
    assert len(materials_to_bring(service, {idx})) == len(all_missing) - 1
    assert all(not m.from_identity for m in all_missing)


def test_working_days_skip_weekends() -> None:
    friday = dt.date(2026, 11, 27)
    assert add_working_days(friday, 1) == dt.date(2026, 11, 30)
    assert add_working_days(friday, 0) == friday
    assert add_working_days(dt.date(2026, 11, 23), 5) == dt.date(2026, 11, 30)


def test_draft_takes_identity_fields_from_the_identity() -> None:
    service = _service()
    session = Session(id=__import__("uuid").uuid4(), started_at=NOW, language="en")
    assert draft_from_session(session, service) is None
    session.set_identity(IDENTITY)
    session.form_values["applicant_name"] = "someone else"
    draft = draft_from_session(session, service)
    assert draft is not None and draft.form_values["applicant_name"] == "张三丰"


def test_save_then_print_are_separate_steps(rig: Rig) -> None:
    draft = _draft(_service())
    saved = rig.service.save(draft)
    assert saved.outcome is ApplyOutcome.SAVED and saved.saved
    assert rig.journal.events == ["enqueue"]
    printed = rig.service.print_receipt(draft, saved)
    assert printed.outcome is ApplyOutcome.PRINTED
    assert printed.tracking_number == saved.tracking_number
    assert rig.journal.events == ["enqueue", "print"]


def test_printer_exception_never_undoes_the_save(rig: Rig) -> None:
    def boom(doc: Document) -> SendResult:
        raise RuntimeError("driver bug")

    rig.printer.print_document = boom  # type: ignore[method-assign]
    result = rig.service.submit(_draft(_service()))
    assert result.outcome is ApplyOutcome.PRINTER_PROBLEM and result.receipt_code
    assert len(rig.outbox.list()) == 1  # type: ignore[call-arg]


def test_capture_page_through_the_scanner() -> None:
    from types import SimpleNamespace

    from drivers.scanner.simulator import SimulatedScanner
    from kiosk.services.apply import capture_page

    core = SimpleNamespace(
        backend=SimpleNamespace(scanner=SimulatedScanner(document_jpeg=b"\xff\xd8x"))
    )
    shot = capture_page(core, 2)  # type: ignore[arg-type]
    assert shot.ok and shot.page is not None and shot.page.material_index == 2
    assert capture_page(SimpleNamespace(backend=None), 1).message_key == "docs.err.failed"  # type: ignore[arg-type]
