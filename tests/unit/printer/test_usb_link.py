"""USB printers through pyusb: found by vendor/product id, endpoints discovered, status read."""

from __future__ import annotations

import pytest

from drivers.printer.escpos_printer import EscposPrinter, StatusTiming
from drivers.printer.transports import LinkError, UsbConfig, UsbLink
from drivers.printer.types import PrinterState, SendOutcome
from kiosk.receipts import submission_receipt
from kiosk.receipts.samples import submission
from tests.unit.printer.fake_usb import FakePrinterBackend

FAST = StatusTiming(status_timeout_s=0.05, confirm_timeout_s=0.5, poll_interval_s=0.05)


def test_endpoints_are_discovered_on_the_printer_class_interface() -> None:
    fake = FakePrinterBackend()
    link = UsbLink(UsbConfig(0x0416, 0x5011), backend=fake)
    link.open()
    assert (link.out_ep, link.in_ep) == (0x03, 0x84)
    assert fake.detached == [1] and fake.claimed == [1]  # usblp let go, interface claimed
    link.close()
    assert fake.claimed == []


def test_a_receipt_prints_and_is_confirmed_over_usb() -> None:
    fake = FakePrinterBackend()
    printer = EscposPrinter(UsbLink(UsbConfig(0x0416, 0x5011), backend=fake), timing=FAST)
    result = printer.print_document(submission_receipt(submission("zh"), "zh"))
    assert result.outcome is SendOutcome.PRINTED, result
    assert b"\x1dV" in fake.written  # the cut reached the bulk OUT endpoint


def test_paper_out_is_read_from_the_bulk_in_endpoint() -> None:
    fake = FakePrinterBackend(paper_out=True)
    printer = EscposPrinter(UsbLink(UsbConfig(0x0416, 0x5011), backend=fake), timing=FAST)
    assert printer.status().state is PrinterState.PAPER_OUT


def test_wrong_ids_are_a_clear_error() -> None:
    link = UsbLink(UsbConfig(0x04B8, 0x0202), backend=FakePrinterBackend())
    with pytest.raises(LinkError, match="no USB printer 04b8:0202"):
        link.open()


def test_configured_endpoints_override_discovery() -> None:
    link = UsbLink(UsbConfig(0x0416, 0x5011, in_ep=0x84, out_ep=0x03), backend=FakePrinterBackend())
    link.open()
    assert (link.out_ep, link.in_ep) == (0x03, 0x84)
    link.close()
