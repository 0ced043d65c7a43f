"""Keep Python's cyclic garbage collector from freezing the screen mid-journey.

After start-up the heap holds a few hundred thousand long-lived objects (modules,
settings models, the catalog, Qt wrappers). A full collection walks all of them and
holds the GIL for 50–120 ms on a kiosk PC: a visible freeze under a citizen's finger.
Moving them to the permanent generation once, when the kiosk is idle and ready,
leaves full collections only the objects made since, so they stay short.
"""

from __future__ import annotations

import gc

_frozen = False


def settle_heap() -> bool:
    """Collect, then exempt every surviving object from later collections (once).

    Call when start-up is complete and no citizen is being served. Later calls do
    nothing: freezing again would also keep whatever screens and sessions are
    discarded later out of the collector's reach for good. Returns whether this
    call froze the heap.
    """
    global _frozen
    if _frozen:
        return False
    gc.collect()
    gc.freeze()
    _frozen = True
    return True
