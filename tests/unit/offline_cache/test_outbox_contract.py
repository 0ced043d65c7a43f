"""The outbox contract, run against the SQLite and the in-memory store alike."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from offline_cache.outbox_protocol import (
    InvalidTransitionError,
    Outbox,
    RecordKind,
    RecordState,
    UnknownRecordError,
)

T0 = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)

S = dt.timedelta(seconds=1)


def _enqueue(outbox: Outbox, n: int, start: dt.datetime = T0) -> list[uuid.UUID]:
    return [
        outbox.enqueue(RecordKind.APPLICATION, f'{{"n": {i}}}'.encode(), f"TN{i}", start + i * S).id
        for i in range(n)
    ]


def test_enqueue_returns_a_pending_record_readable_by_id(outbox: Outbox) -> None:
    rec = outbox.enqueue(RecordKind.RATING, b'{"stars": 5}', "AB12-261123-0001X", T0)
    assert rec.state is RecordState.PENDING
    assert rec.attempts == 0
    got = outbox.get(rec.id)
    assert got == rec
    assert got is not None and got.payload == b'{"stars": 5}'
    assert got.kind is RecordKind.RATING
    assert got.created_at == T0


def test_every_record_gets_its_own_id(outbox: Outbox) -> None:
    ids = _enqueue(outbox, 20)
    assert len(set(ids)) == 20


def test_get_unknown_is_none(outbox: Outbox) -> None:
    assert outbox.get(uuid.uuid4()) is None


def test_naive_times_count_as_utc(outbox: Outbox) -> None:
    rec = outbox.enqueue(RecordKind.FEEDBACK, b"{}", None, T0.replace(tzinfo=None))
    got = outbox.get(rec.id)
    assert got is not None and got.created_at == T0


def test_claim_takes_oldest_first_and_moves_to_sending(outbox: Outbox) -> None:
    ids = _enqueue(outbox, 5)
    first = outbox.claim(2, T0 + 10 * S)
    assert [r.id for r in first] == ids[:2]
    assert all(r.state is RecordState.SENDING for r in first)
    assert [r.payload for r in first] == [b'{"n": 0}', b'{"n": 1}']
    second = outbox.claim(10, T0 + 10 * S)
    assert [r.id for r in second] == ids[2:]
    assert outbox.claim(10, T0 + 10 * S) == []
    rec = outbox.get(ids[0])
    assert rec is not None and rec.state is RecordState.SENDING


def test_claim_order_is_enqueue_order_even_if_the_clock_jumped_back(outbox: Outbox) -> None:
    a = outbox.enqueue(RecordKind.APPLICATION, b"a", None, T0)
    b = outbox.enqueue(RecordKind.APPLICATION, b"b", None, T0 - dt.timedelta(hours=1))
    assert [r.id for r in outbox.claim(5, T0)] == [a.id, b.id]


def test_claim_zero_or_negative_claims_nothing(outbox: Outbox) -> None:
    _enqueue(outbox, 2)
    assert outbox.claim(0, T0) == []
    assert outbox.stats(T0).pending == 2


def test_failed_record_is_claimable_only_once_due(outbox: Outbox) -> None:
    (rid,) = _enqueue(outbox, 1)
    outbox.claim(1, T0)
    state = outbox.mark_failed(rid, "HTTP 503", T0 + 30 * S, T0)
    assert state is RecordState.FAILED
    rec = outbox.get(rid)
    assert rec is not None
    assert (rec.state, rec.attempts, rec.last_error) == (RecordState.FAILED, 1, "HTTP 503")
    assert rec.next_attempt_at == T0 + 30 * S
    assert outbox.claim(5, T0 + 29 * S) == []
    again = outbox.claim(5, T0 + 30 * S)
    assert [r.id for r in again] == [rid]
    assert again[0].attempts == 1
    assert again[0].payload == b'{"n": 0}'  # content frozen: same bytes on every attempt


def test_due_failed_and_pending_are_claimed_together_oldest_first(outbox: Outbox) -> None:
    ids = _enqueue(outbox, 3)
    outbox.claim(1, T0)
    outbox.mark_failed(ids[0], "timeout", T0 + S, T0)
    got = outbox.claim(2, T0 + 5 * S)
    assert [r.id for r in got] == ids[:2]


def test_attempt_limit_makes_a_record_dead_with_reason(outbox: Outbox) -> None:
    (rid,) = _enqueue(outbox, 1)
    states = []
    for i in range(3):  # the fixture's limit is 3
        assert [r.id for r in outbox.claim(1, T0 + i * 10 * S)] == [rid]
        states.append(outbox.mark_failed(rid, f"HTTP 500 #{i}", T0 + (i * 10 + 5) * S, T0))
    assert states == [RecordState.FAILED, RecordState.FAILED, RecordState.DEAD]
    rec = outbox.get(rid)
    assert rec is not None and rec.state is RecordState.DEAD and rec.attempts == 3
    assert rec.last_error is not None and "HTTP 500 #2" in rec.last_error
    assert "limit" in rec.last_error
    assert outbox.claim(5, T0 + dt.timedelta(days=1)) == []


def test_mark_dead_keeps_the_reason_and_stops_claims(outbox: Outbox) -> None:
    (rid,) = _enqueue(outbox, 1)
    outbox.claim(1, T0)
    outbox.mark_dead(rid, "HTTP 422: form field missing", T0)
    rec = outbox.get(rid)
    assert rec is not None and rec.state is RecordState.DEAD
    assert rec.last_error == "HTTP 422: form field missing"
    assert outbox.claim(5, T0 + dt.timedelta(days=1)) == []


def test_requeue_gives_a_dead_record_another_chance(outbox: Outbox) -> None:
    (rid,) = _enqueue(outbox, 1)
    outbox.claim(1, T0)
    outbox.mark_dead(rid, "rejected", T0)
    outbox.requeue(rid, T0 + S)
    rec = outbox.get(rid)
    assert rec is not None and (rec.state, rec.attempts) == (RecordState.PENDING, 0)
    assert [r.id for r in outbox.claim(1, T0 + S)] == [rid]


def test_delivered_is_final(outbox: Outbox) -> None:
    (rid,) = _enqueue(outbox, 1)
    outbox.claim(1, T0)
    outbox.mark_delivered(rid, T0 + S)
    outbox.mark_delivered(rid, T0 + 9 * S)  # a duplicate confirmation keeps the first time
    assert outbox.mark_failed(rid, "late timeout", T0 + 20 * S, T0 + 2 * S) is RecordState.DELIVERED
    outbox.mark_dead(rid, "late", T0 + 3 * S)
    rec = outbox.get(rid)
    assert rec is not None and rec.state is RecordState.DELIVERED
    assert rec.delivered_at == T0 + S
    assert outbox.claim(5, T0 + dt.timedelta(days=1)) == []
    with pytest.raises(InvalidTransitionError):
        outbox.requeue(rid, T0)


def test_mark_failed_without_claim_is_a_bug(outbox: Outbox) -> None:
    (rid,) = _enqueue(outbox, 1)
    with pytest.raises(InvalidTransitionError):
        outbox.mark_failed(rid, "x", T0, T0)


def test_unknown_ids_raise(outbox: Outbox) -> None:
    with pytest.raises(UnknownRecordError):
        outbox.mark_delivered(uuid.uuid4(), T0)
    with pytest.raises(UnknownRecordError):
        outbox.mark_failed(uuid.uuid4(), "x", T0, T0)


def test_recover_in_flight_returns_sending_records_to_pending(outbox: Outbox) -> None:
    ids = _enqueue(outbox, 3)
    outbox.claim(2, T0)
    assert outbox.recover_in_flight() == 2
    assert outbox.recover_in_flight() == 0
    got = outbox.claim(5, T0)
    assert [r.id for r in got] == ids
    assert [r.payload for r in got] == [b'{"n": 0}', b'{"n": 1}', b'{"n": 2}']


def test_list_is_newest_first_and_filters_by_state(outbox: Outbox) -> None:
    ids = _enqueue(outbox, 4)
    outbox.claim(1, T0)
    outbox.mark_delivered(ids[0], T0)
    assert [r.id for r in outbox.list()] == ids[::-1]
    assert [r.id for r in outbox.list(limit=2)] == [ids[3], ids[2]]
    assert [r.id for r in outbox.list(frozenset({RecordState.DELIVERED}))] == [ids[0]]
    pending = outbox.list(frozenset({RecordState.PENDING, RecordState.FAILED}), limit=2)
    assert [r.id for r in pending] == [ids[3], ids[2]]


def test_stats_counts_states_and_oldest_age(outbox: Outbox) -> None:
    empty = outbox.stats(T0)
    assert (empty.pending, empty.delivered, empty.oldest_pending_age_s) == (0, 0, None)
    ids = _enqueue(outbox, 5)
    outbox.claim(3, T0 + 10 * S)
    outbox.mark_delivered(ids[0], T0 + 10 * S)
    outbox.mark_failed(ids[1], "x", T0 + 60 * S, T0 + 10 * S)
    outbox.mark_dead(ids[2], "rejected", T0 + 10 * S)
    st = outbox.stats(T0 + 100 * S)
    assert (st.pending, st.sending, st.failed, st.dead, st.delivered) == (2, 0, 1, 1, 1)
    assert st.oldest_pending_age_s == pytest.approx(99.0)  # ids[1], created T0 + 1 s


def test_delivered_records_are_counted_by_kind(outbox: Outbox) -> None:
    """The panel's 已送达 N broken down (try-out 11, T2); undelivered ones not counted."""
    assert outbox.delivered_kinds() == {}
    apps = _enqueue(outbox, 3)
    rating = outbox.enqueue(RecordKind.RATING, b"{}", None, T0).id
    call = outbox.enqueue(RecordKind.STAFF_CALL, b"{}", None, T0).id
    outbox.claim(10, T0)
    for rid in (apps[0], apps[1], rating):
        outbox.mark_delivered(rid, T0 + S)
    outbox.mark_dead(call, "rejected", T0 + S)
    assert outbox.delivered_kinds() == {RecordKind.APPLICATION: 2, RecordKind.RATING: 1}
    # Still on their way (try-out 15, T1): the third application; the dead call is not.
    assert outbox.waiting_kinds() == {RecordKind.APPLICATION: 1}


