"""mTLS: the platform requires a client certificate; the agent verifies the platform
against the configured CA and presents the kiosk's certificate. Certificates are
generated here with ``cryptography``."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from central.embedded import TlsFiles
from kiosk.sync import ManualClock
from offline_cache.outbox_protocol import Outbox
from tests.support.tls_pki import make_pki

from .conftest import drive, enqueue

pytestmark = pytest.mark.integration

# A kiosk id that is also a valid kiosk code: its tracking numbers start with it.
KIOSK = "A001"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    files = make_pki(tmp_path_factory.mktemp("pki"), (KIOSK,))
    return {**files, "cli": files[KIOSK], "cli_key": files[KIOSK + "_key"]}


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
