"""Keep Python's cyclic garbage collector from freezing the screen.

After start-up the heap holds a few hundred thousand long-lived objects (modules,
settings models, the catalog, the pinyin index, Qt wrappers). A full collection
walks all of them and holds the interpreter lock while it does, whichever thread
runs it: 60 ms of CPU here for 260,000 objects, 100-200 ms on a busy machine, a
visible freeze under a citizen's finger. Moving them to the permanent generation
as start-up builds them (the window, the devices and stores, the warmed caches, the
pre-built screens) leaves later collections only the objects made since: the
current citizen's screens and session, a few thousand objects, about 1 ms.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import cast

_settled: set[str] = set()
# Python 3.11: the oldest generation is collected once this many collections of the
# middle one have run (and the heap has grown by a quarter): never, in effect.
_HELD = 1 << 30
_hold_lock = threading.Lock()
_holds = 0
_thresholds = gc.get_threshold()


def settle_heap(milestone: str) -> None:
    """Exempt every object alive now from later collections.

    ``milestone`` names a start-up step (the window built, the screens pre-built,
    the pinyin index built); each settles once per process. Only the young
    generations are collected first, a pass over the objects made since the last
    collection: a full pass would itself be the freeze this avoids. Cycles that
    were already garbage in the old generation are set aside with the rest and
    stay for good: measured, none in bench/ui.py and 5 objects in all under
    ``kiosk --demo``, once per process.

    Never per citizen: whatever is set aside and later dropped is freed when no
    reference is left, but a dropped cycle of set-aside objects stays in memory
    for good, so setting aside each session's screens would leak them.
    """
    if milestone in _settled:
        return
    _settled.add(milestone)
    gc.collect(1)
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


# A trim walks every free chunk of every arena under the arena's lock: 15-30 ms on
# average in the soak, 108 ms at worst on a loaded 2-core machine. Between citizens
# that is unseen; once a minute is plenty (a kiosk serves a citizen every few
# minutes; the soak, one every half second to a second).
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


@contextmanager
def full_collections_held() -> Iterator[None]:
    """No automatic full collection while the block builds long-lived objects.

    For a bounded piece of start-up work that imports and builds a great deal (the
    devices and stores, the pinyin index), followed by :func:`settle_heap`: a full
    collection in the middle would walk everything built so far, on whichever
    thread, holding the interpreter lock the GUI thread needs (30-80 ms each,
    measured under ``kiosk --demo``). Young collections go on as usual; blocks on
    several threads may overlap, and the thresholds come back when the last ends.
    """
    global _holds, _thresholds
    with _hold_lock:
        if _holds == 0:
            _thresholds = gc.get_threshold()
            gc.set_threshold(_thresholds[0], _thresholds[1], _HELD)
        _holds += 1
    try:
        yield
    finally:
        with _hold_lock:
            _holds -= 1
            if _holds == 0:
                gc.set_threshold(*_thresholds)
