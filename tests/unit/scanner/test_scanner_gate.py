"""The camera gate: start/stop from a pool of workers converge on the latest screen's wish."""

from __future__ import annotations

import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait

from drivers.scanner.gate import ScanGate
from drivers.scanner.protocol import OnCode, OnPreview
from drivers.scanner.types import Backend, ScannerState, ScannerStatus


class SlowScanner:
    """Opening the camera takes a while (as a USB camera does); counts what runs."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self.running = False
        self.callback: OnCode | None = None
        self.preview: OnPreview | None = None

    def start(self, on_code: OnCode, on_preview: OnPreview | None = None) -> None:
        time.sleep(self._rng.uniform(0, 0.02))
        with self._lock:
            self.running, self.callback, self.preview = True, on_code, on_preview

    def stop(self) -> None:
        time.sleep(self._rng.uniform(0, 0.005))
        with self._lock:
            self.running, self.callback = False, None

    def status(self) -> ScannerStatus:
        state = ScannerState.RUNNING if self.running else ScannerState.STOPPED
        return ScannerStatus(state, "slow", Backend.ZXING)


def test_leaving_quickly_never_leaves_the_camera_running() -> None:
    left_running = 0
    with ThreadPoolExecutor(4) as pool:
        for i in range(20):
            scanner = SlowScanner(i)
            gate = ScanGate(scanner)  # type: ignore[arg-type]
            ticket = gate.request()  # screen appears (GUI thread)
            jobs = [pool.submit(gate.start, ticket, lambda _r: None)]
            gate.release(ticket)  # ... and is left at once (GUI thread)
            jobs.append(pool.submit(gate.settle))
            wait(jobs)
            left_running += scanner.running
    assert left_running == 0


def test_the_next_screen_keeps_the_camera_with_its_own_callback() -> None:
    with ThreadPoolExecutor(4) as pool:
        for i in range(20):
            scanner = SlowScanner(100 + i)
            gate = ScanGate(scanner)  # type: ignore[arg-type]

            def track(_r: object) -> None: ...

            def identify(_r: object) -> None: ...

            a = gate.request()
            jobs = [pool.submit(gate.start, a, track)]
            gate.release(a)
            jobs.append(pool.submit(gate.settle))
            b = gate.request()
            jobs.append(pool.submit(gate.start, b, identify))
            wait(jobs)
            assert scanner.running and scanner.callback is identify, i
            assert gate.running_for == b


def test_a_start_for_a_screen_already_gone_does_nothing() -> None:
    scanner = SlowScanner(7)
    gate = ScanGate(scanner)  # type: ignore[arg-type]
    ticket = gate.request()
    gate.release(ticket)
    assert gate.start(ticket, lambda _r: None) is False
    assert not scanner.running


def test_the_viewfinder_callback_reaches_the_camera_and_a_code_screen_drops_it() -> None:
    scanner = SlowScanner(7)
    gate = ScanGate(scanner)  # type: ignore[arg-type]

    def frames(_f: object) -> None: ...

    assert gate.start(gate.request(), lambda _r: None, frames)
    assert scanner.preview is frames  # the materials screen gets pictures
    assert gate.start(gate.request(), lambda _r: None)
    assert scanner.preview is None  # the track screen after it: codes only
