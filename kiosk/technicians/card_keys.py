"""Technician card public keys: ECDSA P-256, as PEM in the register."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from kiosk.technicians.store import RegisterError


def load_card_key(pem: str) -> ec.EllipticCurvePublicKey:
    """The card's public key; raises :class:`RegisterError` unless it is P-256."""
    try:
        key = load_pem_public_key(pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raise RegisterError("the card key is not a PEM public key") from None
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
        raise RegisterError("the card key must be an ECDSA P-256 public key")
    return key


def check_public_key(pem: str) -> None:
    """Raise :class:`RegisterError` unless ``pem`` is a P-256 public key."""
    load_card_key(pem)
