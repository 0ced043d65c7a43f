"""Who holds up the GUI thread: a watchdog for bench/ui.py's lag probe (diagnostics).

Set ``BENCH_UI_WATCH=1``; the result goes to bench/out/ui-watch.json.

- Per probe interval, the GUI thread's wall time split into its own CPU, its wait
  for a core (the run queue, /proc/thread-self/schedstat) and the rest, "asleep",
  with how often it went to sleep. Asleep with many sleeps is the interpreter lock
  (each a switch interval behind a worker running Python) or another lock; asleep
  with none is time the process was not run at all although nothing in it waited
  (seen here on the shared VM, up to ~100 ms, in no other process's figures). Per
  phase: the totals, and the five intervals longest without the wait for a core
  (what the stall would have been with cores to spare).
- Per stall longer than ``BENCH_UI_STALL_MS``: a watchdog thread notices the late
  beat and records every thread's innermost Python frames, then each thread's CPU
  and run-queue wait until the stall ends (who ran meanwhile).
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
    """The calling thread's (ns on a CPU, ns waiting on a run queue).

    The CPU figure from the clock, not from schedstat: the kernel brings a running
    thread's schedstat run time up to date only when it is switched out, so a thread
    that ran 60 ms without a switch shows it in the next interval. The run-queue wait
    is added when the thread gets a CPU, so it is up to date whenever the thread runs.
    """
    _run, wait, _slices = Path("/proc/thread-self/schedstat").read_text().split()
    return time.thread_time_ns(), int(wait)


def _steal_ms() -> tuple[float, float]:
    """CPU time the hypervisor took from this virtual machine, all CPUs (/proc/stat)."""
    with open("/proc/stat") as f:
        fields = f.readline().split()
    tick = 1000 / os.sysconf("SC_CLK_TCK")
    # steal, plus interrupts and soft interrupts (also not any thread's CPU time)
    return (int(fields[8]) * tick, (int(fields[6]) + int(fields[7])) * tick)


def _sleeps(tid: int) -> int:
    """How many times the thread went to sleep (voluntary context switches)."""
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
        self._prev: tuple[float, int, int, int, tuple[float, float]] | None = None
        # Per phase, the 5 probe intervals longest without the wait for a core.
        self.worst_own: dict[str, list[tuple[float, dict[str, float], int | None]]] = {}
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
        steal = _steal_ms()
        interval: dict[str, float] | None = None
        if self._prev is not None:
            t0, r0, w0, s0, st0 = self._prev
            wall, cpu, runq = (now - t0) * 1000, (run - r0) / 1e6, (wait - w0) / 1e6
            interval = {
                "wall_ms": round(wall, 1),
                "cpu_ms": round(cpu, 1),
                "runq_ms": round(runq, 1),
                "asleep_ms": round(wall - cpu - runq, 1),
                "sleeps": sleeps - s0,
                # Taken by the hypervisor from any of the VM's CPUs (10 ms ticks).
                "vm_steal_ms": round(steal[0] - st0[0], 1),
                "irq_ms": round(steal[1] - st0[1], 1),
            }
            acc = self.phases.setdefault(phase, [0.0, 0.0, 0.0, 0.0, 0, 0.0])
            acc[0] += wall
            acc[1] += cpu
            acc[2] += runq
            acc[4] += sleeps - s0
            acc[5] += steal[0] - st0[0]
            acc[3] = acc[0] - acc[1] - acc[2]
            # Its own CPU plus time asleep: what the interval would have been with
            # cores to spare (no wait for one), i.e. on an idle machine.
        self._prev = (now, run, wait, sleeps, steal)
        rep = self._open
        if rep is not None:
            self._open = None
            end = _schedstat()
            start = rep.pop("_sched")
            names = rep.pop("_names")
            deltas = []
            for tid, (trun, twait) in end.items():
                r0, w0 = start.get(tid, (trun, twait))  # type: ignore[union-attr]
                if trun - r0 > 1e6 or twait - w0 > 1e6:
                    deltas.append(
                        (
                            names.get(tid, str(tid)),  # type: ignore[union-attr]
                            round((trun - r0) / 1e6, 1),
                            round((twait - w0) / 1e6, 1),
                        )
                    )
            rep["late_ms"] = round(late_ms, 1)
            rep["gui_interval"] = interval
            rep["threads_cpu_runq_ms_since_seen"] = sorted(deltas, key=lambda d: -d[1])
            self.reports.append(rep)
        if interval is not None:
            own = self.worst_own.setdefault(phase, [])
            report = len(self.reports) - 1 if rep is not None else None
            own.append((interval["wall_ms"] - interval["runq_ms"], interval, report))
            own.sort(key=lambda x: -x[0])
            del own[5:]
        self.last = now
        self.beats += 1

    def summary(self) -> dict[str, object]:
        """Per phase: the GUI thread's wall, CPU, core-wait and asleep milliseconds, and
        its intervals longest without the core-wait (with the stall report's index)."""
        keys = ("wall_ms", "cpu_ms", "runq_ms", "asleep_ms", "sleeps", "vm_steal_ms")
        out: dict[str, object] = {}
        for p, acc in self.phases.items():
            out[p] = dict(zip(keys, (round(v, 1) for v in acc), strict=True))
        for p, worst in self.worst_own.items():
            out[p + "_worst_without_core_wait"] = [{**iv, "stall_report": i} for _, iv, i in worst]
        return out

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
                "_names": names,
            }
