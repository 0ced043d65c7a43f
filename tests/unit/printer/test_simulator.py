"""The demo printer: saves PNGs, and its controls change what it reports and does."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from drivers.printer.document import Document, Text
from drivers.printer.simulator import PRINTED_KEPT, SimulatedPrinter
from drivers.printer.types import PAPER_58MM, PrinterState, SendOutcome
from kiosk.receipts.samples import SAMPLES


def test_prints_a_png_per_receipt(tmp_path: Path) -> None:
    printer = SimulatedPrinter(tmp_path, PAPER_58MM)
    assert printer.print_document(SAMPLES["queue_ticket"]("zh")).ok
    assert printer.print_document(SAMPLES["rating_thanks"]("en")).ok
    assert [p.name for p in printer.printed] == ["receipt-0001.png", "receipt-0002.png"]
    with Image.open(printer.printed[0]) as img:
        assert img.width == PAPER_58MM.dots


def test_controls(tmp_path: Path) -> None:
    printer = SimulatedPrinter(tmp_path)
    doc = SAMPLES["queue_ticket"]("en")
    for control, state in [
        (printer.paper_out, PrinterState.PAPER_OUT),
        (printer.cover_open, PrinterState.COVER_OPEN),
        (printer.offline, PrinterState.OFFLINE),
    ]:
        control()
        assert printer.status().state is state
        result = printer.print_document(doc)
        assert result.outcome is SendOutcome.NOT_SENT and result.status.state is state
    assert list(tmp_path.glob("*.png")) == []
    printer.paper_near_end()
    assert printer.print_document(doc).ok  # near end still prints
    printer.ready()
    assert printer.status().state is PrinterState.READY
    assert len(list(tmp_path.glob("*.png"))) == 1


def test_numbering_continues_after_restart(tmp_path: Path) -> None:
    SimulatedPrinter(tmp_path).print_document(SAMPLES["queue_ticket"]("en"))
    again = SimulatedPrinter(tmp_path)
    again.print_document(SAMPLES["queue_ticket"]("en"))
    assert again.printed[0].name == "receipt-0002.png"


def test_warm_up_saves_nothing(tmp_path: Path) -> None:
    printer = SimulatedPrinter(tmp_path)
    printer.warm_up()
    assert list(tmp_path.iterdir()) == [] and not printer.printed
    assert printer.print_document(SAMPLES["queue_ticket"]("zh")).ok
    assert [p.name for p in printer.printed] == ["receipt-0001.png"]


def test_it_remembers_only_the_latest_receipts(tmp_path: Path) -> None:
    printer = SimulatedPrinter(tmp_path)
    for _ in range(PRINTED_KEPT + 3):
        assert printer.print_document(SAMPLES["queue_ticket"]("zh")).ok
    assert len(printer.printed) == PRINTED_KEPT
    assert printer.printed[-1].name == f"receipt-{PRINTED_KEPT + 3:04d}.png"


def test_slips_are_named_by_kind_and_numbered_on_after_a_restart(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    doc = Document((Text("x"),))
    printer = SimulatedPrinter(tmp_path)
    for kind in ("queue_ticket", "appointment", "submission_receipt", "rating_thanks"):
        printer.print_document(replace(doc, kind=kind))
    names = ["ticket-0001.png", "booking-0002.png", "receipt-0003.png", "rating-0004.png"]
    assert [p.name for p in printer.printed] == names
    # A demo started again on the same folder goes on from the highest number.
    again = SimulatedPrinter(tmp_path)
    again.print_document(replace(doc, kind="status_slip"))
    assert again.printed[0].name == "status-0005.png"
