"""Byte links to a printer over the python-escpos transports, with short read timeouts.

python-escpos implements each transport as "open, raw write, read"; its reads
block for the transport timeout (60 s on a network printer). Each link here
wraps one python-escpos transport for opening and writing and does its own
timed read, so a silent printer costs a fraction of a second, not a minute.
Links raise ``OSError`` (or :class:`LinkError`) when the device is unreachable;
the printer driver turns that into a status value.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import socket
import termios
import time
from dataclasses import dataclass
from typing import Any, Protocol


class LinkError(OSError):
    """The device could not be opened or the connection broke."""


class Link(Protocol):
    """A bidirectional byte channel to one printer."""

    def open(self) -> None:
        """Connect / claim the device (raises LinkError)."""
        ...

    def write(self, data: bytes) -> None:
        """Send all bytes (raises OSError when the link breaks)."""
        ...

    def read(self, timeout: float) -> bytes:
        """Up to a few bytes, waiting at most ``timeout`` s; b"" when nothing came."""
        ...

    def close(self) -> None:
        """Release the device; safe to call twice."""
        ...

    @property
    def bidirectional(self) -> bool:
        """False for write-only devices that cannot report status."""
        ...


@dataclass(frozen=True, slots=True)
class NetworkConfig:
    """A printer on TCP (usually port 9100, "raw" / JetDirect)."""

    host: str
    port: int = 9100
    connect_timeout_s: float = 1.0
    # Per 4 KB chunk (the driver writes in chunks): a printer that stops reading
    # mid-job (paper out with a full buffer) is reported after this, not after 60 s.
    write_timeout_s: float = 1.5


@dataclass(frozen=True, slots=True)
class SerialConfig:
    """A printer on a serial port (RS-232 or USB-serial)."""

    device: str  # e.g. /dev/ttyUSB0
    baudrate: int = 9600
    bytesize: int = 8
    parity: str = "N"
    stopbits: int = 1
    rtscts: bool = False  # hardware flow control; python-escpos exposes DSR/DTR and XON/XOFF
    dsrdtr: bool = True
    xonxoff: bool = False
    write_timeout_s: float = 10.0


@dataclass(frozen=True, slots=True)
class UsbConfig:
    """A USB printer class device, claimed through pyusb (needs a udev rule for access)."""

    vendor_id: int
    product_id: int
    in_ep: int = 0x82
    out_ep: int = 0x01
    write_timeout_ms: int = 10_000


@dataclass(frozen=True, slots=True)
class FileConfig:
    """A device file such as /dev/usb/lp0 (usblp kernel driver)."""

    path: str
    # usblp supports reads for status; set False for write-only paths (a plain file, a FIFO).
    bidirectional: bool = True


PrinterConfig = NetworkConfig | SerialConfig | UsbConfig | FileConfig


class NetworkLink:
    """TCP via python-escpos ``Network``; reads on the socket with a per-call timeout."""

    def __init__(self, config: NetworkConfig) -> None:
        self.config = config
        self._printer: Any = None
        self._sock: socket.socket | None = None

    @property
    def bidirectional(self) -> bool:
        return True

    def open(self) -> None:
        from escpos.exceptions import DeviceNotFoundError
        from escpos.printer import Network

        self.close()
        printer = Network(self.config.host, self.config.port, timeout=self.config.connect_timeout_s)
        try:
            printer.open()
        except DeviceNotFoundError as exc:
            raise LinkError(f"cannot connect to {self.config.host}:{self.config.port}") from exc
        sock: socket.socket = printer.device
        sock.settimeout(self.config.write_timeout_s)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._printer, self._sock = printer, sock

    def write(self, data: bytes) -> None:
        if self._printer is None:
            raise LinkError("not open")
        self._printer._raw(data)

    def read(self, timeout: float) -> bytes:
        sock = self._sock
        if sock is None:
            raise LinkError("not open")
        sock.settimeout(max(timeout, 0.001))
        try:
            data = sock.recv(16)
        except TimeoutError:
            return b""
        finally:
            with contextlib.suppress(OSError):
                sock.settimeout(self.config.write_timeout_s)
        if not data:
            raise LinkError("printer closed the connection")
        return data

    def unsent(self) -> int | None:
        """Bytes written but not yet acknowledged by the printer's TCP stack."""
        sock = self._sock
        if sock is None:
            return None
        try:
            raw = fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, b"\0\0\0\0")
        except OSError:
            return None
        return int.from_bytes(raw, "little", signed=True)

    def close(self) -> None:
        printer, self._printer, self._sock = self._printer, None, None
        if printer is not None:
            with contextlib.suppress(OSError):
                printer.close()


