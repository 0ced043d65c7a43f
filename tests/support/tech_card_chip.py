"""A technician card's application, for the real pcscd through vpcd (tests and demo).

SELECT by AID answers the technician number; VERIFY checks the PIN against the
card's own retry counter (63 Cx with the tries left, 69 83 once blocked, and the
counter survives taking the card out); INTERNAL AUTHENTICATE signs the kiosk's
challenge with the card's P-256 key, only after a right PIN in this session.
Plugs into :class:`tests.support.vpcd_card.VirtualCard` like the ICAO chip does.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from drivers.techcard.types import AID, INS_INTERNAL_AUTH, INS_SELECT, INS_VERIFY

SW_OK = b"\x90\x00"


@dataclass
class _Config:
    delay_s: float = 0.0


class TechCardChip:
    """The card: number, PIN, retry counter, key."""

    def __init__(self, number: str, pin: str, retries: int = 3) -> None:
        self.number = number
        self._pin = pin
        self.max_retries = retries
        self.retries = retries
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.config = _Config()
        self.muted = False
        self._selected = False
        self._verified = False

    def public_key_pem(self) -> str:
        """The card's public key, as the technician register holds it."""
        return (
            self.key.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode("ascii")
        )

    # The VirtualCard hooks (this card never misbehaves on the wire).
    def reset(self) -> None:
        """Power cycle: the application is deselected and the PIN state forgotten."""
        self._selected = False
        self._verified = False

    def should_pull(self) -> bool:
        return False

    def goes_mute(self) -> bool:
        return False

    def process(self, apdu: bytes) -> bytes:
        """Answer one command APDU."""
        if len(apdu) < 4:
            return b"\x67\x00"
        ins = apdu[1]
        data = apdu[5 : 5 + apdu[4]] if len(apdu) > 5 else b""
        if ins == INS_SELECT:
            if data != AID:
                self._selected = False
                return b"\x6a\x82"
            self._selected, self._verified = True, False
            return self.number.encode("ascii") + SW_OK
        if not self._selected:
            return b"\x69\x85"
        if ins == INS_VERIFY:
            return self._verify(data)
        if ins == INS_INTERNAL_AUTH:
            if not self._verified:
                return b"\x69\x82"
            return self.key.sign(data, ec.ECDSA(hashes.SHA256())) + SW_OK
        return b"\x6d\x00"

    def _verify(self, pin: bytes) -> bytes:
        if self.retries == 0:
            return b"\x69\x83"  # blocked: not even the right PIN
        if not pin:
            return bytes([0x63, 0xC0 | self.retries])
        if pin == self._pin.encode("ascii"):
            self.retries = self.max_retries
            self._verified = True
            return SW_OK
        self.retries -= 1
        self._verified = False
        return bytes([0x63, 0xC0 | self.retries])
