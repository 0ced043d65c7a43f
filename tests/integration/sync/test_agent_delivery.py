"""The agent against the reference platform over real HTTP (simulated time for waits)."""

from __future__ import annotations

import itertools
import json
import time

import pytest

from central.app import PlatformConfig
from central.faults import FaultRule
from kiosk.sync import DeliveryEvent, ManualClock, SyncError
from offline_cache.outbox_protocol import Outbox, RecordKind, RecordState

from .conftest import SentLog, drive, enqueue

pytestmark = pytest.mark.integration


def test_delivers_every_record_once_oldest_first(platform, outbox: Outbox, make_agent, clock):
    ids = enqueue(outbox, 7, clock.now())
    agent = make_agent(batch_size=1)
    drive(agent, clock, outbox)
    held = platform.platform.store.list_submissions()
    assert [s["idempotency_key"] for s in held] == ids
    assert all(s["kiosk_id"] == "K0001" for s in held)
    assert outbox.stats(clock.now()).delivered == 7


def test_batches_when_the_platform_offers_it(platform, outbox, make_agent, clock):
    ids = enqueue(outbox, 120, clock.now())
    agent = make_agent(batch_size=50)
    drive(agent, clock, outbox)
    paths = [r["path"] for r in platform.platform.faults.log()]
    assert paths.count("/v1/submissions/batch") == 3
    assert "/v1/submissions" not in paths
    assert [s["idempotency_key"] for s in platform.platform.store.list_submissions()] == ids


def test_one_by_one_when_the_platform_does_not_batch(platform_factory, outbox, make_agent, clock):
    p = platform_factory(PlatformConfig(batch_enabled=False))
    enqueue(outbox, 5, clock.now())
    agent = make_agent(base_url=p.base_url, batch_size=50)
    drive(agent, clock, outbox)
    paths = [r["path"] for r in p.platform.faults.log()]
    assert paths.count("/v1/submissions") == 5
    assert p.platform.store.count_submissions() == 5


def test_a_retry_sends_the_same_body_under_the_same_key(platform, outbox, make_agent, clock):
    # The connection dies after the platform stored the record: the agent cannot know,
    # retries, and the platform answers from its idempotency store.
    platform.platform.faults.install([FaultRule("drop", path_prefix="/v1/submissions", count=1)])
    ids = enqueue(outbox, 1, clock.now())
    agent = make_agent(batch_size=1)
    drive(agent, clock, outbox)
    held = platform.platform.store.list_submissions()
    assert [s["idempotency_key"] for s in held] == ids
    assert held[0]["replays"] == 1  # the retry reached the platform and matched byte for byte


def test_other_4xx_is_permanent_and_the_reason_is_kept(platform, outbox, make_agent, clock):
    now = clock.now()
    ok = outbox.enqueue(RecordKind.APPLICATION, b'{"n": 1}', "DUP-1", now)
    clash = outbox.enqueue(RecordKind.APPLICATION, b'{"n": 2}', "DUP-1", now)
    not_json = outbox.enqueue(RecordKind.FEEDBACK, b"\xff not json", None, now)
    dead: list[DeliveryEvent] = []
    agent = make_agent(batch_size=1)
    agent.add_delivery_listener(lambda e: dead.append(e) if e.state is RecordState.DEAD else None)
    drive(agent, clock, outbox)
    assert outbox.get(ok.id).state is RecordState.DELIVERED
    clashed = outbox.get(clash.id)
    assert clashed.state is RecordState.DEAD
    assert "422" in clashed.last_error and "tracking_number_taken" in clashed.last_error
    assert outbox.get(not_json.id).state is RecordState.DEAD
    assert {e.record_id for e in dead} == {clash.id, not_json.id}
    assert agent.blocked_for_s == 0  # a refused record does not slow the others down


def test_a_batch_answer_marks_accepted_items_delivered_and_refused_ones_dead(
    platform, outbox, make_agent, clock
):
    # One item of the batch is refused on its own (its tracking number is taken):
    # the others are delivered (one outbox transaction), the refused one dies.
    now = clock.now()
    first = outbox.enqueue(RecordKind.APPLICATION, b'{"n": 1}', "DUP-B", now)
    clash = outbox.enqueue(RecordKind.APPLICATION, b'{"n": 2}', "DUP-B", now)
    rest = [outbox.enqueue(RecordKind.RATING, b'{"n": 3}', None, now) for _ in range(3)]
    events: list[DeliveryEvent] = []
    agent = make_agent(batch_size=50)
    agent.add_delivery_listener(events.append)
    drive(agent, clock, outbox)
    paths = [r["path"] for r in platform.platform.faults.log()]
    assert paths.count("/v1/submissions/batch") == 1
    accepted = [first.id] + [r.id for r in rest]
    for rid in accepted:
        assert outbox.get(rid).state is RecordState.DELIVERED
    clashed = outbox.get(clash.id)
    assert clashed.state is RecordState.DEAD
    assert "422" in clashed.last_error and "tracking_number_taken" in clashed.last_error
    assert [e.record_id for e in events if e.state is RecordState.DELIVERED] == accepted
    assert [e.record_id for e in events if e.state is RecordState.DEAD] == [clash.id]
    held = platform.platform.store.list_submissions()
    assert sorted(s["idempotency_key"] for s in held) == sorted(str(r) for r in accepted)


