"""UI responsiveness: tap to next screen painted, and the longest GUI-thread stall.

The demo kiosk runs in-process (offscreen Qt, real thread pool, embedded platform
and sync agent started). While a citizen's whole application is tapped through
(tests/support/journey.py), background load keeps devices and sync busy: a
thread enqueues records that the sync agent delivers over HTTP, the card reader
and the camera is shown codes.

- tap latency: from the tap to the first paint of the new screen, per transition;
- stall: an event-loop lag probe (a 5 ms timer) records how late it fires, while
  the journeys run (``max_stall_ms``) and, apart, between citizens, when the kiosk
  pre-builds screens on the home screen (``idle_max_stall_ms``; see
  ui/prebuild.py), and once after start-up, from the home screen's first paint to
  the first citizen (``startup_max_stall_ms``: importing and pre-building screens,
  warming the pinyin index and the receipt renderer, settling the heap).

Beside each stall, the GUI thread's own CPU time in its longest probe interval
(``*_busy_ms``): the stall the kiosk's code would cause on an idle machine. On a
shared machine the stalls also hold the time the process waited for a core; the
busy figures do not, so together they tell the code's share from the machine's.

The reference platform runs in its own process, as a real platform is remote.

``BENCH_UI_WATCH=1`` adds a diagnosis (bench/_stall_watch.py, into
bench/out/ui-watch.json): every thread's stack and the scheduler's figures at
each stall longer than ``BENCH_UI_STALL_MS``, and the GUI thread's time by phase
split into its own CPU, waiting for a core and asleep (on the interpreter lock).

``BENCH_UI_TASKS=1`` (or ``=profile``) lists the event deliveries that took the GUI
thread longest, in its own CPU time (bench/_gui_tasks.py, into bench/out/ui-tasks.json).

Run: make bench-ui  ->  bench/out/ui.json
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from _common import median, percentile, write_result  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

ROUNDS = 5
PROBE_MS = 5
WALK_UP_S = 1.5  # from one citizen leaving to the next one's first tap
# Stalls longer than this are listed with the screen they happened on.
LONG_STALL_MS = int(os.environ.get("BENCH_UI_STALL_MS", "50"))


class PaintClock(QObject):
    """Notes the time of the first paint of a given widget after ``arm``."""

    def __init__(self) -> None:
        super().__init__()
        self.target: QWidget | None = None
        self.painted_at: float | None = None

    def arm(self, target: QWidget) -> None:
        if self.target is not None:
            with contextlib.suppress(RuntimeError):  # screens are destroyed at session end
                self.target.removeEventFilter(self)
        self.target, self.painted_at = target, None
        target.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and self.painted_at is None
            and self.target is not None
            and obj is self.target
        ):
            self.painted_at = time.perf_counter()
        return False


class LagProbe:
    """A fast timer; any lateness is time the GUI thread could not react."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(PROBE_MS)
        self.clock = QElapsedTimer()
        self.cpu_at = time.thread_time()  # the GUI thread's CPU time at the last tick
        self.busy = {"startup": 0.0, "idle": 0.0, "journey": 0.0, "viewfinder": 0.0}
        self.worst_ms = 0.0
        self.startup_worst_ms = 0.0  # after start-up: pre-building screens, settling the heap
        self.idle_worst_ms = 0.0  # between citizens: pre-building screens
        self.started_up = False
        self.stalls: list[tuple[float, str]] = []
        self.where: Callable[[], str] | None = None
        self.timer.timeout.connect(self._tick)
        self.in_journey = False
        self.in_viewfinder = False  # the materials screen's live camera picture
        self.viewfinder_worst_ms = 0.0
        self.watch = None  # bench/_stall_watch.py, with BENCH_UI_WATCH=1
        self.at = time.perf_counter()
        # With BENCH_UI_TASKS: the intervals of 15 ms of work or more (start, end, busy, phase).
        self.busy_intervals: list[tuple[float, float, float, str]] = []
        self.late_intervals: list[tuple[float, float, float, str]] = []  # late by 30 ms+

    def phase(self) -> str:
        if self.in_viewfinder:
            return "viewfinder"
        return "journey" if self.in_journey else ("idle" if self.started_up else "startup")

    def start(self) -> None:
        self.clock.start()
        self.cpu_at = time.thread_time()
        self.timer.start()

    def _tick(self) -> None:
        late = self.clock.restart() - PROBE_MS
        cpu = time.thread_time()
        busy_ms = (cpu - self.cpu_at) * 1000
        self.cpu_at = cpu
        phase = self.phase()
        if self.watch is not None:
            self.watch.beat(late, phase)
        self.busy[phase] = max(self.busy[phase], busy_ms)
        now = time.perf_counter()
        if busy_ms >= 15:
            self.busy_intervals.append((self.at, now, busy_ms, phase))
        if late >= 30:
            self.late_intervals.append((self.at, now, float(late), phase))
        self.at = now
        if self.in_viewfinder:
            self.viewfinder_worst_ms = max(self.viewfinder_worst_ms, float(late))
            return
        if not self.started_up:
            self.startup_worst_ms = max(self.startup_worst_ms, float(late))
            return
        if not self.in_journey:
            self.idle_worst_ms = max(self.idle_worst_ms, float(late))
            return
        self.worst_ms = max(self.worst_ms, float(late))
        if late > LONG_STALL_MS and self.where is not None:
            self.stalls.append((float(late), self.where()))


