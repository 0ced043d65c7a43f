"""Catalog pulls with If-None-Match, and status look-ups, through the agent."""

from __future__ import annotations

import json

import pytest
import requests

from central.faults import FaultRule
from kiosk.sync import StatusOutcome, StatusResult
from offline_cache.memory_caches import MemoryCatalogCache, MemoryStatusCache

from .conftest import ADMIN, drive, enqueue

pytestmark = pytest.mark.integration


def test_catalog_is_cached_with_its_etag_and_refreshed_only_when_changed(
    platform, outbox, make_agent, clock
):
    from kiosk.sync import SyncAgent, SyncConfig

    cache = MemoryCatalogCache()
    seen: list[tuple[bytes, str | None]] = []
    agent = SyncAgent(
        SyncConfig(base_url=platform.base_url, kiosk_id="K1"),
        outbox,
        catalog_cache=cache,
        clock=clock,
    )
    agent.add_catalog_listener(lambda body, etag: seen.append((body, etag)))
    try:
        agent.run_once()
        entry = cache.load()
        assert entry is not None and entry.etag == platform.platform.catalog_etag
        assert len(json.loads(entry.services_json)["services"]) >= 12
        assert len(seen) == 1

        clock.advance(5)
        agent.refresh_catalog()
        agent.run_once()
        log = [e for e in platform.platform.faults.log() if e["path"] == "/v1/catalog"]
        assert [e["status"] for e in log] == [200, 304]
        assert len(seen) == 1  # nothing new to announce
        assert cache.load().confirmed_at > cache.load().fetched_at

        doc = json.loads(entry.services_json)
        doc["version"] = "next"
        requests.put(platform.base_url + "/admin/catalog", json=doc, headers=ADMIN, timeout=5)
        agent.refresh_catalog()
        agent.run_once()
        assert json.loads(cache.load().services_json)["version"] == "next"
        assert len(seen) == 2 and seen[1][1] == platform.platform.catalog_etag
    finally:
        agent.stop()


def test_a_broken_catalog_answer_keeps_the_cached_one(platform, outbox, clock):
    from kiosk.sync import SyncAgent, SyncConfig

    cache = MemoryCatalogCache()
    agent = SyncAgent(
        SyncConfig(base_url=platform.base_url, kiosk_id="K1"),
        outbox,
        catalog_cache=cache,
        clock=clock,
    )
    try:
        agent.run_once()
        good = cache.load()
        platform.platform.faults.install([FaultRule("malformed_json", path_prefix="/v1/catalog")])
        clock.advance(10)
        agent.refresh_catalog()
        agent.run_once()
        assert cache.load() == good
        assert agent.recent_errors()[-1].operation == "catalog"
    finally:
        agent.stop()


def test_status_on_request_fresh_then_cached_when_offline(platform, outbox, make_agent, clock):
    from kiosk.sync import SyncAgent, SyncConfig

    enqueue(outbox, 1, clock.now(), prefix="ST")
    cache = MemoryStatusCache()
    results: list[StatusResult] = []
    agent = SyncAgent(
        SyncConfig(base_url=platform.base_url, kiosk_id="K1"),
        outbox,
        status_cache=cache,
        clock=clock,
    )
    agent.add_status_listener(results.append)
    try:
        drive(agent, clock, outbox)
        requests.post(platform.base_url + "/admin/status/ST00000/advance", headers=ADMIN, timeout=5)
        agent.request_status("ST00000")
        agent.request_status("NOPE-1")
        agent.run_once()
        found, missing = results
        assert found.outcome is StatusOutcome.FOUND and not found.from_cache
        assert found.data["status"] == "accepted"
        assert [t["status"] for t in found.data["timeline"]] == ["received", "accepted"]
        assert missing.outcome is StatusOutcome.NOT_FOUND
        assert cache.get("ST00000") is not None

        platform.platform.faults.install([FaultRule("error_503", path_prefix="/v1/")])
        agent.request_status("ST00000")
        agent.run_once()
        offline = results[-1]
        assert offline.outcome is StatusOutcome.OFFLINE and offline.from_cache
        assert offline.data == found.data and offline.fetched_at == found.fetched_at
        assert agent.online is False
    finally:
        agent.stop()
