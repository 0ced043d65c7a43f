"""Identification: chip reads, e-ID QR tokens and manual resident-ID entry."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from drivers.card.mrz import MrzData, MrzFormat
from drivers.card.types import (
    BacKeys,
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
from kiosk.identity import (
    DocumentType,
    IdentitySource,
    Sex,
    resident_id_check_char,
)
from kiosk.payloads import VerificationKeys, issue_eid_token, public_key_text
from kiosk.services.identify import (
    IdentifyOutcome,
    IdentifyResult,
    IdentifyService,
    MrzField,
    bac_keys,
    check_mrz_entry,
)

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def _clock() -> dt.datetime:
    return NOW


def _mrz(expiry: str = "340623", fmt: MrzFormat = MrzFormat.TD3) -> MrzData:
    return MrzData(
        format=fmt,
        document_code="P",
        issuing_state="CHN",
        document_number="E12345678",
        surname="ZHANG",
        given_names="SAN FENG",
        nationality="CHN",
        birth_date="690806",
        sex="M",
        expiry_date=expiry,
        optional_data="",
    )


class FakeReader:
    """A CardReader that answers every read with a prepared result and records the keys."""

    def __init__(self, result: ReadResult) -> None:
        self.result = result
        self.keys: list[BacKeys] = []

    def start(self, listener: CardListener) -> None:
        pass

    def stop(self) -> None:
        pass

    def status(self) -> ReaderStatus:
        return ReaderStatus.CARD_PRESENT

    def read(self, keys: BacKeys, *, include_photo: bool = True) -> ReadResult:
        self.keys.append(keys)
        return self.result


def _service(result: ReadResult | None, keys: VerificationKeys | None = None) -> IdentifyService:
    reader = FakeReader(result) if result is not None else None
    return IdentifyService(reader, keys or VerificationKeys(), _clock)


def _ok(expiry: str = "340623") -> ReadResult:
    face = FaceImage(FaceFormat.JPEG, b"\xff\xd8jpeg", 10, 12)
    doc = IcaoDocument(_mrz(expiry), (1, 2), face)
    return ReadResult(ReadOutcome.OK, doc, card_serial=3)


def test_chip_read_gives_identity_with_centuries_and_photo() -> None:
    result = _service(_ok()).read_card("E12345678", "19690806", "20340623")
    assert result.ok and result.identity is not None
    ident = result.identity
    assert ident.document_type is DocumentType.PASSPORT
    assert ident.source is IdentitySource.CHIP
    assert ident.birth_date == dt.date(1969, 8, 6)
    assert ident.expiry_date == dt.date(2034, 6, 23)
    assert ident.sex is Sex.MALE and ident.photo == b"\xff\xd8jpeg"
    assert result.card_serial == 3


def test_keypad_dates_become_bac_yymmdd() -> None:
    reader = FakeReader(_ok())
    IdentifyService(reader, VerificationKeys(), _clock).read_card(
        "e1234 5678", "19690806", "340623"
    )
    (keys,) = reader.keys
    assert (keys.document_number, keys.birth_date, keys.expiry_date) == (
        "E12345678",
        "690806",
        "340623",
    )


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        (ReadOutcome.WRONG_KEYS, IdentifyOutcome.WRONG_KEYS),
        (ReadOutcome.CARD_REMOVED, IdentifyOutcome.CARD_REMOVED),
        (ReadOutcome.PACE_ONLY, IdentifyOutcome.PACE_ONLY),
        (ReadOutcome.MALFORMED, IdentifyOutcome.UNREADABLE),
        (ReadOutcome.UNREADABLE, IdentifyOutcome.UNREADABLE),
        (ReadOutcome.TIMEOUT, IdentifyOutcome.UNREADABLE),
        (ReadOutcome.NOT_ICAO, IdentifyOutcome.NOT_SUPPORTED),
        (ReadOutcome.NO_READER, IdentifyOutcome.READER_UNAVAILABLE),
        (ReadOutcome.SERVICE_UNAVAILABLE, IdentifyOutcome.READER_UNAVAILABLE),
        (ReadOutcome.NO_CARD, IdentifyOutcome.NO_CARD),
    ],
)
def test_card_conditions_are_calm_values(outcome: ReadOutcome, expected: IdentifyOutcome) -> None:
    result = _service(ReadResult(outcome)).read_card("E12345678", "690806", "340623")
    assert result.outcome is expected and result.identity is None
    assert result.message_key == f"identify.result.{expected.value}"


def test_wrong_keys_is_one_attempt_so_the_card_is_never_hammered() -> None:
    reader = FakeReader(ReadResult(ReadOutcome.WRONG_KEYS))
    IdentifyService(reader, VerificationKeys(), _clock).read_card("E12345678", "690806", "340623")
    assert len(reader.keys) == 1


def test_malformed_keypad_entry_never_touches_the_card() -> None:
    reader = FakeReader(_ok())
    svc = IdentifyService(reader, VerificationKeys(), _clock)
    result = svc.read_card("E1", "19691306", "340623")
    assert result.outcome is IdentifyOutcome.INVALID_DETAILS
    assert reader.keys == []
    errors = check_mrz_entry("E1", "19691306", "")
    assert set(errors) == {MrzField.DOCUMENT_NUMBER, MrzField.BIRTH_DATE, MrzField.EXPIRY_DATE}
    assert bac_keys("E12345678", "690806", "340623") is not None


def test_expired_document_is_refused() -> None:
    result = _service(_ok(expiry="240101")).read_card("E12345678", "690806", "240101")
    assert result.outcome is IdentifyOutcome.EXPIRED and result.identity is None


def test_chip_failing_passive_authentication_is_refused() -> None:
    ok = _ok()
    assert ok.document is not None
    forged = PassiveAuthResult(PassiveAuthStatus.FAILED, "DG1 hash does not match EF.SOD")
    read = replace(ok, document=replace(ok.document, passive_auth=forged))
    result = _service(read).read_card("E12345678", "690806", "340623")
    assert result.outcome is IdentifyOutcome.CHIP_NOT_GENUINE and result.identity is None
    assert result.message_key == "identify.result.chip_not_genuine"
    verified = PassiveAuthResult(PassiveAuthStatus.VERIFIED, "", (1, 2))
    read = replace(ok, document=replace(ok.document, passive_auth=verified))
    result = _service(read).read_card("E12345678", "690806", "340623")
    assert result.ok and result.identity is not None
    assert result.identity.chip_authenticity == "verified"


def test_no_reader_configured() -> None:
    result = _service(None).read_card("E12345678", "690806", "340623")
    assert result.outcome is IdentifyOutcome.READER_UNAVAILABLE


def test_driver_bug_becomes_unreadable_not_a_traceback() -> None:
    class Broken(FakeReader):
        def read(self, keys: BacKeys, *, include_photo: bool = True) -> ReadResult:
            raise RuntimeError("bug")

    svc = IdentifyService(Broken(_ok()), VerificationKeys(), _clock)
    assert svc.read_card("E12345678", "690806", "340623").outcome is IdentifyOutcome.UNREADABLE


# --- e-ID -------------------------------------------------------------------------------

CLAIMS = {
    "sub": "u-1",
    "doc_type": "resident_id",
    "doc_number": "110105194912310021",
    "surname": "张",
    "given_names": "三丰",
    "birth_date": "1949-12-31",
    "sex": "M",
}


@pytest.fixture(scope="module")
def platform_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def _keys(key: Ed25519PrivateKey) -> VerificationKeys:
    return VerificationKeys.from_config(platform={"P1": public_key_text(key)})


def test_eid_token_gives_identity(platform_key: Ed25519PrivateKey) -> None:
    token = issue_eid_token(platform_key, CLAIMS, kid="P1", now=NOW)
    result = _service(None, _keys(platform_key)).from_qr(token)
    assert result.ok and result.identity is not None
    assert result.identity.source is IdentitySource.E_ID_QR
    assert result.identity.full_name == "张三丰"


def test_forged_eid_token_is_refused(platform_key: Ed25519PrivateKey) -> None:
    other = Ed25519PrivateKey.generate()
    token = issue_eid_token(other, CLAIMS, kid="P1", now=NOW)
    result = _service(None, _keys(platform_key)).from_qr(token)
    assert result.outcome is IdentifyOutcome.QR_FORGED and result.identity is None


def test_expired_eid_token_asks_for_a_fresh_one(platform_key: Ed25519PrivateKey) -> None:
    token = issue_eid_token(
        platform_key, CLAIMS, kid="P1", now=NOW - dt.timedelta(hours=2), lifetime_s=60
    )
    result = _service(None, _keys(platform_key)).from_qr(token)
    assert result.outcome is IdentifyOutcome.QR_EXPIRED


def test_eid_token_without_identity_fields(platform_key: Ed25519PrivateKey) -> None:
    token = issue_eid_token(platform_key, {"sub": "u-1"}, kid="P1", now=NOW)
    result = _service(None, _keys(platform_key)).from_qr(token)
    assert result.outcome is IdentifyOutcome.QR_INCOMPLETE


@pytest.mark.parametrize("text", ["hello", "https://example.com/x", b"\x00\x01\x02"])
def test_other_codes_are_not_eid(text: str | bytes, platform_key: Ed25519PrivateKey) -> None:
    result = _service(None, _keys(platform_key)).from_qr(text)
    assert result.outcome is IdentifyOutcome.QR_NOT_EID


# --- manual entry -----------------------------------------------------------------------


def _valid_id(body17: str = "11010519491231002") -> str:
    return body17 + resident_id_check_char(body17)


def test_manual_entry_gives_manual_identity() -> None:
    number = _valid_id()
    result = _service(None).manual(number.lower(), " 张三丰 ")
    assert result.ok and result.identity is not None
    ident = result.identity
    assert ident.source is IdentitySource.MANUAL
    assert ident.document_type is DocumentType.RESIDENT_ID
    assert ident.full_name == "张三丰" and ident.birth_date == dt.date(1949, 12, 31)
    assert ident.sex is Sex.FEMALE  # 17th digit 2 is even


def test_manual_entry_accepts_x_check_character() -> None:
    body = next(
        f"1101051949123100{i}"
        for i in range(10)
        if resident_id_check_char(f"1101051949123100{i}") == "X"
    )
    assert _service(None).manual(body + "x", "李四").ok


@pytest.mark.parametrize(
    ("number", "key"),
    [
        ("1101051949", "id.err.length"),
        ("11010519491231002A", "id.err.characters"),
        ("110105194913310021", "id.err.birth_date"),
    ],
)
def test_manual_entry_explains_bad_numbers(number: str, key: str) -> None:
    result = _service(None).manual(number, "张三")
    assert result.outcome is IdentifyOutcome.ID_INVALID
    assert result.message_key == key


def test_manual_entry_wrong_check_digit() -> None:
    good = _valid_id()
    bad = good[:17] + ("1" if good[17] != "1" else "2")
    assert _service(None).manual(bad, "张三").message_key == "id.err.check_digit"


@pytest.mark.parametrize("name", ["", "   ", "张3", "x" * 41])
def test_manual_entry_needs_a_name(name: str) -> None:
    result = _service(None).manual(_valid_id(), name)
    assert result.outcome is IdentifyOutcome.NAME_INVALID


def test_result_repr_carries_no_personal_data() -> None:
    result = _service(None).manual(_valid_id(), "张三丰")
    assert "张" not in repr(result) and "110105" not in repr(result)


def test_qr_codes_from_the_camera_become_results(platform_key: Ed25519PrivateKey) -> None:
    import threading

    from drivers.scanner.simulator import SimulatedScanner

    scanner = SimulatedScanner(latency_s=0.0)
    svc = IdentifyService(None, _keys(platform_key), _clock, scanner=scanner)
    got: list[IdentifyResult] = []
    done = threading.Event()

    def on_result(r: IdentifyResult) -> None:
        got.append(r)
        if len(got) == 2:
            done.set()

    assert svc.start_qr(on_result)
    scanner.present("hello")
    scanner.present(issue_eid_token(platform_key, CLAIMS, kid="P1", now=NOW))
    assert done.wait(5.0)
    svc.stop_qr()
    assert [r.outcome for r in got] == [IdentifyOutcome.QR_NOT_EID, IdentifyOutcome.OK]
    assert scanner.status().state.value == "stopped"
    assert not IdentifyService(None, VerificationKeys(), _clock).start_qr(on_result)
