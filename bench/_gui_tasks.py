"""Which event-loop tasks take the GUI thread's time (diagnostics for bench/ui.py).

Set ``BENCH_UI_TASKS=1``: the application's ``notify`` is timed in the GUI thread's
own CPU time (not wall time: a shared machine's waits for a core do not count),
and every outermost event delivery that took longer than ``BENCH_UI_TASK_MS``
(10 ms) is listed with its receiver, its event and the phase of the bench, into
bench/out/ui-tasks.json. ``BENCH_UI_TASKS=profile`` also runs each delivery under
cProfile (CPU time) and names the kiosk's functions that took the most of it
(cProfile slows Python code: compare shares, not the figures themselves).
"""

from __future__ import annotations

import cProfile
import gc
import os
import pstats
import threading
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

TASK_MS = float(os.environ.get("BENCH_UI_TASK_MS", "10"))
OURS = ("/ui/", "/kiosk/", "/offline_cache/", "/drivers/")


def _ours(path: str) -> bool:
    return any(p in path for p in OURS)


class TimedApplication(QApplication):
    """A QApplication whose outermost event deliveries are timed."""

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.phase: Callable[[], str] = lambda: ""
        self.tasks: list[dict[str, object]] = []
        # Every outermost delivery of 0.5 ms or more: (end, cpu ms, receiver, event),
        # to put together with the lag probe's longest intervals.
        self.small: list[tuple[float, float, str, str]] = []
        # Deliveries of 2 ms or more of wall time: (end, wall ms, cpu ms, receiver,
        # event); beside a stall, wall well above CPU is a wait (a core, the GIL).
        self.walls: list[tuple[float, float, float, str, str]] = []
        self._depth = 0
        self._profile = os.environ.get("BENCH_UI_TASKS") == "profile"
        # The cyclic collector's passes in the GUI thread, in the same list (a full one
        # walks every object not set aside: kiosk/heap.py).
        self._gui_thread = threading.get_ident()
        self._gc_cpu = 0.0
        gc.callbacks.append(self._gc)

    def _gc(self, phase: str, info: dict[str, int]) -> None:
        if threading.get_ident() != self._gui_thread:
            return
        if phase == "start":
            self._gc_cpu = time.thread_time()
            return
        ms = (time.thread_time() - self._gc_cpu) * 1000
        if ms >= 0.5:
            gen = info["generation"]
            self.small.append((time.perf_counter(), ms, f"gc gen{gen}", "collect"))

    def notify(self, receiver: QObject, event: QEvent) -> bool:  # type: ignore[override]
        if self._depth:
            self._depth += 1
            try:
                return super().notify(receiver, event)
            finally:
                self._depth -= 1
        self._depth = 1
        prof = cProfile.Profile(time.thread_time) if self._profile else None
        wall = time.perf_counter()
        cpu = time.thread_time()
        try:
            if prof is not None:
                prof.enable()
            return super().notify(receiver, event)
        finally:
            if prof is not None:
                prof.disable()
            self._depth = 0
            ms = (time.thread_time() - cpu) * 1000
            now = time.perf_counter()
            if ms >= 0.5:
                self.small.append((now, ms, _who(receiver), _event(event)))
            if now - wall >= 0.002:
                self.walls.append((now, (now - wall) * 1000, ms, _who(receiver), _event(event)))
            if ms >= TASK_MS:
                self._note(ms, receiver, event, prof)

    def timed(self, label: str, call: Callable[[], object]) -> None:
        """Run ``call`` (the bench's own call into the window) timed as a delivery is."""
        prof = cProfile.Profile(time.thread_time) if self._profile else None
        cpu = time.thread_time()
        # The events the call sends are inside it: no profiler of their own (a second
        # cProfile enabled inside the first crashed the process).
        self._depth += 1
        if prof is not None:
            prof.enable()
        try:
            call()
        finally:
            if prof is not None:
                prof.disable()
            self._depth -= 1
            ms = (time.thread_time() - cpu) * 1000
            self.small.append((time.perf_counter(), ms, label, "call"))
            self._note(ms, label, "call", prof)

    def _note(
        self, ms: float, receiver: QObject | str, event: QEvent | str, prof: cProfile.Profile | None
    ) -> None:
        task: dict[str, object] = {
            "cpu_ms": round(ms, 1),
            "phase": self.phase(),
            "receiver": receiver if isinstance(receiver, str) else _who(receiver),
            "event": event if isinstance(event, str) else _event(event),
        }
        if prof is not None:
            stats = pstats.Stats(prof)
            rows = [
                (ct * 1000, f"{path.split('uiperf/')[-1]}:{line} {name}", nc)
                for (path, line, name), (_cc, nc, _tt, ct, _callers) in stats.stats.items()  # type: ignore[attr-defined]
                if _ours(path)
            ]
            rows.sort(reverse=True)
            task["profile"] = [f"{ct:.1f}ms x{nc} {where}" for ct, where, nc in rows[:12]]
        self.tasks.append(task)


def _who(receiver: QObject) -> str:
    try:
        who = f"{type(receiver).__name__}:{receiver.objectName()}"
        parent = receiver.parent()
        if parent is not None:
            who += f" in {type(parent).__name__}"
    except RuntimeError:
        return "(deleted)"
    return who


def _event(event: QEvent) -> str:
    return str(event.type()).rsplit(".", 1)[-1]


Interval = tuple[float, float, float, str]  # start, end, figure (ms), phase


def in_intervals(
    entries: Sequence[tuple[float, ...]] | Sequence[tuple[object, ...]],
    intervals: list[Interval],
    figure: str,
    say: Callable[[tuple[object, ...]], str],
) -> list[dict[str, object]]:
    """The 20 intervals with the largest ``figure`` (busy or late ms), longest first,
    each with what ended in it (``entries``: end time, then ms, then what; ``say``
    words one), largest first."""
    t0 = min((i[0] for i in intervals), default=0.0)
    out = []
    for start, end, ms, phase in sorted(intervals, key=lambda i: -i[2])[:20]:
        inside = sorted((e for e in entries if start <= e[0] <= end), key=lambda e: -e[1])  # type: ignore[operator]
        out.append(
            {
                figure: round(ms, 1),
                "phase": phase,
                "at_s": round(start - t0, 3),
                "ended_in_it": [say(e) for e in inside[:12]],
            }
        )
    return out
