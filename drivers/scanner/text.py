"""Turn the raw bytes of a QR code into text without guessing wrong on Chinese.

zbar's own charset guess turns UTF-8 Chinese into Shift-JIS or Latin-1 garbage
(see docs/scanner.md), so both backends hand us raw bytes and this module is
the single place that decides how they read as text: strict UTF-8 first (what
phones, the platform and our own receipts emit), then strict GB18030 (older
Chinese systems), else the payload stays binary.
"""

from __future__ import annotations

_UTF8_BOM = b"\xef\xbb\xbf"


def decode_text(data: bytes) -> tuple[str | None, str | None]:
    """Return ``(text, encoding)`` for ``data``, or ``(None, None)`` when it is binary.

    Text containing control characters other than tab/CR/LF counts as binary:
    GB18030 can decode almost any byte string, so without this check random
    bytes would come back as nonsense Chinese.
    """
    body = data[len(_UTF8_BOM) :] if data.startswith(_UTF8_BOM) else data
    for encoding in ("utf-8", "gb18030"):
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, encoding
        return None, None
    return None, None


def _looks_like_text(text: str) -> bool:
    return all(ch in "\t\r\n" or (ord(ch) >= 0x20 and ord(ch) != 0x7F) for ch in text)
