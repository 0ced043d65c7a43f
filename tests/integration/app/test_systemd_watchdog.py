"""The kiosk under a service manager: READY, WATCHDOG pings from a turning GUI, restart.

This test plays systemd: it owns the notify socket, starts the real `kiosk --demo`
(offscreen) with NOTIFY_SOCKET and WATCHDOG_USEC set, reads what arrives, freezes
the GUI thread on purpose (a test-only signal hook), sees the pings stop, kills the
process as systemd does when WatchdogSec runs out, starts it again and sees READY
and the pings come back. SIGTERM then ends it cleanly with STOPPING=1.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]
WATCHDOG_USEC = 2_000_000  # WatchdogSec=2: a ping every second
START_TIMEOUT_S = 90.0  # a cold start on a loaded 2-core CI machine


@pytest.fixture
def notify_socket(tmp_path: Path) -> Iterator[tuple[Path, socket.socket]]:
    path = tmp_path / "notify.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    yield path, sock
    sock.close()


def _start(notify: Path, data_dir: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(
        NOTIFY_SOCKET=str(notify),
        WATCHDOG_USEC=str(WATCHDOG_USEC),
        QT_QPA_PLATFORM="offscreen",
        KIOSK_TEST_FREEZE_ON_SIGUSR2="8",
        PYTHONPATH=str(ROOT),
    )
    env.pop("WATCHDOG_PID", None)
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--demo", "--windowed", "--data-dir", str(data_dir)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _receive(sock: socket.socket, until: float) -> list[str]:
    """Every message that arrives before `until` (monotonic)."""
    out: list[str] = []
    while (left := until - time.monotonic()) > 0:
        sock.settimeout(left)
        try:
            out.append(sock.recv(4096).decode())
        except TimeoutError:
            break
    return out


def _drain(sock: socket.socket) -> list[str]:
    """What is already queued in the socket (sent earlier, read only now)."""
    out: list[str] = []
    sock.setblocking(False)
    try:
        while True:
            out.append(sock.recv(4096).decode())
    except BlockingIOError:
        return out
    finally:
        sock.setblocking(True)


def _wait_for(sock: socket.socket, prefix: str, timeout: float) -> list[str]:
    """Messages up to and including the first that starts with `prefix`."""
    seen: list[str] = []
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        sock.settimeout(max(0.01, end - time.monotonic()))
        try:
            msg = sock.recv(4096).decode()
        except TimeoutError:
            break
        seen.append(msg)
        if msg.startswith(prefix):
            return seen
    raise AssertionError(f"no {prefix!r} within {timeout} s; got {seen}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.wait(10)


def test_pings_prove_the_gui_turns_and_resume_after_restart(
    notify_socket: tuple[Path, socket.socket], tmp_path: Path
) -> None:
    path, sock = notify_socket
    proc = _start(path, tmp_path / "data")
    try:
        ready = _wait_for(sock, "READY=1", START_TIMEOUT_S)
        assert "STATUS=" in ready[-1]
        pings = [m for m in _receive(sock, time.monotonic() + 3.5) if m == "WATCHDOG=1"]
        assert len(pings) >= 2, pings

        proc.send_signal(signal.SIGUSR2)  # the GUI thread sleeps 8 s
        time.sleep(3)  # the hook runs within a beat, then the pings run dry in stall_s
        _drain(sock)  # pings sent before the GUI had been silent for stall_s
        frozen = [m for m in _receive(sock, time.monotonic() + 3) if m == "WATCHDOG=1"]
        assert frozen == [], "pings went on while the GUI thread was frozen"
        assert proc.poll() is None

        # WatchdogSec ran out: systemd kills the service (SIGABRT) and starts it again.
        proc.send_signal(signal.SIGABRT)
        proc.wait(15)
    finally:
        _stop(proc)

    proc = _start(path, tmp_path / "data")
    try:
        _wait_for(sock, "READY=1", START_TIMEOUT_S)
        pings = [m for m in _receive(sock, time.monotonic() + 3.5) if m == "WATCHDOG=1"]
        assert len(pings) >= 2, pings

        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
        assert "STOPPING=1" in _receive(sock, time.monotonic() + 1)
    finally:
        _stop(proc)
