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

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

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
