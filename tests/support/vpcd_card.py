"""A card for the real pcscd: speaks the vpcd protocol over TCP for an :class:`IcaoChip`.

vpcd (Debian's vsmartcard-vpcd) listens on a TCP port per virtual reader; a connected
client *is* the card in that reader. So ``insert()`` connects, ``remove()`` closes,
and a configured "pull" closes the connection in the middle of a read.

Wire format: 2-byte big-endian length, then payload. A 1-byte payload is a control
code (0 power off, 1 power on, 2 reset, 4 get ATR); anything else is an APDU.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time

from tests.support.icao_chip import IcaoChip

# TS=3B, T0=80, TD1=80, TD2=01 (T=1), TCK=01: a minimal T=1 ATR.
ATR = bytes.fromhex("3B80800101")
_CTRL_OFF, _CTRL_ON, _CTRL_RESET, _CTRL_ATR = 0, 1, 2, 4


class VirtualCard:
    """An ICAO chip that can be inserted into and pulled from a vpcd reader."""

    def __init__(self, chip: IcaoChip, port: int, host: str = "127.0.0.1") -> None:
        self.chip = chip
        self.port = port
        self.host = host
        self.connected = threading.Event()
        self.pulled = threading.Event()  # set when the chip's pull point was reached
        self.silent = threading.Event()  # set when the chip went mute mid-command
        self.apdus = 0
        self._inserted = False
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def inserted(self) -> bool:
        """True while the card is meant to be in the reader (reconnects if vpcd restarts)."""
        return self._inserted

    def insert(self) -> None:
        """Put the card in the reader (returns at once; pcscd notices within ~0.5 s)."""
        with self._lock:
            if self._inserted:
                return
            self._inserted = True
            self.pulled.clear()
            self.silent.clear()
            self._thread = threading.Thread(target=self._run, name="vpcd-card", daemon=True)
            self._thread.start()

    def remove(self) -> None:
        """Take the card out."""
        with self._lock:
            self._inserted = False
            self._close()
            thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)

    def _close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.connected.clear()

    def _run(self) -> None:
        while self._inserted:
            try:
                sock = socket.create_connection((self.host, self.port), timeout=1.0)
            except OSError:
                time.sleep(0.05)  # vpcd not listening (pcscd down or restarting)
                continue
            sock.settimeout(None)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                if not self._inserted:
                    sock.close()
                    return
                self._sock = sock
            self.connected.set()
            try:
                self._serve(sock)
            except OSError:
                pass
            finally:
                with self._lock:
                    if self._sock is sock:
                        self._close()
            if self.pulled.is_set():
                return

    def _serve(self, sock: socket.socket) -> None:
        while self._inserted:
            header = _recv_exact(sock, 2)
            if header is None:
                return
            payload = _recv_exact(sock, int.from_bytes(header, "big"))
            if payload is None:
                return
            if len(payload) == 1:
                code = payload[0]
                if code in (_CTRL_OFF, _CTRL_ON, _CTRL_RESET):
                    self.chip.reset()
                elif code == _CTRL_ATR:
                    sock.sendall(len(ATR).to_bytes(2, "big") + ATR)
                continue
            if self.chip.should_pull():
                self.pulled.set()
                self._inserted = False
                return  # the connection closes: pcscd sees the card leave mid-APDU
            if self.chip.config.delay_s:
                time.sleep(self.chip.config.delay_s)
            if self.chip.goes_mute():
                self._stay_silent()
                return
            self.apdus += 1
            response = self.chip.process(payload)
            if self.chip.muted:
                self._stay_silent()
                return
            sock.sendall(len(response).to_bytes(2, "big") + response)

    def _stay_silent(self) -> None:
        # A mute chip: the command was taken and no answer ever comes, while the card
        # stays in the field (the connection stays open) until it is taken out.
        self.silent.set()
        while self._inserted:
            time.sleep(0.02)


def _recv_exact(sock: socket.socket, n: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < n:
        _quickack(sock)
        chunk = sock.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def _quickack(sock: socket.socket) -> None:
    # Linux clears TCP_QUICKACK after use; without it each APDU waits ~40 ms for
    # a delayed ACK (see the PC/SC field notes).
    quickack = getattr(socket, "TCP_QUICKACK", None)
    if quickack is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, quickack, 1)