def test_a_refused_batch_falls_back_to_one_by_one(platform, outbox, make_agent, clock):
    now = clock.now()
    enqueue(outbox, 3, now)
    # 130 characters: the platform refuses the whole batch (max_length 64) …
    bad = outbox.enqueue(RecordKind.APPLICATION, b'{"n": 9}', "X" * 130, now)
    agent = make_agent(batch_size=50)
    for _ in range(20):
        clock.advance(agent.run_once() + 0.001)
    # … and the agent then learns that only the bad record is in trouble. The
    # platform's validation answer does not name the record, so the record is not
    # condemned on its word: it waits (its attempts counted, never held against it).
    assert outbox.stats(clock.now()).delivered == 3
    waiting = outbox.get(bad.id)
    assert waiting.state is RecordState.FAILED and "does not name the record" in waiting.last_error
    assert "tracking_number:string_too_long" in waiting.last_error


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (FaultRule("malformed_json", path_prefix="/v1/submissions", count=1), "malformed JSON"),
        (FaultRule("wrong_content_type", path_prefix="/v1/submissions", count=1), "content type"),
        (FaultRule("huge_body", path_prefix="/v1/submissions", count=1, size=6_000_000), "large"),
        (FaultRule("error_500", path_prefix="/v1/submissions", count=1), "HTTP 500"),
        (FaultRule("drop", path_prefix="/v1/submissions", count=1), "connection dropped"),
        (FaultRule("drop_before", path_prefix="/v1/submissions", count=1), "connection dropped"),
        (FaultRule("slow", path_prefix="/v1/submissions", count=1, delay_s=3.0), "timeout"),
    ],
    ids=["malformed", "wrong-type", "huge", "500", "drop", "drop-before", "slow"],
)
def test_bad_answers_are_errors_not_crashes(platform, outbox, make_agent, clock, rule, expected):
    platform.platform.faults.install([rule])
    ids = enqueue(outbox, 2, clock.now())
    errors: list[SyncError] = []
    agent = make_agent(batch_size=1, max_response_bytes=4_000_000)
    agent.add_error_listener(errors.append)
    drive(agent, clock, outbox)
    assert [s["idempotency_key"] for s in platform.platform.store.list_submissions()] == ids
    assert len(errors) == 1
    assert expected in errors[0].message and errors[0].retryable
    assert errors[0].record_id is not None
    assert agent.recent_errors() == errors


def test_retry_after_seconds_is_honoured_per_endpoint(platform, outbox, make_agent, clock):
    platform.platform.faults.install(
        [FaultRule("throttle_429", path_prefix="/v1/", count=3, retry_after="120")]
    )
    enqueue(outbox, 3, clock.now())
    sent = SentLog()
    agent = make_agent(batch_size=1, sent=sent)
    drive(agent, clock, outbox)
    for _ in range(12):  # until the throttled endpoints have been tried again
        clock.advance(agent.run_once() + 0.001)
    throttled = [i for i, r in enumerate(platform.platform.faults.log()) if r["fault"]]
    assert throttled == [0, 1, 2]
    for i in throttled:
        # The endpoint that said "wait 120 s" hears from the kiosk no sooner …
        t, _, url = sent[i]
        again = next(t2 for t2, _, u2 in sent[i + 1 :] if u2 == url)
        assert again - t >= 120.0
    # … while the others went on: the throttled ones were capabilities, heartbeat and
    # catalog, and the submissions were delivered without waiting for them.
    assert {sent[i][2].rsplit("/", 1)[1] for i in throttled} == {
        "capabilities",
        "heartbeat",
        "catalog",
    }
    first_submit = next(t for t, _, u in sent if u.endswith("/v1/submissions"))
    assert first_submit - sent[0][0] < 1.0
    assert platform.platform.store.count_submissions() == 3


def test_backoff_grows_with_full_jitter_and_stays_capped(platform, outbox, make_agent, clock):
    platform.platform.faults.install(
        [FaultRule("error_500", path_prefix="/v1/submissions", count=12)]
    )
    enqueue(outbox, 1, clock.now())
    sent = SentLog()
    agent = make_agent(sent=sent, backoff_base_s=1.0, backoff_cap_s=8.0)
    drive(agent, clock, outbox)
    # The submissions endpoint's own retries (the other endpoints back off on their own).
    tries = [t for t, _, url in sent if "/v1/submissions" in url]
    gaps = [b - a for a, b in itertools.pairwise(tries)][:12]
    assert all(0 <= g <= 8.0 + 1e-6 for g in gaps)
    assert max(gaps[6:]) > 2.0  # later retries spread over a wider window than the first
    assert gaps[0] <= 1.0 + 1e-6


