"""Passive authentication (ICAO 9303-11 section 5.1): is the chip's data what the issuer signed?

EF.SOD is a CMS SignedData whose content, the LDSSecurityObject, lists a hash for
every data group. The signer (the document signer certificate, DSC) travels inside
the SOD; it must be issued by a country signing CA (CSCA) from the trust list the
kiosk is configured with: an ICAO master list (itself a CMS SignedData carrying the
CSCA certificates) or a folder of CSCA certificates (PEM or DER).

asn1crypto parses the structures and cryptography checks the signatures; nothing
here decodes ASN.1 by hand. The outcome is a value, never an exception:
``VERIFIED``, ``NOT_VERIFIABLE`` (no trust list, or the DSC's CSCA is not in it) or
``FAILED`` (a signature or hash that does not match: the chip was altered or cloned).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from asn1crypto import cms, core, pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from drivers.card import tlv
from drivers.card.types import PassiveAuthResult, PassiveAuthStatus

log = logging.getLogger(__name__)

LDS_SECURITY_OBJECT_OID = "2.23.136.1.1.1"  # id-icao-mrtd-security-ldsSecurityObject
CSCA_MASTER_LIST_OID = "2.23.136.1.1.2"  # id-icao-cscaMasterList
SOD_TAG = 0x77

_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


# --- ICAO structures, declared for asn1crypto (ICAO 9303-10 section 4.6.2, -12 section 9) ---


class DataGroupHash(core.Sequence):
    """DataGroupHash ::= SEQUENCE { dataGroupNumber, dataGroupHashValue }."""

    _fields: ClassVar[list[Any]] = [
        ("data_group_number", core.Integer),
        ("data_group_hash_value", core.OctetString),
    ]


class DataGroupHashes(core.SequenceOf):
    """SEQUENCE OF DataGroupHash."""

    _child_spec = DataGroupHash


class LdsVersionInfo(core.Sequence):
    """LDSVersionInfo ::= SEQUENCE { ldsVersion, unicodeVersion } (LDS 1.8)."""

    _fields: ClassVar[list[Any]] = [
        ("lds_version", core.PrintableString),
        ("unicode_version", core.PrintableString),
    ]


class LdsSecurityObject(core.Sequence):
    """LDSSecurityObject: the hash algorithm and one hash per data group."""

    _fields: ClassVar[list[Any]] = [
        ("version", core.Integer),
        ("hash_algorithm", cms.DigestAlgorithm),
        ("data_group_hash_values", DataGroupHashes),
        ("lds_version_info", LdsVersionInfo, {"optional": True}),
    ]


class CertificateSet(core.SetOf):
    """SET OF Certificate."""

    _child_spec = asn1_x509.Certificate


class CscaMasterList(core.Sequence):
    """CscaMasterList ::= SEQUENCE { version, certList SET OF Certificate }."""

    _fields: ClassVar[list[Any]] = [("version", core.Integer), ("cert_list", CertificateSet)]


# --- trust list ----------------------------------------------------------------------


class TrustListError(ValueError):
    """The configured trust list cannot be used; the message says why (no personal data)."""


@dataclass(frozen=True)
class TrustList:
    """CSCA certificates the kiosk trusts, with where they came from."""

    certificates: tuple[x509.Certificate, ...]
    source: str = ""

    def issuers_of(self, cert: x509.Certificate) -> list[x509.Certificate]:
        """CSCA certificates whose subject is ``cert``'s issuer (several after key rollover)."""
        return [c for c in self.certificates if c.subject == cert.issuer]


