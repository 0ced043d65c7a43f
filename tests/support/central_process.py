"""``kiosk-central`` as a child process on a free loopback port, for tests and benchmarks
that need the platform in a process of its own (its own GIL, a real restart)."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def central_process(*args: str, port: int | None = None) -> Iterator[int]:
    """Run ``python -m central.cli --port PORT ARGS…``; yields the port once it accepts
    connections; terminated (then killed) on exit."""
    port = port or free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "central.cli", "--port", str(port), *args], cwd=ROOT
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError("kiosk-central exited at start") from None
                if time.monotonic() > deadline:
                    raise RuntimeError("kiosk-central did not start") from None
                time.sleep(0.05)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
