"""The kiosk's own signed codes: receipts (``ZWR1``) and appointments (``ZWA1``).

Format (docs/payloads.md has the rationale)::

    ZWR1.<tracking number, compact>.<key generation>.<signature>
    ZWA1.<appointment id>.<YYYYMMDD>.<platform key id>.<signature>

The signature is Ed25519 over the ASCII text before the last dot (prefix and
version included, so a signature can never be replayed under another type or
version), written in RFC 4648 base32 without padding (103 characters). Every
character is in the QR alphanumeric set (0-9, A-Z, ``.``), which packs 5.5 bits
per character instead of 8: at error level M the receipt QR is version 6
(41×41 modules) where base64url in byte mode needs version 7 (45×45), so each
module prints ~10 % larger on a thermal receipt of the same width.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.payloads.keys import VerificationKeys
from kiosk.payloads.types import PayloadKind, PayloadStatus, ScannedPayload
from kiosk.tracking import TrackingNumber, parse_tracking_number

RECEIPT_PREFIX = "ZWR"
APPOINTMENT_PREFIX = "ZWA"
VERSION = "1"
_SIG_CHARS = 103  # ceil(64 bytes * 8 / 5)
_GEN = re.compile(r"[0-9A-Z]{1,4}")
_APPT_ID = re.compile(r"[0-9A-Z]{6,16}")
_VERSIONED = re.compile(r"(ZW[RA])([0-9]{1,3})\.")


def sign_receipt(tracking: TrackingNumber, key: Ed25519PrivateKey, generation: str = "1") -> str:
    """The receipt code for ``tracking``, signed with this kiosk's key of ``generation``."""
    if not _GEN.fullmatch(generation):
        raise ValueError("generation must be 1-4 characters of 0-9A-Z")
    body = f"{RECEIPT_PREFIX}{VERSION}.{tracking.compact}.{generation}"
    return f"{body}.{_b32(key.sign(body.encode('ascii')))}"


def sign_appointment(
    appointment_id: str, day: dt.date, key: Ed25519PrivateKey, key_id: str = "1"
) -> str:
    """An appointment code (the platform's job; here for the reference platform, tests, demo)."""
    if not _APPT_ID.fullmatch(appointment_id):
        raise ValueError("appointment id must be 6-16 characters of 0-9A-Z")
    if not _GEN.fullmatch(key_id):
        raise ValueError("key id must be 1-4 characters of 0-9A-Z")
    body = f"{APPOINTMENT_PREFIX}{VERSION}.{appointment_id}.{day:%Y%m%d}.{key_id}"
    return f"{body}.{_b32(key.sign(body.encode('ascii')))}"


def receipt_url(status_url: str, code: str) -> str:
    """The receipt QR as a link to the platform's status page: ``<status_url>/r/<code>``.

    The code's characters (0-9, A-Z, ``.``) need no escaping in a URL path.
    """
    return f"{status_url.rstrip('/')}/r/{code}"


class ReceiptSigner:
    """Mints receipt codes for one kiosk (the composition root holds one).

    With ``status_url`` (``[platform] public_status_url``) the QR text is a link to
    the platform's status page carrying the signed code, so a phone scan opens the
    status; the kiosk still verifies the code inside it offline.
    """

    def __init__(
        self,
        kiosk_code: str,
        key: Ed25519PrivateKey,
        generation: str = "1",
        *,
        status_url: str | None = None,
    ) -> None:
        self.kiosk_code = kiosk_code
        self.generation = generation
        self.status_url = status_url
        self._key = key

    def signed_code(self, tracking: TrackingNumber) -> str:
        """The signed receipt code (``ZWR1.…``) for ``tracking``: the proof of possession
        (its SHA-256 travels with the submission)."""
        if tracking.kiosk_code != self.kiosk_code:
            raise ValueError("tracking number was not minted by this kiosk")
        return sign_receipt(tracking, self._key, self.generation)

    def qr_text(self, code: str) -> str:
        """What the QR carries for ``code``: the status-page link, or the bare code."""
        return receipt_url(self.status_url, code) if self.status_url else code

    def code_for(self, tracking: TrackingNumber) -> str:
        """The QR text to print on the receipt for ``tracking``."""
        return self.qr_text(self.signed_code(tracking))