def load_trust_list(path: Path) -> TrustList:
    """A trust list from an ICAO master list file or a folder of CSCA certificates.

    A master list's own signature is checked against the signer certificate it
    carries, so a damaged or edited file is refused; whether to trust the list at
    all is the administrator's decision when installing it (see docs/card.md).
    """
    if path.is_dir():
        certs: list[x509.Certificate] = []
        for item in sorted(path.iterdir()):
            if item.is_file() and item.suffix.lower() in (".pem", ".crt", ".cer", ".der"):
                certs.extend(_certificates_in(item.read_bytes(), item.name))
        if not certs:
            raise TrustListError(f"no CSCA certificates (.pem, .crt, .cer, .der) in {path}")
        return TrustList(tuple(certs), str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TrustListError(f"cannot read the trust list {path}: {exc.strerror}") from exc
    if path.suffix.lower() in (".pem", ".crt", ".cer", ".der"):
        return TrustList(tuple(_certificates_in(data, path.name)), str(path))
    return TrustList(tuple(parse_master_list(data)), str(path))


def _certificates_in(data: bytes, name: str) -> list[x509.Certificate]:
    try:
        if pem.detect(data):
            return list(x509.load_pem_x509_certificates(data))
        return [x509.load_der_x509_certificate(data)]
    except ValueError as exc:
        raise TrustListError(f"{name} is not a certificate: {exc}") from exc


def parse_master_list(data: bytes) -> list[x509.Certificate]:
    """The CSCA certificates in an ICAO master list (DER CMS, or PEM-armoured)."""
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    try:
        info = cms.ContentInfo.load(data)
        signed = info["content"]
        if not isinstance(signed, cms.SignedData):
            raise TrustListError("the master list is not a CMS SignedData")
        encap = signed["encap_content_info"]
        if encap["content_type"].dotted != CSCA_MASTER_LIST_OID:
            raise TrustListError("the CMS content is not a CSCA master list")
        content = _econtent(encap)
        try:
            problem = _check_cms_signature(signed, content)
        except _Unsupported as exc:
            # Trust in the list comes from where the administrator got it; a signer
            # this kiosk cannot check does not make the CSCAs in it unusable.
            log.warning("master list signature not checked: %s", exc)
            problem = None
        if problem is not None:
            raise TrustListError(f"the master list's signature does not verify: {problem}")
        master = CscaMasterList.load(content)
        ders = [c.dump() for c in master["cert_list"]]
    except (ValueError, TypeError, KeyError) as exc:
        raise TrustListError(f"the master list is malformed: {exc}") from exc
    certs = []
    for der in ders:
        try:
            certs.append(x509.load_der_x509_certificate(der))
        except ValueError:
            log.warning("master list: skipped a certificate cryptography cannot load")
    if not certs:
        raise TrustListError("the master list holds no certificates")
    return certs


# --- EF.SOD --------------------------------------------------------------------------


def verify_sod(
    sod: bytes | None,
    data_groups: Mapping[int, bytes],
    trust: TrustList | None,
    *,
    now: dt.datetime | None = None,
) -> PassiveAuthResult:
    """Check EF.SOD's signature, its DSC's chain to a CSCA and the hashes of ``data_groups``.

    ``data_groups`` maps a group number to the whole file as read (e.g. DG1 from its
    '61' tag). Evidence of alteration (a bad signature or hash) is ``FAILED`` even
    without a trust list; origin can only be ``VERIFIED`` with one.
    """
    when = now or dt.datetime.now(dt.UTC)
    if sod is None:
        if trust is None:
            return _result(PassiveAuthStatus.NOT_VERIFIABLE, "no EF.SOD and no trust list")
        return _result(PassiveAuthStatus.FAILED, "the chip has no EF.SOD")
    try:
        return _verify(sod, data_groups, trust, when)
    except (ValueError, TypeError, KeyError, UnsupportedAlgorithm) as exc:
        # asn1crypto parses lazily, so a malformed SOD can surface at any access.
        return _result(PassiveAuthStatus.FAILED, f"EF.SOD malformed: {type(exc).__name__}")


def _verify(
    sod: bytes, groups: Mapping[int, bytes], trust: TrustList | None, when: dt.datetime
) -> PassiveAuthResult:
    failed = PassiveAuthStatus.FAILED
    unsure = PassiveAuthStatus.NOT_VERIFIABLE
    body = tlv.decode_one(sod, SOD_TAG)
    if body is None:
        return _result(failed, "EF.SOD is not one '77' TLV")
    info = cms.ContentInfo.load(body, strict=True)
    signed = info["content"]
    if info["content_type"].native != "signed_data" or not isinstance(signed, cms.SignedData):
        return _result(failed, "EF.SOD is not a CMS SignedData")
    encap = signed["encap_content_info"]
    if encap["content_type"].dotted != LDS_SECURITY_OBJECT_OID:
        return _result(failed, "EF.SOD does not hold an LDSSecurityObject")
    content = _econtent(encap)
    # The hashes first: a data group that does not match what the chip itself lists is
    # evidence of alteration whatever the signature's algorithm.
    lds = LdsSecurityObject.load(content, strict=True)
    algo = lds["hash_algorithm"]["algorithm"].native
    if algo not in _HASHES:
        return _result(unsure, f"data-group hash {algo} not supported")
    listed = {
        int(h["data_group_number"].native): bytes(h["data_group_hash_value"].native)
        for h in lds["data_group_hash_values"]
    }
    for number, content_bytes in sorted(groups.items()):
        expected = listed.get(number)
        if expected is None:
            return _result(failed, f"DG{number} is not listed in EF.SOD")
        if hashlib.new(algo, content_bytes).digest() != expected:
            return _result(failed, f"DG{number} hash does not match EF.SOD")
    checked = tuple(sorted(groups))
    try:
        problem = _check_cms_signature(signed, content)
        if problem is not None:
            return _result(failed, problem, checked)
        dsc = _signer_certificate(signed)
    except _Unsupported as exc:
        # A genuine chip signed with a key or algorithm this kiosk cannot check (e.g.
        # explicit curve parameters) must not be called a forgery.
        return _result(unsure, f"cannot check the signature: {exc}", checked)
    if trust is None:
        return _result(unsure, "no trust list configured", checked)
    cscas = trust.issuers_of(dsc)
    if not cscas:
        return _result(unsure, "the DSC's CSCA is not in the trust list", checked)
    unsupported = False
    for csca in cscas:
        try:
            dsc.verify_directly_issued_by(csca)
        except InvalidSignature:
            continue
        except (ValueError, TypeError, UnsupportedAlgorithm):
            unsupported = True  # e.g. a CSCA key type cryptography cannot use for this
            continue
        # Validity problems are the issuer's certificate management, not a forgery:
        # reported, but not a reason to accuse the citizen's document.
        if not _valid_at(csca, when):
            return _result(unsure, "the CSCA certificate is outside its validity", checked)
        if not _valid_at(dsc, when):
            return _result(unsure, "the DSC is outside its validity", checked)
        return _result(PassiveAuthStatus.VERIFIED, "signature, chain and hashes verified", checked)
    if unsupported:
        return _result(unsure, "cannot check the DSC's signature by its CSCA", checked)
    return _result(failed, "the DSC is not signed by its CSCA", checked)


def _result(
    status: PassiveAuthStatus, detail: str, groups: tuple[int, ...] = ()
) -> PassiveAuthResult:
    return PassiveAuthResult(status, detail, groups)


class _Unsupported(Exception):
    """A key or algorithm that cannot be checked here (not evidence of a forgery)."""


def _valid_at(cert: x509.Certificate, when: dt.datetime) -> bool:
    return cert.not_valid_before_utc <= when <= cert.not_valid_after_utc


def _econtent(encap: cms.EncapsulatedContentInfo) -> bytes:
    content = encap["content"]
    if isinstance(content, core.Void):
        raise ValueError("no encapsulated content")
    if isinstance(content, core.ParsableOctetString):
        return bytes(content.native if content.parsed is None else content.contents)
    return bytes(content.contents)


def _signer_certificate(signed: cms.SignedData) -> x509.Certificate:
    """The certificate in the SignedData named by its single SignerInfo."""
    sid = signed["signer_infos"][0]["sid"]
    for choice in signed["certificates"]:
        if choice.name != "certificate":
            continue
        cert = choice.chosen
        if sid.name == "issuer_and_serial_number":
            ias = sid.chosen
            match = (
                cert.issuer == ias["issuer"] and cert.serial_number == ias["serial_number"].native
            )
        else:
            match = cert.key_identifier == sid.chosen.native
        if match:
            try:
                return x509.load_der_x509_certificate(cert.dump())
            except (ValueError, UnsupportedAlgorithm) as exc:
                raise _Unsupported(f"signer certificate not loadable ({exc})") from exc
    raise ValueError("the signer's certificate is not in the SignedData")


def _check_cms_signature(signed: cms.SignedData, content: bytes) -> str | None:
    """None when the one SignerInfo's signature over ``content`` verifies, else why not.

    Raises :class:`_Unsupported` for what cannot be checked here, and ValueError
    for a structure that is not there.
    """
    if len(signed["signer_infos"]) != 1:
        return "EF.SOD must have exactly one signer"
    signer = signed["signer_infos"][0]
    cert = _signer_certificate(signed)
    digest_name = signer["digest_algorithm"]["algorithm"].native
    if digest_name not in _HASHES:
        raise _Unsupported(f"digest {digest_name}")
    attrs = signer["signed_attrs"]
    if not attrs:
        signed_bytes = content  # allowed by CMS, though ICAO requires signed attributes
    else:
        found = {a["type"].native: a["values"] for a in attrs}
        digest = found.get("message_digest")
        if digest is None or len(digest) != 1:
            return "no message-digest attribute"
        if bytes(digest[0].native) != hashlib.new(digest_name, content).digest():
            return "content does not match the signed message digest"
        kind = found.get("content_type")
        encap_type = signed["encap_content_info"]["content_type"].dotted
        if kind is None or len(kind) != 1 or kind[0].dotted != encap_type:
            return "content-type attribute missing or wrong"
        # The signature covers the attributes as stored, under a SET tag instead of [0].
        signed_bytes = attrs.untag().dump()
    return _check_signature(cert, signer, signed_bytes, _HASHES[digest_name]())


# BSI TR-03111 ecdsa-plain-signatures (r || s, not DER), used by some issuers.
_PLAIN_ECDSA: dict[str, type[hashes.HashAlgorithm]] = {
    "0.4.0.127.0.7.1.1.4.1.1": hashes.SHA1,
    "0.4.0.127.0.7.1.1.4.1.2": hashes.SHA224,
    "0.4.0.127.0.7.1.1.4.1.3": hashes.SHA256,
    "0.4.0.127.0.7.1.1.4.1.4": hashes.SHA384,
    "0.4.0.127.0.7.1.1.4.1.5": hashes.SHA512,
}


def _check_signature(
    cert: x509.Certificate, signer: cms.SignerInfo, data: bytes, digest: hashes.HashAlgorithm
) -> str | None:
    signature = bytes(signer["signature"].native)
    algo = signer["signature_algorithm"]
    oid = algo["algorithm"].dotted
    try:
        key = cert.public_key()
        kind = "ecdsa_plain" if oid in _PLAIN_ECDSA else algo.signature_algo
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise _Unsupported(f"signature {oid}: {exc}") from exc
    try:
        if kind == "ecdsa_plain" and isinstance(key, ec.EllipticCurvePublicKey):
            half = len(signature) // 2
            r, s = int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big")
            key.verify(encode_dss_signature(r, s), data, ec.ECDSA(_PLAIN_ECDSA[oid]()))
        elif kind == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), digest)
        elif kind == "rsassa_pss" and isinstance(key, rsa.RSAPublicKey):
            params = algo["parameters"]
            pss_hash = _HASHES[params["hash_algorithm"]["algorithm"].native]()
            salt = int(params["salt_length"].native)
            key.verify(signature, data, padding.PSS(padding.MGF1(pss_hash), salt), pss_hash)
        elif kind == "ecdsa" and isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(digest))
        else:
            raise _Unsupported(f"signature {oid} with a {type(key).__name__}")
    except InvalidSignature:
        return "the signature does not verify with the document signer certificate"
    except (UnsupportedAlgorithm, KeyError) as exc:
        raise _Unsupported(f"signature {oid}: {exc}") from exc
    return None
