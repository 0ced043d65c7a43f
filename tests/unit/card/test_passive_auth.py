"""Passive authentication in-process: EF.SOD signature, DSC -> CSCA chain, data-group hashes,
and the trust list's forms (ICAO master list, PEM/DER files, a folder)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from drivers.card.passive_auth import (
    TrustList,
    TrustListError,
    load_trust_list,
    parse_master_list,
    verify_sod,
)
from drivers.card.types import PassiveAuthStatus
from tests.support.icao_chip import SAMPLE_MRZ, dg1_file
from tests.support.icao_pki import Csca, master_list, write_master_list

DG1 = dg1_file(SAMPLE_MRZ)
DG2 = b"\x75\x03\x01\x02\x03"


@pytest.fixture(scope="module")
def csca() -> Csca:
    return Csca.create()


@pytest.fixture(scope="module")
def sod(csca: Csca) -> bytes:
    return csca.issue_signer().sod({1: DG1, 2: DG2})


def test_verified_with_the_issuing_csca(csca: Csca, sod: bytes) -> None:
    verdict = verify_sod(sod, {1: DG1, 2: DG2}, TrustList((csca.cert,)))
    assert verdict.status is PassiveAuthStatus.VERIFIED
    assert verdict.data_groups == (1, 2)


@pytest.mark.parametrize(
    ("csca_kind", "dsc_kind", "plain"),
    [("rsa", "rsa", False), ("ec", "ec", True), ("rsa", "ec", False)],
)
def test_verified_with_other_key_types(csca_kind: str, dsc_kind: str, plain: bool) -> None:
    """RSA PKCS#1 v1.5, ECDSA with r||s signatures (BSI TR-03111), mixed chains."""
    issuer = Csca.create(kind=csca_kind)
    sod = issuer.issue_signer(kind=dsc_kind, plain=plain).sod({1: DG1})
    verdict = verify_sod(sod, {1: DG1}, TrustList((issuer.cert,)))
    assert verdict.status is PassiveAuthStatus.VERIFIED, verdict.detail
    altered = DG1.replace(b"ERIKSSON", b"ERIKSSEN")
    assert verify_sod(sod, {1: altered}, TrustList((issuer.cert,))).failed


def test_unsupported_signature_is_not_verifiable_not_forged(csca: Csca) -> None:
    """A genuine chip signed with something this kiosk cannot check is not a forgery."""
    sod = csca.issue_signer(kind="ed25519").sod({1: DG1})
    verdict = verify_sod(sod, {1: DG1}, TrustList((csca.cert,)))
    assert verdict.status is PassiveAuthStatus.NOT_VERIFIABLE
    assert "cannot check" in verdict.detail
    # Its hashes are still checked first: an altered DG1 fails whatever the algorithm.
    assert verify_sod(sod, {1: DG1.replace(b"ANNA", b"ANNE")}, None).failed


def test_altered_data_group_fails(csca: Csca, sod: bytes) -> None:
    altered = DG1.replace(b"ERIKSSON", b"ERIKSSEN")
    verdict = verify_sod(sod, {1: altered}, TrustList((csca.cert,)))
    assert verdict.status is PassiveAuthStatus.FAILED and "DG1" in verdict.detail
    # Evidence of alteration needs no trust anchor.
    assert verify_sod(sod, {1: altered}, None).failed


def test_group_missing_from_the_sod_fails(csca: Csca) -> None:
    only_dg1 = csca.issue_signer().sod({1: DG1})
    verdict = verify_sod(only_dg1, {1: DG1, 2: DG2}, None)
    assert verdict.failed and "DG2" in verdict.detail


def test_broken_signature_fails(csca: Csca, sod: bytes) -> None:
    at = sod.index(b"\x04\x20") + 2  # the first SHA-256 value: DG1's hash in the LDS object
    damaged = sod[:at] + bytes([sod[at] ^ 1]) + sod[at + 1 :]
    verdict = verify_sod(damaged, {1: DG1, 2: DG2}, TrustList((csca.cert,)))
    assert verdict.failed


def test_dsc_from_an_impostor_csca_of_the_same_name_fails(sod: bytes) -> None:
    impostor = Csca.create()  # same subject name, different key
    verdict = verify_sod(sod, {1: DG1, 2: DG2}, TrustList((impostor.cert,)))
    assert verdict.failed


def test_not_verifiable_without_trust_or_without_the_csca(sod: bytes) -> None:
    assert verify_sod(sod, {1: DG1}, None).status is PassiveAuthStatus.NOT_VERIFIABLE
    foreign = TrustList((Csca.create("CSCA Elsewhere", "XE").cert,))
    assert verify_sod(sod, {1: DG1}, foreign).status is PassiveAuthStatus.NOT_VERIFIABLE


def test_missing_sod_is_a_failure_only_with_a_trust_list(csca: Csca) -> None:
    assert verify_sod(None, {1: DG1}, None).status is PassiveAuthStatus.NOT_VERIFIABLE
    assert verify_sod(None, {1: DG1}, TrustList((csca.cert,))).failed


def test_expired_dsc_is_not_verifiable_rather_than_a_forgery(csca: Csca, sod: bytes) -> None:
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=11 * 365)
    verdict = verify_sod(sod, {1: DG1}, TrustList((csca.cert,)), now=later)
    assert verdict.status is PassiveAuthStatus.NOT_VERIFIABLE
    assert "validity" in verdict.detail


@pytest.mark.parametrize(
    "garbage",
    [b"", b"\x77\x00", b"\x77\x03\x30\x01\x00", b"\x30\x03\x02\x01\x00", bytes(range(200))],
)
def test_garbage_sod_fails_calmly(csca: Csca, garbage: bytes) -> None:
    assert verify_sod(garbage, {1: DG1}, TrustList((csca.cert,))).failed


def test_master_list_file_and_certificate_folder(csca: Csca, sod: bytes, tmp_path: Path) -> None:
    other = Csca.create("CSCA Other", "OT")
    ml = load_trust_list(write_master_list(tmp_path / "list.ml", [csca, other]))
    assert len(ml.certificates) == 2
    assert verify_sod(sod, {1: DG1}, ml).status is PassiveAuthStatus.VERIFIED
    folder = tmp_path / "cscas"
    folder.mkdir()
    (folder / "utopia.pem").write_bytes(csca.pem())
    (folder / "other.der").write_bytes(other.cert.public_bytes(serialization.Encoding.DER))
    (folder / "README.txt").write_text("ignored")
    certs = load_trust_list(folder)
    assert len(certs.certificates) == 2
    assert verify_sod(sod, {1: DG1}, certs).status is PassiveAuthStatus.VERIFIED
    assert len(load_trust_list(folder / "utopia.pem").certificates) == 1


def test_damaged_master_list_is_refused(csca: Csca, tmp_path: Path) -> None:
    data = bytearray(master_list([csca], csca))
    data[len(data) // 3] ^= 0x01  # inside the certificate list: the signature no longer fits
    with pytest.raises(TrustListError):
        parse_master_list(bytes(data))
    with pytest.raises(TrustListError):
        load_trust_list(tmp_path / "absent.ml")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(TrustListError):
        load_trust_list(empty)
