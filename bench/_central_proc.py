"""Start the reference platform as a child process for benchmarks (own core, own GIL)."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tests.support.central_process import central_process as _running
from tests.support.central_process import free_port

__all__ = ["central_process", "free_port"]


@contextlib.contextmanager
def central_process(db: Path, *extra: str) -> Iterator[str]:
    """Run ``python -m central.cli`` on a free loopback port; yields the base URL.

    The benchmark kiosks carry no credentials, so the platform runs in its explicit
    ``--insecure-dev`` mode (loopback only); its data key sits in a directory of its own.
    """
    with tempfile.TemporaryDirectory(prefix="central-keys-") as keys:
        args = ("--db", str(db), "--log-level", "warning", "--insecure-dev")
        with _running(*args, "--data-key", str(Path(keys) / "central-data.key"), *extra) as port:
            yield f"http://127.0.0.1:{port}"
