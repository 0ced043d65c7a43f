"""Faults real printers have: no receipt prints twice and no printed receipt is called failed.

The loopback printer holds unprinted data on paper out and prints it when paper
is loaded, can go silent once a job is in, and can reset the connection after
the last byte. Each test counts what came out on paper (cuts), not what was sent.
"""

from __future__ import annotations

import dataclasses
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.printer.escpos_printer import StatusTiming, network_printer
from drivers.printer.types import PAPER_80MM, PaperProfile, profile_named
from kiosk.printing import PrintOutcome, PrintService
from kiosk.receipts import submission_receipt
from kiosk.receipts.samples import TRACKING, submission
from offline_cache.print_jobs import JobState, PrintJobStore
from tests.integration.printer.loopback_printer import LoopbackPrinter

pytestmark = pytest.mark.integration

FAST = StatusTiming(status_timeout_s=0.3, confirm_timeout_s=3.0, poll_interval_s=0.1, settle_s=0.2)
EPSON = PAPER_80MM  # clear_held = dle_dc4
OTHER = profile_named("80mm-512")  # clear_held = esc_at


def _service(server: LoopbackPrinter, store: PrintJobStore, profile: PaperProfile) -> PrintService:
    return PrintService(network_printer("127.0.0.1", server.port, profile, FAST), store)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[PrintJobStore]:
    s = PrintJobStore(tmp_path / "print_jobs.sqlite3", secrets.token_bytes(32))
    yield s
    s.close()


def _doc():  # type: ignore[no-untyped-def]
    return submission_receipt(submission("en"), "en")


def _failed_on_paper_out(loopback: LoopbackPrinter, store: PrintJobStore):  # type: ignore[no-untyped-def]
    """A receipt cut off by paper out (held data cleared), the roll still empty."""
    service = _service(loopback, store, EPSON)
    loopback.paper_out_after_bytes = 200
    first = service.print_document("receipt", _doc(), TRACKING)
    loopback.paper_out_after_bytes = None
    assert not first.printed
    return service, first


@pytest.mark.parametrize(
    ("model", "profile"), [("dle_dc4", EPSON), ("esc_at", OTHER)], ids=["epson", "other"]
)
def test_paper_out_mid_job_then_reload_and_reprint_gives_one_receipt(
    loopback: LoopbackPrinter, store: PrintJobStore, model: str, profile: PaperProfile
) -> None:
    loopback.clears_with = model
    service = _service(loopback, store, profile)
    loopback.paper_out_after_bytes = 200
    first = service.print_document("receipt", _doc(), TRACKING)
    assert first.outcome is PrintOutcome.SHOW_ON_SCREEN and not first.printed
    assert store.get_info(first.job_id or "").state is JobState.FAILED  # type: ignore[union-attr]
    assert loopback.held == []  # the driver discarded what the printer was holding
    loopback.paper_out_after_bytes = None
    loopback.load_paper()  # nothing held comes out now
    assert loopback.receipts_printed() == 0
    again = service.reprint(first.job_id or "")
    assert again.printed
    assert loopback.receipts_printed() == 1


def test_without_the_clear_the_loopback_would_print_twice(
    loopback: LoopbackPrinter, store: PrintJobStore
) -> None:
    """The fault the driver guards against is real in the loopback (the test can fail)."""
    loopback.clears_with = "none"
    service = _service(loopback, store, EPSON)
    loopback.paper_out_after_bytes = 200
    first = service.print_document("receipt", _doc(), TRACKING)
    assert not first.printed and loopback.held
    loopback.paper_out_after_bytes = None
    loopback.load_paper()
    service.reprint(first.job_id or "")
    assert loopback.receipts_printed() == 2


def test_automatic_reprint_when_paper_returns_while_the_citizen_is_there(
    loopback: LoopbackPrinter, store: PrintJobStore
) -> None:
    service, first = _failed_on_paper_out(loopback, store)
    polls = []

    def paper_back_after_two_polls(_s: float) -> None:
        polls.append(1)
        if len(polls) == 2:
            loopback.load_paper()

    result = service.reprint_when_paper_returns(
        first.job_id or "", lambda: True, poll_s=0.0, sleep=paper_back_after_two_polls
    )
    assert result.printed and loopback.receipts_printed() == 1
    assert store.get_info(first.job_id or "").state is JobState.DONE  # type: ignore[union-attr]


