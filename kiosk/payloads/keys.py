"""Ed25519 keys: loading from configuration text, and the set a kiosk verifies against.

Configuration carries keys as PEM or as the raw 32 bytes in base64url (43
characters, no padding): a public key fits on one TOML line, and a private seed
in a file readable by the kiosk user only.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


def b64url_encode(data: bytes) -> str:
    """base64url without padding (RFC 7515 §2)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes | None:
    """Strict base64url without padding; None for anything else."""
    if not text or len(text) % 4 == 1 or not text.isascii():
        return None
    if any(c not in _B64URL for c in text):
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None
    # Reject non-canonical encodings (stray low bits), so one token has one spelling.
    return raw if b64url_encode(raw) == text else None


_B64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def load_public_key(text: str) -> Ed25519PublicKey:
    """An Ed25519 public key from PEM (SubjectPublicKeyInfo) or base64url raw bytes.

    Raises ValueError: a bad key in configuration is a setup error, not a scan result.
    """
    text = text.strip()
    if text.startswith("-----BEGIN"):
        key = serialization.load_pem_public_key(text.encode("ascii"))
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("not an Ed25519 public key")
        return key
    raw = b64url_decode(text)
    if raw is None or len(raw) != 32:
        raise ValueError("expected PEM or 43-character base64url Ed25519 public key")
    return Ed25519PublicKey.from_public_bytes(raw)


def load_private_key(text: str) -> Ed25519PrivateKey:
    """An Ed25519 private key from PEM (PKCS#8, unencrypted) or a base64url 32-byte seed."""
    text = text.strip()
    if text.startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(text.encode("ascii"), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("not an Ed25519 private key")
        return key
    raw = b64url_decode(text)
    if raw is None or len(raw) != 32:
        raise ValueError("expected PEM or 43-character base64url Ed25519 seed")
    return Ed25519PrivateKey.from_private_bytes(raw)


def public_key_text(key: Ed25519PublicKey | Ed25519PrivateKey) -> str:
    """The base64url raw form of a public key (for configuration files)."""
    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return b64url_encode(
        pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )


def private_key_text(key: Ed25519PrivateKey) -> str:
    """The base64url 32-byte seed (for a key file; keep it mode 0600)."""
    return b64url_encode(
        key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
    )


@dataclass(frozen=True)
class VerificationKeys:
    """Everything a kiosk needs to verify codes offline.

    - ``receipt``: fleet receipt keys by ``(kiosk code, generation)``, e.g.
      ``("A7H3", "1")``. A receipt verifies only with the key of the kiosk code
      inside its own tracking number, so one kiosk's key cannot vouch for another's.
    - ``platform``: platform keys by key id; e-ID tokens name it in the JWS ``kid``
      header, appointment codes in their generation field.
    - ``eid_issuer``: required ``iss`` claim of e-ID tokens (None: not checked).
    - ``leeway_s``: clock skew tolerated on ``exp``/``nbf`` (kiosk clocks drift offline).
    - ``receipt_url_base``: the platform's public status page (``[platform]
      public_status_url``); ``<base>/r/<receipt code>`` is read as a receipt, any
      other address stays a plain URL.
    """

    receipt: Mapping[tuple[str, str], Ed25519PublicKey] = field(default_factory=dict)
    platform: Mapping[str, Ed25519PublicKey] = field(default_factory=dict)
    eid_issuer: str | None = None
    leeway_s: int = 60
    receipt_url_base: str | None = None

    @staticmethod
    def from_config(
        receipt: Mapping[str, str] | None = None,
        platform: Mapping[str, str] | str | None = None,
        eid_issuer: str | None = None,
        leeway_s: int = 60,
        receipt_url_base: str | None = None,
    ) -> VerificationKeys:
        """Build from configuration text.

        ``receipt`` maps ``"KIOSK.GEN"`` (e.g. ``"A7H3.1"``) to a public key;
        ``platform`` maps key ids to public keys, or is one key (id ``"1"``, as
        ``[platform] public_key`` in the settings). Raises ValueError on bad keys.
        """
        rk: dict[tuple[str, str], Ed25519PublicKey] = {}
        for name, text in (receipt or {}).items():
            kiosk, sep, gen = name.partition(".")
            if not sep or not kiosk or not gen:
                raise ValueError(f"receipt key name must be KIOSK.GEN, got {name!r}")
            rk[(kiosk.upper(), gen.upper())] = load_public_key(text)
        if isinstance(platform, str):
            pk = {"1": load_public_key(platform)}
        else:
            pk = {kid: load_public_key(text) for kid, text in (platform or {}).items()}
        base = receipt_url_base.rstrip("/") if receipt_url_base else None
        return VerificationKeys(rk, pk, eid_issuer, leeway_s, base)
