"""The real stack: PyscardCardReader -> pyscard -> pcscd -> vpcd -> emulated ICAO chip."""

from __future__ import annotations

import io
import threading
import time

import pytest
from PIL import Image
from smartcard import scard

from drivers.card import icao
from drivers.card.mrz import mrz_information
from drivers.card.pcsc import PyscardCardReader
from drivers.card.types import BacKeys, CardEventKind, FaceFormat, ReaderStatus, ReadOutcome
from tests.support.card_events import EventLog, wait_status
from tests.support.card_events import insert_card as _insert
from tests.support.icao_chip import IcaoChip
from tests.support.pcscd import PcscdService
from tests.support.vpcd_card import VirtualCard

pytestmark = pytest.mark.integration
KEYS = BacKeys("L898902C3", "740812", "320415")


def test_reads_dg1_and_dg2(
    reader: PyscardCardReader, card: VirtualCard, events: EventLog, photo: bytes, chip: IcaoChip
) -> None:
    wait_status(reader, ReaderStatus.NO_CARD)
    serial = _insert(card, events, reader)
    result = reader.read(KEYS)
    assert result.outcome is ReadOutcome.OK, result.detail
    assert result.card_serial == serial
    doc = result.document
    assert doc is not None
    assert (doc.mrz.surname, doc.mrz.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert (doc.mrz.document_number, doc.mrz.nationality, doc.mrz.sex) == ("L898902C3", "UTO", "F")
    assert doc.face is not None and doc.face.format is FaceFormat.JPEG
    assert doc.face.data == photo
    assert Image.open(io.BytesIO(doc.face.data)).size == (48, 64)
    # The driver reset the card afterwards: the chip holds no session keys any more.
    assert not chip.in_secure_messaging
    assert reader.status() is ReaderStatus.CARD_PRESENT


def test_wrong_keys_then_right_keys(
    reader: PyscardCardReader, card: VirtualCard, events: EventLog
) -> None:
    _insert(card, events, reader)
    wrong = reader.read(BacKeys("L898902C3", "740812", "320416"))
    assert wrong.outcome is ReadOutcome.WRONG_KEYS
    assert wrong.document is None
    assert reader.read(KEYS).ok


def test_chip_refusals_through_pcscd(
    service: PcscdService, reader: PyscardCardReader, card: VirtualCard, events: EventLog
) -> None:
    """6982 for a plain read before BAC, 6300 for wrong keys, 6988 for a bad MAC."""
    _insert(card, events, reader)
    hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    assert hr == 0
    hr, hcard, proto = scard.SCardConnect(
        ctx, service.reader, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T1
    )
    assert hr == 0

    class Raw:
        def transmit(self, apdu: bytes) -> bytes:
            code, resp = scard.SCardTransmit(hcard, proto, list(apdu))
            assert code == 0
            return bytes(resp)

    raw = Raw()
    link = icao._Link(raw, None, time.monotonic)
    try:
        assert raw.transmit(bytes.fromhex("00A4040C07A0000002471001"))[-2:] == b"\x90\x00"
        assert raw.transmit(bytes.fromhex("00A4020C02011E"))[-2:] == b"\x69\x82"
        assert raw.transmit(bytes.fromhex("00B0000004"))[-2:] == b"\x69\x82"
        wrong = mrz_information("L898902C3", "740812", "320416")
        assert wrong is not None
        try:
            icao.bac(link, wrong, lambda n: bytes(n), pace=False)
        except icao._Abort as stop:
            assert stop.outcome is ReadOutcome.WRONG_KEYS and "6300" in stop.detail
        else:
            raise AssertionError("wrong keys were accepted")
        right = mrz_information("L898902C3", "740812", "320415")
        assert right is not None
        channel = icao.bac(link, right, lambda n: bytes(range(n)), pace=False)
        command = bytearray(channel.protect(bytes.fromhex("00A4020C"), b"\x01\x1e"))
        command[-2] ^= 0x01  # last MAC byte
        assert raw.transmit(bytes(command)) == b"\x69\x88"
    finally:
        scard.SCardDisconnect(hcard, scard.SCARD_RESET_CARD)
        scard.SCardReleaseContext(ctx)


def test_pace_only_card_is_reported(
    reader: PyscardCardReader, card: VirtualCard, events: EventLog, chip: IcaoChip
) -> None:
    chip.config.pace_only = True
    _insert(card, events, reader)
    assert reader.read(KEYS).outcome is ReadOutcome.PACE_ONLY


def test_card_pulled_mid_read(
    reader: PyscardCardReader, card: VirtualCard, events: EventLog, chip: IcaoChip
) -> None:
    serial = _insert(card, events, reader)
    chip.config.pull_after_apdus = 8  # inside secure messaging, while reading EF.COM/DG1
    mark = events.mark()
    result = reader.read(KEYS)
    assert card.pulled.is_set()
    assert result.outcome is ReadOutcome.CARD_REMOVED, result.detail
    assert result.document is None
    removed = events.wait_for(CardEventKind.CARD_REMOVED, after=mark)
    assert removed.card_serial == serial == result.card_serial  # the UI drops this card's data
    wait_status(reader, ReaderStatus.NO_CARD)
    assert reader.read(KEYS).outcome is ReadOutcome.NO_CARD
    # Put it back: a new card serial, and reading works without restarting anything.
    chip.config.pull_after_apdus = None
    again = _insert(card, events, reader)
    assert again != serial
    result = reader.read(KEYS)
    assert result.ok and result.card_serial == again


def test_misbehaving_answers_give_values(
    reader: PyscardCardReader, card: VirtualCard, events: EventLog, chip: IcaoChip
) -> None:
    _insert(card, events, reader)
    chip.config.truncate_from_apdu = 6
    assert reader.read(KEYS).outcome is ReadOutcome.MALFORMED
    chip.config.truncate_from_apdu = None
    chip.config.wrong_length_from_apdu = 6
    assert reader.read(KEYS).outcome is ReadOutcome.MALFORMED
    chip.config.wrong_length_from_apdu = None
    assert reader.read(KEYS).ok  # the card recovers after a reset; nothing sticks


def test_slow_answers(
    service: PcscdService, events: EventLog, card: VirtualCard, chip: IcaoChip
) -> None:
    driver = PyscardCardReader(reader_filter=service.reader, read_timeout_s=0.3)
    driver.start(events)
    try:
        _insert(card, events, driver)
        chip.config.delay_s = 0.005  # slow but within the deadline
        assert driver.read(KEYS, include_photo=False).ok
        chip.config.delay_s = 0.1  # too slow: the read gives up instead of hanging
        result = driver.read(KEYS)
        assert result.outcome is ReadOutcome.TIMEOUT
        assert result.document is None
        chip.config.delay_s = 0.0
        assert driver.read(KEYS).ok
    finally:
        driver.stop()


def test_reader_removed_and_back(
    service: PcscdService, reader: PyscardCardReader, card: VirtualCard, events: EventLog
) -> None:
    """vpcd readers cannot be unplugged, so pcscd comes back without the reader (as after
    a USB reader is pulled and the service restarts) and then with it again."""
    serial = _insert(card, events, reader)
    assert reader.read(KEYS).ok
    mark = events.mark()
    service.restart(with_reader=False)
    removed = events.wait_for(CardEventKind.CARD_REMOVED, after=mark)
    assert removed.card_serial == serial
    events.wait_for(CardEventKind.READER_REMOVED, after=mark)
    wait_status(reader, ReaderStatus.NO_READER)
    assert reader.read(KEYS).outcome is ReadOutcome.NO_READER
    mark = events.mark()
    service.restart(with_reader=True)
    events.wait_for(CardEventKind.READER_ADDED, after=mark)
    new = events.wait_for(CardEventKind.CARD_INSERTED, after=mark)
    assert new.card_serial != serial
    wait_status(reader, ReaderStatus.CARD_PRESENT)
    assert reader.read(KEYS).ok


def test_pcscd_restarted_mid_session(
    service: PcscdService,
    reader: PyscardCardReader,
    card: VirtualCard,
    events: EventLog,
    chip: IcaoChip,
) -> None:
    serial = _insert(card, events, reader)
    chip.config.delay_s = 0.03  # long enough to kill pcscd in the middle of the read
    outcome: list[ReadOutcome] = []
    worker = threading.Thread(target=lambda: outcome.append(reader.read(KEYS).outcome))
    mark = events.mark()
    worker.start()
    time.sleep(0.2)
    service.stop()
    worker.join(timeout=10)
    assert outcome and outcome[0] in (
        ReadOutcome.SERVICE_UNAVAILABLE,
        ReadOutcome.CARD_REMOVED,
        ReadOutcome.NO_READER,
    ), outcome
    lost = events.wait_for(CardEventKind.SERVICE_LOST, after=mark)
    assert lost.status is ReaderStatus.ERROR
    removed = events.wait_for(CardEventKind.CARD_REMOVED, after=mark)
    assert removed.card_serial == serial
    assert reader.read(KEYS).outcome is ReadOutcome.SERVICE_UNAVAILABLE
    chip.config.delay_s = 0.0
    mark = events.mark()
    service.start()
    events.wait_for(CardEventKind.SERVICE_RESTORED, after=mark)
    inserted = events.wait_for(CardEventKind.CARD_INSERTED, after=mark)
    assert inserted.card_serial != serial
    wait_status(reader, ReaderStatus.CARD_PRESENT)
    result = reader.read(KEYS)
    assert result.ok, result.detail
    assert result.card_serial == inserted.card_serial
