"""A loopback TCP receipt printer: captures every byte and answers status like a real one.

It parses the incoming stream with the test parser (so real-time requests are
recognised at command boundaries only), answers ``DLE EOT n`` at once and
``GS r 1`` only once everything before it has been "printed" (never while the
paper is out or the cover open), and can misbehave on request: stay silent,
refuse connections, drop a connection part-way through a job, or run out of
paper after a number of bytes.

Like real thermal printers it has one print engine behind all connections:

- on paper out (or cover open) it *holds* what it has not printed, and prints
  it when paper is loaded (:meth:`load_paper`), answering any ``GS r`` that
  was waiting behind it; a driver that reprints without clearing the held data
  gets the receipt twice;
- the held data is discarded by the command its model honours
  (``clears_with``): Epson's real-time ``DLE DC4 fn 8``, or ``ESC @``;
- it can go silent for a while (or for good) after a job came in
  (``silent_after_job_s``): replies are delayed, not lost, like a busy printer;
- it can reset the connection once a job's last byte arrived
  (``reset_after_job``): the receipt prints, the client sees ECONNRESET.

:attr:`output` is what came out on paper; :meth:`receipts_printed` counts cuts.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from dataclasses import dataclass, field

from tests.integration.printer.escpos_parser import Command, ParseError, StreamParser, parse_receipt


@dataclass
class Connection:
    """What one client connection sent."""

    data: bytearray = field(default_factory=bytearray)
    # perf_counter() when the last non-status command arrived (the job's last byte).
    last_data_at: float | None = None
    parse_error: str | None = None


class LoopbackPrinter:
    """Serve on 127.0.0.1 (ephemeral port) from a background thread; ``stop()`` joins it."""

    def __init__(self) -> None:
        self.paper = "ok"  # "ok" | "near_end" | "out"
        self.cover_open = False
        self.silent = False  # never answer any status request
        self.drop_after_bytes: int | None = None  # reset the connection after this many bytes
        self.paper_out_after_bytes: int | None = None  # paper runs out after this many bytes
        # Stop reading after this many bytes (a printer whose buffer is full and not printing).
        self.stall_after_bytes: int | None = None
        self.clears_with = "dle_dc4"  # "dle_dc4" (Epson) | "esc_at" (most others) | "none"
        self.has_gs_r = True  # False: a model without GS r (it never answers one)
        self.silent_after_job_s: float | None = None  # busy after a job; inf = silent for good
        self.reset_after_job = False  # RST the connection once a job's cut arrived
        self.output: list[Command] = []  # printed on paper, in order
        self.presenter_events: list[bytes] = []  # GS e arguments: present / retract
        self.held: list[Command] = []  # received but not printed (paper out / cover open)
        self._waiting_gs_r: list[socket.socket] = []  # GS r queued behind held data
        self._silent_until = 0.0
        self._delayed: list[tuple[socket.socket, bytes]] = []
        self.connections: list[Connection] = []
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._clients: list[socket.socket] = []
        self._stopping = threading.Event()
        self._listener: socket.socket | None = None
        self.port = 0
        self._accept_thread: threading.Thread | None = None

    # -- lifecycle ----------------------------------------------------------------

    def start(self) -> LoopbackPrinter:
        """Listen (on the same port again after :meth:`refuse`)."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # A small receive window, like a printer's few-KB input buffer (inherited by clients).
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.bind(("127.0.0.1", self.port))
        sock.listen(8)
        sock.settimeout(0.1)
        self.port = sock.getsockname()[1]
        self._listener = sock
        self._stopping.clear()
        self._accept_thread = threading.Thread(target=self._accept_loop, daemon=True)
        self._accept_thread.start()
        return self

    def refuse(self) -> None:
        """Stop listening and reset open connections: new connects get ECONNREFUSED."""
        self._stopping.set()
        if self._accept_thread is not None:
            self._accept_thread.join(2)
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        with self._lock:
            clients, self._clients = self._clients, []
        for c in clients:
            _reset(c)
        for t in self._threads:
            t.join(2)
        self._threads.clear()

    def stop(self) -> None:
        """Shut everything down (fixture teardown)."""
        self.refuse()

    # -- results ------------------------------------------------------------------

    def jobs(self) -> list[bytes]:
        """Bytes of every connection that carried more than status requests."""
        with self._lock:
            return [bytes(c.data) for c in self.connections if c.last_data_at is not None]

    def receipts_printed(self) -> int:
        """Receipts that came out on paper (one cut each)."""
        with self._lock:
            return sum(1 for c in self.output if c.name == "GS V")

    def printed_text(self) -> str:
        """The text printed on paper so far."""
        with self._lock:
            return _text_of(self.output)

    def load_paper(self) -> None:
        """Paper is back: print what was held, then answer the GS r waiting behind it."""
        with self._lock:
            self.paper = "ok"
            if self.cover_open:
                return
            self.output += self.held
            self.held.clear()
            waiting, self._waiting_gs_r = self._waiting_gs_r, []
        for client in waiting:
            with contextlib.suppress(OSError):
                self._answer(client, b"\x00")

    def wait_for_connections(self, n: int, timeout: float = 2.0) -> None:
        """Wait until ``n`` connections have been seen."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.connections) >= n:
                    return
            time.sleep(0.01)

    # -- serving ------------------------------------------------------------------

    def _accept_loop(self) -> None:
        assert self._listener is not None
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn = Connection()
            with self._lock:
                self.connections.append(conn)
                self._clients.append(client)
            t = threading.Thread(target=self._serve, args=(client, conn), daemon=True)
            self._threads.append(t)
            t.start()

    def _serve(self, client: socket.socket, conn: Connection) -> None:
        parser = StreamParser()
        client.settimeout(0.1)
        received = 0
        try:
            while not self._stopping.is_set():
                self._flush_delayed()
                try:
                    chunk = client.recv(65536)
                except TimeoutError:
                    continue
                if not chunk:
                    return
                if (
                    self.drop_after_bytes is not None
                    and received + len(chunk) >= self.drop_after_bytes
                ):
                    keep = self.drop_after_bytes - received
                    with self._lock:
                        conn.data += chunk[:keep]
                    _reset(client)
                    return
                received += len(chunk)
                if self.stall_after_bytes is not None and received >= self.stall_after_bytes:
                    with self._lock:
                        conn.data += chunk
                    self._stopping.wait()
                    return
                with self._lock:
                    conn.data += chunk
                try:
                    commands = parser.feed(chunk)
                except ParseError as exc:
                    conn.parse_error = str(exc)
                    commands = []
                for i, cmd in enumerate(commands):
                    if (
                        self.paper_out_after_bytes is not None
                        and received >= self.paper_out_after_bytes
                        and i >= len(commands) // 2
                    ):
                        # The roll ends part-way through what this chunk carried.
                        self.paper = "out"
                    if self._handle(client, conn, cmd):
                        _reset(client)
                        return
        except OSError:
            return
        finally:
            with contextlib.suppress(OSError):
                client.close()

    def _handle(self, client: socket.socket, conn: Connection, cmd: Command) -> bool:
        """Act on one command; True when the connection is to be reset now."""
        stopped = self.paper == "out" or self.cover_open
        if cmd.name == "DLE EOT":
            self._answer(client, self._dle_eot(cmd.args[0]))
            return False
        if cmd.name.startswith("DLE DC4"):
            if cmd.name == "DLE DC4 8" and self.clears_with == "dle_dc4":
                with self._lock:
                    self.held.clear()
                    self._waiting_gs_r.clear()
            return False
        if cmd.name == "GS e":
            with self._lock:
                self.presenter_events.append(cmd.args)
            return False
        if cmd.name == "GS r":
            if not self.has_gs_r:
                return False
            if stopped:
                with self._lock:
                    self._waiting_gs_r.append(client)
            else:
                self._answer(client, bytes([0x03 if self.paper == "near_end" else 0]))
            return False
        conn.last_data_at = time.perf_counter()
        with self._lock:
            if stopped:
                if cmd.name == "ESC @" and self.clears_with == "esc_at":
                    self.held.clear()
                    self._waiting_gs_r.clear()
                else:
                    self.held.append(cmd)
            else:
                self.output.append(cmd)
        if cmd.name == "GS V":
            if self.silent_after_job_s is not None:
                self._silent_until = time.perf_counter() + self.silent_after_job_s
            return self.reset_after_job
        return False

    def _answer(self, client: socket.socket, reply: bytes) -> None:
        if self.silent:
            return
        if time.perf_counter() < self._silent_until:
            with self._lock:
                self._delayed.append((client, reply))
            return
        client.sendall(reply)

    def _flush_delayed(self) -> None:
        if not self._delayed or time.perf_counter() < self._silent_until:
            return
        with self._lock:
            delayed, self._delayed = self._delayed, []
        for client, reply in delayed:
            with contextlib.suppress(OSError):
                client.sendall(reply)

    def _dle_eot(self, n: int) -> bytes:
        out = self.paper == "out"
        if n == 1:
            return bytes([0x12 | (0x08 if out or self.cover_open else 0)])
        if n == 2:
            return bytes([0x12 | (0x04 if self.cover_open else 0) | (0x20 if out else 0)])
        if n == 3:
            return b"\x12"
        if n == 4:
            return bytes([0x12 | (0x60 if out else 0x0C if self.paper == "near_end" else 0)])
        return b""


def _text_of(commands: list[Command]) -> str:
    """Text of printed commands, via the receipt parser's rules."""
    return parse_receipt(b"".join(c.raw for c in commands)).text


def _reset(sock: socket.socket) -> None:
    """Close with RST, like a printer that is switched off mid-job."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()
