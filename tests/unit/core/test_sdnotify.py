"""The notify protocol, spoken to a socket this test owns as systemd would own it."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from kiosk.sdnotify import Notifier


@pytest.fixture
def manager(tmp_path: Path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    path = tmp_path / "notify.sock"
    sock.bind(str(path))
    sock.settimeout(2)
    yield path, sock
    sock.close()


def test_messages_reach_the_manager(manager) -> None:
    path, sock = manager
    n = Notifier({"NOTIFY_SOCKET": str(path)})
    assert n.enabled
    n.ready("home screen shown")
    assert sock.recv(4096) == b"READY=1\nSTATUS=home screen shown"
    n.watchdog()
    assert sock.recv(4096) == b"WATCHDOG=1"
    n.status("out of service")
    assert sock.recv(4096) == b"STATUS=out of service"
    n.stopping()
    assert sock.recv(4096) == b"STOPPING=1"
    n.close()


def test_abstract_namespace_address() -> None:
    name = f"zhengwu-test-{os.getpid()}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(b"\0" + name.encode())
    sock.settimeout(2)
    try:
        Notifier({"NOTIFY_SOCKET": "@" + name}).watchdog()
        assert sock.recv(64) == b"WATCHDOG=1"
    finally:
        sock.close()


def test_without_a_manager_nothing_happens() -> None:
    n = Notifier({})
    assert not n.enabled and n.watchdog_interval_s is None
    n.ready()
    n.watchdog()  # no socket, no error


def test_a_vanished_manager_does_not_raise(tmp_path: Path) -> None:
    n = Notifier({"NOTIFY_SOCKET": str(tmp_path / "gone.sock")})
    n.watchdog()
    n.watchdog()


def test_watchdog_interval_is_half_of_watchdog_sec() -> None:
    assert Notifier({"WATCHDOG_USEC": "30000000"}).watchdog_interval_s == 15.0
    mine = str(os.getpid())
    assert Notifier({"WATCHDOG_USEC": "4000000", "WATCHDOG_PID": mine}).watchdog_interval_s == 2.0
    # Meant for another process (our parent): not ours to answer.
    assert Notifier({"WATCHDOG_USEC": "4000000", "WATCHDOG_PID": "1"}).watchdog_interval_s is None
    assert Notifier({"WATCHDOG_USEC": "0"}).watchdog_interval_s is None
