"""ICAO 9303-11 secure messaging with 3DES and the retail MAC (the BAC cipher suite).

The wrapping is kept apart from BAC itself, so a PACE implementation can supply its
own keys (and later an AES variant) to the same read path.
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.card import crypto, tlv


@dataclass(frozen=True, slots=True)
class SmResponse:
    """An unwrapped response: plaintext data and the status word from DO'99'."""

    data: bytes
    sw: int


class SecureChannel:
    """Secure-messaging state: session keys and the send-sequence counter."""

    def __init__(self, ks_enc: bytes, ks_mac: bytes, ssc: bytes) -> None:
        self.ks_enc = ks_enc
        self.ks_mac = ks_mac
        self._ssc = int.from_bytes(ssc, "big")

    @property
    def ssc(self) -> bytes:
        """The current send-sequence counter (8 bytes)."""
        return self._ssc.to_bytes(8, "big")

    def _next_ssc(self) -> bytes:
        self._ssc = (self._ssc + 1) & 0xFFFFFFFFFFFFFFFF
        return self.ssc

    def protect(self, header: bytes, data: bytes = b"", le: int | None = None) -> bytes:
        """Wrap a plain command (4-byte header, data, expected length 1..256)."""
        cla, ins, p1, p2 = header
        masked = bytes([cla | 0x0C, ins, p1, p2])
        body = b""
        if data:
            body += tlv.encode(0x87, b"\x01" + crypto.tdes_encrypt(self.ks_enc, crypto.pad(data)))
        if le is not None:
            body += b"\x97\x01" + bytes([le & 0xFF])
        mac_input = crypto.pad(self._next_ssc() + crypto.pad(masked) + body)
        body += b"\x8e\x08" + crypto.retail_mac(self.ks_mac, mac_input)
        return masked + bytes([len(body)]) + body + b"\x00"

    def unprotect(self, response: bytes) -> SmResponse | str:
        """Verify and decrypt a response; a string says why it was refused."""
        ssc = self._next_ssc()
        if len(response) < 2:
            return "response shorter than a status word"
        data, sw = response[:-2], int.from_bytes(response[-2:], "big")
        if not data:
            # A bare error status cannot be authenticated; report it, trust nothing else.
            return SmResponse(b"", sw) if sw != 0x9000 else "unprotected 9000"
        items = tlv.decode_all(data)
        if items is None:
            return "bad TLV in protected response"
        tags = [t.tag for t in items]
        if tags not in ([0x87, 0x99, 0x8E], [0x99, 0x8E], [0x85, 0x99, 0x8E]):
            return "unexpected data objects in protected response"
        mac = tlv.find(items, 0x8E)
        status = tlv.find(items, 0x99)
        if mac is None or len(mac) != 8 or status is None or len(status) != 2:
            return "bad DO'8E' or DO'99'"
        covered = b"".join(tlv.encode(t.tag, t.value) for t in items if t.tag != 0x8E)
        if crypto.retail_mac(self.ks_mac, crypto.pad(ssc + covered)) != mac:
            return "MAC mismatch"
        plain = b""
        enc = tlv.find(items, 0x87)
        if enc is not None:
            if len(enc) < 9 or enc[0] != 0x01 or (len(enc) - 1) % 8:
                return "bad DO'87'"
            unpadded = crypto.unpad(crypto.tdes_decrypt(self.ks_enc, enc[1:]))
            if unpadded is None:
                return "bad padding in DO'87'"
            plain = unpadded
        elif 0x85 in tags:
            return "DO'85' is not used by the LDS"
        return SmResponse(plain, int.from_bytes(status, "big"))