def test_retention_purges_payload_but_keeps_the_audit_row(outbox: Outbox) -> None:
    ids = _enqueue(outbox, 3)
    outbox.claim(3, T0)
    delivered = T0 + dt.timedelta(hours=1)
    outbox.mark_delivered(ids[0], delivered)
    outbox.mark_failed(ids[1], "x", T0, T0)
    outbox.mark_delivered(ids[1], delivered)
    week = dt.timedelta(days=7)
    assert outbox.purge_delivered_payloads(delivered + week - S) == 0
    assert outbox.purge_delivered_payloads(delivered + week) == 2
    assert outbox.purge_delivered_payloads(delivered + week + S) == 0
    for rid in ids[:2]:
        rec = outbox.get(rid)
        assert rec is not None
        assert rec.payload is None and rec.last_error is None
        assert rec.state is RecordState.DELIVERED and rec.delivered_at == delivered
        assert rec.kind is RecordKind.APPLICATION and rec.tracking_number is not None
    undelivered = outbox.get(ids[2])
    assert undelivered is not None and undelivered.payload == b'{"n": 2}'


def test_a_record_logged_by_mistake_shows_no_personal_data(outbox: Outbox) -> None:
    rec = outbox.enqueue(RecordKind.APPLICATION, '{"name": "张伟"}'.encode(), None, T0)
    outbox.claim(1, T0)
    outbox.mark_failed(rec.id, "422: name 张伟 not allowed", T0, T0)
    got = outbox.get(rec.id)
    assert "张伟" not in repr(rec)
    assert "张伟" not in repr(got) and "张伟" not in str(got)


