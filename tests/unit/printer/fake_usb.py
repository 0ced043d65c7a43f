"""A fake USB receipt printer at the pyusb backend layer (``usb.backend.IBackend``).

pyusb's real ``usb.core.find`` / ``Device`` / ``usb.util`` code runs on top of it,
so descriptor parsing, endpoint discovery, claiming and bulk transfers go through
the same calls as with libusb. The device answers DLE EOT and GS r like a printer.
"""

from __future__ import annotations

import array
from types import SimpleNamespace
from typing import Any

import usb.backend  # type: ignore[import-untyped]
import usb.core  # type: ignore[import-untyped]


def _ns(**fields: Any) -> SimpleNamespace:
    return SimpleNamespace(bLength=0, bDescriptorType=0, extra_descriptors=[], **fields)


class FakePrinterBackend(usb.backend.IBackend):  # type: ignore[misc]
    """One printer: interface 0 is a vendor-specific decoy, interface 1 the printer class.

    The printer's bulk endpoints are OUT 0x03 and IN 0x84 (not the 0x01/0x82 the
    driver used to hard-code); an interrupt IN endpoint is there to be ignored.
    """

    def __init__(self, vendor: int = 0x0416, product: int = 0x5011, paper_out: bool = False):
        super().__init__()
        self.vendor, self.product = vendor, product
        self.paper_out = paper_out
        self.written = bytearray()
        self.claimed: list[int] = []
        self.detached: list[int] = []
        self.kernel_driver = {1: True}  # usblp bound to the printer interface
        self._replies = bytearray()
        self._config = 0
        self.interfaces = [
            (
                _ns(
                    bInterfaceNumber=0,
                    bAlternateSetting=0,
                    bNumEndpoints=1,
                    bInterfaceClass=0xFF,
                    bInterfaceSubClass=0,
                    bInterfaceProtocol=0,
                    iInterface=0,
                ),
                [_ep(0x85, 0x03)],  # interrupt IN on the decoy
            ),
            (
                _ns(
                    bInterfaceNumber=1,
                    bAlternateSetting=0,
                    bNumEndpoints=3,
                    bInterfaceClass=7,
                    bInterfaceSubClass=1,
                    bInterfaceProtocol=2,
                    iInterface=0,
                ),
                [_ep(0x86, 0x03), _ep(0x03, 0x02), _ep(0x84, 0x02)],
            ),
        ]

    # -- descriptors -------------------------------------------------------------------

    def enumerate_devices(self) -> list[str]:
        return ["fake-printer"]

    def get_device_descriptor(self, dev: object) -> SimpleNamespace:
        return _ns(
            bcdUSB=0x0200,
            bDeviceClass=0,
            bDeviceSubClass=0,
            bDeviceProtocol=0,
            bMaxPacketSize0=64,
            idVendor=self.vendor,
            idProduct=self.product,
            bcdDevice=0x0100,
            iManufacturer=0,
            iProduct=0,
            iSerialNumber=0,
            bNumConfigurations=1,
            address=5,
            bus=1,
            port_number=2,
            port_numbers=(2,),
            speed=2,
        )

    def get_configuration_descriptor(self, dev: object, config: int) -> SimpleNamespace:
        return _ns(
            wTotalLength=0,
            bNumInterfaces=len(self.interfaces),
            bConfigurationValue=1,
            iConfiguration=0,
            bmAttributes=0xC0,
            bMaxPower=50,
        )

    def get_interface_descriptor(self, dev: object, intf: int, alt: int, config: int) -> Any:
        if alt != 0:
            raise IndexError("one alternate setting per interface")  # how pyusb stops
        return self.interfaces[intf][0]

    def get_endpoint_descriptor(
        self, dev: object, ep: int, intf: int, alt: int, config: int
    ) -> Any:
        return self.interfaces[intf][1][ep]

    # -- device handle -----------------------------------------------------------------

    def open_device(self, dev: object) -> str:
        return "handle"

    def close_device(self, dev_handle: object) -> None:
        pass

    def set_configuration(self, dev_handle: object, config_value: int) -> None:
        self._config = config_value

    def get_configuration(self, dev_handle: object) -> int:
        if not self._config:
            raise usb.core.USBError("not configured")
        return self._config

    def claim_interface(self, dev_handle: object, intf: int) -> None:
        if self.kernel_driver.get(intf):
            raise usb.core.USBError("Resource busy", errno=16)
        self.claimed.append(intf)

    def release_interface(self, dev_handle: object, intf: int) -> None:
        self.claimed.remove(intf)

    def is_kernel_driver_active(self, dev_handle: object, intf: int) -> bool:
        return bool(self.kernel_driver.get(intf))

    def detach_kernel_driver(self, dev_handle: object, intf: int) -> None:
        self.kernel_driver[intf] = False
        self.detached.append(intf)

    # -- transfers ---------------------------------------------------------------------

    def bulk_write(self, dev_handle: object, ep: int, intf: int, data: Any, timeout: int) -> int:
        if ep != 0x03 or intf != 1:
            raise usb.core.USBError("Pipe error", errno=32)
        chunk = bytes(data)
        self.written += chunk
        self._answer(chunk)
        return len(chunk)

    def bulk_read(
        self, dev_handle: object, ep: int, intf: int, buff: array.array, timeout: int
    ) -> int:
        if ep != 0x84 or intf != 1:
            raise usb.core.USBError("Pipe error", errno=32)
        if not self._replies:
            raise usb.core.USBTimeoutError("Operation timed out", errno=110)
        n = min(len(buff), len(self._replies))
        buff[:n] = array.array("B", self._replies[:n])
        del self._replies[:n]
        return n

    def _answer(self, chunk: bytes) -> None:
        # Real-time status (DLE EOT n) and GS r, found anywhere in the chunk.
        out = self.paper_out
        for i in range(len(chunk) - 2):
            if chunk[i : i + 2] == b"\x10\x04":
                n = chunk[i + 2]
                self._replies.append(
                    {
                        1: 0x12 | (0x08 if out else 0),
                        2: 0x12 | (0x20 if out else 0),
                        3: 0x12,
                        4: 0x12 | (0x60 if out else 0),
                    }.get(n, 0x12)
                )
            elif chunk[i : i + 3] == b"\x1dr\x01" and not out:
                self._replies.append(0x00)


def _ep(address: int, attributes: int) -> SimpleNamespace:
    return _ns(
        bEndpointAddress=address,
        bmAttributes=attributes,
        wMaxPacketSize=64,
        bInterval=0,
        bRefresh=0,
        bSynchAddress=0,
    )
