"""Call staff: the state reported is the record's, never more (waiting → delivered → acknowledged)."""

from __future__ import annotations

from kiosk.services.staff_call import LEFT_CALL_SHOWN, LeftCall, StaffCalls, StaffCallState
from kiosk.session import EndReason
from tests.support.citizen_backend import CitizenBackend
from tests.unit.services.citizen_fixtures import (  # noqa: F401  (fixtures)
    Clock,
    backend_fixture,
    clock_fixture,
    utc_local_time_fixture,
)


def test_a_call_waits_until_delivered_then_until_acknowledged(
    backend: CitizenBackend, clock: Clock
) -> None:
    calls = StaffCalls(backend, clock)
    assert calls.state() is StaffCallState.NOT_SAVED  # nothing called yet
    assert calls.call({"kiosk": "A7H3", "screen": "home"}, None).state is StaffCallState.WAITING
    assert backend.sync.wakes == 1
    call_id = calls.last_call()
    assert call_id is not None
    [rec] = backend.records()
    assert rec["kind"] == "staff_call" and rec["screen"] == "home"
    assert [r.id for r in backend.outbox.claim(10, clock())] == [call_id]  # being sent
    assert calls.state() is StaffCallState.WAITING
    backend.outbox.mark_failed(call_id, "timeout", clock(), clock())  # a retry later: still waiting
    assert calls.state() is StaffCallState.WAITING
    backend.outbox.mark_delivered(call_id, clock())
    assert calls.state() is StaffCallState.DELIVERED
    # The sync agent follows the call; staff answer it on the console.
    backend.sync.watched_calls[call_id](call_id)
    assert calls.state() is StaffCallState.ACKNOWLEDGED


def test_a_newer_call_is_the_one_reported(backend: CitizenBackend, clock: Clock) -> None:
    calls = StaffCalls(backend, clock)
    calls.call({"n": 1}, None)
    first = calls.last_call()
    assert first is not None
    backend.outbox.mark_delivered(first, clock())
    calls.acknowledge(first)
    calls.journey_ended(clock().isoformat())  # the next citizen calls
    assert calls.call({"n": 2}, None).state is StaffCallState.WAITING
    assert calls.last_call() != first


def test_a_tap_while_the_call_is_open_asks_again_on_it(
    backend: CitizenBackend, clock: Clock
) -> None:
    """Try-out 17, C1: three taps by one citizen made three calls. Now one call, asked
    three times (the heartbeat tells the console); once 已处理, a tap is a new call."""
    calls = StaffCalls(backend, clock)
    made = clock()
    first = calls.call({"n": 1}, None)
    assert first.again_since is None and first.asked == 1
    call_id = calls.last_call()
    assert call_id is not None
    for n in (2, 3):
        again = calls.call({"n": n}, None)
        assert again.again_since == made and again.asked == n
        assert again.state is StaffCallState.WAITING  # offline: still not delivered
    assert len(backend.records()) == 1 and calls.last_call() == call_id
    assert calls.follow_ups()[str(call_id)]["asked"] == 3
    assert backend.sync.heartbeats_asked == 2
    calls.acknowledge(call_id, "done")  # 已处理 on the console: the call is closed
    assert calls.call({"n": 4}, None).again_since is None
    assert len(backend.records()) == 2


def test_a_call_that_cannot_be_stored_is_not_saved(backend: CitizenBackend, clock: Clock) -> None:
    def full(*_a: object, **_k: object) -> None:
        raise OSError("disk full")

    backend.outbox.enqueue = full  # type: ignore[method-assign]
    calls = StaffCalls(backend, clock)
    assert calls.call({"kiosk": "A7H3"}, None).state is StaffCallState.NOT_SAVED
    assert calls.last_call() is None


def test_a_call_left_open_is_said_for_a_bounded_time_and_asked_after_meanwhile(
    backend: CitizenBackend, clock: Clock
) -> None:
    """Try-out 17, E1: the citizen who called finished her journey and still waits: her
    call is the kiosk's left call (the home screen says it), followed on the platform,
    until ``LEFT_CALL_SHOWN`` has passed; not after an idle reset (someone else's next)."""
    calls = StaffCalls(backend, clock)
    made = clock()
    calls.call({"n": 1}, None)
    call_id = calls.last_call()
    assert call_id is not None
    calls.journey_ended(clock().isoformat(), EndReason.FINISHED)
    assert calls.left_call() == LeftCall(made, StaffCallState.WAITING)
    assert call_id in backend.sync.watched_calls  # its answer is still to be said
    clock.advance(seconds=LEFT_CALL_SHOWN.total_seconds())
    assert calls.left_call() is None
    assert call_id not in backend.sync.watched_calls

    calls.call({"n": 2}, None)
    calls.journey_ended(clock().isoformat(), EndReason.IDLE_TIMEOUT)
    assert calls.left_call() is None
