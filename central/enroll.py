"""The fleet's certificate authority: ``kiosk-central enroll KIOSK_ID`` and ``revoke``.

The CA (an EC P-256 key, 0600, and a self-signed certificate) lives in ``--ca-dir``.
Enrolling a kiosk issues a client certificate whose subject CN is the kiosk id
(what the platform authenticates, see central.auth) and writes the kiosk's key,
certificate and the CA certificate into ``--out`` for the kiosk's
``[platform] client_cert / client_key``. Revoking adds the kiosk's certificates to
the CRL (``crl.pem`` in the CA directory), which a platform started with ``--crl``
checks on every handshake and re-reads when it changes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from central.auth import KIOSK_CODE

CA_KEY, CA_CERT, CRL, INDEX = "ca-key.pem", "ca.pem", "crl.pem", "issued.json"
CRL_DAYS = 30


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def ca_key_usage() -> x509.KeyUsage:
    """What a CA key may do: sign certificates and CRLs (and nothing else)."""
    return x509.KeyUsage(
        digital_signature=True,
        key_cert_sign=True,
        crl_sign=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        encipher_only=False,
        decipher_only=False,
    )


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


class FleetCA:
    """The CA files in one directory."""

    def __init__(self, directory: Path) -> None:
        self.dir = directory
        key = serialization.load_pem_private_key((directory / CA_KEY).read_bytes(), None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError(f"{directory / CA_KEY} is not an EC key")
        self.key = key
        self.cert = x509.load_pem_x509_certificate((directory / CA_CERT).read_bytes())

    @classmethod
    def init(cls, directory: Path, name: str = "Kiosk fleet CA", years: int = 10) -> FleetCA:
        """Create the CA (refuses to overwrite one) and an empty CRL."""
        if (directory / CA_KEY).exists():
            raise FileExistsError(f"a CA already exists in {directory}")
        key = ec.generate_private_key(ec.SECP256R1())
        now = dt.datetime.now(dt.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(name))
            .issuer_name(_name(name))
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=365 * years))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(ca_key_usage(), critical=True)
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
            )
            .sign(key, hashes.SHA256())
        )
        _write_private(directory / CA_KEY, _key_pem(key))
        (directory / CA_CERT).write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        (directory / INDEX).write_text("[]\n", encoding="utf-8")
        ca = cls(directory)
        ca.write_crl()
        return ca

    def issued(self) -> list[dict[str, Any]]:
        """Every certificate issued: serial (hex), kiosk id, not_after, revoked_at."""
        path = self.dir / INDEX
        return list(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else []

    def _save(self, rows: list[dict[str, Any]]) -> None:
        _write_private(self.dir / INDEX, (json.dumps(rows, indent=1) + "\n").encode())

    def enroll(self, kiosk_id: str, out: Path, days: int = 825) -> x509.Certificate:
        """Issue a client certificate for ``kiosk_id`` into ``out`` (key 0600)."""
        key = ec.generate_private_key(ec.SECP256R1())
        now = dt.datetime.now(dt.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(kiosk_id))
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), False
            )
            .sign(self.key, hashes.SHA256())
        )
        pem = serialization.Encoding.PEM
        _write_private(out / "kiosk-key.pem", _key_pem(key))
        (out / "kiosk-cert.pem").write_bytes(cert.public_bytes(pem))
        (out / "fleet-ca.pem").write_bytes(self.cert.public_bytes(pem))
        rows = self.issued()
        rows.append(
            {
                "serial": format(cert.serial_number, "x"),
                "kiosk_id": kiosk_id,
                "not_after": cert.not_valid_after_utc.isoformat(),
                "revoked_at": None,
            }
        )
        self._save(rows)
        return cert

    def revoke(self, kiosk_id: str) -> int:
        """Revoke every certificate of a kiosk; rewrites the CRL. Returns how many."""
        now = dt.datetime.now(dt.UTC).isoformat()
        rows = self.issued()
        n = 0
        for row in rows:
            if row["kiosk_id"] == kiosk_id and row["revoked_at"] is None:
                row["revoked_at"] = now
                n += 1
        self._save(rows)
        self.write_crl()
        return n

    def write_crl(self) -> Path:
        """Sign a CRL of every revoked certificate (valid CRL_DAYS days)."""
        now = dt.datetime.now(dt.UTC)
        b = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.cert.subject)
            .last_update(now - dt.timedelta(minutes=5))
            .next_update(now + dt.timedelta(days=CRL_DAYS))
        )
        for row in self.issued():
            if row["revoked_at"]:
                b = b.add_revoked_certificate(
                    x509.RevokedCertificateBuilder()
                    .serial_number(int(row["serial"], 16))
                    .revocation_date(dt.datetime.fromisoformat(row["revoked_at"]))
                    .build()
                )
        crl = b.sign(self.key, hashes.SHA256())
        path = self.dir / CRL
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(crl.public_bytes(serialization.Encoding.PEM))
        os.replace(tmp, path)
        return path


def main(argv: list[str]) -> int:
    """``kiosk-central ca-init|enroll|revoke|crl``."""
    p = argparse.ArgumentParser(prog="kiosk-central", description=__doc__)
    sub = p.add_subparsers(dest="cmd", required=True)
    init = sub.add_parser("ca-init", help="create the fleet CA and an empty CRL")
    init.add_argument("--ca-dir", required=True, type=Path)
    init.add_argument("--name", default="Kiosk fleet CA")
    enroll = sub.add_parser("enroll", help="issue a kiosk's client certificate")
    enroll.add_argument("kiosk_id")
    enroll.add_argument("--ca-dir", required=True, type=Path)
    enroll.add_argument("--out", required=True, type=Path, help="directory for the kiosk's files")
    enroll.add_argument("--days", type=int, default=825)
    revoke = sub.add_parser("revoke", help="revoke a kiosk's certificates (rewrites the CRL)")
    revoke.add_argument("kiosk_id")
    revoke.add_argument("--ca-dir", required=True, type=Path)
    crl = sub.add_parser("crl", help=f"re-sign the CRL (it expires after {CRL_DAYS} days)")
    crl.add_argument("--ca-dir", required=True, type=Path)
    args = p.parse_args(argv)
    try:
        if args.cmd == "ca-init":
            FleetCA.init(args.ca_dir, args.name)
            print(f"CA created in {args.ca_dir}; give platforms --client-ca {args.ca_dir / CA_CERT}"
                  f" --crl {args.ca_dir / CRL}")  # fmt: skip
        elif args.cmd == "enroll":
            if not args.kiosk_id or len(args.kiosk_id) > 64:
                raise ValueError("a kiosk id is 1 to 64 characters")
            if not KIOSK_CODE.match(args.kiosk_id):
                print("note: the id is not a kiosk code; list its code in --kiosk-registry",
                      file=sys.stderr)  # fmt: skip
            cert = FleetCA(args.ca_dir).enroll(args.kiosk_id, args.out, args.days)
            print(f"enrolled {args.kiosk_id}: serial {cert.serial_number:x}, files in {args.out}")
        elif args.cmd == "crl":
            print(f"CRL written to {FleetCA(args.ca_dir).write_crl()}")
        else:
            n = FleetCA(args.ca_dir).revoke(args.kiosk_id)
            if n == 0:
                print(f"no valid certificate of {args.kiosk_id} to revoke", file=sys.stderr)
                return 1
            print(f"revoked {n} certificate(s) of {args.kiosk_id}; CRL rewritten")
    except (OSError, ValueError) as exc:
        print(f"kiosk-central {args.cmd}: {exc}", file=sys.stderr)
        return 2
    return 0
