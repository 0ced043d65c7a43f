"""Suite-wide set-up: Qt must run offscreen unless a test brings its own X server."""

from __future__ import annotations

import os
from typing import Any

# Must happen before anything imports Qt; without a display pytest-qt would abort.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")


def pytest_collection_modifyitems(items: list[Any]) -> None:
    """The minutes-long tests (marked ``long(seconds)``) first, longest first; the rest
    in their own order.

    ``make test``'s workers (pytest-xdist, ``--dist load``) are handed the first tests
    one each in turn, so the longest start at once on workers of their own, while the
    others share the rest; in collection order the clipping sweep came 20 minutes into
    the run and ran 12 minutes alone at its end. The seconds are a run's on the shared
    two-core machine: only their order matters."""

    def seconds(item: Any) -> float:
        mark = item.get_closest_marker("long")
        return float(mark.args[0]) if mark is not None else 0.0

    items.sort(key=seconds, reverse=True)
