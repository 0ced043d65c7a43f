"""Demo e-ID credentials: the platform signs identity claims, the kiosk verifies offline.

Standard JWS compact serialisation (RFC 7515) with ``alg`` EdDSA over Ed25519
(RFC 8037), header ``{"alg":"EdDSA","kid":…,"typ":"eid+jwt"}``, so any JOSE
library can check a token; the public key is published as a JWK set (and PEM).
The token *is* the credential, so the claims carry the full identity (not a
masked one), named as the kiosk's verifier reads them (docs/payloads.md):
``doc_type, doc_number, surname, given_names, birth_date, sex, nationality,
doc_expiry`` plus ``name``; ``sub`` is a stable pseudonym of the document.
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
TOKEN_TYPE = "eid+jwt"
# The kiosk's single-key setting ([platform] public_key) names its key "1".
DEFAULT_KID = "1"


def b64url(data: bytes) -> str:
    """Base64url without padding, as JOSE wants."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    """Inverse of :func:`b64url`."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class EidIssuer:
    """Holds the platform's Ed25519 key and signs demo e-ID tokens."""

    def __init__(
        self, key: Ed25519PrivateKey, kid: str | None = DEFAULT_KID, issuer: str = ISSUER
    ) -> None:
        self._key = key
        self.issuer = issuer
        raw = key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self._x = b64url(raw)
        # RFC 7638: members in lexicographic order, no whitespace.
        thumb = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": self._x}, separators=(",", ":"))
        self.thumbprint = b64url(hashlib.sha256(thumb.encode()).digest())
        self.kid = kid or self.thumbprint

    @classmethod
    def load_or_create(
        cls, path: Path | None, kid: str | None = DEFAULT_KID, issuer: str = ISSUER
    ) -> EidIssuer:
        """Load the PEM key at ``path``, creating it (mode 0600) on first run; None → ephemeral.

        ``kid`` None uses the RFC 7638 thumbprint as key id.
        """
        if path is None:
            return cls(Ed25519PrivateKey.generate(), kid, issuer)
        if path.exists():
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
            if not isinstance(key, Ed25519PrivateKey):
                raise ValueError(f"{path} is not an Ed25519 key")
            return cls(key, kid, issuer)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
        return cls(key, kid, issuer)

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
        header = {"alg": "EdDSA", "kid": self.kid, "typ": TOKEN_TYPE}
        doc = f"{identity.get('doc_type', '')}:{identity.get('doc_number', '')}"
        claims = {
            "iss": self.issuer,
            "sub": "eid:" + hashlib.sha256(doc.encode()).hexdigest()[:24],
            "jti": str(uuid.uuid4()),
            "iat": iat,
            "nbf": iat,
            "exp": iat + ttl_s,
            **{k: v for k, v in identity.items() if v is not None},
        }
        signing_input = (
            b64url(json.dumps(header, separators=(",", ":")).encode())
            + "."
            + b64url(json.dumps(claims, separators=(",", ":"), ensure_ascii=False).encode())
        )
        signature = self._key.sign(signing_input.encode("ascii"))
        return signing_input + "." + b64url(signature)
