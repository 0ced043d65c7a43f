"""e-ID tokens: EdDSA JWS verified offline, with exp/nbf, issuer and algorithm pinned."""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.identity import IdentitySource
from kiosk.payloads import (
    PayloadKind,
    PayloadStatus,
    identity_from_claims,
    issue_eid_token,
    parse_payload,
)
from tests.unit.payloads.conftest import ISSUER, NOW, Fleet

CLAIMS = {
    "sub": "eid:7f3a",
    "doc_type": "resident_id",
    "doc_number": "11010519491231002X",
    "surname": "张",
    "given_names": "伟",
    "birth_date": "1949-12-31",
    "sex": "M",
}


def _token(fleet: Fleet, key: Ed25519PrivateKey | None = None, **kw: object) -> str:
    args: dict[str, object] = {"kid": "P1", "issuer": ISSUER, "now": NOW}
    args.update(kw)
    return issue_eid_token(key or fleet.platform, CLAIMS, **args)  # type: ignore[arg-type]


def _b64(obj: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()


def test_valid_token_verifies_and_yields_an_identity(fleet: Fleet) -> None:
    r = parse_payload(_token(fleet), fleet.keys, now=NOW)
    assert (r.kind, r.status) == (PayloadKind.E_ID, PayloadStatus.OK)
    assert r.expires_at == NOW + dt.timedelta(seconds=300)
    ident = identity_from_claims(r.claims)
    assert ident is not None and ident.full_name == "张伟"
    assert ident.source is IdentitySource.E_ID_QR and ident.birth_date == dt.date(1949, 12, 31)
    assert "11010519491231002X" not in repr(r)  # claims never reach logs through repr


def test_expired_token_is_rejected_after_the_leeway(fleet: Fleet) -> None:
    token = _token(fleet, lifetime_s=300)
    assert parse_payload(token, fleet.keys, now=NOW + dt.timedelta(seconds=330)).ok
    late = parse_payload(token, fleet.keys, now=NOW + dt.timedelta(seconds=361))
    assert late.status is PayloadStatus.EXPIRED and late.claims == {}
    assert late.message_key == "payload.eid.expired"


def test_token_not_yet_valid(fleet: Fleet) -> None:
    token = issue_eid_token(
        fleet.platform,
        {**CLAIMS, "nbf": int(NOW.timestamp()) + 600},
        kid="P1",
        issuer=ISSUER,
        now=NOW,
    )
    assert parse_payload(token, fleet.keys, now=NOW).status is PayloadStatus.NOT_YET_VALID


def test_token_signed_by_another_key_is_forged(fleet: Fleet) -> None:
    token = _token(fleet, key=Ed25519PrivateKey.generate())
    assert parse_payload(token, fleet.keys, now=NOW).status is PayloadStatus.FORGED


def test_changed_claims_break_the_signature(fleet: Fleet) -> None:
    h, _, s = _token(fleet).split(".")
    forged_claims = {**CLAIMS, "iss": ISSUER, "exp": int(NOW.timestamp()) + 3600, "surname": "李"}
    r = parse_payload(f"{h}.{_b64(forged_claims)}.{s}", fleet.keys, now=NOW)
    assert r.status is PayloadStatus.FORGED


@pytest.mark.parametrize("alg", ["none", "HS256", "ES256", "RS256"])
def test_other_algorithms_are_refused(fleet: Fleet, alg: str) -> None:
    _, p, s = _token(fleet).split(".")
    r = parse_payload(f"{_b64({'alg': alg, 'kid': 'P1'})}.{p}.{s}", fleet.keys, now=NOW)
    assert r.status is PayloadStatus.FORGED


def test_unsigned_token_is_not_accepted(fleet: Fleet) -> None:
    _, p, _ = _token(fleet).split(".")
    r = parse_payload(f"{_b64({'alg': 'none'})}.{p}.", fleet.keys, now=NOW)
    assert not r.ok


def test_wrong_issuer_is_rejected(fleet: Fleet) -> None:
    token = _token(fleet, issuer="https://evil.example")
    assert parse_payload(token, fleet.keys, now=NOW).status is PayloadStatus.FORGED


def test_unknown_kid_is_reported(fleet: Fleet) -> None:
    r = parse_payload(_token(fleet, kid="P9"), fleet.keys, now=NOW)
    assert r.status is PayloadStatus.UNKNOWN_KEY and r.key_id == "P9"


@pytest.mark.parametrize("exp", [None, True, "2026-11-23", float("nan")])
def test_missing_or_odd_exp_is_malformed(fleet: Fleet, exp: object) -> None:
    claims: dict[str, object] = {**CLAIMS, "iss": ISSUER}
    if exp is not None:
        claims["exp"] = exp
    header = {"alg": "EdDSA", "kid": "P1"}
    signing_input = f"{_b64(header)}.{_b64(claims)}"
    sig = base64.urlsafe_b64encode(fleet.platform.sign(signing_input.encode())).rstrip(b"=")
    r = parse_payload(f"{signing_input}.{sig.decode()}", fleet.keys, now=NOW)
    assert r.status is PayloadStatus.MALFORMED


@pytest.mark.parametrize("cut", [1, 20, 90, 200])
def test_truncated_token_is_not_accepted(fleet: Fleet, cut: int) -> None:
    r = parse_payload(_token(fleet)[:-cut], fleet.keys, now=NOW)
    assert not r.ok and r.status in (PayloadStatus.MALFORMED, PayloadStatus.FORGED)


def test_identity_needs_the_document_fields() -> None:
    assert identity_from_claims({"sub": "x"}) is None
    assert identity_from_claims({**CLAIMS, "birth_date": "1949-13-01"}) is None
    assert identity_from_claims({**CLAIMS, "sex": "Q"}) is None
