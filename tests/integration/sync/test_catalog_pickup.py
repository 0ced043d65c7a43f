"""A published catalog reaches the kiosk within one heartbeat, not an hour (try-out 10,
K2): the heartbeat's answer names the catalog served, the real agent fetches it in the
same pass when it holds another, and its next heartbeat tells the platform which
version it holds. Real HTTP on loopback, the real agent; nothing more per heartbeat
while nothing changed."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from central.embedded import EmbeddedPlatform
from kiosk.sync import ManualClock, SyncAgent, SyncConfig
from offline_cache.memory_caches import MemoryCatalogCache
from offline_cache.outbox_protocol import Outbox

from .conftest import ADMIN, SentLog

pytestmark = pytest.mark.integration

SID = "gongan.hk_macau_endorsement"  # 往来港澳通行证再次签注, 15元
HEARTBEAT_S = 60.0


def _fee(body: bytes) -> str:
    doc = json.loads(body)
    return next(s for s in doc["services"] if s["id"] == SID)["fees"]["text"]["zh"]


def _publish_fee_20(platform: EmbeddedPlatform) -> dict[str, Any]:
    doc = copy.deepcopy(platform.platform.catalog_doc)
    service = next(s for s in doc["services"] if s["id"] == SID)
    service["fees"]["amount_cny"] = 20
    service["fees"]["text"] = {"zh": "20元", "en": "CNY 20"}
    doc["version"] = "2026.12"
    r = requests.put(platform.base_url + "/admin/catalog", json=doc, headers=ADMIN, timeout=5)
    assert r.status_code == 200, r.text
    return doc


def _kiosk(platform: EmbeddedPlatform) -> dict[str, Any]:
    r = requests.get(platform.base_url + "/admin/kiosks", headers=ADMIN, timeout=5)
    (kiosk,) = [k for k in r.json()["kiosks"] if k["kiosk_id"] == "K0001"]
    last: dict[str, Any] = kiosk["last"]
    return last


@pytest.fixture
def agent(platform: EmbeddedPlatform, outbox: Outbox, clock: ManualClock) -> Iterator[SyncAgent]:
    config = SyncConfig(
        base_url=platform.base_url,
        kiosk_id="K0001",
        heartbeat_s=HEARTBEAT_S,
        catalog_refresh_s=3600.0,  # the hourly check the kiosk had alone before
    )
    a = SyncAgent(config, outbox, catalog_cache=MemoryCatalogCache(), clock=clock)
    yield a
    a.stop()


def test_a_published_fee_reaches_the_kiosk_within_one_heartbeat(
    platform: EmbeddedPlatform, agent: SyncAgent, clock: ManualClock
) -> None:
    sent = SentLog()
    agent.add_exchange_listener(sent.note)
    quoted: list[str] = []
    agent.add_catalog_listener(lambda body, _etag: quoted.append(_fee(body)))

    agent.run_once()  # start-up: heartbeat, then the catalog
    assert quoted == ["15元"]
    clock.advance(HEARTBEAT_S)
    agent.run_once()  # the next heartbeat reports what it now holds
    assert _kiosk(platform)["catalog_version"] == "2026.11"
    assert _kiosk(platform)["catalog_etag"] == platform.platform.catalog_etag

    # Nothing changed: a heartbeat a minute, and nothing else asked of the platform.
    del sent[:]
    for _ in range(3):
        clock.advance(HEARTBEAT_S)
        agent.run_once()
    assert [(m, p) for _, m, p in sent] == [("POST", "/v1/heartbeat")] * 3

    _publish_fee_20(platform)
    published_at = clock.monotonic()
    del sent[:]
    for _ in range(int(HEARTBEAT_S) + 1):  # second by second, up to one heartbeat
        clock.advance(1.0)
        agent.run_once()
        if quoted[-1] == "20元":
            break
    assert quoted[-1] == "20元", "the new fee did not reach the kiosk within one heartbeat"
    assert clock.monotonic() - published_at <= HEARTBEAT_S
    # Fetched right after the heartbeat that named it, as a conditional GET.
    paths = [(m, p) for _, m, p in sent]
    assert paths[:2] == [("POST", "/v1/heartbeat"), ("GET", "/v1/catalog")]
    catalog_log = [e for e in platform.platform.faults.log() if e["path"] == "/v1/catalog"]
    assert catalog_log[-1]["status"] == 200

    agent.run_once()  # and the platform hears at once which catalog the kiosk holds now
    beat = _kiosk(platform)
    assert beat["catalog_version"] == "2026.12"
    assert beat["catalog_etag"] == platform.platform.catalog_etag
    entry = agent._catalog_cache.load() if agent._catalog_cache else None
    assert entry is not None and _fee(entry.services_json) == "20元"

    # Taken: back to one heartbeat a minute and nothing else.
    del sent[:]
    for _ in range(2):
        clock.advance(HEARTBEAT_S)
        agent.run_once()
    assert [(m, p) for _, m, p in sent] == [("POST", "/v1/heartbeat")] * 2
