"""Where does the soak's memory go? The soak engine with a closer look at each sample.

``python bench/_soak_probe.py N [EVERY]`` serves N citizens exactly as ``make soak``
does (tests/soak/ui_soak.py) and prints, every EVERY citizens (default 250): RSS
and RssAnon; glibc's ``mallinfo2()`` (bytes in use, free bytes kept in the
arenas, bytes in mapped blocks); ``sqlite3_memory_used()``; the kiosk's trims so
far (kiosk/heap.py) and their longest; live widgets; and which Python object
types grew since the last sample. docs/memory.md says what it found. Not part
of ``make bench`` (no JSON, no goal): a tool for looking.
"""

from __future__ import annotations

import ctypes
import gc
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class _MallInfo2(ctypes.Structure):
    # The layout of glibc's struct mallinfo2.
    _fields_ = [
        (n, ctypes.c_size_t)
        for n in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


def _regions() -> dict[str, int]:
    """Resident bytes by kind of mapping: the main heap, thread arenas, pymalloc, files."""
    out: Counter[str] = Counter()
    kind = "?"
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split()
        if "-" in head[0] and len(head) >= 5 and not head[0].endswith(":"):
            lo, hi = (int(x, 16) for x in head[0].split("-"))
            size = hi - lo
            path = head[5] if len(head) > 5 else ""
            if path == "[heap]":
                kind = "heap"
            elif path.startswith("["):
                kind = path.strip("[]")
            elif path:
                kind = "file"
            elif size == 1 << 20:
                kind = "anon1M"  # pymalloc's arenas (1 MiB each)
            elif lo % (64 << 20) == 0 or size > (32 << 20):
                kind = "arena"  # a thread's malloc arena (64 MiB aligned)
            else:
                kind = "anon"
        elif head[0] == "Rss:":
            out[kind] += int(head[1]) * 1024
    return dict(out)


def _pymalloc() -> dict[str, int]:
    """pymalloc's arenas and blocks (from ``sys._debugmallocstats``, which writes to fd 2)."""
    import tempfile

    with tempfile.TemporaryFile() as f:
        saved = os.dup(2)
        try:
            os.dup2(f.fileno(), 2)
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        f.seek(0)
        text = f.read().decode()
    out = {}
    for key, name in (
        ("arenas allocated current", "arenas"),
        ("bytes in allocated blocks", "used"),
        ("bytes in available blocks", "avail"),
    ):
        for line in text.splitlines():
            if key in line:
                out[name] = int(line.split("=")[1].replace(",", ""))
    return out


def main() -> None:
    """Run the soak with the probe as its progress callback."""
    import shiboken6
    from PySide6.QtWidgets import QApplication

    import ui.main_window as main_window
    from tests.soak import ui_soak
    from tests.support.qobject_census import qobject_census

    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = _MallInfo2
    sqlite = ctypes.CDLL("libsqlite3.so.0")
    sqlite.sqlite3_memory_used.restype = ctypes.c_int64

    trims: list[float] = []
    release = main_window.release_free_memory

    def timed_release(**kw: Any) -> bool:
        t = time.perf_counter()
        ran = release(**kw)
        if ran:
            trims.append((time.perf_counter() - t) * 1000)
        return ran

    main_window.release_free_memory = timed_release  # type: ignore[assignment]
    last: Counter[str] = Counter()
    last_wrappers: Counter[str] = Counter()
    last_regions: dict[str, int] = {}
    last_q: Counter[str] = Counter()

    def show(s: ui_soak.Sample) -> None:
        nonlocal last
        mi = libc.mallinfo2()
        status = dict(
            line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines()
        )
        anon = int(status["RssAnon"].split()[0]) >> 10
        types = Counter(type(o).__name__ for o in gc.get_objects())
        grew = sorted(((n - last[k], k) for k, n in types.items() if n > last[k]), reverse=True)
        last = types
        app = QApplication.instance()
        widgets = len(app.allWidgets()) if isinstance(app, QApplication) else 0
        wrappers = Counter(type(w).__name__ for w in shiboken6.getAllValidWrappers())
        regions = _regions()
        region_growth = {k: (regions[k] - last_regions.get(k, 0)) >> 10 for k in regions}
        last_regions.clear()
        last_regions.update(regions)
        wgrew = sorted(
            ((n - last_wrappers[k], k) for k, n in wrappers.items() if n > last_wrappers[k]),
            reverse=True,
        )
        last_wrappers.clear()
        last_wrappers.update(wrappers)
        qobjects = qobject_census()
        qgrew = sorted(
            ((n - last_q[k], k) for k, n in qobjects.items() if n != last_q[k]), reverse=True
        )
        last_q.clear()
        last_q.update(qobjects)
        pm = _pymalloc()
        print(
            f"{time.strftime('%H:%M:%S')} citizen {s.citizen}: rss {s.rss_mib:.1f} anon {anon} "
            f"| malloc in use {mi.uordblks >> 20} free {mi.fordblks >> 20} "
            f"mapped {mi.hblkhd >> 20} MiB | sqlite {sqlite.sqlite3_memory_used() >> 10} KiB "
            f"| trims {len(trims)} longest {max(trims, default=0):.0f} ms | widgets {widgets} "
            f"| grew {' '.join(f'{k}+{n}' for n, k in grew[:6])}"
            f"\n    blocks {sys.getallocatedblocks()} gc {len(gc.get_objects())} "
            f"wrappers {sum(wrappers.values())} (+{' '.join(f'{k}+{n}' for n, k in wgrew[:6])}) "
            f"\n    pymalloc arenas {pm.get('arenas')} used {pm.get('used', 0) >> 10} KiB "
            f"avail {pm.get('avail', 0) >> 10} KiB | malloc in use {mi.uordblks >> 10} KiB "
            f"free {mi.fordblks >> 10} KiB | gc {gc.get_stats()[2]} | qobjects "
            f"{sum(qobjects.values())} ({' '.join(f'{k}{n:+d}' for n, k in qgrew[:8])})"
            f"\n    rss KiB by region (growth): "
            + " ".join(f"{k} {v >> 10}({region_growth[k]:+d})" for k, v in sorted(regions.items())),
            flush=True,
        )

    citizens = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    every = int(sys.argv[2]) if len(sys.argv) > 2 else 250
    result = ui_soak.run_soak(citizens, sample_every=every, progress=show)
    print({k: v for k, v in result.as_json().items() if k != "samples"})


if __name__ == "__main__":
    main()
