"""Many citizens through the real window: does the kiosk stay flat over days of use?

One kiosk process (this one: the real MainWindow offscreen, the demo's simulated
devices, its real outbox and sync agent) serves citizen after citizen, tapped
through Qt like the UI benchmark. The platform runs in its own process behind a
loopback TCP relay this module can cut, so "the network is down" is the real
thing for the sync agent: refused connections.

Journeys are mixed (seeded): an application typed by hand, rated; a progress
check by holding the receipt's QR code to the camera; a citizen who walks away
mid-journey (home button). Faults come and go: the printer runs out of paper for a
few citizens, the network is cut for a few. Every ``sample_every`` citizens it
records RSS, open file descriptors, threads and the outbox's state.

At the end the network is restored and the outbox drained: every record the kiosk
accepted must be on the platform exactly once.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import random
import socket
import sqlite3
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
WARM_UP_FRACTION = 0.1  # growth is measured from here: caches, fonts, pools filled


@dataclass
class Sample:
    """One reading along the way."""

    citizen: int
    rss_mib: float
    fds: int
    threads: int
    pending: int
    delivered: int
    dead: int


@dataclass
class SoakResult:
    """What ``make soak`` writes (bench/out/soak.json) and the CI test checks."""

    citizens: int
    journeys: dict[str, int]
    samples: list[Sample] = field(default_factory=list)
    rss_growth_pct: float = 0.0
    fd_growth: int = 0
    thread_growth: int = 0
    accepted: int = 0
    on_platform: int = 0
    lost: int = 0
    doubled: int = 0
    dead: int = 0
    dead_reasons: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        """The benchmark's JSON document."""
        return {
            "citizens": self.citizens,
            "journeys": self.journeys,
            "rss_growth_pct": round(self.rss_growth_pct, 2),
            "fd_growth": self.fd_growth,
            "thread_growth": self.thread_growth,
            "accepted": self.accepted,
            "on_platform": self.on_platform,
            "lost": self.lost,
            "doubled": self.doubled,
            "dead": self.dead,
            "dead_reasons": self.dead_reasons,
            "seconds": round(self.seconds, 1),
            "seconds_per_citizen": round(self.seconds / max(1, self.citizens), 3),
            "samples": [s.__dict__ for s in self.samples],
        }


class Relay:
    """A loopback TCP relay to the platform that can be cut (connections refused)."""

    def __init__(self, target_port: int) -> None:
        self._target = target_port
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._up = threading.Event()
        self._up.set()
        self._live: set[socket.socket] = set()
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, name="soak-relay", daemon=True).start()

    def cut(self) -> None:
        """The network goes down: open connections are reset, new ones refused."""
        self._up.clear()
        with self._lock:
            for s in list(self._live):
                _close(s)
            self._live.clear()

    def restore(self) -> None:
        """The network is back."""
        self._up.set()

    def close(self) -> None:
        """Stop relaying."""
        self.cut()
        self._server.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            if not self._up.is_set():
                _close(client)
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self._target), timeout=5)
            except OSError:
                _close(client)
                continue
            with self._lock:
                self._live.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            with self._lock:
                self._live.discard(src)
                self._live.discard(dst)
            _close(src)
            _close(dst)


def _close(s: socket.socket) -> None:
    with contextlib.suppress(OSError):
        s.shutdown(socket.SHUT_RDWR)
    s.close()


