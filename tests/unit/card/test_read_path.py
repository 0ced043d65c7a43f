"""The whole read path against the software chip, in process (no PC/SC)."""

from __future__ import annotations

from drivers.card.icao import read_document
from drivers.card.mrz import build_td1
from drivers.card.transport import CardGone, ReaderGone, ServiceGone, TransportError
from drivers.card.types import BacKeys, FaceFormat, ReadOutcome, ReadResult
from tests.support.icao_chip import ChipConfig, IcaoChip, lds_files, tiny_jpeg

KEYS = BacKeys("L898902C3", "740812", "320415")


class ChipTransport:
    """Direct function-call transport to the chip; can fail like PC/SC does."""

    def __init__(self, chip: IcaoChip, fail_at: int | None = None, error: type | None = None):
        self.chip = chip
        self.fail_at = fail_at
        self.error = error
        self.count = 0

    def transmit(self, apdu: bytes) -> bytes:
        self.count += 1
        if self.fail_at is not None and self.count >= self.fail_at and self.error is not None:
            raise self.error("gone")
        return self.chip.process(apdu)


def _read(cfg: ChipConfig, keys: BacKeys = KEYS) -> ReadResult:
    return read_document(ChipTransport(IcaoChip(cfg)), keys)


def test_reads_dg1_and_jpeg_face() -> None:
    photo = tiny_jpeg()
    result = read_document(ChipTransport(IcaoChip(ChipConfig(photo=photo))), KEYS)
    assert result.outcome is ReadOutcome.OK, result.detail
    assert result.document is not None
    assert result.document.mrz.document_number == "L898902C3"
    assert result.document.mrz.surname == "ERIKSSON"
    assert result.document.data_groups == (1, 2)
    assert result.document.face is not None
    assert result.document.face.format is FaceFormat.JPEG
    assert result.document.face.data == photo


def test_jpeg2000_face_is_recognised() -> None:
    j2k = b"\x00\x00\x00\x0cjP  \r\n\x87\n" + bytes(300)
    chip = IcaoChip(ChipConfig(photo=j2k, jpeg2000=True))
    result = read_document(ChipTransport(chip), KEYS)
    assert result.document is not None and result.document.face is not None
    assert result.document.face.format is FaceFormat.JPEG2000


def test_photo_can_be_skipped() -> None:
    chip = IcaoChip(ChipConfig(photo=tiny_jpeg()))
    result = read_document(ChipTransport(chip), KEYS, include_photo=False)
    assert result.ok and result.document is not None and result.document.face is None


def test_td1_card_with_long_number() -> None:
    mrz = build_td1(
        code="ID",
        state="UTO",
        number="D23145890734",
        surname="ERIKSSON",
        given="ANNA",
        nationality="UTO",
        birth="740812",
        sex="F",
        expiry="320415",
    )
    result = read_document(
        ChipTransport(IcaoChip(ChipConfig(mrz=mrz))), BacKeys("D23145890734", "740812", "320415")
    )
    assert result.ok and result.document is not None
    assert result.document.mrz.document_number == "D23145890734"


def test_wrong_keys_are_told_apart() -> None:
    chip = IcaoChip()
    result = read_document(ChipTransport(chip), BacKeys("L898902C3", "740813", "320415"))
    assert result.outcome is ReadOutcome.WRONG_KEYS
    assert result.document is None
    # A wrong entry does not lock the chip: the right keys still work straight after.
    assert read_document(ChipTransport(chip), KEYS).ok


def test_malformed_keys_never_reach_the_card() -> None:
    t = ChipTransport(IcaoChip())
    assert read_document(t, BacKeys("L898902C3", "7408", "320415")).outcome is (
        ReadOutcome.INVALID_KEYS
    )
    assert t.count == 0


def test_pace_only_card() -> None:
    assert _read(ChipConfig(pace_only=True)).outcome is ReadOutcome.PACE_ONLY


def test_card_offering_pace_and_bac_is_read_with_bac() -> None:
    result = read_document(ChipTransport(IcaoChip(ChipConfig(card_access=True))), KEYS)
    assert result.ok and result.document is not None and result.document.pace_supported


def test_chip_refuses_plain_read_before_bac() -> None:
    chip = IcaoChip()
    chip.process(bytes.fromhex("00A4040C07A0000002471001"))
    assert chip.process(bytes.fromhex("00A4020C020101"))[-2:] == b"\x69\x82"
    assert chip.process(bytes.fromhex("00B0000004"))[-2:] == b"\x69\x82"


def test_bad_mac_is_refused_by_chip_and_by_reader() -> None:
    result = _read(ChipConfig(corrupt_mac_from_apdu=5))
    assert result.outcome is ReadOutcome.MALFORMED
    assert result.document is None


def test_truncated_and_overlong_answers() -> None:
    for cfg in (ChipConfig(truncate_from_apdu=6), ChipConfig(wrong_length_from_apdu=6)):
        result = _read(cfg)
        assert result.outcome is ReadOutcome.MALFORMED


def test_transport_failures_map_to_outcomes() -> None:
    cases = [
        (CardGone, ReadOutcome.CARD_REMOVED),
        (ReaderGone, ReadOutcome.NO_READER),
        (ServiceGone, ReadOutcome.SERVICE_UNAVAILABLE),
        (TransportError, ReadOutcome.UNREADABLE),
    ]
    for error, outcome in cases:
        t = ChipTransport(IcaoChip(), fail_at=7, error=error)
        result = read_document(t, KEYS)
        assert result.outcome is outcome
        assert result.document is None


def test_deadline_gives_timeout() -> None:
    ticks = iter(range(100))
    result = read_document(
        ChipTransport(IcaoChip()), KEYS, timeout_s=3.5, clock=lambda: float(next(ticks))
    )
    assert result.outcome is ReadOutcome.TIMEOUT


def test_dg1_must_match_the_keys() -> None:
    # A chip that authenticates with one MRZ but serves another is not trusted.
    other = build_td1(
        code="ID",
        state="UTO",
        number="X12345678",
        surname="OTHER",
        given="PERSON",
        nationality="UTO",
        birth="740812",
        sex="F",
        expiry="320415",
    )
    chip = IcaoChip()
    chip._files[0x0101] = lds_files(other, None)[0x0101]
    result = read_document(ChipTransport(chip), KEYS)
    assert result.outcome is ReadOutcome.MALFORMED
    assert result.document is None
