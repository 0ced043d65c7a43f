"""Scanned payloads: classify and verify receipts, appointments, e-ID tokens and more.

Entry point: :func:`parse_payload`. Minting: :class:`ReceiptSigner` (kiosk),
:func:`sign_appointment` and :func:`issue_eid_token` (platform side, for tests and
the demo). Formats and message keys: docs/payloads.md.
"""

from kiosk.payloads.codes import ReceiptSigner, sign_appointment, sign_receipt
from kiosk.payloads.eid import identity_from_claims, issue_eid_token
from kiosk.payloads.keys import (
    VerificationKeys,
    load_private_key,
    load_public_key,
    private_key_text,
    public_key_text,
)
from kiosk.payloads.parser import parse_payload
from kiosk.payloads.types import PayloadKind, PayloadStatus, ScannedPayload

__all__ = [
    "PayloadKind",
    "PayloadStatus",
    "ReceiptSigner",
    "ScannedPayload",
    "VerificationKeys",
    "identity_from_claims",
    "issue_eid_token",
    "load_private_key",
    "load_public_key",
    "parse_payload",
    "private_key_text",
    "public_key_text",
    "sign_appointment",
    "sign_receipt",
]
