"""The one entry point: classify and verify whatever a QR code carried.

Never raises for any input: a payload is data from a stranger's phone or paper,
so every odd case is a :class:`ScannedPayload` with a status and a message key.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re

from drivers.scanner.text import decode_text
from kiosk.payloads.codes import RECEIPT_PREFIX, is_own_code, parse_own_code
from kiosk.payloads.eid import looks_like_jws, parse_eid
from kiosk.payloads.keys import VerificationKeys
from kiosk.payloads.types import PayloadKind, PayloadStatus, ScannedPayload
from kiosk.tracking import parse_tracking_number

log = logging.getLogger(__name__)

MAX_PAYLOAD_BYTES = 2953  # the largest QR code (version 40-L) holds this many bytes
# Possessive quantifiers: with plain ones a 3 KB "http://aaa… b" backtracks for ~0.2 s.
_URL = re.compile(r"(?i)(https?)://[^\s/?#]++[^\s]*+")
_TRACKING_MAX_LEN = 40  # longer text is never a tracking number, whatever the check digit says


def parse_payload(
    data: bytes | str,
    keys: VerificationKeys,
    *,
    now: dt.datetime | None = None,
) -> ScannedPayload:
    """Classify and verify ``data`` (raw QR bytes, or text).

    ``now`` must be timezone-aware (the core passes its injected clock); the
    appointment day is compared in that time zone.
    """
    try:
        return _parse(data, keys, now or dt.datetime.now(dt.UTC).astimezone())
    except Exception:
        # A bug, not an expected condition: log without the payload (it may hold personal data).
        log.exception("payload parser failed on a %d-byte payload", len(data))
        return ScannedPayload(PayloadKind.UNKNOWN, PayloadStatus.MALFORMED)


def _parse(data: bytes | str, keys: VerificationKeys, now: dt.datetime) -> ScannedPayload:
    if isinstance(data, str):
        raw_len = len(data.encode("utf-8", "surrogatepass"))
        text: str | None = data
    else:
        raw_len = len(data)
        text, _ = decode_text(data)
    if raw_len > MAX_PAYLOAD_BYTES:
        return ScannedPayload(PayloadKind.UNKNOWN, PayloadStatus.MALFORMED)
    if text is None:
        return ScannedPayload(PayloadKind.UNKNOWN, PayloadStatus.UNRECOGNISED, is_binary=True)
    stripped = text.strip()
    code = _receipt_in_url(stripped, keys.receipt_url_base)
    if code is not None:
        stripped = code
    if is_own_code(stripped):
        parsed = parse_own_code(stripped, keys, now.date())
        if parsed.kind is PayloadKind.RECEIPT:
            return dataclasses.replace(parsed, receipt_code=stripped)
        return parsed
    if looks_like_jws(stripped):
        return parse_eid(stripped, keys, now)
    if len(stripped) <= _TRACKING_MAX_LEN:
        tracking = parse_tracking_number(stripped)
        if tracking is not None:
            return ScannedPayload(PayloadKind.TRACKING_NUMBER, PayloadStatus.OK, tracking=tracking)
    if _URL.fullmatch(stripped):
        return ScannedPayload(PayloadKind.URL, PayloadStatus.OK, url=stripped)
    return ScannedPayload(PayloadKind.UNKNOWN, PayloadStatus.UNRECOGNISED, text=text)


def _receipt_in_url(text: str, base: str | None) -> str | None:
    """The receipt code inside ``<base>/r/<code>`` (our own status page only), else None.

    Any other address, even with a receipt-shaped tail, stays a plain URL: the kiosk
    never vouches for a page it was not configured with.
    """
    if base is None:
        return None
    prefix = base + "/r/"
    if not text.startswith(prefix):
        return None
    code = text[len(prefix) :]
    return code if code.startswith(RECEIPT_PREFIX) and "/" not in code else None
