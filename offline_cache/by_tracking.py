"""An outbox record found by the tracking number a citizen holds.

The outbox is keyed by record id; a citizen (or a reprint) names the application by
its tracking number, printed with dashes or typed without. The newest ``limit``
records are searched: the outbox keeps delivered rows (payloads purged) for a while.
"""

from __future__ import annotations

from offline_cache.outbox_protocol import Outbox, OutboxRecord, RecordKind, RecordState


def record_by_tracking(
    outbox: Outbox,
    kind: RecordKind,
    tracking_number: str,
    states: frozenset[RecordState] | None = None,
    limit: int = 2000,
) -> OutboxRecord | None:
    """The newest record of ``kind`` (in ``states``, any when None) under
    ``tracking_number``, written with or without its dashes; None when not among the
    newest ``limit``. Reads the outbox: never on the GUI thread."""
    compact = tracking_number.replace("-", "")
    return next(
        (
            r
            for r in outbox.list(states, limit=limit)
            if r.kind is kind and (r.tracking_number or "").replace("-", "") == compact
        ),
        None,
    )