class SerialLink:
    """Serial port via python-escpos ``Serial`` (pyserial)."""

    def __init__(self, config: SerialConfig) -> None:
        self.config = config
        self._printer: Any = None

    @property
    def bidirectional(self) -> bool:
        return True

    def open(self) -> None:
        from escpos.exceptions import DeviceNotFoundError
        from escpos.printer import Serial

        self.close()
        c = self.config
        printer = Serial(
            devfile=c.device,
            baudrate=c.baudrate,
            bytesize=c.bytesize,
            timeout=0.1,
            parity=c.parity,
            stopbits=c.stopbits,
            xonxoff=c.xonxoff,
            dsrdtr=c.dsrdtr,
        )
        try:
            printer.open()
        except DeviceNotFoundError as exc:
            raise LinkError(f"cannot open {c.device}") from exc
        printer.device.write_timeout = c.write_timeout_s
        printer.device.rtscts = c.rtscts
        self._printer = printer

    def write(self, data: bytes) -> None:
        if self._printer is None:
            raise LinkError("not open")
        try:
            self._printer._raw(data)
        except Exception as exc:  # pyserial's SerialException/SerialTimeoutException
            raise LinkError(f"serial write failed: {type(exc).__name__}") from exc

    def read(self, timeout: float) -> bytes:
        if self._printer is None:
            raise LinkError("not open")
        ser = self._printer.device
        ser.timeout = timeout
        try:
            return bytes(ser.read(1))
        except Exception as exc:
            raise LinkError(f"serial read failed: {type(exc).__name__}") from exc

    def close(self) -> None:
        printer, self._printer = self._printer, None
        if printer is not None:
            with contextlib.suppress(Exception):
                printer.close()


class UsbLink:
    """USB via python-escpos ``Usb`` (pyusb); bulk IN read with a millisecond timeout."""

    def __init__(self, config: UsbConfig) -> None:
        self.config = config
        self._printer: Any = None

    @property
    def bidirectional(self) -> bool:
        return True

    def open(self) -> None:
        from escpos.exceptions import DeviceNotFoundError
        from escpos.printer import Usb

        self.close()
        c = self.config
        printer = Usb(
            idVendor=c.vendor_id,
            idProduct=c.product_id,
            timeout=c.write_timeout_ms,
            in_ep=c.in_ep,
            out_ep=c.out_ep,
        )
        try:
            printer.open()
        except (DeviceNotFoundError, Exception) as exc:
            raise LinkError(f"cannot open USB {c.vendor_id:04x}:{c.product_id:04x}") from exc
        self._printer = printer

    def write(self, data: bytes) -> None:
        if self._printer is None:
            raise LinkError("not open")
        try:
            self._printer._raw(data)
        except Exception as exc:  # usb.core.USBError and friends
            raise LinkError(f"USB write failed: {type(exc).__name__}") from exc

    def read(self, timeout: float) -> bytes:
        if self._printer is None:
            raise LinkError("not open")
        import usb.core  # type: ignore[import-untyped]

        try:
            data = self._printer.device.read(self.config.in_ep, 16, int(timeout * 1000) or 1)
        except usb.core.USBTimeoutError:
            return b""
        except usb.core.USBError as exc:
            raise LinkError(f"USB read failed: {exc.errno}") from exc
        return bytes(data)

    def close(self) -> None:
        printer, self._printer = self._printer, None
        if printer is not None:
            with contextlib.suppress(Exception):
                printer.close()


class FileLink:
    """A device file via python-escpos ``File``; status read through a second descriptor."""

    def __init__(self, config: FileConfig) -> None:
        self.config = config
        self._printer: Any = None
        self._rfd: int | None = None

    @property
    def bidirectional(self) -> bool:
        return self.config.bidirectional

    def open(self) -> None:
        from escpos.exceptions import DeviceNotFoundError
        from escpos.printer import File

        self.close()
        printer = File(devfile=self.config.path, auto_flush=True)
        try:
            printer.open()
        except DeviceNotFoundError as exc:
            raise LinkError(f"cannot open {self.config.path}") from exc
        self._printer = printer
        if self.config.bidirectional:
            try:
                self._rfd = os.open(self.config.path, os.O_RDONLY | os.O_NONBLOCK)
            except OSError as exc:
                self.close()
                raise LinkError(f"cannot open {self.config.path} for reading") from exc

    def write(self, data: bytes) -> None:
        if self._printer is None:
            raise LinkError("not open")
        self._printer._raw(data)

    def read(self, timeout: float) -> bytes:
        if self._rfd is None:
            return b""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._rfd], [], [], max(0.0, left))
            if ready:
                try:
                    data = os.read(self._rfd, 16)
                except BlockingIOError:
                    data = b""
                if data:
                    return data
                # Readable but empty (EOF on a plain file, EAGAIN on some drivers): do not spin.
                time.sleep(min(0.02, max(0.0, left)))
            if time.monotonic() >= deadline:
                return b""

    def close(self) -> None:
        printer, self._printer = self._printer, None
        rfd, self._rfd = self._rfd, None
        if rfd is not None:
            with contextlib.suppress(OSError):
                os.close(rfd)
        if printer is not None:
            with contextlib.suppress(Exception):
                printer.close()


def make_link(config: PrinterConfig) -> Link:
    """The link for a transport configuration."""
    match config:
        case NetworkConfig():
            return NetworkLink(config)
        case SerialConfig():
            return SerialLink(config)
        case UsbConfig():
            return UsbLink(config)
        case FileConfig():
            return FileLink(config)
    raise TypeError(f"unknown printer config {config!r}")


class DummyLink:
    """python-escpos ``Dummy``: keeps every byte in memory; cannot report status.

    For byte-level tests and for rendering a job without a device.
    """

    def __init__(self) -> None:
        from escpos.printer import Dummy

        self._dummy: Any = Dummy()

    @property
    def bidirectional(self) -> bool:
        return False

    @property
    def output(self) -> bytes:
        """Everything written so far."""
        return bytes(self._dummy.output)

    def clear(self) -> None:
        """Forget what was written."""
        self._dummy.clear()

    def open(self) -> None:
        pass

    def write(self, data: bytes) -> None:
        self._dummy._raw(data)

    def read(self, timeout: float) -> bytes:
        return b""

    def close(self) -> None:
        pass
