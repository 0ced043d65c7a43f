"""Fixtures: the reference platform on loopback (real HTTP), a real SQLite outbox, agents."""

from __future__ import annotations

import datetime as dt
import json
import random
import secrets
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from central.app import PlatformConfig
from central.embedded import EmbeddedPlatform, start_embedded
from kiosk.sync import ManualClock, SyncAgent, SyncConfig
from kiosk.sync.agent import Exchange
from kiosk.sync.clock import Clock
from offline_cache.crypto import KeyRing
from offline_cache.db import Database
from offline_cache.outbox_protocol import Outbox, RecordKind
from offline_cache.sqlite_outbox import SqliteOutbox

# The admin credential of the platforms these tests start (admin routes need one).
ADMIN_TOKEN = secrets.token_urlsafe(32)
ADMIN = {"X-Admin-Token": ADMIN_TOKEN}


@pytest.fixture
def platform_factory() -> Iterator[Callable[..., EmbeddedPlatform]]:
    started: list[EmbeddedPlatform] = []

    def make(config: PlatformConfig | None = None, **kw: Any) -> EmbeddedPlatform:
        config = config or PlatformConfig()
        config = replace(config, admin_token=config.admin_token or ADMIN_TOKEN)
        tls = kw.get("tls")
        if config.registry is None and not (tls is not None and tls.client_ca):
            # Plain loopback HTTP without kiosk credentials: the platform's explicit,
            # loopback-only development mode (the mTLS tests authenticate for real).
            config = replace(config, insecure_dev=True)
        p = start_embedded(config, **kw)
        started.append(p)
        return p

    yield make
    for p in started:
        p.stop()


@pytest.fixture
def platform(platform_factory: Callable[..., EmbeddedPlatform]) -> EmbeddedPlatform:
    return platform_factory()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(tmp_path / "kiosk.db")
    yield database
    database.close()


@pytest.fixture
def outbox(db: Database, tmp_path: Path) -> Outbox:
    return SqliteOutbox(db, KeyRing.load_or_create(tmp_path / "outbox.key"), max_attempts=50)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(dt.datetime.now(dt.UTC))


class SentLog(list[tuple[float, str, str]]):
    """(agent clock time, method, path) of every request the agent sent."""

    def note(self, ex: Exchange) -> None:
        """An exchange listener (SyncAgent.add_exchange_listener)."""
        self.append((ex.clock_s, ex.method, ex.path))


@pytest.fixture
def make_agent(
    outbox: Outbox, platform: EmbeddedPlatform, clock: ManualClock
) -> Iterator[Callable[..., SyncAgent]]:
    agents: list[SyncAgent] = []

    def make(
        *,
        base_url: str | None = None,
        agent_clock: Clock | None = None,
        sent: SentLog | None = None,
        ob: Outbox | None = None,
        **cfg: Any,
    ) -> SyncAgent:
        c = agent_clock or clock
        settings: dict[str, Any] = {
            "base_url": base_url or platform.base_url,
            "kiosk_id": "K0001",
            "version": "test",
            "backoff_base_s": 1.0,
            "backoff_cap_s": 60.0,
            "connect_timeout_s": 2.0,
            "read_timeout_s": 2.0,
            **cfg,
        }
        config = SyncConfig(**settings)
        agent = SyncAgent(config, ob or outbox, clock=c, rng=random.Random(7))
        if sent is not None:
            agent.add_exchange_listener(sent.note)
        agents.append(agent)
        return agent

    yield make
    for a in agents:
        a.stop()


def enqueue(outbox: Outbox, n: int, now: dt.datetime, prefix: str = "T") -> list[str]:
    """n application records with distinct tracking numbers; returns their ids."""
    ids = []
    for i in range(n):
        body = json.dumps({"service_id": "gongan.hukou_certificate", "n": i}).encode()
        rec = outbox.enqueue(RecordKind.APPLICATION, body, f"{prefix}{i:05d}", now)
        ids.append(str(rec.id))
    return ids


def drive(agent: SyncAgent, clock: ManualClock, outbox: Outbox, max_passes: int = 500) -> None:
    """Run passes, letting simulated time pass as the agent asks, until nothing is undelivered."""
    for _ in range(max_passes):
        delay = agent.run_once()
        st = outbox.stats(clock.now())
        if st.pending == st.sending == st.failed == 0:
            return
        clock.advance(max(delay, 0.001))
    raise AssertionError(f"not drained: {outbox.stats(clock.now())}")
