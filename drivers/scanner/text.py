"""Turn the raw bytes of a QR code into text without guessing wrong.

zbar's own charset guess turns UTF-8 Chinese into Shift-JIS or Latin-1 garbage
(see docs/scanner.md), so both backends hand us raw bytes and this module is
the single place that decides how they read as text:

1. the symbol's ECI designator, when it has one (the encoder said what it used);
2. strict UTF-8 (phones, the platform and our own receipts emit it);
3. strict GB18030 or strict Shift-JIS, whichever reads as the more plausible
   text for its language (Japanese apps emit Shift-JIS; older Chinese systems
   GB18030). Both codecs accept most byte strings, so "decodes" proves little:
   Japanese almost always has kana and JIS level-1 kanji, Chinese GB2312 hanzi.
   A Shift-JIS payload read as GB18030 comes out as rare hanzi outside GB2312,
   and GB2312 Chinese read as Shift-JIS comes out as half-width katakana.

Else the payload stays binary: better no text than a wrong label.
"""

from __future__ import annotations

from collections.abc import Callable

_UTF8_BOM = b"\xef\xbb\xbf"

# ECI assignment numbers (AIM ECI) for the charsets a kiosk in China meets.
ECI_CHARSETS: dict[int, str] = {
    3: "latin-1",
    20: "shift_jis",
    26: "utf-8",
    29: "gb18030",  # ECI 29 is GB 2312; GB18030 is its superset
    32: "gb18030",
}


def decode_text(data: bytes, eci: int | None = None) -> tuple[str | None, str | None]:
    """Return ``(text, encoding)`` for ``data``, or ``(None, None)`` when it is binary.

    ``eci`` is the symbol's ECI assignment number when it carried one. Text
    containing control characters other than tab/CR/LF counts as binary: the
    legacy codecs decode almost any byte string, so without this check random
    bytes would come back as nonsense text.
    """
    body = data[len(_UTF8_BOM) :] if data.startswith(_UTF8_BOM) else data
    if eci is not None and eci in ECI_CHARSETS:
        encoding = ECI_CHARSETS[eci]
        text = _strict(body, encoding)
        if text is not None and _looks_like_text(text):
            return text, encoding
        # A designator that does not fit the bytes is a broken encoder: fall back to detection.
    text = _strict(body, "utf-8")
    if text is not None:
        if not _looks_like_text(text):
            return None, None
        if not _gb_in_disguise(body, text):
            return text, "utf-8"
    best: tuple[float, str, str] | None = None
    for encoding, score in (("gb18030", _chinese_score), ("shift_jis", _japanese_score)):
        text = _strict(body, encoding)
        if text is None or not _looks_like_text(text):
            continue
        s = score(text)
        # Ties go to GB18030: this kiosk stands in China.
        if best is None or s > best[0]:
            best = (s, text, encoding)
    if best is None or best[0] < 0.5:
        return None, None
    return best[1], best[2]


def _gb_in_disguise(body: bytes, text: str) -> bool:
    """GB2312 hanzi pairs such as 预约 (D4 A4 D4 BC) are also valid UTF-8, as
    Cyrillic-supplement, Armenian, Hebrew or Arabic letters. When every non-ASCII
    character lands in those scripts and the GB18030 reading is everyday Chinese,
    the bytes are Chinese."""
    wide = [ord(ch) for ch in text if ord(ch) >= 0x80]
    if not wide or not all(0x0500 <= c <= 0x07FF for c in wide):
        return False
    gb = _strict(body, "gb18030")
    return gb is not None and _chinese_score(gb) >= 0.9


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_like_text(text: str) -> bool:
    return all(ch in "\t\r\n" or (ord(ch) >= 0x20 and ord(ch) != 0x7F) for ch in text)


def _mean(text: str, weight: Callable[[str], float]) -> float:
    """Mean plausibility of the non-ASCII characters (1.0 for pure ASCII)."""
    wide = [ch for ch in text if ord(ch) >= 0x80]
    if not wide:
        return 1.0
    return sum(weight(ch) for ch in wide) / len(wide)


def _lead(ch: str, codec: str) -> int | None:
    try:
        return ch.encode(codec)[0]
    except UnicodeEncodeError:
        return None


def _chinese_weight(ch: str) -> float:
    lead = _lead(ch, "gb2312")
    if lead is not None:
        # Rows 0xB0-0xD7 are the 3,755 level-1 (everyday) hanzi; below are symbols.
        return 1.0 if lead < 0xD8 else 0.8
    if _is_ideograph(ch):
        return 0.6  # rarer and traditional hanzi (GBK / GB18030 only)
    return 0.0


def _japanese_weight(ch: str) -> float:
    code = ord(ch)
    if 0xFF61 <= code <= 0xFF9F:  # half-width katakana: what GB2312 bytes turn into
        return 0.0
    if 0x3040 <= code <= 0x30FF:  # kana
        return 1.0
    lead = _lead(ch, "shift_jis")
    if lead is None:
        return 0.0
    # 0x88-0x98 lead bytes are JIS level-1 (everyday) kanji; 0x81-0x84 symbols.
    return 1.0 if lead <= 0x98 else 0.7


def _is_ideograph(ch: str) -> bool:
    code = ord(ch)
    return 0x3400 <= code <= 0x9FFF or 0x20000 <= code <= 0x3FFFF


def _chinese_score(text: str) -> float:
    return _mean(text, _chinese_weight)


def _japanese_score(text: str) -> float:
    kana = any(0x3040 <= ord(ch) <= 0x30FF for ch in text)
    # Japanese without a single kana is uncommon: trust it a little less.
    return _mean(text, _japanese_weight) * (1.0 if kana else 0.8)
