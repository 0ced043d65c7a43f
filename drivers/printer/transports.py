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
import socket
import termios
import time
from dataclasses import dataclass
from typing import Any, Protocol

from drivers.fd_wait import wait_readable


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
    in_ep: int = 0  # 0 = discovered from the descriptors
    out_ep: int = 0
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
    """USB through pyusb: the device found by vendor/product id, endpoints discovered.

    The printer-class interface (bInterfaceClass 7) is preferred, else the first
    interface with a bulk OUT endpoint; its bulk OUT and IN endpoints are taken from
    the descriptors, because models differ (0x01/0x82, 0x02/0x81, 0x03/0x84 ...).
    ``UsbConfig.in_ep`` / ``out_ep`` override the discovery when set to non-zero.
    ``backend`` is a pyusb backend (None = libusb); tests pass a fake one.
    """

    def __init__(self, config: UsbConfig, backend: Any = None) -> None:
        self.config = config
        self._backend = backend
        self._dev: Any = None
        self._intf: int | None = None
        self.in_ep: int | None = None
        self.out_ep: int | None = None

    @property
    def bidirectional(self) -> bool:
        return self.in_ep is not None or self._dev is None

    def open(self) -> None:
        import usb.core  # type: ignore[import-untyped]
        import usb.util  # type: ignore[import-untyped]

        self.close()
        c = self.config
        try:
            dev = usb.core.find(idVendor=c.vendor_id, idProduct=c.product_id, backend=self._backend)
        except (usb.core.NoBackendError, usb.core.USBError) as exc:
            raise LinkError(f"cannot search USB for {c.vendor_id:04x}:{c.product_id:04x}") from exc
        if dev is None:
            raise LinkError(f"no USB printer {c.vendor_id:04x}:{c.product_id:04x}")
        try:
            try:
                cfg = dev.get_active_configuration()
            except usb.core.USBError:
                dev.set_configuration()
                cfg = dev.get_active_configuration()
            intf = _printer_interface(cfg, usb.util)
            if intf is None:
                raise LinkError("USB device has no interface with a bulk OUT endpoint")
            number = int(intf.bInterfaceNumber)
            if dev.is_kernel_driver_active(number):
                # usblp holds printer-class interfaces; libusb needs it let go.
                dev.detach_kernel_driver(number)
            usb.util.claim_interface(dev, number)
        except usb.core.USBError as exc:
            raise LinkError(f"cannot claim USB printer: {exc}") from exc
        out_ep, in_ep = _bulk_endpoints(intf, usb.util)
        self.out_ep = c.out_ep or out_ep
        self.in_ep = c.in_ep or in_ep
        self._dev, self._intf = dev, number

    def write(self, data: bytes) -> None:
        if self._dev is None or self.out_ep is None:
            raise LinkError("not open")
        try:
            written = self._dev.write(self.out_ep, data, self.config.write_timeout_ms)
        except Exception as exc:  # usb.core.USBError and friends
            raise LinkError(f"USB write failed: {type(exc).__name__}") from exc
        if written != len(data):
            raise LinkError(f"USB write short: {written} of {len(data)} bytes")

    def read(self, timeout: float) -> bytes:
        if self._dev is None:
            raise LinkError("not open")
        if self.in_ep is None:
            return b""
        import usb.core

        try:
            data = self._dev.read(self.in_ep, 64, int(timeout * 1000) or 1)
        except usb.core.USBTimeoutError:
            return b""
        except usb.core.USBError as exc:
            raise LinkError(f"USB read failed: {exc.errno}") from exc
        return bytes(data)

    def close(self) -> None:
        dev, self._dev = self._dev, None
        if dev is not None:
            import usb.util

            with contextlib.suppress(Exception):
                if self._intf is not None:
                    usb.util.release_interface(dev, self._intf)
            with contextlib.suppress(Exception):
                usb.util.dispose_resources(dev)


_USB_CLASS_PRINTER = 7


def _printer_interface(cfg: Any, util: Any) -> Any:
    """The printer-class interface, else the first one with a bulk OUT endpoint."""
    candidates = list(cfg)
    candidates.sort(key=lambda i: 0 if int(i.bInterfaceClass) == _USB_CLASS_PRINTER else 1)
    for intf in candidates:
        if _bulk_endpoints(intf, util)[0] is not None:
            return intf
    return None


def _bulk_endpoints(intf: Any, util: Any) -> tuple[int | None, int | None]:
    out_ep = in_ep = None
    for ep in intf:
        if util.endpoint_type(ep.bmAttributes) != util.ENDPOINT_TYPE_BULK:
            continue
        if util.endpoint_direction(ep.bEndpointAddress) == util.ENDPOINT_OUT:
            out_ep = out_ep if out_ep is not None else int(ep.bEndpointAddress)
        else:
            in_ep = in_ep if in_ep is not None else int(ep.bEndpointAddress)
    return out_ep, in_ep


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
            if wait_readable(self._rfd, max(0.0, left)):
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