def background_load(backend, stop: threading.Event) -> None:  # type: ignore[no-untyped-def]
    """Keep the outbox, the sync agent and the camera busy (records, HTTP, scanned codes).

    The card reader is left alone: a document laid on it would (rightly) take the
    journey to the chip-reading screen.
    """
    from offline_cache.outbox_protocol import RecordKind

    if os.environ.get("BENCH_UI_NO_LOAD"):
        return
    i = 0
    while not stop.is_set():
        backend.enqueue(RecordKind.FEEDBACK, {"category": "suggestion", "text": f"load {i}"}, None)
        present = getattr(backend.scanner, "present", None)
        if present is not None and i % 5 == 0:
            present(f"bench-{i}")
        i += 1
        time.sleep(0.02)


VIEWFINDER_S = 5.0
VIEWFINDER_SERVICE = "renshe.unemployment_registration"  # has a paper to photograph


def live_picture(window, app, probe: LagProbe) -> float:  # type: ignore[no-untyped-def]
    """Stand on the materials screen while the camera's picture is live; frames shown a second."""
    import datetime as dt

    from kiosk.flow import Journey, Screen
    from kiosk.identity import DocumentType, Identity, IdentitySource, Sex
    from tests.support.journey import ID_NUMBER

    core = window.core
    core.start(Journey.APPLY)
    core.sessions.current.service_id = VIEWFINDER_SERVICE
    core.sessions.current.set_identity(
        Identity(
            DocumentType.RESIDENT_ID,
            ID_NUMBER,
            "张",
            "三丰",
            dt.date(1949, 12, 31),
            Sex.FEMALE,
            "CHN",
            None,
            IdentitySource.MANUAL,
        )
    )
    core.go(Screen.DOCUMENTS)
    timed = getattr(app, "timed", None)  # with BENCH_UI_TASKS
    if timed is not None:
        timed("materials screen shown (show_screen)", window.show_screen)
    else:
        window.show_screen()
    finder = window.current_page().viewfinder
    start = time.perf_counter()
    while finder.frames_shown == 0 and time.perf_counter() < start + 5:
        app.processEvents()  # the camera opening is not the picture's cost
    probe.in_viewfinder = True
    first, t0 = finder.frames_shown, time.perf_counter()
    while time.perf_counter() < t0 + VIEWFINDER_S:
        app.processEvents()
    probe.in_viewfinder = False
    fps = (finder.frames_shown - first) / (time.perf_counter() - t0)
    core.home()
    window.show_screen()
    return round(fps, 1)


# The packages `make venv` byte-compiles (Makefile: PACKAGES), as an installed wheel ships.
PACKAGES = ("kiosk", "drivers", "ui", "offline_cache", "central")


