"""Who is calling: kiosks (mTLS certificate or per-kiosk token) and the administrator.

The platform is closed by default: :func:`check_setup` refuses a configuration
with no way to authenticate kiosks unless the operator asked for
``insecure_dev`` (loopback only, said out loud). A kiosk is identified by
the subject CN of its client certificate or by a bearer token listed (as its
SHA-256) in the kiosk registry; the registry also gives each kiosk its code,
the first group of the tracking numbers it may mint. The administrator has a
credential of its own that no kiosk holds.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

KIOSK_CODE = re.compile(r"^[0-9ACFHMRWXY]{4}$")
# A token shorter than this is guessable or typed by hand; kiosk tokens are random.
MIN_SECRET_LEN = 32


class SetupError(ValueError):
    """The authentication setup is missing or unsafe; the platform must not start."""


@dataclass(frozen=True, slots=True)
class KioskIdentity:
    """An authenticated kiosk: its id and the code its tracking numbers start with."""

    kiosk_id: str
    code: str | None
    # How it proved itself: "certificate", "token" or "insecure-dev" (nothing).
    method: str


@dataclass(frozen=True, slots=True)
class KioskEntry:
    """One line of the kiosk registry."""

    kiosk_id: str
    code: str
    token_sha256: str | None


def sha256_hex(text: str) -> str:
    """Hex SHA-256 of a secret's UTF-8 text (tokens are stored only this way)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def refused_secrets() -> frozenset[str]:
    """Example and default credentials that are never accepted (central/data)."""
    raw = resources.files("central").joinpath("data/refused_credentials.json").read_text()
    return frozenset(json.loads(raw)["secrets"])


class KioskRegistry:
    """Kiosks the platform knows: id → code and token hash.

    File format (TOML)::

        [[kiosk]]
        id = "C012"
        code = "C012"
        token_sha256 = "<hex SHA-256 of the kiosk's token>"   # optional with mTLS
    """

    def __init__(self, entries: list[KioskEntry]) -> None:
        self._by_id = {e.kiosk_id: e for e in entries}
        self._by_hash = {e.token_sha256: e for e in entries if e.token_sha256}
        if len(self._by_id) != len(entries):
            raise SetupError("kiosk registry: a kiosk id is listed twice")
        if len({e.code for e in entries}) != len(entries):
            raise SetupError("kiosk registry: two kiosks share a code")
        refused = {sha256_hex(s) for s in refused_secrets()}
        for e in entries:
            if e.token_sha256 in refused:
                raise SetupError(f"kiosk registry: {e.kiosk_id} has an example token")

    @classmethod
    def load(cls, path: Path) -> KioskRegistry:
        """Read a registry file (see the class docstring)."""
        try:
            doc = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SetupError(f"kiosk registry {path}: {exc}") from None
        entries = []
        for row in doc.get("kiosk", []):
            kid, code, digest = row.get("id"), row.get("code"), row.get("token_sha256")
            if not isinstance(kid, str) or not kid or len(kid) > 64:
                raise SetupError(f"kiosk registry {path}: bad id {kid!r}")
            if not isinstance(code, str) or not KIOSK_CODE.match(code):
                raise SetupError(f"kiosk registry {path}: {kid} has a bad code {code!r}")
            if digest is not None and (
                not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest)
            ):
                raise SetupError(f"kiosk registry {path}: {kid} token_sha256 is not hex SHA-256")
            entries.append(KioskEntry(kid, code, digest))
        return cls(entries)

    def __len__(self) -> int:
        return len(self._by_id)

    def by_token(self, token: str) -> KioskEntry | None:
        """The kiosk holding this bearer token, or None."""
        digest = sha256_hex(token)
        entry = self._by_hash.get(digest)
        # The dict lookup picks the candidate; the constant-time compare confirms it.
        if (
            entry is not None
            and entry.token_sha256
            and hmac.compare_digest(entry.token_sha256, digest)
        ):
            return entry
        return None

    def by_id(self, kiosk_id: str) -> KioskEntry | None:
        """The registry entry of a kiosk id, or None."""
        return self._by_id.get(kiosk_id)

    def token_hashes(self) -> frozenset[str]:
        """Hashes of every kiosk token (the admin credential must be none of them)."""
        return frozenset(self._by_hash)


def check_admin_token(token: str | None, registry: KioskRegistry | None) -> None:
    """Refuse an admin credential that is short, an example, or also a kiosk's token."""
    if token is None:
        return
    if len(token) < MIN_SECRET_LEN:
        raise SetupError(f"the admin token must be at least {MIN_SECRET_LEN} characters")
    if token in refused_secrets() or len(set(token)) < 8:
        raise SetupError("the admin token is an example or default credential")
    if registry is not None and sha256_hex(token) in registry.token_hashes():
        raise SetupError("the admin token must differ from every kiosk's token")


def check_setup(
    *, mtls: bool, registry: KioskRegistry | None, insecure_dev: bool, admin_token: str | None
) -> None:
    """Raise :class:`SetupError` unless kiosks can authenticate (or insecure_dev was asked)."""
    check_admin_token(admin_token, registry)
    if not mtls and not (registry is not None and len(registry)) and not insecure_dev:
        raise SetupError(
            "no authentication setup: give a client CA (mTLS) and/or a kiosk registry,"
            " or --insecure-dev for a loopback-only development platform"
        )


def code_for(kiosk_id: str, registry: KioskRegistry | None) -> str | None:
    """The kiosk code of an authenticated kiosk id (registry first, else the id itself)."""
    entry = registry.by_id(kiosk_id) if registry is not None else None
    if entry is not None:
        return entry.code
    return kiosk_id if KIOSK_CODE.match(kiosk_id) else None


def tracking_kiosk_code(tracking_number: str) -> str:
    """The first group of a tracking number (``A7H3-261123-0042X`` → ``A7H3``)."""
    return tracking_number.strip().upper().split("-", 1)[0]
