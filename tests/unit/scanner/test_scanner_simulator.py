"""The simulator behaves like a scanner to the core: codes arrive on its own thread."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import cv2

from drivers.scanner.protocol import Scanner
from drivers.scanner.simulator import SimulatedScanner
from drivers.scanner.types import DocumentStatus, ScannerState, ScanResult


def _collect(sim: SimulatedScanner) -> tuple[list[ScanResult], list[str], threading.Event]:
    got: list[ScanResult] = []
    threads: list[str] = []
    done = threading.Event()

    def on_code(r: ScanResult) -> None:
        got.append(r)
        threads.append(threading.current_thread().name)
        done.set()

    sim.start(on_code)
    return got, threads, done


def test_presented_payload_arrives_with_decoded_text() -> None:
    sim = SimulatedScanner(latency_s=0)
    scanner: Scanner = sim
    got, threads, done = _collect(sim)
    sim.present("受理回执 ZWR1")
    assert done.wait(5)
    scanner.stop()
    assert got[0].payload == "受理回执 ZWR1".encode() and got[0].text == "受理回执 ZWR1"
    assert threads == ["scanner-sim"]
    assert scanner.status().state is ScannerState.STOPPED


def test_fault_suppresses_codes_and_shows_in_status() -> None:
    sim = SimulatedScanner(latency_s=0)
    got, _, done = _collect(sim)
    sim.set_fault("scanner.no_camera")
    sim.present(b"lost")
    assert not done.wait(0.3)
    assert sim.status().state is ScannerState.RECONNECTING
    assert sim.status().message_key == "scanner.no_camera"
    sim.set_fault(None)
    sim.present(b"back")
    assert done.wait(5)
    sim.stop()
    assert [r.payload for r in got] == [b"back"]


def test_document_capture_returns_a_jpeg() -> None:
    doc = SimulatedScanner().capture_document()
    assert doc.status is DocumentStatus.OK and doc.jpeg.startswith(b"\xff\xd8")
    assert SimulatedScanner().capture_document(max_bytes=10).status is DocumentStatus.TOO_LARGE


def test_viewfinder_shows_the_presented_code() -> None:
    from drivers.scanner.decoders import ZxingDecoder
    from drivers.scanner.types import Frame

    frames: list[Frame] = []
    got = threading.Event()
    sim = SimulatedScanner(latency_s=0, preview_fps=50)
    sim.start(lambda r: got.set(), frames.append)
    sim.present("预约码 YY2026")
    assert got.wait(5)
    time.sleep(0.3)  # let a few preview frames with the code go by
    sim.stop()

    reads = {
        c.payload
        for f in frames
        for c in ZxingDecoder().decode(cv2.cvtColor(f.image, cv2.COLOR_BGR2GRAY)).codes
    }
    assert reads == {"预约码 YY2026".encode()}


def test_start_and_stop_from_many_threads_never_break_the_camera() -> None:
    """Screens start and stop the camera from different workers at once (soak finding)."""
    import threading

    scanner = SimulatedScanner(latency_s=0.0)
    errors: list[BaseException] = []

    def churn(start: bool) -> None:
        try:
            for _ in range(200):
                if start:
                    scanner.start(lambda _r: None)
                else:
                    scanner.stop()
        except BaseException as exc:  # the test is about exactly this
            errors.append(exc)

    threads = [threading.Thread(target=churn, args=(i % 2 == 0,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    seen: list[bytes] = []
    scanner.stop()
    scanner.start(lambda r: seen.append(r.payload))
    assert scanner.status().state == ScannerState.RUNNING
    scanner.present("after the churn")
    deadline = time.monotonic() + 5
    while not seen and time.monotonic() < deadline:
        time.sleep(0.01)
    scanner.stop()
    assert seen == [b"after the churn"]


def test_viewfinder_frames_live_and_a_faulted_camera_sends_none() -> None:
    """The demo's materials screen shows a sheet that sways (a live picture, not a still);
    a camera faulted from the demo controls shows nothing, and comes back when cleared."""
    from drivers.scanner.types import Frame

    frames: list[Frame] = []
    sim = SimulatedScanner(latency_s=0, preview_fps=50)
    sim.set_fault("scanner.no_camera")
    sim.start(lambda _r: None, frames.append)
    try:
        time.sleep(0.2)
        assert frames == []
        sim.set_fault(None)
        deadline = time.monotonic() + 5
        while len(frames) < 5 and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        sim.stop()
    assert len(frames) >= 5
    assert any((f.image != frames[0].image).any() for f in frames[1:])
    centre = frames[0].image[frames[0].height // 2, frames[0].width // 2]
    assert centre.min() > 200  # the paper, light, in the middle of the desk


def test_codes_held_up_one_after_another_do_not_starve_the_picture() -> None:
    """The bench holds a code up every 0.1 s; frames came only while no code came."""
    from drivers.scanner.types import Frame

    frames: list[Frame] = []
    sim = SimulatedScanner(latency_s=0, preview_fps=20)
    sim.start(lambda _r: None, frames.append)
    try:
        for i in range(100):
            sim.present(f"code {i}")
            time.sleep(0.01)
    finally:
        sim.stop()
    assert len(frames) >= 5  # ~20 at the configured pace; none at all before


def test_a_scanner_with_a_preview_loads_its_drawing_libraries_when_built() -> None:
    # Imported on the first preview frame, OpenCV's start-up (C code that keeps the
    # interpreter lock) held the GUI thread up as the materials screen opened (issue 14).
    # A fresh interpreter: in this one another test may have imported them already.
    code = (
        "import sys\n"
        "from drivers.scanner.simulator import SimulatedScanner\n"
        "assert 'cv2' not in sys.modules\n"
        "SimulatedScanner(preview_fps=10.0)\n"
        "print(sorted(m for m in ('cv2', 'segno') if m in sys.modules))\n"
    )
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=root,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["['cv2',", "'segno']"]
