"""Credentials for the platform under test: a kiosk registry with per-kiosk tokens,
an admin token, and sessions that present them (the platform is closed by default)."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from central.app import PlatformConfig
from central.auth import KioskRegistry
from central.embedded import EmbeddedPlatform, start_embedded

# Two kiosks: ids are their codes, as the kiosk app sends them.
KIOSKS = ("A7H3", "C012")


@dataclass(frozen=True)
class Creds:
    """Tokens of the test fleet and the file listing their hashes."""

    registry_path: Path
    tokens: dict[str, str]
    admin_token: str

    @property
    def registry(self) -> KioskRegistry:
        return KioskRegistry.load(self.registry_path)

    def config(self, **kw: Any) -> PlatformConfig:
        """A platform config authenticating this fleet."""
        settings: dict[str, Any] = {"registry": self.registry, "admin_token": self.admin_token}
        return PlatformConfig(**{**settings, **kw})


def write_registry(path: Path, tokens: dict[str, str]) -> Path:
    """A registry file for kiosks whose id is their code."""
    rows = [
        f'[[kiosk]]\nid = "{k}"\ncode = "{k}"\n'
        f'token_sha256 = "{hashlib.sha256(t.encode()).hexdigest()}"\n'
        for k, t in tokens.items()
    ]
    path.write_text("\n".join(rows), encoding="utf-8")
    return path


@pytest.fixture
def creds(tmp_path: Path) -> Creds:
    tokens = {k: secrets.token_urlsafe(32) for k in KIOSKS}
    return Creds(
        write_registry(tmp_path / "kiosks.toml", tokens), tokens, secrets.token_urlsafe(32)
    )


def session(headers: dict[str, str]) -> requests.Session:
    s = requests.Session()
    s.trust_env = False
    s.headers.update(headers)
    return s


@pytest.fixture
def kiosk(creds: Creds) -> requests.Session:
    """Kiosk A7H3's session (bearer token)."""
    return session({"Authorization": "Bearer " + creds.tokens["A7H3"]})


@pytest.fixture
def other_kiosk(creds: Creds) -> requests.Session:
    """Kiosk C012's session."""
    return session({"Authorization": "Bearer " + creds.tokens["C012"]})


@pytest.fixture
def admin(creds: Creds) -> requests.Session:
    return session({"X-Admin-Token": creds.admin_token})


@pytest.fixture
def platform(creds: Creds) -> Iterator[EmbeddedPlatform]:
    with start_embedded(creds.config()) as p:
        yield p


def receipt_code(tn: str) -> str:
    """The receipt code the test kiosk 'printed' for a tracking number."""
    return "ZWR1.test." + tn


def application(n: int, tn: str | None = None) -> dict[str, Any]:
    """An application body as the kiosk sends it (receipt hash and applicant included)."""
    payload: dict[str, Any] = {
        "service_id": "x",
        "n": n,
        "applicant": {"name": "张三", "document_number": "11010519491231002X"},
    }
    if tn is not None:
        payload["receipt_code_sha256"] = hashlib.sha256(receipt_code(tn).encode()).hexdigest()
    return {"kind": "application", "tracking_number": tn, "payload": payload}


def lookup(s: requests.Session, base: str, tn: str, **proof: str) -> requests.Response:
    """POST /v1/status/lookup with the receipt code unless another proof is given."""
    body = {"tracking_number": tn, **(proof or {"receipt_code": receipt_code(tn)})}
    return s.post(base + "/v1/status/lookup", json=body, timeout=5)