def test_online_follows_real_outcomes(platform_factory, outbox, make_agent, clock):
    p = platform_factory()
    seen: list[bool] = []
    enqueue(outbox, 1, clock.now())
    agent = make_agent(base_url=p.base_url)
    agent.add_online_listener(seen.append)
    assert agent.online is None
    agent.run_once()
    assert seen == [True]
    p.platform.faults.install([FaultRule("error_503", path_prefix="/v1/")])
    agent.refresh_catalog()
    agent.run_once()
    assert seen == [True, False]
    p.platform.faults.clear()
    clock.advance(60.0)  # the catalog's own backoff (cap 60 s) is over
    agent.refresh_catalog()
    agent.run_once()
    assert seen == [True, False, True]


def test_offline_when_nothing_listens(outbox, make_agent, clock):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: connection refused
    enqueue(outbox, 1, clock.now())
    agent = make_agent(base_url=f"http://127.0.0.1:{port}")
    agent.run_once()
    assert agent.online is False
    assert agent.blocked_for_s > 0
    assert outbox.stats(clock.now()).pending == 1  # nothing claimed while unreachable


def test_heartbeat_reports_queue_and_devices(platform, outbox, make_agent, clock: ManualClock):
    enqueue(outbox, 2, clock.now())
    agent = make_agent(batch_size=1, heartbeat_s=60.0)
    agent.run_once()
    kiosks = platform.platform.store.kiosks()
    assert [k["kiosk_id"] for k in kiosks] == ["K0001"]
    beat = kiosks[0]["last"]
    assert beat["version"] == "test"
    assert beat["queue"]["pending"] == 2  # sent before this pass delivered them
    assert beat["oldest_pending_age_s"] is not None


def test_heartbeat_carries_device_statuses(platform, outbox, clock):
    from kiosk.sync import SyncAgent, SyncConfig

    agent = SyncAgent(
        SyncConfig(base_url=platform.base_url, kiosk_id="K0002", version="1.2"),
        outbox,
        clock=clock,
        device_statuses=lambda: {"printer": "paper_low", "card": "ok"},
    )
    try:
        agent.run_once()
    finally:
        agent.stop()
    beat = platform.platform.store.kiosks()[0]["last"]
    assert beat["devices"] == {"printer": "paper_low", "card": "ok"}
    assert beat["kiosk_id"] == "K0002"
    assert json.loads(json.dumps(beat))["queue"]["dead"] == 0


@pytest.mark.parametrize("batch_size", [1, 3])
def test_order_survives_failures_mid_stream(platform, outbox, make_agent, clock, batch_size):
    # The agent claims the next records while an exchange is on the wire; when that
    # exchange fails, those must not overtake the failed ones.
    platform.platform.faults.install(
        [
            FaultRule("error_500", path_prefix="/v1/submissions", count=2),
            FaultRule("throttle_429", path_prefix="/v1/submissions", count=1, retry_after="3"),
        ]
    )
    ids = enqueue(outbox, 10, clock.now())
    agent = make_agent(batch_size=batch_size)
    drive(agent, clock, outbox)
    assert [s["idempotency_key"] for s in platform.platform.store.list_submissions()] == ids


def test_a_409_while_an_earlier_copy_is_processed_is_retried_not_dead(
    platform_factory, outbox, make_agent, clock
):
    import threading

    import requests

    from central.app import PlatformConfig as Cfg

    p = platform_factory(Cfg(submit_delay_s=1.0))
    rec = outbox.enqueue(RecordKind.APPLICATION, b'{"n": 1}', "C-409", clock.now())
    # An earlier copy of the same record (say, sent just before a kiosk crash) is
    # still being processed when the agent sends it again.
    created = rec.created_at.isoformat(timespec="microseconds").replace("+00:00", "Z")
    body = {
        "kind": "application",
        "tracking_number": "C-409",
        "created_at": created,
        "payload": {"n": 1},
    }
    earlier = threading.Thread(
        target=lambda: requests.post(
            p.base_url + "/v1/submissions",
            json=body,
            headers={"Idempotency-Key": str(rec.id)},
            timeout=5,
        )
    )
    earlier.start()
    time.sleep(0.3)
    agent = make_agent(base_url=p.base_url, batch_size=1)
    agent.run_once()
    first = outbox.get(rec.id)
    assert first.state is RecordState.FAILED and "409" in first.last_error
    earlier.join()
    drive(agent, clock, outbox)
    assert outbox.get(rec.id).state is RecordState.DELIVERED
    held = p.platform.store.list_submissions()
    assert len(held) == 1 and held[0]["replays"] == 1