def _bench_module(name: str) -> Any:
    """A helper module from bench/ (not a package; its ui.py would shadow ours on sys.path)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def process_figures() -> tuple[float, int, int]:
    """(RSS MiB, open file descriptors, threads) of this process, from /proc."""
    rss = 0.0
    threads = 0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1]) / 1024
        elif line.startswith("Threads:"):
            threads = int(line.split()[1])
    return rss, len(os.listdir("/proc/self/fd")), threads


def run_soak(
    citizens: int,
    *,
    seed: int = 20261204,
    sample_every: int = 25,
    progress: Callable[[Sample], None] = lambda _s: None,
) -> SoakResult:
    """Serve ``citizens`` citizens through the real window; see the module docstring."""
    central_process = _bench_module("_central_proc").central_process
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from kiosk.app import build_app
    from kiosk.demo import DemoControls, DemoPrinter, DemoQr
    from kiosk.flow import Screen
    from kiosk.settings import CONFIG_DIR, load_settings
    from tests.support.journey import Driver, apply_by_manual_entry
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    rng = random.Random(seed)
    journeys: Counter[str] = Counter()
    result = SoakResult(citizens=citizens, journeys={})
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        with central_process(data / "platform.sqlite3") as url:
            relay = Relay(int(url.rsplit(":", 1)[1]))
            s = load_settings(CONFIG_DIR / "demo.toml")
            s = s.model_copy(
                update={
                    "storage": s.storage.model_copy(update={"data_dir": data / "kiosk"}),
                    # The soak studies memory and loss over many citizens, not double
                    # taps (tests/ui/test_tap_guard.py does): the guard keeps its
                    # bookkeeping but makes no tap wait (350 ms a screen at 10,000 citizens).
                    "timeouts": s.timeouts.model_copy(update={"tap_settle_ms": 0}),
                    "platform": s.platform.model_copy(
                        update={
                            "mode": "remote",
                            "base_url": f"http://127.0.0.1:{relay.port}",
                            "backoff_cap_s": 2.0,
                        }
                    ),
                }
            )
            kiosk = build_app(s)
            kiosk.start()
            assert kiosk.backend.wait_started(60), "the kiosk's back end did not start"
            window = MainWindow(kiosk.core)
            window.resize(1920, 1080)
            window.show()
            demo = DemoControls(kiosk.backend)
            outbox = kiosk.backend.outbox

            def tap(w: QWidget) -> None:
                QTest.mouseClick(w, Qt.MouseButton.LeftButton)

            def settle_home() -> None:
                end = time.monotonic() + 10
                while window.core.screen() != Screen.HOME and time.monotonic() < end:
                    app.processEvents()
                    time.sleep(0.005)
                for _ in range(20):
                    app.processEvents()

            paper_out_until = network_down_until = -1
            try:
                for n in range(citizens):
                    # Faults come and go between citizens, as in a real hall.
                    if n == paper_out_until:
                        demo.set_printer(DemoPrinter.READY)
                    if n == network_down_until:
                        relay.restore()
                    if n % 37 == 36:
                        demo.set_printer(DemoPrinter.PAPER_OUT)
                        paper_out_until = n + 3
                    if n % 53 == 52:
                        relay.cut()
                        network_down_until = n + 5
                    driver = Driver(window, tap, timeout_s=30)
                    roll = rng.random()
                    if roll < 0.6:
                        apply_by_manual_entry(driver)
                        journeys["apply"] += 1
                    elif roll < 0.8 and demo.qr_text(DemoQr.RECEIPT).startswith("ZWR"):
                        driver.click("tile_track")
                        driver.wait_for(Screen.TRACK)
                        scanner = kiosk.backend.scanner
                        end = time.monotonic() + 10
                        while scanner.status().state.value != "running":
                            assert time.monotonic() < end, "the camera did not start"
                            driver.settle()
                            time.sleep(0.01)
                        demo.show_qr(DemoQr.RECEIPT)
                        end = time.monotonic() + 8
                        while window.core.screen() == Screen.TRACK and time.monotonic() < end:
                            driver.settle()
                            time.sleep(0.01)
                        # Found, or (record not yet on the platform, network cut) told so.
                        found = window.core.screen() == Screen.TRACK_RESULT
                        journeys["track_found" if found else "track_not_yet"] += 1
                    else:
                        driver.click("tile_apply")
                        driver.wait_for(Screen.CATALOG)
                        journeys["walked_away"] += 1
                    # The session ends as after a finished journey or an idle timeout.
                    window.core.home()
                    window.show_screen()
                    settle_home()
                    if n % sample_every == sample_every - 1 or n == citizens - 1:
                        rss, fds, threads = process_figures()
                        st = outbox.stats(kiosk.backend.clock())
                        sample = Sample(n + 1, rss, fds, threads, st.pending, st.delivered, st.dead)
                        result.samples.append(sample)
                        progress(sample)
                # The network comes back; everything accepted must arrive.
                relay.restore()
                demo.set_printer(DemoPrinter.READY)
                end = time.monotonic() + 120
                while time.monotonic() < end:
                    st = outbox.stats(kiosk.backend.clock())
                    if st.pending == st.sending == st.failed == 0:
                        break
                    if kiosk.backend.sync is not None:
                        kiosk.backend.sync.wake()
                    app.processEvents()
                    time.sleep(0.1)
                records = outbox.list(limit=10_000_000)
                accepted = [r.id for r in records]
                result.dead_reasons = dict(
                    Counter(
                        f"{r.kind.value}: {r.last_error}"
                        for r in records
                        if r.state.value == "dead"
                    )
                )
                result.dead = outbox.stats(kiosk.backend.clock()).dead
            finally:
                window.close()
                kiosk.stop()
                relay.close()
            on_platform = _platform_keys(data / "platform.sqlite3")
    result.seconds = time.monotonic() - started
    result.journeys = dict(journeys)
    counts = Counter(on_platform)
    keys = {str(i) for i in accepted}
    result.accepted = len(keys)
    result.on_platform = sum(1 for k in counts if k in keys)
    result.lost = len(keys - set(counts))
    result.doubled = sum(c - 1 for c in counts.values() if c > 1)
    _growth(result)
    return result


def _platform_keys(db: Path) -> list[str]:
    """Idempotency keys of everything the platform stored (it uses the outbox ids)."""
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT idempotency_key FROM submissions")]


def _growth(result: SoakResult) -> None:
    """Growth from the end of the warm-up to the end of the run."""
    if not result.samples:
        return
    # The first hundred citizens fill caches (fonts, SQLite pages, pre-built screens):
    # a short run measured from its first tenth would mostly measure that.
    warm_at = max(1, int(result.citizens * WARM_UP_FRACTION), min(100, result.citizens // 3))
    base = next((s for s in result.samples if s.citizen >= warm_at), result.samples[0])
    last = result.samples[-1]
    result.rss_growth_pct = (last.rss_mib - base.rss_mib) / base.rss_mib * 100
    result.fd_growth = last.fds - base.fds
    result.thread_growth = last.threads - base.threads


def main() -> None:
    """``python -m tests.soak.ui_soak N OUT.json``."""
    citizens = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    def show(s: Sample) -> None:
        print(
            f"citizen {s.citizen}: rss {s.rss_mib:.1f} MiB, fds {s.fds}, threads {s.threads}, "
            f"outbox pending {s.pending} delivered {s.delivered} dead {s.dead}",
            flush=True,
        )

    result = run_soak(citizens, progress=show)
    doc = result.as_json()
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    print(json.dumps({k: v for k, v in doc.items() if k != "samples"}, indent=2))


if __name__ == "__main__":
    main()
