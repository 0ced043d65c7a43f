"""Retention really deletes: delivered payloads go after the window, the audit row stays."""

from __future__ import annotations

import datetime as dt

from kiosk.housekeeping import Housekeeper
from offline_cache.memory_caches import MemoryStatusCache
from offline_cache.memory_outbox import MemoryOutbox
from offline_cache.outbox_protocol import RecordKind

T0 = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)


def test_payloads_and_statuses_are_purged_on_schedule() -> None:
    outbox = MemoryOutbox(retention=dt.timedelta(days=7))
    statuses = MemoryStatusCache()
    rec = outbox.enqueue(
        RecordKind.APPLICATION, b'{"name": "\\u5f20\\u4e09"}', "A001-261101-0001C", T0
    )
    (claimed,) = outbox.claim(1, T0)
    outbox.mark_delivered(claimed.id, T0)
    statuses.put("A001-261101-0001C", b"{}", T0)
    now = [T0 + dt.timedelta(days=3)]
    keeper = Housekeeper(
        lambda: now[0],
        {
            "payloads": outbox.purge_delivered_payloads,
            "statuses": lambda t: statuses.purge_older_than(t - dt.timedelta(days=30)),
            "broken": lambda t: 1 // 0,
        },
    )
    assert keeper.run_once()["payloads"] == 0
    now[0] = T0 + dt.timedelta(days=8)
    assert keeper.run_once()["payloads"] == 1
    kept = outbox.get(rec.id)
    assert kept is not None and kept.payload is None and kept.tracking_number == rec.tracking_number
    now[0] = T0 + dt.timedelta(days=31)
    assert keeper.run_once()["statuses"] == 1
    assert statuses.get("A001-261101-0001C") is None
