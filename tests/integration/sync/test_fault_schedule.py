"""The agent on its own thread, real clock, against a platform misbehaving on a schedule."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from central.faults import FaultRule
from kiosk.sync import SyncAgent, SyncConfig, SystemClock
from offline_cache.outbox_protocol import Outbox

from .conftest import enqueue

pytestmark = pytest.mark.integration


def test_everything_arrives_once_after_the_faults_stop(platform, outbox: Outbox) -> None:
    v1 = "/v1/"
    platform.platform.faults.install(
        [
            FaultRule("error_500", path_prefix=v1, end_s=0.6, probability=0.3),
            FaultRule("throttle_429", path_prefix=v1, count=2, retry_after="1"),
            FaultRule("error_503", path_prefix=v1, count=1, retry_after="1", start_s=0.5),
            FaultRule("slow", path_prefix="/v1/submissions", count=2, delay_s=1.2),
            FaultRule("drop", path_prefix="/v1/submissions", end_s=1.5, probability=0.2),
            FaultRule("malformed_json", path_prefix="/v1/submissions", end_s=1.5, probability=0.1),
            FaultRule("wrong_content_type", path_prefix=v1, end_s=1.5, probability=0.1),
            FaultRule("huge_body", path_prefix=v1, count=1, size=5_000_000),
        ],
        seed=11,
    )
    ids = enqueue(outbox, 40, dt.datetime.now(dt.UTC))
    agent = SyncAgent(
        SyncConfig(
            base_url=platform.base_url,
            kiosk_id="K0001",
            backoff_base_s=0.05,
            backoff_cap_s=0.4,
            read_timeout_s=0.5,
            batch_size=5,
            max_response_bytes=1_000_000,
        ),
        outbox,
        clock=SystemClock(),
    )
    agent.start()
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            st = outbox.stats(dt.datetime.now(dt.UTC))
            if st.delivered == 40:
                break
            time.sleep(0.05)
    finally:
        agent.stop()
    held = platform.platform.store.list_submissions()
    assert sorted(s["idempotency_key"] for s in held) == sorted(ids)  # once each
    assert outbox.stats(dt.datetime.now(dt.UTC)).dead == 0
    log = platform.platform.faults.log()
    faults = {e["fault"] for e in log if e["fault"]}
    assert {"throttle_429", "error_503", "slow", "huge_body"} <= faults

    # No request to an endpoint arrived before that endpoint's Retry-After had expired
    # (a batch is the submissions endpoint too).
    def endpoint(path: str) -> str:
        return path.removeprefix("/v1/").split("/")[0]

    for i, e in enumerate(log):
        if e["retry_after"] is not None:
            later = [x for x in log[i + 1 :] if endpoint(x["path"]) == endpoint(e["path"])]
            if later:
                assert later[0]["t"] - e["t"] >= float(e["retry_after"]) - 0.01, (e, later[0])
    assert agent.recent_errors()  # every fault was recorded, none crashed the thread
