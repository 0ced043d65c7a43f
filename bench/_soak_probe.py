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


def main() -> None:
    """Run the soak with the probe as its progress callback."""
    from PySide6.QtWidgets import QApplication

    import ui.main_window as main_window
    from tests.soak import ui_soak

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
        print(
            f"{time.strftime('%H:%M:%S')} citizen {s.citizen}: rss {s.rss_mib:.1f} anon {anon} "
            f"| malloc in use {mi.uordblks >> 20} free {mi.fordblks >> 20} "
            f"mapped {mi.hblkhd >> 20} MiB | sqlite {sqlite.sqlite3_memory_used() >> 10} KiB "
            f"| trims {len(trims)} longest {max(trims, default=0):.0f} ms | widgets {widgets} "
            f"| grew {' '.join(f'{k}+{n}' for n, k in grew[:6])}",
            flush=True,
        )

    citizens = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    every = int(sys.argv[2]) if len(sys.argv) > 2 else 250
    result = ui_soak.run_soak(citizens, sample_every=every, progress=show)
    print({k: v for k, v in result.as_json().items() if k != "samples"})


if __name__ == "__main__":
    main()
