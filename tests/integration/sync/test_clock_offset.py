"""A kiosk whose clock drifted learns the platform's time from its answers, and uses it.

The agent runs on a clock two hours fast against the real reference platform. After
one exchange it knows the offset (from the answers' Date headers), the heartbeat
reports it with the uptime, and an e-ID code the platform has just issued (valid for
five minutes) is accepted on the corrected time where the raw clock would have
called it expired.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.payloads import VerificationKeys, parse_payload
from kiosk.payloads.types import PayloadStatus
from kiosk.sync import ManualClock, SyncAgent, SyncConfig

pytestmark = pytest.mark.integration

FAST = dt.timedelta(hours=2)


def test_drifted_clock_is_detected_reported_and_corrected(platform, outbox) -> None:
    clock = ManualClock(dt.datetime.now(dt.UTC) + FAST)
    agent = SyncAgent(
        SyncConfig(base_url=platform.base_url, kiosk_id="K0003", version="1.2"),
        outbox,
        clock=clock,
    )
    try:
        assert agent.clock_offset.offset_s is None  # nothing heard yet
        agent.run_once()  # capabilities, catalog and the heartbeat
        offset = agent.clock_offset.offset_s
        assert offset is not None and abs(offset + FAST.total_seconds()) < 5, offset
        clock.advance(agent.config.heartbeat_s)
        agent.run_once()  # the next heartbeat carries what the first exchanges taught
    finally:
        agent.stop()

    beat = platform.platform.store.kiosks()[0]["last"]
    assert abs(beat["clock_offset_s"] + FAST.total_seconds()) < 5
    assert beat["uptime_s"] >= agent.config.heartbeat_s

    issuer = platform.platform.issuer
    token = issuer.issue({"doc_number": "X1", "surname": "Z", "given_names": "S"}, ttl_s=300)
    keys = VerificationKeys.from_config(
        platform={issuer.kid: issuer.public_pem()}, eid_issuer=issuer.issuer
    )
    raw = parse_payload(token, keys, now=clock.now())
    assert raw.status is PayloadStatus.EXPIRED  # what a drifted kiosk would have said
    fixed = parse_payload(token, keys, now=agent.clock_offset.corrected(clock.now()))
    assert fixed.status is PayloadStatus.OK
