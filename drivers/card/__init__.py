"""Identity documents over PC/SC: ICAO 9303 chips (BAC, secure messaging, DG1, DG2).

Public surface: :class:`CardReader` (protocol), the types in :mod:`drivers.card.types`,
:class:`~drivers.card.pcsc.PyscardCardReader` (real) and
:class:`~drivers.card.simulator.SimulatedCardReader` (demo). pyscard is imported only
by :mod:`drivers.card.pcsc`, so the simulator works without it.
"""

from drivers.card.protocol import CardReader
from drivers.card.types import (
    BacKeys,
    CardEvent,
    CardEventKind,
    CardListener,
    FaceFormat,
    FaceImage,
    IcaoDocument,
    PassiveAuthResult,
    PassiveAuthStatus,
    ReaderStatus,
    ReadOutcome,
    ReadResult,
)

__all__ = [
    "BacKeys",
    "CardEvent",
    "CardEventKind",
    "CardListener",
    "CardReader",
    "FaceFormat",
    "FaceImage",
    "IcaoDocument",
    "PassiveAuthResult",
    "PassiveAuthStatus",
    "ReadOutcome",
    "ReadResult",
    "ReaderStatus",
]