@pytest.mark.parametrize("n", [5, 300])  # a few due, and an outage's worth at once
def test_due_failed_records_come_back_oldest_enqueued_first(outbox: Outbox, n: int) -> None:
    ids = _enqueue(outbox, n)
    outbox.claim(n, T0)
    # Fail them so that due times run opposite to enqueue order.
    for i, rid in enumerate(ids):
        outbox.mark_failed(rid, "HTTP 503", T0 + (n - i) * S, T0)
    later = T0 + (n + 1) * S
    assert [r.id for r in outbox.claim(3, later)] == ids[:3]
    assert [r.id for r in outbox.claim(n, later)] == ids[3:]


def test_mark_delivered_many_delivers_every_id_given(outbox: Outbox) -> None:
    ids = _enqueue(outbox, 5)
    outbox.claim(5, T0)
    outbox.mark_delivered_many([ids[0], ids[2], ids[3]], T0 + S)
    states = [r.state for r in (outbox.get(i) for i in ids) if r is not None]
    assert states == [
        RecordState.DELIVERED,
        RecordState.SENDING,
        RecordState.DELIVERED,
        RecordState.DELIVERED,
        RecordState.SENDING,
    ]
    for rid in (ids[0], ids[2], ids[3]):
        rec = outbox.get(rid)
        assert rec is not None and rec.delivered_at == T0 + S
    st = outbox.stats(T0 + S)
    assert (st.sending, st.delivered) == (2, 3)
    assert outbox.claim(5, T0 + dt.timedelta(days=1)) == []


