"""The test pcscd coexists with a system pcscd (socket-activated on Debian hosts).

A system daemon listening on /run/pcscd/pcscd.comm must neither stop the test
fixture ("another pcscd is already running") nor be the daemon the tests talk to.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.support import pcscd as support
from tests.support.pcscd import PcscdService

pytestmark = pytest.mark.integration


@pytest.mark.skipif(support.SOCKET_DIR is None, reason="needs root for a mount namespace")
def test_fixture_runs_beside_a_system_pcscd(tmp_path: Path) -> None:
    empty = tmp_path / "system-conf"
    empty.mkdir()
    binary = support.check_prerequisites()
    # The "system" daemon: default socket, no readers.
    system = subprocess.Popen(
        [binary, "-f", "-c", str(empty)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _wait(lambda: Path("/run/pcscd/pcscd.comm").exists()), "no system pcscd"
        with PcscdService(tmp_path / "ours") as ours:
            # Ours answers on the private socket, with its vpcd reader.
            assert ours.reader in (support._readers() or [])
            assert Path(os.environ["PCSCLITE_CSOCK_NAME"]).parent == support.SOCKET_DIR
        assert system.poll() is None, "the system pcscd was disturbed"
    finally:
        system.terminate()
        system.wait(10)


def _wait(cond, timeout: float = 5.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.02)
    return False
