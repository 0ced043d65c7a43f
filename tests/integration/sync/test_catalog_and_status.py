"""Catalog pulls with If-None-Match, and status look-ups, through the agent."""

from __future__ import annotations

import json

import pytest
import requests

from central.faults import FaultRule
from kiosk.sync import StatusOutcome, StatusResult
from offline_cache.memory_caches import MemoryCatalogCache, MemoryStatusCache

from .conftest import ADMIN, drive

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


def test_status_needs_proof_then_is_cached_for_receipt_holders(platform, outbox, clock):
    import hashlib

    from kiosk.sync import LookupProof, SyncAgent, SyncConfig
    from offline_cache.outbox_protocol import RecordKind

    code = "ZWR1.ST00000.1.SIGNATURE"  # the platform checks only its SHA-256
    payload = {
        "service_id": "gongan.hukou_certificate",
        "receipt_code_sha256": hashlib.sha256(code.encode()).hexdigest(),
        "applicant": {"document_number": "11010519491231002X"},
    }
    outbox.enqueue(RecordKind.APPLICATION, json.dumps(payload).encode(), "ST00000", clock.now())
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
        agent.request_status("ST00000", LookupProof(receipt_code=code))
        agent.request_status("ST00000", LookupProof(id_last4="002x"))
        agent.request_status("ST00000", LookupProof(id_last4="0021"))  # wrong proof
        agent.request_status("ST00000", LookupProof(receipt_code=code + "A"))  # wrong code
        agent.request_status("NOPE-1", LookupProof(id_last4="002X"))  # unknown number
        agent.request_status("ST00000")  # a bare number: not even asked
        agent.run_once()
        found, by_id, *refused, bare = results
        assert found.outcome is StatusOutcome.FOUND and not found.from_cache
        assert found.data["status"] == "accepted"
        assert [t["status"] for t in found.data["timeline"]] == ["received", "accepted"]
        assert by_id.outcome is StatusOutcome.FOUND
        # Wrong proof and unknown number look exactly alike: nothing is revealed.
        assert [r.outcome for r in refused] == [StatusOutcome.NOT_FOUND] * 3
        assert all(r.data is None for r in refused)
        assert bare.outcome is StatusOutcome.NOT_FOUND and bare.data is None
        lookups = [r for r in platform.platform.faults.log() if r["path"] == "/v1/status/lookup"]
        assert len(lookups) == 5
        assert cache.get("ST00000") is not None

        platform.platform.faults.install([FaultRule("error_503", path_prefix="/v1/")])
        agent.request_status("ST00000", LookupProof(receipt_code=code))
        agent.request_status("ST00000", LookupProof(id_last4="002X"))
        agent.run_once()
        offline, typed = results[-2:]
        # The cached copy only for a receipt, which the kiosk verified offline.
        assert offline.outcome is StatusOutcome.OFFLINE and offline.from_cache
        assert offline.data == found.data and offline.fetched_at == by_id.fetched_at
        assert typed.outcome is StatusOutcome.OFFLINE and typed.data is None
        assert agent.online is False
    finally:
        agent.stop()


def test_a_booking_slip_is_proof_too(platform, outbox, clock):
    import hashlib

    from kiosk.sync import LookupProof, SyncAgent, SyncConfig
    from offline_cache.outbox_protocol import RecordKind

    code = "ZWR1.BK00001.1.SIGNATURE"
    body = {"type": "appointment", "receipt_code_sha256": hashlib.sha256(code.encode()).hexdigest()}
    outbox.enqueue(RecordKind.APPOINTMENT, json.dumps(body).encode(), "BK00001", clock.now())
    results: list[StatusResult] = []
    agent = SyncAgent(SyncConfig(base_url=platform.base_url, kiosk_id="K1"), outbox, clock=clock)
    agent.add_status_listener(results.append)
    try:
        drive(agent, clock, outbox)
        agent.request_status("BK00001", LookupProof(receipt_code=code))
        agent.run_once()
        assert results[0].outcome is StatusOutcome.FOUND
        assert results[0].data["kind"] == "appointment"
    finally:
        agent.stop()
