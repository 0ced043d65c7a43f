"""The print service with the simulated printer: durable jobs, fallbacks, reprints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.printer.document import Document
from drivers.printer.simulator import SimulatedPrinter
from drivers.printer.types import (
    PAPER_80MM,
    PaperProfile,
    PrinterState,
    PrinterStatus,
    SendOutcome,
    SendResult,
)
from kiosk.printing import JobKind, JobState, PrintOutcome, PrintService
from kiosk.receipts import submission_receipt
from kiosk.receipts.samples import RECEIPT_QR, TRACKING, submission
from offline_cache.print_jobs import PrintJobStore

ID = "11010519491231002X"
T0 = dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def printer(tmp_path: Path) -> SimulatedPrinter:
    return SimulatedPrinter(tmp_path / "out")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[PrintJobStore]:
    s = PrintJobStore(tmp_path / "jobs.sqlite3", bytes(32))
    yield s
    s.close()


@pytest.fixture
def service(printer: SimulatedPrinter, store: PrintJobStore) -> PrintService:
    return PrintService(printer, store, clock=lambda: T0)


DOC = submission_receipt(submission("zh"), "zh")


def test_printed_receipt_is_done(service: PrintService, printer: SimulatedPrinter) -> None:
    result = service.print_document("receipt", DOC, TRACKING, ID)
    assert result.outcome is PrintOutcome.PRINTED and result.printed
    assert result.message_key == "print.ok"
    assert result.screen_qr is None
    assert service.job(result.job_id or "").state is JobState.DONE  # type: ignore[union-attr]
    assert len(printer.printed) == 1


@pytest.mark.parametrize(
    ("control", "state", "key"),
    [
        ("paper_out", PrinterState.PAPER_OUT, "print.failed.paper_out"),
        ("cover_open", PrinterState.COVER_OPEN, "print.failed.cover_open"),
        ("offline", PrinterState.OFFLINE, "print.failed.offline"),
    ],
)
def test_fault_shows_receipt_on_screen_and_keeps_the_job(
    service: PrintService, printer: SimulatedPrinter, control: str, state: PrinterState, key: str
) -> None:
    getattr(printer, control)()
    result = service.print_document("receipt", DOC, TRACKING, ID)
    assert result.outcome is PrintOutcome.SHOW_ON_SCREEN
    assert (result.printer_state, result.message_key) == (state, key)
    assert result.screen_qr == RECEIPT_QR
    assert result.tracking_number == TRACKING
    [failed] = service.failed_jobs()
    assert failed.id == result.job_id and state.value in (failed.reason or "")

    printer.ready()
    assert service.reprint(failed.id).printed
    assert service.failed_jobs() == []
    assert len(printer.printed) == 1


def test_citizen_reprint_needs_the_matching_id_number(
    service: PrintService, printer: SimulatedPrinter
) -> None:
    printer.paper_out()
    service.print_document("receipt", DOC, TRACKING, ID)
    printer.ready()
    assert service.reprint_by_tracking_number(TRACKING, "110105194912310030").outcome is (
        PrintOutcome.NOT_ALLOWED
    )
    assert service.reprint_by_tracking_number("NO-SUCH", ID).outcome is PrintOutcome.NOT_FOUND
    assert service.reprint_by_tracking_number(f" {TRACKING} ", ID.lower()).printed
    assert len(printer.printed) == 1


def test_reprinted_document_is_the_stored_one(
    service: PrintService, printer: SimulatedPrinter
) -> None:
    printer.offline()
    result = service.print_document("receipt", DOC, TRACKING, ID)
    assert service.document(result.job_id or "") == DOC


def test_unknown_job(service: PrintService) -> None:
    assert service.reprint("nope").outcome is PrintOutcome.NOT_FOUND
    assert service.preview_png("nope") is None


def test_preview_of_a_failed_job_for_the_screen(
    service: PrintService, printer: SimulatedPrinter
) -> None:
    printer.paper_out()
    result = service.print_document(JobKind.RECEIPT, DOC, TRACKING, ID)
    png = service.preview_png(result.job_id or "")
    assert png is not None and png.startswith(b"\x89PNG")
    assert (service.job(result.job_id or "") or pytest.fail()).kind == "receipt"


class ExplodingPrinter:
    """A printer whose driver has a bug."""

    profile: PaperProfile = PAPER_80MM

    def status(self) -> PrinterStatus:
        return PrinterStatus(PrinterState.READY)

    def print_document(self, doc: Document) -> SendResult:
        raise RuntimeError("bug")

    def warm_up(self) -> None:
        raise RuntimeError("bug")

    def close(self) -> None:
        pass


def test_driver_bug_keeps_the_job_and_the_citizen_gets_the_qr(store: PrintJobStore) -> None:
    service = PrintService(ExplodingPrinter(), store, clock=lambda: T0)
    result = service.print_document("receipt", DOC, TRACKING)
    assert result.outcome is PrintOutcome.SHOW_ON_SCREEN
    assert result.screen_qr == RECEIPT_QR
    [failed] = service.failed_jobs()
    assert failed.reason == "internal error: RuntimeError"


def test_a_renderer_that_fails_to_warm_up_does_not_stop_the_kiosk(store: PrintJobStore) -> None:
    service = PrintService(ExplodingPrinter(), store, clock=lambda: T0)
    service.warm_up()  # logged; the first receipt reports the problem to the citizen
    assert service.print_document("receipt", DOC, TRACKING).outcome is PrintOutcome.SHOW_ON_SCREEN


class UnconfirmedPrinter(ExplodingPrinter):
    """Sends everything, then never hears back although status says ready."""

    def print_document(self, doc: Document) -> SendResult:
        return SendResult(SendOutcome.UNCONFIRMED, PrinterStatus(PrinterState.READY), 100)


def test_unconfirmed_job_is_not_done(store: PrintJobStore) -> None:
    service = PrintService(UnconfirmedPrinter(), store, clock=lambda: T0)
    result = service.print_document("receipt", DOC, TRACKING)
    # Sent whole and never confirmed: not "printed", not "failed" (it may be in the
    # tray), the QR on screen, and the job waits for staff instead of a second copy.
    assert result.outcome is PrintOutcome.UNCONFIRMED
    assert result.message_key == "print.unconfirmed" and result.screen_qr
    assert service.job(result.job_id or "").state is JobState.UNCONFIRMED  # type: ignore[union-attr]
    assert [j.id for j in service.failed_jobs()] == [result.job_id]


def test_recover_after_crash(store: PrintJobStore, printer: SimulatedPrinter) -> None:
    info = store.add("receipt", DOC.to_json(), TRACKING, T0)
    store.mark_printing(info.id, T0)  # the kiosk died here
    service = PrintService(printer, store, clock=lambda: T0)
    assert service.recover() == 1
    assert [j.id for j in service.failed_jobs()] == [info.id]
    assert service.reprint(info.id).printed


class PresenterPrinter(SimulatedPrinter):
    """A simulated presenter model that records retract requests."""

    retracts = 0

    def retract(self) -> bool:
        self.retracts += 1
        return True


def test_presented_receipt_is_retracted_once_when_the_session_ends(
    store: PrintJobStore, tmp_path: Path
) -> None:
    import dataclasses

    printer = PresenterPrinter(tmp_path / "out", dataclasses.replace(PAPER_80MM, presenter=True))
    service = PrintService(printer, store, clock=lambda: T0)
    assert not service.retract_uncollected()  # nothing printed: nothing to pull back
    assert service.print_document("receipt", DOC, TRACKING).printed
    assert service.retract_uncollected() and printer.retracts == 1
    assert not service.retract_uncollected() and printer.retracts == 1


class KeepingPrinter(SimulatedPrinter):
    """The simulated printer, keeping each document it printed (what the paper says)."""

    def __init__(self, out: Path) -> None:
        super().__init__(out)
        self.docs: list[Document] = []

    def print_document(self, doc: Document) -> SendResult:
        self.docs.append(doc)
        return super().print_document(doc)


def _words(doc: Document) -> str:
    return " ".join(str(getattr(b, "text", "")) + str(getattr(b, "key", "")) for b in doc.blocks)


EN = submission_receipt(submission("en"), "en")


def test_a_citizen_s_reprint_is_in_the_citizen_s_language(
    tmp_path: Path, store: PrintJobStore
) -> None:
    """Try-out 10, C9: printed in 中文, reprinted by a citizen using English."""
    printer = KeepingPrinter(tmp_path / "out")
    service = PrintService(printer, store, clock=lambda: T0)
    service.print_document(
        "submission_receipt", DOC, TRACKING, ID, lang="zh", translations={"en": EN}
    )
    assert service.reprint_by_tracking_number(TRACKING, ID, "en").printed
    english = _words(printer.docs[-1])
    assert english.startswith("REPRINT 2026-11-23 02:00:00") and "Submission Receipt" in english
    assert "办事回执" not in english
    # The panel's 补打 (no language asked) re-prints the job as it was: in 中文.
    job = service.recent_jobs()[0].id
    assert service.reprint(job).printed
    chinese = _words(printer.docs[-1])
    assert chinese.startswith("补打 2026年11月23日 02:00:00") and "办事回执" in chinese
    # A language the job was not kept in: as printed. The stored paper is unchanged.
    assert service.reprint_by_tracking_number(TRACKING, ID, "fr").printed
    assert "办事回执" in _words(printer.docs[-1])
    assert service.document(job) == DOC


def test_a_job_stored_before_renditions_reprints_as_itself(
    tmp_path: Path, store: PrintJobStore
) -> None:
    """A receipt printed before this kiosk kept renditions: as printed, headed in both."""
    printer = KeepingPrinter(tmp_path / "out")
    service = PrintService(printer, store, clock=lambda: T0)
    service.print_document("submission_receipt", DOC, TRACKING, ID)
    assert service.reprint_by_tracking_number(TRACKING, ID, "en").printed
    words = _words(printer.docs[-1])
    assert words.startswith("补打 REPRINT 2026-11-23 02:00:00") and "办事回执" in words
