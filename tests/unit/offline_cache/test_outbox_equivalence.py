"""Random operation sequences give the same observable results on both outboxes.

The contract suite pins down chosen cases; this explores the orders nobody
thought of (requeue after purge, failures racing deliveries, ...).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, precondition, rule

from offline_cache.crypto import KeyRing
from offline_cache.db import Database
from offline_cache.memory_outbox import MemoryOutbox
from offline_cache.outbox_protocol import OutboxRecord, RecordKind, RecordState
from offline_cache.sqlite_outbox import SqliteOutbox

T0 = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)
STATE_SETS = st.none() | st.frozensets(st.sampled_from(list(RecordState)), min_size=1)


def _view(rec: OutboxRecord | None, ids: dict[uuid.UUID, int]) -> Any:
    """A record with its random id replaced by its position in the enqueue order."""
    if rec is None:
        return None
    return (
        ids[rec.id],
        rec.kind,
        rec.tracking_number,
        rec.created_at,
        rec.state,
        rec.attempts,
        rec.next_attempt_at,
        rec.last_error,
        rec.delivered_at,
        rec.payload,
    )


def _outcome(fn: Any, *args: Any) -> Any:
    try:
        return ("ok", fn(*args))
    except Exception as exc:  # the exception type is part of the contract
        return ("raised", type(exc))


class SameBehaviour(RuleBasedStateMachine):
    records = Bundle("records")

    def __init__(self) -> None:
        super().__init__()
        # Behaviour, not durability, is under test: tmpfs spares hundreds of fsyncs.
        shm = Path("/dev/shm")
        self.dir = Path(tempfile.mkdtemp(dir=shm if shm.is_dir() else None))
        self.db = Database(self.dir / "k.db", background_checkpoint=False)
        keys = KeyRing.load_or_create(self.dir / "k")
        self.sql = SqliteOutbox(self.db, keys, max_attempts=3, retention=dt.timedelta(hours=1))
        self.mem = MemoryOutbox(max_attempts=3, retention=dt.timedelta(hours=1))
        self.sql_ids: list[uuid.UUID] = []
        self.mem_ids: list[uuid.UUID] = []
        self.now = T0

    def teardown(self) -> None:
        self.db.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def _views(self, a: Any, b: Any) -> tuple[Any, Any]:
        sql_pos = {rid: i for i, rid in enumerate(self.sql_ids)}
        mem_pos = {rid: i for i, rid in enumerate(self.mem_ids)}
        if isinstance(a, list):
            return [_view(r, sql_pos) for r in a], [_view(r, mem_pos) for r in b]
        return _view(a, sql_pos), _view(b, mem_pos)

    @rule(seconds=st.integers(0, 7200))
    def time_passes(self, seconds: int) -> None:
        self.now += dt.timedelta(seconds=seconds)

    @rule(
        target=records,
        kind=st.sampled_from(list(RecordKind)),
        payload=st.binary(max_size=64),
        tn=st.none() | st.text(max_size=8),
    )
    def enqueue(self, kind: RecordKind, payload: bytes, tn: str | None) -> int:
        a = self.sql.enqueue(kind, payload, tn, self.now)
        b = self.mem.enqueue(kind, payload, tn, self.now)
        self.sql_ids.append(a.id)
        self.mem_ids.append(b.id)
        va, vb = self._views(a, b)
        assert va == vb
        return len(self.sql_ids) - 1

    @rule(limit=st.integers(-1, 5))
    def claim(self, limit: int) -> None:
        va, vb = self._views(self.sql.claim(limit, self.now), self.mem.claim(limit, self.now))
        assert va == vb

    @rule(error=st.text(max_size=12))
    def claim_and_fail_all(self, error: str) -> None:
        # The agent's loop during an outage: drives records towards the attempt limit.
        a = [r.id for r in self.sql.claim(5, self.now)]
        b = [r.id for r in self.mem.claim(5, self.now)]
        assert [self.sql_ids.index(x) for x in a] == [self.mem_ids.index(x) for x in b]
        for x, y in zip(a, b, strict=True):
            assert self.sql.mark_failed(x, error, self.now, self.now) == self.mem.mark_failed(
                y, error, self.now, self.now
            )

    @rule(i=records)
    def deliver(self, i: int) -> None:
        a = _outcome(self.sql.mark_delivered, self.sql_ids[i], self.now)
        b = _outcome(self.mem.mark_delivered, self.mem_ids[i], self.now)
        assert a == b

    @rule(picks=st.lists(records, max_size=6))
    def deliver_many(self, picks: list[int]) -> None:
        a = _outcome(self.sql.mark_delivered_many, [self.sql_ids[i] for i in picks], self.now)
        b = _outcome(self.mem.mark_delivered_many, [self.mem_ids[i] for i in picks], self.now)
        assert a == b

    @rule(picks=st.lists(records, max_size=4))
    def deliver_many_with_a_stranger(self, picks: list[int]) -> None:
        # An unknown id anywhere in the batch: both raise and neither marks anything.
        stranger = uuid.uuid4()
        a = _outcome(
            self.sql.mark_delivered_many, [*(self.sql_ids[i] for i in picks), stranger], self.now
        )
        b = _outcome(
            self.mem.mark_delivered_many, [*(self.mem_ids[i] for i in picks), stranger], self.now
        )
        assert a == b

    @rule(i=records, error=st.text(max_size=12), delay=st.integers(0, 600))
    def fail(self, i: int, error: str, delay: int) -> None:
        nxt = self.now + dt.timedelta(seconds=delay)
        a = _outcome(self.sql.mark_failed, self.sql_ids[i], error, nxt, self.now)
        b = _outcome(self.mem.mark_failed, self.mem_ids[i], error, nxt, self.now)
        assert a == b

    @rule(i=records, reason=st.text(max_size=12))
    def kill(self, i: int, reason: str) -> None:
        a = _outcome(self.sql.mark_dead, self.sql_ids[i], reason, self.now)
        b = _outcome(self.mem.mark_dead, self.mem_ids[i], reason, self.now)
        assert a == b

    @rule(i=records)
    def requeue(self, i: int) -> None:
        a = _outcome(self.sql.requeue, self.sql_ids[i], self.now)
        b = _outcome(self.mem.requeue, self.mem_ids[i], self.now)
        assert a == b

    @rule()
    def recover(self) -> None:
        assert self.sql.recover_in_flight() == self.mem.recover_in_flight()

    @rule()
    def purge(self) -> None:
        assert self.sql.purge_delivered_payloads(self.now) == self.mem.purge_delivered_payloads(
            self.now
        )

    @rule(states=STATE_SETS, limit=st.integers(0, 6))
    def listing(self, states: frozenset[RecordState] | None, limit: int) -> None:
        va, vb = self._views(self.sql.list(states, limit), self.mem.list(states, limit))
        assert va == vb

    @precondition(lambda self: bool(self.sql_ids))
    @invariant()
    def same_records_and_stats(self) -> None:
        for a, b in zip(self.sql_ids, self.mem_ids, strict=True):
            va, vb = self._views(self.sql.get(a), self.mem.get(b))
            assert va == vb
        assert self.sql.stats(self.now) == self.mem.stats(self.now)


SameBehaviour.TestCase.settings = settings(max_examples=40, stateful_step_count=30, deadline=None)
test_sqlite_and_memory_outboxes_behave_the_same = SameBehaviour.TestCase
