"""Receipt codes: ours verify, forged/truncated/foreign ones are rejected with a reason."""

from __future__ import annotations

import pytest

from kiosk.payloads import (
    PayloadKind,
    PayloadStatus,
    ReceiptSigner,
    parse_payload,
    sign_receipt,
)
from kiosk.tracking import TrackingNumber
from tests.unit.payloads.conftest import NOW, Fleet


def _flip(text: str, pos: int) -> str:
    c = text[pos]
    return text[:pos] + ("B" if c != "B" else "C") + text[pos + 1 :]


def test_receipt_code_round_trips_as_bytes(fleet: Fleet) -> None:
    code = ReceiptSigner("A7H3", fleet.kiosk_a).code_for(fleet.tracking_a)
    assert code.startswith("ZWR1.A7H3261123")
    r = parse_payload(code.encode("ascii"), fleet.keys, now=NOW)
    assert (r.kind, r.status, r.ok) == (PayloadKind.RECEIPT, PayloadStatus.OK, True)
    assert r.tracking == fleet.tracking_a and r.key_id == "A7H3.1"
    assert r.message_key == "payload.receipt.ok"


def test_code_uses_only_the_qr_alphanumeric_set(fleet: Fleet) -> None:
    code = sign_receipt(fleet.tracking_a, fleet.kiosk_a)
    assert set(code) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


def test_tampered_signature_is_forged(fleet: Fleet) -> None:
    code = sign_receipt(fleet.tracking_a, fleet.kiosk_a)
    r = parse_payload(_flip(code, len(code) - 40), fleet.keys, now=NOW)
    assert r.status is PayloadStatus.FORGED and not r.ok
    assert r.message_key == "payload.receipt.forged"


def test_other_tracking_number_under_a_valid_signature_is_forged(fleet: Fleet) -> None:
    code = sign_receipt(fleet.tracking_a, fleet.kiosk_a)
    other = TrackingNumber("A7H3", NOW.date(), 43)
    swapped = code.replace(fleet.tracking_a.compact, other.compact)
    assert parse_payload(swapped, fleet.keys, now=NOW).status is PayloadStatus.FORGED


def test_one_kiosk_cannot_sign_for_another(fleet: Fleet) -> None:
    # Kiosk B's key is in the fleet, but the tracking number names kiosk A.
    code = sign_receipt(fleet.tracking_a, fleet.kiosk_b)
    assert parse_payload(code, fleet.keys, now=NOW).status is PayloadStatus.FORGED
    with pytest.raises(ValueError):
        ReceiptSigner("C9F2", fleet.kiosk_b).code_for(fleet.tracking_a)


def test_unknown_key_generation_is_reported(fleet: Fleet) -> None:
    code = sign_receipt(fleet.tracking_a, fleet.kiosk_a, generation="2")
    r = parse_payload(code, fleet.keys, now=NOW)
    assert r.status is PayloadStatus.UNKNOWN_KEY and r.key_id == "A7H3.2"


@pytest.mark.parametrize("cut", [1, 10, 60, 103, 105, 110])
def test_truncated_codes_are_malformed(fleet: Fleet, cut: int) -> None:
    code = sign_receipt(fleet.tracking_a, fleet.kiosk_a)
    r = parse_payload(code[:-cut], fleet.keys, now=NOW)
    assert r.kind is PayloadKind.RECEIPT and r.status is PayloadStatus.MALFORMED


def test_bad_check_character_in_tracking_number_is_malformed(fleet: Fleet) -> None:
    code = sign_receipt(fleet.tracking_a, fleet.kiosk_a)
    compact = fleet.tracking_a.compact
    bad = compact[:-1] + ("0" if compact[-1] != "0" else "1")
    assert parse_payload(code.replace(compact, bad), fleet.keys, now=NOW).status is (
        PayloadStatus.MALFORMED
    )


def test_future_version_is_unsupported_not_unknown(fleet: Fleet) -> None:
    code = sign_receipt(fleet.tracking_a, fleet.kiosk_a).replace("ZWR1.", "ZWR2.", 1)
    r = parse_payload(code, fleet.keys, now=NOW)
    assert (r.kind, r.status) == (PayloadKind.RECEIPT, PayloadStatus.UNSUPPORTED_VERSION)


def test_surrounding_whitespace_from_a_scanner_is_tolerated(fleet: Fleet) -> None:
    code = sign_receipt(fleet.tracking_a, fleet.kiosk_a)
    assert parse_payload(f"{code}\r\n", fleet.keys, now=NOW).ok
