"""The maintenance panel's "send again" (Maintenance.resend_dead): dead records go back
to the queue, once each."""

from __future__ import annotations

import datetime as dt
import uuid

from kiosk.sync.resend import resend_dead
from offline_cache.memory_outbox import MemoryOutbox
from offline_cache.outbox_protocol import RecordKind, RecordState

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


class _Agent:
    def __init__(self) -> None:
        self.kicks = 0

    def retry_now(self) -> None:
        self.kicks += 1


def _dead(outbox: MemoryOutbox, n: int) -> list[uuid.UUID]:
    ids = []
    for i in range(n):
        rec = outbox.enqueue(RecordKind.APPLICATION, b"{}", f"T{i}", NOW)
        ids.append(rec.id)
    outbox.claim(n, NOW)
    for rid in ids:
        outbox.mark_dead(rid, "HTTP 422: refused", NOW)
    return ids


def test_one_dead_record_is_sent_again_and_the_agent_is_kicked() -> None:
    outbox, agent = MemoryOutbox(), _Agent()
    ids = _dead(outbox, 3)
    assert resend_dead(outbox, NOW, ids[1], agent) == 1
    states = [outbox.get(i).state for i in ids]  # type: ignore[union-attr]
    assert states == [RecordState.DEAD, RecordState.PENDING, RecordState.DEAD]
    assert agent.kicks == 1


def test_all_dead_records_are_sent_again_with_their_attempts_reset() -> None:
    outbox, agent = MemoryOutbox(), _Agent()
    _dead(outbox, 700)  # more than one page of the panel's list
    delivered = outbox.enqueue(RecordKind.RATING, b"{}", None, NOW)
    outbox.claim(1, NOW)
    outbox.mark_delivered(delivered.id, NOW)
    assert resend_dead(outbox, NOW, agent=agent) == 700
    st = outbox.stats(NOW)
    assert (st.dead, st.pending, st.delivered) == (0, 700, 1)
    assert all(r.attempts == 0 for r in outbox.list(frozenset({RecordState.PENDING}), 1000))
    assert agent.kicks == 1


def test_nothing_dead_nothing_done() -> None:
    outbox, agent = MemoryOutbox(), _Agent()
    rec = outbox.enqueue(RecordKind.APPLICATION, b"{}", "T1", NOW)
    assert resend_dead(outbox, NOW, rec.id, agent) == 0  # pending, not dead: left alone
    assert resend_dead(outbox, NOW, agent=agent) == 0
    assert agent.kicks == 0
    assert outbox.get(rec.id).state is RecordState.PENDING  # type: ignore[union-attr]


def test_works_while_the_platform_link_is_not_up_yet() -> None:
    outbox = MemoryOutbox()
    ids = _dead(outbox, 2)
    assert resend_dead(outbox, NOW, ids[0]) == 1
