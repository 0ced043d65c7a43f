"""Run the real pcscd with the vpcd virtual reader as a child process.

The daemon runs in the foreground (``pcscd -f``) so it stays our child and can be
stopped for certain; its reader configuration lives in a private directory (``-c``)
with vpcd on free ports, so a test can restart it with or without the reader.

Its socket is private too. Debian's pcscd always listens on /run/pcscd/pcscd.comm,
which a socket-activated system pcscd or a second test run on the same machine
would share. So, where we may (root, as in CI), pcscd runs in its own mount
namespace with a private directory bound over /run/pcscd, and this process (and
its children) reach it through ``PCSCLITE_CSOCK_NAME``, which the client library
reads once, before its first context: hence it is set when this module is imported.
"""

from __future__ import annotations

import atexit
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
RUN_DIR = Path("/run/pcscd")
READER = "Virtual PCD 00 00"


def _private_socket_dir() -> Path | None:
    """A per-run directory for pcscd's socket, or None where we cannot have one."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return None
    inherited = os.environ.get("PCSCLITE_CSOCK_NAME")
    if inherited:  # a child of a test run: the parent's pcscd, the parent's socket
        return Path(inherited).parent
    d = Path(tempfile.mkdtemp(prefix="zhengwu-pcscd-"))
    os.environ["PCSCLITE_CSOCK_NAME"] = str(d / "pcscd.comm")
    atexit.register(shutil.rmtree, d, True)
    return d


SOCKET_DIR = _private_socket_dir()


class PcscSetupError(RuntimeError):
    """The machine lacks something the PC/SC tests need; the message says what."""


def check_prerequisites() -> str:
    """The pcscd path, or a PcscSetupError naming the Debian package to install."""
    pcscd = shutil.which("pcscd") or (
        "/usr/sbin/pcscd" if Path("/usr/sbin/pcscd").exists() else None
    )
    if pcscd is None:
        raise PcscSetupError("pcscd is not installed: apt-get install pcscd")
    if not VPCD_DRIVER.exists():
        raise PcscSetupError(
            f"the vpcd reader driver ({VPCD_DRIVER}) is missing: apt-get install vsmartcard-vpcd"
        )
    try:
        RUN_DIR.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PcscSetupError(f"pcscd needs a writable {RUN_DIR}: {exc}") from exc
    if not os.access(RUN_DIR, os.W_OK):
        raise PcscSetupError(f"pcscd needs a writable {RUN_DIR} (run as root or chown it)")
    return pcscd


def _free_port_pair() -> int:
    """A port p with p and p+1 free (vpcd opens one port per slot, two slots).

    Picked below the kernel's ephemeral range so outgoing connections cannot take it.
    """
    rng = random.Random()
    for _ in range(200):
        port = rng.randrange(20000, 30000, 2)
        try:
            with socket.socket() as a, socket.socket() as b:
                a.bind(("0.0.0.0", port))
                b.bind(("0.0.0.0", port + 1))
        except OSError:
            continue
        return port
    raise PcscSetupError("no free TCP port pair for vpcd")


def _readers() -> list[str] | None:
    """Reader names via a fresh context; None while the service is unreachable."""
    from smartcard import scard

    hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hr != scard.SCARD_S_SUCCESS:
        return None
    try:
        hr, names = scard.SCardListReaders(ctx, [])
        if hr == scard.SCARD_E_NO_READERS_AVAILABLE:
            return []
        return [str(n) for n in names] if hr == scard.SCARD_S_SUCCESS else None
    finally:
        scard.SCardReleaseContext(ctx)


class PcscdService:
    """pcscd with a vpcd reader on a private port. Use as a context manager."""

    def __init__(self, workdir: Path) -> None:
        self.binary = check_prerequisites()
        self.workdir = workdir
        self.port = _free_port_pair()
        self.confdir = workdir / "reader.conf.d"
        self.emptydir = workdir / "reader.conf.d-empty"
        self.log = workdir / "pcscd.log"
        self.confdir.mkdir(parents=True, exist_ok=True)
        self.emptydir.mkdir(parents=True, exist_ok=True)
        (self.confdir / "vpcd").write_text(
            'FRIENDLYNAME "Virtual PCD"\n'
            f"DEVICENAME   /dev/null:0x{self.port:04X}\n"
            f"LIBPATH      {VPCD_DRIVER}\n"
            f"CHANNELID    0x{self.port:04X}\n"
        )
        self.proc: subprocess.Popen[bytes] | None = None
        self.reader = READER

    def start(self, *, with_reader: bool = True, timeout_s: float = 10.0) -> None:
        """Start pcscd and wait until pyscard sees the reader (or the empty service)."""
        if self.proc is not None:
            raise PcscSetupError("pcscd already started")
        if _readers() is not None:
            where = SOCKET_DIR or RUN_DIR
            raise PcscSetupError(
                f"another pcscd is already listening in {where}; stop it first "
                "(systemctl stop pcscd.socket pcscd)"
            )
        conf = self.confdir if with_reader else self.emptydir
        argv = [self.binary, "-f", "-e", "-c", str(conf)]
        if SOCKET_DIR is not None:
            # unshare and sh both exec, so the Popen's pid is pcscd's own.
            argv = [
                "unshare",
                "--mount",
                "sh",
                "-c",
                'mount --make-rprivate / && mount --bind "$0" /run/pcscd && exec "$@"',
                str(SOCKET_DIR),
                *argv,
            ]
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                argv,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise PcscSetupError(f"pcscd exited with {self.proc.returncode}; see {self.log}")
            names = _readers()
            if names is not None and (not with_reader or self.reader in names):
                return
            time.sleep(0.02)
        self.stop()
        raise PcscSetupError(f"pcscd did not become ready in {timeout_s} s; see {self.log}")

    def stop(self) -> None:
        """Stop pcscd and reap it (no zombie, no orphan)."""
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        # Wait until the socket is really gone, so a restart cannot race the old daemon.
        deadline = time.monotonic() + 5
        while _readers() is not None and time.monotonic() < deadline:
            time.sleep(0.02)

    def restart(self, *, with_reader: bool = True) -> None:
        """Stop and start again, as an administrator or a crash-restart would."""
        self.stop()
        self.start(with_reader=with_reader)

    def wait_card(self, present: bool, timeout_s: float = 15.0) -> None:
        """Wait until pcscd itself sees the card in (or out of) the vpcd reader.

        vpcd notices a vanished card on its next presence poll; without this a
        following test could meet the previous card's ghost.
        """
        from smartcard import scard

        deadline = time.monotonic() + timeout_s
        hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if hr != scard.SCARD_S_SUCCESS:
            return
        try:
            while time.monotonic() < deadline:
                hr, states = scard.SCardGetStatusChange(
                    ctx, 0, [(self.reader, scard.SCARD_STATE_UNAWARE)]
                )
                if hr != scard.SCARD_S_SUCCESS:
                    return
                if bool(states[0][1] & scard.SCARD_STATE_PRESENT) == present:
                    return
                time.sleep(0.02)
        finally:
            scard.SCardReleaseContext(ctx)
        raise PcscSetupError(f"card {'insertion' if present else 'removal'} not seen by pcscd")

    @property
    def running(self) -> bool:
        """True while our pcscd child is alive."""
        return self.proc is not None and self.proc.poll() is None

    def __enter__(self) -> PcscdService:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