def byte_compile() -> None:
    """Bring the kiosk's bytecode up to date before measuring, as `make bench-ui` does.

    Run as `python bench/ui.py` with PYTHONDONTWRITEBYTECODE set (as on the lead's and
    CI's machines) and a tree changed since its last `make`, every module whose source
    changed was compiled again at each start (93 of 257 in the main tree, 2026-12-05). A compile is
    one C call that keeps the interpreter lock (ui/screens/form.py 44 ms, review.py
    28 ms, on the worker importing the screens' modules), so the GUI thread waited that
    long in the start-up window: a stall no installed kiosk has. Up-to-date files are
    skipped (milliseconds)."""
    import compileall

    for package in PACKAGES:
        compileall.compile_dir(ROOT / package, quiet=1)


def main() -> None:
    byte_compile()
    from kiosk.app import build_app
    from kiosk.settings import CONFIG_DIR, load_settings
    from tests.support.journey import Driver, apply_by_manual_entry
    from ui.launcher import GIL_SWITCH_S
    from ui.main_window import MainWindow

    sys.setswitchinterval(GIL_SWITCH_S)  # as the kiosk itself runs
    tasks_app = None
    if os.environ.get("BENCH_UI_TASKS"):
        from _gui_tasks import TimedApplication

        app = tasks_app = TimedApplication(sys.argv[:1])
    else:
        app = QApplication(sys.argv[:1])
    taps: list[float] = []
    slowest: list[tuple[float, str]] = []
    probe = LagProbe()
    paint = PaintClock()
    from _central_proc import central_process

    with tempfile.TemporaryDirectory() as data, central_process(Path(data) / "p.db") as url:
        # As in production, the platform is another machine (here another process):
        # the kiosk process only runs the kiosk and its sync agent.
        s = load_settings(CONFIG_DIR / "demo.toml")
        s = s.model_copy(
            update={
                "storage": s.storage.model_copy(update={"data_dir": Path(data)}),
                "platform": s.platform.model_copy(update={"mode": "remote", "base_url": url}),
            }
        )
        kiosk = build_app(s)
        kiosk.start()
        kiosk.backend.wait_started(30)
        window = MainWindow(kiosk.core)
        window.resize(1920, 1080)
        window.show()
        stop = threading.Event()
        loader = threading.Thread(target=background_load, args=(kiosk.backend, stop), daemon=True)
        loader.start()

        def tap(w: QWidget) -> None:
            before = window.core.screen()
            t0 = time.perf_counter()
            QTest.mouseClick(w, Qt.MouseButton.LeftButton)
            if window.core.screen() == before:
                return  # a tap within the screen (a key, a field), not a transition
            paint.arm(window.stack.currentWidget())
            deadline = t0 + 5
            while paint.painted_at is None and time.perf_counter() < deadline:
                app.processEvents()
            if paint.painted_at is not None:
                ms = (paint.painted_at - t0) * 1000
                taps.append(ms)
                slowest.append((ms, f"{before.value}->{window.core.screen().value}"))

        def idle_between_citizens() -> None:
            # A citizen takes seconds to walk up; the kiosk pre-builds screens meanwhile
            # (and, once after start-up, warms its caches). The session's end reaches the
            # window through the event loop, so give it a walk-up's worth of time first.
            start = time.perf_counter()
            end = start + 30
            while time.perf_counter() < end and (
                time.perf_counter() < start + WALK_UP_S
                or window.prebuild_pending()
                or not kiosk.warmed_up.is_set()
            ):
                app.processEvents()

        probe.where = lambda: window.core.screen().value
        if tasks_app is not None:
            tasks_app.phase = lambda: f"{probe.phase()} {window.core.screen().value}"
        # The start-up stall counts from the home screen's first paint: before it,
        # there is nothing on screen to touch.
        paint.arm(window.stack.currentWidget())
        deadline = time.perf_counter() + 10
        while paint.painted_at is None and time.perf_counter() < deadline:
            app.processEvents()
        if os.environ.get("BENCH_UI_WATCH"):
            from _stall_watch import StallWatch

            t_start = time.perf_counter()
            probe.watch = StallWatch(
                LONG_STALL_MS,
                lambda: (
                    f"{probe.phase()} {window.core.screen().value} "
                    f"t={time.perf_counter() - t_start:.3f} steps={window._prebuilder.steps_run} "
                    f"warmed={kiosk.warmed_up.is_set()}"
                ),
            )
            probe.watch.start()
        try:
            probe.start()
            idle_between_citizens()
            probe.started_up = True
            for _ in range(ROUNDS):
                probe.in_journey = True
                driver = Driver(window, tap, timeout_s=30)
                apply_by_manual_entry(driver)
                probe.in_journey = False

                def back_home() -> None:
                    window.core.home()
                    window.show_screen()

                if tasks_app is not None:
                    tasks_app.timed("back home (core.home, show_screen)", back_home)
                else:
                    back_home()
                idle_between_citizens()
            viewfinder_fps = live_picture(window, app, probe)
        finally:
            probe.timer.stop()
            stop.set()
            loader.join(timeout=5)
            stalls = probe.worst_ms
            if probe.watch is not None:
                probe.watch.stop()
                import json

                out = ROOT / "bench" / "out" / "ui-watch.json"
                report = {
                    "gui_thread_by_phase": probe.watch.summary(),
                    "stalls": probe.watch.reports,
                }
                out.write_text(json.dumps(report, indent=1, ensure_ascii=False))
                print("gui thread by phase:", report["gui_thread_by_phase"])
            window.close()
            kiosk.stop()
            if tasks_app is not None:
                import json

                out = ROOT / "bench" / "out" / "ui-tasks.json"
                from _gui_tasks import in_intervals

                ranked = sorted(tasks_app.tasks, key=lambda t: -float(t["cpu_ms"]))  # type: ignore[arg-type]
                report = {
                    # The GUI thread's CPU in each delivery (and call, and GC pass).
                    "longest_intervals": in_intervals(
                        tasks_app.small,
                        probe.busy_intervals,
                        "busy_ms",
                        lambda e: f"{e[1]:.1f} {e[2]} {e[3]}",
                    ),
                    # Wall/CPU ms per delivery: wall well above CPU is a wait.
                    "latest_intervals": in_intervals(
                        tasks_app.walls,
                        probe.late_intervals,
                        "late_ms",
                        lambda e: f"{e[1]:.1f}/{e[2]:.1f} {e[3]} {e[4]}",
                    ),
                    "longest_deliveries": ranked,
                }
                out.write_text(json.dumps(report, indent=1, ensure_ascii=False))
    write_result(
        "ui",
        {
            "journeys": ROUNDS,
            "transitions": len(taps),
            "tap_p50_ms": median(taps),
            "tap_p95_ms": percentile(taps, 95),
            "max_stall_ms": round(stalls, 1),
            "idle_max_stall_ms": round(probe.idle_worst_ms, 1),
            "startup_max_stall_ms": round(probe.startup_worst_ms, 1),
            "max_busy_ms": round(probe.busy["journey"], 1),
            "idle_max_busy_ms": round(probe.busy["idle"], 1),
            "startup_max_busy_ms": round(probe.busy["startup"], 1),
            # The materials screen with the camera's live picture painting (outbox, sync
            # and scanned codes still busy): the longest stall, and the frames shown.
            "viewfinder_max_stall_ms": round(probe.viewfinder_worst_ms, 1),
            "viewfinder_max_busy_ms": round(probe.busy["viewfinder"], 1),
            "viewfinder_fps": viewfinder_fps,
            "load_average": round(os.getloadavg()[0], 1),
            "slowest_transitions": [[t, round(ms, 1)] for ms, t in sorted(slowest)[-5:]],
            "long_stalls": [[w, round(ms)] for ms, w in sorted(probe.stalls)[-8:]],
            "long_stall_threshold_ms": LONG_STALL_MS,
            "target_tap_p95_ms": 50,
            "target_stall_ms": 33,
            "target_idle_and_startup_stall_ms": 50,
        },
    )


if __name__ == "__main__":
    main()
