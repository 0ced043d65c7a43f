"""The sync agent follows a staff call until staff acknowledge it on the console:
it keeps asking while the platform has no such call (404) or is down, and calls back
exactly once when the answer is "acknowledged"."""

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
    heard: list[uuid.UUID] = []
    stranger = uuid.uuid4()  # never delivered: the platform answers 404, the agent waits
    agent.watch_staff_call(stranger, heard.append)
    rec = outbox.enqueue(RecordKind.STAFF_CALL, b'{"screen": "home"}', None, clock.now())
    agent.watch_staff_call(rec.id, heard.append)
    for _ in range(3):
        clock.advance(agent.run_once())
    assert heard == []  # delivered, not answered yet
    platform.platform.staff.acknowledge(str(rec.id), "K0001", "wang", clock.now())
    for _ in range(3):
        clock.advance(max(agent.run_once(), 0.001))
    assert heard == [rec.id]
    for _ in range(3):
        clock.advance(max(agent.run_once(), 0.001))
    assert heard == [rec.id]  # once, and the stranger is still unanswered
