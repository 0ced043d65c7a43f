"""The 256-byte text block, parsed from blocks written out field by field."""

from __future__ import annotations

import datetime as dt

import pytest

from drivers.idcard.nations import nation, nations
from drivers.idcard.text_block import (
    TextBlockError,
    build_additional_address,
    build_text,
    card_kind,
    parse_additional_address,
    parse_text,
    split_fields,
)
from drivers.idcard.types import CardKind
from tests.support.idcard_blocks import (
    field,
    foreign_2017_block,
    foreign_2023_block,
    hmt_block,
    resident_block,
)


def test_resident_card_every_field() -> None:
    block = resident_block()
    assert len(block) == 256
    c = parse_text(block, wlt=b"W" * 1024)
    assert c.kind is CardKind.RESIDENT
    assert (c.name, c.sex_code, c.nation_code, c.nation) == ("张三", "1", "01", "汉")
    assert c.birth == dt.date(1980, 1, 1)
    assert c.address == "北京市东城区正义路1号"
    assert c.number == "110101198001010010"
    assert c.authority == "北京市公安局东城分局"
    assert (c.valid_from, c.valid_until, c.long_term) == (
        dt.date(2010, 1, 1),
        dt.date(2030, 1, 1),
        False,
    )
    assert c.wlt == b"W" * 1024
    assert repr(c) == "ResidentCard(resident)"  # nothing personal in a repr


def test_long_term_validity() -> None:
    c = parse_text(resident_block(valid_until="长期"))
    assert c.long_term and c.valid_until is None
    assert not c.expired_on(dt.date(2099, 1, 1))


def test_expired_card() -> None:
    c = parse_text(resident_block(valid_until="20201231"))
    assert c.expired_on(dt.date(2021, 1, 1))
    assert not c.expired_on(dt.date(2020, 12, 31))


@pytest.mark.parametrize(
    "address",
    [
        "新疆维吾尔自治区乌鲁木齐市天山区解放南路街道办事处人民路社区居委会二号",  # 35 chars: fills 70 bytes
        "广西壮族自治区南宁市青秀区民族大道１２８号Ａ座",  # full-width digits and letters
        "四川省凉山彝族自治州昭觉县㐀村",  # CJK extension A (still one UCS-2 unit)
        "北京市 海淀区  中关村",  # inner spaces are kept
    ],
)
def test_odd_addresses(address: str) -> None:
    assert len(address.encode("utf-16-le")) <= 70
    assert parse_text(resident_block(address=address)).address == address


def test_nul_padding_is_stripped_like_spaces() -> None:
    c = parse_text(resident_block(pad="\x00"))
    assert c.name == "张三" and c.address == "北京市东城区正义路1号"
    assert c.kind is CardKind.RESIDENT


@pytest.mark.parametrize(
    ("code", "printed"),
    [("56", "基诺"), ("37", "仡佬"), ("97", "其他"), ("98", "外国血统"), ("44", "俄罗斯")],
)
def test_rare_nation_codes(code: str, printed: str) -> None:
    c = parse_text(resident_block(nation=code))
    assert (c.nation_code, c.nation) == (code, printed)


def test_unknown_nation_code_is_kept_but_not_named() -> None:
    c = parse_text(resident_block(nation="99"))
    assert (c.nation_code, c.nation) == ("99", "")


def test_nation_table_is_complete() -> None:
    assert len(nations()) == 58  # 56 nations, 其他, 外国血统中国籍人士
    assert nation("1") == nation("01")


def test_x_check_character_upper_cased() -> None:
    assert parse_text(resident_block(number="11010119800101001x")).number.endswith("X")


def test_bad_birth_date_is_none_not_an_error() -> None:
    assert parse_text(resident_block(birth="19800231")).birth is None


def test_hmt_residence_permit() -> None:
    c = parse_text(hmt_block())
    assert c.kind is CardKind.HMT_RESIDENCE
    assert (c.name, c.number, c.pass_number, c.issue_count) == (
        "陈嘉欣",
        "810000199007150020",
        "H12345678",
        "01",
    )
    assert c.address.startswith("广东省深圳市") and c.nation == ""


def test_foreign_permanent_residence_2017() -> None:
    c = parse_text(foreign_2017_block())
    assert c.kind is CardKind.FOREIGN_2017
    assert (c.english_name, c.name, c.number, c.nationality) == (
        "MUELLER, ANNA",
        "安娜",
        "DEU110087031521",
        "DEU",
    )
    assert c.birth == dt.date(1987, 3, 15) and c.valid_until == dt.date(2028, 6, 1)
    assert (c.version, c.authority_code, c.sex_code) == ("02", "1100", "2")


def test_foreign_permanent_residence_2023_with_long_english_name() -> None:
    c = parse_text(foreign_2023_block("WOLFESCHLEGELSTEINHAUSEN, HUBERT B", "LAINE"))
    assert c.kind is CardKind.FOREIGN_2023
    assert c.english_name == "WOLFESCHLEGELSTEINHAUSEN, HUBERT BLAINE"
    assert (c.name, c.number, c.nationality, c.issue_count) == (
        "史密斯约翰",
        "911840198001010013",
        "USA",
        "00",
    )


def test_unknown_card_type_and_short_block() -> None:
    block = bytearray(resident_block())
    block[248:250] = "Z".encode("utf-16-le")
    with pytest.raises(TextBlockError):
        card_kind(bytes(block))
    with pytest.raises(TextBlockError):
        parse_text(resident_block()[:200])


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (CardKind.RESIDENT, resident_block()),
        (CardKind.HMT_RESIDENCE, hmt_block()),
        (CardKind.FOREIGN_2017, foreign_2017_block()),
        (CardKind.FOREIGN_2023, foreign_2023_block()),
    ],
)
def test_builder_matches_the_hand_written_blocks(kind: CardKind, expected: bytes) -> None:
    assert card_kind(expected) is kind
    assert build_text(kind, split_fields(expected, kind)) == expected


def test_builder_refuses_what_does_not_fit() -> None:
    with pytest.raises(ValueError):
        build_text(CardKind.RESIDENT, {"name": "名" * 16})


def test_additional_address_newest_wins() -> None:
    data = (
        build_additional_address("旧址一号") + build_additional_address("新址二号") + field("", 70)
    )
    assert parse_additional_address(data) == "新址二号"
    assert parse_additional_address(b"") == ""
