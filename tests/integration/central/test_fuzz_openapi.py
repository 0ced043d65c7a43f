"""Schemathesis fuzzes the committed OpenAPI document against the running platform
(real HTTP on loopback, as an authenticated kiosk and administrator): no 5xx, and every
answer matches the document. Bounded examples per operation keep it short."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    ignored_auth,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from central.app import PlatformConfig
from central.auth import KioskEntry, KioskRegistry
from central.embedded import EmbeddedPlatform, start_embedded

pytestmark = pytest.mark.integration

DOC = Path(__file__).resolve().parents[3] / "docs" / "central-openapi.json"
TOKEN = secrets.token_urlsafe(32)
ADMIN = secrets.token_urlsafe(32)

# The answers are checked, and that every secured operation refuses a request whose
# credentials were removed. (Lax acceptance of extra query parameters or of JSON
# false for an integer is pydantic's, not a fault of the answers.)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    ignored_auth,
]

schema = schemathesis.openapi.from_dict(json.loads(DOC.read_text(encoding="utf-8"))).exclude(
    # Installing faults makes the platform answer 5xx on purpose.
    path="/admin/faults"
)


@pytest.fixture(scope="module")
def platform() -> Iterator[EmbeddedPlatform]:
    registry = KioskRegistry(
        [KioskEntry("A7H3", "A7H3", hashlib.sha256(TOKEN.encode()).hexdigest())]
    )
    config = PlatformConfig(registry=registry, admin_token=ADMIN, lookups_per_minute=100_000)
    with start_embedded(config) as p:
        yield p


@pytest.fixture(scope="module")
def http() -> requests.Session:
    s = requests.Session()
    s.trust_env = False
    return s


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_errors_and_no_schema_violations(
    case: schemathesis.Case, platform: EmbeddedPlatform, http: requests.Session
) -> None:
    case.call_and_validate(
        base_url=platform.base_url,
        session=http,
        headers={"Authorization": "Bearer " + TOKEN, "X-Admin-Token": ADMIN},
        checks=CHECKS,
    )
