"""mTLS: the platform requires a client certificate; the agent verifies the platform
against the configured CA and presents the kiosk's certificate. Certificates are
generated here with ``cryptography``."""

from __future__ import annotations

import datetime as dt
import ipaddress
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from central.embedded import TlsFiles
from kiosk.sync import ManualClock
from offline_cache.outbox_protocol import Outbox

from .conftest import drive, enqueue

pytestmark = pytest.mark.integration

# A kiosk id that is also a valid kiosk code: its tracking numbers start with it.
KIOSK = "A001"


def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _write_key(key: ec.EllipticCurvePrivateKey, path: Path) -> Path:
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return path


def _cert(
    subject: str,
    key,
    issuer_name: x509.Name | None,
    issuer_key,
    *,
    ca: bool,
    usage=None,
    ip: str | None = None,
) -> x509.Certificate:
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
        b = b.add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
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


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("pki")
    ca_key = _key()
    ca = _cert("Kiosk Test CA", ca_key, None, ca_key, ca=True)
    srv_key, cli_key = _key(), _key()
    srv = _cert(
        "platform",
        srv_key,
        ca.subject,
        ca_key,
        ca=False,
        usage=ExtendedKeyUsageOID.SERVER_AUTH,
        ip="127.0.0.1",
    )
    # The platform takes the kiosk's identity from the certificate's CN.
    cli = _cert(KIOSK, cli_key, ca.subject, ca_key, ca=False, usage=ExtendedKeyUsageOID.CLIENT_AUTH)
    other_ca_key = _key()
    other_ca = _cert("Someone else", other_ca_key, None, other_ca_key, ca=True)
    pem = serialization.Encoding.PEM
    files = {
        "ca": d / "ca.pem",
        "other_ca": d / "other-ca.pem",
        "srv": d / "server.pem",
        "cli": d / "client.pem",
    }
    files["ca"].write_bytes(ca.public_bytes(pem))
    files["other_ca"].write_bytes(other_ca.public_bytes(pem))
    files["srv"].write_bytes(srv.public_bytes(pem))
    files["cli"].write_bytes(cli.public_bytes(pem))
    files["srv_key"] = _write_key(srv_key, d / "server.key")
    files["cli_key"] = _write_key(cli_key, d / "client.key")
    return files


@pytest.fixture
def tls_platform(platform_factory, pki):
    return platform_factory(tls=TlsFiles(str(pki["srv"]), str(pki["srv_key"]), str(pki["ca"])))


def test_agent_delivers_over_mutual_tls(
    tls_platform, pki, outbox: Outbox, make_agent, clock: ManualClock
):
    assert tls_platform.base_url.startswith("https://")
    ids = enqueue(outbox, 3, clock.now(), prefix=KIOSK + "-")
    agent = make_agent(
        kiosk_id=KIOSK,
        base_url=tls_platform.base_url,
        ca_bundle=pki["ca"],
        client_cert=pki["cli"],
        client_key=pki["cli_key"],
    )
    drive(agent, clock, outbox)
    assert agent.online is True
    assert [s["idempotency_key"] for s in tls_platform.platform.store.list_submissions()] == ids


def test_without_a_client_certificate_the_platform_refuses(
    tls_platform, pki, outbox, make_agent, clock
):
    enqueue(outbox, 1, clock.now())
    errors = []
    agent = make_agent(base_url=tls_platform.base_url, ca_bundle=pki["ca"])
    agent.add_error_listener(errors.append)
    agent.run_once()
    assert agent.online is False
    assert errors and errors[0].retryable
    assert tls_platform.platform.store.count_submissions() == 0
    assert outbox.stats(clock.now()).pending == 1


def test_a_platform_signed_by_another_ca_is_not_trusted(
    tls_platform, pki, outbox, make_agent, clock
):
    enqueue(outbox, 1, clock.now())
    errors = []
    agent = make_agent(
        base_url=tls_platform.base_url,
        ca_bundle=pki["other_ca"],
        client_cert=pki["cli"],
        client_key=pki["cli_key"],
    )
    agent.add_error_listener(errors.append)
    agent.run_once()
    assert errors[0].message == "TLS error"
    assert tls_platform.platform.store.count_submissions() == 0


def test_plain_clients_cannot_talk_to_the_tls_platform(tls_platform, pki):
    # TLS 1.3 reports the refused client only after the handshake: reset or alert.
    with pytest.raises(requests.ConnectionError):
        requests.get(tls_platform.base_url + "/v1/capabilities", verify=str(pki["ca"]), timeout=5)
    r = requests.get(
        tls_platform.base_url + "/v1/capabilities",
        verify=str(pki["ca"]),
        cert=(str(pki["cli"]), str(pki["cli_key"])),
        timeout=5,
    )
    assert r.status_code == 200
