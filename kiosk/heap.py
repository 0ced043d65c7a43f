"""Keep Python's cyclic garbage collector from freezing the screen mid-journey.

After start-up the heap holds a few hundred thousand long-lived objects (modules,
settings models, the catalog, the pinyin index, Qt wrappers). A full collection
walks all of them and holds the GIL for 50–120 ms on a kiosk PC: a visible freeze
under a citizen's finger. Moving them to the permanent generation when they are
built, while the kiosk is idle, leaves full collections only the objects made
since, so they stay short.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import threading
import time
from collections.abc import Callable
from typing import cast

_settled: set[str] = set()


def settle_heap(milestone: str) -> None:
    """Collect, then exempt every surviving object from later collections.

    ``milestone`` names a start-up step (the screens pre-built, the pinyin index
    built); each settles once per process. Never per citizen: whatever is frozen
    and later dropped stays in memory for good, so freezing each session's
    screens would leak them.
    """
    if milestone in _settled:
        return
    _settled.add(milestone)
    gc.collect()
    gc.freeze()


# glibc's allocator keeps the pages of freed C/C++ memory (Qt widgets, style data,
# SQLite pages) inside its arenas for reuse. Over a day of citizens that free space
# scatters between live blocks and is never returned: the soak saw RSS climb while
# the bytes in use stayed flat. malloc_trim(0) hands every whole free page back to
# the kernel (madvise(MADV_DONTNEED)); the addresses stay reserved and are refilled
# on the next allocation. None where the C library has no malloc_trim (musl).
@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        fn = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_size_t]
    fn.restype = ctypes.c_int
    return cast("Callable[[int], int]", fn)


# glibc serves blocks of 128 KiB and more (pixmaps, images, Qt's style caches) with
# mmap, returned to the system on free, until one such block is freed: it then
# raises that threshold to the freed block's size (up to 32 MiB) and serves later
# big blocks from the arenas, where they leave large holes as they come and go. The
# soak churns ~10 MiB of QPixmapCache every hundred citizens. Fixing the threshold
# at glibc's own starting value keeps big blocks out of the arenas for good.
_M_MMAP_THRESHOLD = -3  # mallopt parameter, glibc's malloc.h
MMAP_THRESHOLD = 128 * 1024


@functools.cache
def tune_allocator() -> bool:
    """Fix glibc's mmap threshold (see above); once per process. Whether it was set."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD))


# A trim walks every free chunk of every arena under the arena's lock: ~10-40 ms
# on the kiosk's heap. Between citizens that is unseen; once a minute is plenty
# (a kiosk serves a citizen every few minutes; the soak, one every half second).
TRIM_INTERVAL_S = 60.0
_last_trim: float | None = None
_trim_lock = threading.Lock()


def release_free_memory(*, now: float | None = None) -> bool:
    """Return the C heap's free pages to the system; whether a trim ran.

    Call it between citizens (the previous session's screens destroyed, nobody
    mid-journey), from any thread; it does nothing within ``TRIM_INTERVAL_S`` of the last trim.
    """
    global _last_trim
    trim = _malloc_trim()
    if trim is None:
        return False
    t = time.monotonic() if now is None else now
    with _trim_lock:
        if _last_trim is not None and t - _last_trim < TRIM_INTERVAL_S:
            return False
        _last_trim = t
    trim(0)
    return True
