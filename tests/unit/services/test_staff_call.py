"""Call staff: the state reported is the record's, never more (waiting → delivered → acknowledged)."""

from __future__ import annotations

from kiosk.services.staff_call import StaffCalls, StaffCallState
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
    assert calls.call({"kiosk": "A7H3", "screen": "home"}, None) is StaffCallState.WAITING
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
    assert calls.call({"n": 2}, None) is StaffCallState.WAITING


def test_a_call_that_cannot_be_stored_is_not_saved(backend: CitizenBackend, clock: Clock) -> None:
    def full(*_a: object, **_k: object) -> None:
        raise OSError("disk full")

    backend.outbox.enqueue = full  # type: ignore[method-assign]
    calls = StaffCalls(backend, clock)
    assert calls.call({"kiosk": "A7H3"}, None) is StaffCallState.NOT_SAVED
    assert calls.last_call() is None
