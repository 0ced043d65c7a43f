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

_settled: set[str] = set()


def settle_heap(milestone: str) -> None:
    """Exempt every object alive now from later collections.

    ``milestone`` names a start-up step (the window built, the screens pre-built,
    the pinyin index built); each settles once per process. Only the young
    generations are collected first, a pass over the objects made since the last
    collection: a full pass would itself be the freeze this avoids. Cycles that
    were already garbage in the old generation are set aside with the rest and
    stay for good; at these milestones the bench found none (bench/ui.py).

    Never per citizen: whatever is set aside and later dropped is freed when no
    reference is left, but a dropped cycle of set-aside objects stays in memory
    for good, so setting aside each session's screens would leak them.
    """
    if milestone in _settled:
        return
    _settled.add(milestone)
    gc.collect(1)
    gc.freeze()
