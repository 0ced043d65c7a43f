"""The committed OpenAPI document is the one the platform serves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests

from central.app import PlatformConfig
from central.embedded import start_embedded
from central.openapi import render

DOC = Path(__file__).resolve().parents[3] / "docs" / "central-openapi.json"

pytestmark = pytest.mark.integration


def test_committed_openapi_matches_the_app() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), (
        "regenerate: .venv/bin/python -m central.openapi > docs/central-openapi.json"
    )


def test_served_openapi_is_the_committed_one() -> None:
    with start_embedded(PlatformConfig(insecure_dev=True)) as p:
        served = requests.get(p.base_url + "/openapi.json", timeout=5).json()
    assert served == json.loads(DOC.read_text(encoding="utf-8"))
    for path in (
        "/v1/catalog",
        "/v1/submissions",
        "/v1/submissions/batch",
        "/v1/status/{tracking_number}",
        "/v1/attachments/{sha256}",
        "/v1/heartbeat",
        "/v1/capabilities",
        "/v1/eid/jwks",
        "/v1/eid/issue",
        "/v1/status/lookup",
        "/r/{receipt_code}",
    ):
        assert path in served["paths"], path


def test_the_document_declares_who_may_call_what() -> None:
    doc = json.loads(DOC.read_text(encoding="utf-8"))
    schemes = doc["components"]["securitySchemes"]
    assert schemes["kioskCertificate"]["type"] == "mutualTLS"
    assert (schemes["kioskToken"]["type"], schemes["kioskToken"]["scheme"]) == ("http", "bearer")
    assert (schemes["adminToken"]["in"], schemes["adminToken"]["name"]) == (
        "header",
        "X-Admin-Token",
    )
    kiosk = [{"kioskCertificate": []}, {"kioskToken": []}]
    public = {"/v1/eid/jwks", "/v1/eid/public-key.pem", "/r/{receipt_code}"}
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            if path.startswith("/admin") or path == "/v1/eid/issue":
                assert op["security"] == [{"adminToken": []}], (method, path)
            elif path in public:
                assert "security" not in op, (method, path)
            else:
                assert op["security"] == kiosk, (method, path)