def is_own_code(text: str) -> bool:
    """Whether ``text`` has the shape of one of our codes (any version)."""
    return _VERSIONED.match(text) is not None or text in (RECEIPT_PREFIX, APPOINTMENT_PREFIX)


def parse_own_code(text: str, keys: VerificationKeys, today: dt.date) -> ScannedPayload:
    """Verify a ``ZWR``/``ZWA`` code. ``today`` is the kiosk's local date."""
    kind = PayloadKind.RECEIPT if text.startswith(RECEIPT_PREFIX) else PayloadKind.APPOINTMENT
    m = _VERSIONED.match(text)
    if m is None:
        return ScannedPayload(kind, PayloadStatus.MALFORMED)
    if m.group(2) != VERSION:
        return ScannedPayload(kind, PayloadStatus.UNSUPPORTED_VERSION)
    if kind is PayloadKind.RECEIPT:
        return _parse_receipt(text, keys)
    return _parse_appointment(text, keys, today)


def _parse_receipt(text: str, keys: VerificationKeys) -> ScannedPayload:
    kind = PayloadKind.RECEIPT
    parts = text.split(".")
    if len(parts) != 4 or not _GEN.fullmatch(parts[2]):
        return ScannedPayload(kind, PayloadStatus.MALFORMED)
    _, number, gen, sig_text = parts
    tracking = parse_tracking_number(number)
    # Only the exact compact form: the forgiving parser would accept look-alikes,
    # which would give one signature several spellings.
    if tracking is None or tracking.compact != number:
        return ScannedPayload(kind, PayloadStatus.MALFORMED)
    sig = _unb32(sig_text)
    if sig is None:
        return ScannedPayload(kind, PayloadStatus.MALFORMED, tracking=tracking)
    key = keys.receipt.get((tracking.kiosk_code, gen))
    key_id = f"{tracking.kiosk_code}.{gen}"
    if key is None:
        return ScannedPayload(kind, PayloadStatus.UNKNOWN_KEY, tracking=tracking, key_id=key_id)
    body = text[: text.rindex(".")].encode("ascii")
    try:
        key.verify(sig, body)
    except InvalidSignature:
        return ScannedPayload(kind, PayloadStatus.FORGED, tracking=tracking, key_id=key_id)
    return ScannedPayload(kind, PayloadStatus.OK, tracking=tracking, key_id=key_id)


def _parse_appointment(text: str, keys: VerificationKeys, today: dt.date) -> ScannedPayload:
    kind = PayloadKind.APPOINTMENT
    parts = text.split(".")
    if len(parts) != 5:
        return ScannedPayload(kind, PayloadStatus.MALFORMED)
    _, appt_id, day_text, kid, sig_text = parts
    if not (_APPT_ID.fullmatch(appt_id) and _GEN.fullmatch(kid)):
        return ScannedPayload(kind, PayloadStatus.MALFORMED)
    if not (len(day_text) == 8 and day_text.isascii() and day_text.isdigit()):
        return ScannedPayload(kind, PayloadStatus.MALFORMED)
    try:
        day = dt.date(int(day_text[:4]), int(day_text[4:6]), int(day_text[6:]))
    except ValueError:
        return ScannedPayload(kind, PayloadStatus.MALFORMED)
    sig = _unb32(sig_text)
    if sig is None:
        return ScannedPayload(kind, PayloadStatus.MALFORMED)
    key = keys.platform.get(kid)
    if key is None:
        return ScannedPayload(kind, PayloadStatus.UNKNOWN_KEY, key_id=kid)
    try:
        key.verify(sig, text[: text.rindex(".")].encode("ascii"))
    except InvalidSignature:
        return ScannedPayload(kind, PayloadStatus.FORGED, key_id=kid)
    # Checked after the signature, so a forged code never learns whether its date was plausible.
    if day < today:
        status = PayloadStatus.EXPIRED
    elif day > today:
        status = PayloadStatus.NOT_YET_VALID
    else:
        status = PayloadStatus.OK
    return ScannedPayload(kind, status, appointment_id=appt_id, appointment_date=day, key_id=kid)


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def _unb32(text: str) -> bytes | None:
    if len(text) != _SIG_CHARS or not text.isascii():
        return None
    try:
        raw = base64.b32decode(text + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError):
        return None
    # The last character carries 2 spare bits; require them zero so a signature has one spelling.
    if len(raw) != 64 or _b32(raw) != text:
        return None
    return raw
