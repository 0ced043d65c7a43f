"""Encryption at rest: AES-256-GCM with a small on-disk key ring.

The key file (JSON, mode 0600, created on first run) holds every key ever used;
the last one encrypts new data, the older ones stay so that records written
before a rotation remain readable. Each ciphertext is stored next to the id of
its key. The associated data binds a ciphertext to its row (e.g. the record id),
so a payload copied onto another row fails authentication instead of being
delivered under the wrong idempotency key.

Blob layout: 12-byte random nonce followed by the GCM ciphertext and tag.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import os
import secrets
import stat
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

log = logging.getLogger(__name__)

_NONCE_LEN = 12
_KEY_LEN = 32
_FILE_VERSION = 1


class UndecryptableError(Exception):
    """The key is missing from the key ring or the ciphertext fails authentication."""


@dataclass(frozen=True, slots=True)
class _Key:
    key_id: str
    created_at: str
    material: bytes


class KeyRing:
    """AES-256-GCM keys loaded from one key file; thread-safe.

    Use :meth:`load_or_create` to open (or create on first run) the file at a
    configured path, :meth:`rotate` to add a new current key.
    """

    def __init__(self, path: Path, keys: list[_Key]) -> None:
        if not keys:
            raise ValueError("a key ring needs at least one key")
        self._path = path
        self._keys = list(keys)
        # One AESGCM object per key, reused: building it costs more than a 2 KB seal.
        self._ciphers = {k.key_id: AESGCM(k.material) for k in keys}
        self._current = keys[-1].key_id
        self._lock = threading.Lock()

    @classmethod
    def load_or_create(cls, path: str | os.PathLike[str]) -> KeyRing:
        """Open the key file at ``path``; create it (mode 0600, one fresh key) if absent."""
        p = Path(path)
        try:
            raw = p.read_bytes()
        except FileNotFoundError:
            key = _new_key()
            try:
                _write_new_file(p, [key])
            except FileExistsError:
                # Another process created it between our read and our create.
                return cls.load_or_create(p)
            log.info("created encryption key file (key id %s)", key.key_id)
            return cls(p, [key])
        mode = stat.S_IMODE(p.stat().st_mode)
        if mode & 0o077:
            log.warning("key file %s is accessible by group/others (mode %o)", p, mode)
        return cls(p, _parse(raw))

    @property
    def path(self) -> Path:
        """Where the key file lives."""
        return self._path

    @property
    def current_key_id(self) -> str:
        """The id of the key new data is encrypted with."""
        return self._current

    @property
    def key_ids(self) -> list[str]:
        """All key ids, oldest first."""
        with self._lock:
            return [k.key_id for k in self._keys]

    def rotate(self) -> str:
        """Add a fresh key, make it current, persist the file atomically; return its id."""
        with self._lock:
            key = _new_key()
            while key.key_id in self._ciphers:
                key = _new_key()
            keys = [*self._keys, key]
            _replace_file(self._path, keys)
            self._keys = keys
            self._ciphers[key.key_id] = AESGCM(key.material)
            self._current = key.key_id
            return key.key_id

    def encrypt(self, plaintext: bytes, aad: bytes) -> tuple[str, bytes]:
        """Seal ``plaintext`` with the current key; returns (key id, nonce + ciphertext)."""
        key_id = self._current
        nonce = secrets.token_bytes(_NONCE_LEN)
        return key_id, nonce + self._ciphers[key_id].encrypt(nonce, plaintext, aad)

    def decrypt(self, key_id: str, blob: bytes, aad: bytes) -> bytes:
        """Open a blob sealed by :meth:`encrypt`; raises :class:`UndecryptableError`."""
        cipher = self._ciphers.get(key_id)
        if cipher is None:
            raise UndecryptableError(f"unknown key id {key_id!r}")
        try:
            return cipher.decrypt(blob[:_NONCE_LEN], blob[_NONCE_LEN:], aad)
        except InvalidTag as exc:
            raise UndecryptableError(f"authentication failed (key id {key_id!r})") from exc


def _new_key() -> _Key:
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return _Key(secrets.token_hex(4), now, AESGCM.generate_key(bit_length=256))


def _serialize(keys: list[_Key]) -> bytes:
    doc = {
        "version": _FILE_VERSION,
        "keys": [
            {
                "id": k.key_id,
                "created_at": k.created_at,
                "key": base64.b64encode(k.material).decode("ascii"),
            }
            for k in keys
        ],
    }
    return json.dumps(doc, indent=2).encode("utf-8") + b"\n"


def _parse(raw: bytes) -> list[_Key]:
    try:
        doc = json.loads(raw)
        if doc.get("version") != _FILE_VERSION:
            raise ValueError(f"unsupported key file version {doc.get('version')!r}")
        keys = [
            _Key(str(e["id"]), str(e.get("created_at", "")), base64.b64decode(e["key"]))
            for e in doc["keys"]
        ]
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError("malformed key file") from exc
    if not keys or any(len(k.material) != _KEY_LEN for k in keys):
        raise ValueError("malformed key file: keys must be 32 bytes")
    return keys


def _write_new_file(path: Path, keys: list[_Key]) -> None:
    _create_whole(path, _serialize(keys))


def _create_whole(path: Path, data: bytes) -> None:
    # Written whole to a temporary file, then linked into place: a crash on first
    # run can leave no empty or half-written key file (which would stop every
    # later start), and link() fails if another process got there first.
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)
    finally:
        os.unlink(tmp)
    _fsync_dir(path.parent)


def _replace_file(path: Path, keys: list[_Key]) -> None:
    # Write-then-rename so a crash mid-rotation leaves either the old or the new
    # ring, never a truncated file (which would make every record unreadable).
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, _serialize(keys))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def move_key_ring(legacy: Path, target: Path) -> bool:
    """Move the key ring at ``legacy`` to ``target`` without losing a key.

    For moving keys out of the data directory. If ``target`` exists already, the
    rings are merged: keys only the legacy file holds are added (older, so the
    target's current key stays current). The legacy file is removed only after the
    target is on disk and proven to hold every legacy key; otherwise a
    ``ValueError`` says why and nothing is removed. Returns whether a file moved.
    """
    if legacy == target or not legacy.exists():
        return False
    old = _parse(legacy.read_bytes())
    if target.exists():
        new = _parse(target.read_bytes())
        known = {k.key_id for k in new}
        extra = [k for k in old if k.key_id not in known]
        if extra:
            _replace_file(target, extra + new)
    else:
        _write_new_file(target, old)
    held = {k.key_id: k.material for k in _parse(target.read_bytes())}
    if any(held.get(k.key_id) != k.material for k in old):
        raise ValueError(f"{target} holds another key under a legacy key id; {legacy} kept")
    legacy.unlink()
    _fsync_dir(legacy.parent)
    log.info("key ring moved out of the data directory to %s", target)
    return True


def move_secret_file(legacy: Path, target: Path) -> bool:
    """Move a single-key file (print-job key, receipt signing key) to ``target``.

    Copied whole (0600, fsync), checked byte for byte, then the legacy file is
    removed. If ``target`` already holds a different key, both are kept and a
    ``ValueError`` says so (data sealed with either must stay readable). Returns
    whether a file moved.
    """
    if legacy == target or not legacy.exists():
        return False
    data = legacy.read_bytes()
    if not target.exists():
        _create_whole(target, data)
    if target.read_bytes() != data:
        raise ValueError(f"{target} holds another key; {legacy} kept")
    legacy.unlink()
    _fsync_dir(legacy.parent)
    log.info("key moved out of the data directory to %s", target)
    return True
