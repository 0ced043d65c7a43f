"""The receipt QR as a link to the platform's status page, still verified offline."""

from __future__ import annotations

import dataclasses

from kiosk.payloads import PayloadKind, PayloadStatus, ReceiptSigner, parse_payload
from tests.unit.payloads.conftest import NOW, Fleet

BASE = "https://zwfw.example.gov.cn/status"


def test_the_qr_is_a_status_page_link_carrying_the_signed_code(fleet: Fleet) -> None:
    signer = ReceiptSigner("A7H3", fleet.kiosk_a, status_url=BASE + "/")
    code = signer.signed_code(fleet.tracking_a)
    assert signer.code_for(fleet.tracking_a) == f"{BASE}/r/{code}"
    keys = dataclasses.replace(fleet.keys, receipt_url_base=BASE)
    r = parse_payload(signer.code_for(fleet.tracking_a).encode(), keys, now=NOW)
    assert (r.kind, r.status) == (PayloadKind.RECEIPT, PayloadStatus.OK)
    assert r.tracking == fleet.tracking_a and r.receipt_code == code


def test_a_forged_code_inside_our_link_is_caught(fleet: Fleet) -> None:
    signer = ReceiptSigner("A7H3", fleet.kiosk_a, status_url=BASE)
    url = signer.code_for(fleet.tracking_a)
    forged = url[:-5] + ("AAAAA" if not url.endswith("AAAAA") else "BBBBB")
    keys = dataclasses.replace(fleet.keys, receipt_url_base=BASE)
    assert parse_payload(forged, keys, now=NOW).status is PayloadStatus.FORGED


def test_another_site_with_a_receipt_shaped_tail_stays_a_plain_url(fleet: Fleet) -> None:
    code = ReceiptSigner("A7H3", fleet.kiosk_a).signed_code(fleet.tracking_a)
    keys = dataclasses.replace(fleet.keys, receipt_url_base=BASE)
    for url in (
        f"https://evil.example.com/status/r/{code}",
        f"{BASE}.evil.example.com/r/{code}",
        f"{BASE}/x/r/{code}",
    ):
        r = parse_payload(url, keys, now=NOW)
        assert r.kind is PayloadKind.URL and r.receipt_code is None, url


def test_without_a_configured_page_our_link_is_a_plain_url(fleet: Fleet) -> None:
    url = ReceiptSigner("A7H3", fleet.kiosk_a, status_url=BASE).code_for(fleet.tracking_a)
    assert parse_payload(url, fleet.keys, now=NOW).kind is PayloadKind.URL


def test_the_bare_code_carries_itself_as_proof(fleet: Fleet) -> None:
    code = ReceiptSigner("A7H3", fleet.kiosk_a).code_for(fleet.tracking_a)
    assert parse_payload(code, fleet.keys, now=NOW).receipt_code == code
