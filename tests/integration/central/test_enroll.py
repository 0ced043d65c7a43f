"""``kiosk-central enroll`` issues kiosk certificates the platform accepts over mTLS;
``revoke`` puts them on the CRL, which the running platform honours."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import requests

from central.app import PlatformConfig
from central.cli import main
from central.embedded import TlsFiles, start_embedded
from tests.support.tls_pki import make_pki

pytestmark = pytest.mark.integration


def _get(base: str, server_ca: Path, kiosk_dir: Path) -> int:
    r = requests.post(
        base + "/v1/heartbeat",
        json={"kiosk_id": kiosk_dir.name, "version": "1"},
        verify=str(server_ca),
        cert=(str(kiosk_dir / "kiosk-cert.pem"), str(kiosk_dir / "kiosk-key.pem")),
        timeout=5,
    )
    return r.status_code


def test_enrolled_kiosks_get_in_and_revoked_ones_are_shut_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ca = tmp_path / "ca"
    assert main(["ca-init", "--ca-dir", str(ca)]) == 0
    assert main(["ca-init", "--ca-dir", str(ca)]) == 2  # never overwrites a CA
    for kiosk in ("A7H3", "C012"):
        assert main(["enroll", kiosk, "--ca-dir", str(ca), "--out", str(tmp_path / kiosk)]) == 0
    assert (tmp_path / "A7H3" / "kiosk-key.pem").stat().st_mode & 0o777 == 0o600
    assert (ca / "ca-key.pem").stat().st_mode & 0o777 == 0o600
    (tmp_path / "server").mkdir()
    server = make_pki(tmp_path / "server", ("unused",))  # the platform's own TLS identity
    tls = TlsFiles(
        str(server["srv"]), str(server["srv_key"]), str(ca / "ca.pem"), str(ca / "crl.pem")
    )
    with start_embedded(PlatformConfig(), tls=tls) as p:
        assert _get(p.base_url, server["ca"], tmp_path / "A7H3") == 200
        assert _get(p.base_url, server["ca"], tmp_path / "C012") == 200
        assert main(["revoke", "A7H3", "--ca-dir", str(ca)]) == 0
        assert "revoked 1" in capsys.readouterr().out
        # The platform re-reads the CRL within seconds; new handshakes then fail.
        deadline = time.monotonic() + 15
        while True:
            try:
                _get(p.base_url, server["ca"], tmp_path / "A7H3")
            except requests.exceptions.ConnectionError:
                break
            assert time.monotonic() < deadline, "the revoked certificate still gets in"
            time.sleep(0.5)
        assert _get(p.base_url, server["ca"], tmp_path / "C012") == 200
    assert main(["revoke", "A7H3", "--ca-dir", str(ca)]) == 1  # nothing left to revoke
    assert main(["crl", "--ca-dir", str(ca)]) == 0  # re-signed, still listing A7H3
    # A platform started after the revocation refuses it from the first handshake.
    with start_embedded(PlatformConfig(), tls=tls) as p:
        with pytest.raises(requests.exceptions.ConnectionError):
            _get(p.base_url, server["ca"], tmp_path / "A7H3")
        assert _get(p.base_url, server["ca"], tmp_path / "C012") == 200
