"""The serial transport (python-escpos Serial over pyserial) against a pseudo-terminal printer."""

from __future__ import annotations

import contextlib
import os
import threading
import time
import tty
from collections.abc import Iterator

import pytest

from drivers.printer.escpos_printer import EscposPrinter, StatusTiming, printer_from_config
from drivers.printer.transports import SerialConfig
from drivers.printer.types import PAPER_58MM, PrinterState, SendOutcome
from kiosk.receipts.samples import RECEIPT_QR, SAMPLES
from tests.integration.printer.escpos_parser import StreamParser, parse_receipt

pytestmark = pytest.mark.integration


class PtyPrinter:
    """The printer end of a pty: captures bytes, answers DLE EOT and GS r."""

    def __init__(self) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.master)
        self.path = os.ttyname(self.slave)
        self.paper_out = False
        self.silent = False
        self.data = bytearray()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        parser = StreamParser()
        while True:
            try:
                chunk = os.read(self.master, 4096)
            except OSError:
                return
            if not chunk:
                return
            self.data += chunk
            for cmd in parser.feed(chunk):
                reply = b""
                if cmd.name == "DLE EOT":
                    n = cmd.args[0]
                    reply = bytes(
                        [0x12 | ({1: 0x08, 2: 0x20, 4: 0x60}.get(n, 0) if self.paper_out else 0)]
                    )
                elif cmd.name == "GS r" and not self.paper_out:
                    reply = b"\x00"
                if reply and not self.silent:
                    os.write(self.master, reply)

    def close(self) -> None:
        for fd in (self.slave, self.master):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._thread.join(2)


@pytest.fixture
def pty_printer() -> Iterator[PtyPrinter]:
    p = PtyPrinter()
    yield p
    p.close()


def _printer(p: PtyPrinter) -> EscposPrinter:
    config = SerialConfig(p.path, 115200, dsrdtr=False)
    return printer_from_config(config, PAPER_58MM, StatusTiming(status_timeout_s=0.4), True)


def test_receipt_over_serial(pty_printer: PtyPrinter) -> None:
    printer = _printer(pty_printer)
    try:
        result = printer.print_document(SAMPLES["submission_receipt"]("zh"))
        assert result.outcome is SendOutcome.PRINTED
        job = bytes(pty_printer.data)
        receipt = parse_receipt(job[job.index(b"\x1b@") : job.rindex(b"\x1dr\x01")])
        assert "办事回执" in receipt.text
        assert receipt.qr_payloads == [RECEIPT_QR.encode()]
        assert receipt.cuts
    finally:
        printer.close()


def test_paper_out_and_silence_over_serial(pty_printer: PtyPrinter) -> None:
    printer = _printer(pty_printer)
    try:
        pty_printer.paper_out = True
        assert printer.status().state is PrinterState.PAPER_OUT
        pty_printer.silent = True
        start = time.monotonic()
        result = printer.print_document(SAMPLES["queue_ticket"]("en"))
        assert time.monotonic() - start < 2.0
        assert result.outcome is SendOutcome.NOT_SENT
        assert result.status.state is PrinterState.OFFLINE
    finally:
        printer.close()
