"""The agent behind a misbehaving proxy: nothing lost, nothing dead, delivery resumes in time.

Real HTTP all the way (agent → loopback proxy → reference platform); the agent's
clock is simulated, so hours of outage take a second. The outbox is the real
SQLite one with a small attempt limit, so a record charged for the outage would die.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from central.app import PlatformConfig
from central.embedded import EmbeddedPlatform
from kiosk.sync import ManualClock, SyncAgent, SyncConfig
from offline_cache.crypto import KeyRing
from offline_cache.db import Database
from offline_cache.outbox_protocol import Outbox
from offline_cache.sqlite_outbox import SqliteOutbox

from .conftest import enqueue
from .fault_proxy import (
    Canned,
    FaultProxy,
    everything,
    forward_all,
    json_answer,
    submissions_only,
)

pytestmark = pytest.mark.integration

RECORDS = 100
# An attempt limit far below the number of failed tries an outage causes.
MAX_ATTEMPTS = 3


@pytest.fixture
def small_outbox(db: Database, tmp_path: Path) -> Outbox:
    keys = KeyRing.load_or_create(tmp_path / "proxy-outbox.key")
    return SqliteOutbox(db, keys, max_attempts=MAX_ATTEMPTS)


@pytest.fixture
def proxied(
    platform_factory: Callable[..., EmbeddedPlatform],
) -> Iterator[Callable[..., tuple[FaultProxy, EmbeddedPlatform]]]:
    proxies: list[FaultProxy] = []

    def make(config: PlatformConfig | None = None) -> tuple[FaultProxy, EmbeddedPlatform]:
        platform = platform_factory(config)
        proxy = FaultProxy(platform.base_url)
        proxies.append(proxy)
        return proxy, platform

    yield make
    for p in proxies:
        p.close()


def _agent(proxy: FaultProxy, outbox: Outbox, clock: ManualClock, **cfg: float) -> SyncAgent:
    """An agent with the production timing defaults unless a test says otherwise."""
    config = SyncConfig(base_url=proxy.base_url, kiosk_id="K0001", read_timeout_s=5.0, **cfg)
    return SyncAgent(config, outbox, clock=clock, rng=random.Random(3))


def _run_for(agent: SyncAgent, clock: ManualClock, seconds: float) -> None:
    """Let the agent work for ``seconds`` of simulated time."""
    end = clock.monotonic() + seconds
    while clock.monotonic() < end:
        delay = agent.run_once()
        clock.advance(min(max(delay, 0.001), end - clock.monotonic() + 0.001))


def _run_until_delivered(agent: SyncAgent, clock: ManualClock, outbox: Outbox, n: int) -> float:
    """Simulated seconds until ``n`` records are delivered (fails after a simulated day)."""
    start = clock.monotonic()
    while outbox.stats(clock.now()).delivered < n:
        clock.advance(max(agent.run_once(), 0.001))
        assert clock.monotonic() - start < 86_400, outbox.stats(clock.now())
    return clock.monotonic() - start


def _held_once(platform: EmbeddedPlatform, ids: list[str]) -> None:
    held = [s["idempotency_key"] for s in platform.platform.store.list_submissions()]
    assert sorted(held) == sorted(ids)  # 0 lost, 0 doubled


def _count(calls: list[tuple[str, str]], path: str) -> int:
    return sum(1 for _, p in calls if p == path)


@pytest.mark.parametrize("batch", [False, True], ids=["one-by-one", "batch"])
@pytest.mark.parametrize(
    "answer",
    [
        json_answer(503, b'{"error": "maintenance"}'),
        json_answer(429, b'{"error": "slow down"}', ("Retry-After", "5")),
    ],
    ids=["503", "429-retry-after-5"],
)
def test_partial_outage_kills_nothing_and_delivery_resumes_within_the_cap(
    proxied, small_outbox: Outbox, clock: ManualClock, answer: Canned, batch: bool
) -> None:
    proxy, platform = proxied(PlatformConfig(batch_enabled=batch))
    ids = enqueue(small_outbox, RECORDS, clock.now())
    agent = _agent(proxy, small_outbox, clock)
    proxy.mode = submissions_only(answer)
    _run_for(agent, clock, 2 * 3600.0)  # the issue saw every record dead after 0.3–0.7 h
    st = small_outbox.stats(clock.now())
    assert st.dead == 0 and st.delivered == 0
    assert _count(proxy.forwarded, "/v1/heartbeat") >= 100  # heartbeats got through …
    refused = [a for a in proxy.answered if a[1].startswith("/v1/submissions")]
    assert len(refused) >= 20  # … while submissions kept being refused
    assert max(r.attempts for r in small_outbox.list(limit=RECORDS)) > MAX_ATTEMPTS

    proxy.mode = forward_all
    took = _run_until_delivered(agent, clock, small_outbox, RECORDS)
    assert took <= agent.config.backoff_cap_s + agent.config.backoff_base_s
    assert small_outbox.stats(clock.now()).dead == 0
    _held_once(platform, ids)


@pytest.mark.parametrize("batch", [False, True], ids=["one-by-one", "batch"])
@pytest.mark.parametrize("lie", [b'{"ok": true}', b"[]"], ids=["ok-true", "empty-list"])
def test_a_2xx_that_does_not_name_the_record_is_not_a_delivery(
    proxied, small_outbox: Outbox, clock: ManualClock, lie: bytes, batch: bool
) -> None:
    proxy, platform = proxied(PlatformConfig(batch_enabled=batch))
    ids = enqueue(small_outbox, RECORDS, clock.now())
    agent = _agent(proxy, small_outbox, clock, backoff_cap_s=60.0)
    proxy.mode = submissions_only(json_answer(200, lie))
    _run_for(agent, clock, 1800.0)
    st = small_outbox.stats(clock.now())
    # The outbox never claims a delivery the platform did not see.
    assert st.delivered == platform.platform.store.count_submissions() == 0
    assert st.dead == 0
    assert len([a for a in proxy.answered if a[2] == 200]) >= 10

    proxy.mode = forward_all
    took = _run_until_delivered(agent, clock, small_outbox, RECORDS)
    assert took <= 60.0 + agent.config.backoff_base_s
    assert small_outbox.stats(clock.now()).dead == 0
    _held_once(platform, ids)


def test_a_day_long_retry_after_is_cut_to_the_cap(
    proxied, small_outbox: Outbox, clock: ManualClock
) -> None:
    proxy, platform = proxied()
    ids = enqueue(small_outbox, RECORDS, clock.now())
    agent = _agent(proxy, small_outbox, clock, retry_after_cap_s=120.0)
    proxy.mode = everything(json_answer(503, b"{}", ("Retry-After", "86400")))
    _run_for(agent, clock, 600.0)
    answered = len(proxy.answered)
    assert answered >= 8  # every endpoint came back after ~2 min, not after a day
    assert small_outbox.stats(clock.now()).dead == 0

    proxy.mode = forward_all
    took = _run_until_delivered(agent, clock, small_outbox, RECORDS)
    assert took <= 120.0 + agent.config.backoff_base_s
    assert _count(proxy.forwarded, "/v1/heartbeat") >= 1  # heartbeats are back too
    _held_once(platform, ids)


def test_the_default_retry_after_cap_is_fifteen_minutes() -> None:
    assert SyncConfig(base_url="https://p.invalid", kiosk_id="K").retry_after_cap_s == 900.0


@pytest.mark.parametrize("status", [401, 403])
def test_refused_credentials_are_the_kiosks_problem_not_the_records(
    proxied, small_outbox: Outbox, clock: ManualClock, status: int, tmp_path: Path
) -> None:
    token = tmp_path / "kiosk.token"
    token.touch(mode=0o600)
    token.write_text("k0001-secret-token\n")
    proxy, platform = proxied()
    ids = enqueue(small_outbox, 10, clock.now())
    agent = SyncAgent(
        SyncConfig(base_url=proxy.base_url, kiosk_id="K0001", backoff_cap_s=60.0, token_file=token),
        small_outbox,
        clock=clock,
        rng=random.Random(3),
    )
    answer = json_answer(status, b'{"detail": "not this kiosk"}')
    proxy.mode = submissions_only(answer)
    _run_for(agent, clock, 1800.0)
    assert small_outbox.stats(clock.now()).dead == 0
    assert agent.credentials_refused
    assert any(
        "platform refused this kiosk's credentials" in e.message for e in agent.recent_errors()
    )
    assert set(proxy.authorizations) == {"Bearer k0001-secret-token"}

    proxy.mode = forward_all
    _run_until_delivered(agent, clock, small_outbox, 10)
    assert not agent.credentials_refused
    _held_once(platform, ids)
