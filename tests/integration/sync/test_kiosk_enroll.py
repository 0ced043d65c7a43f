"""``kiosk enroll`` end to end: ``kiosk-central ca-init`` → ``kiosk-central enroll`` →
``kiosk enroll`` → the kiosk's real sync agent, configured from the file ``kiosk enroll``
edited, delivers over HTTPS with mutual TLS to a platform running as its own process;
after ``kiosk-central revoke`` that certificate is refused. Bundles that do not fit the
kiosk (another kiosk's, a key that is not the certificate's, expired, another CA) are
refused with one calm line and nothing is installed."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from cryptography import x509

from central.cli import main as central_main
from central.enroll import FleetCA
from kiosk import enroll as kiosk_enroll
from kiosk.backend import sync_config
from kiosk.cli import main as kiosk_main
from kiosk.settings import load_settings
from kiosk.sync import ManualClock, SyncAgent
from offline_cache.outbox_protocol import Outbox
from tests.support.central_process import central_process
from tests.support.tls_pki import make_pki

from .conftest import drive, enqueue

pytestmark = pytest.mark.integration

KIOSK = "A7H3"


def kiosk_config(path: Path, base_url: str, code: str = KIOSK) -> Path:
    """A kiosk configuration as a technician starts from (comments kept by enroll)."""
    path.write_text(
        f'[kiosk]\ncode = "{code}"\n\n'
        f'[platform]\nmode = "remote"\nbase_url = "{base_url}"  # the province platform\n'
        "batch_size = 20\n\n"
        f'[storage]\ndata_dir = "{path.parent / "data"}"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def fleet(tmp_path: Path) -> dict[str, Path]:
    """A fleet CA with kiosk A7H3 enrolled into ``bundle`` (as an operator would)."""
    ca = tmp_path / "ca"
    assert central_main(["ca-init", "--ca-dir", str(ca)]) == 0
    bundle = tmp_path / "bundle"
    assert central_main(["enroll", KIOSK, "--ca-dir", str(ca), "--out", str(bundle)]) == 0
    return {"ca": ca, "bundle": bundle}


@pytest.fixture
def platform_process(tmp_path: Path, fleet: dict[str, Path]) -> Iterator[dict[str, object]]:
    """``kiosk-central`` as a child process: HTTPS, client certificates from the fleet CA,
    its CRL, an admin token; its server certificate comes from a CA of its own."""
    server = make_pki(tmp_path, ("unused",))
    (tmp_path / "central-keys").mkdir()
    admin = secrets.token_urlsafe(32)
    token_file = tmp_path / "central-keys" / "admin.token"
    token_file.write_text(admin, encoding="utf-8")
    with central_process(
        "--db", str(tmp_path / "central.sqlite3"),
        "--data-key", str(tmp_path / "central-keys" / "data.key"),
        "--tls-cert", str(server["srv"]), "--tls-key", str(server["srv_key"]),
        "--client-ca", str(fleet["ca"] / "ca.pem"), "--crl", str(fleet["ca"] / "crl.pem"),
        "--admin-token-file", str(token_file), "--log-level", "warning",
    ) as port:  # fmt: skip
        yield {"url": f"https://127.0.0.1:{port}", "server_ca": server["ca"], "admin": admin}


def stored(platform: dict[str, object], cert: tuple[str, str]) -> list[str]:
    """Idempotency keys the platform holds (admin route; the TLS layer wants a certificate)."""
    r = requests.get(
        f"{platform['url']}/admin/submissions",
        headers={"X-Admin-Token": str(platform["admin"])},
        verify=str(platform["server_ca"]),
        cert=cert,
        timeout=10,
    )
    r.raise_for_status()
    return [s["idempotency_key"] for s in r.json()["submissions"]]


def test_enrolled_kiosk_delivers_over_mtls_until_revoked(
    tmp_path: Path,
    fleet: dict[str, Path],
    platform_process: dict[str, object],
    outbox: Outbox,
    clock: ManualClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = kiosk_config(tmp_path / "kiosk.toml", str(platform_process["url"]))
    args = ["enroll", str(fleet["bundle"]), "--config", str(config)]
    assert kiosk_main([*args, "--platform-ca", str(platform_process["server_ca"])]) == 0
    out = capsys.readouterr().out
    assert f"kiosk {KIOSK}: certificate" in out and "updated" in out

    settings = load_settings(config)
    keys = tmp_path / "data-keys"  # beside the data directory, never inside it
    cert, key = settings.platform.client_cert, settings.platform.client_key
    assert cert is not None and key is not None and settings.platform.ca_bundle is not None
    assert cert.parent == key.parent == settings.platform.ca_bundle.parent == keys
    assert key.stat().st_mode & 0o777 == 0o600 and keys.stat().st_mode & 0o777 == 0o700
    assert key.read_bytes() == (fleet["bundle"] / "kiosk-key.pem").read_bytes()
    assert not list(tmp_path.glob("data/**/*.pem"))
    text = config.read_text(encoding="utf-8")
    assert "# the province platform" in text and "batch_size = 20" in text  # comments kept
    assert kiosk_enroll.certificate_warnings(settings, dt.datetime.now(dt.UTC)) == []

    # The kiosk's own agent, built from the edited file as the app builds it.
    ids = enqueue(outbox, 3, clock.now(), prefix=KIOSK + "-")
    agent = SyncAgent(sync_config(settings, str(platform_process["url"])), outbox, clock=clock)
    try:
        drive(agent, clock, outbox)
        assert agent.online is True
    finally:
        agent.stop()
    assert stored(platform_process, (str(cert), str(key))) == ids

    # Revoked: the platform re-reads its CRL and refuses the certificate's new handshakes.
    assert central_main(["revoke", KIOSK, "--ca-dir", str(fleet["ca"])]) == 0
    later = enqueue(outbox, 1, clock.now(), prefix=KIOSK + "-9")
    deadline = time.monotonic() + 20
    while True:
        errors: list[object] = []
        agent = SyncAgent(sync_config(settings, str(platform_process["url"])), outbox, clock=clock)
        agent.add_error_listener(errors.append)
        try:
            agent.run_once()
        finally:
            agent.stop()
        if errors and agent.online is False:
            break
        assert time.monotonic() < deadline, "the revoked certificate still gets in"
        time.sleep(0.5)
    assert outbox.stats(clock.now()).pending + outbox.stats(clock.now()).failed == len(later)
    # Another kiosk, still enrolled, is let in (the refusal is the revocation, not the platform).
    other = tmp_path / "other"
    assert central_main(["enroll", "C012", "--ca-dir", str(fleet["ca"]), "--out", str(other)]) == 0
    assert stored(platform_process, (str(other / "kiosk-cert.pem"), str(other / "kiosk-key.pem")))


def refused(tmp_path: Path, bundle: Path, capsys: pytest.CaptureFixture[str], **kw: str) -> str:
    """Run ``kiosk enroll`` expecting a refusal; returns its one line. Nothing is installed."""
    config = kiosk_config(tmp_path / "kiosk.toml", "https://platform.invalid/", **kw)
    before = config.read_bytes()
    assert kiosk_main(["enroll", str(bundle), "--config", str(config)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert config.read_bytes() == before
    assert not list((tmp_path / "data-keys").glob("kiosk-*.pem"))
    return err


def test_another_kiosks_certificate_is_refused(
    tmp_path: Path, fleet: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(tmp_path, fleet["bundle"], capsys, code="C012")
    assert err == (
        "kiosk enroll: the certificate is for kiosk 'A7H3', but this kiosk is 'C012'"
        " ([kiosk] code in the configuration)"
    )


def test_a_key_that_is_not_the_certificates_is_refused(
    tmp_path: Path, fleet: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other"
    FleetCA(fleet["ca"]).enroll(KIOSK, other)
    os.replace(other / "kiosk-key.pem", fleet["bundle"] / "kiosk-key.pem")
    err = refused(tmp_path, fleet["bundle"], capsys)
    assert err == "kiosk enroll: the key does not belong to the certificate"


def test_an_expired_certificate_is_refused(
    tmp_path: Path, fleet: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    FleetCA(fleet["ca"]).enroll(KIOSK, fleet["bundle"], days=0)  # expires as it is issued
    err = refused(tmp_path, fleet["bundle"], capsys)
    today = dt.datetime.now(dt.UTC).date().isoformat()
    assert err == f"kiosk enroll: the certificate expired on {today}"


def test_a_certificate_from_another_ca_is_refused(
    tmp_path: Path, fleet: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    FleetCA.init(tmp_path / "ca2", name="Another fleet")
    (fleet["bundle"] / "fleet-ca.pem").write_bytes((tmp_path / "ca2" / "ca.pem").read_bytes())
    err = refused(tmp_path, fleet["bundle"], capsys)
    assert err == "kiosk enroll: the certificate was not issued by the fleet CA (CN=Another fleet)"


def test_a_bundle_from_a_new_fleet_ca_needs_saying_so(
    tmp_path: Path, fleet: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    config = kiosk_config(tmp_path / "kiosk.toml", "https://platform.invalid/")
    assert kiosk_main(["enroll", str(fleet["bundle"]), "--config", str(config)]) == 0
    first = load_settings(config).platform.client_cert
    FleetCA.init(tmp_path / "ca2", name="Another fleet")
    FleetCA(tmp_path / "ca2").enroll(KIOSK, tmp_path / "b2")
    capsys.readouterr()
    assert kiosk_main(["enroll", str(tmp_path / "b2"), "--config", str(config)]) == 2
    assert "not the fleet CA this kiosk was enrolled with" in capsys.readouterr().err
    assert load_settings(config).platform.client_cert == first
    assert kiosk_main(["enroll", str(tmp_path / "b2"), "--config", str(config), "--new-ca"]) == 0
    now = load_settings(config).platform.client_cert
    assert now is not None and now != first and first is not None and not first.exists()


def test_a_read_only_configuration_gets_the_lines_to_set(
    tmp_path: Path,
    fleet: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = kiosk_config(tmp_path / "kiosk.toml", "https://platform.invalid/")
    before = config.read_bytes()
    # As in the Debian package (/etc, root's): a file this user cannot replace. The
    # tests run as root, whom no mode stops, so the check itself is what is replaced.
    monkeypatch.setattr(kiosk_enroll, "config_writable", lambda path: False)
    assert kiosk_main(["enroll", str(fleet["bundle"]), "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert config.read_bytes() == before
    keys = tmp_path / "data-keys"
    (cert,) = keys.glob("kiosk-*-cert.pem")
    (key,) = keys.glob("kiosk-*-key.pem")
    assert f"{config} is read-only here: set these lines in its [platform] section:" in out
    assert f'    client_cert = "{cert}"\n    client_key = "{key}"\n' in out
    assert f"kiosk --check-config {config}" in out


def test_check_config_warns_about_the_configured_certificate(
    tmp_path: Path, fleet: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    config = kiosk_config(tmp_path / "kiosk.toml", "https://platform.invalid/")
    assert kiosk_main(["enroll", str(fleet["bundle"]), "--config", str(config)]) == 0
    config.write_text(config.read_text().replace(f'code = "{KIOSK}"', 'code = "C012"'))
    settings = load_settings(config)
    now = dt.datetime.now(dt.UTC)
    (warning,) = kiosk_enroll.certificate_warnings(settings, now)
    assert warning.endswith("the certificate is for kiosk 'A7H3', but this kiosk is 'C012'"
                            " ([kiosk] code in the configuration)")  # fmt: skip
    # Close to its end the certificate is still used, with a reminder to enrol again.
    config.write_text(config.read_text().replace('code = "C012"', f'code = "{KIOSK}"'))
    soon = load_settings(config)
    assert soon.platform.client_cert is not None
    end = x509.load_pem_x509_certificate(soon.platform.client_cert.read_bytes()).not_valid_after_utc
    (reminder,) = kiosk_enroll.certificate_warnings(soon, end - dt.timedelta(days=3))
    assert reminder.endswith(f"expires on {end:%Y-%m-%d}: enrol again soon")
