"""What the parser says about a scanned payload: a value, never an exception."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kiosk.tracking import TrackingNumber


class PayloadKind(StrEnum):
    """What the code claims to be (decided by its shape, before any verification)."""

    RECEIPT = "receipt"  # our own signed receipt code: ZWR1.…
    APPOINTMENT = "appointment"  # platform-signed appointment code: ZWA1.…
    E_ID = "eid"  # platform-issued e-ID credential: JWS compact, EdDSA
    TRACKING_NUMBER = "tracking"  # a bare tracking number (check character only)
    URL = "url"  # a web address: shown, never opened
    UNKNOWN = "unknown"  # text or bytes we do not handle


class PayloadStatus(StrEnum):
    """Outcome of checking the payload."""

    OK = "ok"
    FORGED = "forged"  # signature does not verify (or alg/kid mismatch)
    UNKNOWN_KEY = "unknown_key"  # signed by a key this kiosk was not configured with
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    MALFORMED = "malformed"  # our prefix, broken structure (truncated, bad fields)
    UNSUPPORTED_VERSION = "unsupported_version"  # e.g. ZWR2 on a kiosk that knows ZWR1
    UNRECOGNISED = "unrecognised"  # kind UNKNOWN only


@dataclass(frozen=True, slots=True)
class ScannedPayload:
    """The parsed and verified payload.

    ``message_key`` is ``payload.<kind>.<status>`` (see docs/payloads.md); the UI
    translates it. Personal data (e-ID claims, raw text) is kept out of ``repr``.
    """

    kind: PayloadKind
    status: PayloadStatus
    tracking: TrackingNumber | None = None
    appointment_id: str | None = None
    appointment_date: dt.date | None = None
    expires_at: dt.datetime | None = None
    key_id: str | None = None
    url: str | None = field(default=None, repr=False)
    claims: Mapping[str, Any] = field(default_factory=dict, repr=False)
    text: str | None = field(default=None, repr=False)
    is_binary: bool = False
    # A receipt's signed code (``ZWR1.…``), also when it came inside the status-page
    # URL: it is the citizen's proof of possession for a status lookup.
    receipt_code: str | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        """True when the payload may be acted on."""
        return self.status is PayloadStatus.OK

    @property
    def message_key(self) -> str:
        """Translation key, e.g. ``payload.receipt.forged``."""
        return f"payload.{self.kind.value}.{self.status.value}"
