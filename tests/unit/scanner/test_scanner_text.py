"""Raw QR bytes become text by our rules, never by a decoder's charset guess."""

from __future__ import annotations

import pytest

from drivers.scanner.text import decode_text


@pytest.mark.parametrize(
    "text",
    ["办理进度查询：ZW3301", "中国", "居民身份证 鑫龘𠀀", "hello", "tab\tand\nnewline", "￥100"],
)
def test_utf8_text_round_trips(text: str) -> None:
    assert decode_text(text.encode("utf-8")) == (text, "utf-8")


@pytest.mark.parametrize("text", ["中国", "政务服务自助终端", "社会保障卡（补办）"])
def test_gb18030_text_is_recognised_when_not_utf8(text: str) -> None:
    data = text.encode("gb18030")
    assert decode_text(data) == (text, "gb18030")


def test_utf8_bom_is_dropped() -> None:
    assert decode_text("\ufeff中文".encode()) == ("中文", "utf-8")


@pytest.mark.parametrize(
    "data",
    [bytes(range(32)), b"\x00abc", b"ab\x7fcd", bytes([0x80, 0x00, 0x81, 0x01])],
)
def test_binary_payloads_stay_binary(data: bytes) -> None:
    assert decode_text(data) == (None, None)


def test_empty_payload_is_empty_text() -> None:
    assert decode_text(b"") == ("", "utf-8")
