"""Printer benchmark: rendering and sending a submission receipt to a loopback network printer.

Run: .venv/bin/python bench/printer.py   → prints figures, writes bench/out/printer.json

- receipt_send_ms: median time from ``PrintService.print_document`` being called
  (job stored durably, marked printing, connect, DLE EOT status check, render)
  to the last byte of the receipt arriving at the loopback printer. The printer
  runs in a child process (its own GIL); both sides read CLOCK_MONOTONIC.
- receipt_done_ms: the same call until it returns PRINTED (GS r confirmation
  received, job marked done).
- status_poll_ms: median ``printer.status()`` (connect + DLE EOT 1/2/4).
- render_escpos_ms / render_png_ms: median render of the zh receipt (80 mm).
"""

from __future__ import annotations

import multiprocessing as mp
import secrets
import statistics
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import median, percentile, write_result
from drivers.printer.escpos_printer import StatusTiming, network_printer
from drivers.printer.escpos_render import render_escpos
from drivers.printer.png_render import render_png
from drivers.printer.types import PAPER_58MM, PAPER_80MM
from kiosk.printing import PrintService
from kiosk.receipts import submission_receipt
from kiosk.receipts.samples import TRACKING, submission
from offline_cache.print_jobs import PrintJobStore

N_SEND = 60
N_RENDER = 200
N_PNG = 40


def _serve(conn: Connection) -> None:
    from tests.integration.printer.loopback_printer import LoopbackPrinter

    server = LoopbackPrinter().start()
    conn.send(server.port)
    while conn.recv() == "times":
        with server._lock:
            conn.send([c.last_data_at for c in server.connections])
    server.stop()


def _ms(seconds: float) -> float:
    return seconds * 1000.0


def main() -> None:
    doc = submission_receipt(submission("zh"), "zh")

    escpos = []
    for _ in range(N_RENDER):
        t = time.perf_counter()
        render_escpos(doc, PAPER_80MM)
        escpos.append(_ms(time.perf_counter() - t))
    png = []
    for _ in range(N_PNG):
        t = time.perf_counter()
        render_png(doc, PAPER_80MM)
        png.append(_ms(time.perf_counter() - t))
    png58 = []
    for _ in range(N_PNG):
        t = time.perf_counter()
        render_png(doc, PAPER_58MM)
        png58.append(_ms(time.perf_counter() - t))

    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_serve, args=(child,), daemon=True)
    proc.start()
    try:
        port = parent.recv()
        printer = network_printer("127.0.0.1", port, PAPER_80MM, StatusTiming())
        with tempfile.TemporaryDirectory() as tmp:
            store = PrintJobStore(Path(tmp) / "jobs.sqlite3", secrets.token_bytes(32))
            service = PrintService(printer, store)
            starts: list[float] = []
            done: list[float] = []
            for i in range(N_SEND + 5):
                t = time.perf_counter()
                result = service.print_document("receipt", doc, TRACKING, "11010519491231002X")
                end = time.perf_counter()
                if not result.printed:
                    raise SystemExit(f"receipt not printed: {result}")
                if i >= 5:  # warm-up
                    starts.append(t)
                    done.append(_ms(end - t))
            store.close()
        parent.send("times")
        last = [x for x in parent.recv() if x is not None][5:]
        if len(last) != len(starts):
            raise SystemExit(f"{len(last)} jobs captured for {len(starts)} sent")
        send = [_ms(b - a) for a, b in zip(starts, last, strict=True)]
        status = []
        for _ in range(30):
            t = time.perf_counter()
            printer.status()
            status.append(_ms(time.perf_counter() - t))
        parent.send("stop")
    finally:
        proc.join(5)
        if proc.is_alive():
            proc.terminate()
            proc.join()

    write_result(
        "printer",
        {
            "receipt_send_ms": median(send),
            "receipt_send_p95_ms": percentile(send, 95),
            "receipt_done_ms": median(done),
            "status_poll_ms": median(status),
            "render_escpos_ms": median(escpos),
            "render_png_ms": median(png),
            "render_png_58mm_ms": median(png58),
            "receipt_bytes": len(render_escpos(doc, PAPER_80MM)),
            "runs": {"send": len(send), "render_escpos": N_RENDER, "render_png": N_PNG},
            "note": "receipt: zh submission receipt, 80 mm; loopback printer in a child process",
            "spread_ms": round(statistics.pstdev(send), 3),
        },
    )


if __name__ == "__main__":
    main()
