"""Keys and a fixed clock for payload tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.payloads import VerificationKeys, public_key_text
from kiosk.tracking import TrackingNumber

NOW = dt.datetime(2026, 11, 23, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
ISSUER = "https://platform.gov.example.cn"


@dataclass(frozen=True)
class Fleet:
    kiosk_a: Ed25519PrivateKey
    kiosk_b: Ed25519PrivateKey
    platform: Ed25519PrivateKey
    keys: VerificationKeys
    tracking_a: TrackingNumber
    tracking_b: TrackingNumber


@pytest.fixture(scope="session")
def fleet() -> Fleet:
    a, b, p = (Ed25519PrivateKey.generate() for _ in range(3))
    keys = VerificationKeys.from_config(
        receipt={"A7H3.1": public_key_text(a), "C9F2.1": public_key_text(b)},
        platform={"P1": public_key_text(p)},
        eid_issuer=ISSUER,
    )
    return Fleet(
        a,
        b,
        p,
        keys,
        TrackingNumber("A7H3", NOW.date(), 42),
        TrackingNumber("C9F2", NOW.date(), 7),
    )
