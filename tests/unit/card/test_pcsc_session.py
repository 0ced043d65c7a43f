"""The per-command time limit against a scripted PC/SC API whose SCardTransmit can hang.

pcsc-lite's transmit cannot be interrupted; this checks the driver's answer to that
(walk away, leave the cleanup to the session's thread, never pile up stuck calls)
step by step, with no timing asserts. The real thing runs against pcscd + vpcd in
tests/integration/card/test_chip_faults.py.
"""

from __future__ import annotations

import threading

from smartcard import scard

from drivers.card.pcsc import PyscardCardReader
from drivers.card.types import BacKeys, ReadOutcome
from tests.support.icao_chip import ChipConfig, IcaoChip
from tests.unit.card.test_pcsc_watcher import FakePcsc, _until

KEYS = BacKeys("L898902C3", "740812", "320415")


class HangingPcsc(FakePcsc):
    """A reader holding an ICAO chip whose transmit hangs while ``mute`` is set."""

    def __init__(self, chip: IcaoChip) -> None:
        super().__init__()
        self.readers.append("R1")
        self.cards.add("R1")
        self.chip = chip
        self.mute = False
        self.card_out = threading.Event()  # taking the card out ends a hung transmit
        self.hung = threading.Event()
        self.connects = 0
        self.disconnects: list[tuple[int, int]] = []
        self.released: list[int] = []

    def SCardReleaseContext(self, ctx: int) -> int:
        self.released.append(ctx)
        return 0

    def SCardConnect(
        self, ctx: int, reader: str, share: int, protocols: int
    ) -> tuple[int, int, int]:
        self.connects += 1
        self.chip.reset()
        return 0, 1000 + self.connects, scard.SCARD_PROTOCOL_T1

    def SCardTransmit(self, hcard: int, proto: int, apdu: list[int]) -> tuple[int, list[int]]:
        if self.mute:
            self.hung.set()
            self.card_out.wait()
            return scard.SCARD_W_REMOVED_CARD, []
        return 0, list(self.chip.process(bytes(apdu)))

    def SCardDisconnect(self, hcard: int, disposition: int) -> int:
        self.disconnects.append((hcard, disposition))
        return 0


def test_a_hung_transmit_is_abandoned_and_cleaned_up_by_its_session() -> None:
    fake = HangingPcsc(IcaoChip(ChipConfig()))
    driver = PyscardCardReader(scard_api=fake, command_timeout_s=0.5, read_timeout_s=30)
    assert driver.read(KEYS).ok
    assert fake.disconnects == [(1001, scard.SCARD_RESET_CARD)]

    fake.mute = True
    result = driver.read(KEYS)
    assert result.outcome is ReadOutcome.TIMEOUT and result.document is None
    assert "no answer within 0.5 s" in result.detail
    assert fake.hung.is_set()
    # The hung call still holds its handle: nothing was disconnected behind its back.
    assert fake.disconnects == [(1001, scard.SCARD_RESET_CARD)]

    # A new attempt while the chip is still mute neither says BUSY nor queues a
    # second stuck call behind the first.
    again = driver.read(KEYS)
    assert again.outcome is ReadOutcome.TIMEOUT and "still mute" in again.detail
    assert fake.connects == 2

    # The card leaves: the session finishes the call, resets and releases by itself,
    # and the reader reads the next card.
    assert fake.released == [fake.released[0]]  # only the first read's context so far
    fake.mute = False
    fake.card_out.set()
    _until(lambda: len(fake.released) == 2)  # the abandoned session cleaned up by itself
    result = driver.read(KEYS)
    assert result.ok, result.detail
    assert (1002, scard.SCARD_RESET_CARD) in fake.disconnects
    assert fake.connects == 3
    assert len(fake.released) == 3  # every read's context, the abandoned one included
