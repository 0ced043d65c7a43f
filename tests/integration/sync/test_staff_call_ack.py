"""The sync agent follows a staff call until staff close it on the console: it keeps
asking while the platform has no such call (404) or is down, calls back exactly once
for each step the hall takes (确认收到, 正在前往, 已处理; try-out 9, K1) and stops
asking once the call is closed."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from central.embedded import EmbeddedPlatform
from kiosk.sync.agent import SyncAgent
from kiosk.sync.clock import ManualClock
from offline_cache.outbox_protocol import Outbox, RecordKind


def test_the_agent_learns_the_acknowledgement(
    platform: EmbeddedPlatform,
    outbox: Outbox,
    clock: ManualClock,
    make_agent: Callable[..., SyncAgent],
) -> None:
    agent = make_agent(staff_call_poll_s=3.0)
    heard: list[tuple[uuid.UUID, str]] = []

    def hear(call_id: uuid.UUID, step: str) -> None:
        heard.append((call_id, step))

    stranger = uuid.uuid4()  # never delivered: the platform answers 404, the agent waits
    agent.watch_staff_call(stranger, hear)
    rec = outbox.enqueue(RecordKind.STAFF_CALL, b'{"screen": "home"}', None, clock.now())
    agent.watch_staff_call(rec.id, hear)
    for _ in range(3):
        clock.advance(agent.run_once())
    assert heard == []  # delivered, not answered yet
    platform.platform.staff.acknowledge(str(rec.id), "K0001", "wang", clock.now())
    for _ in range(3):
        clock.advance(max(agent.run_once(), 0.001))
    assert heard == [(rec.id, "acknowledged")]
    for _ in range(3):
        clock.advance(max(agent.run_once(), 0.001))
    assert heard == [(rec.id, "acknowledged")]  # once, and the stranger is still unanswered

    # The hall's next steps, each heard once.
    staff = platform.platform.staff
    staff.call_step(str(rec.id), "K0001", "coming", "wang", clock.now())
    for _ in range(3):
        clock.advance(max(agent.run_once(), 0.001))
    assert heard[1:] == [(rec.id, "coming")]
    staff.call_step(str(rec.id), "K0001", "done", "wang", clock.now())
    for _ in range(3):
        clock.advance(max(agent.run_once(), 0.001))
    assert heard[1:] == [(rec.id, "coming"), (rec.id, "done")]


def test_a_call_nobody_closes_is_not_followed_for_ever(
    platform: EmbeddedPlatform,
    outbox: Outbox,
    clock: ManualClock,
    make_agent: Callable[..., SyncAgent],
) -> None:
    """Staff pressed 确认收到 and never 已处理: the agent follows the call for
    ``staff_call_follow_s``, then asks no more (its citizen's session ended long ago)."""
    agent = make_agent(staff_call_poll_s=3.0, staff_call_follow_s=60.0)
    heard: list[str] = []
    rec = outbox.enqueue(RecordKind.STAFF_CALL, b'{"screen": "home"}', None, clock.now())
    start = clock.monotonic()
    agent.watch_staff_call(rec.id, lambda _c, step: heard.append(step))
    platform.platform.staff.acknowledge(str(rec.id), "K0001", "wang", clock.now())
    for _ in range(5):
        clock.advance(max(agent.run_once(), 0.001))
    assert heard == ["acknowledged"]
    while clock.monotonic() < start + 61:
        clock.advance(max(agent.run_once(), 0.001))
    agent.run_once()  # the round that lets it go
    platform.platform.staff.call_step(str(rec.id), "K0001", "coming", "wang", clock.now())
    for _ in range(5):
        clock.advance(max(agent.run_once(), 3.0))
    assert heard == ["acknowledged"]  # no longer asked about
