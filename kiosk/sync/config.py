"""Settings of the sync agent (the composition root fills them from kiosk settings)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class SyncConfig:
    """Where the platform is, how to reach it, and how patiently.

    Field names follow ``settings.platform`` so the composition root can copy them.
    """

    base_url: str
    kiosk_id: str
    version: str = "0"
    location: str = ""  # where the kiosk stands, said in its heartbeat (the fleet page)
    location_en: str = ""  # the same in English: the English console's words (try-out 15, K5)
    connect_timeout_s: float = 3.0
    read_timeout_s: float = 10.0
    # TLS: CA bundle to verify the platform against (None: system store), and the
    # kiosk's client certificate/key for mTLS (both or neither).
    ca_bundle: Path | None = None
    client_cert: Path | None = None
    client_key: Path | None = None
    # Or a per-kiosk bearer token, read from this file (owner-only, mode 0600).
    token_file: Path | None = None
    # Exponential backoff with full jitter: a delay drawn from [0, min(cap, base·2^n)].
    backoff_base_s: float = 1.0
    backoff_cap_s: float = 300.0
    # A Retry-After is obeyed up to this long: "come back in a day" from a broken
    # proxy must not stop deliveries, heartbeats and lookups for a day.
    retry_after_cap_s: float = 900.0
    batch_size: int = 50
    heartbeat_s: float = 60.0
    catalog_refresh_s: float = 3600.0
    # Answers larger than this are refused (a broken proxy must not exhaust memory).
    max_response_bytes: int = 4 * 1024 * 1024
    # With nothing due, look at the outbox again after this long (enqueue also wakes us).
    idle_poll_s: float = 30.0
    # While a staff call is unanswered, ask the platform this often whether staff
    # acknowledged it (the kiosk then shows 工作人员已收到).
    staff_call_poll_s: float = 3.0
    # A call is followed this long at most: staff who never press 已处理 leave no kiosk
    # asking about it forever (its citizen's session has long ended by then).
    staff_call_follow_s: float = 1800.0

    def __post_init__(self) -> None:
        if (self.client_cert is None) != (self.client_key is None):
            raise ValueError("client_cert and client_key go together")
        if self.backoff_base_s <= 0 or self.backoff_cap_s < self.backoff_base_s:
            raise ValueError("need 0 < backoff_base_s <= backoff_cap_s")
        if self.retry_after_cap_s <= 0:
            raise ValueError("retry_after_cap_s must be positive")
        if self.batch_size < 1:
            raise ValueError("batch_size must be at least 1")
