"""The technician card driver against the real pcscd, with the card emulated over vpcd.

Run under `flock /work/.pcscd.lock` on a shared machine (pcscd's socket is machine-wide).
"""

# ruff: noqa: F811 (the pcscd fixture is imported from tests/support/techcard_env.py)
from __future__ import annotations

import os
import threading
from collections.abc import Iterator

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from drivers.techcard.pcsc import PcscTechCardReader
from drivers.techcard.types import CardAnswer, TechCardEvent, TechCardEventKind
from kiosk.technicians.card_keys import load_card_key
from tests.support.pcscd import PcscdService
from tests.support.tech_card_chip import TechCardChip
from tests.support.techcard_env import TECH_READER, pcscd, tech_port  # noqa: F401 (a fixture)
from tests.support.vpcd_card import VirtualCard

PIN = "583920"


class Events(list[TechCardEvent]):
    def __init__(self) -> None:
        super().__init__()
        self.changed = threading.Condition()

    def __call__(self, event: TechCardEvent) -> None:
        with self.changed:
            self.append(event)
            self.changed.notify_all()

    def wait_for(self, kind: TechCardEventKind, timeout: float = 10.0) -> TechCardEvent:
        with self.changed:
            assert self.changed.wait_for(lambda: any(e.kind == kind for e in self), timeout)
            event = next(e for e in self if e.kind == kind)
            self.remove(event)
            return event


@pytest.fixture
def chip() -> TechCardChip:
    return TechCardChip("1001", PIN)


@pytest.fixture
def card(pcscd: PcscdService, chip: TechCardChip) -> Iterator[VirtualCard]:
    virtual = VirtualCard(chip, tech_port(pcscd))  # type: ignore[arg-type]
    yield virtual
    virtual.remove()


@pytest.fixture
def reader(pcscd: PcscdService) -> Iterator[tuple[PcscTechCardReader, Events]]:
    events = Events()
    driver = PcscTechCardReader(TECH_READER)
    driver.start(events)
    yield driver, events
    driver.stop()


def test_card_number_signature_and_removal(reader, card: VirtualCard, chip: TechCardChip) -> None:  # type: ignore[no-untyped-def]
    driver, events = reader
    card.insert()
    assert events.wait_for(TechCardEventKind.INSERTED).number == "1001"
    assert driver.present() == "1001"
    challenge = os.urandom(32)
    result = driver.verify_and_sign(PIN, challenge)
    assert result.answer == CardAnswer.SIGNED
    # The registered public key verifies it (raises otherwise); another challenge does not.
    key = load_card_key(chip.public_key_pem())
    key.verify(result.signature, challenge, ec.ECDSA(hashes.SHA256()))
    with pytest.raises(Exception):  # noqa: B017 - cryptography's InvalidSignature
        key.verify(result.signature, os.urandom(32), ec.ECDSA(hashes.SHA256()))
    card.remove()
    events.wait_for(TechCardEventKind.REMOVED)
    assert driver.present() is None


def test_card_counts_wrong_pins_and_blocks_itself(
    reader, card: VirtualCard, chip: TechCardChip
) -> None:  # type: ignore[no-untyped-def]
    driver, events = reader
    card.insert()
    events.wait_for(TechCardEventKind.INSERTED)
    first = driver.verify_and_sign("000001", os.urandom(32))
    assert first.answer == CardAnswer.WRONG_PIN and first.retries_left == 2
    # The counter lives on the card: out and in again, it still remembers.
    card.remove()
    events.wait_for(TechCardEventKind.REMOVED)
    card.insert()
    events.wait_for(TechCardEventKind.INSERTED)
    second = driver.verify_and_sign("000002", os.urandom(32))
    assert second.answer == CardAnswer.WRONG_PIN and second.retries_left == 1
    third = driver.verify_and_sign("000003", os.urandom(32))
    assert third.answer == CardAnswer.BLOCKED and third.retries_left == 0
    # Blocked at the card: even the right PIN is refused, and nothing is signed.
    blocked = driver.verify_and_sign(PIN, os.urandom(32))
    assert blocked.answer == CardAnswer.BLOCKED and blocked.signature == b""
    assert chip.retries == 0


def test_an_identity_document_is_not_taken_for_a_technician_card(
    pcscd: PcscdService, reader
) -> None:  # type: ignore[no-untyped-def]
    from tests.support.icao_chip import ChipConfig, IcaoChip, tiny_jpeg

    driver, events = reader
    passport = VirtualCard(IcaoChip(ChipConfig(photo=tiny_jpeg())), tech_port(pcscd))
    passport.insert()
    try:
        pcscd_seen = threading.Event()
        for _ in range(50):
            if driver.verify_and_sign(PIN, os.urandom(32)).answer == CardAnswer.NO_CARD:
                pcscd_seen.set()
                break
            threading.Event().wait(0.1)
        assert pcscd_seen.is_set()
        assert driver.present() is None and not events
    finally:
        passport.remove()
