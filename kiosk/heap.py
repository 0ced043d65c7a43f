"""Keep Python's cyclic garbage collector from freezing the screen mid-journey.

After start-up the heap holds a few hundred thousand long-lived objects (modules,
settings models, the catalog, the pinyin index, Qt wrappers). A full collection
walks all of them and holds the GIL for 50–120 ms on a kiosk PC: a visible freeze
under a citizen's finger. Moving them to the permanent generation when they are
built, while the kiosk is idle, leaves full collections only the objects made
since, so they stay short.
"""

from __future__ import annotations

import gc

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
