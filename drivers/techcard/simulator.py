"""A technician card for the demo: the same card application, in memory.

The card keeps its own retry counter and blocks itself, like the real one; its
key is generated per run (the demo registers its public key for technician 1000).
"""

from __future__ import annotations

import threading

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from drivers.techcard.protocol import TechCardListener
from drivers.techcard.types import (
    CardAnswer,
    CardResult,
    TechCardEvent,
    TechCardEventKind,
)

RETRIES = 3


class SimulatedTechCardReader:
    """One reader, one demo card that can be laid on it and taken away."""

    def __init__(self, number: str = "1000", pin: str = "246810") -> None:
        self.number = number
        self._pin = pin
        self._key = ec.generate_private_key(ec.SECP256R1())
        self.retries = RETRIES
        self._inserted = False
        self._listener: TechCardListener | None = None
        self._lock = threading.Lock()

    def public_key_pem(self) -> str:
        """The card's public key, for the technician register."""
        return (
            self._key.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode("ascii")
        )

    def start(self, listener: TechCardListener) -> None:
        """Remember who to tell."""
        self._listener = listener

    def stop(self) -> None:
        """Forget the listener."""
        self._listener = None

    def present(self) -> str | None:
        """The card's number while it lies on the reader."""
        return self.number if self._inserted else None

    def insert(self) -> None:
        """Lay the demo card on the reader."""
        self._inserted = True
        if self._listener is not None:
            self._listener(TechCardEvent(TechCardEventKind.INSERTED, self.number))

    def remove(self) -> None:
        """Take it away."""
        self._inserted = False
        if self._listener is not None:
            self._listener(TechCardEvent(TechCardEventKind.REMOVED))

    def verify_and_sign(self, pin: str, challenge: bytes) -> CardResult:
        """The card's own PIN check and signature."""
        with self._lock:
            if not self._inserted:
                return CardResult(CardAnswer.NO_CARD)
            if self.retries == 0:
                return CardResult(CardAnswer.BLOCKED, 0)
            if pin != self._pin:
                self.retries -= 1
                answer = CardAnswer.BLOCKED if self.retries == 0 else CardAnswer.WRONG_PIN
                return CardResult(answer, self.retries)
            self.retries = RETRIES
            sig = self._key.sign(challenge, ec.ECDSA(hashes.SHA256()))
            return CardResult(CardAnswer.SIGNED, self.retries, sig)
