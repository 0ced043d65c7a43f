"""The kiosk's online state follows every exchange, and while it is offline the next
heartbeat probes as soon as the backoff allows, not a whole heartbeat period later
(try-out 3: the bar said 离线办理中 for 30 s after the platform was back)."""

from __future__ import annotations

import itertools

from central.faults import FaultRule
from kiosk.sync import ManualClock

from .conftest import SentLog, enqueue

CAP_S = 8.0


def test_any_failed_exchange_turns_offline_and_any_success_online(
    platform, make_agent, clock: ManualClock
) -> None:
    agent = make_agent(heartbeat_s=3600.0, idle_poll_s=30.0, backoff_cap_s=CAP_S)
    seen: list[bool] = []
    agent.add_online_listener(seen.append)
    agent.run_once()
    assert seen == [True]
    platform.platform.faults.install([FaultRule("error_503", path_prefix="/v1/")])
    agent.refresh_catalog()  # any exchange, not a heartbeat
    agent.run_once()
    assert seen == [True, False]
    platform.platform.faults.clear()
    # Simulated time moves only as far as the agent asks. With heartbeats an hour apart
    # and nothing else to send, only a probe "in doubt" can notice the platform is back.
    waited = 0.0
    while agent.online is not True and waited <= 2 * CAP_S:
        delay = agent.run_once()
        if agent.online:
            break
        clock.advance(max(delay, 0.001))
        waited += max(delay, 0.001)
    assert seen == [True, False, True]
    assert waited <= 2 * CAP_S  # one heartbeat backoff and one link backoff at most


def test_a_failed_heartbeat_probes_again_on_the_backoff_not_the_period(
    platform, make_agent, clock: ManualClock
) -> None:
    agent = make_agent(heartbeat_s=3600.0, backoff_cap_s=CAP_S)
    agent.run_once()
    platform.platform.faults.install([FaultRule("error_503", path_prefix="/v1/heartbeat")])
    agent.send_heartbeat_soon()
    agent.run_once()
    assert agent.online is False
    assert agent.run_once() <= CAP_S  # the next probe is due within the backoff


def test_after_a_long_outage_the_kiosk_is_back_within_a_heartbeat_period(
    platform_factory, outbox, make_agent, clock: ManualClock
) -> None:
    """Nothing listened for an hour: the kiosk probes at least once per heartbeat period
    (never on a backoff grown to the cap), and once a probe finds the platform the
    records waiting go at once: refused connections never shut the submissions
    endpoint itself (the fleet bench saw kiosks deliver minutes after coming back)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: connection refused
    heartbeat_s, cap_s = 60.0, 300.0
    sent = SentLog()
    agent = make_agent(
        base_url=f"http://127.0.0.1:{port}",
        heartbeat_s=heartbeat_s,
        backoff_cap_s=cap_s,
        sent=sent,
    )
    enqueue(outbox, 3, clock.now())
    end = clock.monotonic() + 3600.0
    while clock.monotonic() < end:
        clock.advance(max(agent.run_once(), 0.001))
    assert agent.online is False
    tries = [t for t, _, _ in sent]
    assert len(tries) >= 3600.0 / heartbeat_s
    # The probe's backoff stops at the period (full jitter below it).
    assert max(b - a for a, b in itertools.pairwise(tries)) <= heartbeat_s + 1e-6
    platform_factory(port=port)
    back = clock.monotonic()
    while outbox.stats(clock.now()).delivered < 3:
        clock.advance(max(agent.run_once(), 0.001))
        assert clock.monotonic() - back <= heartbeat_s + 1.0, outbox.stats(clock.now())
    assert agent.online is True
