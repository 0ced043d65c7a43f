"""Encryption at rest of the platform's personal data (AES-256-GCM, key in its own file).

Record bodies and attachments hold citizens' names, ID numbers and document
images, so the platform stores them only encrypted; the key lives in a 0600
file kept apart from the database (a copied database alone reveals nothing).
Texts written before encryption was introduced (no prefix) are still readable.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_PREFIX = "aesgcm1:"
_BLOB_PREFIX = b"AESGCM1\0"


class FieldCipher:
    """Encrypts text and blobs with one AES-256-GCM key; the AAD binds a value to its slot."""

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the data key must be 32 bytes")
        self._aead = AESGCM(key)
        # A subkey of its own for keyed hashes, so a hash never reuses the AES key itself.
        self._hash_key = hmac.new(key, b"person-key/v1", hashlib.sha256).digest()

    @classmethod
    def ephemeral(cls) -> FieldCipher:
        """A key that lives only in memory (for ``:memory:`` databases)."""
        return cls(AESGCM.generate_key(bit_length=256))

    @classmethod
    def load_or_create(cls, path: Path) -> FieldCipher:
        """Load the key file, creating it (mode 0600) on first run."""
        if path.exists():
            raw = path.read_bytes()
            if len(raw) != 32:
                raise ValueError(f"{path} is not a 32-byte data key")
            return cls(raw)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = AESGCM.generate_key(bit_length=256)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
            fh.flush()
            os.fsync(fh.fileno())
        return cls(key)

    def person_key(self, document_type: str, document_number: str) -> str:
        """A keyed hash (HMAC-SHA256) naming one person without their document number:
        equal for the same document, useless without the key file."""
        text = f"{document_type.strip().lower()}:{document_number.strip().upper()}"
        return hmac.new(self._hash_key, text.encode("utf-8"), hashlib.sha256).hexdigest()

    def seal_text(self, text: str, aad: str) -> str:
        """Encrypt text into a printable token."""
        nonce = os.urandom(12)
        ct = self._aead.encrypt(nonce, text.encode("utf-8"), aad.encode("utf-8"))
        return _PREFIX + base64.b64encode(nonce + ct).decode("ascii")

    def open_text(self, token: str, aad: str) -> str:
        """Decrypt :meth:`seal_text` output (plain legacy text passes through)."""
        if not token.startswith(_PREFIX):
            return token
        raw = base64.b64decode(token[len(_PREFIX) :])
        return self._aead.decrypt(raw[:12], raw[12:], aad.encode("utf-8")).decode("utf-8")

    def seal_blob(self, data: bytes, aad: str) -> bytes:
        """Encrypt bytes."""
        nonce = os.urandom(12)
        return _BLOB_PREFIX + nonce + self._aead.encrypt(nonce, data, aad.encode("utf-8"))

    def open_blob(self, blob: bytes, aad: str) -> bytes:
        """Decrypt :meth:`seal_blob` output (plain legacy bytes pass through)."""
        if not blob.startswith(_BLOB_PREFIX):
            return blob
        body = blob[len(_BLOB_PREFIX) :]
        return self._aead.decrypt(body[:12], body[12:], aad.encode("utf-8"))
