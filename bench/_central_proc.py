"""Start the reference platform as a child process for benchmarks (own core, own GIL)."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import requests


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def central_process(db: Path, *extra: str) -> Iterator[str]:
    """Run ``python -m central.cli`` on a free loopback port; yields the base URL.

    The benchmark kiosks carry no credentials, so the platform runs in its explicit
    ``--insecure-dev`` mode (loopback only); its data key sits in a directory of its own.
    """
    port = free_port()
    root = Path(__file__).resolve().parent.parent
    keys = tempfile.TemporaryDirectory(prefix="central-keys-")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "central.cli",
            "--port",
            str(port),
            "--db",
            str(db),
            "--log-level",
            "warning",
            "--insecure-dev",
            "--data-key",
            str(Path(keys.name) / "central-data.key"),
            *extra,
        ],
        cwd=root,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                requests.get(url + "/v1/capabilities", timeout=1)
                break
            except requests.ConnectionError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("central did not start") from None
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        keys.cleanup()
