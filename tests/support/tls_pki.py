"""A throwaway TLS PKI for platform tests: a CA, a server certificate for 127.0.0.1 and
kiosk client certificates whose subject CN is the kiosk id (made with ``cryptography``)."""

from __future__ import annotations

import datetime as dt
import ipaddress
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from central.enroll import ca_key_usage


def new_key() -> ec.EllipticCurvePrivateKey:
    """A P-256 key."""
    return ec.generate_private_key(ec.SECP256R1())


def write_key(key: ec.EllipticCurvePrivateKey, path: Path) -> Path:
    """The key as unencrypted PKCS#8 PEM."""
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return path


def write_cert(cert: x509.Certificate, path: Path) -> Path:
    """The certificate as PEM."""
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def make_cert(
    subject: str,
    key: Any,
    issuer_name: x509.Name | None,
    issuer_key: Any,
    *,
    ca: bool,
    usage: Any = None,
    ip: str | None = None,
) -> x509.Certificate:
    """A CA (``ca=True``, self-signed when ``issuer_name`` is None) or a leaf certificate."""
    now = dt.datetime.now(dt.UTC)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    b = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer_name or name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if ca:
        b = b.add_extension(ca_key_usage(), critical=True)
        b = b.add_extension(
            x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
        )
    else:
        b = b.add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
        b = b.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
    if ip:
        b = b.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(ip))]), critical=False
        )
    return b.sign(issuer_key, hashes.SHA256())


def make_pki(d: Path, kiosks: tuple[str, ...]) -> dict[str, Path]:
    """Files: ``ca``, ``other_ca``, ``srv``/``srv_key``, and ``<kiosk>``/``<kiosk>_key``
    per kiosk (CN = kiosk id), plus ``rogue``/``rogue_key``: a kiosk-looking certificate
    for the first kiosk signed by the other CA."""
    ca_key, other_key = new_key(), new_key()
    ca = make_cert("Kiosk Test CA", ca_key, None, ca_key, ca=True)
    other = make_cert("Someone else", other_key, None, other_key, ca=True)
    files = {"ca": write_cert(ca, d / "ca.pem"), "other_ca": write_cert(other, d / "other.pem")}
    srv_key = new_key()
    srv = make_cert(
        "platform", srv_key, ca.subject, ca_key, ca=False,
        usage=ExtendedKeyUsageOID.SERVER_AUTH, ip="127.0.0.1",
    )  # fmt: skip
    files["srv"], files["srv_key"] = (
        write_cert(srv, d / "srv.pem"),
        write_key(srv_key, d / "srv.key"),
    )
    for name, issuer, issuer_key, cn in [(k, ca, ca_key, k) for k in kiosks] + [
        ("rogue", other, other_key, kiosks[0])
    ]:
        key = new_key()
        cert = make_cert(
            cn, key, issuer.subject, issuer_key, ca=False, usage=ExtendedKeyUsageOID.CLIENT_AUTH
        )
        files[name] = write_cert(cert, d / f"{name}.pem")
        files[name + "_key"] = write_key(key, d / f"{name}.key")
    return files
