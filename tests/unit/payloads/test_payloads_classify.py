"""Everything that is not a signed code is still classified calmly."""

from __future__ import annotations

import pytest

from kiosk.payloads import PayloadKind, PayloadStatus, VerificationKeys, parse_payload
from tests.unit.payloads.conftest import NOW, Fleet


def test_bare_tracking_number_in_printed_and_compact_form(fleet: Fleet) -> None:
    for text in (str(fleet.tracking_a), fleet.tracking_a.compact, str(fleet.tracking_a).lower()):
        r = parse_payload(text, fleet.keys, now=NOW)
        assert (r.kind, r.status, r.tracking) == (
            PayloadKind.TRACKING_NUMBER,
            PayloadStatus.OK,
            fleet.tracking_a,
        )


def test_tracking_number_with_wrong_check_character_is_not_one(fleet: Fleet) -> None:
    s = fleet.tracking_a.compact
    r = parse_payload(s[:-1] + ("0" if s[-1] != "0" else "1"), fleet.keys, now=NOW)
    assert r.kind is PayloadKind.UNKNOWN


@pytest.mark.parametrize(
    "url", ["https://zwfw.gov.example.cn/track?id=1", "http://10.0.0.1:8080/", "HTTPS://X.CN/受理"]
)
def test_urls_are_classified_and_kept_as_text(fleet: Fleet, url: str) -> None:
    r = parse_payload(url.encode(), fleet.keys, now=NOW)
    assert (r.kind, r.status, r.url) == (PayloadKind.URL, PayloadStatus.OK, url)
    assert r.message_key == "payload.url.ok"


@pytest.mark.parametrize("text", ["你好，世界", "javascript:alert(1)", "https://", "ZW", ""])
def test_other_text_is_unknown(fleet: Fleet, text: str) -> None:
    r = parse_payload(text, fleet.keys, now=NOW)
    assert (r.kind, r.status) == (PayloadKind.UNKNOWN, PayloadStatus.UNRECOGNISED)
    assert r.message_key == "payload.unknown.unrecognised"


def test_gb18030_text_is_decoded(fleet: Fleet) -> None:
    r = parse_payload("社保卡".encode("gb18030"), fleet.keys, now=NOW)
    assert r.kind is PayloadKind.UNKNOWN and r.text == "社保卡"


def test_binary_payload_is_unknown_binary(fleet: Fleet) -> None:
    r = parse_payload(bytes(range(50)), fleet.keys, now=NOW)
    assert r.kind is PayloadKind.UNKNOWN and r.is_binary and r.text is None


def test_oversized_payload_is_malformed(fleet: Fleet) -> None:
    assert parse_payload(b"A" * 3000, fleet.keys, now=NOW).status is PayloadStatus.MALFORMED


def test_kiosk_without_keys_reports_unknown_key_not_ok(fleet: Fleet) -> None:
    from kiosk.payloads import sign_receipt

    code = sign_receipt(fleet.tracking_a, fleet.kiosk_a)
    assert parse_payload(code, VerificationKeys(), now=NOW).status is PayloadStatus.UNKNOWN_KEY


def test_keys_load_from_pem_and_raw(fleet: Fleet) -> None:
    from cryptography.hazmat.primitives import serialization

    from kiosk.payloads import load_private_key, load_public_key, private_key_text, public_key_text

    pem = fleet.platform.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert public_key_text(load_public_key(pem.decode())) == public_key_text(fleet.platform)
    seed = private_key_text(fleet.kiosk_a)
    assert public_key_text(load_private_key(seed)) == public_key_text(fleet.kiosk_a)
    with pytest.raises(ValueError):
        load_public_key("not a key")
    with pytest.raises(ValueError):
        VerificationKeys.from_config(receipt={"A7H3": public_key_text(fleet.kiosk_a)})
