"""Text blocks written out field by field, independently of drivers.idcard.text_block.

The parser's tests compare against these, so a wrong layout in the driver's data
file cannot be hidden by the same wrong layout in a builder.
"""

from __future__ import annotations


def field(text: str, size: int, pad: str = " ") -> bytes:
    """``text`` as UCS-2LE, padded to ``size`` bytes."""
    raw = text.encode("utf-16-le")
    assert len(raw) <= size, (text, size)
    return raw + pad.encode("utf-16-le") * ((size - len(raw)) // 2)


def resident_block(
    *,
    name: str = "张三",
    sex: str = "1",
    nation: str = "01",
    birth: str = "19800101",
    address: str = "北京市东城区正义路1号",
    number: str = "110101198001010010",
    authority: str = "北京市公安局东城分局",
    valid_from: str = "20100101",
    valid_until: str = "20300101",
    pad: str = " ",
) -> bytes:
    """A 居民身份证 text block: 30+2+4+16+70+36+30+16+16 bytes, then 36 reserved."""
    return (
        field(name, 30, pad)
        + field(sex, 2, pad)
        + field(nation, 4, pad)
        + field(birth, 16, pad)
        + field(address, 70, pad)
        + field(number, 36, pad)
        + field(authority, 30, pad)
        + field(valid_from, 16, pad)
        + field(valid_until, 16, pad)
        + field("", 36, pad)
    )


def hmt_block(pass_number: str = "H12345678", issue_count: str = "01") -> bytes:
    """A 港澳台居民居住证 block: as the resident card, then pass number, count, flag J."""
    return (
        field("陈嘉欣", 30)
        + field("2", 2)
        + field("", 4)
        + field("19900715", 16)
        + field("广东省深圳市福田区福华三路88号", 70)
        + field("810000199007150020", 36)
        + field("深圳市公安局福田分局", 30)
        + field("20240801", 16)
        + field("20290801", 16)
        + field(pass_number, 18)
        + field(issue_count, 4)
        + field("", 6)
        + field("J", 2)
        + field("", 6)
    )


def foreign_2017_block() -> bytes:
    """A 2017 外国人永久居留身份证 block (English name first, flag I)."""
    return (
        field("MUELLER, ANNA", 120)
        + field("2", 2)
        + field("DEU110087031521", 30)
        + field("DEU", 6)
        + field("安娜", 30)
        + field("20180601", 16)
        + field("20280601", 16)
        + field("19870315", 16)
        + field("02", 4)
        + field("1100", 8)
        + field("I", 2)
        + field("", 6)
    )


def foreign_2023_block(english: str = "SMITH, JOHN", more: str = "") -> bytes:
    """A 2023 外国人永久居留身份证 block (flag Y); ``more`` continues the English name."""
    return (
        field("史密斯约翰", 30)
        + field("1", 2)
        + field("00", 4)
        + field("19800101", 16)
        + field(english, 70)
        + field("911840198001010013", 36)
        + field("", 30)
        + field("20240101", 16)
        + field("20340101", 16)
        + field(more, 22)
        + field("USA", 6)
        + field("Y", 2)
        + field("", 6)
    )
