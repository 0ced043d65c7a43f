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


@pytest.mark.parametrize(
    "text",
    ["東京都の住所です。", "マイナンバーカード", "受付番号 No.123", "山田太郎様", "東京都港区"],
)
def test_shift_jis_is_detected_and_never_labelled_gb18030(text: str) -> None:
    assert decode_text(text.encode("shift_jis")) == (text, "shift_jis")


@pytest.mark.parametrize("text", ["预约", "123预约", "中华人民共和国", "龘鑫"])
def test_gb18030_that_happens_to_be_valid_utf8_or_sjis_stays_chinese(text: str) -> None:
    assert decode_text(text.encode("gb18030")) == (text, "gb18030")


@pytest.mark.parametrize(
    ("eci", "text", "encoding"),
    [
        (20, "中国", "shift_jis"),
        (26, "中国", "utf-8"),
        (29, "中国", "gb18030"),
        (3, "é", "latin-1"),
    ],
)
def test_the_symbols_eci_decides_the_charset(eci: int, text: str, encoding: str) -> None:
    # "中国" is valid in all three charsets with different bytes; the ECI says which it is.
    assert decode_text(text.encode(encoding), eci) == (text, encoding)


def test_an_eci_that_does_not_fit_the_bytes_falls_back_to_detection() -> None:
    assert decode_text("政务𠀀".encode(), eci=20) == ("政务𠀀", "utf-8")