def test_mark_delivered_many_with_no_ids_changes_nothing(outbox: Outbox) -> None:
    ids = _enqueue(outbox, 2)
    outbox.claim(1, T0)
    before = [outbox.get(i) for i in ids]
    outbox.mark_delivered_many([], T0 + S)
    assert [outbox.get(i) for i in ids] == before


def test_mark_delivered_many_treats_each_state_as_mark_delivered_does(outbox: Outbox) -> None:
    ids = _enqueue(outbox, 4)
    outbox.claim(3, T0)
    outbox.mark_delivered(ids[0], T0 + S)  # already delivered: keeps its first time
    outbox.mark_dead(ids[1], "rejected", T0)  # dead: mark_delivered accepts it too
    outbox.mark_failed(ids[2], "HTTP 503", T0 + 60 * S, T0)  # failed
    # ids[3] never claimed: still pending
    outbox.mark_delivered_many(ids, T0 + 9 * S)
    recs = [outbox.get(i) for i in ids]
    assert all(r is not None and r.state is RecordState.DELIVERED for r in recs)
    assert [r.delivered_at for r in recs if r is not None] == [T0 + S] + [T0 + 9 * S] * 3
    assert all(r is not None and r.next_attempt_at is None for r in recs)
    failed = recs[2]
    assert failed is not None and failed.attempts == 1


def test_mark_delivered_many_repeated_id_is_delivered_once(outbox: Outbox) -> None:
    (rid,) = _enqueue(outbox, 1)
    outbox.claim(1, T0)
    outbox.mark_delivered_many([rid, rid], T0 + S)
    rec = outbox.get(rid)
    assert rec is not None and (rec.state, rec.delivered_at) == (RecordState.DELIVERED, T0 + S)
    assert outbox.stats(T0).delivered == 1


def test_mark_delivered_many_with_an_unknown_id_raises_and_marks_nothing(outbox: Outbox) -> None:
    ids = _enqueue(outbox, 3)
    outbox.claim(3, T0)
    stranger = uuid.uuid4()
    with pytest.raises(UnknownRecordError) as err:
        outbox.mark_delivered_many([ids[0], stranger, ids[2]], T0 + S)
    assert err.value.args == (stranger,)
    assert all(r is not None and r.state is RecordState.SENDING for r in map(outbox.get, ids))
