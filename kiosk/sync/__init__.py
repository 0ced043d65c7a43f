"""The sync agent and what it needs: config, clock, caches, HTTP outcomes.

Wiring (composition root)::

    agent = SyncAgent(SyncConfig(base_url=..., kiosk_id=...), outbox,
                      catalog_cache=..., status_cache=..., device_statuses=devices.snapshot)
    agent.add_online_listener(...)
    agent.start()        # after each enqueue: agent.wake()
"""

from kiosk.sync.agent import (
    DeliveryEvent,
    LookupProof,
    StatusOutcome,
    StatusResult,
    SyncAgent,
    SyncError,
)
from kiosk.sync.clock import Clock, ManualClock, SystemClock
from kiosk.sync.config import SyncConfig

__all__ = [
    "Clock",
    "DeliveryEvent",
    "LookupProof",
    "ManualClock",
    "StatusOutcome",
    "StatusResult",
    "SyncAgent",
    "SyncConfig",
    "SyncError",
    "SystemClock",
]
