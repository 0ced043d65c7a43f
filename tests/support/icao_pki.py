"""A test country's document PKI: CSCA -> document signer (DSC) -> EF.SOD, and a master list.

Built with cryptography (keys, certificates, signatures) and asn1crypto (the CMS
structures), the way an issuing state's personalisation system would, so the
emulated chip can serve an EF.SOD the reader must verify.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import algos, cms, core
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.x509.oid import NameOID

from drivers.card import tlv
from drivers.card.passive_auth import (
    CSCA_MASTER_LIST_OID,
    LDS_SECURITY_OBJECT_OID,
    CscaMasterList,
    LdsSecurityObject,
)

SigningKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey
PLAIN_ECDSA_SHA256 = "0.4.0.127.0.7.1.1.4.1.3"  # BSI TR-03111 ecdsa-plain-SHA256


def new_key(kind: str = "ec") -> SigningKey:
    """A P-256 (``ec``), RSA-2048 (``rsa``) or Ed25519 (``ed25519``) private key."""
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if kind == "ed25519":
        return ed25519.Ed25519PrivateKey.generate()
    return ec.generate_private_key(ec.SECP256R1())


def _name(common: str, country: str = "UT") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, country),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Utopia Test Passport Office"),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def _certificate(
    subject: x509.Name,
    key: SigningKey,
    issuer: x509.Name,
    issuer_key: SigningKey,
    *,
    ca: bool,
    days: int,
) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    algorithm = None if isinstance(issuer_key, ed25519.Ed25519PrivateKey) else hashes.SHA256()
    return builder.sign(issuer_key, algorithm)


@dataclass
class Csca:
    """A country signing CA with its key."""

    key: SigningKey
    cert: x509.Certificate

    @classmethod
    def create(cls, common: str = "CSCA Utopia", country: str = "UT", kind: str = "ec") -> Csca:
        """A fresh self-signed CSCA (15 years) with a ``kind`` key (see :func:`new_key`)."""
        key = new_key(kind)
        name = _name(common, country)
        return cls(key, _certificate(name, key, name, key, ca=True, days=15 * 365))

    def issue_signer(
        self, common: str = "Document Signer Utopia", kind: str = "ec", plain: bool = False
    ) -> DocumentSigner:
        """A document signer certificate issued by this CSCA (``plain``: r||s ECDSA)."""
        key = new_key(kind)
        cert = _certificate(
            _name(common), key, self.cert.subject, self.key, ca=False, days=10 * 365
        )
        return DocumentSigner(key, cert, plain)

    def pem(self) -> bytes:
        """The CSCA certificate as PEM."""
        return self.cert.public_bytes(serialization.Encoding.PEM)


@dataclass
class DocumentSigner:
    """A DSC and its key: signs EF.SOD for the emulated chip (see ``ChipConfig.sod_signer``)."""

    key: SigningKey
    cert: x509.Certificate
    plain: bool = False
    _cache: dict[bytes, bytes] = field(default_factory=dict, repr=False)

    def sod(self, data_groups: dict[int, bytes]) -> bytes:
        """EF.SOD ('77') over SHA-256 hashes of ``data_groups`` (number -> whole file)."""
        lds = LdsSecurityObject(
            {
                "version": 0,
                "hash_algorithm": {"algorithm": "sha256"},
                "data_group_hash_values": [
                    {"data_group_number": n, "data_group_hash_value": hashlib.sha256(d).digest()}
                    for n, d in sorted(data_groups.items())
                ],
            }
        ).dump()
        cached = self._cache.get(lds)
        if cached is None:
            signed = sign_cms(LDS_SECURITY_OBJECT_OID, lds, self.key, self.cert, plain=self.plain)
            cached = tlv.encode(0x77, signed)
            self._cache[lds] = cached
        return cached


def _sign(key: SigningKey, data: bytes, plain: bool) -> tuple[bytes, str]:
    """A signature and its CMS algorithm (name or dotted OID) for ``key``."""
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, padding.PKCS1v15(), hashes.SHA256()), "sha256_rsa"
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return key.sign(data), "ed25519"
    der = key.sign(data, ec.ECDSA(hashes.SHA256()))
    if not plain:
        return der, "sha256_ecdsa"
    r, s = decode_dss_signature(der)
    return r.to_bytes(32, "big") + s.to_bytes(32, "big"), PLAIN_ECDSA_SHA256


def sign_cms(
    content_type: str,
    content: bytes,
    key: SigningKey,
    cert: x509.Certificate,
    *,
    plain: bool = False,
) -> bytes:
    """A DER ContentInfo(SignedData) over ``content`` with signed attributes (ICAO profile)."""
    signer_cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    attrs = cms.CMSAttributes(
        [
            cms.CMSAttribute({"type": "content_type", "values": [content_type]}),
            cms.CMSAttribute(
                {"type": "message_digest", "values": [hashlib.sha256(content).digest()]}
            ),
        ]
    )
    signature, algorithm = _sign(key, attrs.dump(), plain)
    signer = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                {
                    "issuer_and_serial_number": {
                        "issuer": signer_cert.issuer,
                        "serial_number": signer_cert.serial_number,
                    }
                }
            ),
            "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
            "signed_attrs": attrs,
            "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": algorithm}),
            "signature": signature,
        }
    )
    signed = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
            "encap_content_info": {
                "content_type": content_type,
                "content": core.ParsableOctetString(content),
            },
            "certificates": [signer_cert],
            "signer_infos": [signer],
        }
    )
    return cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump()


def master_list(cscas: list[Csca], signer_ca: Csca) -> bytes:
    """An ICAO CSCA master list holding ``cscas``, signed by a signer issued by ``signer_ca``."""
    listed = [
        asn1_x509.Certificate.load(c.cert.public_bytes(serialization.Encoding.DER)) for c in cscas
    ]
    content = CscaMasterList({"version": 0, "cert_list": listed}).dump()
    ml_signer = signer_ca.issue_signer("Master List Signer Utopia")
    return sign_cms(CSCA_MASTER_LIST_OID, content, ml_signer.key, ml_signer.cert)


def write_master_list(path: Path, cscas: list[Csca]) -> Path:
    """Write a master list of ``cscas`` (signed under the first) to ``path``."""
    path.write_bytes(master_list(cscas, cscas[0]))
    return path
