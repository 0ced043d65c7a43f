"""A throwaway PostgreSQL cluster: ``initdb`` in a temporary directory, the server on
a Unix socket in that directory (no TCP port), stopped and gone afterwards.

initdb refuses to run as root; as root the cluster is made and run by the
``postgres`` system user (Debian's package creates it), which owns the directory.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def available() -> bool:
    """Whether initdb and pg_ctl are installed (Debian package ``postgresql``)."""
    return _bin("initdb") is not None and _bin("pg_ctl") is not None


@contextlib.contextmanager
def throwaway_cluster(d: Path) -> Iterator[str]:
    """Run a fresh cluster under ``d``; yields a ``postgresql://`` URL for it."""
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    assert initdb and pg_ctl, "install the Debian package postgresql"
    prefix: list[str] = []
    own: Path | None = None
    if os.geteuid() == 0:
        # The postgres user cannot enter root's private temp directories (pytest's
        # tmp_path is 0700): the cluster gets a directory of its own in /tmp.
        own = d = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        user = pwd.getpwnam("postgres")
        os.chown(d, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    d.mkdir(parents=True, exist_ok=True)
    data, sock = d / "data", d / "sock"
    if prefix:
        subprocess.run([*prefix, "mkdir", str(sock)], check=True, timeout=30)
    else:
        sock.mkdir()
    run = {"check": True, "capture_output": True, "timeout": 120}
    subprocess.run(
        [*prefix, initdb, "-D", str(data), "-A", "trust", "-U", "kiosk", "--no-sync", "-E", "UTF8"],
        **run,
    )
    opts = f"-k {sock} -c listen_addresses='' -c fsync=off -c max_connections=40"
    subprocess.run([*prefix, pg_ctl, "-D", str(data), "-o", opts, "-w", "-l",
                    str(d / "server.log"), "start"], **run)  # fmt: skip
    try:
        yield f"postgresql://kiosk@/postgres?host={sock}"
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"],
                       check=False, capture_output=True, timeout=60)  # fmt: skip
        if own is not None:
            shutil.rmtree(own, ignore_errors=True)