def test_citizen_gone_before_paper_returns_leaves_the_job_for_staff(
    loopback: LoopbackPrinter, store: PrintJobStore
) -> None:
    service, first = _failed_on_paper_out(loopback, store)
    result = service.reprint_when_paper_returns(first.job_id or "", lambda: False, poll_s=0.0)
    assert not result.printed and result.message_key == "print.queued_for_staff"
    assert [j.id for j in service.failed_jobs()] == [first.job_id]
    loopback.load_paper()
    assert loopback.receipts_printed() == 0


def test_printer_busy_and_silent_after_the_job_is_confirmed_printed(
    loopback: LoopbackPrinter, store: PrintJobStore
) -> None:
    loopback.silent_after_job_s = 1.0
    result = _service(loopback, store, EPSON).print_document("receipt", _doc(), TRACKING)
    assert result.printed, result
    assert loopback.receipts_printed() == 1


def test_printer_silent_for_good_after_the_job_is_not_called_failed(
    loopback: LoopbackPrinter, store: PrintJobStore
) -> None:
    loopback.silent_after_job_s = float("inf")
    service = _service(loopback, store, EPSON)
    result = service.print_document("receipt", _doc(), TRACKING)
    assert loopback.receipts_printed() == 1
    assert result.outcome is PrintOutcome.UNCONFIRMED and result.message_key == "print.unconfirmed"
    assert store.get_info(result.job_id or "").state is JobState.UNCONFIRMED  # type: ignore[union-attr]
    # Never reprinted on its own: it is probably in the tray.
    again = service.reprint_when_paper_returns(result.job_id or "", lambda: True, poll_s=0.0)
    assert not again.printed and loopback.receipts_printed() == 1


def test_connection_reset_after_the_last_byte_is_not_called_failed(
    loopback: LoopbackPrinter, store: PrintJobStore
) -> None:
    loopback.reset_after_job = True
    service = _service(loopback, store, EPSON)
    result = service.print_document("receipt", _doc(), TRACKING)
    assert loopback.receipts_printed() == 1
    assert result.outcome is PrintOutcome.UNCONFIRMED
    assert store.get_info(result.job_id or "").state is JobState.UNCONFIRMED  # type: ignore[union-attr]


def test_printer_without_gs_r_is_confirmed_by_status(
    loopback: LoopbackPrinter, store: PrintJobStore
) -> None:
    loopback.has_gs_r = False
    profile = dataclasses.replace(EPSON, status="dle_eot")
    result = _service(loopback, store, profile).print_document("receipt", _doc(), TRACKING)
    assert result.printed and loopback.receipts_printed() == 1


def test_printer_without_gs_r_and_paper_out_is_not_printed(
    loopback: LoopbackPrinter, store: PrintJobStore
) -> None:
    loopback.has_gs_r = False
    loopback.paper_out_after_bytes = 200
    profile = dataclasses.replace(EPSON, status="dle_eot")
    result = _service(loopback, store, profile).print_document("receipt", _doc(), TRACKING)
    assert not result.printed and loopback.receipts_printed() == 0 and loopback.held == []


def test_presenter_model_presents_with_retract_timeout_and_retracts_on_demand(
    loopback: LoopbackPrinter, store: PrintJobStore
) -> None:
    profile = profile_named("custom-vkp80")
    printer = network_printer("127.0.0.1", loopback.port, profile, FAST)
    result = PrintService(printer, store).print_document("receipt", _doc(), TRACKING)
    assert result.printed and loopback.receipts_printed() == 1
    # Presented after the cut, with the printer's own retract after 30 s (0x1e). The
    # command follows the confirmed job on the wire; the loopback's own thread parses it.
    _wait_for_events(loopback, 1)
    assert loopback.presenter_events == [bytes([0x20, 12, 30])]
    assert printer.retract()
    _wait_for_events(loopback, 2)
    assert loopback.presenter_events[-1] == bytes([0x04])  # GS e 4: ticket taken back in


def _wait_for_events(loopback: LoopbackPrinter, count: int) -> None:
    """Give the loopback printer's thread up to 2 s to parse ``count`` ejector commands."""
    deadline = time.monotonic() + 2
    while len(loopback.presenter_events) < count and time.monotonic() < deadline:
        time.sleep(0.02)


def test_printer_without_presenter_never_sends_ejector_commands(
    loopback: LoopbackPrinter, store: PrintJobStore
) -> None:
    printer = network_printer("127.0.0.1", loopback.port, EPSON, FAST)
    assert PrintService(printer, store).print_document("receipt", _doc(), TRACKING).printed
    assert not printer.retract()
    assert loopback.presenter_events == []
