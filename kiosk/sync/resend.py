"""Re-sending dead records: the core of the maintenance panel's "send again"."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Protocol

from offline_cache.outbox_protocol import Outbox, RecordState

log = logging.getLogger(__name__)
_DEAD = frozenset({RecordState.DEAD})


class Kickable(Protocol):
    """What re-sending needs of the sync agent."""

    def retry_now(self) -> None:
        """Lift the submissions backoff and look at the outbox now."""
        ...


def resend_dead(
    outbox: Outbox,
    now: dt.datetime,
    record_id: uuid.UUID | None = None,
    agent: Kickable | None = None,
) -> int:
    """Put dead records back in the queue: the one with ``record_id``, or every dead one.

    Each goes back to ``pending`` with its attempts reset and keeps its id, so the
    platform still stores it at most once (the id is the idempotency key). A record
    that is not dead (delivered, or re-sent meanwhile) is left alone. ``agent`` is
    told to try at once. Blocks on the disk. Returns how many records were re-queued.
    """
    if record_id is not None:
        rec = outbox.get(record_id)
        ids = [rec.id] if rec is not None and rec.state is RecordState.DEAD else []
        for rid in ids:
            outbox.requeue(rid, now)
    else:
        ids = []
        # list() pages newest first; a re-sent record leaves the dead set.
        while batch := [r.id for r in outbox.list(_DEAD, limit=500) if r.id not in ids]:
            for rid in batch:
                outbox.requeue(rid, now)
            ids.extend(batch)
    if ids:
        log.info("%d dead record(s) queued again", len(ids))
        if agent is not None:
            agent.retry_now()
    return len(ids)
