"""Demo e-ID credentials: the platform signs identity claims, the kiosk verifies offline.

Standard JWS compact serialisation (RFC 7515) with ``alg`` EdDSA over Ed25519
(RFC 8037), so any JOSE library can check a token; the public key is published
as a JWK set whose ``kid`` is the RFC 7638 thumbprint. The token *is* the
credential, so the claims carry the full identity (not a masked one).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
import uuid
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ISSUER = "kiosk-central"


def b64url(data: bytes) -> str:
    """Base64url without padding, as JOSE wants."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    """Inverse of :func:`b64url`."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class EidIssuer:
    """Holds the platform's Ed25519 key and signs demo e-ID tokens."""

    def __init__(self, key: Ed25519PrivateKey) -> None:
        self._key = key
        raw = key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self._x = b64url(raw)
        # RFC 7638: members in lexicographic order, no whitespace.
        thumb = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": self._x}, separators=(",", ":"))
        self.kid = b64url(hashlib.sha256(thumb.encode()).digest())

    @classmethod
    def load_or_create(cls, path: Path | None) -> EidIssuer:
        """Load the PEM key at ``path``, creating it (mode 0600) on first run; None → ephemeral."""
        if path is None:
            return cls(Ed25519PrivateKey.generate())
        if path.exists():
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
            if not isinstance(key, Ed25519PrivateKey):
                raise ValueError(f"{path} is not an Ed25519 key")
            return cls(key)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
        return cls(key)

    def jwk(self) -> dict[str, str]:
        """The public key as a JWK (RFC 8037 OKP)."""
        return {
            "kty": "OKP",
            "crv": "Ed25519",
            "x": self._x,
            "kid": self.kid,
            "alg": "EdDSA",
            "use": "sig",
        }

    def public_pem(self) -> str:
        """The public key as SubjectPublicKeyInfo PEM."""
        return (
            self._key.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode()
        )

    def issue(self, identity: dict[str, Any], ttl_s: int, now: float | None = None) -> str:
        """Sign identity claims into a compact JWS valid for ``ttl_s`` seconds."""
        iat = int(time.time() if now is None else now)
        header = {"alg": "EdDSA", "typ": "JWT", "kid": self.kid}
        claims = {
            "iss": ISSUER,
            "sub": identity["id_number"],
            "jti": str(uuid.uuid4()),
            "iat": iat,
            "exp": iat + ttl_s,
            **identity,
        }
        signing_input = (
            b64url(json.dumps(header, separators=(",", ":")).encode())
            + "."
            + b64url(json.dumps(claims, separators=(",", ":"), ensure_ascii=False).encode())
        )
        signature = self._key.sign(signing_input.encode("ascii"))
        return signing_input + "." + b64url(signature)
