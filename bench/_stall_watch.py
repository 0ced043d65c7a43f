"""Who holds up the GUI thread: a watchdog for bench/ui.py's lag probe (diagnostics).

Set ``BENCH_UI_WATCH=1``. The probe's timer beats on the GUI thread; a watchdog
thread notices when a beat is overdue and, once per stall, records what every thread
of the process is doing (its innermost Python frames) and, from the kernel's
scheduler statistics (/proc/self/task/*/schedstat), how much CPU each thread used and
how long it waited for a core between the start and the end of the stall. A GUI
thread that neither ran nor waited for a core during a stall was asleep: on the
interpreter lock (then another thread ran Python or a C call that keeps the lock) or
on a lock of its own.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import traceback
from pathlib import Path

TASKS = Path("/proc/self/task")


def _schedstat() -> dict[int, tuple[int, int]]:
    """Per native thread id: (ns on a CPU, ns waiting on a run queue)."""
    out: dict[int, tuple[int, int]] = {}
    for task in TASKS.iterdir():
        try:
            run, wait, _slices = (task / "schedstat").read_text().split()
            out[int(task.name)] = (int(run), int(wait))
        except (OSError, ValueError):
            continue
    return out


def _own_schedstat() -> tuple[int, int]:
    run, wait, _slices = Path("/proc/thread-self/schedstat").read_text().split()
    return int(run), int(wait)


def _sleeps(tid: int) -> int:
    """How many times the thread has gone to sleep (voluntary context switches)."""
    for line in (TASKS / str(tid) / "status").read_text().splitlines():
        if line.startswith("voluntary_ctxt_switches"):
            return int(line.split()[1])
    return 0


def _names() -> dict[int, str]:
    names = {t.native_id: t.name for t in threading.enumerate() if t.native_id is not None}
    for task in TASKS.iterdir():
        tid = int(task.name)
        if tid not in names:
            try:
                names[tid] = "native:" + (task / "comm").read_text().strip()
            except OSError:
                names[tid] = f"native:{tid}"
    return names


class StallWatch:
    """Samples every thread when the GUI thread's probe beat is overdue."""

    def __init__(self, threshold_ms: float, phase: object) -> None:
        self.threshold_s = threshold_ms / 1000
        self.phase = phase  # a callable: the bench's phase and screen now
        self.last = time.perf_counter()
        self.beats = 0
        self.gui_ident = threading.get_ident()
        self.gui_native = threading.get_native_id()
        self.reports: list[dict[str, object]] = []
        self._open: dict[str, object] | None = None
        # Per phase, the GUI thread's wall time, CPU, wait for a core, the rest (asleep:
        # the interpreter lock or another lock), and how often it went to sleep.
        self.phases: dict[str, list[float]] = {}
        self._prev: tuple[float, int, int, int] | None = None
        self._stop = threading.Event()
        self._t0 = time.perf_counter()
        self._thread = threading.Thread(target=self._run, name="stall-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)

    def beat(self, late_ms: float, phase: str) -> None:
        """From the probe's tick, on the GUI thread."""
        now = time.perf_counter()
        run, wait = _own_schedstat()
        sleeps = _sleeps(self.gui_native)
        if self._prev is not None:
            t0, r0, w0, s0 = self._prev
            acc = self.phases.setdefault(phase, [0.0, 0.0, 0.0, 0.0, 0])
            acc[0] += (now - t0) * 1000
            acc[1] += (run - r0) / 1e6
            acc[2] += (wait - w0) / 1e6
            acc[4] += sleeps - s0
            acc[3] = acc[0] - acc[1] - acc[2]
        self._prev = (now, run, wait, sleeps)
        rep = self._open
        if rep is not None:
            self._open = None
            end = _schedstat()
            start = rep.pop("_sched")
            names = rep.pop("_names")
            deltas = []
            for tid, (run, wait) in end.items():
                r0, w0 = start.get(tid, (run, wait))  # type: ignore[union-attr]
                if run - r0 > 1e6 or wait - w0 > 1e6 or tid == self.gui_native:
                    deltas.append(
                        (
                            names.get(tid, str(tid)),  # type: ignore[union-attr]
                            round((run - r0) / 1e6, 1),
                            round((wait - w0) / 1e6, 1),
                        )
                    )
            rep["late_ms"] = round(late_ms, 1)
            gui = end.get(self.gui_native)
            g0 = start.get(self.gui_native)  # type: ignore[union-attr]
            if gui and g0:
                cpu, runq = (gui[0] - g0[0]) / 1e6, (gui[1] - g0[1]) / 1e6
                span = (now - rep.pop("_beat_at")) * 1000  # type: ignore[operator]
                rep["measured_ms"] = round(span, 1)
                rep["gui_cpu_runq_asleep_ms"] = [
                    round(cpu, 1),
                    round(runq, 1),
                    round(span - cpu - runq, 1),
                ]
                rep["gui_sleeps"] = _sleeps(self.gui_native) - rep.pop("_sleeps")  # type: ignore[operator]
            rep["cpu_wait_ms"] = sorted(deltas, key=lambda d: -d[1])
            self.reports.append(rep)
        self.last = now
        self.beats += 1

    def summary(self) -> dict[str, dict[str, float]]:
        """Per phase: the GUI thread's wall, CPU, core-wait and asleep milliseconds."""
        keys = ("wall_ms", "cpu_ms", "runq_ms", "asleep_ms", "sleeps")
        return {
            p: dict(zip(keys, (round(v, 1) for v in acc), strict=True))
            for p, acc in self.phases.items()
        }

    def _run(self) -> None:
        seen = -1
        while not self._stop.wait(0.002):
            overdue = time.perf_counter() - self.last
            if overdue < self.threshold_s or seen == self.beats:
                continue
            seen = self.beats
            sched = _schedstat()
            frames = sys._current_frames()
            names = _names()
            by_ident = {t.ident: t.name for t in threading.enumerate()}
            stacks: dict[str, list[str]] = {}
            for ident, frame in frames.items():
                if ident == threading.get_ident():
                    continue
                summary = traceback.extract_stack(frame)[-6:]
                stacks[by_ident.get(ident, str(ident))] = [
                    f"{os.path.relpath(f.filename)}:{f.lineno} {f.name}" for f in summary
                ]
            self._open = {
                "at_s": round(time.perf_counter() - self._t0, 3),
                "overdue_ms_when_seen": round(overdue * 1000, 1),
                "phase": self.phase(),  # type: ignore[operator]
                "stacks": stacks,
                "_sched": sched,
                "_beat_at": time.perf_counter(),  # the scheduler figures count from here
                "_sleeps": _sleeps(self.gui_native),
                "_names": names,
            }
